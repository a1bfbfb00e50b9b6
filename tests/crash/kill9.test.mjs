// Sends a stream of writes, kills serai with SIGKILL in the middle of it, restarts, and checks that
// every write that was acknowledged (201) is there and that the audit chain still verifies.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Serai, runSerai } from '../lib/serai.mjs';

const s = new Serai();
after(() => s.cleanup());

async function listAll(client) {
  const ids = new Map();
  let cursor = '';
  for (;;) {
    const page = await client.req('GET', `/api/v1/centres?limit=200${cursor ? '&cursor=' + cursor : ''}`);
    assert.equal(page.status, 200);
    for (const c of page.json.items) ids.set(c.id, c.name);
    if (!page.json.next_cursor) return ids;
    cursor = page.json.next_cursor;
  }
}

test('every acknowledged write survives kill -9', async () => {
  s.demo();
  await s.start();
  const admin = await s.signIn('admin@example.org');
  const token = (await admin.req('POST', '/api/v1/me/tokens', { name: 'crash-test' })).json.token;
  const acked = new Map();
  let sent = 0;
  let killed = false;
  const killAfter = 300 + Math.floor(Math.random() * 200);
  const worker = async (w) => {
    while (!killed && sent < 5000) {
      const name = `Centre ${w}-${sent++}`;
      try {
        const res = await fetch(s.base + '/api/v1/centres', {
          method: 'POST',
          headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
          body: JSON.stringify({ name, country: 'AF', city: 'Kabul', languages: ['prs'], time_zone: 'Asia/Kabul' }),
        });
        if (res.status === 201) acked.set((await res.json()).id, name);
      } catch { /* the connection died with the server: not acknowledged */ }
      if (!killed && acked.size >= killAfter) {
        killed = true;
        s.proc.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
  assert.ok(acked.size >= killAfter, `${acked.size} acknowledged before the kill`);

  await s.start();
  const again = await s.signIn('counsellor.kabul@example.org');  // the admin's TOTP step is used
  const tokenClient = { req: (m, p) => fetch(s.base + p, { method: m, headers: { authorization: 'Bearer ' + token } })
    .then(async (r) => ({ status: r.status, json: await r.json() })) };
  assert.equal((await again.req('GET', '/api/v1/me')).status, 200);
  const present = await listAll(tokenClient);
  const missing = [...acked].filter(([id, name]) => present.get(id) !== name);
  assert.deepEqual(missing, [], `${missing.length} of ${acked.size} acknowledged writes lost`);

  await s.stop();
  const verify = runSerai(['audit', 'verify', '--data', s.dataDir, ...s.dbArgs()]);
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  const report = JSON.parse(verify.stdout);
  assert.ok(report.events >= acked.size, `${report.events} audit events for ${acked.size} writes`);
});
