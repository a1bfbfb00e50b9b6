// Replies through every platform's API (local fakes checking the documented shapes): queued
// durably, sent, receipts applied forward only (even before the send call has answered), rate
// limits retried after the platform's wait, permanent errors not retried, windows respected.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Serai } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';
import { serveWithFakePlatforms, addFakeChannels } from '../fakes/send_server.mjs';

const s = new Serai();
let platforms;
let counsellor;
const ch = {};
let seq = 0;

before(async () => {
  let admin;
  ({ platforms, admin } = await serveWithFakePlatforms(s));
  Object.assign(ch, await addFakeChannels(admin, platforms, s.centreId('kabul'), '900'));
  counsellor = await s.signIn('counsellor.kabul@example.org');
});
after(async () => {
  await s.cleanup();
  await platforms?.stop();
});

// A contact writes on `platform`; returns the new conversation's id.
async function contactWrites(platform, { ageHours = 0 } = {}) {
  const n = ++seq;
  const tsMs = Date.now() - ageHours * 3600 * 1000;
  const name = `Contact ${platform} ${n}`;
  const d = platform === 'whatsapp' ? fake.whatsappText(ch.whatsapp, { from: `9370000${String(n).padStart(4, '0')}`, id: `wamid.IN${n}`, text: 'سلام', name, ts: Math.floor(tsMs / 1000) })
    : platform === 'viber' ? fake.viberText(ch.viber, { user: `viber-${n}=`, token: String(5741311803571700000n + BigInt(n)), text: 'hello', name, ts: tsMs })
    : platform === 'telegram' ? fake.telegramText(ch.telegram, { updateId: 900000 + n, chatId: 5120040000 + n, messageId: 1, text: 'hello', name, ts: Math.floor(tsMs / 1000) })
    : fake.messengerText(ch[platform], { psid: `69000000${n}`, mid: `m_IN${n}`, text: 'hello', ts: tsMs }, platform === 'instagram' ? 'instagram' : 'page');
  assert.equal((await fake.deliver(s.base, ch[platform], d)).status, 200);
  const convs = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations?limit=200`)).json.items;
  // Messenger and Instagram give no name: find the conversation by its message's time (ms).
  const conv = convs.find((c) => c.contact_name === name) ??
    convs.find((c) => c.platform === platform && c.last_message_at === tsMs);
  return conv.id;
}

const messagesPath = (conv) => `/api/v1/centres/${s.centreId('kabul')}/conversations/${conv}/messages`;

async function reply(conv, text) {
  return counsellor.req('POST', messagesPath(conv), { text });
}

async function outStatus(conv, until, ms = 8000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    const msgs = (await counsellor.req('GET', messagesPath(conv))).json.items.filter((m) => m.direction === 'out');
    last = msgs.at(-1);
    if (last && until.includes(last.status)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  return last;
}

test('a reply on each platform reaches the platform as a correctly formed send call', async () => {
  for (const platform of ['whatsapp', 'viber', 'telegram', 'messenger', 'instagram']) {
    const conv = await contactWrites(platform);
    const before = platforms.calls.length;
    const text = `Reply on ${platform}: ما در خدمت شما هستیم\nSecond line`;
    const res = await reply(conv, text);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.status, 'queued');
    const m = await outStatus(conv, ['sent']);
    assert.equal(m?.status, 'sent', `${platform}: ${JSON.stringify(m)}`);
    const calls = platforms.calls.slice(before).filter((c) => c.platform === platform);
    assert.equal(calls.length, 1, platform);
    assert.deepEqual(calls[0].problems, [], platform);
    const sentText = calls[0].body.text?.body ?? calls[0].body.message?.text ?? calls[0].body.text;
    assert.equal(sentText, text, platform);
  }
});

test('receipts move the status forward, even when one overtakes the send call', async () => {
  const conv = await contactWrites('whatsapp');
  platforms.receiptFirst = 'whatsapp';
  await reply(conv, 'receipt first');
  const m = await outStatus(conv, ['delivered']);
  platforms.receiptFirst = null;
  assert.equal(m?.status, 'delivered');
  const wamid = `wamid.OUT${platforms.n}`;
  const receipt = (status) => fake.whatsapp(ch.whatsapp, { statuses: [{ id: wamid, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '1' }] });
  assert.equal((await fake.deliver(s.base, ch.whatsapp, receipt('read'))).status, 200);
  assert.equal((await outStatus(conv, ['read']))?.status, 'read');
  assert.equal((await fake.deliver(s.base, ch.whatsapp, receipt('delivered'))).status, 200);
  assert.equal((await outStatus(conv, ['read']))?.status, 'read', 'a late delivered does not undo read');
});

test('rate limits are retried after the platform\'s wait; permanent errors are not retried', async () => {
  for (const platform of ['telegram', 'viber', 'whatsapp']) {
    const conv = await contactWrites(platform);
    platforms.failNext(platform, 'rate');
    const before = platforms.calls.filter((c) => c.platform === platform).length;
    await reply(conv, 'after a wait');
    const m = await outStatus(conv, ['sent'], 15000);
    assert.equal(m?.status, 'sent', platform);
    assert.equal(platforms.calls.filter((c) => c.platform === platform).length - before, 2, `${platform}: one refusal, one retry`);
  }
  for (const [platform, code] of [['whatsapp', '131026'], ['telegram', '403'], ['viber', '6'], ['messenger', '551']]) {
    const conv = await contactWrites(platform);
    platforms.failNext(platform, 'permanent');
    const before = platforms.calls.filter((c) => c.platform === platform).length;
    await reply(conv, 'will fail');
    const m = await outStatus(conv, ['failed']);
    assert.equal(m?.status, 'failed', platform);
    assert.ok(m.error.startsWith(code), `${platform}: ${m.error}`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(platforms.calls.filter((c) => c.platform === platform).length - before, 1, `${platform}: not retried`);
  }
});

test('the platforms\' windows: WhatsApp after 24 hours refuses; Messenger uses HUMAN_AGENT up to 7 days', async () => {
  const old = await contactWrites('whatsapp', { ageHours: 30 });
  const refused = await reply(old, 'too late');
  assert.equal(refused.status, 409);
  assert.equal(refused.json.code, 'window_closed');
  const m = await contactWrites('messenger', { ageHours: 30 });
  const before = platforms.calls.length;
  assert.equal((await reply(m, 'a person answers')).status, 201);
  assert.equal((await outStatus(m, ['sent']))?.status, 'sent');
  const call = platforms.calls.slice(before).find((c) => c.platform === 'messenger');
  assert.equal(call.body.messaging_type, 'MESSAGE_TAG');
  assert.equal(call.body.tag, 'HUMAN_AGENT');
  const ancient = await contactWrites('instagram', { ageHours: 24 * 8 });
  assert.equal((await reply(ancient, 'too late')).status, 409);
});

test('outside WhatsApp\'s window a template goes out, with its values, in Meta\'s shape', async () => {
  const manager = await s.signIn('manager.kabul@example.org');
  const templates = `/api/v1/centres/${s.centreId('kabul')}/templates`;
  const accounts = (await manager.req('GET', `/api/v1/centres/${s.centreId('kabul')}/channels`)).json.items;
  const whatsapp = accounts.find((a) => a.platform === 'whatsapp' && a.external_id === '106540000000900');
  const telegram = accounts.find((a) => a.platform === 'telegram' && a.external_id === '7000000900');
  const body = 'سلام {{1}}، وقت ملاقات شما {{2}} است. برای صحبت با مشاور به این پیام پاسخ دهید.';
  const made = await manager.req('POST', templates, { channel_account_id: whatsapp.id, name: 'appointment_reminder', language: 'fa', body });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.parameters, 2);
  // Kept by managers; Meta's rules for names, languages and placeholders; WhatsApp accounts only.
  assert.equal((await counsellor.req('POST', templates, { channel_account_id: whatsapp.id, name: 'x', language: 'fa', body: 'x' })).status, 403);
  for (const bad of [{ name: 'Appointment Reminder' }, { language: 'farsi' }, { body: 'skips {{2}}' }, { channel_account_id: telegram.id }, { body: '' }]) {
    const res = await manager.req('POST', templates, { channel_account_id: whatsapp.id, name: 'other', language: 'fa', body: 'hi {{1}}', ...bad });
    assert.equal(res.status, 400, JSON.stringify(bad));
  }
  assert.equal((await manager.req('POST', templates, { channel_account_id: whatsapp.id, name: 'appointment_reminder', language: 'fa', body })).status, 409);
  const listed = (await counsellor.req('GET', templates)).json.items;
  assert.deepEqual(listed.map((t) => t.name), ['appointment_reminder']);

  const old = await contactWrites('whatsapp', { ageHours: 30 });
  const conv = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations/${old}`)).json;
  assert.ok(conv.reply_window_ends_at < Date.now(), 'the window has closed');
  for (const values of [['رحیم'], ['رحیم', 'line\nbreak'], ['a', 'b', 'c'], []]) {
    const res = await counsellor.req('POST', messagesPath(old), { template_id: made.json.id, template_values: values });
    assert.equal(res.status, 400, JSON.stringify(values));
  }
  assert.equal((await counsellor.req('POST', messagesPath(old), { text: 'both', template_id: made.json.id, template_values: ['a', 'b'] })).status, 400);
  const before = platforms.calls.length;
  const sent = await counsellor.req('POST', messagesPath(old), { template_id: made.json.id, template_values: ['رحیم', 'دوشنبه ساعت ۱۰'] });
  assert.equal(sent.status, 201, sent.text);
  assert.equal(sent.json.kind, 'template');
  assert.equal(sent.json.text, 'سلام رحیم، وقت ملاقات شما دوشنبه ساعت ۱۰ است. برای صحبت با مشاور به این پیام پاسخ دهید.');
  assert.equal((await outStatus(old, ['sent']))?.status, 'sent');
  const call = platforms.calls.slice(before).find((c) => c.platform === 'whatsapp');
  assert.deepEqual(call.problems, []);
  assert.equal(call.body.type, 'template');
  assert.deepEqual(call.body.template, { name: 'appointment_reminder', language: { code: 'fa' },
    components: [{ type: 'body', parameters: [{ type: 'text', text: 'رحیم' }, { type: 'text', text: 'دوشنبه ساعت ۱۰' }] }] });
  // A template belongs to its account: not for a Telegram conversation.
  const tg = await contactWrites('telegram');
  assert.equal((await counsellor.req('POST', messagesPath(tg), { template_id: made.json.id, template_values: ['a', 'b'] })).status, 400);
  assert.equal((await manager.req('DELETE', `${templates}/${made.json.id}`)).status, 204);
  assert.equal((await counsellor.req('POST', messagesPath(old), { template_id: made.json.id, template_values: ['a', 'b'] })).status, 400);
});

test('replies are checked before they are queued', async () => {
  const conv = await contactWrites('messenger');
  assert.equal((await reply(conv, 'x'.repeat(2000))).status, 400);
  assert.equal((await reply(conv, '')).status, 400);
  assert.equal((await counsellor.req('POST', messagesPath(conv), { text: 'a\u0000b' })).status, 400);
  const dhaka = await s.signIn('counsellor.dhaka@example.org');
  assert.equal((await dhaka.req('POST', messagesPath(conv), { text: 'not my centre' })).status, 403);
});

test('one chat\'s replies leave in the order written, even when the first must wait for a retry', async () => {
  const conv = await contactWrites('telegram');
  const before = platforms.calls.length;
  platforms.failNext('telegram', 'rate');  // the first answer is 429, retry after 1 s
  const texts = ['first', 'second', 'third', 'fourth'];
  for (const text of texts) assert.equal((await reply(conv, text)).status, 201);
  const end = Date.now() + 15000;
  let sent = [];
  while (Date.now() < end) {
    const calls = platforms.calls.slice(before).filter((c) => c.platform === 'telegram');
    sent = calls.map((c) => c.body.text);
    if (sent.filter((t) => t !== 'first').length >= 3 && sent.includes('first')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // The refused first attempt, then every message once, in order.
  assert.deepEqual(sent, ['first', 'first', 'second', 'third', 'fourth']);
});
