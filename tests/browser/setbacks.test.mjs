// Set-backs on a phone, in Pashto (right to left): a returnee's psychosocial score falls at a
// follow-up; a manager sees the raised flag with its reason in the queue, opens nothing else, and
// resolves it by saying how it was addressed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phonePage, checkScreen, signInAs, demoWithBrowser } from './browser.mjs';

const ctx = demoWithBrowser();
const s = ctx.s;

test('a supervisor sees a raised set-back with its reason and resolves it', async () => {
  const api = await s.signIn('counsellor.kabul@example.org');
  const centre = `/api/v1/centres/${s.centreId('kabul')}`;
  const person = (await api.req('POST', `${centre}/people`, { name: 'Returnee' })).json;
  const opened = (await api.req('POST', `${centre}/cases`, { person_id: person.id, type: 'reintegration' })).json;
  const path = `${centre}/cases/${opened.id}/reintegration`;
  assert.equal((await api.req('POST', path, { start_on: '2026-09-01' })).status, 204);
  assert.equal((await api.req('POST', `${path}/assessments`, { economic: 3, social: 4, psychosocial: 4 })).status, 201);
  assert.equal((await api.req('POST', `${path}/assessments`, { economic: 3, social: 4, psychosocial: 1 })).status, 201);

  const page = await phonePage(ctx.browser, 'ps');
  await signInAs(page, s, 'manager.kabul@example.org');
  await page.click('nav a[href="#/setbacks"]');
  const row = page.locator(`.setbacks li.setback:has-text("${opened.number}")`);
  await row.waitFor();
  const reason = await row.locator('.reason').textContent();
  assert.match(reason, /رواني-ټولنیز/, 'the dimension, in Pashto');
  assert.match(reason, /4[^0-9]+1/, 'from 4 to 1');
  await checkScreen(page, 'ps-setbacks', assert);
  await row.locator('textarea').fill('کور ته ورغلو؛ رواني مرستې ته راجع شو');
  await row.locator('button[type=submit]').click();
  await page.waitForSelector('.setbacks .notice');
  await page.waitForFunction((n) => !document.querySelector('.setbacks')?.textContent?.includes(n), opened.number);
  await page.context().close();

  // The case's counsellor sees it resolved, with how (the manager's second factor was just used).
  const flag = (await api.req('GET', path)).json.setbacks[0];
  assert.equal(flag.rule, 'score_drop');
  assert.ok(flag.resolved_at > 0);
  assert.equal(flag.resolution, 'کور ته ورغلو؛ رواني مرستې ته راجع شو');
});
