// Possible duplicates on a phone, in Arabic (right to left): a walk-in recorded in Arabic letters
// and a WhatsApp contact recorded in Latin letters share a phone; the counsellor compares the two
// side by side, keeps one, sees the other listed as merged into it, and undoes the merge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phonePage, checkScreen, signInAs, demoWithBrowser } from './browser.mjs';

const ctx = demoWithBrowser();
const s = ctx.s;

test('a counsellor compares two records of one person, merges them and undoes it', async () => {
  const api = await s.signIn('manager.kabul@example.org');
  const centre = `/api/v1/centres/${s.centreId('kabul')}`;
  const walkIn = (await api.req('POST', `${centre}/people`, { name: 'مصطفى الجبوري', birth_date: '1990-05-01', phones: ['0790 111 222'] })).json;
  const online = (await api.req('POST', `${centre}/people`, { name_latin: 'Mustafa Al-Jubouri', phones: ['+93 790 111 222'] })).json;
  assert.equal(online.duplicates[0]?.code, walkIn.code, 'found when recorded');

  const page = await phonePage(ctx.browser, 'ar');
  await signInAs(page, s, 'counsellor.kabul@example.org');
  await page.click('nav a[href="#/people"]');
  const row = page.locator(`.duplicates li:has-text("${walkIn.code}")`);
  await row.waitFor();
  assert.match(await row.textContent(), /الاسم/, 'what agrees, in Arabic');
  await row.locator('button').click();
  const pair = page.locator('.pair');
  await pair.waitFor();
  assert.match(await pair.textContent(), /مصطفى الجبوري/);
  assert.match(await pair.textContent(), /Mustafa Al-Jubouri/);
  await checkScreen(page, 'ar-duplicates', assert);
  await pair.locator('button', { hasText: walkIn.code }).click();

  // The kept record opens, with the other one merged into it and the name in Latin letters added.
  const merged = page.locator('section[aria-labelledby="merged-title"]');
  await merged.waitFor();
  assert.match(await merged.textContent(), new RegExp(online.code));
  assert.match(await page.locator('.person .facts').textContent(), /Mustafa Al-Jubouri/);
  await merged.locator('button').click();
  await page.waitForSelector('section[aria-labelledby="merged-title"]', { state: 'detached' });
  await page.context().close();

  const after = (await api.req('GET', `${centre}/people/${walkIn.id}`)).json;
  assert.deepEqual(after.merged, []);
  assert.equal(after.identity.name_latin, '');
  const open = (await api.req('GET', `${centre}/duplicates`)).json.items;
  assert.ok(open.some((p) => [p.a.code, p.b.code].includes(online.code)), 'the pair is open again');
});
