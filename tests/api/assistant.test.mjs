// The knowledge base's assistant: every incoming text is assessed once; with self-service on (off
// by default, per channel) a sure answer in the person's language is sent by itself, otherwise a
// promise that a counsellor will reply; protection topics are never answered and become urgent;
// "talk to a person" always works. Editors see unanswered questions and rising topics, never text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Serai } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';
import { serveWithFakePlatforms, addFakeChannels } from '../fakes/send_server.mjs';

const s = new Serai();
let platforms, counsellor, manager, editor;
const ch = {};
let seq = 0;

before(async () => {
  let admin;
  ({ platforms, admin } = await serveWithFakePlatforms(s));
  Object.assign(ch, await addFakeChannels(admin, platforms, s.centreId('kabul'), '940'));
  counsellor = await s.signIn('counsellor.kabul@example.org');
  manager = await s.signIn('manager.kabul@example.org');
  editor = await s.signIn('editor.kabul@example.org');
});
after(async () => {
  await s.cleanup();
  await platforms?.stop();
});

const kabul = () => s.centreId('kabul');
const convPath = (conv) => `/api/v1/centres/${kabul()}/conversations/${conv}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One Telegram chat per person; returns { chatId, send(text) → conversation id }.
function person(lang = 'fa') {
  const chatId = 5190000000 + ++seq;
  let messageId = 0;
  return {
    chatId,
    async send(text) {
      const body = fake.telegramText(ch.telegram, { updateId: 940000 + seq * 100 + ++messageId, chatId, messageId, text, name: `Assisted ${chatId}`, lang });
      assert.equal((await fake.deliver(s.base, ch.telegram, body)).status, 200);
      const convs = (await counsellor.req('GET', `/api/v1/centres/${kabul()}/conversations?limit=200`)).json.items;
      return convs.find((c) => c.contact_name === `Assisted ${chatId}`).id;
    },
    // What the platform was asked to send to this chat.
    sent: () => platforms.calls.filter((c) => c.platform === 'telegram' && String(c.body.chat_id) === String(chatId)).map((c) => c.body.text),
  };
}

// Waits until the assistant has assessed `n` questions in all (the report counts them).
async function assessed(n) {
  const end = Date.now() + 10000;
  let last;
  while (Date.now() < end) {
    last = (await editor.req('GET', '/api/v1/kb/questions')).json;
    if (last.questions + 0 >= n) return last;
    await sleep(50);
  }
  assert.fail(`only ${last?.questions} questions assessed, wanted ${n}`);
}
let asked = 0;

async function selfService(on) {
  const r = await manager.req('PATCH', `/api/v1/centres/${kabul()}/channels/${ch.telegram.id}`, { self_service: on });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.self_service, on);
}

test('self-service is off by default: questions are assessed, nothing is sent by itself', async () => {
  const channels = (await manager.req('GET', `/api/v1/centres/${kabul()}/channels`)).json.items;
  assert.equal(channels.find((c) => c.id === ch.telegram.id).self_service, false);
  const p = person();
  await p.send('قاچاقبر می‌گوید راه ایران و ترکیه امن است');
  await assessed(++asked);
  await sleep(300);
  assert.deepEqual(p.sent(), []);
  // Reading the message to assess it is audited, without its words.
  const auditor = await s.signIn('auditor.kabul@example.org');
  const log = (await auditor.req('GET', `/api/v1/centres/${kabul()}/audit?limit=200`)).json.items;
  const reads = log.filter((e) => e.action === 'message.assess' && e.actor === 'assistant');
  assert.ok(reads.length >= 1 && reads.every((e) => e.purpose === 'counselling'), JSON.stringify(reads));
  assert.ok(!JSON.stringify(log).includes('قاچاقبر'), 'the audit log holds no message text');
});

test('only managers and admins turn self-service on, with a clear error for a wrong value', async () => {
  const path = `/api/v1/centres/${kabul()}/channels/${ch.telegram.id}`;
  assert.equal((await counsellor.req('PATCH', path, { self_service: true })).status, 403);
  assert.equal((await manager.req('PATCH', path, { self_service: 'yes' })).status, 400);
  assert.equal((await manager.req('PATCH', path, { self_service: true, name: 'x' })).status, 400);
  assert.equal((await manager.req('PATCH', `/api/v1/centres/${kabul()}/channels/01a20862-0000-7000-8000-000000000000`, { self_service: true })).status, 404);
  const dhaka = await s.signIn('manager.dhaka@example.org');
  assert.equal((await dhaka.req('PATCH', path, { self_service: true })).status, 403);
});

test('with self-service on, a sure answer goes out in the person\'s language; an unsure one gets one promise', async () => {
  await selfService(true);
  const p = person();
  const conv = await p.send('قاچاقبر می‌گوید راه ایران و ترکیه امن است');
  await assessed(++asked);
  const end = Date.now() + 8000;
  while (p.sent().length === 0 && Date.now() < end) await sleep(50);
  const [answer] = p.sent();
  assert.ok(answer, 'an answer was sent');
  assert.match(answer, /[\u0600-\u06FF]/, 'in Dari');
  assert.match(answer, /برای صحبت با مشاور بنویسید: مشاور$/, 'with how to reach a person');
  const msgs = (await counsellor.req('GET', `${convPath(conv)}/messages`)).json.items;
  assert.equal(msgs.filter((m) => m.direction === 'out').length, 1, 'counsellors see what was sent');
  const summary = (await counsellor.req('GET', convPath(conv))).json;
  assert.equal(summary.assignee_id, null, 'still waiting for a counsellor to take it');

  const q = person();
  await q.send('نان را چطور در خانه بپزم');
  await q.send('فردا هوا چطور است');
  await assessed(asked += 2);
  await sleep(500);
  assert.deepEqual(q.sent(), ['از پیام شما سپاس. یک مشاور هرچه زودتر به شما جواب می‌دهد.'], 'one promise, not two');
});

test('protection topics are never answered by themselves and make the conversation urgent', async () => {
  await selfService(true);
  const p = person();
  const conv = await p.send('قاچاقبر مرا در خانه زندانی کرده و لت‌وکوب می‌کند، کمک کنید');
  await assessed(++asked);
  const end = Date.now() + 5000;
  let summary;
  while (Date.now() < end) {
    summary = (await counsellor.req('GET', convPath(conv))).json;
    if (summary.priority === 'urgent') break;
    await sleep(50);
  }
  assert.equal(summary.priority, 'urgent');
  await sleep(300);
  assert.deepEqual(p.sent(), ['از پیام شما سپاس. یک مشاور هرچه زودتر به شما جواب می‌دهد.'], 'only the promise');
  const urgentFirst = await counsellor.req('PATCH', convPath(conv), { priority: 'normal' });
  assert.equal(urgentFirst.status, 200, urgentFirst.text);
  assert.equal(urgentFirst.json.priority, 'normal');
  assert.equal((await counsellor.req('PATCH', convPath(conv), { priority: 'high' })).status, 400);
});

test('"talk to a person" always works: afterwards the assistant stays quiet in that conversation', async () => {
  await selfService(true);
  const p = person();
  await p.send('می‌خواهم با مشاور صحبت کنم');  // not a question: the report leaves it out
  const end = Date.now() + 8000;
  while (p.sent().length === 0 && Date.now() < end) await sleep(50);
  await p.send('قاچاقبر می‌گوید راه ایران و ترکیه امن است');
  await assessed(++asked);
  await sleep(500);
  assert.deepEqual(p.sent(), ['از پیام شما سپاس. یک مشاور هرچه زودتر به شما جواب می‌دهد.']);
});

test('editors see frequent unanswered questions and rising topics, without anyone\'s words', async () => {
  await selfService(false);
  const rumour = ['آیا راه بلاروس حالا باز است؟', 'شنیدم مرز بلاروس باز شده، راست است؟', 'بلاروس رفتن آسان شده؟', 'راه بلاروس به آلمان چند روز است؟'];
  for (const text of rumour) await person().send(text);
  const report = await assessed(asked += rumour.length);
  const belarus = report.rising.find((t) => t.topic === 'belarus');
  assert.ok(belarus, JSON.stringify(report.rising));
  assert.ok(belarus.this_week >= 4);
  assert.equal(belarus.week_before, 0);
  const bread = report.unanswered.find((g) => g.topics.length === 0);
  assert.ok(bread && bread.questions >= 2, JSON.stringify(report.unanswered));
  assert.ok(bread.languages.prs >= 2);
  const text = JSON.stringify(report);
  for (const words of ['بلاروس', 'نان', 'قاچاقبر']) assert.ok(!text.includes(words), 'no words of any question');
  assert.equal((await counsellor.req('GET', '/api/v1/kb/questions')).status, 403);
  assert.equal((await editor.req('GET', '/api/v1/kb/questions?days=5')).status, 400);
});
