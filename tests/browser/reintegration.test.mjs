// Reintegration monitoring inside a case, on a phone, in Tajik: a counsellor starts monitoring a
// returnee's case, sees the follow-ups scheduled, records an assessment with reported distress
// (the set-back appears on the case at once) and adds a plan milestone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phonePage, checkScreen, signInAs, demoWithBrowser } from './browser.mjs';

const ctx = demoWithBrowser();
const s = ctx.s;

test('a counsellor monitors a returnee: follow-ups, an assessment, a flag and a milestone', async () => {
  const api = await s.signIn('counsellor.kabul@example.org');
  const centre = `/api/v1/centres/${s.centreId('kabul')}`;
  const person = (await api.req('POST', `${centre}/people`, { name: 'Returnee' })).json;
  const opened = (await api.req('POST', `${centre}/cases`, { person_id: person.id, type: 'reintegration' })).json;

  const page = await phonePage(ctx.browser, 'tg');
  await signInAs(page, s, 'counsellor.kabul@example.org');
  await page.click('nav a[href="#/cases"]');
  await page.click(`ul[aria-label="Парвандаҳо"] button:has-text("${opened.number}")`);
  await page.fill('#monitoring-start', '2026-01-31');
  await page.click('form[aria-label="Оғози назорат"] button[type=submit]');
  await page.waitForSelector('ul[aria-label="Пайгириҳо"] li');
  const followUps = await page.locator('ul[aria-label="Пайгириҳо"] li').allTextContents();
  assert.equal(followUps.length, 4);
  assert.match(followUps[0], /1 моҳ/);

  await page.click('summary:has-text("Сабти арзёбӣ")');
  await page.selectOption('#score-psychosocial', '2');
  await page.check('#assessment-distress');
  await page.click('form[aria-label="Сабти арзёбӣ"] button[type=submit]');
  await page.waitForSelector('.reintegration .alert:has-text("Дар арзёбӣ аз изтироб гуфта шуд")');

  await page.fill('#field-milestone-title', 'Кушодани дӯкони дӯзандагӣ');
  await page.fill('#milestone-due', '2026-06-01');
  await page.click('form[aria-label="Илова кардани марҳила"] button[type=submit]');
  await page.waitForSelector('ul[aria-label="Марҳилаҳои нақша"] li:has-text("Кушодани дӯкони дӯзандагӣ")');
  await checkScreen(page, 'tg-reintegration', assert);
  await page.context().close();

  const m = (await api.req('GET', `${centre}/cases/${opened.id}/reintegration`)).json;
  assert.deepEqual(m.setbacks.map((x) => x.rule), ['distress']);
  assert.equal(m.assessments[0].psychosocial, 2);
});
