// Searching conversations: words of messages, replies, notes, visits and names (a keyed blind
// index, since the texts are sealed), written any way people write them; phone numbers; one
// centre's words never find another centre's conversations; shredding a person removes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoServer, runSerai } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

let kabul;
let dhaka;
let channels;
const s = demoServer(async (server) => {
  channels = JSON.parse(readFileSync(join(server.dataDir, 'demo-channels.json'), 'utf8'));
  kabul = await server.signIn('counsellor.kabul@example.org');
  dhaka = await server.signIn('counsellor.dhaka@example.org');
});
const channel = (centre, platform) => channels.find((c) => c.platform === platform && c.centre === centre);
const list = (centre) => `/api/v1/centres/${s.centreId(centre)}/conversations`;
let n = 0;

// A Telegram conversation in `centre` that begins with `text`; returns its summary.
async function conversation(centre, client, { text, name }) {
  n++;
  const ch = channel(centre, 'telegram');
  const res = await fake.deliver(s.base, ch, fake.telegramText(ch, { updateId: 9100 + n, chatId: 6900000000 + n, messageId: n, text, name }));
  assert.equal(res.status, 200, res.text);
  const items = (await client.req('GET', `${list(centre)}?limit=200`)).json.items;
  const conv = items.find((c) => c.contact_name === name);
  assert.ok(conv, `${name} is in the list`);
  return conv;
}

async function search(client, centre, q, extra = '') {
  const res = await client.req('GET', `${list(centre)}?q=${encodeURIComponent(q)}${extra}`);
  assert.equal(res.status, 200, `${q}: ${res.text}`);
  return res.json.items.map((c) => c.id);
}

test('words of a message are found however their letters, case and digits are written', async () => {
  // Arabic kaf and yeh, a diacritic and tatweel, as phones often type them; Latin in capitals.
  const conv = await conversation('kabul', kabul, { text: 'كارگر هستم، پاسپورتـم را گرفتهٔ‌اند. Employer in DUBAI ٢٠٢٦', name: 'Search Dari' });
  const other = await conversation('kabul', kabul, { text: 'سوال در مورد ویزای کار', name: 'Search Other' });
  assert.deepEqual(await search(kabul, 'kabul', 'کارگر'), [conv.id], 'Persian kaf finds Arabic kaf');
  assert.deepEqual(await search(kabul, 'kabul', 'dubai'), [conv.id], 'case folded');
  assert.deepEqual(await search(kabul, 'kabul', 'employer Dubai'), [conv.id], 'every word');
  assert.deepEqual(await search(kabul, 'kabul', '2026'), [conv.id], 'Arabic-Indic digits');
  assert.deepEqual(await search(kabul, 'kabul', 'dubai ویزای'), [], 'all words must be in one conversation');
  assert.deepEqual(await search(kabul, 'kabul', 'ویزاي'), [other.id], 'Arabic yeh finds Persian yeh');
  // With the other filters.
  assert.deepEqual(await search(kabul, 'kabul', 'dubai', '&queue=mine'), []);
  assert.deepEqual(await search(kabul, 'kabul', 'dubai', `&language=${conv.language}`), [conv.id]);
});

test('replies, notes, recorded visits and names are searchable; names by their beginning', async () => {
  const conv = await conversation('kabul', kabul, { text: 'salam', name: 'Gulalai Barakzai' });
  const path = `${list('kabul')}/${conv.id}`;
  assert.equal((await kabul.req('POST', `${path}/messages`, { text: 'Please bring your tazkira tomorrow' })).status, 201);
  assert.equal((await kabul.req('POST', `${path}/notes`, { text: 'Worried about the Nimroz crossing' })).status, 201);
  const visit = await kabul.req('POST', `/api/v1/centres/${s.centreId('kabul')}/encounters`, { kind: 'visit', conversation_id: conv.id, summary: 'Came with her brother; discussed Quetta', duration_minutes: 20 });
  assert.equal(visit.status, 201, visit.text);
  for (const q of ['tazkira', 'NIMROZ', 'quetta', 'gulalai', 'Gula', 'barak', 'Gulalai Barakzai']) {
    assert.deepEqual(await search(kabul, 'kabul', q), [conv.id], q);
  }
  assert.deepEqual(await search(kabul, 'kabul', 'Gu'), [], 'two letters are not a beginning');
  assert.deepEqual(await search(kabul, 'kabul', 'tazk'), [], 'message words are matched whole');
});

test('a phone number finds the person however it is written', async () => {
  const ch = channel('kabul', 'whatsapp');
  const res = await fake.deliver(s.base, ch, fake.whatsappText(ch, { from: '93799555123', id: 'wamid.search-phone-1', text: 'hello', name: 'Search Phone' }));
  assert.equal(res.status, 200);
  const conv = (await kabul.req('GET', `${list('kabul')}?limit=200`)).json.items.find((c) => c.contact_name === 'Search Phone');
  for (const q of ['0799 555 123', '+93 799-555-123', '۰۷۹۹۵۵۵۱۲۳', '0093799555123']) {
    assert.deepEqual(await search(kabul, 'kabul', q), [conv.id], q);
  }
  assert.deepEqual(await search(kabul, 'kabul', '0799 555 124'), []);
});

test('one centre\'s search never finds another centre\'s conversations', async () => {
  const inKabul = await conversation('kabul', kabul, { text: 'Zarafshan valley question', name: 'Search Kabul' });
  const inDhaka = await conversation('dhaka', dhaka, { text: 'Zarafshan valley question', name: 'Search Dhaka' });
  assert.deepEqual(await search(kabul, 'kabul', 'zarafshan'), [inKabul.id]);
  assert.deepEqual(await search(dhaka, 'dhaka', 'zarafshan'), [inDhaka.id]);
  assert.equal((await kabul.req('GET', `${list('dhaka')}?q=zarafshan`)).status, 403);
});

test('bad searches get a clear 400, hostile ones no 5xx', async () => {
  assert.equal((await kabul.req('GET', `${list('kabul')}?q=`)).status, 200, 'an empty search is no search');
  for (const q of ['!!', 'x', 'a'.repeat(201), '؟ ، ـ']) {
    const res = await kabul.req('GET', `${list('kabul')}?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 400, JSON.stringify(q));
    assert.equal(res.json.code, 'invalid_search', JSON.stringify(res.json));
  }
  for (const q of ["' OR 1=1 --", '%', '%00nul', '\u202egnirts', 'x'.repeat(64) + ' y', '\ud83d\ude00 emoji']) {
    const res = await kabul.req('GET', `${list('kabul')}?q=${encodeURIComponent(q)}`);
    assert.ok(res.status === 200 || res.status === 400, `${JSON.stringify(q)} gave ${res.status}`);
  }
});

test('the words searched for are not in the database, the audit log or the server\'s log', async (t) => {
  const conv = await conversation('kabul', kabul, { text: 'Xylandrite smugglers promised Kortavia', name: 'Search Secret' });
  assert.deepEqual(await search(kabul, 'kabul', 'xylandrite kortavia'), [conv.id]);
  assert.doesNotMatch(s.stderr, /xylandrite|kortavia/i);
  const admin = await s.signIn('admin@example.org');
  const audit = await admin.req('GET', `/api/v1/centres/${s.centreId('kabul')}/audit?limit=20`);
  assert.equal(audit.status, 200, audit.text);
  assert.match(audit.text, /count=1 search/, 'the search is audited');
  assert.doesNotMatch(audit.text, /xylandrite|kortavia/i);
  if (s.dbUrl) return t.skip('the byte check reads SQLite files');
  for (const f of readdirSync(s.dataDir).filter((f) => f.startsWith('serai.db'))) {
    const bytes = readFileSync(join(s.dataDir, f)).toString('latin1').toLowerCase();
    assert.ok(!bytes.includes('xylandrite') && !bytes.includes('kortavia'), f);
  }
});

test('shredding a person removes their conversation from search', async () => {
  const conv = await conversation('kabul', kabul, { text: 'Quillontrax is my village', name: 'Search Shred' });
  assert.deepEqual(await search(kabul, 'kabul', 'quillontrax'), [conv.id]);
  const r = runSerai(['shred', '--data', s.dataDir, ...s.dbArgs(), '--person', conv.contact_id]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await search(kabul, 'kabul', 'quillontrax'), []);
});
