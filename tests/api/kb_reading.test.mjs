// Reading the knowledge base: counsellors read published articles (never drafts) with Markdown
// rendered safely, search it in any language, and anyone reads a centre's public help pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoServer } from '../lib/serai.mjs';

let editor, manager, counsellor, articles;
const s = demoServer(async (server) => {
  editor = await server.signIn('editor.kabul@example.org');
  manager = await server.signIn('manager.kabul@example.org');
  counsellor = await server.signIn('counsellor.kabul@example.org');
  articles = (await editor.req('GET', '/api/v1/kb/articles?limit=200')).json.items;
});
const idOf = (slug) => articles.find((a) => a.slug === slug).id;
const anonymous = (path) => fetch(s.base + path).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() }));

const hostile = '<script>alert(1)</script>\n\n**Bold** [click](javascript:alert(2)) <img src=x onerror=alert(3)>\n\n- one\n- two';

test('counsellors read published translations as safe HTML, and never drafts', async () => {
  const read = await counsellor.req('GET', `/api/v1/kb/articles/${idOf('reintegration-support')}/published`);
  assert.equal(read.status, 200, read.text);
  const langs = read.json.translations.map((t) => t.lang).sort();
  assert.deepEqual(langs, ['bn', 'en', 'prs', 'ps']);
  for (const t of read.json.translations) {
    assert.equal(t.status, 'published');
    assert.match(t.body_html, /<strong>|<li>/);
    assert.doesNotMatch(t.body_html, /<script/i);
  }
  // The editors' view (drafts included) is not the readers'.
  assert.equal((await counsellor.req('GET', `/api/v1/kb/articles/${idOf('reintegration-support')}`)).status, 403);

  const made = await editor.req('POST', '/api/v1/kb/articles', { slug: 'reading-draft-only', countries: ['AF'] });
  assert.equal(made.status, 201, made.text);
  const draft = await editor.req('PUT', `/api/v1/kb/articles/${made.json.id}/translations`, { lang: 'en', title: 'Draft only', body: hostile });
  assert.equal(draft.status, 200, draft.text);
  const html = draft.json.translations[0].body_html;
  assert.match(html, /<strong>Bold<\/strong>/);
  assert.match(html, /<li>two<\/li>/);
  assert.doesNotMatch(html, /<script|javascript:|onerror/i);
  const unpublished = await counsellor.req('GET', `/api/v1/kb/articles/${made.json.id}/published`);
  assert.equal(unpublished.status, 200);
  assert.deepEqual(unpublished.json.translations, []);
  assert.equal((await counsellor.req('GET', '/api/v1/kb/articles/01a20862-0000-7000-8000-000000000000/published')).status, 404);
});

test('search finds articles for a question in any script, in the language asked for', async () => {
  const q = encodeURIComponent('قاچاقبر می‌گوید راه ایران و ترکیه امن است');
  const found = await counsellor.req('GET', `/api/v1/kb/search?q=${q}&lang=prs`);
  assert.equal(found.status, 200, found.text);
  assert.equal(found.json.items.length, 5);
  const slugs = found.json.items.map((x) => x.slug);
  assert.ok(slugs.includes('iran-turkey-route'), slugs.join());
  assert.equal(found.json.items.find((x) => x.slug === 'iran-turkey-route').lang, 'prs');
  const latin = await counsellor.req('GET', `/api/v1/kb/search?q=${encodeURIComponent('company ne mera passport rakh liya')}&lang=ur`);
  assert.equal(latin.json.items[0].slug, 'passport-confiscated-abroad');
  assert.equal(latin.json.items[0].lang, 'ur');
  const nothing = await counsellor.req('GET', `/api/v1/kb/search?q=${encodeURIComponent('how do I bake bread')}&lang=en`);
  assert.equal(nothing.json.answer, false);
  assert.equal((await counsellor.req('GET', '/api/v1/kb/search?q=&lang=en')).status, 400);
  assert.equal((await counsellor.req('GET', '/api/v1/kb/search?q=visa&lang=EN!')).status, 400);
  assert.equal((await counsellor.req('GET', `/api/v1/kb/search?q=${'a'.repeat(2001)}`)).status, 400);
  assert.equal((await anonymous('/api/v1/kb/search?q=visa')).status, 401);
});

test('a centre\'s public help pages list its country\'s published articles, server-rendered and self-contained', async () => {
  const kabul = s.centreId('kabul');
  const page = await anonymous(`/help/${kabul}`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.match(page.headers.get('cache-control'), /public/);
  assert.equal(page.headers.get('set-cookie'), null);
  assert.match(page.text, /<html lang="prs" dir="rtl">/, 'the centre\'s first language by default');
  assert.match(page.text, /MRC Kabul/);
  assert.ok(page.text.includes(`/help/${kabul}/reintegration-support?lang=prs`));
  assert.ok(!page.text.includes('bmet-registration-smart-card'), 'an article about Bangladesh only is not on Kabul\'s page');
  assert.ok(!page.text.includes('reading-draft-only'), 'drafts are not public');
  assert.doesNotMatch(page.text, /<script|https?:\/\/|<img/i, 'no script and nothing from another host');
  assert.ok(page.text.length < 20000, `${page.text.length} bytes`);

  const english = await anonymous(`/help/${kabul}?lang=en`);
  assert.match(english.text, /<html lang="en" dir="ltr">/);
  assert.match(english.text, /Coming home: reintegration support/);

  const article = await anonymous(`/help/${kabul}/reintegration-support?lang=prs`);
  assert.equal(article.status, 200);
  assert.match(article.text, /<article lang="prs" dir="rtl"><h1>/);
  assert.match(article.text, /<li>/);
  assert.ok(article.text.includes(`/help/${kabul}/reintegration-support?lang=en`), 'links to the other translations');
  // Only in English: the English text, marked as such.
  const fallback = await anonymous(`/help/${kabul}/trafficking-get-help?lang=prs`);
  assert.equal(fallback.status, 200);
  assert.match(fallback.text, /<article lang="en" dir="ltr">/);

  assert.equal((await anonymous(`/help/${kabul}/no-such-article`)).status, 404);
  assert.equal((await anonymous(`/help/${kabul}/bmet-registration-smart-card`)).status, 404);
  assert.equal((await anonymous('/help/01a20862-0000-7000-8000-000000000000')).status, 404);
  assert.equal((await anonymous(`/help/${kabul}/..%2F..%2Fetc`)).status, 404);
  assert.equal((await anonymous(`/help/${kabul}?lang=${encodeURIComponent('"><script>')}`)).text.includes('<script'), false);
  const css = await anonymous('/help.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
});

test('a published article with hostile Markdown is public without its script', async () => {
  const made = await editor.req('POST', '/api/v1/kb/articles', { slug: 'reading-hostile', countries: [] });
  const id = made.json.id;
  assert.equal((await editor.req('PUT', `/api/v1/kb/articles/${id}/translations`, { lang: 'en', title: 'Hostile <b>title</b>', body: hostile })).status, 200);
  assert.equal((await editor.req('POST', `/api/v1/kb/articles/${id}/review`, { lang: 'en', action: 'submit' })).status, 200);
  assert.equal((await manager.req('POST', `/api/v1/kb/articles/${id}/review`, { lang: 'en', action: 'publish' })).status, 200);
  const kabul = s.centreId('kabul');
  const list = await anonymous(`/help/${kabul}?lang=en`);
  assert.ok(list.text.includes('Hostile &lt;b&gt;title&lt;/b&gt;'), 'titles are escaped');
  const page = await anonymous(`/help/${kabul}/reading-hostile?lang=en`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<strong>Bold<\/strong>/);
  assert.doesNotMatch(page.text, /<script|javascript:|onerror/i);
});

test('articles carry PDF briefs and images, judged from their bytes, public with the article', async () => {
  const id = idOf('reintegration-support');
  const path = `/api/v1/kb/articles/${id}/attachments`;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const brief = await editor.req('POST', path, { file_name: 'بروشور کمک.pdf', lang: 'prs', content_base64: pdf.toString('base64') });
  assert.equal(brief.status, 201, brief.text);
  assert.equal(brief.json.mime, 'application/pdf');
  const image = await editor.req('POST', path, { file_name: 'map.png', content_base64: png.toString('base64') });
  assert.equal(image.status, 201, image.text);
  assert.equal(image.json.lang, null);

  const page = '<html><script>alert(1)</script></html>';
  const disguised = await editor.req('POST', path, { file_name: 'brief.pdf', content_base64: Buffer.from(page).toString('base64') });
  assert.equal(disguised.status, 400);
  assert.equal(disguised.json.code, 'unsupported_file_type');
  assert.equal((await editor.req('POST', path, { file_name: 'x.pdf', content_base64: '%%%not base64' })).status, 400);
  assert.equal((await editor.req('POST', path, { file_name: '../x.pdf', content_base64: pdf.toString('base64') })).status, 400);
  const big = Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]);
  assert.equal((await editor.req('POST', path, { file_name: 'big.pdf', content_base64: big.toString('base64') })).status, 400);
  assert.equal((await counsellor.req('POST', path, { file_name: 'x.pdf', content_base64: pdf.toString('base64') })).status, 403);

  const read = await counsellor.req('GET', `${path}/${brief.json.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.headers.get('content-type'), 'application/pdf');
  assert.equal(read.text, pdf.toString());
  const listed = (await counsellor.req('GET', `/api/v1/kb/articles/${id}/published`)).json.attachments.map((a) => a.file_name);
  assert.deepEqual(listed, ['بروشور کمک.pdf', 'map.png']);
  assert.equal((await counsellor.req('GET', `/api/v1/kb/articles/${idOf('asylum-basics')}/attachments/${brief.json.id}`)).status, 404);

  const kabul = s.centreId('kabul');
  const dari = await anonymous(`/help/${kabul}/reintegration-support?lang=prs`);
  const english = await anonymous(`/help/${kabul}/reintegration-support?lang=en`);
  assert.ok(dari.text.includes(`/files/${brief.json.id}`) && dari.text.includes(`/files/${image.json.id}`));
  assert.ok(!english.text.includes(`/files/${brief.json.id}`), 'the Dari brief is not on the English page');
  assert.ok(english.text.includes(`/files/${image.json.id}`));
  const file = await anonymous(`/help/${kabul}/reintegration-support/files/${image.json.id}`);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'image/png');
  assert.match(file.headers.get('cache-control'), /public/);
  assert.equal((await anonymous(`/help/${kabul}/asylum-basics/files/${image.json.id}`)).status, 404);

  assert.equal((await editor.req('DELETE', `${path}/${image.json.id}`)).status, 204);
  assert.equal((await counsellor.req('GET', `${path}/${image.json.id}`)).status, 404);
  assert.equal((await anonymous(`/help/${kabul}/reintegration-support/files/${image.json.id}`)).status, 404);
  assert.equal((await editor.req('DELETE', `${path}/${image.json.id}`)).status, 404);
});
