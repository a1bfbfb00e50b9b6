// Cases on a phone, in Arabic (right to left): a counsellor opens a labour grievance from a person,
// gives it a task due today, sees the reminder counted in the menu, marks it done, adds an inbox
// conversation to the case, opens it again from the case, and closes the case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fake from '../fakes/platforms.mjs';
import { phonePage, checkScreen, signInAs, demoWithBrowser } from './browser.mjs';

const ctx = demoWithBrowser();
const s = ctx.s;

test('a counsellor opens a case from a person, is reminded of its task, and closes it', async () => {
  const ch = JSON.parse(readFileSync(join(s.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'whatsapp' && c.centre === 'kabul');
  assert.equal((await fake.deliver(s.base, ch, fake.whatsappText(ch, { from: '93700666777', id: 'wamid.CASEUI1', text: 'راتبي لم يُدفع منذ ثلاثة أشهر', name: 'Farid' }))).status, 200);
  const api = await s.signIn('counsellor.kabul@example.org');
  const person = await api.req('POST', `/api/v1/centres/${s.centreId('kabul')}/people`, { name: 'فريد' });
  assert.equal(person.status, 201, person.text);

  const page = await phonePage(ctx.browser, 'ar');
  await signInAs(page, s, 'counsellor.kabul@example.org');
  await page.click('nav a[href="#/people"]');
  await page.click(`ul[aria-label="الأشخاص"] button:has-text("${person.json.code}")`);
  await page.click('summary:has-text("فتح حالة")');
  await page.selectOption('#case-type', 'labour_grievance');
  await page.check('input[name=case-category][value=unpaid_wages]');
  await page.fill('#case-first-note', 'لم يُدفع الراتب منذ ثلاثة أشهر');
  await page.click('form[aria-label="فتح حالة"] button[type=submit]');

  // The case opens in Cases.
  await page.waitForSelector('#case-title');
  assert.match(await page.textContent('#case-title'), /C-\w{4}-\w{4}/);
  assert.match(await page.textContent('#case-title'), /شكوى عمل/);
  assert.match(await page.textContent('.case'), /لم يُدفع الراتب/);
  const number = (await page.textContent('#case-title')).match(/C-\w{4}-\w{4}/)[0];

  // A task due today is a reminder, counted in the menu.
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  await page.fill('#field-task-title', 'الاتصال بصاحب العمل');
  await page.fill('#task-due', today);
  await page.click('form[aria-label="إضافة مهمة"] button[type=submit]');
  await page.waitForSelector('#reminders-title + .rows li:has-text("الاتصال بصاحب العمل")');
  assert.equal((await page.textContent('#reminder-count')).trim(), '1');
  await checkScreen(page, 'ar-case', assert);
  await page.click('#reminders-title + .rows li button:has-text("تمّت")');
  await page.waitForSelector('#reminders-title + p');
  assert.equal(await page.$('#reminder-count'), null, 'no reminders left to count');

  // The inbox conversation is added to the case.
  await page.click('nav a[href="#/inbox"]');
  await page.click('.conversation:has-text("Farid")');
  await page.waitForSelector('#add-to-case');
  const option = await page.$eval('#add-to-case', (select, n) => [...select.options].find((o) => o.text.includes(n))?.value, number);
  await page.selectOption('#add-to-case', option);
  await page.click('button:has-text("إضافة إلى الحالة")');
  await page.waitForSelector(`.add-to-case [role=status]:has-text("${number}")`);

  // The case lists it, and opens it in the inbox.
  await page.click('nav a[href="#/cases"]');
  await page.click(`ul[aria-label="الحالات"] button:has-text("${number}")`);
  const attached = page.locator('.case .conversation-links');
  await attached.locator('button:has-text("Farid")').waitFor();
  assert.match(await attached.textContent(), /المحادثات المرفقة: 1/);
  assert.match(await attached.textContent(), /whatsapp/);
  await attached.locator('button:has-text("Farid")').click();
  await page.waitForSelector('.inbox.has-thread h2:has-text("Farid")');
  // The thread's messages load after its heading.
  await page.waitForFunction(() => (document.querySelector('.inbox.has-thread')?.textContent ?? '').includes('راتبي لم يُدفع'));

  // Closed, it leaves the working list.
  await page.click('nav a[href="#/cases"]');
  await page.click(`ul[aria-label="الحالات"] button:has-text("${number}")`);
  await page.waitForSelector('#case-status');
  await page.selectOption('#case-status', 'closed');
  await page.waitForFunction((n) => !(document.querySelector('ul[aria-label="الحالات"]')?.textContent ?? '').includes(n), number);
  await page.selectOption('#case-filter', 'closed');
  await page.waitForSelector(`ul[aria-label="الحالات"] button:has-text("${number}")`);
  await page.context().close();
});
