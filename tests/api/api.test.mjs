// The API's behaviour: sign-in, second factor, CSRF, sessions, tokens, centres, users, audit, paging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoServer, totp, totpNow, runSerai } from '../lib/serai.mjs';

let admin;
const s = demoServer(async (server) => { admin = await server.signIn('admin@example.org'); });

test('health, metrics and the API description are public', async () => {
  const anon = s.anonymous();
  assert.deepEqual((await anon.req('GET', '/healthz')).json, { status: 'ok' });
  const metrics = await anon.req('GET', '/metrics');
  assert.match(metrics.text, /serai_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
  assert.match(metrics.text, /process_resident_memory_bytes \d+/);
  const doc = (await anon.req('GET', '/api/openapi.json')).json;
  assert.equal(doc.openapi, '3.1.0');
});

test('wrong password and unknown e-mail get the same answer', async () => {
  const anon = s.anonymous();
  const a = await anon.req('POST', '/api/v1/session', { email: 'counsellor.kabul@example.org', password: 'not the password' });
  const b = await anon.req('POST', '/api/v1/session', { email: 'nobody@example.org', password: 'not the password' });
  assert.equal(a.status, 401);
  assert.deepEqual(a.json, b.json);
  assert.equal(a.headers.get('set-cookie'), null);
});

test('the session cookie is HttpOnly and SameSite=Strict, Secure behind TLS', async () => {
  const u = s.user('counsellor.kabul@example.org');
  const res = await fetch(s.base + '/api/v1/session', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
    body: JSON.stringify({ email: u.email, password: u.password }),
  });
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Secure/);
});

test('admins need their TOTP code', async () => {
  const u = s.user('manager.dhaka@example.org');
  const anon = s.anonymous();
  const missing = await anon.req('POST', '/api/v1/session', { email: u.email, password: u.password });
  assert.equal(missing.status, 401);
  assert.equal(missing.json.code, 'totp_required');
  const wrong = await anon.req('POST', '/api/v1/session', { email: u.email, password: u.password, totp: '000000' === totpNow(u.totp_secret) ? '111111' : '000000' });
  assert.equal(wrong.json.code, 'wrong_code');
});

test('a manager without a second factor must enrol before anything else', async () => {
  const kabul = s.centreId('kabul');
  const created = await admin.req('POST', `/api/v1/centres/${kabul}/users`, {
    email: 'new.manager@example.org', display_name: 'مدیر جدید', password: 'a long password', locale: 'prs', roles: ['manager'],
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.display_name, 'مدیر جدید');
  const anon = s.anonymous();
  const signIn = await anon.req('POST', '/api/v1/session', { email: 'new.manager@example.org', password: 'a long password' });
  assert.equal(signIn.status, 200);
  assert.equal(signIn.json.second_factor_done, false);
  const cookie = signIn.headers.get('set-cookie').split(';')[0];
  const { Client } = await import('../lib/serai.mjs');
  const c = new Client(s.base, cookie, signIn.json.csrf_token, signIn.json);
  const blocked = await c.req('GET', `/api/v1/centres/${kabul}`);
  assert.equal(blocked.status, 403);
  assert.equal(blocked.json.code, 'totp_required');
  const enrol = await c.req('POST', '/api/v1/me/totp');
  assert.equal(enrol.status, 200);
  assert.match(enrol.json.uri, /^otpauth:\/\/totp\/Serai:new.manager@example.org\?secret=/);
  const bad = await c.req('POST', '/api/v1/me/totp/confirm', { code: '12345' });
  assert.equal(bad.status, 400);
  const ok = await c.req('POST', '/api/v1/me/totp/confirm', { code: totp(enrol.json.secret, Date.now() / 1000) });
  assert.equal(ok.status, 204, ok.text);
  assert.equal((await c.req('GET', `/api/v1/centres/${kabul}`)).status, 200);
});

test('writes with a session cookie need the CSRF token', async () => {
  const c = await s.signIn('counsellor.kabul@example.org');
  const noToken = await fetch(s.base + '/api/v1/me/tokens', {
    method: 'POST', headers: { cookie: c.cookie, 'content-type': 'application/json' }, body: '{"name":"x"}',
  });
  assert.equal(noToken.status, 403);
  assert.equal((await noToken.json()).code, 'csrf_token_invalid');
  const withToken = await c.req('POST', '/api/v1/me/tokens', { name: 'exporter' });
  assert.equal(withToken.status, 201);
});

test('API tokens work without cookies and stop when revoked', async () => {
  const c = await s.signIn('me.kabul@example.org');
  const made = await c.req('POST', '/api/v1/me/tokens', { name: 'dashboard', days: 30 });
  assert.equal(made.status, 201);
  const bearer = { authorization: 'Bearer ' + made.json.token };
  const me = await fetch(s.base + '/api/v1/me', { headers: bearer });
  assert.equal(me.status, 200);
  assert.equal((await c.req('DELETE', `/api/v1/me/tokens/${made.json.id}`)).status, 204);
  assert.equal((await fetch(s.base + '/api/v1/me', { headers: bearer })).status, 401);
});

test('sign-out ends one session; sign-out everywhere ends them all', async () => {
  const a = await s.signIn('editor.kabul@example.org');
  const b = await s.signIn('editor.kabul@example.org');
  assert.equal((await a.req('DELETE', '/api/v1/session')).status, 204);
  assert.equal((await a.req('GET', '/api/v1/me')).status, 401);
  assert.equal((await b.req('GET', '/api/v1/me')).status, 200);
  const c = await s.signIn('editor.kabul@example.org');
  assert.equal((await c.req('POST', '/api/v1/me/sign-out-everywhere')).status, 204);
  assert.equal((await b.req('GET', '/api/v1/me')).status, 401);
});

test('an administrator can end a staff member\'s sessions and disable the account', async () => {
  const kabul = s.centreId('kabul');
  const victim = await s.signIn('registrar.kabul@example.org');
  const id = s.user('registrar.kabul@example.org').id;
  assert.equal((await admin.req('POST', `/api/v1/centres/${kabul}/users/${id}/sign-out-everywhere`)).status, 204);
  assert.equal((await victim.req('GET', '/api/v1/me')).status, 401);
  const off = await admin.req('PATCH', `/api/v1/centres/${kabul}/users/${id}`, { disabled: true });
  assert.equal(off.json.disabled, true);
  const u = s.user('registrar.kabul@example.org');
  const again = await s.anonymous().req('POST', '/api/v1/session', { email: u.email, password: u.password });
  assert.equal(again.status, 401);
});

test('centres: create, read, change, page through', async () => {
  const made = await admin.req('POST', '/api/v1/centres', {
    name: 'MRC Herat', country: 'AF', city: 'هرات', languages: ['prs', 'en'], time_zone: 'Asia/Kabul',
  });
  assert.equal(made.status, 201, made.text);
  const got = await admin.req('GET', `/api/v1/centres/${made.json.id}`);
  assert.equal(got.json.city, 'هرات');
  const changed = await admin.req('PATCH', `/api/v1/centres/${made.json.id}`, { languages: ['prs', 'ps', 'en'] });
  assert.deepEqual(changed.json.languages, ['prs', 'ps', 'en']);
  const seen = [];
  let cursor = '';
  for (let i = 0; i < 10; i++) {
    const page = await admin.req('GET', `/api/v1/centres?limit=3${cursor ? '&cursor=' + cursor : ''}`);
    assert.equal(page.status, 200);
    seen.push(...page.json.items.map((c) => c.id));
    if (!page.json.next_cursor) break;
    cursor = page.json.next_cursor;
  }
  assert.equal(seen.length, 7);
  assert.equal(new Set(seen).size, 7);
  const dup = await admin.req('POST', '/api/v1/centres', { name: 'x', country: 'af', city: 'y', languages: ['en'], time_zone: 'UTC' });
  assert.equal(dup.status, 400);
  assert.equal(dup.json.code, 'invalid_country');
});

test('users: duplicate e-mail is a conflict; roles are replaced per centre', async () => {
  const kabul = s.centreId('kabul');
  const body = { email: 'Second.Counsellor@example.org', display_name: 'Sadia', password: 'a long password', roles: ['counsellor'] };
  const a = await admin.req('POST', `/api/v1/centres/${kabul}/users`, body);
  assert.equal(a.status, 201);
  assert.equal(a.json.email, 'second.counsellor@example.org');
  const b = await admin.req('POST', `/api/v1/centres/${kabul}/users`, { ...body, email: 'second.counsellor@EXAMPLE.org' });
  assert.equal(b.status, 409);
  assert.equal(b.json.code, 'email_taken');
  const changed = await admin.req('PATCH', `/api/v1/centres/${kabul}/users/${a.json.id}`, { roles: ['counsellor', 'editor'] });
  assert.deepEqual(changed.json.roles.map((r) => r.role).sort(), ['counsellor', 'editor']);
});

test('every read of staff data and every write is in the audit log, which verifies', async () => {
  const kabul = s.centreId('kabul');
  const manager = await s.signIn('manager.kabul@example.org');
  await manager.req('GET', `/api/v1/centres/${kabul}/users`, undefined, { headers: { 'x-serai-purpose': 'administration' } });
  const auditor = await s.signIn('auditor.kabul@example.org');
  const log = await auditor.req('GET', `/api/v1/centres/${kabul}/audit?limit=200`);
  assert.equal(log.status, 200);
  const read = log.json.items.find((e) => e.action === 'user.list' && e.actor === manager.me.id);
  assert.ok(read, 'the list read is audited');
  assert.equal(read.purpose, 'administration');
  assert.ok(log.json.items.some((e) => e.action === 'user.create'));
  const verify = runSerai(['audit', 'verify', '--data', s.dataDir, ...s.dbArgs()]);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  assert.equal(JSON.parse(verify.stdout).ok, true);
});

test('repeated wrong passwords lock the account', async () => {
  const u = s.user('partner.kabul@example.org');
  const anon = s.anonymous();
  for (let i = 0; i < 5; i++) await anon.req('POST', '/api/v1/session', { email: u.email, password: 'wrong password ' + i });
  const locked = await anon.req('POST', '/api/v1/session', { email: u.email, password: u.password });
  assert.equal(locked.status, 429);
  assert.equal(locked.json.code, 'account_locked');
});

test('logs carry no personal data', async () => {
  await s.stop();
  for (const u of s.demoData.users) {
    assert.ok(!s.stderr.includes(u.email), 'an e-mail address reached the log');
    assert.ok(!s.stderr.includes(u.password), 'a password reached the log');
  }
  assert.ok(!s.stderr.includes('مدیر جدید'));
  await s.start();
});
