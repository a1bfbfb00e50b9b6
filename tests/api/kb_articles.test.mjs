// Writing, translating, reviewing and publishing articles: an editor writes, someone else
// publishes, counsellors get the published version suggested; drafts and archived versions never
// reach the counsellor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { demoServer, runSerai } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';

let editor, manager, counsellor, ch;
const s = demoServer(async (server) => {
  editor = await server.signIn('editor.kabul@example.org');
  manager = await server.signIn('manager.kabul@example.org');
  counsellor = await server.signIn('counsellor.kabul@example.org');
  ch = JSON.parse(readFileSync(join(server.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'telegram' && c.centre === 'kabul');
});
let n = 0;

// The slugs suggested for a new Dari message `text`.
async function suggested(text) {
  n++;
  const name = `KB Reader ${n}`;
  assert.equal((await fake.deliver(s.base, ch, fake.telegramText(ch, { updateId: 8800 + n, chatId: 6600000000 + n, messageId: n, text, name, lang: 'fa' }))).status, 200);
  const conv = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations?limit=200`)).json.items.find((c) => c.contact_name === name);
  return (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations/${conv.id}/suggestions`)).json.items;
}

const dari = { lang: 'prs', title: 'بس شبانه به مزار شریف', body: 'بس شبانه از کابل به مزار شریف هر شب ساعت نه حرکت می‌کند.\n\n**تکت** را از ایستگاه بخرید.' };

test('an editor writes, someone else publishes, and only then counsellors see it suggested', async () => {
  const made = await editor.req('POST', '/api/v1/kb/articles', { slug: 'night-bus-mazar', topics: ['travel'], countries: ['AF'] });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  const draft = await editor.req('PUT', `/api/v1/kb/articles/${id}/translations`, dari);
  assert.equal(draft.status, 200, draft.text);
  const t = draft.json.translations.find((x) => x.lang === 'prs');
  assert.equal(t.status, 'draft');
  assert.equal(t.published_version, null);
  assert.equal(t.short_answer, 'بس شبانه از کابل به مزار شریف هر شب ساعت نه حرکت می‌کند.');
  assert.match(t.review_by, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(!(await suggested('بس شبانه مزار شریف')).some((x) => x.slug === 'night-bus-mazar'), 'a draft is not suggested');

  const review = (who, action) => who.req('POST', `/api/v1/kb/articles/${id}/review`, { lang: 'prs', action });
  assert.equal((await review(editor, 'publish')).status, 409, 'a draft is sent for review first');
  assert.equal((await review(editor, 'submit')).json.translations[0].status, 'in_review');
  const own = await review(editor, 'publish');
  assert.equal(own.status, 409);
  assert.equal(own.json.code, 'reviewer_is_author');
  assert.equal((await review(counsellor, 'publish')).status, 403);
  const published = await review(manager, 'publish');
  assert.equal(published.status, 200, published.text);
  assert.equal(published.json.translations[0].status, 'published');
  assert.equal(published.json.translations[0].reviewer_id, manager.me.id);
  const found = await suggested('بس شبانه مزار شریف');
  assert.equal(found[0]?.slug, 'night-bus-mazar', JSON.stringify(found));
  assert.equal(found[0].lang, 'prs');

  // A new draft leaves the published version in place until it is published itself.
  const second = await editor.req('PUT', `/api/v1/kb/articles/${id}/translations`, { ...dari, body: 'متن تازه دربارهٔ بس شبانه.' });
  const v2 = second.json.translations[0];
  assert.deepEqual([v2.version, v2.status, v2.published_version], [2, 'draft', 1]);
  assert.equal((await suggested('بس شبانه مزار شریف'))[0]?.slug, 'night-bus-mazar');

  // Archived: no longer suggested.
  assert.equal((await review(manager, 'archive')).status, 200);
  assert.ok(!(await suggested('بس شبانه مزار شریف')).some((x) => x.slug === 'night-bus-mazar'));

  // Counsellors read; every step is audited.
  const list = await counsellor.req('GET', '/api/v1/kb/articles');
  assert.ok(list.json.items.some((a) => a.slug === 'night-bus-mazar' && a.translations[0].body === undefined));
  assert.equal((await counsellor.req('POST', '/api/v1/kb/articles', { slug: 'x' })).status, 403);
});

test('bad articles and translations get clear errors', async () => {
  for (const body of [{ slug: 'Bad Slug' }, { slug: '' }, {}, { slug: 'ok-slug', topics: 'travel' }, { slug: 'ok-slug', extra: 1 }]) {
    assert.equal((await editor.req('POST', '/api/v1/kb/articles', body)).status, 400, JSON.stringify(body));
  }
  const made = await editor.req('POST', '/api/v1/kb/articles', { slug: 'errors-article' });
  assert.equal((await editor.req('POST', '/api/v1/kb/articles', { slug: 'errors-article' })).status, 409);
  const path = `/api/v1/kb/articles/${made.json.id}/translations`;
  for (const body of [{ ...dari, lang: 'english' }, { ...dari, lang: 'p1' }, { ...dari, title: '' }, { ...dari, review_by: 'tomorrow' }, { lang: 'prs', title: 't' }]) {
    assert.equal((await editor.req('PUT', path, body)).status, 400, JSON.stringify(body));
  }
  assert.equal((await editor.req('PUT', path, { ...dari, body: 'x'.repeat(200 * 1024) })).status, 413);
  assert.equal((await editor.req('PUT', '/api/v1/kb/articles/01900000-0000-7000-8000-000000000000/translations', dari)).status, 404);
  assert.equal((await editor.req('POST', `/api/v1/kb/articles/${made.json.id}/review`, { lang: 'prs', action: 'submit' })).status, 404, 'no translation yet');
  assert.equal((await editor.req('POST', `/api/v1/kb/articles/${made.json.id}/review`, { lang: 'prs', action: 'approve' })).status, 400);
});

test('an import sets the review-by date six months on, at the end of a shorter month, and refuses list items with commas', async () => {
  const file = join(s.dataDir, 'review-by.jsonl');
  const line = { slug: 'review-by-article', lang: 'en', title: 'Review by', body: 'Checked on the last day of August.', reviewed: '2026-08-31' };
  writeFileSync(file, JSON.stringify({ ...line, topics: ['a,b'] }) + '\n');
  const bad = runSerai(['kb', 'import', '--data', s.dataDir, ...s.dbArgs(), file]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /line 1: topics/);
  writeFileSync(file, JSON.stringify(line) + '\n');
  assert.equal(runSerai(['kb', 'import', '--data', s.dataDir, ...s.dbArgs(), file]).code, 0);
  const article = (await counsellor.req('GET', '/api/v1/kb/articles')).json.items.find((a) => a.slug === 'review-by-article');
  assert.equal(article.translations[0].review_by, '2027-02-28');
});

test('editors are reminded of published translations whose review-by date is near or past', async () => {
  const made = await editor.req('POST', '/api/v1/kb/articles', { slug: 'review-soon', countries: ['AF'] });
  const id = made.json.id;
  const soon = new Date(Date.now() + 10 * 86400000).toISOString().slice(0, 10);
  assert.equal((await editor.req('PUT', `/api/v1/kb/articles/${id}/translations`, { lang: 'en', title: 'Review soon', body: 'Rules change.', review_by: soon })).status, 200);
  assert.equal((await editor.req('POST', `/api/v1/kb/articles/${id}/review`, { lang: 'en', action: 'submit' })).status, 200);
  assert.equal((await manager.req('POST', `/api/v1/kb/articles/${id}/review`, { lang: 'en', action: 'publish' })).status, 200);
  const within30 = await editor.req('GET', '/api/v1/kb/reviews-due?days=30');
  assert.equal(within30.status, 200, within30.text);
  const mine = within30.json.items.find((r) => r.slug === 'review-soon');
  assert.deepEqual(mine, { article_id: id, slug: 'review-soon', lang: 'en', title: 'Review soon', review_by: soon });
  const dates = within30.json.items.map((r) => r.review_by);
  assert.deepEqual(dates, [...dates].sort(), 'the most overdue first');
  const today = new Date().toISOString().slice(0, 10);
  const overdue = (await editor.req('GET', '/api/v1/kb/reviews-due?days=0')).json.items;
  assert.ok(overdue.every((r) => r.review_by <= today));
  assert.ok(!overdue.some((r) => r.slug === 'review-soon'));
  assert.equal((await editor.req('GET', '/api/v1/kb/reviews-due?days=400')).status, 400);
  assert.equal((await editor.req('GET', '/api/v1/kb/reviews-due?days=-1')).status, 400);
  assert.equal((await counsellor.req('GET', '/api/v1/kb/reviews-due')).status, 403);
});
