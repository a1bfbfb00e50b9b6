// Inbound webhooks of all five platforms, posted by fakes that sign like the platforms: stored once,
// readable by the centre's counsellors, refused when unsigned, malformed or oversize, never a 5xx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { demoServer } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

let channels;
let counsellor;
const s = demoServer(async (server) => {
  channels = JSON.parse(readFileSync(join(server.dataDir, 'demo-channels.json'), 'utf8'));
  counsellor = await server.signIn('counsellor.kabul@example.org');
});
const ch = (platform, centre = 'kabul') => channels.find((c) => c.platform === platform && c.centre === centre);
const kabul = () => s.centreId('kabul');

async function conversations() {
  const res = await counsellor.req('GET', `/api/v1/centres/${kabul()}/conversations?limit=200`);
  assert.equal(res.status, 200, res.text);
  return res.json.items;
}
async function messagesOf(conversation) {
  const res = await counsellor.req('GET', `/api/v1/centres/${kabul()}/conversations/${conversation.id}/messages`);
  assert.equal(res.status, 200, res.text);
  return res.json.items;
}
async function find(platform, name) {
  return (await conversations()).find((c) => c.platform === platform && c.contact_name === name);
}

test('the GET handshake echoes the challenge only for the right verify token', async () => {
  for (const platform of ['whatsapp', 'messenger', 'instagram']) {
    const c = ch(platform);
    const ok = await fetch(`${s.base}${c.webhook_path}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(c.verify_token)}&hub.challenge=1158201444`);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), '1158201444');
    const bad = await fetch(`${s.base}${c.webhook_path}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    assert.equal(bad.status, 403);
  }
});

test('a message from each platform lands in its centre\'s inbox, in its own script', async () => {
  const sent = [
    ['whatsapp', fake.whatsappText(ch('whatsapp'), { from: '93700000001', id: 'wamid.T1', text: 'پاسپورت من را گرفته‌اند', name: 'Rahim' }), 'Rahim', 'پاسپورت من را گرفته‌اند'],
    ['viber', fake.viberText(ch('viber'), { user: '01234567890A=', token: '5741311803571721087', text: 'नमस्ते, मलाई सहयोग चाहियो', name: 'Sita' }), 'Sita', 'नमस्ते, मलाई सहयोग चाहियो'],
    ['telegram', fake.telegramText(ch('telegram'), { updateId: 804112233, chatId: 5120043211, messageId: 57, text: 'ویزا کیسے ملے گا؟', name: 'Amina' }), 'Amina', 'ویزا کیسے ملے گا؟'],
    ['messenger', fake.messengerText(ch('messenger'), { psid: '6900000000000001', mid: 'm_T1', text: 'Как получить визу?' }), '', 'Как получить визу?'],
    ['instagram', fake.messengerText(ch('instagram'), { psid: '17840000000000001', mid: 'ig_T1', text: 'هل يمكنني العمل في الخارج؟' }, 'instagram'), '', 'هل يمكنني العمل في الخارج؟'],
  ];
  for (const [platform, delivery, name, text] of sent) {
    const res = await fake.deliver(s.base, ch(platform), delivery);
    assert.equal(res.status, 200, `${platform}: ${res.text}`);
    const conv = await find(platform, name);
    assert.ok(conv, `${platform}: no conversation`);
    const msgs = await messagesOf(conv);
    assert.deepEqual(msgs.map((m) => m.text), [text], platform);
    assert.equal(msgs[0].direction, 'in');
  }
});

test('the same webhook delivered 10 times makes one message', async () => {
  const delivery = fake.whatsappText(ch('whatsapp'), { from: '93700000002', id: 'wamid.DUP', text: 'once', name: 'Dup' });
  for (let i = 0; i < 10; i++) assert.equal((await fake.deliver(s.base, ch('whatsapp'), delivery)).status, 200);
  const viberDup = fake.viberText(ch('viber'), { user: 'dup-user=', token: '5741311803571721999', text: 'once', name: 'ViberDup' });
  for (let i = 0; i < 10; i++) assert.equal((await fake.deliver(s.base, ch('viber'), viberDup)).status, 200);
  assert.equal((await messagesOf(await find('whatsapp', 'Dup'))).length, 1);
  assert.equal((await messagesOf(await find('viber', 'ViberDup'))).length, 1);
});

test('a WhatsApp batch stores every message of every entry', async () => {
  const c = ch('whatsapp');
  const delivery = fake.whatsapp(c, {
    contacts: [1, 2, 3].map((i) => ({ profile: { name: `Batch ${i}` }, wa_id: `9370000010${i}` })),
    messages: [1, 2, 3].map((i) => ({ from: `9370000010${i}`, id: `wamid.B${i}`, timestamp: '1767225600', type: 'text', text: { body: `batch ${i}` } })),
  });
  assert.equal((await fake.deliver(s.base, c, delivery)).status, 200);
  for (const i of [1, 2, 3]) assert.ok(await find('whatsapp', `Batch ${i}`));
});

test('bad signatures are refused and store nothing', async () => {
  const before = (await conversations()).length;
  for (const platform of ['whatsapp', 'viber', 'telegram', 'messenger', 'instagram']) {
    const c = ch(platform);
    const forged = { ...c, app_secret: 'wrong', auth_token: 'wrong', secret_token: 'wrong' };
    const delivery = platform === 'whatsapp' ? fake.whatsappText(forged, { from: '93700000009', id: 'wamid.FORGED', text: 'x', name: 'Forged' })
      : platform === 'viber' ? fake.viberText(forged, { user: 'forged=', token: '5741311803571722000', text: 'x', name: 'Forged' })
      : platform === 'telegram' ? fake.telegramText(forged, { updateId: 1, chatId: 99, messageId: 1, text: 'x', name: 'Forged' })
      : fake.messengerText(forged, { psid: '999', mid: 'm_FORGED', text: 'x' }, platform === 'instagram' ? 'instagram' : 'page');
    const res = await fake.deliver(s.base, c, delivery);
    assert.equal(res.status, 401, platform);
    const unsigned = await fetch(s.base + c.webhook_path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: delivery.body });
    assert.equal(unsigned.status, 401, platform);
  }
  assert.equal((await conversations()).length, before);
});

test('malformed, foreign-shaped and oversize bodies get a clear 4xx and store nothing', async () => {
  const before = (await conversations()).length;
  const c = ch('whatsapp');
  const sign = (body) => ({ body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=' + createHmac('sha256', c.app_secret).update(body).digest('hex') } });
  for (const body of ['{"object":', '[]', '{"object":"page","entry":[]}', '{"object":"whatsapp_business_account","entry":[1]}']) {
    const res = await fake.deliver(s.base, c, sign(body));
    assert.equal(res.status, 400, body);
  }
  const huge = sign('{"object":"whatsapp_business_account","entry":[],"pad":"' + 'x'.repeat(5 * 1024 * 1024) + '"}');
  assert.equal((await fake.deliver(s.base, c, huge)).status, 413);
  assert.equal((await conversations()).length, before);
});

test('unknown accounts, wrong platforms and a Viber ping', async () => {
  const c = ch('whatsapp');
  const delivery = fake.whatsappText(c, { from: '1', id: 'wamid.X', text: 'x' });
  const wrongPlatform = await fetch(s.base + c.webhook_path.replace('/whatsapp/', '/viber/'), { method: 'POST', headers: delivery.headers, body: delivery.body });
  assert.equal(wrongPlatform.status, 404);
  const unknown = await fetch(`${s.base}/webhooks/whatsapp/01900000-0000-7000-8000-000000000000`, { method: 'POST', headers: delivery.headers, body: delivery.body });
  assert.equal(unknown.status, 404);
  const ping = fake.viber(ch('viber'), { event: 'webhook', timestamp: Date.now(), chat_hostname: 'SN-CHAT-01_' }, '5741311803571721001');
  assert.equal((await fake.deliver(s.base, ch('viber'), ping)).status, 200);
});

test('receipts and unknown events are accepted and change nothing they should not', async () => {
  const c = ch('whatsapp');
  const receipt = fake.whatsapp(c, { statuses: [{ id: 'wamid.OUT-UNKNOWN', status: 'read', timestamp: '1767229300', recipient_id: '93700000001' }] });
  assert.equal((await fake.deliver(s.base, c, receipt)).status, 200);
  const tg = fake.telegram(ch('telegram'), { update_id: 804119999, my_chat_member: { chat: { id: 1 } } });
  for (let i = 0; i < 3; i++) assert.equal((await fake.deliver(s.base, ch('telegram'), tg)).status, 200);
});

test('another centre and an administrator cannot read this inbox', async () => {
  const dhaka = await s.signIn('counsellor.dhaka@example.org');
  assert.equal((await dhaka.req('GET', `/api/v1/centres/${kabul()}/conversations`)).status, 403);
  const mine = await dhaka.req('GET', `/api/v1/centres/${s.centreId('dhaka')}/conversations`);
  assert.deepEqual(mine.json.items, []);
  const admin = await s.signIn('admin@example.org');
  assert.equal((await admin.req('GET', `/api/v1/centres/${kabul()}/conversations`)).status, 403);
  const listed = await admin.req('GET', `/api/v1/centres/${kabul()}/channels`);
  assert.equal(listed.json.items.length, 5);
  assert.ok(!JSON.stringify(listed.json).includes(ch('whatsapp').app_secret), 'secrets never leave');
});
