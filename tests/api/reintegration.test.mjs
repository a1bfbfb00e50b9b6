// Reintegration monitoring: follow-ups scheduled at the centre's intervals, assessments whose score
// drops and reported distress raise set-backs into the managers' queue with their reason, and a
// set-back stays there until a manager resolves it with a note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoServer } from '../lib/serai.mjs';

let counsellor, manager, dhakaManager;
const s = demoServer(async (server) => {
  counsellor = await server.signIn('counsellor.kabul@example.org');
  manager = await server.signIn('manager.kabul@example.org');
  dhakaManager = await server.signIn('manager.dhaka@example.org');
});
const centre = () => `/api/v1/centres/${s.centreId('kabul')}`;
const supervision = { headers: { 'x-serai-purpose': 'supervision' } };
let caseId, monitoring;

async function newCase(type) {
  const person = (await counsellor.req('POST', `${centre()}/people`, { name: 'Returnee' })).json;
  const res = await counsellor.req('POST', `${centre()}/cases`, { person_id: person.id, type });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

test('monitoring starts on a reintegration case and schedules the follow-ups', async () => {
  const counselling = await newCase('counselling');
  const refused = await counsellor.req('POST', `${centre()}/cases/${counselling.id}/reintegration`, { start_on: '2026-01-31' });
  assert.equal(refused.status, 409);
  assert.equal(refused.json.code, 'not_reintegration');
  caseId = (await newCase('reintegration')).id;
  const path = `${centre()}/cases/${caseId}/reintegration`;
  assert.equal((await counsellor.req('POST', path, { start_on: '2026-02-30' })).status, 400);
  assert.equal((await counsellor.req('POST', path, { start_on: '2026-01-31' })).status, 204);
  assert.equal((await counsellor.req('POST', path, { start_on: '2026-01-31' })).status, 409, 'once');
  monitoring = (await counsellor.req('GET', path)).json;
  assert.deepEqual(monitoring.follow_ups.map((f) => [f.months, f.due_on]), [[1, '2026-02-28'], [3, '2026-04-30'], [6, '2026-07-31'], [12, '2027-01-31']]);
});

test('bad assessments are refused; a drop and distress raise set-backs with their reasons', async () => {
  const path = `${centre()}/cases/${caseId}/reintegration/assessments`;
  for (const body of [{ economic: 0, social: 3, psychosocial: 3 }, { economic: 6, social: 3, psychosocial: 3 }, { economic: 3, social: 3 }, { economic: 3, social: 3, psychosocial: '3' }, { economic: 3, social: 3, psychosocial: 3, mood: 1 }]) {
    assert.equal((await counsellor.req('POST', path, body)).status, 400, JSON.stringify(body));
  }
  assert.equal((await counsellor.req('POST', path, { economic: 4, social: 4, psychosocial: 4 })).status, 201);
  const second = await counsellor.req('POST', path, { economic: 4, social: 4, psychosocial: 1, distress: true, follow_up_id: monitoring.follow_ups[0].id, note: 'Cannot sleep since the deportation' });
  assert.equal(second.status, 201, second.text);
  const queue = await manager.req('GET', `${centre()}/setbacks`, undefined, supervision);
  assert.equal(queue.status, 200, queue.text);
  const mine = queue.json.items.filter((x) => x.case_id === caseId);
  assert.deepEqual(mine.map((x) => x.rule).sort(), ['distress', 'score_drop']);
  assert.deepEqual(mine.find((x) => x.rule === 'score_drop').detail, { dimension: 'psychosocial', from: 4, to: 1 });
  assert.doesNotMatch(queue.text, /Cannot sleep/, 'the queue carries reasons, not notes');
  const after = (await counsellor.req('GET', `${centre()}/cases/${caseId}/reintegration`)).json;
  assert.equal(after.follow_ups[0].done, true, 'the assessment completed the follow-up');
  assert.equal(after.assessments[1].note, 'Cannot sleep since the deportation');
  assert.equal(after.setbacks.length, 2);
});

test('only the centre\'s managers work the queue; a set-back leaves it when resolved', async () => {
  assert.equal((await counsellor.req('GET', `${centre()}/setbacks`, undefined, supervision)).status, 403);
  assert.equal((await dhakaManager.req('GET', `${centre()}/setbacks`, undefined, supervision)).status, 403);
  const flag = (await manager.req('GET', `${centre()}/setbacks`, undefined, supervision)).json.items.find((x) => x.rule === 'distress');
  const resolve = `${centre()}/setbacks/${flag.id}/resolve`;
  assert.equal((await manager.req('POST', resolve, { note: '' }, supervision)).status, 400);
  assert.equal((await manager.req('POST', resolve, { note: 'Referred to the psychosocial centre' }, supervision)).status, 204);
  assert.equal((await manager.req('POST', resolve, { note: 'again' }, supervision)).status, 409);
  const open = (await manager.req('GET', `${centre()}/setbacks`, undefined, supervision)).json.items;
  assert.ok(!open.some((x) => x.id === flag.id));
  const all = (await manager.req('GET', `${centre()}/setbacks?all=1`, undefined, supervision)).json.items;
  assert.equal(all.find((x) => x.id === flag.id).resolution, 'Referred to the psychosocial centre');
  const log = (await (await s.signIn('auditor.kabul@example.org')).req('GET', `${centre()}/audit?limit=100`)).json.items;
  assert.ok(log.some((e) => e.action === 'setback.resolve' && e.actor === manager.me.id && e.purpose === 'supervision'));
  assert.doesNotMatch(JSON.stringify(log) + s.stderr, /Cannot sleep|psychosocial centre/);
});

test('managers set the intervals and rules, bounded', async () => {
  const path = `${centre()}/reintegration-rules`;
  const admin = { headers: { 'x-serai-purpose': 'administration' } };
  assert.deepEqual((await counsellor.req('GET', path)).json, { follow_up_months: [1, 3, 6, 12], missed_grace_days: 7, score_drop: 2, milestone_grace_days: 7 });
  assert.equal((await counsellor.req('PUT', path, { score_drop: 1 }, admin)).status, 403);
  for (const body of [{ follow_up_months: [] }, { follow_up_months: [0] }, { score_drop: 5 }, { missed_grace_days: -1 }, { follow_up_months: ['1'] }]) {
    assert.equal((await manager.req('PUT', path, body, admin)).status, 400, JSON.stringify(body));
  }
  const set = await manager.req('PUT', path, { follow_up_months: [2, 1], score_drop: 1 }, admin);
  assert.equal(set.status, 200, set.text);
  assert.deepEqual(set.json.follow_up_months, [1, 2]);
  const next = (await newCase('reintegration')).id;
  await counsellor.req('POST', `${centre()}/cases/${next}/reintegration`, { start_on: '2026-03-01' });
  const m = (await counsellor.req('GET', `${centre()}/cases/${next}/reintegration`)).json;
  assert.deepEqual(m.follow_ups.map((f) => f.due_on), ['2026-04-01', '2026-05-01']);
});
