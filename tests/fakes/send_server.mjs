// Fake platform APIs for sending: one local server answering the send calls of all five platforms
// under /<platform>/..., checking each call against the documented shape (CHANNELS.md) and
// recording it. Failures can be injected per platform: 'rate' (the platform's rate-limit answer)
// or 'permanent' (an answer that must not be retried). With receiptFirst, the fake posts a
// delivery receipt webhook for the id it is about to return before it answers the send call.
import http from 'node:http';
import { createHash } from 'node:crypto';
import * as fake from './platforms.mjs';

export async function startFakePlatforms() {
  const state = { calls: [], fail: {}, receiptFirst: null, serai: '', channels: {}, n: 0, media: {} };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { raw += d; });
    req.on('end', async () => {
      if (req.method === 'GET') {
        serveMedia(state, req, res);
        return;
      }
      const [, platform, ...rest] = req.url.split('/');
      let body = null;
      try { body = JSON.parse(raw); } catch { /* recorded as a problem below */ }
      const call = { platform, path: '/' + rest.join('/'), headers: req.headers, body, problems: [] };
      state.calls.push(call);
      const reply = await answer(state, call);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(reply.raw ?? JSON.stringify(reply.body));
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  state.base = `http://127.0.0.1:${server.address().port}`;
  state.stop = () => new Promise((ok) => server.close(ok));
  state.failNext = (platform, kind) => { state.fail[platform] = kind; };
  // A file the fake platforms serve under `id`: `bytes` (a Buffer), the type they declare,
  // `declaredSize` to claim another size, `failures` answers of 503 before the file.
  state.addMedia = (id, bytes, mime, { declaredSize, failures = 0, gone = false } = {}) => {
    state.media[id] = { bytes, mime, declaredSize: declaredSize ?? bytes.length, failures, gone, downloads: 0 };
  };
  state.mediaUrl = (id) => `${state.base}/cdn/${id}`;
  return state;
}

// The platforms' media endpoints (CHANNELS.md 1.6, 2.6): WhatsApp's look-up (bearer token) and
// download URL (bearer token again), Telegram's getFile and file download, and a CDN for the URLs
// Viber, Messenger and Instagram put in their webhooks. Requests are recorded with the calls.
function serveMedia(state, req, res) {
  const url = new URL(req.url, state.base);
  const call = { platform: 'media', path: url.pathname, headers: req.headers, body: null, problems: [] };
  state.calls.push(call);
  const send = (status, body, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type });
    res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  };
  const file = (id, needsToken) => {
    const m = state.media[id];
    if (!m || m.gone) return send(404, { error: 'not found' });
    if (needsToken && !(req.headers.authorization ?? '').startsWith('Bearer ')) return send(401, { error: 'no token' });
    if (m.failures > 0) { m.failures--; return send(503, { error: 'try later' }); }
    m.downloads++;
    return send(200, m.bytes, m.mime);
  };
  let match;
  if ((match = url.pathname.match(/^\/whatsapp\/v\d+\.\d+\/([\w.-]+)$/))) {
    const m = state.media[match[1]];
    if (!(req.headers.authorization ?? '').startsWith('Bearer ')) return send(401, { error: { code: 190, message: 'token' } });
    if (!m || m.gone) return send(404, { error: { code: 100, message: 'unknown media id' } });
    const sha256 = createHash('sha256').update(m.bytes).digest('hex');
    return send(200, { messaging_product: 'whatsapp', url: `${state.base}/whatsapp-dl/${match[1]}`, mime_type: m.mime, sha256, file_size: m.declaredSize, id: match[1] });
  }
  if ((match = url.pathname.match(/^\/whatsapp-dl\/([\w.-]+)$/))) return file(match[1], true);
  if ((match = url.pathname.match(/^\/telegram\/bot\d+:[\w-]+\/getFile$/))) {
    const id = url.searchParams.get('file_id');
    const m = state.media[id];
    if (!m || m.gone) return send(400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
    return send(200, { ok: true, result: { file_id: id, file_unique_id: 'u' + id, file_size: m.declaredSize, file_path: `documents/${id}.bin` } });
  }
  if ((match = url.pathname.match(/^\/telegram\/file\/bot\d+:[\w-]+\/documents\/([\w.-]+)\.bin$/))) return file(match[1], false);
  if ((match = url.pathname.match(/^\/cdn\/([\w.-]+)$/))) return file(match[1], false);
  call.problems.push('unknown media path ' + url.pathname);
  return send(404, {});
}

function check(call, cond, problem) {
  if (!cond) call.problems.push(problem);
}

async function answer(state, call) {
  const { platform, body, headers } = call;
  check(call, body && typeof body === 'object', 'body is not JSON');
  check(call, (headers['content-type'] ?? '').startsWith('application/json'), 'not application/json');
  const failure = state.fail[platform];
  delete state.fail[platform];
  const n = ++state.n;
  switch (platform) {
    case 'whatsapp': {
      check(call, /^\/v\d+\.\d+\/\d+\/messages$/.test(call.path), 'path is /vN/<phone_number_id>/messages');
      check(call, (headers.authorization ?? '').startsWith('Bearer '), 'bearer token');
      check(call, body?.messaging_product === 'whatsapp' && ['text', 'template'].includes(body?.type), 'messaging_product and type');
      check(call, /^\+\d{6,15}$/.test(body?.to ?? ''), 'to is E.164 with +');
      if (body?.type === 'template') {
        const tpl = body.template;
        check(call, /^[a-z0-9_]{1,512}$/.test(tpl?.name ?? ''), 'template.name');
        check(call, /^[a-z]{2,3}(_[A-Z]{2})?$/.test(tpl?.language?.code ?? ''), 'template.language.code');
        check(call, Array.isArray(tpl?.components) && tpl.components.every((c) => c.type === 'body' && Array.isArray(c.parameters)
          && c.parameters.every((p) => p.type === 'text' && typeof p.text === 'string' && p.text.length > 0 && !/[\n\t]/.test(p.text))), 'template.components');
        check(call, body.text === undefined, 'no text with a template');
      } else {
        check(call, typeof body?.text?.body === 'string' && body.text.body.length <= 4096, 'text.body');
      }
      if (failure === 'rate') return graphError(400, 130429, 'Rate limit hit');
      if (failure === 'permanent') return graphError(400, 131026, 'Message undeliverable');
      const id = `wamid.OUT${n}`;
      if (state.receiptFirst === 'whatsapp') {
        const ch = state.channels.whatsapp;
        await fake.deliver(state.serai, ch, fake.whatsapp(ch, { statuses: [{ id, status: 'delivered', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: body.to.slice(1) }] }));
      }
      return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to.slice(1) }], messages: [{ id }] } };
    }
    case 'messenger':
    case 'instagram': {
      check(call, /^\/v\d+\.\d+\/\d+\/messages$/.test(call.path), 'path is /vN/<page or IG id>/messages');
      check(call, (headers.authorization ?? '').startsWith('Bearer '), 'bearer token');
      check(call, typeof body?.recipient?.id === 'string', 'recipient.id');
      check(call, typeof body?.message?.text === 'string' && body.message.text.length < 2000, 'message.text');
      check(call, ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(body?.messaging_type), 'messaging_type');
      check(call, body?.messaging_type !== 'MESSAGE_TAG' || body?.tag === 'HUMAN_AGENT', 'tag with MESSAGE_TAG');
      if (failure === 'rate') return graphError(400, 613, 'Calls to this api have exceeded the rate limit');
      if (failure === 'permanent') return graphError(400, 551, 'This person isn\'t available right now');
      return { status: 200, body: { recipient_id: body.recipient.id, message_id: `m_OUT${n}` } };
    }
    case 'viber': {
      check(call, call.path === '/pa/send_message', 'path is /pa/send_message');
      check(call, !!headers['x-viber-auth-token'], 'X-Viber-Auth-Token');
      check(call, typeof body?.receiver === 'string' && body?.type === 'text', 'receiver and type');
      check(call, typeof body?.sender?.name === 'string' && body.sender.name.length <= 28, 'sender.name up to 28');
      check(call, typeof body?.text === 'string' && body.text.length <= 7000, 'text');
      // Viber reports errors inside HTTP 200.
      if (failure === 'rate') return { status: 200, body: { status: 12, status_message: 'tooManyRequests' } };
      if (failure === 'permanent') return { status: 200, body: { status: 6, status_message: 'receiverNotSubscribed' } };
      return { status: 200, raw: `{"status":0,"status_message":"ok","message_token":${5741311803571800000n + BigInt(n)},"chat_hostname":"SN-CHAT-01_"}` };
    }
    case 'telegram': {
      check(call, /^\/bot\d+:[\w-]+\/sendMessage$/.test(call.path), 'path is /bot<token>/sendMessage');
      check(call, body?.chat_id !== undefined && typeof body?.text === 'string' && body.text.length <= 4096, 'chat_id and text');
      if (failure === 'rate') {
        return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } };
      }
      if (failure === 'permanent') return { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } };
      return { status: 200, body: { ok: true, result: { message_id: 1000 + n, chat: { id: Number(body.chat_id), type: 'private' }, date: Math.floor(Date.now() / 1000), text: body.text } } };
    }
    default:
      call.problems.push('unknown platform ' + platform);
      return { status: 404, body: {} };
  }
}

function graphError(status, code, message) {
  return { status, body: { error: { message, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details: message }, fbtrace_id: 'Afake' } } };
}

// For tests: fake platforms plus a demo serai that knows their address, and an administrator's
// client to add channel accounts with.
export async function serveWithFakePlatforms(serai, serveFlags = []) {
  const platforms = await startFakePlatforms();
  serai.demo();
  await serai.start(serveFlags);
  platforms.serai = serai.base;
  const admin = await serai.signIn('admin@example.org');
  return { platforms, admin };
}

// Adds a channel account in `centreId` that sends to the fakes; returns what the fakes need to
// post as that platform (secrets, external id, webhook path).
export async function addFakeChannel(admin, platforms, centreId, platform, externalId, secrets) {
  const res = await admin.req('POST', `/api/v1/centres/${centreId}/channels`, {
    platform, name: `Fake ${platform}`, external_id: externalId, base_url: `${platforms.base}/${platform}`, secrets });
  if (res.status !== 201) throw new Error(`channel ${platform}: ${res.status} ${res.text}`);
  const ch = { ...secrets, id: res.json.id, external_id: externalId, webhook_path: res.json.webhook_path };
  platforms.channels[platform] = ch;
  return ch;
}

// One channel account of each platform in `centreId`, all sending to the fakes, with ids ending in
// `n` (three digits, so that several test files' accounts differ); returns them by platform.
export async function addFakeChannels(admin, platforms, centreId, n) {
  const ch = {};
  for (const [platform, external] of [['whatsapp', `106540000000${n}`], ['viber', `pa:serai${n}`], ['telegram', `7000000${n}`],
    ['messenger', `110000000000${n}`], ['instagram', `178400000000${n}`]]) {
    const secrets = { app_secret: 'app-' + platform, verify_token: 'verify-' + platform, access_token: 'access-' + platform,
      auth_token: 'auth-' + platform, bot_token: `7000000${n}:token-${platform}`, secret_token: 'secret-' + platform };
    ch[platform] = await addFakeChannel(admin, platforms, centreId, platform, external, secrets);
  }
  return ch;
}
