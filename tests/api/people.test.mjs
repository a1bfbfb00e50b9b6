// People behind conversations: pseudonymous codes, identifying fields sealed under the person's own
// key and read only through an audited call, consent per purpose, the migration profile and its
// history, and shredding that reaches a backup taken before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { demoServer, runSerai } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

let counsellor, manager, dhaka, partner, admin, auditor, whatsapp;
const s = demoServer(async (server) => {
  whatsapp = JSON.parse(readFileSync(join(server.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'whatsapp' && c.centre === 'kabul');
  counsellor = await server.signIn('counsellor.kabul@example.org');
  manager = await server.signIn('manager.kabul@example.org');
  dhaka = await server.signIn('counsellor.dhaka@example.org');
  partner = await server.signIn('partner.kabul@example.org');
  admin = await server.signIn('admin@example.org');
  auditor = await server.signIn('auditor.kabul@example.org');
});
const people = () => `/api/v1/centres/${s.centreId('kabul')}/people`;
const identity = {
  name: 'نوید قربانزاده', name_latin: 'Navid Qurbanzada', birth_date: '1998-03-21', sex: 'male', nationality: 'AF',
  phones: ['0799 555 123'], documents: [{ type: 'passport', number: 'P77Q4XK21' }],
};
let person;

// WhatsApp's message ids carry the sender's number (base64 of a record that holds it).
const wamid = (from) => 'wamid.' + Buffer.from(`\x1c\x18\x0b${from}\x15\x02\x00\x12\x18\x14${Date.now()}`).toString('base64');
let firstWamid;

async function conversationOf(from, text, name) {
  firstWamid = wamid(from);
  const d = fake.whatsappText(whatsapp, { from, id: firstWamid, text, name });
  assert.equal((await fake.deliver(s.base, whatsapp, d)).status, 200);
  return (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations?limit=200`)).json.items.find((c) => c.contact_name === name);
}

test('a person made from a conversation has a code, their phones in E.164 and the conversation', async () => {
  const conv = await conversationOf('93799555123', 'سلام، پاسپورتم را گرفته‌اند', 'Navid');
  const res = await counsellor.req('POST', people(), { ...identity, conversation_id: conv.id });
  assert.equal(res.status, 201, res.text);
  person = res.json;
  assert.match(person.code, /^P-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  assert.deepEqual(person.identity.phones, ['+93799555123']);
  assert.equal(person.identity.name_latin, 'Navid Qurbanzada');
  assert.deepEqual(person.conversation_ids, [conv.id]);
  const again = await counsellor.req('POST', people(), { name: 'Someone else', conversation_id: conv.id });
  assert.equal(again.status, 409, 'a conversation is one person\'s');
  assert.equal(again.json.code, 'conversation_has_person');
});

test('lists show codes and profiles, never identifying fields; a read of one is audited with its purpose', async () => {
  const list = await counsellor.req('GET', people());
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.items.some((p) => p.code === person.code));
  assert.doesNotMatch(list.text, /Navid|نوید|P77Q4XK21|555.?123/);
  const one = await counsellor.req('GET', `${people()}/${person.id}`, undefined, { headers: { 'x-serai-purpose': 'follow_up' } });
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.identity.documents[0].number, 'P77Q4XK21');
  const log = (await auditor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/audit?limit=200`)).json.items;
  const reads = log.filter((e) => e.action === 'person.read' && e.resource === `person/${person.id}`);
  assert.deepEqual(reads.map((e) => e.purpose), ['follow_up']);
  assert.equal(reads[0].actor, counsellor.me.id);
  assert.ok(log.some((e) => e.action === 'person.create' && e.resource === `person/${person.id}`));
  assert.doesNotMatch(JSON.stringify(log), /Navid|نوید|P77Q4XK21|799555/);
  assert.doesNotMatch(s.stderr, /Navid|نوید|P77Q4XK21|799555/, 'identifying fields never reach the log');
});

test('only the centre\'s counsellors and managers (and registrars) reach its people', async () => {
  for (const [who, user] of [['another centre', dhaka], ['a partner', partner], ['an administrator', admin], ['an auditor', auditor]]) {
    const res = await user.req('GET', `${people()}/${person.id}`);
    assert.equal(res.status, 403, `${who}: ${res.status}`);
    assert.doesNotMatch(res.text, /Navid/);
  }
  const statistics = await counsellor.req('GET', `${people()}/${person.id}`, undefined, { headers: { 'x-serai-purpose': 'statistics' } });
  assert.equal(statistics.status, 403, 'identity is not read for statistics');
  const unknown = await counsellor.req('GET', `${people()}/01900000-0000-7000-8000-0000000000ff`);
  assert.equal(unknown.status, 404);
  const bad = await counsellor.req('GET', `${people()}/not-an-id`);
  assert.equal(bad.status, 404);
});

test('bad identities are refused with the field named, and nothing is stored', async () => {
  const before = (await counsellor.req('GET', `${people()}?limit=200`)).json.items.length;
  for (const [body, code] of [
    [{ birth_date: '2001-02-30' }, 'invalid_birth_date'],
    [{ birth_date: '2999-01-01' }, 'invalid_birth_date'],
    [{ age_band: '20-30' }, 'invalid_age_band'],
    [{ nationality: 'af' }, 'invalid_nationality'],
    [{ nationality: 'Afghan' }, null],
    [{ phones: ['12'] }, 'invalid_phone'],
    [{ phones: 'not a list' }, null],
    [{ name: 7 }, null],
    [{ nickname: 'x' }, null],
    [{ documents: [{ type: 'passport' }] }, null],
  ]) {
    const res = await counsellor.req('POST', people(), body);
    assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.status} ${res.text}`);
    if (code) assert.equal(res.json.code, code);
  }
  assert.equal((await counsellor.req('GET', `${people()}?limit=200`)).json.items.length, before);
});

test('consent is given per purpose with its basis and channel, and withdrawn once', async () => {
  const given = await counsellor.req('POST', `${people()}/${person.id}/consents`, { purpose: 'referral', basis: 'consent', channel: 'verbal' });
  assert.equal(given.status, 201, given.text);
  assert.equal(given.json.given_by, counsellor.me.id);
  assert.equal((await counsellor.req('POST', `${people()}/${person.id}/consents`, { purpose: 'marketing', basis: 'consent', channel: 'verbal' })).status, 400);
  const withdraw = `${people()}/${person.id}/consents/${given.json.id}/withdraw`;
  assert.equal((await counsellor.req('POST', withdraw)).status, 204);
  assert.equal((await counsellor.req('POST', withdraw)).status, 404, 'a withdrawn consent is not in force');
  const consents = (await counsellor.req('GET', `${people()}/${person.id}`)).json.consents;
  assert.equal(consents.length, 1);
  assert.equal(consents[0].withdrawn_by, counsellor.me.id);
  assert.ok(consents[0].withdrawn_at >= consents[0].given_at);
});

test('the migration profile keeps the history of its changes', async () => {
  const first = await counsellor.req('PUT', `${people()}/${person.id}/profile`, { stage: 'intending', destination: 'TR', route: 'Zaranj, then Van by lorry', reasons: ['work', 'family'] });
  assert.equal(first.status, 200, first.text);
  assert.deepEqual(first.json.reasons, ['family', 'work']);
  const second = await counsellor.req('PUT', `${people()}/${person.id}/profile`, { stage: 'returnee', destination: '', reasons: ['safety'] });
  assert.equal(second.status, 200, second.text);
  assert.equal((await counsellor.req('PUT', `${people()}/${person.id}/profile`, { stage: 'tourist' })).status, 400);
  const history = (await counsellor.req('GET', `${people()}/${person.id}/profile/history`, undefined, { headers: { 'x-serai-purpose': 'follow_up' } })).json.items;
  assert.deepEqual(history.map((h) => h.stage), ['intending', 'returnee']);
  const log = (await auditor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/audit?limit=200`)).json.items;
  assert.ok(log.some((e) => e.action === 'person.read' && e.resource === `person/${person.id}` && e.detail === 'profile/history' && e.purpose === 'follow_up'),
    'the history opens the sealed routes: an audited read');
  assert.equal((await counsellor.req('GET', `${people()}/01900000-0000-7000-8000-0000000000ff/profile/history`)).status, 404);
  assert.equal(history[0].route, 'Zaranj, then Van by lorry');
  assert.equal((await counsellor.req('GET', `${people()}/${person.id}`)).json.profile.route, '', 'the newest profile has no route');
  const listed = (await counsellor.req('GET', `${people()}?limit=200`)).json.items.find((p) => p.id === person.id);
  assert.equal(listed.profile.stage, 'returnee');
});

test('managers set how long the centre keeps people; the rule is bounded and audited', async () => {
  const path = `/api/v1/centres/${s.centreId('kabul')}/people-retention`;
  assert.equal((await counsellor.req('GET', path)).json.days, 0, 'kept until shredded by hand by default');
  assert.equal((await counsellor.req('PUT', path, { days: 365 })).status, 403);
  for (const days of [-1, 3651, '30', 1.5]) {
    assert.equal((await manager.req('PUT', path, { days }, { headers: { 'x-serai-purpose': 'administration' } })).status, 400, String(days));
  }
  const set = await manager.req('PUT', path, { days: 730 }, { headers: { 'x-serai-purpose': 'administration' } });
  assert.equal(set.status, 200, set.text);
  assert.equal((await counsellor.req('GET', path)).json.days, 730);
  const log = (await auditor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/audit?limit=50`)).json.items;
  assert.ok(log.some((e) => e.action === 'retention.set' && e.detail === 'people_days=730' && e.actor === manager.me.id));
});

test('a shred leaves nothing readable of the person, not even in a backup taken before it', async () => {
  const conv = person.conversation_ids[0];
  const file = join(s.dataDir, '..', `serai-people-backup-${process.pid}-${Date.now()}.dump`);
  try {
    assert.equal(runSerai(['backup', '--data', s.dataDir, ...s.dbArgs(), '--out', file]).code, 0);
    assert.equal((await counsellor.req('POST', `${people()}/${person.id}/shred`)).status, 403, 'managers shred');
    assert.equal((await manager.req('POST', `${people()}/${person.id}/shred`, undefined, { headers: { 'x-serai-purpose': 'administration' } })).status, 204);
    const after = await counsellor.req('GET', `${people()}/${person.id}`);
    assert.equal(after.status, 200);
    assert.equal(after.json.shredded, true);
    assert.equal(after.json.identity, null);
    const messages = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations/${conv}/messages`)).json.items;
    assert.ok(messages.length > 0 && messages.every((m) => m.text === ''), 'their messages are unreadable');
    const rewrite = await counsellor.req('PUT', `${people()}/${person.id}/identity`, identity);
    assert.equal(rewrite.status, 409);
    assert.equal(rewrite.json.code, 'shredded');
    // The backup from before the shred, restored: the rows are there, the key is not.
    await s.stop();
    assert.equal(runSerai(['restore', '--data', s.dataDir, ...s.dbArgs(), '--from', file]).code, 0);
    await s.start();
    const restored = await (await s.signIn('counsellor.kabul@example.org')).req('GET', `${people()}/${person.id}`);
    assert.equal(restored.status, 200, restored.text);
    assert.doesNotMatch(restored.text, /Navid|نوید|P77Q4XK21|799555/);
    const history = await (await s.signIn('counsellor.kabul@example.org')).req('GET', `${people()}/${person.id}/profile/history`);
    assert.doesNotMatch(history.text, /Zaranj/, 'the route of the history too');
    if (!s.dbUrl) {
      for (const f of readdirSync(s.dataDir).filter((f) => f.startsWith('serai.db')).map((f) => join(s.dataDir, f)).concat([file])) {
        const bytes = readFileSync(f);
        for (const secret of ['Navid', 'Qurbanzada', 'P77Q4XK21', '799555123', 'نوید', 'Zaranj', firstWamid]) {
          assert.equal(bytes.indexOf(Buffer.from(secret)), -1, `${secret} in ${f}`);
        }
      }
    }
  } finally {
    rmSync(file, { force: true });
  }
});

test('serai shred of a person record reaches their conversations too', async () => {
  counsellor = await s.signIn('counsellor.kabul@example.org');  // the server was restarted above
  const conv = await conversationOf('93799777888', 'سلام، کمک می‌خواهم', 'Soraya');
  const made = await counsellor.req('POST', people(), { name: 'ثریا', conversation_id: conv.id });
  assert.equal(made.status, 201, made.text);
  const url = `/api/v1/centres/${s.centreId('kabul')}/conversations/${conv.id}/messages`;
  assert.match((await counsellor.req('GET', url)).text, /کمک/, 'the running server holds the key');
  // Beside the running server, which forgets the keys it held within a second of the shred.
  const r = runSerai(['shred', '--data', s.dataDir, ...s.dbArgs(), '--person', made.json.id]);
  assert.equal(r.code, 0, r.stderr);
  await new Promise((done) => setTimeout(done, 1100));
  const after = await counsellor.req('GET', `${people()}/${made.json.id}`);
  assert.equal(after.json.shredded, true);
  assert.equal(after.json.identity, null);
  const messages = (await counsellor.req('GET', url)).json.items;
  assert.ok(messages.length > 0 && messages.every((m) => m.text === ''), 'their messages are unreadable');
});
