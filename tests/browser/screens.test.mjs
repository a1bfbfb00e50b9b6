// Every screen in a left-to-right (English) and a right-to-left (Arabic, Dari) language on a 360 px
// phone: accessible (axe: no serious or critical violation), nothing wider than the screen, a
// screenshot kept in test-output/screenshots; and the flows an administrator and a counsellor use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSerai, totp, totpNow } from '../lib/serai.mjs';
import { phonePage, checkScreen, demoWithBrowser } from './browser.mjs';

const ctx = demoWithBrowser();
const s = ctx.s;

async function fillSignIn(page, email, password) {
  await page.goto(s.base + '/');
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await page.click('button[type=submit]');
}

test('sign-in and second-factor screens in English and Arabic', async () => {
  const m = s.user('manager.kabul@example.org');
  for (const locale of ['en', 'ar']) {
    const page = await phonePage(ctx.browser, locale);
    await page.goto(s.base + '/');
    await page.waitForSelector('#field-email');
    assert.equal(await page.getAttribute('html', 'dir'), locale === 'ar' ? 'rtl' : 'ltr');
    await checkScreen(page, `${locale}-sign-in`, assert);
    await page.fill('#field-email', m.email);
    await page.fill('#field-password', 'not the password');
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=alert]');
    await checkScreen(page, `${locale}-sign-in-error`, assert);
    await page.fill('#field-password', m.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('#field-totp');
    await checkScreen(page, `${locale}-totp`, assert);
    await page.context().close();
  }
});

test('an administrator signs in with TOTP and every screen works in Arabic and English', async () => {
  const a = s.user('admin@example.org');
  const page = await phonePage(ctx.browser, 'ar');
  await fillSignIn(page, a.email, a.password);
  await page.fill('#field-totp', totpNow(a.totp_secret));
  await page.click('button[type=submit]');
  await page.waitForSelector('nav a[href="#/centres"]');
  for (const locale of ['ar', 'en']) {
    if (locale === 'en') {
      await page.selectOption('header select >> nth=1', 'en');
      await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    }
    for (const view of ['home', 'replies', 'centres', 'staff', 'account']) {
      await page.click(`nav a[href="#/${view}"]`);
      await page.waitForSelector(`nav a[href="#/${view}"][aria-current=page]`);
      await page.waitForSelector('main h1');
      await checkScreen(page, `${locale}-${view}`, assert);
    }
  }

  // Open a centre with a right-to-left city name, then switch to it.
  await page.click('nav a[href="#/centres"]');
  await page.fill('#field-centre-name', 'MRC Herat');
  await page.fill('#field-centre-country', 'AF');
  await page.fill('#field-centre-city', 'هرات');
  await page.fill('#field-centre-languages', 'prs, en');
  await page.fill('#field-centre-tz', 'Asia/Kabul');
  await page.fill('#field-centre-target', '90');
  await page.click('form >> text=Save');
  await page.waitForSelector('main .row >> text=MRC Herat');
  const options = await page.locator('header select >> nth=0').locator('option').allTextContents();
  assert.ok(options.includes('MRC Herat'), 'the new centre is in the centre switcher');

  // Create a staff account in Kabul from the staff screen.
  const kabul = s.centreId('kabul');
  await page.selectOption('header select >> nth=0', kabul);
  await page.click('nav a[href="#/staff"]');
  await page.fill('#field-staff-name', 'Shabnam Hotak');
  await page.fill('#field-staff-email', 'shabnam@example.org');
  await page.fill('#field-staff-password', 'a long password');
  await page.click('form >> text=Create');
  await page.waitForSelector('main .row >> text=shabnam@example.org');
  // A canned reply for Kabul's counsellors.
  await page.click('nav a[href="#/replies"]');
  await page.selectOption('#canned-language-new', 'prs');
  await page.fill('#field-canned-title-new', 'ساعات کاری');
  await page.fill('#canned-body-new', 'دفتر ما از شنبه تا چهارشنبه باز است.');
  await page.click('form >> text=Add canned reply');
  await page.waitForSelector('main .row >> text=ساعات کاری');
  await checkScreen(page, 'en-replies-filled', assert);
  // The new centre's response target, read with the page's own session (a second sign-in would
  // reuse this 30-second TOTP code, which is refused).
  const centres = await page.evaluate(async () => (await fetch('/api/v1/centres?limit=200')).json());
  assert.equal(centres.items.find((x) => x.name === 'MRC Herat').response_target_minutes, 90);
  await page.context().close();

  const c = await s.signIn('manager.kabul@example.org');
  const staff = await c.req('GET', `/api/v1/centres/${kabul}/users?limit=200`);
  assert.ok(staff.json.items.some((u) => u.email === 'shabnam@example.org' && u.roles.some((r) => r.role === 'counsellor')));
  const replies = (await c.req('GET', `/api/v1/centres/${kabul}/canned-replies?language=prs`)).json.items;
  assert.deepEqual(replies.map((r) => r.title), ['ساعات کاری']);
});

test('a counsellor sees only what a counsellor may, in Dari', async () => {
  const u = s.user('counsellor.kabul@example.org');
  const page = await phonePage(ctx.browser, 'prs');
  await fillSignIn(page, u.email, u.password);
  // The menu fills in once the user's centres have loaded (their roles are per centre).
  await page.waitForSelector('nav a[href="#/inbox"]');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const links = await page.locator('nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['#/home', '#/inbox', '#/people', '#/cases', '#/referrals', '#/kb', '#/account']);
  const centres = await page.locator('header select >> nth=0').locator('option').allTextContents();
  assert.deepEqual(centres, ['MRC Kabul']);
  await checkScreen(page, 'prs-home-counsellor', assert);
  await page.context().close();
});

test('a new manager must set up the second factor first (English and Arabic)', async () => {
  const kabul = s.centreId('kabul');
  for (const locale of ['en', 'ar']) {
    const email = `new.manager.${locale}@example.org`;
    const added = runSerai(['user', 'add', '--data', s.dataDir, ...s.dbArgs(), '--email', email,
      '--role', 'manager', '--centre', kabul, '--password', 'a long password']);
    assert.equal(added.code, 0, added.stderr);
    const page = await phonePage(ctx.browser, locale);
    await fillSignIn(page, email, 'a long password');
    await page.waitForSelector('#field-code');
    await page.waitForFunction(() => (document.querySelector('.secret')?.textContent ?? '').length > 10);
    await checkScreen(page, `${locale}-enrol`, assert);
    const secret = (await page.textContent('.secret')).replace(/\s+/g, '');
    await page.fill('#field-code', totp(secret, Date.now() / 1000));
    await page.click('button[type=submit]');
    await page.waitForSelector('nav a[href="#/staff"]');
    await page.context().close();
  }
});
