// Browser tests of the portal's unhappy paths: the core's messages on an empty form, a
// server that cannot be reached (and comes back on the same port and database), the
// language switch, and a draft that survives a reload. Debian's Chromium (driven by
// playwright-core) clicks and types through the canvas's input events; the portal's
// test-only hook tells where labelled widgets sit and what the screens show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as driver from './portal_driver.mjs';
import { click, type, until, screen, shown, shownText, stopServer, widget } from './portal_driver.mjs';

const SHOTS = process.env.SPOC_SCREENSHOTS || join(tmpdir(), 'spoc-screenshots');
const DESK = 'browser-errors-desk-token';

let server, port, base, browser, dataDir;

// The server, first on a free port, then again on that same port and database.
const startServer = (onPort) => driver.startServer({ port: onPort, dataDir, deskToken: DESK });

before(async () => {
  assert.ok(driver.SERVER && driver.WEB, 'SPOC_SERVER_BIN and SPOC_WEB_DIR must be set');
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'spoc-browser-errors-'));
  ({ proc: server, port, base } = await startServer(0));
  browser = await driver.launchChromium();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const api = (method, path, options) => driver.api(base, method, path, options);
const openPortal = (context, name) => driver.openPortal(context, base, join(SHOTS, `${name}-1-home.png`));

async function openForm(page) {
  await click(page, 'home.report');
  await until('the form', async () => (await screen(page)) === 'form');
}

const newContext = (locale = 'en-GB') =>
  browser.newContext({ viewport: { width: 1280, height: 800 }, locale });

// --- the tests ----------------------------------------------------------------------------
test('submitting an empty form shows the core\'s messages inline and files nothing', async () => {
  const context = await newContext();
  const { page, problems } = await openPortal(context, 'errors-empty');
  await openForm(page);
  assert.equal(await shown(page, 'form.subject.error'), undefined, 'no errors before the first try');

  await click(page, 'form.submit');
  const texts = await until('the inline errors', async () => {
    const t = await shownText(page);
    return t['form.notice'] ? t : null;
  });
  for (const key of ['form.type.error', 'form.impact.error', 'form.urgency.error', 'form.subject.error',
                     'form.name.error', 'form.email.error']) {
    assert.equal(typeof texts[key], 'string', `${key} is shown`);
    assert.notEqual(texts[key].trim(), '', `${key} is not empty`);
  }
  assert.notEqual(texts['form.notice'].trim(), '');
  assert.equal(await screen(page), 'form');
  await page.screenshot({ path: join(SHOTS, 'errors-empty-2-submitted-empty.png') });
  await widget(page, 'form.back');
  await page.screenshot({ path: join(SHOTS, 'errors-empty-3-top.png') });

  const listed = await api('GET', '/api/v1/requests', { token: DESK });
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.json.items, [], 'nothing was filed');

  await type(page, 'form.email', 'ada@');
  await until('the typed email', async () => (await shown(page, 'form.email')) === 'ada@');
  assert.match(await shown(page, 'form.email.error'), /email address/i);
  await page.screenshot({ path: join(SHOTS, 'errors-empty-4-bad-email.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the server is unreachable the person sees a plain message and nothing typed is lost', async () => {
  const context = await newContext();
  const { page, problems } = await openPortal(context, 'errors-offline');
  const typed = {
    'form.subject': 'Drucker im 2. Stock – Größe A4 klemmt',
    'form.description': 'Paper jams on every print since this morning.\nTried a new tray.',
    'form.name': 'Ada Lovelace',
    'form.email': 'ada@example.org',
  };
  await openForm(page);
  await click(page, 'form.type.broken_hardware');
  await click(page, 'form.field.device.printer');
  await click(page, 'form.impact.medium');
  await click(page, 'form.urgency.high');
  for (const [id, text] of Object.entries(typed)) await type(page, id, text);
  await until('the typed email', async () => (await shown(page, 'form.email')) === typed['form.email']);

  // Whatever happens below, the later tests get their server back.
  try {
    await offlineThenBack(page, typed);
  } finally {
    if (server.exitCode !== null || server.signalCode !== null) ({ proc: server } = await startServer(port));
  }
  assert.deepEqual(problems, []);
  await context.close();
});

async function offlineThenBack(page, typed) {
  const draftBefore = await page.evaluate(() => localStorage.getItem('spoc.draft'));
  const stopped = await stopServer(server);
  assert.ok(stopped, 'the server was running and has exited');
  await assert.rejects(fetch(base + '/healthz'), 'the server no longer answers');

  await click(page, 'form.submit');
  const notice = await until('the unreachable notice', async () => {
    const n = await shown(page, 'form.notice');
    return n && n.includes('cannot be reached') ? n : null;
  });
  assert.match(notice, /Nothing you typed is lost/);
  const texts = await shownText(page);
  for (const [id, text] of Object.entries(typed)) assert.equal(texts[id], text, `${id} still holds what was typed`);
  for (const key of Object.keys(texts)) assert.ok(!key.endsWith('.error'), `no field error is shown (${key})`);
  assert.equal(await screen(page), 'form');
  const { sending_key: key, ...draftAfter } = JSON.parse(await page.evaluate(() => localStorage.getItem('spoc.draft')));
  const { sending_key: _, ...draftBeforeSend } = JSON.parse(draftBefore);
  assert.deepEqual(draftAfter, draftBeforeSend, 'the saved draft (type, answers, levels) is unchanged');
  assert.match(key, /^[0-9a-f]{32}$/, 'the draft keeps the Idempotency-Key its retry will send');
  await page.screenshot({ path: join(SHOTS, 'errors-offline-2-unreachable.png') });

  ({ proc: server } = await startServer(port));
  await click(page, 'form.submit');
  await until('the submitted screen', async () => (await screen(page)) === 'submitted');
  const ref = await shown(page, 'done.ref');
  assert.equal(ref, 'SD-000001');
  await page.screenshot({ path: join(SHOTS, 'errors-offline-3-submitted-after-restart.png') });

  const stored = await api('GET', `/api/v1/requests/${Number(ref.slice(3))}`, { token: DESK });
  assert.equal(stored.status, 200);
  assert.equal(stored.json.subject, typed['form.subject']);
  assert.equal(stored.json.description, typed['form.description']);
  assert.equal(stored.json.requester.email, typed['form.email']);
  assert.equal(stored.json.fields.device, 'printer');
  const listed = await api('GET', '/api/v1/requests', { token: DESK });
  assert.equal(listed.json.items.length, 1, 'filed once, not twice');
}

test('the portal switches to German and keeps the form', async () => {
  const context = await newContext('en-GB');
  const { page, problems } = await openPortal(context, 'errors-lang');
  assert.equal(await shown(page, 'lang'), 'en');
  await openForm(page);
  const subject = 'Bildschirm flackert – seit Montag';
  await type(page, 'form.subject', subject);
  await click(page, 'header.language');
  await until('German', async () => (await shown(page, 'lang')) === 'de');
  assert.equal(await shown(page, 'form.subject'), subject);
  assert.equal(await screen(page), 'form');
  await page.screenshot({ path: join(SHOTS, 'errors-lang-2-german-form.png') });
  assert.deepEqual(problems, []);
  await context.close();

  const german = await newContext('de-DE');
  const opened = await openPortal(german, 'errors-lang-de');
  assert.equal(await shown(opened.page, 'lang'), 'de');
  assert.deepEqual(opened.problems, []);
  await german.close();
});

test('a draft survives a reload of the page', async () => {
  const context = await newContext();
  const { page, problems } = await openPortal(context, 'errors-draft');
  await openForm(page);
  await type(page, 'form.subject', 'Laptop will not wake from sleep');
  await type(page, 'form.name', 'Grace Hopper');
  await until('the typed name', async () => (await shown(page, 'form.name')) === 'Grace Hopper');

  await page.reload();  // the address still says #/report: the form comes back at once
  await until('the portal to start again', () => page.evaluate(() => typeof Module !== 'undefined' && !!Module.calledRun));
  await until('the form', async () => (await screen(page)) === 'form');
  const texts = await shownText(page);
  assert.equal(texts['form.subject'], 'Laptop will not wake from sleep');
  assert.equal(texts['form.name'], 'Grace Hopper');
  await widget(page, 'form.name');
  await page.screenshot({ path: join(SHOTS, 'errors-draft-2-after-reload.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a follow link opens the request in another browser, which then follows it too', async () => {
  const created = await api('POST', '/api/v1/requests', { body: {
    type: 'question', subject: 'Which printer is closest to room 4.12?', description: '',
    impact: 'low', urgency: 'low', requester: { name: 'Ada Lovelace', email: 'ada@example.org' }, fields: {} } });
  assert.equal(created.status, 201);
  const { id, ref, follow_token: token } = created.json;

  // The first browser shows the link on the detail view.
  const first = await newContext();
  await first.addInitScript(([id, ref, token]) => {
    localStorage.setItem('spoc.requests', JSON.stringify([{ id, ref, follow_token: token }]));
  }, [id, ref, token]);
  const one = await openPortal(first, 'errors-link-first');
  await click(one.page, 'home.mine');
  await click(one.page, `mine.item.${ref}`);
  const link = await until('the follow link', async () => shown(one.page, 'detail.link'), 15000, one.page);
  assert.equal(link, `${base}/#/follow/${id}/${token}`);
  await widget(one.page, 'detail.copy');
  await one.page.screenshot({ path: join(SHOTS, 'errors-link-1-detail.png') });
  await first.close();

  // Another browser opens it: the request shows, and stays in its list.
  const second = await newContext();
  const page = await second.newPage();
  const problems = await driver.watchProblems(page);
  await driver.gotoPortal(page, link, problems);
  await until('the portal to start', () => page.evaluate(() => typeof Module !== 'undefined' && !!Module.calledRun));
  await until('the detail view', async () => (await shown(page, 'detail.state')) === 'new');
  assert.ok(!page.url().includes(token), 'the token left the address bar');
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('spoc.requests')));
  assert.deepEqual(saved, [{ id, ref, follow_token: token }]);
  await page.screenshot({ path: join(SHOTS, 'errors-link-2-other-browser.png') });

  // An old or mistyped link does not replace the token that works.
  await page.goto(`${base}/#/follow/${id}/not-the-token`);
  await page.reload();
  await until('the portal to start again', () => page.evaluate(() => typeof Module !== 'undefined' && !!Module.calledRun));
  await until('the detail view', async () => (await shown(page, 'detail.state')) === 'new');
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('spoc.requests'))),
                   [{ id, ref, follow_token: token }]);

  // In a browser that does not know the request, a wrong token shows it is not available, and nothing of it.
  const third = await newContext();
  const stranger = await third.newPage();
  const strangerProblems = await driver.watchProblems(stranger);
  await driver.gotoPortal(stranger, `${base}/#/follow/${id}/not-the-token`, strangerProblems);
  await until('the portal to start', () => stranger.evaluate(() => typeof Module !== 'undefined' && !!Module.calledRun));
  await until('the not-available notice', async () => (await shown(stranger, 'detail.missing')) === ref);
  const texts = await shownText(stranger);
  assert.equal(texts['detail.state'], undefined);
  assert.ok(!JSON.stringify(texts).includes('closest to room'), 'the subject is not shown');
  await stranger.screenshot({ path: join(SHOTS, 'errors-link-3-wrong-token.png') });
  assert.deepEqual(strangerProblems, []);
  assert.deepEqual(problems, []);
  assert.deepEqual(one.problems, []);
  await third.close();
  await second.close();
});
