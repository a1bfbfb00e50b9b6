// The demo is a living system: every demo user can sign in (with a TOTP code where required) and
// lands with the roles the demo printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoServer } from '../lib/serai.mjs';

const s = demoServer();

test('the demo has six centres and a user for each role', () => {
  assert.deepEqual(s.demoData.centres.map((c) => c.key), ['kabul', 'islamabad', 'lahore', 'dhaka', 'baghdad', 'dushanbe']);
  const roles = new Set(s.demoData.users.map((u) => u.role));
  for (const r of ['admin', 'manager', 'counsellor', 'outreach', 'me_officer', 'editor', 'partner', 'registrar', 'auditor']) {
    assert.ok(roles.has(r), 'no demo user for ' + r);
  }
});

test('every demo user can sign in', async () => {
  for (const u of s.demoData.users) {
    const c = await s.signIn(u.email);
    assert.equal(c.me.second_factor_done, true, u.email);
    assert.ok(c.me.roles.some((g) => g.role === u.role && g.centre === u.centre_id), u.email);
    assert.equal((await c.req('GET', '/api/v1/me')).status, 200);
  }
});

test('the sign-in page is served', async () => {
  const res = await fetch(s.base + '/');
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-security-policy'), /default-src 'self'/);
  const gz = await fetch(s.base + '/', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
});
