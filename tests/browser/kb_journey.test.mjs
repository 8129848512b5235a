// Knowledge hints in the portal (issue 7), in a real browser against the real server: a person types
// "cant log in vpn", sees the VPN article among the hints, reads it and marks it solved: no request
// is filed and the deflection is recorded. A German person types without umlauts and gets the
// German article; "Not helpful" and "Back to my request" return to the form with nothing lost; a
// failed index download means no hints (and no error), until the next visit of the form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as driver from './portal_driver.mjs';
import { click, type, until, screen, shown, shownText } from './portal_driver.mjs';

const SHOTS = process.env.SPOC_SCREENSHOTS || join(tmpdir(), 'spoc-screenshots');
const DESK = 'browser-test-desk-token';
const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 360, height: 740 };

let server, base, browser, dataDir;

before(async () => {
  assert.ok(driver.SERVER && driver.WEB, 'SPOC_SERVER_BIN and SPOC_WEB_DIR must be set');
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'spoc-kb-'));
  ({ proc: server, base } = await driver.startServer({ dataDir, deskToken: DESK }));
  browser = await driver.launchChromium();
});

after(async () => {
  await browser?.close();
  await driver.stopServer(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const api = (method, path) => driver.api(base, method, path, { token: DESK });
const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

// A fresh browser on the request form; the index download is watched: it must start only after the
// portal has drawn a frame.
async function onTheForm(name, { viewport = DESKTOP, locale = 'en-GB' } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const indexAsked = [];
  context.on('request', (r) => { if (r.url().includes('/api/v1/kb/index')) indexAsked.push(r.url()); });
  const page = await context.newPage();
  const problems = await driver.watchProblems(page);
  await page.route('**/api/v1/kb/index*', async (route) => {
    const frames = Number(JSON.parse(await page.evaluate(() => Module.ccall('spoc_test_text', 'string', [], [])))
      .frames || 0);
    assert.ok(frames >= 1, 'the knowledge index is asked for only after the first frame');
    await route.continue();
  });
  await driver.gotoPortal(page, base + '/', problems);
  await driver.waitForHome(page);
  await click(page, 'home.report');
  await until('the form', async () => (await screen(page)) === 'form', 15000, page);
  return { context, page, problems, indexAsked };
}

// The hints on screen: [{id, title}], best first.
async function hints(page) {
  const t = await shownText(page);
  if (!t.hints) return [];
  const ids = t['hints.ids'].split(',').map(Number);
  return t.hints.split('\n').map((title, i) => ({ id: ids[i], title }));
}

async function hintTitled(page, pattern) {
  return until(`a hint titled ${pattern}`, async () => (await hints(page)).find((h) => pattern.test(h.title)),
               15000, page);
}

async function openHint(page, hint) {
  await click(page, `hints.article.${hint.id}`);
  await until('the article', async () => (await screen(page)) === 'article' &&
                                          (await shown(page, 'article.title')) === hint.title, 15000, page);
}

async function noRequests() {
  const listed = await api('GET', '/api/v1/requests');
  assert.equal(listed.status, 200);
  return listed.json.items.length === 0;
}

test('"cant log in vpn" shows the VPN article; "This solved it" records a deflection and files nothing', async () => {
  const { context, page, problems, indexAsked } = await onTheForm('kb-vpn');
  await type(page, 'form.subject', 'cant log in vpn');
  const vpn = await hintTitled(page, /VPN from home/);
  assert.ok((await hints(page)).length <= 3, 'at most three hints');
  await shot(page, 'kb-1-form-hints-desktop');
  const at = JSON.parse(await page.evaluate(() => Module.ccall('spoc_test_widgets', 'string', [], [])));
  assert.ok(at[`hints.article.${vpn.id}`].x > at['form.subject'].x + at['form.subject'].w,
            'on a desktop the hints sit beside the form');

  await openHint(page, vpn);
  await shot(page, 'kb-2-article-desktop');
  await click(page, 'article.solved');
  await until('the confirmation', async () => (await screen(page)) === 'solved', 15000, page);
  await shot(page, 'kb-3-solved-desktop');
  assert.ok(await noRequests(), 'no request was filed');

  // The draft is gone: a new form starts empty.
  await click(page, 'solved.home');
  await click(page, 'home.report');
  await until('an empty form', async () => (await screen(page)) === 'form' && (await shown(page, 'form.subject')) === '',
              15000, page);
  const article = await until('the deflection on the article', async () => {
    const a = await api('GET', `/api/v1/kb/articles/${vpn.id}`);
    return a.status === 200 && a.json.deflections >= 1 ? a.json : null;
  }, 15000);
  assert.ok(article, 'the article counts the deflection');
  assert.equal(indexAsked.length, 1, 'the index is downloaded once');
  assert.deepEqual(problems, []);
  await context.close();
});

test('at 360 px the hints sit below the description; an article reads on a phone and "Back" keeps the text', async () => {
  const { context, page, problems } = await onTheForm('kb-phone', { viewport: PHONE });
  await type(page, 'form.subject', 'cant log in vpn');
  await type(page, 'form.description', 'The VPN says my password is wrong since Monday');
  const vpn = await hintTitled(page, /VPN/);
  const at = JSON.parse(await page.evaluate(() => Module.ccall('spoc_test_widgets', 'string', [], [])));
  assert.ok(at[`hints.article.${vpn.id}`].y > at['form.description'].y, 'below the description');
  assert.ok(at[`hints.article.${vpn.id}`].x + at[`hints.article.${vpn.id}`].w <= PHONE.width, 'within the screen');
  await driver.widget(page, `hints.article.${vpn.id}`);
  await shot(page, 'kb-4-form-hints-phone');

  await openHint(page, vpn);
  await shot(page, 'kb-5-article-phone');
  await page.mouse.wheel(0, 700);
  await page.waitForTimeout(300);
  await shot(page, 'kb-6-article-phone-further');
  await click(page, 'article.back');
  await until('the form again', async () => (await screen(page)) === 'form', 15000, page);
  assert.equal(await shown(page, 'form.subject'), 'cant log in vpn');
  assert.equal(await shown(page, 'form.description'), 'The VPN says my password is wrong since Monday');
  assert.ok(await noRequests());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a German person types without umlauts and sees the German article', async () => {
  const { context, page, problems } = await onTheForm('kb-de', { locale: 'de-DE' });
  assert.equal(await shown(page, 'lang'), 'de');
  await type(page, 'form.subject', 'drucker geht nicht');
  const printer = await hintTitled(page, /^Drucker druckt nicht/);
  await shot(page, 'kb-7-form-hints-german');
  await openHint(page, printer);
  await shot(page, 'kb-8-article-german');
  await click(page, 'article.back');
  await until('the form again', async () => (await screen(page)) === 'form', 15000, page);

  await type(page, 'form.description', 'kennwort zuruecksetzen');
  const password = await hintTitled(page, /Passwort zurücksetzen/);
  // Its link opens in a new tab; the portal stays where it is.
  await openHint(page, password);
  const address = await shown(page, 'article.link.0');
  assert.equal(address, 'https://password.example.com');
  await context.route('https://password.example.com/**', (route) => route.fulfill({ status: 200, body: 'reset' }));
  const [tab] = await Promise.all([context.waitForEvent('page'), click(page, 'article.link.0')]);
  assert.match(tab.url(), /^https:\/\/password\.example\.com\/?$/);
  await tab.close();
  assert.equal(await screen(page), 'article');
  await click(page, 'article.back');
  await until('the form again', async () => (await screen(page)) === 'form', 15000, page);
  assert.equal(await shown(page, 'form.subject'), 'drucker geht nicht');
  assert.equal(await shown(page, 'form.description'), 'kennwort zuruecksetzen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Not helpful" returns to the form with the text intact and the article not offered again', async () => {
  const { context, page, problems } = await onTheForm('kb-not-helpful');
  await type(page, 'form.subject', 'printer offline');
  await type(page, 'form.description', 'Nothing comes out of the printer on floor 3');
  const printer = await hintTitled(page, /Printer is offline/);
  await openHint(page, printer);
  await click(page, 'article.not_helpful');
  await until('the form again', async () => (await screen(page)) === 'form', 15000, page);
  assert.equal(await shown(page, 'form.subject'), 'printer offline');
  assert.equal(await shown(page, 'form.description'), 'Nothing comes out of the printer on floor 3');
  await until('other hints', async () => {
    const now = await hints(page);
    return now.length > 0 && !now.some((h) => h.id === printer.id);
  }, 15000, page);
  const article = await until('the feedback on the article', async () => {
    const a = await api('GET', `/api/v1/kb/articles/${printer.id}`);
    return a.status === 200 && a.json.unhelpful >= 1 ? a.json : null;
  }, 15000);
  assert.ok(article, 'the article counts the feedback');
  assert.ok(await noRequests());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a failed index download shows no hints and no error, and the next visit of the form tries again', async () => {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
  let refusing = true, asked = 0;
  await context.route('**/api/v1/kb/index*', (route) => {
    ++asked;
    if (refusing) return route.fulfill({ status: 503, contentType: 'application/json',
      body: '{"error":{"code":"unavailable","message":"try later"}}' });
    return route.continue();
  });
  const page = await context.newPage();
  await page.goto(base + '/');
  await driver.waitForHome(page);
  await until('the first download, refused', async () => asked >= 1);
  await click(page, 'home.report');
  await until('the form', async () => (await screen(page)) === 'form', 15000, page);
  await until('the download asked again at the visit of the form', async () => asked >= 2);
  await type(page, 'form.subject', 'cant log in vpn');
  await page.waitForTimeout(500);
  assert.equal(await screen(page), 'form');
  assert.deepEqual(await hints(page), []);
  assert.equal((await shownText(page))['form.notice'], undefined, 'no error for missing hints');
  assert.equal(asked, 2, 'not asked again while the person types');

  refusing = false;
  await click(page, 'form.back');
  await until('home', async () => (await screen(page)) === 'home');
  await click(page, 'home.report');
  await hintTitled(page, /VPN from home/);
  assert.equal(asked, 3);
  await context.close();
});
