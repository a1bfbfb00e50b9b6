// End to end in Chromium: a message from a fake WhatsApp appears in the counsellor's inbox; the
// counsellor replies; the fake platform receives a correctly formed send call; the platform's
// receipt updates the message's status on screen. In Dari (right to left) and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Serai } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';
import { serveWithFakePlatforms, addFakeChannel } from '../fakes/send_server.mjs';
import { launch, phonePage, checkScreen } from './browser.mjs';

const s = new Serai();
let browser;
let platforms;
const ch = {};

before(async () => {
  let admin;
  ({ platforms, admin } = await serveWithFakePlatforms(s));
  const secrets = { app_secret: 'app-wa', verify_token: 'verify-wa', access_token: 'access-wa' };
  Object.assign(ch, await addFakeChannel(admin, platforms, s.centreId('kabul'), 'whatsapp', '106540000000777', secrets));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await s.cleanup();
  await platforms?.stop();
});

async function signIn(page, email) {
  const u = s.user(email);
  await page.goto(s.base + '/#/inbox');
  await page.fill('#field-email', u.email);
  await page.fill('#field-password', u.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('nav a[href="#/inbox"]');
}

for (const [locale, n, name, text, replyText] of [
  ['prs', 1, 'رحیم', 'سلام، پاسپورتم را در کارگاه گرفته‌اند. چه کنم؟', 'سلام رحیم جان، ما کمک می‌کنیم. لطفاً بگویید در کدام شهر هستید؟'],
  ['en', 2, 'Karim', 'Is the Belarus route open now?', 'No. That route is dangerous and not legal; let us talk about safe options.'],
]) {
  test(`message in, reply out, receipt on screen (${locale})`, async (t) => {
    const page = await phonePage(browser, locale);
    await signIn(page, 'counsellor.kabul@example.org');
    await page.click('nav a[href="#/inbox"]');
    await page.waitForSelector('main h1');
    const from = `9370012300${n}`;
    const arrived = Date.now();
    const res = await fake.deliver(s.base, ch, fake.whatsappText(ch, { from, id: `wamid.E2E${n}`, text, name }));
    assert.equal(res.status, 200);
    await page.waitForSelector(`.conversation >> text=${name}`, { timeout: 5000 });
    const seenAfter = Date.now() - arrived;
    await checkScreen(page, `${locale}-inbox`, assert);
    await page.click(`.conversation >> text=${name}`);
    await page.waitForSelector(`.bubble.in >> text=${text}`);
    const before = platforms.calls.length;
    await page.fill('#reply-text', replyText);
    await page.click('.reply button[type=submit]');
    await page.waitForSelector(`.bubble.out >> text=${replyText}`);
    // The worker sends it; the fake checks the call's shape.
    let call;
    for (let i = 0; i < 100 && !call; i++) {
      call = platforms.calls.slice(before).find((c) => c.platform === 'whatsapp');
      if (!call) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(call, 'the platform received a send call');
    assert.deepEqual(call.problems, []);
    assert.equal(call.body.to, '+' + from);
    assert.equal(call.body.text.body, replyText);
    await page.waitForSelector('.bubble.out .status.sent', { timeout: 5000 });
    const receipt = fake.whatsapp(ch, { statuses: [{ id: `wamid.OUT${platforms.n}`, status: 'read', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: from }] });
    assert.equal((await fake.deliver(s.base, ch, receipt)).status, 200);
    await page.waitForSelector('.bubble.out .status.read', { timeout: 5000 });
    // Work the conversation: take it, note something for colleagues, resolve it.
    await page.click('#assign');
    await page.waitForFunction(() => document.querySelector('#assignment')?.textContent !== '');
    const note = `note ${locale}: the person is in Herat`;
    await page.fill('#note-text', note);
    await page.click('.notes button[type=submit]');
    await page.waitForSelector(`.note >> text=${note}`);
    await page.selectOption('#conversation-status', 'resolved');
    await page.waitForFunction(() => document.querySelector('#conversation-status')?.value === 'resolved');
    await checkScreen(page, `${locale}-conversation`, assert);
    const counsellor = await s.signIn('counsellor.kabul@example.org');
    const conv = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations?limit=50`)).json.items
      .find((c) => c.contact_name === name);
    assert.equal(conv.status, 'resolved');
    assert.equal(conv.assignee_id, counsellor.me.id);
    const notes = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations/${conv.id}/notes`)).json.items;
    assert.deepEqual(notes.map((x) => x.text), [note]);
    assert.equal(await page.getAttribute('html', 'dir'), locale === 'prs' ? 'rtl' : 'ltr');
    t.diagnostic(`the message appeared on screen ${seenAfter} ms after the platform's 200`);
    await page.context().close();
  });
}
