// Debian's Chromium driven by playwright-core, with the axe-core check and screenshots.
import { before, after } from 'node:test';
import { Serai, totpNow } from '../lib/serai.mjs';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'web/package.json'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const shotDir = join(root, 'test-output/screenshots');
mkdirSync(shotDir, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

// A phone-sized page (360 px wide). CSP is bypassed only so that axe can be injected.
export async function phonePage(browser, locale) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, deviceScaleFactor: 1 });
  await context.addInitScript((l) => { if (!localStorage.getItem('serai.locale')) localStorage.setItem('serai.locale', l); }, locale);
  return context.newPage();
}

// Runs axe-core; returns the serious and critical violations.
export async function seriousViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

// Checks a screen: no serious accessibility problem, nothing wider than the phone, and keeps a picture.
export async function checkScreen(page, name, assert) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], `${name}: accessibility`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  // Names the innermost elements that stick out, to say where to look.
  const culprits = overflow <= 1 ? [] : await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((el) => { const r = el.getBoundingClientRect(); return r.right > width + 1 || r.left < -1; })
      .filter((el) => ![...el.children].some((c) => { const r = c.getBoundingClientRect(); return r.right > width + 1 || r.left < -1; }))
      .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className}`);
  });
  assert.ok(overflow <= 1, `${name}: ${overflow}px wider than the screen (${culprits.join(', ')})`);
  await page.screenshot({ path: join(shotDir, `${name}.png`), fullPage: true });
}

// Signs a demo user of `serai` in on `page` (with the second factor where they have one) and waits
// for `landing` (a navigation link their roles show).
export async function signInAs(page, serai, email, landing = 'nav a[href="#/inbox"]') {
  const u = serai.user(email);
  await page.goto(serai.base + '/#/inbox');
  await page.fill('#field-email', u.email);
  await page.fill('#field-password', u.password);
  await page.click('button[type=submit]');
  if (u.totp_secret) {
    await page.waitForSelector('#field-totp');
    await page.fill('#field-totp', totpNow(u.totp_secret));
    await page.click('button[type=submit]');
  }
  await page.waitForSelector(landing);
}

// For a test file: a demo serai and Chromium, started before its tests and stopped after them.
// `ctx.s` is the server, `ctx.browser` the browser once started.
export function demoWithBrowser() {
  const ctx = { s: new Serai(), browser: null };
  before(async () => {
    ctx.s.demo();
    await ctx.s.start();
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.s.cleanup();
  });
  return ctx;
}
