// Working the inbox: statuses, snoozing, assignment to the centre's counsellors, internal notes
// (sealed, audited, never sent to the person), and a new message reopening a resolved conversation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoServer } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

let counsellor;
let ch;
const s = demoServer(async (server) => {
  ch = JSON.parse(readFileSync(join(server.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'telegram' && c.centre === 'kabul');
  counsellor = await server.signIn('counsellor.kabul@example.org');
});
const base = () => `/api/v1/centres/${s.centreId('kabul')}/conversations`;
let n = 0;

async function newConversation() {
  n++;
  const res = await fake.deliver(s.base, ch, fake.telegramText(ch, { updateId: 7000 + n, chatId: 6100000000 + n, messageId: n, text: 'help', name: `Person ${n}` }));
  assert.equal(res.status, 200);
  const convs = (await counsellor.req('GET', `${base()}?limit=200`)).json.items;
  return convs.find((c) => c.contact_name === `Person ${n}`);
}

test('statuses change, snoozes run out, and a new message reopens a resolved conversation', async () => {
  const conv = await newConversation();
  assert.equal(conv.status, 'open');
  const resolved = await counsellor.req('PATCH', `${base()}/${conv.id}`, { status: 'resolved' });
  assert.equal(resolved.status, 200, resolved.text);
  assert.equal(resolved.json.status, 'resolved');
  await fake.deliver(s.base, ch, fake.telegramText(ch, { updateId: 7900 + n, chatId: 6100000000 + n, messageId: 99, text: 'one more question', name: `Person ${n}` }));
  const again = (await counsellor.req('GET', `${base()}?limit=200`)).json.items.find((c) => c.id === conv.id);
  assert.equal(again.status, 'open');
  const snoozed = await counsellor.req('PATCH', `${base()}/${conv.id}`, { status: 'snoozed', snoozed_until: Date.now() - 1000 });
  assert.equal(snoozed.status, 200);
  const woke = (await counsellor.req('GET', `${base()}?limit=200`)).json.items.find((c) => c.id === conv.id);
  assert.equal(woke.status, 'open', 'a snooze in the past shows the conversation open');
  assert.equal((await counsellor.req('PATCH', `${base()}/${conv.id}`, { status: 'closed' })).status, 400);
  assert.equal((await counsellor.req('PATCH', `${base()}/${conv.id}`, { status: 'open', snoozed_until: 5 })).status, 400);
});

test('assignment only to counsellors and managers of the centre', async () => {
  const conv = await newConversation();
  const me = counsellor.me.id;
  const mine = await counsellor.req('PATCH', `${base()}/${conv.id}`, { assignee_id: me });
  assert.equal(mine.json.assignee_id, me);
  const listed = (await counsellor.req('GET', `${base()}?limit=200`)).json.items.find((c) => c.id === conv.id);
  assert.equal(listed.assignee_id, me);
  for (const email of ['counsellor.dhaka@example.org', 'editor.kabul@example.org']) {
    const res = await counsellor.req('PATCH', `${base()}/${conv.id}`, { assignee_id: s.user(email).id });
    assert.equal(res.status, 400, email);
    assert.equal(res.json.code, 'invalid_assignee');
  }
  const none = await counsellor.req('PATCH', `${base()}/${conv.id}`, { assignee_id: null });
  assert.equal(none.json.assignee_id, null);
});

test('internal notes are sealed, audited and never sent', async () => {
  const conv = await newConversation();
  const text = 'Says his passport was taken by the employer in Dubai.\nRefer to the labour attaché.';
  const added = await counsellor.req('POST', `${base()}/${conv.id}/notes`, { text });
  assert.equal(added.status, 201, added.text);
  const notes = await counsellor.req('GET', `${base()}/${conv.id}/notes`);
  assert.deepEqual(notes.json.items.map((x) => x.text), [text]);
  assert.equal(notes.json.items[0].author_id, counsellor.me.id);
  const messages = (await counsellor.req('GET', `${base()}/${conv.id}/messages`)).json.items;
  assert.ok(messages.every((m) => m.direction === 'in'), 'a note is not a message');
  const dhaka = await s.signIn('counsellor.dhaka@example.org');
  assert.equal((await dhaka.req('GET', `${base()}/${conv.id}/notes`)).status, 403);
  const auditor = await s.signIn('auditor.kabul@example.org');
  const log = (await auditor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/audit?limit=200`)).json.items;
  assert.ok(log.some((e) => e.action === 'note.create' && e.actor === counsellor.me.id));
  assert.ok(log.some((e) => e.action === 'note.read' && e.purpose === 'counselling'));
  assert.ok(!JSON.stringify(log).includes('passport'), 'the audit log holds no note text');
});
