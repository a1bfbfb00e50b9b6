// Walks every route of the API description x every demo role x the user's own centre and a foreign
// one, and checks that the access decision matches the policy written out below (from the product's
// rules, not from the server's code). Writes are sent with an empty body: a request that passes the
// access check then fails validation (400) and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Serai } from '../lib/serai.mjs';

const s = new Serai();
const clients = {};
let routes = [];

// Who may do what: role names per action; 'global' means a grant for every centre is needed.
const policy = {
  'public': 'anyone',
  'self': 'signed-in',
  'centre.list': 'signed-in',
  'centre.read': ['admin', 'manager', 'counsellor', 'outreach', 'me_officer', 'editor', 'partner', 'registrar', 'auditor'],
  'centre.create': 'global-admin',
  'centre.update': ['admin'],
  'user.read': ['admin', 'manager'],
  'user.admin': ['admin'],
  'audit.read': ['admin', 'auditor'],
  'channel.read': ['admin', 'manager'],
  'channel.admin': ['admin'],
  'inbox.read': ['counsellor', 'manager'],
  'inbox.reply': ['counsellor', 'manager'],
  'inbox.setup': ['manager', 'admin'],
  'canned.read': ['counsellor', 'manager', 'admin'],
  // The knowledge base is shared: the role in any centre will do.
  'kb.read': { anyCentre: ['editor', 'counsellor', 'manager', 'admin'] },
  'kb.edit': { anyCentre: ['editor', 'manager'] },
  'kb.review': { anyCentre: ['editor', 'manager'] },
  // People: the centre's counsellors, managers and registrars; only managers shred.
  'people.list': ['counsellor', 'manager', 'registrar'],
  'people.read': ['counsellor', 'manager', 'registrar'],
  'people.write': ['counsellor', 'manager', 'registrar'],
  'people.shred': ['manager'],
  'people.merge': ['counsellor', 'manager', 'registrar'],
  // Cases are counselling work: the centre's counsellors and managers.
  'case.read': ['counsellor', 'manager'],
  'case.write': ['counsellor', 'manager'],
  // The directory is read by those who refer and those referred to; managers keep it. Partners
  // see only the referrals addressed to them (tests/api/referrals.test.mjs).
  'directory.read': ['counsellor', 'manager', 'partner', 'admin'],
  'directory.edit': ['manager', 'admin'],
  'referral.read': ['counsellor', 'manager', 'partner'],
  'referral.send': ['counsellor', 'manager'],
  'referral.answer': ['counsellor', 'manager', 'partner'],
  // Reintegration: managers set the rules and work the set-back queue (supervision).
  'reintegration.setup': ['manager'],
  'setback.queue': ['manager'],
};

// Routes that would end the caller's own session: checked in their own tests instead.
const skip = new Set(['DELETE /api/v1/session', 'POST /api/v1/me/sign-out-everywhere', 'POST /api/v1/me/password']);

const people = [
  'admin@example.org', 'manager.kabul@example.org', 'counsellor.kabul@example.org',
  'outreach.kabul@example.org', 'me.kabul@example.org', 'editor.kabul@example.org',
  'partner.kabul@example.org', 'registrar.kabul@example.org', 'auditor.kabul@example.org',
  'manager.dhaka@example.org', 'counsellor.dhaka@example.org',
];

before(async () => {
  s.demo();
  await s.start();
  for (const email of people) clients[email] = await s.signIn(email);
  clients.anonymous = s.anonymous();
  const doc = await (await fetch(s.base + '/api/openapi.json')).json();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      routes.push({ method: method.toUpperCase(), path, action: op['x-serai-action'] });
    }
  }
});

after(() => s.cleanup());

function allowed(action, who, centreKey) {
  const rule = policy[action];
  assert.ok(rule, 'the walk has no policy for action ' + action);
  if (rule === 'anyone') return true;
  if (who === 'anonymous') return false;
  if (rule === 'signed-in') return true;
  const u = s.user(who);
  if (rule.anyCentre) return rule.anyCentre.includes(u.role);
  const global = u.centre === '*';
  if (rule === 'global-admin') return global && u.role === 'admin';
  if (global) return rule.includes(u.role);
  return u.centre === centreKey && rule.includes(u.role);
}

function fill(path, centreKey) {
  return path
    .replace('{centre}', s.centreId(centreKey))
    .replace('{user}', '01900000-0000-7000-8000-000000000000')
    .replace('{token}', '01900000-0000-7000-8000-000000000000')
    .replace('{conversation}', '01900000-0000-7000-8000-000000000000')
    .replace('{platform}', 'whatsapp')
    .replace('{account}', '01900000-0000-7000-8000-000000000000')
    .replace('{reply}', '01900000-0000-7000-8000-000000000000')
    .replace('{message}', '01900000-0000-7000-8000-000000000000')
    .replace('{template}', '01900000-0000-7000-8000-000000000000')
    .replace('{article}', '01900000-0000-7000-8000-000000000000')
    .replace('{attachment}', '01900000-0000-7000-8000-000000000000')
    .replace('{person}', '01900000-0000-7000-8000-000000000000')
    .replace('{consent}', '01900000-0000-7000-8000-000000000000')
    .replace('{case}', '01900000-0000-7000-8000-000000000000')
    .replace('{task}', '01900000-0000-7000-8000-000000000000')
    .replace('{partner}', '01900000-0000-7000-8000-000000000000')
    .replace('{service}', '01900000-0000-7000-8000-000000000000')
    .replace('{referral}', '01900000-0000-7000-8000-000000000000')
    .replace('{milestone}', '01900000-0000-7000-8000-000000000000')
    .replace('{setback}', '01900000-0000-7000-8000-000000000000')
    .replace('{pair}', '01900000-0000-7000-8000-000000000000')
    .replace('{merge}', '01900000-0000-7000-8000-000000000000');
}

test('every route x every role x own and foreign centre obeys the policy', async () => {
  let checked = 0;
  for (const r of routes) {
    if (skip.has(`${r.method} ${r.path}`)) continue;
    for (const who of [...people, 'anonymous']) {
      for (const centreKey of r.path.includes('{centre}') ? ['kabul', 'dhaka'] : ['kabul']) {
        const res = await clients[who].req(r.method, fill(r.path, centreKey), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
        const ok = allowed(r.action, who, centreKey);
        const where = `${r.method} ${r.path} as ${who} in ${centreKey}: ${res.status} ${res.text.slice(0, 120)}`;
        assert.ok(res.status < 500, where);
        // The description is true: every route it lists is served (no router 404 or 405).
        assert.ok(res.json?.code !== 'not_found' && res.status !== 405, 'described but not served: ' + where);
        if (ok) {
          assert.ok(![401, 403].includes(res.status), 'refused but should be allowed: ' + where);
        } else {
          assert.ok([401, 403].includes(res.status), 'served but should be refused: ' + where);
          assert.equal(res.json?.items, undefined, 'a refusal carries no data: ' + where);
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 300, `walked ${checked} combinations`);
});

test('lists only show what the caller may see', async () => {
  const kabul = s.centreId('kabul');
  const dhaka = s.centreId('dhaka');
  const mine = await clients['counsellor.kabul@example.org'].req('GET', '/api/v1/centres');
  assert.deepEqual(mine.json.items.map((c) => c.id), [kabul]);
  const all = await clients['admin@example.org'].req('GET', '/api/v1/centres');
  assert.equal(all.json.items.length, 6);
  const staff = await clients['manager.kabul@example.org'].req('GET', `/api/v1/centres/${kabul}/users`);
  assert.equal(staff.status, 200);
  const emails = staff.json.items.map((u) => u.email);
  assert.ok(emails.includes('counsellor.kabul@example.org'));
  assert.ok(!emails.some((e) => e.endsWith('dhaka@example.org')), 'no Dhaka staff in Kabul');
  for (const u of staff.json.items) {
    for (const role of u.roles) assert.ok([kabul, '*'].includes(role.centre), 'roles elsewhere are not shown');
  }
  const dhakaUser = s.user('counsellor.dhaka@example.org').id;
  const peek = await clients['manager.kabul@example.org'].req('GET', `/api/v1/centres/${kabul}/users/${dhakaUser}`);
  assert.equal(peek.status, 404, 'a user of another centre cannot be read through one\'s own centre');
});

test('purpose must be one the action allows', async () => {
  const kabul = s.centreId('kabul');
  const c = clients['auditor.kabul@example.org'];
  assert.equal((await c.req('GET', `/api/v1/centres/${kabul}/audit`)).status, 200);
  const wrong = await c.req('GET', `/api/v1/centres/${kabul}/audit`, undefined, { headers: { 'x-serai-purpose': 'counselling' } });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.json.code, 'purpose_not_allowed');
  const bogus = await c.req('GET', `/api/v1/centres/${kabul}/audit`, undefined, { headers: { 'x-serai-purpose': 'curiosity' } });
  assert.equal(bogus.status, 400);
});
