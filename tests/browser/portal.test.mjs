// Browser tests: Debian's Chromium (driven by playwright-core) opens the portal served
// by the real server, and a person's clicks and typing go through the canvas's input events.
// A test-only hook in the portal tells where labelled widgets sit on the canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as driver from './portal_driver.mjs';
import { click, type, until, screen, shownText } from './portal_driver.mjs';

const SHOTS = process.env.SPOC_SCREENSHOTS || join(tmpdir(), 'spoc-screenshots');
const DESK = 'browser-test-desk-token';

let server, base, browser, dataDir;

before(async () => {
  assert.ok(driver.SERVER && driver.WEB, 'SPOC_SERVER_BIN and SPOC_WEB_DIR must be set');
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'spoc-browser-'));
  ({ proc: server, base } = await driver.startServer({ dataDir, deskToken: DESK }));
  browser = await driver.launchChromium();
});

after(async () => {
  await browser?.close();
  await driver.stopServer(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const api = (method, path, options) => driver.api(base, method, path, options);
const openPortal = (context, name) => driver.openPortal(context, base, join(SHOTS, `${name}-1-home.png`));

// --- the tests ----------------------------------------------------------------------------
test('a person files a request by clicking and typing on the canvas and sees its reference', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const { page, problems } = await openPortal(context, 'file');
  const subject = 'Printer on floor 2 jams – Größe A4';

  await click(page, 'home.report');
  await until('the form', async () => (await screen(page)) === 'form');
  await click(page, 'form.type.broken_hardware');
  await click(page, 'form.field.device.printer');
  await click(page, 'form.impact.medium');
  await click(page, 'form.urgency.medium');
  await type(page, 'form.subject', subject);
  await type(page, 'form.description', 'Paper jams on every print since this morning. Costs € and time.');
  await type(page, 'form.name', 'Ada Lovelace');
  await type(page, 'form.email', 'ada@example.org');
  await page.screenshot({ path: join(SHOTS, 'file-2-form.png') });
  await click(page, 'form.submit');

  await until('the submitted screen', async () => (await screen(page)) === 'submitted');
  const ref = (await shownText(page))['done.ref'];
  assert.match(ref, /^SD-\d{6}$/);
  assert.match(await page.textContent('#announcer'), new RegExp(`Your reference: ${ref}`),
               'screen readers hear the reference');
  await page.screenshot({ path: join(SHOTS, 'file-3-submitted.png') });

  const id = Number(ref.slice(3));
  const stored = await api('GET', `/api/v1/requests/${id}`, { token: DESK });
  assert.equal(stored.status, 200);
  assert.equal(stored.json.subject, subject);
  assert.equal(stored.json.type, 'broken_hardware');
  assert.equal(stored.json.priority, 3);
  assert.equal(stored.json.requester.email, 'ada@example.org');
  assert.equal(stored.json.fields.device, 'printer');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a desk transition appears in the detail view without a reload, and a reply reaches the desk', async () => {
  const created = await api('POST', '/api/v1/requests', { body: {
    type: 'network_vpn', subject: 'VPN drops every few minutes', description: 'Since the update.',
    impact: 'low', urgency: 'high', requester: { name: 'Grace Hopper', email: 'grace@example.org' },
    fields: { connection: 'vpn' } } });
  assert.equal(created.status, 201);
  const { id, ref, follow_token: token } = created.json;

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
                                             locale: 'en-GB', hasTouch: false });
  await context.addInitScript(([id, ref, token]) => {
    if (!localStorage.getItem('spoc.requests'))
      localStorage.setItem('spoc.requests', JSON.stringify([{ id, ref, follow_token: token }]));
  }, [id, ref, token]);
  const { page, problems } = await openPortal(context, 'follow');

  await click(page, 'home.mine');
  await until('the list', async () => (await shownText(page))[`mine.state.${ref}`] === 'new');
  await page.screenshot({ path: join(SHOTS, 'follow-2-list.png') });
  await click(page, `mine.item.${ref}`);
  await until('the detail view', async () => (await shownText(page))['detail.state'] === 'new');
  await page.screenshot({ path: join(SHOTS, 'follow-3-detail-new.png') });

  const moved = await api('POST', `/api/v1/requests/${id}/transitions`,
                          { token: DESK, body: { to: 'pending', reason: 'Waiting for the VPN vendor' } });
  assert.equal(moved.status, 409, 'new -> pending is not allowed');
  const assigned = await api('POST', `/api/v1/requests/${id}/transitions`, { token: DESK, body: { to: 'in_progress' } });
  assert.equal(assigned.status, 200);

  const navigations = [];
  page.on('framenavigated', (f) => navigations.push(f.url()));
  await until('the new state in the portal', async () => (await shownText(page))['detail.state'] === 'in_progress',
              45000);
  assert.deepEqual(navigations, [], 'the page was not reloaded');
  await page.screenshot({ path: join(SHOTS, 'follow-4-detail-in-progress.png') });

  await type(page, 'detail.reply', 'It happens on home Wi-Fi too.');
  await click(page, 'detail.send');
  await until('the reply at the desk', async () => {
    const r = await api('GET', `/api/v1/requests/${id}`, { token: DESK });
    return r.json.timeline.some((e) => e.kind === 'comment' && e.body === 'It happens on home Wi-Fi too.');
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, 'follow-5-replied.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a portal left alone stops redrawing, and a mouse move wakes it', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 }, locale: 'en-GB' });
  const { page, problems } = await openPortal(context, 'idle');
  const frames = async () => Number((await shownText(page)).frames);
  await page.waitForTimeout(1500);  // the start-up calls are answered
  const before = await frames();
  await page.waitForTimeout(3000);
  const idle = (await frames()) - before;
  assert.ok(idle <= 8, `drew ${idle} frames in 3 s with nothing to do (about 3 expected, 180 at full rate)`);
  const woken = await frames();
  await page.mouse.move(200, 200);
  await page.mouse.move(300, 250);
  await until('a frame after the mouse moved', async () => (await frames()) > woken + 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the browser\'s Back and Forward buttons move between screens, and a reload stays on the screen', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 700 }, locale: 'en-GB' });
  const { page, problems } = await openPortal(context, 'history');
  const onScreen = (name) => until(`the ${name} screen`, async () => (await screen(page)) === name);

  await click(page, 'home.report');
  await onScreen('form');
  assert.match(page.url(), /#\/report$/);
  await page.goBack();
  await onScreen('home');
  assert.equal(new URL(page.url()).origin, base, 'Back stayed in the portal');
  await page.goForward();
  await onScreen('form');
  await click(page, 'form.back');
  await onScreen('home');
  await click(page, 'home.mine');
  await onScreen('mine');
  await page.reload();
  await until('the portal to start again', () => page.evaluate(() => typeof Module !== 'undefined' && !!Module.calledRun));
  await onScreen('mine');
  await page.screenshot({ path: join(SHOTS, 'history-2-reloaded-mine.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a kiosk keeps nothing for the next person and returns home when left alone', async () => {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1400 }, locale: 'en-GB' });
  const { page, problems } = await driver.openPortal(context, base, join(SHOTS, 'kiosk-1-home.png'), '/?kiosk=4');
  const widgets = await page.evaluate(() => JSON.parse(Module.ccall('spoc_test_widgets', 'string', [], [])));
  assert.ok(widgets['home.report'] && !widgets['home.mine'], 'no "My requests" on a kiosk');

  await click(page, 'home.request');
  await until('the form', async () => (await screen(page)) === 'form');
  await click(page, 'form.type.question');
  await click(page, 'form.impact.low');
  await click(page, 'form.urgency.low');
  await type(page, 'form.subject', 'Where do I get a visitor badge?');
  await type(page, 'form.name', 'Margaret Hamilton');
  await type(page, 'form.email', 'margaret@example.org');
  await click(page, 'form.submit');
  await until('the submitted screen', async () => (await screen(page)) === 'submitted');
  assert.match((await shownText(page))['done.ref'], /^SD-\d{6}$/);
  await page.screenshot({ path: join(SHOTS, 'kiosk-2-submitted.png') });
  const after = await page.evaluate(() => JSON.parse(Module.ccall('spoc_test_widgets', 'string', [], [])));
  assert.ok(!after['done.view'], 'no way to open the request on a kiosk');
  assert.deepEqual(await page.evaluate(() => [localStorage.getItem('spoc.requests'), localStorage.getItem('spoc.draft')]),
                   [null, null], 'nothing of this person stays in the browser');

  await until('home after 4 s without a touch', async () => (await screen(page)) === 'home', 15000);
  await click(page, 'home.report');
  await until('the form', async () => (await screen(page)) === 'form');
  const texts = await shownText(page);
  assert.equal(texts['form.name'], '', 'the next person does not see the name');
  assert.equal(texts['form.email'], '');
  assert.deepEqual(problems, []);
  await context.close();
});
