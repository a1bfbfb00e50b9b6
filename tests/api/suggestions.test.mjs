// Answers from the knowledge base for the conversation in front of a counsellor: the three best
// articles for the person's newest message, in the conversation's language where translated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoServer } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

let counsellor;
let ch;
const s = demoServer(async (server) => {
  ch = JSON.parse(readFileSync(join(server.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'telegram' && c.centre === 'kabul');
  counsellor = await server.signIn('counsellor.kabul@example.org');
});
const conversations = () => `/api/v1/centres/${s.centreId('kabul')}/conversations`;
let n = 0;

async function writes(text, name) {
  n++;
  const res = await fake.deliver(s.base, ch, fake.telegramText(ch, { updateId: 7700 + n, chatId: 6700000000 + n, messageId: n, text, name, lang: 'fa' }));
  assert.equal(res.status, 200);
  return (await counsellor.req('GET', `${conversations()}?limit=200`)).json.items.find((c) => c.contact_name === name);
}

test('a Dari question gets the Dari translation of the right article, with its short answer', async () => {
  const conv = await writes('مهاجرت غیرقانونی چه خطرهایی دارد؟', 'Suggest Dari');
  assert.equal(conv.language, 'prs');
  const res = await counsellor.req('GET', `${conversations()}/${conv.id}/suggestions`);
  assert.equal(res.status, 200, res.text);
  assert.ok(res.json.items.length > 0 && res.json.items.length <= 3);
  const first = res.json.items.find((i) => i.slug === 'irregular-migration-risks');
  assert.ok(first, JSON.stringify(res.json.items.map((i) => i.slug)));
  assert.equal(first.lang, 'prs');
  assert.match(first.title, /مهاجرت/);
  assert.ok(first.short_answer.length > 20 && first.short_answer.length <= 330, first.short_answer);
  assert.equal(typeof res.json.answer, 'boolean');
});

test('without a translation in the person\'s language the article comes in the language that matched', async () => {
  const conv = await writes('کارفرما پاسپورتم را گرفته است', 'Suggest Fallback');
  const items = (await counsellor.req('GET', `${conversations()}/${conv.id}/suggestions`)).json.items;
  const passport = items.find((i) => i.slug === 'passport-confiscated-abroad');
  assert.ok(passport, JSON.stringify(items.map((i) => i.slug)));
  assert.notEqual(passport.lang, 'prs', 'there is no Dari translation');
});

test('suggestions are for the centre\'s counsellors only, and a conversation without words gets none', async () => {
  const conv = await writes('🙏', 'Suggest Emoji');
  const res = await counsellor.req('GET', `${conversations()}/${conv.id}/suggestions`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { answer: false, items: [] });
  const dhaka = await s.signIn('counsellor.dhaka@example.org');
  assert.equal((await dhaka.req('GET', `${conversations()}/${conv.id}/suggestions`)).status, 403);
  assert.equal((await counsellor.req('GET', `${conversations()}/01900000-0000-7000-8000-000000000000/suggestions`)).status, 404);
});
