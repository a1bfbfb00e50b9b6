// Cases: opened for a person, of four types with their categories, owned by a caseworker of the
// centre, with notes and task titles sealed under the person's key, reminders from their day,
// inbox conversations attached, every read audited with its purpose, and nothing left readable
// after the person is shredded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoServer } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

let counsellor, manager, dhaka, partner, editor, auditor, whatsapp;
const s = demoServer(async (server) => {
  whatsapp = JSON.parse(readFileSync(join(server.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'whatsapp' && c.centre === 'kabul');
  counsellor = await server.signIn('counsellor.kabul@example.org');
  manager = await server.signIn('manager.kabul@example.org');
  dhaka = await server.signIn('counsellor.dhaka@example.org');
  partner = await server.signIn('partner.kabul@example.org');
  editor = await server.signIn('editor.kabul@example.org');
  auditor = await server.signIn('auditor.kabul@example.org');
});
const centre = () => `/api/v1/centres/${s.centreId('kabul')}`;
const cases = () => `${centre()}/cases`;
const secret = 'Employer Haji Rahmatullah in Riyadh keeps the passport';
let person, conversation, theCase;

async function conversationOf(from, text, name) {
  const d = fake.whatsappText(whatsapp, { from, id: `wamid.case-${from}-${Date.now()}`, text, name });
  assert.equal((await fake.deliver(s.base, whatsapp, d)).status, 200);
  const list = await counsellor.req('GET', `${centre()}/conversations?limit=200`);
  return list.json.items.find((c) => c.contact_name === name);
}

async function auditLog() {
  return (await auditor.req('GET', `${centre()}/audit?limit=200`)).json.items;
}

test('a case is opened for a person with its categories, first note and conversation', async () => {
  conversation = await conversationOf('93700111222', 'کارفرما پاسپورتم را گرفته', 'Jawad');
  const made = await counsellor.req('POST', `${centre()}/people`, { name: 'جواد' });
  assert.equal(made.status, 201, made.text);
  person = made.json;
  const res = await counsellor.req('POST', cases(), {
    person_id: person.id, type: 'labour_grievance', categories: ['unpaid_wages', 'passport_confiscated'],
    priority: 'high', note: secret, conversation_id: conversation.id,
  });
  assert.equal(res.status, 201, res.text);
  theCase = res.json;
  assert.match(theCase.number, /^C-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  assert.deepEqual(theCase.categories, ['passport_confiscated', 'unpaid_wages']);
  assert.equal(theCase.owner_id, counsellor.me.id);
  assert.equal(theCase.person_code, person.code);
  assert.equal(theCase.notes[0].text, secret);
  assert.deepEqual(theCase.conversation_ids, [conversation.id]);
  const after = await counsellor.req('GET', `${centre()}/people/${person.id}`);
  assert.deepEqual(after.json.conversation_ids, [conversation.id], 'the conversation is now the person\'s');
});

test('lists carry no notes; a case\'s read is audited with its purpose; logs never see a note', async () => {
  const list = await counsellor.req('GET', `${cases()}?owner=me`);
  assert.equal(list.status, 200, list.text);
  assert.ok(list.json.items.some((c) => c.id === theCase.id));
  assert.doesNotMatch(list.text, /Rahmatullah/);
  const mine = await manager.req('GET', `${cases()}?owner=me`);
  assert.ok(!mine.json.items.some((c) => c.id === theCase.id), 'owner=me is the caller\'s');
  const byPerson = await counsellor.req('GET', `${cases()}?person=${person.id}&status=all`);
  assert.deepEqual(byPerson.json.items.map((c) => c.id), [theCase.id]);
  const one = await manager.req('GET', `${cases()}/${theCase.id}`, undefined, { headers: { 'x-serai-purpose': 'supervision' } });
  assert.equal(one.status, 200, one.text);
  const reads = (await auditLog()).filter((e) => e.action === 'case.read' && e.detail === `case/${theCase.id}`);
  assert.deepEqual(reads.map((e) => [e.actor, e.purpose, e.resource]), [[manager.me.id, 'supervision', `person/${person.id}`]]);
  assert.doesNotMatch(JSON.stringify(await auditLog()), /Rahmatullah/);
  assert.doesNotMatch(s.stderr, /Rahmatullah/, 'notes never reach the log');
});

test('only the centre\'s counsellors and managers reach its cases', async () => {
  for (const [who, user] of [['another centre', dhaka], ['a partner', partner], ['an editor', editor], ['an auditor', auditor]]) {
    const res = await user.req('GET', `${cases()}/${theCase.id}`);
    assert.equal(res.status, 403, `${who}: ${res.status}`);
    assert.doesNotMatch(res.text, /Rahmatullah/);
  }
  const elsewhere = await dhaka.req('GET', `/api/v1/centres/${s.centreId('dhaka')}/cases/${theCase.id}`);
  assert.equal(elsewhere.status, 404, 'a case is found only through its own centre');
  assert.equal((await counsellor.req('GET', `${cases()}/01900000-0000-7000-8000-0000000000ff`)).status, 404);
  assert.equal((await counsellor.req('GET', `${cases()}/not-an-id`)).status, 404);
  const statistics = await counsellor.req('GET', `${cases()}/${theCase.id}`, undefined, { headers: { 'x-serai-purpose': 'statistics' } });
  assert.equal(statistics.status, 403, 'notes are not read for statistics');
});

test('bad cases, changes and tasks are refused with the field named, and nothing is stored', async () => {
  const count = async () => (await counsellor.req('GET', `${cases()}?status=all&limit=200`)).json.items.length;
  const before = await count();
  for (const [body, code] of [
    [{ person_id: person.id, type: 'smuggling' }, null],
    [{ person_id: person.id, type: 'protection_referral', categories: ['unpaid_wages'] }, 'invalid_category'],
    [{ person_id: person.id, type: 'counselling', owner_id: editor.me.id }, 'invalid_owner'],
    [{ person_id: person.id, type: 'counselling', note: 'x'.repeat(4001) }, null],
    [{ person_id: '01900000-0000-7000-8000-0000000000ff', type: 'counselling' }, 'no_such_person'],
    [{ person_id: person.id, type: 'counselling', priority: 'soon' }, null],
    [{ person_id: person.id }, null],
    [{ person_id: person.id, type: 'counselling', extra: 1 }, null],
  ]) {
    const res = await counsellor.req('POST', cases(), body);
    assert.ok([400, 404].includes(res.status), `${JSON.stringify(body).slice(0, 80)}: ${res.status} ${res.text}`);
    if (code) assert.equal(res.json.code, code);
  }
  assert.equal(await count(), before);
  const path = `${cases()}/${theCase.id}`;
  assert.equal((await counsellor.req('PATCH', path, { status: 'lost' })).status, 400);
  assert.equal((await counsellor.req('PATCH', path, { owner_id: editor.me.id })).json.code, 'invalid_owner');
  assert.equal((await counsellor.req('PATCH', path, { categories: ['trafficking'] })).json.code, 'invalid_category');
  for (const [body, code] of [
    [{ title: 'Call', due_on: '2026-02-30' }, 'invalid_due_on'],
    [{ title: 'Call', due_on: '2026-12-05', remind_on: '2026-12-06' }, 'invalid_remind_on'],
    [{ title: '   ', due_on: '2026-12-05' }, 'invalid_title'],
    [{ title: 'Call', due_on: '2026-12-05', assignee_id: editor.me.id }, 'invalid_assignee'],
    [{ title: 'x'.repeat(201), due_on: '2026-12-05' }, null],
  ]) {
    const res = await counsellor.req('POST', `${path}/tasks`, body);
    assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${res.text}`);
    if (code) assert.equal(res.json.code, code);
  }
  const unchanged = (await counsellor.req('GET', path)).json;
  assert.equal(unchanged.tasks.length, 0);
  assert.equal(unchanged.status, 'open');
});

test('tasks remind their assignee from their day, and leave the reminders when done', async () => {
  const path = `${cases()}/${theCase.id}`;
  const call = await counsellor.req('POST', `${path}/tasks`, { title: 'Call Zarbakht at the embassy', due_on: '2026-12-10', remind_on: '2026-12-07' });
  assert.equal(call.status, 201, call.text);
  assert.equal(call.json.assignee_id, counsellor.me.id, 'the case\'s owner by default');
  const visit = await counsellor.req('POST', `${path}/tasks`, { title: 'Visit Qudratyar the lawyer', due_on: '2026-12-08', assignee_id: manager.me.id });
  assert.equal(visit.status, 201, visit.text);
  const reminders = async (user, today) => (await user.req('GET', `${centre()}/my-tasks?today=${today}`)).json.items.map((t) => t.title);
  assert.deepEqual(await reminders(counsellor, '2026-12-06'), []);
  assert.deepEqual(await reminders(counsellor, '2026-12-07'), ['Call Zarbakht at the embassy']);
  assert.deepEqual(await reminders(manager, '2026-12-07'), []);
  assert.deepEqual(await reminders(manager, '2026-12-08'), ['Visit Qudratyar the lawyer']);
  const all = await counsellor.req('GET', `${centre()}/my-tasks`);
  assert.equal(all.json.items[0].case_number, theCase.number);
  assert.equal((await counsellor.req('GET', `${centre()}/my-tasks?today=tomorrow`)).status, 400);
  const done = await counsellor.req('PATCH', `${path}/tasks/${call.json.id}`, { done: true });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.done_by, counsellor.me.id);
  assert.deepEqual(await reminders(counsellor, '2026-12-09'), []);
  assert.equal((await counsellor.req('PATCH', `${path}/tasks/${call.json.id}`, { done: 'yes' })).status, 400);
  const listed = (await counsellor.req('GET', `${cases()}?person=${person.id}`)).json.items[0];
  assert.equal(listed.open_tasks, 1);
  assert.equal(listed.next_due_on, '2026-12-08');
  const log = await auditLog();
  assert.ok(log.some((e) => e.action === 'case.tasks_read' && e.actor === manager.me.id && e.purpose === 'counselling'));
  assert.doesNotMatch(JSON.stringify(log), /Zarbakht|Qudratyar/);
});

test('another conversation attaches to the case and the person; one of someone else\'s is refused', async () => {
  const second = await conversationOf('93700333444', 'سلام، من برادر جواد هستم', 'Jawad brother');
  const path = `${cases()}/${theCase.id}/conversations`;
  assert.equal((await counsellor.req('POST', path, { conversation_id: second.id })).status, 204);
  assert.equal((await counsellor.req('POST', path, { conversation_id: second.id })).status, 204, 'twice is once');
  const read = (await counsellor.req('GET', `${cases()}/${theCase.id}`)).json;
  assert.deepEqual(read.conversation_ids, [conversation.id, second.id]);
  const personNow = (await counsellor.req('GET', `${centre()}/people/${person.id}`)).json;
  assert.deepEqual(personNow.conversation_ids.sort(), [conversation.id, second.id].sort());
  const other = await conversationOf('93700555666', 'سلام', 'Someone else');
  const otherPerson = await counsellor.req('POST', `${centre()}/people`, { name: 'x', conversation_id: other.id });
  assert.equal(otherPerson.status, 201);
  const refused = await counsellor.req('POST', path, { conversation_id: other.id });
  assert.equal(refused.status, 409);
  assert.equal(refused.json.code, 'conversation_has_person');
  assert.equal((await counsellor.req('POST', path, { conversation_id: '01900000-0000-7000-8000-0000000000ff' })).status, 404);
});

test('a closed case leaves the working list and keeps when it was closed', async () => {
  const path = `${cases()}/${theCase.id}`;
  const closed = await counsellor.req('PATCH', path, { status: 'closed' });
  assert.equal(closed.status, 200, closed.text);
  assert.ok(closed.json.closed_at > 0);
  assert.ok(!(await counsellor.req('GET', cases())).json.items.some((c) => c.id === theCase.id));
  assert.ok((await counsellor.req('GET', `${cases()}?status=closed`)).json.items.some((c) => c.id === theCase.id));
  assert.deepEqual((await manager.req('GET', `${centre()}/my-tasks`)).json.items, [], 'a closed case\'s tasks remind no one');
  const reopened = await counsellor.req('PATCH', path, { status: 'in_progress', owner_id: manager.me.id });
  assert.equal(reopened.json.closed_at, null);
  assert.equal(reopened.json.owner_id, manager.me.id);
  const changes = (await auditLog()).filter((e) => e.action === 'case.update' && e.detail.startsWith(`case/${theCase.id}`));
  assert.equal(changes.length, 2);
});

test('after the person is shredded their case\'s notes and tasks are unreadable, in the files too', async () => {
  const res = await manager.req('POST', `${centre()}/people/${person.id}/shred`, undefined, { headers: { 'x-serai-purpose': 'administration' } });
  assert.equal(res.status, 204, res.text);
  const read = await counsellor.req('GET', `${cases()}/${theCase.id}`);
  assert.equal(read.status, 200);
  assert.deepEqual(read.json.notes.map((n) => n.text), ['']);
  assert.ok(read.json.tasks.every((t) => t.title === ''));
  assert.deepEqual(read.json.categories, ['passport_confiscated', 'unpaid_wages'], 'what kind of case it was remains');
  assert.doesNotMatch(read.text, /Rahmatullah|Zarbakht|Qudratyar/);
  assert.equal(read.json.status, 'closed', 'a shred closes the person\'s cases');
  const more = await counsellor.req('POST', `${cases()}/${theCase.id}/notes`, { text: 'more' });
  assert.equal(more.status, 409);
  assert.equal(more.json.code, 'shredded');
  if (!s.dbUrl) {
    for (const f of readdirSync(s.dataDir).filter((f) => f.startsWith('serai.db')).map((f) => join(s.dataDir, f))) {
      const bytes = readFileSync(f);
      for (const text of ['Rahmatullah', 'Zarbakht', 'Qudratyar']) assert.equal(bytes.indexOf(Buffer.from(text)), -1, `${text} in ${f}`);
    }
  }
});
