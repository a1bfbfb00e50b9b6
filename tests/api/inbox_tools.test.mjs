// Tools of the inbox: topic tags, the centre's response-time target (overdue conversations), and
// canned replies kept by managers and used by counsellors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoServer } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

let counsellor;
let manager;
let admin;
let ch;
const s = demoServer(async (server) => {
  ch = JSON.parse(readFileSync(join(server.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'telegram' && c.centre === 'kabul');
  counsellor = await server.signIn('counsellor.kabul@example.org');
  manager = await server.signIn('manager.kabul@example.org');
  admin = await server.signIn('admin@example.org');
});
const centre = () => `/api/v1/centres/${s.centreId('kabul')}`;
let n = 0;

async function newConversation({ minutesAgo = 0 } = {}) {
  n++;
  const ts = Math.floor(Date.now() / 1000) - minutesAgo * 60;
  const res = await fake.deliver(s.base, ch, fake.telegramText(ch, { updateId: 5000 + n, chatId: 6400000000 + n, messageId: n, text: 'کمک لازم دارم', name: `Tools ${n}`, ts }));
  assert.equal(res.status, 200);
  const items = (await counsellor.req('GET', `${centre()}/conversations?limit=200`)).json.items;
  return { conv: items.find((c) => c.contact_name === `Tools ${n}`), ts };
}

test('the topic taxonomy is published with its protection topics', async () => {
  const res = await counsellor.req('GET', '/api/v1/topics');
  assert.equal(res.status, 200);
  const codes = res.json.items.map((t) => t.code);
  for (const c of ['asylum', 'labour-migration', 'visas', 'smuggling', 'trafficking', 'returns', 'documents']) assert.ok(codes.includes(c), c);
  assert.equal(res.json.items.find((t) => t.code === 'trafficking').protection, true);
  assert.equal(res.json.items.find((t) => t.code === 'visas').protection, false);
  // Every topic has a name in every language of the web app.
  for (const locale of ['en', 'prs', 'ps', 'ur', 'bn', 'ar', 'tg', 'ru']) {
    const catalogue = readFileSync(new URL(`../../web/src/i18n/${locale}.ts`, import.meta.url), 'utf8');
    for (const code of codes) {
      assert.match(catalogue, new RegExp(`^  topic_${code.replace(/-/g, '_')}: '.+',$`, 'm'), `${locale} names ${code}`);
    }
  }
});

test('conversations are tagged with topics and filtered by them', async () => {
  const { conv } = await newConversation();
  assert.deepEqual(conv.tags, []);
  const tagged = await counsellor.req('PATCH', `${centre()}/conversations/${conv.id}`, { tags: ['labour-migration', 'documents', 'documents'] });
  assert.equal(tagged.status, 200, tagged.text);
  assert.deepEqual(tagged.json.tags, ['documents', 'labour-migration']);
  const byTag = (await counsellor.req('GET', `${centre()}/conversations?tag=documents`)).json.items;
  assert.deepEqual(byTag.map((c) => c.id), [conv.id]);
  assert.deepEqual(byTag[0].tags, ['documents', 'labour-migration']);
  assert.deepEqual((await counsellor.req('GET', `${centre()}/conversations?tag=asylum`)).json.items, []);
  for (const tags of [['gossip'], 'documents', Array.from({ length: 11 }, () => 'visas'), [7]]) {
    const res = await counsellor.req('PATCH', `${centre()}/conversations/${conv.id}`, { tags });
    assert.equal(res.status, 400, JSON.stringify(tags));
  }
  assert.equal((await counsellor.req('GET', `${centre()}/conversations?tag=gossip`)).status, 400);
  const cleared = await counsellor.req('PATCH', `${centre()}/conversations/${conv.id}`, { tags: [] });
  assert.deepEqual(cleared.json.tags, []);
});

test('an unanswered conversation past the centre\'s response target is overdue until answered', async () => {
  const bad = await admin.req('PATCH', centre(), { response_target_minutes: 2 });
  assert.equal(bad.status, 400);
  const set = await admin.req('PATCH', centre(), { response_target_minutes: 5 });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.json.response_target_minutes, 5);
  const { conv: late, ts } = await newConversation({ minutesAgo: 10 });
  const { conv: fresh } = await newConversation();
  assert.equal(late.awaiting_since, ts * 1000);
  assert.equal(late.reply_due_at, ts * 1000 + 5 * 60 * 1000);
  const overdue = (await counsellor.req('GET', `${centre()}/conversations?queue=overdue`)).json.items.map((c) => c.id);
  assert.ok(overdue.includes(late.id));
  assert.ok(!overdue.includes(fresh.id), 'a message of just now is not overdue yet');
  assert.equal((await counsellor.req('GET', `${centre()}/inbox/queues`)).json.overdue, overdue.length);
  assert.equal((await counsellor.req('POST', `${centre()}/conversations/${late.id}/messages`, { text: 'سلام' })).status, 201);
  const after = (await counsellor.req('GET', `${centre()}/conversations?queue=overdue`)).json.items.map((c) => c.id);
  assert.ok(!after.includes(late.id), 'answered');
  assert.equal((await counsellor.req('GET', `${centre()}/inbox/queues`)).json.overdue, after.length);
  const one = (await counsellor.req('GET', `${centre()}/conversations/${late.id}`)).json;
  assert.equal(one.awaiting_since, null);
  assert.equal(one.reply_due_at, null);
});

test('managers keep canned replies; counsellors use them', async () => {
  const path = `${centre()}/canned-replies`;
  const made = await manager.req('POST', path, { language: 'prs', title: 'ساعات کاری', body: 'دفتر ما از شنبه تا چهارشنبه، ۸ صبح تا ۴ عصر باز است.' });
  assert.equal(made.status, 201, made.text);
  await manager.req('POST', path, { language: 'en', title: 'Office hours', body: 'We are open Saturday to Wednesday, 8:00 to 16:00.' });
  const dari = (await counsellor.req('GET', `${path}?language=prs`)).json.items;
  assert.deepEqual(dari.map((r) => r.title), ['ساعات کاری']);
  assert.equal((await counsellor.req('GET', path)).json.items.length, 2);
  assert.equal((await counsellor.req('POST', path, { language: 'en', title: 'x', body: 'y' })).status, 403, 'counsellors use, managers keep');
  for (const body of [{ language: 'English', title: 't', body: 'b' }, { language: 'en', title: '', body: 'b' },
    { language: 'en', title: 't', body: '' }, { language: 'en', title: 't', body: 'x'.repeat(4001) }, { language: 'en', title: 't' }]) {
    assert.equal((await manager.req('POST', path, body)).status, 400, JSON.stringify(body).slice(0, 80));
  }
  const changed = await manager.req('PUT', `${path}/${made.json.id}`, { language: 'prs', title: 'ساعات کاری دفتر', body: 'از شنبه تا چهارشنبه' });
  assert.equal(changed.status, 200);
  assert.equal((await counsellor.req('GET', `${path}?language=prs`)).json.items[0].title, 'ساعات کاری دفتر');
  assert.equal((await manager.req('DELETE', `${path}/${made.json.id}`)).status, 204);
  assert.equal((await manager.req('DELETE', `${path}/${made.json.id}`)).status, 404);
  assert.equal((await counsellor.req('GET', `${path}?language=prs`)).json.items.length, 0);
  const dhaka = await s.signIn('manager.dhaka@example.org');
  const other = (await manager.req('GET', path)).json.items[0];
  assert.equal((await dhaka.req('PUT', `/api/v1/centres/${s.centreId('dhaka')}/canned-replies/${other.id}`, { language: 'en', title: 't', body: 'b' })).status, 404,
    'another centre\'s reply is not found through one\'s own');
});
