// Queues by language and automatic assignment: a conversation's language is read from its letters
// (or the platform's hint); it goes round robin to an online counsellor of the centre who counsels
// in it; with nobody online who does, it waits unassigned in its language's queue. Online means a
// live inbox stream seen within three heartbeats (1 s heartbeats here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Serai } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

const s = new Serai();
let telegram;
let whatsapp;
let zahra;  // counsels in Dari and English
let wali;   // counsels in Pashto and English
let manager;
let n = 0;
const streams = {};

before(async () => {
  s.demo();
  await s.start(['--stream-heartbeat', '1']);
  const channels = JSON.parse(readFileSync(join(s.dataDir, 'demo-channels.json'), 'utf8'));
  telegram = channels.find((c) => c.platform === 'telegram' && c.centre === 'kabul');
  whatsapp = channels.find((c) => c.platform === 'whatsapp' && c.centre === 'kabul');
  zahra = await s.signIn('counsellor.kabul@example.org');
  wali = await s.signIn('counsellor.pashto.kabul@example.org');
  manager = await s.signIn('manager.kabul@example.org');
});
after(() => {
  for (const st of Object.values(streams)) st.close();
  return s.cleanup();
});

const inbox = () => `/api/v1/centres/${s.centreId('kabul')}`;

// A person writes; returns their conversation as a manager sees it.
async function writes(text, { lang = '', platform = 'telegram' } = {}) {
  n++;
  const name = `Routed ${n}`;
  const d = platform === 'telegram'
    ? fake.telegramText(telegram, { updateId: 9100 + n, chatId: 6300000000 + n, messageId: n, text, name, lang })
    : fake.whatsappText(whatsapp, { from: `93799000${String(n).padStart(3, '0')}`, id: `wamid.ROUTE${n}`, text, name });
  assert.equal((await fake.deliver(s.base, platform === 'telegram' ? telegram : whatsapp, d)).status, 200);
  const items = (await manager.req('GET', `${inbox()}/conversations?limit=200`)).json.items;
  return items.find((c) => c.contact_name === name);
}

async function goOnline(who, client) {
  streams[who] = await client.events(`${inbox()}/inbox/events`);
  assert.ok(await streams[who].next('ready'));
}

test('with nobody online, a conversation waits unassigned in its language\'s queue', async () => {
  const conv = await writes('سلام، پاسپورتم را گرفته‌اند');
  assert.equal(conv.language, 'prs');
  assert.equal(conv.assignee_id, null);
  const q = (await manager.req('GET', `${inbox()}/inbox/queues`)).json;
  assert.deepEqual(q.languages.map((l) => l.language).slice(0, 3), ['prs', 'ps', 'en'], 'the centre\'s languages first');
  assert.equal(q.languages.find((l) => l.language === 'prs').unassigned, 1);
  assert.equal(q.unassigned, 1);
  assert.ok(q.staff.every((m) => !m.online));
  const unassigned = (await manager.req('GET', `${inbox()}/conversations?queue=unassigned`)).json.items;
  assert.deepEqual(unassigned.map((c) => c.id), [conv.id]);
});

test('online counsellors get the conversations in their languages, round robin', async () => {
  await goOnline('zahra', zahra);
  await goOnline('wali', wali);
  const staff = (await manager.req('GET', `${inbox()}/inbox/queues`)).json.staff;
  assert.ok(staff.find((m) => m.id === zahra.me.id).online);
  assert.ok(staff.find((m) => m.id === wali.me.id).online);
  assert.deepEqual(staff.find((m) => m.id === wali.me.id).languages, ['ps', 'en']);
  assert.equal(staff.find((m) => m.id === manager.me.id).online, false, 'the manager has no stream open');

  const dari = await writes('من می‌خواهم برای کار به ترکیه بروم');
  assert.equal(dari.language, 'prs');
  assert.equal(dari.assignee_id, zahra.me.id);
  const pashto = await writes('زه غواړم چې په قانوني ډول کار وکړم');
  assert.equal(pashto.language, 'ps');
  assert.equal(pashto.assignee_id, wali.me.id);
  // Arabic letters without Dari or Pashto ones: in Kabul, Dari; the Telegram hint (Pashto) decides.
  const hinted = await writes('سلام', { lang: 'ps' });
  assert.equal(hinted.language, 'ps');
  assert.equal(hinted.assignee_id, wali.me.id);
  // English (WhatsApp gives no hint): both speak it, so they alternate.
  const english = [];
  for (let i = 0; i < 4; i++) english.push(await writes(`Is the route through Iran safe? (${i})`, { platform: 'whatsapp' }));
  assert.ok(english.every((c) => c.language === 'en'));
  const counts = {};
  for (const c of english) counts[c.assignee_id] = (counts[c.assignee_id] ?? 0) + 1;
  assert.deepEqual(Object.keys(counts).sort(), [zahra.me.id, wali.me.id].sort());
  assert.ok(Object.values(counts).every((k) => k === 2), JSON.stringify(counts));
  // Urdu: nobody in Kabul counsels in it; it waits in its own queue.
  const urdu = await writes('میرا پاسپورٹ ایجنٹ نے رکھ لیا ہے');
  assert.equal(urdu.language, 'ur');
  assert.equal(urdu.assignee_id, null);
  const q = (await manager.req('GET', `${inbox()}/inbox/queues`)).json;
  assert.equal(q.languages.find((l) => l.language === 'ur').unassigned, 1);

  // Each sees their own queue; filters combine.
  const mine = (await wali.req('GET', `${inbox()}/conversations?queue=mine`)).json.items;
  assert.ok(mine.length >= 4 && mine.every((c) => c.assignee_id === wali.me.id));
  const pashtoOnly = (await wali.req('GET', `${inbox()}/conversations?queue=mine&language=ps`)).json.items;
  assert.deepEqual(pashtoOnly.map((c) => c.id).sort(), [pashto.id, hinted.id].sort());
  assert.equal((await wali.req('GET', `${inbox()}/inbox/queues`)).json.mine, mine.length);
});

test('a waiting conversation is assigned when its person writes again and someone is online', async () => {
  const waiting = (await manager.req('GET', `${inbox()}/conversations?queue=unassigned&language=prs`)).json.items;
  assert.equal(waiting.length, 1);
  n++;
  // The same person as the first test's conversation (chat id of message 1).
  const d = fake.telegramText(telegram, { updateId: 9900, chatId: 6300000001, messageId: 77, text: 'هنوز منتظرم', name: 'Routed 1' });
  assert.equal((await fake.deliver(s.base, telegram, d)).status, 200);
  const again = (await manager.req('GET', `${inbox()}/conversations?limit=200`)).json.items.find((c) => c.id === waiting[0].id);
  assert.equal(again.assignee_id, zahra.me.id);
});

test('someone whose stream closed goes offline and gets nothing more', async () => {
  streams.wali.close();
  delete streams.wali;
  // The server learns of the close when a heartbeat fails to write (up to two heartbeats), then
  // the online window (three) runs out.
  await new Promise((r) => setTimeout(r, 6000));
  const staff = (await manager.req('GET', `${inbox()}/inbox/queues`)).json.staff;
  assert.equal(staff.find((m) => m.id === wali.me.id).online, false);
  assert.equal(staff.find((m) => m.id === zahra.me.id).online, true, 'heartbeats keep Zahra online');
  const pashto = await writes('زما پاسپورټ چېرته دی؟');
  assert.equal(pashto.assignee_id, null);
  const english = await writes('Hello, I need help with a work visa', { platform: 'whatsapp' });
  assert.equal(english.assignee_id, zahra.me.id);
});

test('a counsellor corrects a conversation\'s language; a reply takes an unassigned conversation', async () => {
  const conv = (await manager.req('GET', `${inbox()}/conversations?queue=unassigned&language=ps`)).json.items[0];
  const moved = await zahra.req('PATCH', `${inbox()}/conversations/${conv.id}`, { language: 'prs' });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.json.language, 'prs');
  const one = await zahra.req('GET', `${inbox()}/conversations/${conv.id}`);
  assert.equal(one.status, 200);
  assert.equal(one.json.language, 'prs');
  assert.equal(one.json.contact_name, conv.contact_name);
  const dhaka = await s.signIn('counsellor.dhaka@example.org');
  const foreign = await dhaka.req('GET', `/api/v1/centres/${s.centreId('dhaka')}/conversations/${conv.id}`);
  assert.equal(foreign.status, 404, 'another centre\'s conversation is not found through one\'s own');
  for (const bad of ['Dari', 'p', 'prs,ps', 7]) {
    const res = await zahra.req('PATCH', `${inbox()}/conversations/${conv.id}`, { language: bad });
    assert.equal(res.status, 400, String(bad));
  }
  const reply = await zahra.req('POST', `${inbox()}/conversations/${conv.id}/messages`, { text: 'سلام، در خدمت شما هستم' });
  assert.equal(reply.status, 201, reply.text);
  const after = (await manager.req('GET', `${inbox()}/conversations?limit=200`)).json.items.find((c) => c.id === conv.id);
  assert.equal(after.assignee_id, zahra.me.id);
});

test('queue and language filters refuse what they do not know', async () => {
  for (const q of ['queue=everyone', 'language=DARI', 'language=toolong']) {
    const res = await zahra.req('GET', `${inbox()}/conversations?${q}`);
    assert.equal(res.status, 400, q);
    assert.match(res.json.code, /^invalid_(queue|language)$/);
  }
});

test('staff languages are set by administrators and checked', async () => {
  const admin = await s.signIn('admin@example.org');
  const id = s.user('counsellor.pashto.kabul@example.org').id;
  const res = await admin.req('PATCH', `${inbox()}/users/${id}`, { languages: ['ps', 'ur', 'en'] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.languages, ['ps', 'ur', 'en']);
  for (const bad of [['PS'], ['pashto'], 'ps', [1]]) {
    assert.equal((await admin.req('PATCH', `${inbox()}/users/${id}`, { languages: bad })).status, 400, JSON.stringify(bad));
  }
});
