// The service directory and referrals: managers keep the directory; a referral needs the person's
// consent; partners see and answer only the referrals addressed to their organisation, and each
// of their reads is audited with its purpose; notes and feedback are sealed under the person's key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoServer } from '../lib/serai.mjs';

let counsellor, manager, partner, dhaka, auditor;
const s = demoServer(async (server) => {
  counsellor = await server.signIn('counsellor.kabul@example.org');
  manager = await server.signIn('manager.kabul@example.org');
  partner = await server.signIn('partner.kabul@example.org');
  dhaka = await server.signIn('counsellor.dhaka@example.org');
  auditor = await server.signIn('auditor.kabul@example.org');
});
const centre = () => `/api/v1/centres/${s.centreId('kabul')}`;
const admin = { headers: { 'x-serai-purpose': 'administration' } };
const note = 'Employer Zainuddin Traders withholds eight months of wages';
let directory, legal, psychosocial, person, referral;

test('the directory lists partners with their services and who answers for them', async () => {
  const res = await partner.req('GET', `${centre()}/partners`);
  assert.equal(res.status, 200, res.text);
  directory = res.json.items;
  const org = directory.find((o) => o.name === 'Kabul Legal Aid (demo)');
  assert.deepEqual(org.member_ids, [partner.me.id]);
  legal = org.services.find((x) => x.type === 'legal');
  assert.deepEqual(legal.languages, ['en', 'prs', 'ps']);
  psychosocial = directory.find((o) => o.name === 'Psychosocial Centre (demo)').services[0];
  assert.equal((await dhaka.req('GET', `${centre()}/partners`)).status, 403, 'another centre\'s directory');
});

test('managers keep the directory; bad entries are refused and change nothing', async () => {
  assert.equal((await counsellor.req('POST', `${centre()}/partners`, { name: 'Shelter' })).status, 403);
  const made = await manager.req('POST', `${centre()}/partners`, { name: 'Women\'s Shelter Kabul', place: 'Kabul' }, admin);
  assert.equal(made.status, 201, made.text);
  const again = await manager.req('POST', `${centre()}/partners`, { name: 'Women\'s Shelter Kabul' }, admin);
  assert.equal(again.status, 409);
  assert.equal(again.json.code, 'partner_exists');
  const services = `${centre()}/partners/${made.json.id}/services`;
  for (const body of [{ type: 'spa' }, { type: 'shelter', languages: ['dari!'] }, { type: 'shelter', eligibility: 'x'.repeat(2001) }, { type: 'shelter', price: 1 }]) {
    const res = await manager.req('POST', services, body, admin);
    assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 60)}: ${res.text}`);
  }
  const shelter = await manager.req('POST', services, { type: 'shelter', languages: ['prs', 'prs'], eligibility: 'Women and children' }, admin);
  assert.equal(shelter.status, 201, shelter.text);
  assert.deepEqual(shelter.json.languages, ['prs']);
  const members = await manager.req('PUT', `${centre()}/partners/${made.json.id}/members`, { user_ids: [counsellor.me.id] }, admin);
  assert.equal(members.status, 400, 'only partner users answer for a partner');
  assert.equal(members.json.code, 'invalid_member');
  const now = (await manager.req('GET', `${centre()}/partners`)).json.items;
  assert.equal(now.length, directory.length + 1);
  assert.deepEqual(now.find((o) => o.id === made.json.id).services.map((x) => x.type), ['shelter']);
});

test('a referral needs the person\'s consent to be referred', async () => {
  const made = await counsellor.req('POST', `${centre()}/people`, { name: 'سلیم حیدری', phones: ['0799 888 111'] });
  assert.equal(made.status, 201, made.text);
  person = made.json;
  const refused = await counsellor.req('POST', `${centre()}/referrals`, { person_id: person.id, service_id: legal.id, note });
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.json.code, 'no_consent');
  const consent = await counsellor.req('POST', `${centre()}/people/${person.id}/consents`, { purpose: 'referral', basis: 'consent', channel: 'verbal' });
  assert.equal(consent.status, 201);
  const res = await counsellor.req('POST', `${centre()}/referrals`, { person_id: person.id, service_id: legal.id, note, share_identity: true });
  assert.equal(res.status, 201, res.text);
  referral = res.json;
  assert.equal(referral.status, 'sent');
  assert.equal(referral.partner_name, 'Kabul Legal Aid (demo)');
  for (const [body, status] of [
    [{ person_id: person.id, service_id: '01900000-0000-7000-8000-0000000000ff' }, 404],
    [{ person_id: person.id, service_id: legal.id, case_id: '01900000-0000-7000-8000-0000000000ff' }, 404],
    [{ person_id: person.id, service_id: legal.id, note: 'x'.repeat(2001) }, 400],
    [{ person_id: person.id, service_id: 'legal' }, 400],
  ]) {
    assert.equal((await counsellor.req('POST', `${centre()}/referrals`, body)).status, status, JSON.stringify(body).slice(0, 80));
  }
});

test('the partner addressed sees the referral, the note and the shared name; the read is audited', async () => {
  const list = await partner.req('GET', `${centre()}/referrals`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.json.items.map((r) => r.id), [referral.id]);
  assert.doesNotMatch(list.text, /Zainuddin|سلیم/, 'lists carry no note or name');
  const one = await partner.req('GET', `${centre()}/referrals/${referral.id}`);
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.note, note);
  assert.equal(one.json.person.name, 'سلیم حیدری');
  assert.deepEqual(one.json.person.phones, ['+93799888111']);
  const log = (await auditor.req('GET', `${centre()}/audit?limit=200`)).json.items;
  const reads = log.filter((e) => e.action === 'referral.read' && e.actor === partner.me.id);
  assert.deepEqual(reads.map((e) => [e.purpose, e.resource]), [['referral', `person/${person.id}`]]);
  assert.match(reads[0].detail, /identity/);
  assert.doesNotMatch(JSON.stringify(log), /Zainuddin|سلیم|888111/);
  assert.doesNotMatch(s.stderr, /Zainuddin|سلیم|888111/, 'notes and names never reach the log');
  assert.equal((await partner.req('GET', `${centre()}/people/${person.id}`)).status, 403, 'a partner does not read the person record');
});

test('a partner sees nothing addressed to another organisation', async () => {
  const other = await counsellor.req('POST', `${centre()}/referrals`, { person_id: person.id, service_id: psychosocial.id, note: 'Nightmares since the return' });
  assert.equal(other.status, 201, other.text);
  assert.equal(other.json.person, null, 'identity not shared unless asked');
  const list = await partner.req('GET', `${centre()}/referrals?limit=200`);
  assert.ok(!list.json.items.some((r) => r.id === other.json.id));
  const peek = await partner.req('GET', `${centre()}/referrals/${other.json.id}`);
  assert.equal(peek.status, 404);
  assert.doesNotMatch(peek.text, /Nightmares/);
  assert.equal((await partner.req('PATCH', `${centre()}/referrals/${other.json.id}`, { status: 'accepted' })).status, 404);
  const staff = await counsellor.req('GET', `${centre()}/referrals?person=${person.id}`);
  assert.equal(staff.json.items.length, 2, 'staff see all the centre\'s referrals');
  assert.equal((await dhaka.req('GET', `${centre()}/referrals`)).status, 403);
  assert.equal((await partner.req('POST', `${centre()}/referrals`, { person_id: person.id, service_id: legal.id })).status, 403, 'partners do not refer');
});

test('the partner accepts and completes with feedback; the steps go one way', async () => {
  const path = `${centre()}/referrals/${referral.id}`;
  assert.equal((await partner.req('PATCH', path, { status: 'completed' })).status, 409, 'accepted before completed');
  const accepted = await partner.req('PATCH', path, { status: 'accepted', feedback: 'Lawyer Parwiz Noori takes the case' });
  assert.equal(accepted.status, 200, accepted.text);
  assert.equal(accepted.json.updated_by, partner.me.id);
  const done = await partner.req('PATCH', path, { status: 'completed', feedback: 'Wages paid in full' });
  assert.equal(done.json.status, 'completed');
  const back = await partner.req('PATCH', path, { status: 'declined' });
  assert.equal(back.status, 409);
  assert.equal(back.json.code, 'invalid_transition');
  assert.equal((await partner.req('PATCH', path, { status: 'lost' })).status, 400);
  const read = await counsellor.req('GET', path);
  assert.equal(read.json.feedback, 'Wages paid in full');
  const completed = await counsellor.req('GET', `${centre()}/referrals?status=completed`);
  assert.deepEqual(completed.json.items.map((r) => r.id), [referral.id]);
});

test('withdrawn consent stops new referrals; a shred leaves notes and feedback unreadable', async () => {
  const consents = (await counsellor.req('GET', `${centre()}/people/${person.id}`)).json.consents;
  await counsellor.req('POST', `${centre()}/people/${person.id}/consents/${consents[0].id}/withdraw`);
  const refused = await counsellor.req('POST', `${centre()}/referrals`, { person_id: person.id, service_id: legal.id });
  assert.equal(refused.json.code, 'no_consent');
  assert.equal((await manager.req('POST', `${centre()}/people/${person.id}/shred`, undefined, admin)).status, 204);
  const read = await partner.req('GET', `${centre()}/referrals/${referral.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.json.note, '');
  assert.equal(read.json.feedback, '');
  assert.equal(read.json.person.name, '');
  if (!s.dbUrl) {
    for (const f of readdirSync(s.dataDir).filter((f) => f.startsWith('serai.db')).map((f) => join(s.dataDir, f))) {
      const bytes = readFileSync(f);
      for (const text of ['Zainuddin', 'Parwiz', 'Wages paid', 'Nightmares']) assert.equal(bytes.indexOf(Buffer.from(text)), -1, `${text} in ${f}`);
    }
  }
});
