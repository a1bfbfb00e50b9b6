// End to end in Chromium: an editor writes an article and translates it into Dari, a manager (not
// the author) publishes it, and a counsellor sees it suggested for a matching incoming message
// written in Dari and inserts its short answer into the reply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fake from '../fakes/platforms.mjs';
import { phonePage, checkScreen, signInAs, demoWithBrowser } from './browser.mjs';

const ctx = demoWithBrowser();
const s = ctx.s;

const english = { title: 'Is the Salang pass open in winter?', body: 'The Salang pass often closes after heavy snow in winter.\n\nCheck the road report before you travel north.' };
const dari = { title: 'آیا کوتل سالنگ در زمستان باز است؟', body: 'کوتل سالنگ در زمستان پس از برف سنگین اکثراً بسته می‌شود.\n\nپیش از سفر به شمال گزارش راه را ببینید.' };

async function writeTranslation(page, lang, t) {
  await page.selectOption('#kb-lang', lang);
  await page.fill('#field-kb-title', t.title);
  await page.fill('#kb-body', t.body);
  await page.click('#kb-save');
  await page.waitForSelector(`#translations [data-lang=${lang}]`);
  await page.click('#kb-submit');
  await page.waitForFunction((l) => document.querySelector(`#translations [data-lang=${l}]`)?.textContent.includes(':'), lang);
}

test('an editor writes and translates, a manager publishes, a counsellor gets it suggested in Dari', async () => {
  const editor = await phonePage(ctx.browser, 'prs');
  await signInAs(editor, s, 'editor.kabul@example.org', 'nav a[href="#/kb"]');
  await editor.click('nav a[href="#/kb"]');
  await editor.fill('#field-article-slug', 'salang-pass-winter');
  await editor.fill('#field-article-topics', 'travel');
  await editor.click('#new-article button[type=submit]');
  await editor.waitForSelector('#article-editor');
  await writeTranslation(editor, 'en', english);
  await writeTranslation(editor, 'prs', dari);
  assert.equal(await editor.$('#kb-publish'), null, 'the author cannot publish');
  await checkScreen(editor, 'prs-kb-editor', assert);
  await editor.context().close();

  const manager = await phonePage(ctx.browser, 'en');
  await signInAs(manager, s, 'manager.kabul@example.org', 'nav a[href="#/kb"]');
  await manager.click('nav a[href="#/kb"]');
  await manager.click('#article-list button:has-text("salang-pass-winter")');
  await manager.waitForSelector('#article-editor');
  for (const lang of ['prs', 'en']) {
    await manager.selectOption('#kb-lang', lang);
    await manager.click('#kb-publish');
    await manager.waitForSelector('#kb-archive');
  }
  await manager.context().close();

  const ch = JSON.parse(readFileSync(join(s.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'telegram' && c.centre === 'kabul');
  const res = await fake.deliver(s.base, ch, fake.telegramText(ch, { updateId: 990001, chatId: 6990000001, messageId: 1, text: 'سلام، کوتل سالنگ حالا در زمستان باز است؟', name: 'Sabir', lang: 'fa' }));
  assert.equal(res.status, 200);
  const counsellor = await phonePage(ctx.browser, 'prs');
  await signInAs(counsellor, s, 'counsellor.kabul@example.org');
  await counsellor.click('.conversation:has-text("Sabir")');
  const item = '.suggestion[data-slug="salang-pass-winter"]';
  await counsellor.waitForSelector(item);
  assert.equal(await counsellor.textContent(`${item} strong`), dari.title);
  await counsellor.click(`${item} .insert-answer`);
  assert.equal(await counsellor.inputValue('#reply-text'), 'کوتل سالنگ در زمستان پس از برف سنگین اکثراً بسته می‌شود.');
  await counsellor.context().close();
});

test('a counsellor searches the knowledge base in Dari and reads the article; the help page needs nothing from elsewhere', async () => {
  const counsellor = await phonePage(ctx.browser, 'prs');
  await signInAs(counsellor, s, 'counsellor.kabul@example.org', 'nav a[href="#/kb"]');
  await counsellor.click('nav a[href="#/kb"]');
  assert.equal(await counsellor.$('#new-article'), null, 'counsellors do not write');
  await counsellor.fill('#field-kb-q', 'بعد از برگشت به افغانستان کمک برای شروع کار می‌خواهم');
  await counsellor.press('#field-kb-q', 'Enter');
  await counsellor.waitForSelector('#kb-results li');
  const titles = await counsellor.$$eval('#kb-results li button', (bs) => bs.map((b) => b.textContent));
  assert.ok(titles.includes('برگشت به وطن: کمک‌های ادغام مجدد'), titles.join(' | '));
  await counsellor.click('#kb-results li button:text-is("برگشت به وطن: کمک‌های ادغام مجدد")');
  await counsellor.waitForSelector('#article-reader article[lang=prs]');
  assert.equal(await counsellor.textContent('#article-reader h2'), 'برگشت به وطن: کمک‌های ادغام مجدد');
  assert.ok((await counsellor.$$('#article-reader .article-body li')).length > 2, 'Markdown lists rendered');
  await checkScreen(counsellor, 'prs-kb-reader', assert);
  await counsellor.context().close();

  const visitor = await phonePage(ctx.browser, 'prs');
  const elsewhere = [];
  visitor.on('request', (r) => { if (!r.url().startsWith(s.base)) elsewhere.push(r.url()); });
  const res = await visitor.goto(`${s.base}/help/${s.centreId('kabul')}`);
  assert.equal(res.status(), 200);
  assert.equal(await visitor.getAttribute('html', 'dir'), 'rtl');
  await visitor.click('a[href*="/reintegration-support"]');
  await visitor.waitForSelector('article[lang=prs] h1');
  assert.deepEqual(elsewhere, []);
  await visitor.context().close();
});
