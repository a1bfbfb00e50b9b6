// Referrals on a phone, in Urdu (right to left): a counsellor refers the person of a case to the
// demo's legal aid partner, sharing their name; the partner, signed in on their own phone, sees
// only that referral with the name and note, accepts it and completes it with feedback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phonePage, checkScreen, signInAs, demoWithBrowser } from './browser.mjs';

const ctx = demoWithBrowser();
const s = ctx.s;

test('a counsellor refers a person from their case; the partner answers it', async () => {
  const api = await s.signIn('counsellor.kabul@example.org');
  const centre = `/api/v1/centres/${s.centreId('kabul')}`;
  const person = (await api.req('POST', `${centre}/people`, { name: 'عارف نظری', phones: ['0799 321 654'] })).json;
  assert.equal((await api.req('POST', `${centre}/people/${person.id}/consents`, { purpose: 'referral', basis: 'consent', channel: 'verbal' })).status, 201);
  const opened = await api.req('POST', `${centre}/cases`, { person_id: person.id, type: 'labour_grievance', categories: ['passport_confiscated'] });
  assert.equal(opened.status, 201, opened.text);

  const page = await phonePage(ctx.browser, 'ur');
  await signInAs(page, s, 'counsellor.kabul@example.org');
  await page.click('nav a[href="#/cases"]');
  await page.click(`ul[aria-label="کیس"] button:has-text("${opened.json.number}")`);
  await page.click('summary:has-text("کسی خدمت کی طرف بھیجیں")');
  const legal = await page.$eval('#refer-service', (select) => [...select.options].find((o) => o.text.startsWith('Kabul Legal Aid'))?.value);
  await page.selectOption('#refer-service', legal);
  await page.fill('#refer-note', 'آجر نے پاسپورٹ رکھ لیا ہے');
  await page.check('#refer-share');
  await page.click('form[aria-label="کسی خدمت کی طرف بھیجیں"] button[type=submit]');
  await page.waitForSelector('form[aria-label="کسی خدمت کی طرف بھیجیں"] .notice');
  await page.context().close();

  const partner = await phonePage(ctx.browser, 'ur');
  await signInAs(partner, s, 'partner.kabul@example.org', 'nav a[href="#/referrals"]');
  const links = await partner.locator('nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(!links.includes('#/people') && !links.includes('#/cases'), 'a partner sees no person records or cases');
  await partner.click('nav a[href="#/referrals"]');
  await partner.click(`ul[aria-label="ریفرل"] button:has-text("${person.code}")`);
  await partner.waitForSelector('#referral-title');
  const shown = await partner.textContent('.referral');
  assert.match(shown, /عارف نظری/);
  assert.match(shown, /\+93799321654/);
  assert.match(shown, /پاسپورٹ رکھ لیا/);
  await checkScreen(partner, 'ur-referral-partner', assert);
  await partner.fill('#referral-feedback', 'وکیل نے کیس لے لیا');
  await partner.click('#answer-accepted');
  await partner.waitForSelector('#answer-completed');
  await partner.click('#answer-completed');
  await partner.waitForSelector('.referral dd:has-text("مکمل")');
  assert.equal(await partner.$('#answer-completed'), null, 'a completed referral takes no more answers');
  await partner.context().close();

  const list = (await api.req('GET', `${centre}/referrals?person=${person.id}`)).json.items;
  assert.deepEqual(list.map((r) => r.status), ['completed']);
});
