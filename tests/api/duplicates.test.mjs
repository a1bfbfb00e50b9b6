// Duplicate detection over HTTP: a second record of one person (in another script, the phone typed
// otherwise) is found when it is written and checked before; the pair is reviewed side by side
// (an audited read of both), merged, undone and dismissed; other centres see none of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoServer } from '../lib/serai.mjs';

let counsellor, dhaka, auditor, partner;
const s = demoServer(async (server) => {
  counsellor = await server.signIn('counsellor.kabul@example.org');
  dhaka = await server.signIn('counsellor.dhaka@example.org');
  auditor = await server.signIn('auditor.kabul@example.org');
  partner = await server.signIn('partner.kabul@example.org');
});
const centre = () => `/api/v1/centres/${s.centreId('kabul')}`;
const first = { name: 'شکیلا ستانکزی', birth_date: '1994-02-11', sex: 'female', phones: ['0788 321 654'] };
const second = { name_latin: 'Shakeela Stanikzai', age_band: '25-34', phones: ['+93 788-321-654'] };
let a, b, pair;

test('a second record of one person is found when written, and checked before', async () => {
  a = (await counsellor.req('POST', `${centre()}/people`, first)).json;
  assert.deepEqual(a.duplicates, []);
  const check = await counsellor.req('POST', `${centre()}/people-check`, second);
  assert.equal(check.status, 200, check.text);
  assert.equal(check.json.duplicates.length, 1);
  assert.equal(check.json.duplicates[0].code, a.code);
  assert.doesNotMatch(check.text, /Shak|شکیلا|321.?654/, 'a check answers codes and reasons only');
  const res = await counsellor.req('POST', `${centre()}/people`, second);
  assert.equal(res.status, 201, res.text);
  b = res.json;
  assert.equal(b.duplicates.length, 1);
  assert.equal(b.duplicates[0].person_id, a.id);
  assert.ok(b.duplicates[0].reasons.includes('phone') && b.duplicates[0].reasons.includes('name'));
  const bad = await counsellor.req('POST', `${centre()}/people-check`, { phones: 'not a list' });
  assert.equal(bad.status, 400);
});

test('the review list shows codes and scores; a pair is an audited read of both', async () => {
  const list = await counsellor.req('GET', `${centre()}/duplicates`);
  assert.equal(list.status, 200, list.text);
  pair = list.json.items.find((p) => [p.a.person_id, p.b.person_id].includes(b.id));
  assert.ok(pair, list.text);
  assert.ok(pair.score >= 7.5);
  assert.doesNotMatch(list.text, /Shak|شکیلا|321.?654/);
  const one = await counsellor.req('GET', `${centre()}/duplicates/${pair.id}`, undefined, { headers: { 'x-serai-purpose': 'follow_up' } });
  assert.equal(one.status, 200, one.text);
  assert.deepEqual([one.json.a.identity.phones, one.json.b.identity.phones], [['+93788321654'], ['+93788321654']]);
  const log = (await auditor.req('GET', `${centre()}/audit?limit=200`)).json.items;
  for (const id of [a.id, b.id]) {
    const read = log.find((e) => e.action === 'person.read' && e.resource === `person/${id}` && e.detail === `duplicate/${pair.id}`);
    assert.ok(read, 'the read of ' + id + ' is audited');
    assert.equal(read.purpose, 'follow_up');
  }
  assert.equal((await counsellor.req('GET', `${centre()}/duplicates?status=maybe`)).status, 400);
  assert.equal((await counsellor.req('GET', `${centre()}/duplicates/not-an-id`)).status, 404);
});

test('other centres and partners see none of it', async () => {
  assert.equal((await dhaka.req('GET', `${centre()}/duplicates/${pair.id}`)).status, 403);
  const own = `/api/v1/centres/${s.centreId('dhaka')}`;
  assert.equal((await dhaka.req('GET', `${own}/duplicates/${pair.id}`)).status, 404);
  assert.ok(!(await dhaka.req('GET', `${own}/duplicates`)).json.items.some((p) => p.id === pair.id));
  assert.equal((await partner.req('GET', `${centre()}/duplicates`)).status, 403);
});

test('merge keeps one record with what the other had; undo separates them again', async () => {
  const wrong = await counsellor.req('POST', `${centre()}/duplicates/${pair.id}/merge`, { keep: '01900000-0000-7000-8000-000000000000' });
  assert.equal(wrong.status, 400, wrong.text);
  const merge = await counsellor.req('POST', `${centre()}/duplicates/${pair.id}/merge`, { keep: a.id });
  assert.equal(merge.status, 201, merge.text);
  assert.equal(merge.json.merged_id, b.id);
  const kept = (await counsellor.req('GET', `${centre()}/people/${a.id}`)).json;
  assert.equal(kept.identity.name_latin, 'Shakeela Stanikzai');
  assert.deepEqual(kept.merged.map((m) => m.code), [b.code]);
  const gone = (await counsellor.req('GET', `${centre()}/people/${b.id}`)).json;
  assert.equal(gone.merged_into.code, a.code);
  const change = await counsellor.req('PUT', `${centre()}/people/${b.id}/identity`, second);
  assert.equal(change.status, 409);
  assert.equal(change.json.code, 'merged');
  const list = (await counsellor.req('GET', `${centre()}/people?limit=200`)).json.items;
  assert.ok(!list.some((p) => p.id === b.id), 'the merged record is not listed on its own');
  assert.equal((await counsellor.req('POST', `${centre()}/duplicates/${pair.id}/merge`, { keep: a.id })).status, 409);

  const undo = await counsellor.req('POST', `${centre()}/merges/${merge.json.id}/undo`);
  assert.equal(undo.status, 204, undo.text);
  const back = (await counsellor.req('GET', `${centre()}/people/${a.id}`)).json;
  assert.equal(back.identity.name_latin, '');
  assert.deepEqual(back.merged, []);
  assert.equal((await counsellor.req('POST', `${centre()}/merges/${merge.json.id}/undo`)).status, 409);
  const log = (await auditor.req('GET', `${centre()}/audit?limit=200`)).json.items;
  for (const action of ['person.merge', 'person.unmerge']) {
    for (const id of [a.id, b.id]) {
      assert.ok(log.some((e) => e.action === action && e.resource === `person/${id}`), `${action} on ${id}`);
    }
  }
});

test('a dismissed pair leaves the review list', async () => {
  const res = await counsellor.req('POST', `${centre()}/duplicates/${pair.id}/dismiss`);
  assert.equal(res.status, 204, res.text);
  const open = (await counsellor.req('GET', `${centre()}/duplicates`)).json.items;
  assert.ok(!open.some((p) => p.id === pair.id));
  const dismissed = (await counsellor.req('GET', `${centre()}/duplicates?status=dismissed`)).json.items;
  assert.ok(dismissed.some((p) => p.id === pair.id));
  assert.equal((await counsellor.req('POST', `${centre()}/duplicates/${pair.id}/dismiss`)).status, 409);
});
