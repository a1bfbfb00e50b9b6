// A fake WhatsApp posts up to 1,000 messages a second; serai is killed with SIGKILL in the middle.
// (The rate reached is reported as a diagnostic; throughput targets live in bench/, not in tests.)
// After restart, every message that got a 200 is there exactly once, and the platform's retries of
// the rest (and of some acknowledged ones, as platforms do) land, still once each.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Serai } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

const s = new Serai();
after(() => s.cleanup());
const senders = 20;

test('every acknowledged webhook survives kill -9 and retries land once', async (t) => {
  s.demo();
  await s.start();
  const ch = JSON.parse(readFileSync(join(s.dataDir, 'demo-channels.json'), 'utf8'))
    .find((c) => c.platform === 'whatsapp' && c.centre === 'kabul');
  const delivery = (w, n) => fake.whatsappText(ch, { from: `9370010${String(w).padStart(4, '0')}`, id: `wamid.K${w}-${n}`, text: `K${w}-${n}`, name: `Sender ${w}` });
  const acked = new Set();
  const unacked = [];
  let killed = false;
  const killAt = 800 + Math.floor(Math.random() * 400);
  const start = Date.now();
  const worker = async (w) => {
    for (let n = 0; !killed; n++) {
      // About 1,000 messages a second in all: each of 20 senders paces itself to 50 a second.
      const due = start + (n * 1000) / 50;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const res = await fake.deliver(s.base, ch, delivery(w, n)).catch(() => ({ status: 0 }));
      (res.status === 200 ? acked.add(`K${w}-${n}`) : unacked.push([w, n]));
      if (!killed && acked.size >= killAt) {
        killed = true;
        s.proc.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, (_, w) => worker(w)));
  const rate = acked.size / ((Date.now() - start) / 1000);
  assert.ok(acked.size >= killAt, `${acked.size} acknowledged`);

  await s.start();
  // The platform retries what it did not get a 200 for, and redelivers a few that it did.
  const redeliver = [...unacked, ...[...acked].slice(0, 50).map((k) => k.slice(1).split('-').map(Number))];
  for (const [w, n] of redeliver) {
    const res = await fake.deliver(s.base, ch, delivery(w, n));
    assert.equal(res.status, 200);
  }

  const counsellor = await s.signIn('counsellor.kabul@example.org');
  const kabul = s.centreId('kabul');
  const convs = (await counsellor.req('GET', `/api/v1/centres/${kabul}/conversations?limit=200`)).json.items;
  const seen = new Map();
  for (const c of convs.filter((x) => x.platform === 'whatsapp')) {
    const msgs = (await counsellor.req('GET', `/api/v1/centres/${kabul}/conversations/${c.id}/messages`)).json.items;
    for (const m of msgs) seen.set(m.text, (seen.get(m.text) ?? 0) + 1);
  }
  const lost = [...acked].filter((k) => !seen.has(k));
  assert.deepEqual(lost, [], `${lost.length} of ${acked.size} acknowledged messages lost (rate ${rate.toFixed(0)}/s)`);
  const retriedMissing = unacked.filter(([w, n]) => !seen.has(`K${w}-${n}`));
  assert.deepEqual(retriedMissing, [], 'every retry landed');
  const twice = [...seen].filter(([, count]) => count !== 1);
  assert.deepEqual(twice, [], 'each message exactly once');
  t.diagnostic(`${acked.size} acknowledged at ${rate.toFixed(0)} messages a second before the kill; ${unacked.length} retried`);
});
