// Fake messaging platforms: webhook deliveries built and signed the way each platform does it
// (see shared/design/CHANNELS.md), for posting at a serai under test.
//   WhatsApp, Messenger, Instagram: X-Hub-Signature-256: sha256=HMAC-SHA256(app secret, raw body),
//     with the body's non-ASCII text \u-escaped in lower-case hex, as Meta sends it.
//   Viber: X-Viber-Content-Signature: hex HMAC-SHA256(auth token, raw body); message tokens are
//     64-bit integers above 2^53, written as literal digits.
//   Telegram: X-Telegram-Bot-Api-Secret-Token: the secret token.
import { createHmac } from 'node:crypto';
import http from 'node:http';

// Platforms keep connections open; so does the fake (and it is much cheaper than fetch).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

// JSON with every non-ASCII UTF-16 unit escaped as \uXXXX (Python's ensure_ascii=True).
export function asciiJson(value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

const hmacHex = (key, body) => createHmac('sha256', key).update(body).digest('hex');

function meta(ch, body) {
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' + hmacHex(ch.app_secret, body) } };
}

export function whatsapp(ch, { messages = [], statuses = [], contacts = [] }) {
  return meta(ch, asciiJson({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290000000001', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '93700000000', phone_number_id: ch.external_id },
      ...(contacts.length ? { contacts } : {}),
      ...(messages.length ? { messages } : {}),
      ...(statuses.length ? { statuses } : {}),
    } }] }],
  }));
}

export function whatsappText(ch, { from, id, text, name = 'Rahim', ts = Math.floor(Date.now() / 1000) }) {
  return whatsapp(ch, {
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [{ from, id, timestamp: String(ts), type: 'text', text: { body: text } }],
  });
}

export function messenger(ch, events, object = 'page') {
  return meta(ch, asciiJson({ object, entry: [{ id: ch.external_id, time: Date.now(), messaging: events }] }));
}

export function messengerText(ch, { psid, mid, text, ts = Date.now() }, object = 'page') {
  return messenger(ch, [{ sender: { id: psid }, recipient: { id: ch.external_id }, timestamp: ts, message: { mid, text } }], object);
}

// `token` is a decimal string: it may not fit in a JavaScript number.
export function viber(ch, fields, token) {
  const body = JSON.stringify(fields).replace(/^\{/, `{"message_token":${token},`);
  return { body, headers: { 'content-type': 'application/json', 'x-viber-content-signature': hmacHex(ch.auth_token, body) } };
}

export function viberText(ch, { user, token, text, name = 'Sita', ts = Date.now() }) {
  return viber(ch, { event: 'message', timestamp: ts, sender: { id: user, name, language: 'ne', api_version: 10 }, message: { type: 'text', text } }, token);
}

export function telegram(ch, update) {
  const body = JSON.stringify(update);
  return { body, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': ch.secret_token } };
}

// `lang` is the language of the person's Telegram app (language_code), sent as a hint.
export function telegramText(ch, { updateId, chatId, messageId, text, name = 'Amina', lang = 'ur', ts = Math.floor(Date.now() / 1000) }) {
  return telegram(ch, { update_id: updateId, message: { message_id: messageId, from: { id: chatId, is_bot: false, first_name: name, language_code: lang }, chat: { id: chatId, type: 'private' }, date: ts, text } });
}

// POSTs one delivery; resolves to { status, text }, rejects when the connection fails.
export function deliver(base, ch, { body, headers }) {
  const url = new URL(base + ch.webhook_path);
  return new Promise((resolve, reject) => {
    const req = http.request({
      hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
