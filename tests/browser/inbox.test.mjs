// End to end in Chromium, once per platform: a message from the fake platform appears in the
// counsellor's open inbox, carried by the live event stream (the fallback poll is 30 s while the
// stream is up, far beyond the wait here), in the right queue: "mine" when the counsellor (Dari and
// English) counsels in its language and is online, "unassigned" when nobody online does (Urdu and
// Russian in Kabul); the counsellor replies, which also takes an unassigned conversation; the fake platform receives a
// correctly formed send call; the platform's receipt (all but Telegram, which has none for bots)
// updates the message's status on screen. Each platform in another language, right to left or not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Serai } from '../lib/serai.mjs';
import * as fake from '../fakes/platforms.mjs';
import { serveWithFakePlatforms, addFakeChannels } from '../fakes/send_server.mjs';
import { launch, phonePage, checkScreen, signInAs } from './browser.mjs';

const s = new Serai();
let browser;
let platforms;
const ch = {};
const seen = [];
let cannedId;

before(async () => {
  let admin;
  ({ platforms, admin } = await serveWithFakePlatforms(s));
  Object.assign(ch, await addFakeChannels(admin, platforms, s.centreId('kabul'), '777'));
  const manager = await s.signIn('manager.kabul@example.org');
  const canned = await manager.req('POST', `/api/v1/centres/${s.centreId('kabul')}/canned-replies`,
    { language: 'prs', title: 'کمک در مورد پاسپورت', body: 'سلام رحیم جان، ما کمک می‌کنیم. لطفاً بگویید در کدام شهر هستید؟' });
  assert.equal(canned.status, 201);
  cannedId = canned.json.id;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await s.cleanup();
  await platforms?.stop();
});

const signIn = (page, email, landing) => signInAs(page, s, email, landing);

// What each platform posts when the person writes, and when they have read our reply (`n` is the
// fake's number for the send call, from which it made the platform's message id).
const nowS = () => Math.floor(Date.now() / 1000);
const platformSide = {
  whatsapp: {
    incoming: (n, name, text) => fake.whatsappText(ch.whatsapp, { from: `9370012300${n}`, id: `wamid.E2E${n}`, text, name }),
    read: (n, call) => fake.whatsapp(ch.whatsapp, { statuses: [{ id: `wamid.OUT${call}`, status: 'read', timestamp: String(nowS()), recipient_id: `9370012300${n}` }] }),
    recipient: (body) => body.to, expectRecipient: (n) => `+9370012300${n}`, sentText: (body) => body.text.body,
  },
  viber: {
    incoming: (n, name, text) => fake.viberText(ch.viber, { user: `e2e-viber-${n}=`, token: String(5741311803571600000n + BigInt(n)), text, name }),
    read: (n, call) => fake.viber(ch.viber, { event: 'seen', timestamp: Date.now(), user_id: `e2e-viber-${n}=` }, String(5741311803571800000n + BigInt(call))),
    recipient: (body) => body.receiver, expectRecipient: (n) => `e2e-viber-${n}=`, sentText: (body) => body.text,
  },
  telegram: {
    incoming: (n, name, text) => fake.telegramText(ch.telegram, { updateId: 700000 + n, chatId: 5120077700 + n, messageId: n, text, name }),
    read: null,
    recipient: (body) => String(body.chat_id), expectRecipient: (n) => String(5120077700 + n), sentText: (body) => body.text,
  },
  messenger: {
    incoming: (n, name, text) => fake.messengerText(ch.messenger, { psid: `6900077700${n}`, mid: `m_E2E${n}`, text }),
    read: (n) => fake.messenger(ch.messenger, [{ sender: { id: `6900077700${n}` }, recipient: { id: ch.messenger.external_id }, timestamp: Date.now(), read: { watermark: Date.now() } }]),
    recipient: (body) => body.recipient.id, expectRecipient: (n) => `6900077700${n}`, sentText: (body) => body.message.text,
  },
  instagram: {
    incoming: (n, name, text) => fake.messengerText(ch.instagram, { psid: `1784077700${n}`, mid: `ig_E2E${n}`, text }, 'instagram'),
    read: (n) => fake.messenger(ch.instagram, [{ sender: { id: `1784077700${n}` }, recipient: { id: ch.instagram.external_id }, timestamp: Date.now(), read: { watermark: Date.now() } }], 'instagram'),
    recipient: (body) => body.recipient.id, expectRecipient: (n) => `1784077700${n}`, sentText: (body) => body.message.text,
  },
};

// Messenger and Instagram give no name: their conversation is found by its platform. Arabic letters
// without Persian ones read as Dari in Kabul (the centre's language of that script).
for (const [n, platform, locale, queue, name, text, replyText] of [
  [1, 'whatsapp', 'prs', 'mine', 'رحیم', 'سلام، پاسپورتم را در کارگاه گرفته‌اند. چه کنم؟', 'سلام رحیم جان، ما کمک می‌کنیم. لطفاً بگویید در کدام شهر هستید؟'],
  [2, 'viber', 'en', 'mine', 'Karim', 'Is the Belarus route open now?', 'No. That route is dangerous and not legal; let us talk about safe options.'],
  [3, 'telegram', 'ur', 'unassigned', 'Amina', 'کیا سعودی عرب کا ورک ویزا ایجنٹ کے بغیر مل سکتا ہے؟', 'جی ہاں، سرکاری طریقہ موجود ہے۔ ہم آپ کو مرحلہ وار بتاتے ہیں۔'],
  [4, 'messenger', 'ar', 'mine', null, 'هل يمكنني العودة إلى العراق بأمان؟', 'نعم، يمكننا مساعدتك في برنامج العودة الطوعية.'],
  [5, 'instagram', 'ru', 'unassigned', null, 'Можно ли работать в России без патента?', 'Нет, без патента работа незаконна. Расскажем, как его получить.'],
]) {
  test(`${platform}: message in live to the ${queue} queue, reply out, receipt on screen (${locale})`, async (t) => {
    const side = platformSide[platform];
    const page = await phonePage(browser, locale);
    await signIn(page, 'counsellor.kabul@example.org');
    await page.click('nav a[href="#/inbox"]');
    await page.waitForSelector('section.inbox[data-live=live]');
    await page.click(`#queue-${queue}`);
    await page.waitForSelector(`#queue-${queue}[aria-pressed=true]`);
    await page.waitForLoadState('networkidle');
    const row = name ? `.conversation:has-text("${name}")` : `.conversation:has-text("${platform}")`;
    const res = await fake.deliver(s.base, ch[platform], side.incoming(n, name, text));
    assert.equal(res.status, 200);
    const acknowledged = Date.now();
    await page.waitForSelector(row, { timeout: 5000 });
    const after = Date.now() - acknowledged;
    seen.push(after);
    t.diagnostic(`on screen ${after} ms after the platform's 200`);
    await checkScreen(page, `${locale}-inbox`, assert);
    await page.click(row);
    await page.waitForSelector(`.bubble.in >> text=${text}`);
    const before = platforms.calls.length;
    if (platform === 'whatsapp') {
      // The Dari reply comes from the centre's canned replies, and the topics are ticked.
      await page.selectOption('#canned-reply', cannedId);
      assert.equal(await page.inputValue('#reply-text'), replyText);
      await page.click('details.topics summary');
      await page.check('input[name=topic][value=documents]');
      await page.waitForSelector('details.topics summary >> text=(1)');
    } else {
      await page.fill('#reply-text', replyText);
    }
    await page.click('.reply button[type=submit]');
    await page.waitForSelector(`.bubble.out >> text=${replyText}`);
    // The worker sends it; the fake checks the call's shape.
    let call;
    for (let i = 0; i < 100 && !call; i++) {
      call = platforms.calls.slice(before).find((c) => c.platform === platform);
      if (!call) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(call, 'the platform received a send call');
    assert.deepEqual(call.problems, []);
    assert.equal(side.recipient(call.body), side.expectRecipient(n));
    assert.equal(side.sentText(call.body), replyText);
    await page.waitForSelector('.bubble.out .status.sent', { timeout: 5000 });
    if (side.read) {
      const receipt = side.read(n, platforms.calls.indexOf(call) + 1);
      assert.equal((await fake.deliver(s.base, ch[platform], receipt)).status, 200);
      await page.waitForSelector('.bubble.out .status.read', { timeout: 5000 });
    }
    // Routed to the counsellor, or taken by replying: either way it is hers now.
    await page.waitForFunction(() => document.querySelector('#assignment')?.textContent !== '');
    // Work the conversation: note something for colleagues, resolve it.
    const note = `note ${locale}: the person is in Herat`;
    await page.fill('#note-text', note);
    await page.click('.notes button[type=submit]');
    await page.waitForSelector(`.note >> text=${note}`);
    await page.selectOption('#conversation-status', 'resolved');
    await page.waitForFunction(() => document.querySelector('#conversation-status')?.value === 'resolved');
    await checkScreen(page, `${locale}-conversation`, assert);
    const counsellor = await s.signIn('counsellor.kabul@example.org');
    const conv = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations?limit=50`)).json.items
      .find((c) => c.platform === platform);
    assert.equal(conv.status, 'resolved');
    assert.equal(conv.assignee_id, counsellor.me.id);
    assert.deepEqual(conv.tags, platform === 'whatsapp' ? ['documents'] : []);
    const notes = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations/${conv.id}/notes`)).json.items;
    assert.deepEqual(notes.map((x) => x.text), [note]);
    assert.equal(await page.getAttribute('html', 'dir'), ['prs', 'ur', 'ar'].includes(locale) ? 'rtl' : 'ltr');
    await page.context().close();
  });
}

test('a walk-in recorded on screen meets the same person\'s WhatsApp conversation', async () => {
  const page = await phonePage(browser, 'prs');
  await signIn(page, 'counsellor.kabul@example.org');
  await page.click('nav a[href="#/inbox"]');
  await page.waitForSelector('section.inbox[data-live=live]');
  await page.click('#new-encounter');
  await page.fill('#field-encounter-name-new', 'رحیم');
  // The number of the WhatsApp conversation above, written in Persian digits as a national number.
  await page.fill('#field-encounter-phone-new', '۰۷۰۰ ۱۲۳ ۰۰۱');
  await page.fill('#field-encounter-duration-new', '20');
  await page.fill('#encounter-summary-new', 'برای مشوره درباره پاسپورت آمد.');
  await page.check('input[name=encounter-topic-new][value=documents]');
  await page.click('.encounter-form button[type=submit]');
  await page.waitForSelector('.bubble.encounter >> text=برای مشوره درباره پاسپورت آمد.');
  await page.waitForSelector('.person-links .suggested');
  await checkScreen(page, 'prs-walk-in', assert);
  await page.click('.link-suggested');
  await page.waitForSelector('#unlink');
  await page.check('#whole-history');
  await page.waitForSelector('.bubble.in >> text=سلام، پاسپورتم را در کارگاه گرفته‌اند. چه کنم؟');
  const counsellor = await s.signIn('counsellor.kabul@example.org');
  const convs = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations?limit=50`)).json.items;
  const walkIn = convs.find((c) => c.platform === 'inperson');
  assert.deepEqual(walkIn.tags, ['documents']);
  const links = (await counsellor.req('GET', `/api/v1/centres/${s.centreId('kabul')}/conversations/${walkIn.id}/links`)).json;
  assert.deepEqual(links.linked.map((c) => c.platform), ['whatsapp']);
  await page.context().close();
});

test('a Dari question gets the Dari article suggested, and one click puts its short answer in the reply', async () => {
  const from = '93700123021';
  const res = await fake.deliver(s.base, ch.whatsapp, fake.whatsappText(ch.whatsapp, { from, id: 'wamid.E2EKB', text: 'مهاجرت غیرقانونی چه خطرهایی دارد؟', name: 'Hamid' }));
  assert.equal(res.status, 200);
  const page = await phonePage(browser, 'prs');
  await signIn(page, 'counsellor.kabul@example.org');
  await page.click('.conversation:has-text("Hamid")');
  const item = '.suggestion[data-slug="irregular-migration-risks"]';
  await page.waitForSelector(item);
  assert.match(await page.textContent(`${item} strong`), /مهاجرت غیرقانونی/);
  const answer = await page.textContent(`${item} p`);
  await page.click(`${item} .insert-answer`);
  assert.equal(await page.inputValue('#reply-text'), answer);
  await checkScreen(page, 'prs-suggestions', assert);
  await page.context().close();
});

test('searching the inbox by a word written with other letters, and by a phone number', async () => {
  const page = await phonePage(browser, 'prs');
  await signIn(page, 'counsellor.kabul@example.org');
  await page.click('nav a[href="#/inbox"]');
  await page.waitForSelector('section.inbox[data-live=live]');
  const names = async () => page.$$eval('.conversations .conversation strong', (els) => els.map((e) => e.textContent));
  // "کارگاه" typed with an Arabic kaf, as many phones do, finds the WhatsApp conversation only.
  await page.fill('#inbox-search', 'كارگاه');
  await page.waitForFunction(() => document.querySelectorAll('.conversations .conversation').length === 1);
  const found = await names();
  assert.equal(found.length, 1);
  // The number in Persian digits finds the WhatsApp conversation and the walk-in that share it.
  await page.fill('#inbox-search', '۰۷۰۰ ۱۲۳ ۰۰۱');
  await page.waitForFunction(() => document.querySelectorAll('.conversations .conversation').length === 2);
  assert.ok((await names()).includes('رحیم'));
  await checkScreen(page, 'prs-inbox-search', assert);
  await page.fill('#inbox-search', 'هیچ‌چیزنیست');
  await page.waitForSelector('#no-conversations');
  assert.equal(await page.textContent('#no-conversations'), 'هیچ گفتگویی با این جستجو مطابقت ندارد.');
  await page.fill('#inbox-search', '');
  await page.waitForFunction(() => document.querySelectorAll('.conversations .conversation').length > 2);
  await page.context().close();
});

test('a photo and a document the person sent are fetched and shown in the conversation', async () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  platforms.addMedia('e2e-photo', png, 'image/png');
  platforms.addMedia('e2e-pdf', Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'), 'application/pdf');
  const from = '93700123009';
  const res = await fake.deliver(s.base, ch.whatsapp, fake.whatsapp(ch.whatsapp, {
    contacts: [{ profile: { name: 'Sadia' }, wa_id: from }],
    messages: [
      { from, id: 'wamid.E2EPHOTO', timestamp: String(nowS()), type: 'image', image: { id: 'e2e-photo', mime_type: 'image/png', caption: 'قرارداد من' } },
      { from, id: 'wamid.E2EPDF', timestamp: String(nowS()), type: 'document', document: { id: 'e2e-pdf', mime_type: 'application/pdf', filename: 'contract.pdf' } },
    ],
  }));
  assert.equal(res.status, 200);
  const page = await phonePage(browser, 'prs');
  await signIn(page, 'counsellor.kabul@example.org');
  await page.click('nav a[href="#/inbox"]');
  await page.waitForSelector('section.inbox[data-live=live]');
  await page.click('.conversation:has-text("Sadia")');
  // Fetched in the background; the screen updates when each file is kept.
  await page.waitForFunction(() => {
    const img = document.querySelector('.bubble.in img');
    return img && img.complete && img.naturalWidth === 1;
  }, null, { timeout: 10000 });
  await page.waitForSelector('.bubble.in a.attachment.file >> text=contract.pdf', { timeout: 10000 });
  assert.equal(await page.textContent('.bubble.in:has(img) p'), 'قرارداد من');
  await checkScreen(page, 'prs-attachments', assert);
  await page.context().close();
});

test('an administrator adds a channel; a manager records a WhatsApp template; a counsellor sends it once the window has closed', async () => {
  const admin = await phonePage(browser, 'en');
  await signIn(admin, 'admin@example.org', 'nav a[href="#/channels"]');
  await admin.click('nav a[href="#/channels"]');
  await admin.selectOption('#channel-platform', 'telegram');
  await admin.fill('#field-channel-name', 'MRC Kabul Telegram 2');
  await admin.fill('#field-channel-external-id', '7000000555');
  await admin.fill('#field-channel-base-url', `${platforms.base}/telegram`);
  await admin.fill('#field-channel-secret_bot_token', '7000000555:screen-token');
  await admin.fill('#field-channel-secret_secret_token', 'screen-secret');
  await admin.click('#add-channel button[type=submit]');
  await admin.waitForSelector('#channel-list >> text=MRC Kabul Telegram 2');
  assert.match(await admin.textContent('#channel-list li:has-text("MRC Kabul Telegram 2") code'), /\/webhooks\/telegram\/[0-9a-f-]{36}$/);
  assert.ok(!(await admin.content()).includes('screen-token'), 'secrets are not shown again');
  await admin.context().close();

  const manager = await phonePage(browser, 'prs');
  await signIn(manager, 'manager.kabul@example.org');
  await manager.click('nav a[href="#/channels"]');
  await manager.waitForSelector('#add-template');
  await manager.selectOption('#template-account', { label: 'Fake whatsapp' });
  await manager.fill('#field-template-name', 'appointment_reminder');
  await manager.fill('#field-template-language', 'fa');
  await manager.fill('#template-body', 'سلام {{1}}، وقت ملاقات شما {{2}} است.');
  await manager.click('#add-template button[type=submit]');
  await manager.waitForSelector('#template-list >> text=appointment_reminder');
  await checkScreen(manager, 'prs-channels', assert);
  await manager.context().close();

  // A person who last wrote 30 hours ago.
  const from = '93700123011';
  const ts = Math.floor(Date.now() / 1000) - 30 * 3600;
  assert.equal((await fake.deliver(s.base, ch.whatsapp, fake.whatsappText(ch.whatsapp, { from, id: 'wamid.E2EOLD', text: 'سلام، کمک می‌خواهم', name: 'Nargis', ts }))).status, 200);
  const page = await phonePage(browser, 'prs');
  await signIn(page, 'counsellor.kabul@example.org');
  await page.click('nav a[href="#/inbox"]');
  await page.click('.conversation:has-text("Nargis")');
  await page.waitForSelector('#reply-window.over');
  assert.ok(await page.isDisabled('#reply-text'), 'no free reply after the window');
  assert.ok(await page.$eval('details.template-reply', (d) => d.open), 'the template form is open');
  await page.selectOption('#template-choice', { label: 'appointment_reminder (fa)' });
  await page.fill('#template-value-1', 'نرگس');
  await page.fill('#template-value-2', 'دوشنبه ساعت ۱۰');
  assert.equal(await page.textContent('.template-preview'), 'سلام نرگس، وقت ملاقات شما دوشنبه ساعت ۱۰ است.');
  await checkScreen(page, 'prs-template-reply', assert);
  const before = platforms.calls.length;
  await page.click('details.template-reply button[type=submit]');
  await page.waitForSelector('.bubble.out >> text=سلام نرگس، وقت ملاقات شما دوشنبه ساعت ۱۰ است.');
  let call;
  for (let i = 0; i < 100 && !call; i++) {
    call = platforms.calls.slice(before).find((c) => c.platform === 'whatsapp');
    if (!call) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(call, 'WhatsApp received the template');
  assert.deepEqual(call.problems, []);
  assert.equal(call.body.template.name, 'appointment_reminder');
  assert.deepEqual(call.body.template.components[0].parameters.map((p) => p.text), ['نرگس', 'دوشنبه ساعت ۱۰']);
  await page.waitForSelector('.bubble.out .status.sent', { timeout: 5000 });
  await page.context().close();
});

test('the time from a platform\'s 200 to the screen, over all platforms', (t) => {
  assert.equal(seen.length, 5);
  t.diagnostic(`worst ${Math.max(...seen)} ms, all: ${seen.join(', ')} ms`);
});
