// Process lifecycle: graceful stop on SIGTERM, online backup, restore, and the key-store boundary.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { demoServer, runSerai } from '../lib/serai.mjs';

let admin;
const s = demoServer(async (server) => { admin = await server.signIn('admin@example.org'); });

const centre = (name) => ({ name, country: 'PK', city: 'Peshawar', languages: ['ps', 'ur'], time_zone: 'Asia/Karachi' });

test('an online backup restores to the moment it was taken', async () => {
  // A token minted before the backup still works after the restore (the admin's TOTP step is spent).
  const token = (await admin.req('POST', '/api/v1/me/tokens', { name: 'restore-check' })).json.token;
  const bearer = (path) => fetch(s.base + path, { headers: { authorization: 'Bearer ' + token } });
  const before = await admin.req('POST', '/api/v1/centres', centre('Before backup'));
  assert.equal(before.status, 201);
  const file = join(s.dataDir, '..', `serai-backup-${process.pid}-${Date.now()}.dump`);
  const backup = runSerai(['backup', '--data', s.dataDir, ...s.dbArgs(), '--out', file]);
  assert.equal(backup.code, 0, backup.stderr);
  assert.ok(statSync(file).size > 0);
  const later = await admin.req('POST', '/api/v1/centres', centre('After backup'));
  assert.equal(later.status, 201);

  if (!s.dbUrl) {
    const refused = runSerai(['restore', '--data', s.dataDir, '--from', file]);
    assert.notEqual(refused.code, 0, 'restore must refuse while serve runs');
    assert.match(refused.stderr, /stop serai serve first/);
  }
  await s.stop();
  const notBackup = runSerai(['restore', '--data', s.dataDir, ...s.dbArgs(), '--from', join(s.dataDir, 'demo-users.json')]);
  assert.notEqual(notBackup.code, 0);
  const restore = runSerai(['restore', '--data', s.dataDir, ...s.dbArgs(), '--from', file]);
  assert.equal(restore.code, 0, restore.stderr);
  rmSync(file, { force: true });
  await s.start();
  assert.equal((await bearer(`/api/v1/centres/${before.json.id}`)).status, 200);
  assert.equal((await bearer(`/api/v1/centres/${later.json.id}`)).status, 404);
  const verify = runSerai(['audit', 'verify', '--data', s.dataDir, ...s.dbArgs()]);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
});

test('the keys live apart from the database, so no data backup holds them', () => {
  assert.ok(existsSync(join(s.dataDir, 'keys', 'master.key')));
  assert.ok(existsSync(join(s.dataDir, 'keys', 'keys.db')));
  assert.equal(statSync(join(s.dataDir, 'keys')).mode & 0o077, 0, 'the key folder is private');
});

test('SIGTERM stops serai cleanly', async () => {
  const res = await fetch(s.base + '/healthz');
  assert.equal(res.status, 200);
  const { code, sig } = await s.stop('SIGTERM');
  assert.equal(code, 0, `exit ${code} ${sig}`);
  assert.match(s.stderr, /"event":"stopped"/);
  await s.start();
});

test('shred destroys a person key and is audited', () => {
  const r = runSerai(['shred', '--data', s.dataDir, ...s.dbArgs(), '--person', '01900000-0000-7000-8000-00000000abcd']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /unreadable everywhere/);
  const bad = runSerai(['shred', '--data', s.dataDir, ...s.dbArgs(), '--person', 'nobody']);
  assert.notEqual(bad.code, 0);
});

test('audit verify finds the newest events deleted behind serai\'s back', async () => {
  await s.stop();  // writes the final anchor
  const sql = 'DELETE FROM audit_event WHERE seq = (SELECT MAX(seq) FROM audit_event)';
  if (s.dbUrl) execFileSync('psql', [s.dbUrl, '-qc', sql]);
  else execFileSync('sqlite3', [join(s.dataDir, 'serai.db'), sql]);
  const verify = runSerai(['audit', 'verify', '--data', s.dataDir, ...s.dbArgs()]);
  assert.equal(verify.code, 1, verify.stdout + verify.stderr);
  assert.equal(JSON.parse(verify.stdout).problem, 'events up to the anchor are missing');
});

test('bad numbers on the command line get a clear error, not a crash', () => {
  for (const [flag, value] of [['--port', 'eighty'], ['--port', '70000'], ['--stream-heartbeat', '99'],
    ['--stream-heartbeat', '-1'], ['--sign-in-per-minute', '1e3'], ['--sign-in-per-minute', '99999999999999']]) {
    const r = runSerai(['serve', '--data', s.dataDir, ...s.dbArgs(), flag, value]);
    assert.notEqual(r.code, 0, `${flag} ${value}`);
    assert.ok(Number.isInteger(r.code) && r.code < 128, `${flag} ${value}: ended by a signal, not an exit (${r.code})`);
    assert.match(r.stdout + r.stderr, new RegExp(flag.slice(2)), `${flag} ${value}: names the flag`);
  }
});
