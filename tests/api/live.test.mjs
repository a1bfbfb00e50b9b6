// Live updates: a counsellor's open event stream hears of a new message as soon as it is stored,
// sees only its own centre, closes when the session ends, and (on PostgreSQL) hears of changes
// made through another serai process on the same database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Serai, backendName } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

const s = new Serai();
let ch;
let n = 0;
const eventsPath = (centre) => `/api/v1/centres/${s.centreId(centre)}/inbox/events`;

before(async () => {
  s.demo();
  await s.start(['--stream-heartbeat', '1']);
  ch = JSON.parse(readFileSync(join(s.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'telegram' && c.centre === 'kabul');
});
after(() => s.cleanup());

async function contactWrites(server) {
  n++;
  const res = await fake.deliver(server.base, ch, fake.telegramText(ch, { updateId: 8100 + n, chatId: 6200000000 + n, messageId: n, text: 'سلام', name: `Live ${n}` }));
  assert.equal(res.status, 200);
  return Date.now();
}

test('a new message reaches an open stream as soon as it is stored, naming only ids', async () => {
  const counsellor = await s.signIn('counsellor.kabul@example.org');
  const stream = await counsellor.events(eventsPath('kabul'));
  assert.equal(stream.status, 200);
  assert.ok(await stream.next('ready'), 'the stream says when it is subscribed');
  const acked = await contactWrites(s);
  const change = await stream.next('change', 3000);
  assert.ok(change, 'a change event arrived');
  assert.equal(change.data.kind, 'message');
  const convs = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations?limit=200`)).json.items;
  const conv = convs.find((c) => c.contact_name === `Live ${n}`);
  assert.equal(change.data.conversation, conv.id);
  assert.deepEqual(Object.keys(change.data).sort(), ['conversation', 'kind'], 'no content in events');
  console.log(`# event ${change.at - acked} ms after the webhook's 200`);
  // A reply and a status change are announced too.
  assert.equal((await counsellor.req('POST', `/api/v1/centres/${s.centreId('kabul')}/conversations/${conv.id}/messages`, { text: 'Salaam' })).status, 201);
  assert.equal((await stream.next('change', 3000))?.data.conversation, conv.id);
  assert.equal((await counsellor.req('PATCH', `/api/v1/centres/${s.centreId('kabul')}/conversations/${conv.id}`, { status: 'resolved' })).status, 200);
  let seen;
  while ((seen = await stream.next('change', 3000)) && seen.data.kind !== 'conversation');
  assert.equal(seen?.data.conversation, conv.id);
  stream.close();
});

test('streams are access-checked and see only their own centre', async () => {
  assert.equal((await s.anonymous().events(eventsPath('kabul'))).status, 401);
  const dhaka = await s.signIn('counsellor.dhaka@example.org');
  assert.equal((await dhaka.events(eventsPath('kabul'))).status, 403);
  const editor = await s.signIn('editor.kabul@example.org');
  assert.equal((await editor.events(eventsPath('kabul'))).status, 403);
  const dhakaStream = await dhaka.events(eventsPath('dhaka'));
  assert.ok(await dhakaStream.next('ready'));
  const kabul = await s.signIn('counsellor.kabul@example.org');
  const kabulStream = await kabul.events(eventsPath('kabul'));
  assert.ok(await kabulStream.next('ready'));
  await contactWrites(s);
  assert.ok(await kabulStream.next('change', 3000));
  assert.equal(await dhakaStream.next('change', 500), null, 'Dhaka hears nothing of Kabul');
  dhakaStream.close();
  kabulStream.close();
});

test('signing out ends the stream at the next heartbeat', async () => {
  const counsellor = await s.signIn('counsellor.kabul@example.org');
  const stream = await counsellor.events(eventsPath('kabul'));
  assert.ok(await stream.next('ready'));
  assert.equal((await counsellor.req('DELETE', '/api/v1/session')).status, 204);
  const ended = await Promise.race([stream.closed.then(() => true), new Promise((ok) => setTimeout(() => ok(false), 5000))]);
  assert.ok(ended, 'the server closed the stream');
});

test('another serai process on the same PostgreSQL database hears the same events', { skip: backendName() !== 'postgres' }, async () => {
  const second = new Serai();
  second.dataDir = s.dataDir;  // the keys must be shared between processes
  second.dbUrl = s.dbUrl;
  second.demoData = s.demoData;
  await second.start();
  try {
    const counsellor = await s.signIn('counsellor.kabul@example.org');
    const stream = await counsellor.events(eventsPath('kabul'));
    assert.ok(await stream.next('ready'));
    await contactWrites(second);
    const change = await stream.next('change', 3000);
    assert.equal(change?.data.kind, 'message', 'the event crossed processes');
    stream.close();
  } finally {
    await second.stop();
  }
});
