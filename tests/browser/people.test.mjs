// People on a phone, in Dari (right to left): a counsellor records a person, their consent and
// migration profile; the list shows only codes; a manager destroys the person's data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fake from '../fakes/platforms.mjs';
import { phonePage, checkScreen, signInAs, demoWithBrowser } from './browser.mjs';

const ctx = demoWithBrowser();
const s = ctx.s;

test('a counsellor records a person with consent and profile; a manager destroys their data', async () => {
  const page = await phonePage(ctx.browser, 'prs');
  await signInAs(page, s, 'counsellor.kabul@example.org');
  await page.click('nav a[href="#/people"]');
  await page.click('summary:has-text("شخص جدید")');
  await page.fill('#field-person-name-new', 'شکیلا احمدی');
  await page.fill('#field-person-latin-new', 'Shakila Ahmadi');
  await page.selectOption('#person-sex-new', 'female');
  await page.fill('#field-person-nationality-new', 'af');
  await page.fill('#field-person-phone-new', '0700 222 333');
  await page.click('form[aria-label="ایجاد"] button[type=submit]');
  await page.waitForSelector('#person-title');
  const code = (await page.textContent('#person-title')).trim();
  assert.match(code, /^P-\w{4}-\w{4}$/);
  assert.match(await page.textContent('.person .facts'), /\+93700222333/);
  assert.match(await page.textContent('.person .facts'), /شکیلا احمدی/);

  await page.selectOption('#consent-purpose', 'follow_up');
  await page.selectOption('#consent-channel', 'written');
  await page.click('form[aria-label="ثبت رضایت"] button[type=submit]');
  await page.waitForSelector('#consent-title + .rows li');
  assert.match(await page.textContent('#consent-title + .rows'), /پیگیری/);

  await page.selectOption('#profile-stage', 'intending');
  await page.fill('#field-profile-destination', 'tr');
  await page.fill('#field-profile-route', 'نیمروز، ایران');
  await page.check('input[name=profile-reason][value=work]');
  await page.click('form[aria-label="وضعیت مهاجرت"] button[type=submit]');
  await page.click('.person details.profile-history summary:has-text("تاریخچه")');
  await page.waitForSelector('.person details.profile-history li');
  assert.match(await page.textContent('.person details.profile-history'), /نیمروز، ایران/, 'the history shows its routes when opened');
  const listed = await page.textContent('ul[aria-label="اشخاص"]');
  assert.match(listed, new RegExp(code));
  assert.doesNotMatch(listed, /شکیلا|Shakila/, 'the list shows codes, not names');
  await checkScreen(page, 'prs-person', assert);
  await page.context().close();

  const manager = await phonePage(ctx.browser, 'en');
  await signInAs(manager, s, 'manager.kabul@example.org');
  await manager.click('nav a[href="#/people"]');
  await manager.click(`ul[aria-label="People"] button:has-text("${code}")`);
  await manager.waitForSelector('#shred-title');
  manager.once('dialog', (d) => d.accept());
  await manager.click('button.danger:has-text("Destroy this person")');
  await manager.waitForSelector('.notice:has-text("Data destroyed")');
  assert.doesNotMatch(await manager.textContent('.person'), /Shakila|شکیلا|700222333/);
  await manager.context().close();
});

test('a counsellor makes the person behind an inbox conversation a record, once', async () => {
  const ch = JSON.parse(readFileSync(join(s.dataDir, 'demo-channels.json'), 'utf8')).find((c) => c.platform === 'whatsapp' && c.centre === 'kabul');
  const res = await fake.deliver(s.base, ch, fake.whatsappText(ch, { from: '93700444555', id: 'wamid.PERSONUI1', text: 'سلام، می‌خواهم به ترکیه بروم', name: 'Jawid' }));
  assert.equal(res.status, 200);
  const page = await phonePage(ctx.browser, 'prs');
  await signInAs(page, s, 'counsellor.kabul@example.org');
  await page.click('.conversation:has-text("Jawid")');
  await page.click('#make-person');
  await page.waitForSelector('#person-title');
  const code = (await page.textContent('#person-title')).trim();
  assert.match(code, /^P-\w{4}-\w{4}$/);
  // A second time from the same conversation names the person it already is.
  await page.click('nav a[href="#/inbox"]');
  await page.click('.conversation:has-text("Jawid")');
  await page.click('#make-person');
  await page.waitForSelector(`.person-record [role=status]:has-text("${code}")`);
  await page.context().close();
});
