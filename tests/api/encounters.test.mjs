// Walk-ins and phone calls in a person's history, and one person across channels: a visit with a
// phone number meets the WhatsApp conversation of the same number (normalised to E.164), a link is
// suggested, and once linked the history spans both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoServer } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

let counsellor;
let admin;
let whatsapp;
const s = demoServer(async (server) => {
  whatsapp = JSON.parse(readFileSync(join(server.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'whatsapp' && c.centre === 'kabul');
  counsellor = await server.signIn('counsellor.kabul@example.org');
  admin = await server.signIn('admin@example.org');
});
const centre = () => `/api/v1/centres/${s.centreId('kabul')}`;
let walkIn;  // the conversation of the first visit

test('a walk-in is recorded with a summary, duration and topics, and found again by phone', async () => {
  const res = await counsellor.req('POST', `${centre()}/encounters`, {
    kind: 'visit', name: 'Rahim Ahmadi', phone: '0799 123 456', language: 'prs', duration_minutes: 25,
    summary: 'Asked about work visas for Qatar; explained the legal route and agency checks.', topics: ['labour-migration', 'visas'],
  });
  assert.equal(res.status, 201, res.text);
  walkIn = res.json.conversation_id;
  assert.equal(res.json.entry.kind, 'visit');
  assert.equal(res.json.entry.media.duration_minutes, 25);
  assert.equal(res.json.entry.media.counsellor_id, counsellor.me.id);
  const conv = (await counsellor.req('GET', `${centre()}/conversations/${walkIn}`)).json;
  assert.equal(conv.platform, 'inperson');
  assert.equal(conv.contact_name, 'Rahim Ahmadi');
  assert.equal(conv.language, 'prs');
  assert.deepEqual(conv.tags, ['labour-migration', 'visas']);
  assert.equal(conv.awaiting_since, null, 'a visit is not a question waiting for an answer');
  assert.equal(conv.assignee_id, counsellor.me.id, 'whoever met the person takes the conversation');
  // He calls a week later; the number is written differently.
  const call = await counsellor.req('POST', `${centre()}/encounters`, { kind: 'call', phone: '+93 799-123-456', duration_minutes: 5, summary: 'Called to ask which documents to bring.' });
  assert.equal(call.status, 201, call.text);
  assert.equal(call.json.conversation_id, walkIn);
  const history = (await counsellor.req('GET', `${centre()}/conversations/${walkIn}/messages`)).json.items;
  assert.deepEqual(history.map((m) => m.kind), ['visit', 'call']);
  assert.equal(history[1].text, 'Called to ask which documents to bring.');
  // Nothing can be sent to a walk-in.
  const reply = await counsellor.req('POST', `${centre()}/conversations/${walkIn}/messages`, { text: 'hello' });
  assert.equal(reply.json.code, 'no_channel');
  assert.ok(reply.status >= 400 && reply.status < 500);
});

test('the same number on WhatsApp is suggested as the same person; linked, the history spans both', async () => {
  const d = fake.whatsappText(whatsapp, { from: '93799123456', id: 'wamid.LINK1', text: 'سلام، من رحیم هستم', name: 'Rahim' });
  assert.equal((await fake.deliver(s.base, whatsapp, d)).status, 200);
  const wa = (await counsellor.req('GET', `${centre()}/conversations?limit=200`)).json.items.find((c) => c.platform === 'whatsapp' && c.contact_name === 'Rahim');
  const links = await counsellor.req('GET', `${centre()}/conversations/${wa.id}/links`);
  assert.equal(links.status, 200);
  assert.deepEqual(links.json.linked, []);
  assert.deepEqual(links.json.suggested.map((c) => c.id), [walkIn]);
  assert.equal((await counsellor.req('POST', `${centre()}/conversations/${wa.id}/links`, { conversation_id: walkIn })).status, 204);
  const after = (await counsellor.req('GET', `${centre()}/conversations/${walkIn}/links`)).json;
  assert.deepEqual(after.linked.map((c) => c.id), [wa.id]);
  assert.deepEqual(after.suggested, [], 'a linked conversation is no longer suggested');
  const all = (await counsellor.req('GET', `${centre()}/conversations/${wa.id}/messages?linked=true`)).json.items;
  assert.deepEqual(all.map((m) => m.platform).sort(), ['inperson', 'inperson', 'whatsapp']);
  assert.ok(all.every((m) => [wa.id, walkIn].includes(m.conversation_id)));
  assert.equal((await counsellor.req('GET', `${centre()}/conversations/${wa.id}/messages?linked=maybe`)).status, 400);
  // Another person's number is not suggested.
  const other = fake.whatsappText(whatsapp, { from: '93799000111', id: 'wamid.LINK2', text: 'hi', name: 'Other' });
  assert.equal((await fake.deliver(s.base, whatsapp, other)).status, 200);
  const otherConv = (await counsellor.req('GET', `${centre()}/conversations?limit=200`)).json.items.find((c) => c.contact_name === 'Other');
  assert.deepEqual((await counsellor.req('GET', `${centre()}/conversations/${otherConv.id}/links`)).json.suggested, []);
  assert.equal((await counsellor.req('DELETE', `${centre()}/conversations/${wa.id}/links`)).status, 204);
  assert.deepEqual((await counsellor.req('GET', `${centre()}/conversations/${walkIn}/links`)).json.linked, []);
});

test('a visit is added to an existing conversation', async () => {
  const wa = (await counsellor.req('GET', `${centre()}/conversations?limit=200`)).json.items.find((c) => c.contact_name === 'Other');
  const res = await counsellor.req('POST', `${centre()}/encounters`, { kind: 'visit', conversation_id: wa.id, summary: 'Came in with his brother.', topics: ['family'] });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.conversation_id, wa.id);
  const history = (await counsellor.req('GET', `${centre()}/conversations/${wa.id}/messages`)).json.items;
  assert.deepEqual(history.map((m) => m.kind), ['text', 'visit']);
});

test('bad encounters are refused with a clear reason and store nothing', async () => {
  const before = (await counsellor.req('GET', `${centre()}/conversations/${walkIn}/messages`)).json.items.length;
  const cases = [
    [{ kind: 'meeting', summary: 'x' }, 'invalid_kind'],
    [{ kind: 'visit', summary: '' }, 'invalid_length'],
    [{ kind: 'visit', summary: 'x', phone: '12' }, 'invalid_phone'],
    [{ kind: 'visit', summary: 'x', phone: 'not a phone' }, 'invalid_phone'],
    [{ kind: 'visit', summary: 'x', duration_minutes: 601 }, 'wrong_type'],
    [{ kind: 'visit', summary: 'x', topics: ['gossip'] }, 'invalid_tag'],
    [{ kind: 'visit', summary: 'x', language: 'Dari' }, 'too_long'],
    [{ kind: 'visit', summary: 'x', language: 'DR' }, 'invalid_languages'],
    [{ kind: 'visit', summary: 'x', conversation_id: walkIn, name: 'Someone' }, 'invalid_encounter'],
    [{ kind: 'visit', summary: 'x', conversation_id: 'nope' }, 'invalid_conversation'],
    [{ kind: 'visit', summary: 'x', extra: 1 }, 'unknown_field'],
  ];
  for (const [body, code] of cases) {
    const res = await counsellor.req('POST', `${centre()}/encounters`, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(res.json.code, code, JSON.stringify(body) + ' ' + res.text);
  }
  const unknown = await counsellor.req('POST', `${centre()}/encounters`, { kind: 'visit', summary: 'x', conversation_id: '01900000-0000-7000-8000-000000000000' });
  assert.equal(unknown.status, 404);
  const dhaka = await s.signIn('counsellor.dhaka@example.org');
  const foreign = await dhaka.req('POST', `/api/v1/centres/${s.centreId('dhaka')}/encounters`, { kind: 'visit', summary: 'x', conversation_id: walkIn });
  assert.equal(foreign.status, 404, 'another centre\'s conversation is not found through one\'s own');
  assert.equal((await counsellor.req('GET', `${centre()}/conversations/${walkIn}/messages`)).json.items.length, before);
});

test('the in-person channel is not a channel account to set up, nor a webhook', async () => {
  const channels = (await admin.req('GET', `${centre()}/channels`)).json.items;
  assert.ok(channels.every((c) => c.platform !== 'inperson'));
  const inperson = (await counsellor.req('GET', `${centre()}/conversations/${walkIn}`)).json.channel_account_id;
  const hook = await fetch(`${s.base}/webhooks/inperson/${inperson}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(hook.status, 404);
  const add = await admin.req('POST', `${centre()}/channels`, { platform: 'inperson', name: 'x', external_id: 'x', base_url: 'http://127.0.0.1:1', secrets: {} });
  assert.equal(add.status, 400);
});
