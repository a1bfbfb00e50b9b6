// Media people send: fetched from each (fake) platform the way it serves files, within the
// platform's link lifetime, checked for size and for what it really is, sealed on disk, and served
// only to the centre's counsellors (audited). serai runs with --media-max-mb 1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Serai } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';
import { serveWithFakePlatforms, addFakeChannels } from '../fakes/send_server.mjs';

const s = new Serai();
let platforms;
let counsellor;
const ch = {};
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
// A PDF with a marker to look for in the data directory's bytes.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% contract of Qasimov-7741 with employer\ntrailer << /Root 1 0 R >>\n%%EOF\n');

before(async () => {
  let admin;
  ({ platforms, admin } = await serveWithFakePlatforms(s, ['--media-max-mb', '1']));
  Object.assign(ch, await addFakeChannels(admin, platforms, s.centreId('kabul'), '888'));
  counsellor = await s.signIn('counsellor.kabul@example.org');
});
after(async () => {
  await s.cleanup();
  await platforms?.stop();
});

const conversations = () => `/api/v1/centres/${s.centreId('kabul')}/conversations`;
const nowS = () => Math.floor(Date.now() / 1000);
let n = 0;

// Posts `delivery` and waits until its conversation (found by contact name) has a message whose
// attachment is no longer pending; returns { conv, message }.
async function receive(platform, delivery, name) {
  const res = await fake.deliver(s.base, ch[platform], delivery);
  assert.equal(res.status, 200, res.text);
  const deadline = Date.now() + 15000;
  for (;;) {
    const conv = (await counsellor.req('GET', `${conversations()}?limit=200`)).json.items.find((c) => c.contact_name === name);
    if (conv) {
      const messages = (await counsellor.req('GET', `${conversations()}/${conv.id}/messages`)).json.items;
      const message = messages.find((m) => m.attachment && m.attachment.state !== 'pending');
      if (message) return { conv, message };
    }
    assert.ok(Date.now() < deadline, `${name}: the attachment is still pending`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

const mediaPath = (conv, message) => `${conversations()}/${conv.id}/messages/${message.id}/media`;

function whatsappMedia(id, type, fields, name) {
  n++;
  return fake.whatsapp(ch.whatsapp, {
    contacts: [{ profile: { name }, wa_id: `9370088800${n}` }],
    messages: [{ from: `9370088800${n}`, id: `wamid.MEDIA${n}`, timestamp: String(nowS()), type, [type]: { id, ...fields } }],
  });
}

test('a WhatsApp photo is looked up, downloaded with the token, checked and served as it is', async () => {
  platforms.addMedia('880001', PNG, 'image/png');
  const { conv, message } = await receive('whatsapp', whatsappMedia('880001', 'image', { mime_type: 'image/png', caption: 'my work permit' }, 'Media Photo'), 'Media Photo');
  assert.equal(message.kind, 'image');
  assert.equal(message.text, 'my work permit');
  assert.deepEqual({ ...message.attachment, file_name: undefined }, { state: 'stored', reason: '', mime: 'image/png', size: PNG.length, file_name: undefined });
  const lookups = platforms.calls.filter((c) => c.path === '/whatsapp/v21.0/880001');
  assert.equal(lookups.length, 1);
  assert.equal(lookups[0].headers.authorization, 'Bearer access-whatsapp');
  const res = await fetch(s.base + mediaPath(conv, message), { headers: { cookie: counsellor.cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('content-disposition'), /^inline/);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(PNG));
});

test('a Telegram document comes through getFile; its name is kept, its bytes are sealed on disk', async () => {
  platforms.addMedia('TGDOC1', PDF, 'application/octet-stream');
  n++;
  const update = { update_id: 88000 + n, message: { message_id: n, from: { id: 6800000000 + n, is_bot: false, first_name: 'Media Pdf' },
    chat: { id: 6800000000 + n, type: 'private' }, date: nowS(),
    document: { file_id: 'TGDOC1', file_unique_id: 'uTGDOC1', file_name: 'قرارداد زبولون.pdf', mime_type: 'application/pdf', file_size: PDF.length } } };
  const { conv, message } = await receive('telegram', fake.telegram(ch.telegram, update), 'Media Pdf');
  assert.equal(message.attachment.state, 'stored');
  assert.equal(message.attachment.mime, 'application/pdf', 'what the bytes are, not what the server said');
  assert.equal(message.attachment.file_name, 'قرارداد زبولون.pdf');
  const res = await fetch(s.base + mediaPath(conv, message), { headers: { cookie: counsellor.cookie } });
  assert.equal(res.status, 200);
  assert.ok(Buffer.from(await res.arrayBuffer()).equals(PDF));
  assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''%D9%82/);
  // Neither the file's bytes nor its name (an unusual word: the knowledge base's index holds common
  // ones) are readable in the data directory.
  const files = [];
  const walk = (dir) => { for (const e of readdirSync(dir, { withFileTypes: true })) { if (e.isDirectory()) walk(join(dir, e.name)); else files.push(join(dir, e.name)); } };
  walk(s.dataDir);
  assert.ok(existsSync(join(s.dataDir, 'media', s.centreId('kabul'), message.id)));
  for (const f of files) {
    const bytes = readFileSync(f);
    assert.ok(!bytes.includes('Qasimov-7741'), `${f} holds the file in clear`);
    assert.ok(!bytes.includes(Buffer.from('زبولون')), `${f} holds the file's name in clear`);
  }
});

test('a Viber file whose first downloads fail is fetched on a later attempt', async () => {
  platforms.addMedia('viber-file-1', PDF, 'application/pdf', { failures: 2 });
  const delivery = fake.viber(ch.viber, { event: 'message', timestamp: Date.now(), sender: { id: 'mediaViberUser1=', name: 'Media Viber' },
    message: { type: 'file', media: platforms.mediaUrl('viber-file-1'), file_name: 'payslip.pdf', size: PDF.length } }, '5741311803571700001');
  const { message } = await receive('viber', delivery, 'Media Viber');
  assert.equal(message.attachment.state, 'stored');
  assert.equal(platforms.media['viber-file-1'].downloads, 1);
  assert.equal(platforms.calls.filter((c) => c.path === '/cdn/viber-file-1').length, 3);
});

test('files over the limit, of refused types or gone from the platform are not kept, and say why', async () => {
  // Declared too large: never downloaded.
  platforms.addMedia('880002', PNG, 'image/png', { declaredSize: 5 * 1024 * 1024 });
  const big = await receive('whatsapp', whatsappMedia('880002', 'image', { mime_type: 'image/png' }, 'Media Big'), 'Media Big');
  assert.deepEqual([big.message.attachment.state, big.message.attachment.reason], ['failed', 'too_large']);
  assert.equal(platforms.calls.filter((c) => c.path === '/whatsapp-dl/880002').length, 0);
  // Larger than declared: the download stops at the limit.
  platforms.addMedia('cdn-big', Buffer.alloc(1536 * 1024, 7), 'image/jpeg');
  const sent = fake.messenger(ch.messenger, [{ sender: { id: '6900000000000881' }, recipient: { id: '110000000000888' }, timestamp: Date.now(),
    message: { mid: 'm_media_big', attachments: [{ type: 'image', payload: { url: platforms.mediaUrl('cdn-big') } }] } }]);
  const res = await fake.deliver(s.base, ch.messenger, sent);
  assert.equal(res.status, 200);
  // An HTML page sent as a "photo", and a program.
  platforms.addMedia('html-1', Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'), 'image/jpeg');
  const html = await receive('whatsapp', whatsappMedia('html-1', 'image', { mime_type: 'image/jpeg' }, 'Media Html'), 'Media Html');
  assert.deepEqual([html.message.attachment.state, html.message.attachment.reason], ['failed', 'type_not_allowed']);
  // Gone from the platform.
  platforms.addMedia('gone-1', PNG, 'image/png', { gone: true });
  const gone = await receive('whatsapp', whatsappMedia('gone-1', 'image', { mime_type: 'image/png' }, 'Media Gone'), 'Media Gone');
  assert.deepEqual([gone.message.attachment.state, gone.message.attachment.reason], ['failed', 'media_gone']);
  for (const m of [big, html, gone]) {
    assert.equal((await counsellor.req('GET', mediaPath(m.conv, m.message))).status, 404);
    assert.ok(!existsSync(join(s.dataDir, 'media', s.centreId('kabul'), m.message.id)));
  }
  // The Messenger photo over the limit (no contact name on Messenger: found by its message).
  const deadline = Date.now() + 15000;
  let found;
  while (!found && Date.now() < deadline) {
    for (const c of (await counsellor.req('GET', `${conversations()}?limit=200`)).json.items.filter((x) => x.platform === 'messenger')) {
      const m = (await counsellor.req('GET', `${conversations()}/${c.id}/messages`)).json.items.find((x) => x.attachment?.state === 'failed');
      if (m) found = m;
    }
    if (!found) await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.equal(found?.attachment.reason, 'too_large');
});

test('only the centre\'s counsellors get a file; every read is audited; bad ids are 404', async () => {
  platforms.addMedia('880003', PNG, 'image/png');
  const { conv, message } = await receive('whatsapp', whatsappMedia('880003', 'image', { mime_type: 'image/png' }, 'Media Access'), 'Media Access');
  const dhaka = await s.signIn('counsellor.dhaka@example.org');
  assert.equal((await dhaka.req('GET', mediaPath(conv, message))).status, 403);
  const other = (await counsellor.req('GET', `${conversations()}?limit=200`)).json.items.find((c) => c.contact_name === 'Media Photo');
  assert.equal((await counsellor.req('GET', `${conversations()}/${other.id}/messages/${message.id}/media`)).status, 404, 'the message of another conversation');
  assert.equal((await counsellor.req('GET', `${conversations()}/${conv.id}/messages/not-an-id/media`)).status, 404);
  assert.equal((await counsellor.req('GET', mediaPath(conv, message))).status, 200);
  const auditor = await s.signIn('auditor.kabul@example.org');
  const audit = await auditor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/audit?limit=50`);
  assert.equal(audit.status, 200, audit.text);
  assert.ok(audit.json.items.some((e) => e.action === 'media.read' && e.detail === `message/${message.id}` && e.actor === counsellor.me.id && e.purpose === 'counselling'));
});
