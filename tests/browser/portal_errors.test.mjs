// Browser tests of the portal's unhappy paths: the core's messages on an empty form, a
// server that cannot be reached (and comes back on the same port and database), the
// language switch, and a draft that survives a reload. Debian's Chromium (driven by
// playwright-core) clicks and types through the canvas's input events; the portal's
// test-only hook tells where labelled widgets sit and what the screens show.
// The helpers are copied from portal.test.mjs on purpose (no shared module).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const SERVER = process.env.SPOC_SERVER_BIN;
const WEB = process.env.SPOC_WEB_DIR;
const SHOTS = process.env.SPOC_SCREENSHOTS || join(tmpdir(), 'spoc-screenshots');
const DESK = 'browser-errors-desk-token';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

let server, port, base, browser, dataDir;

// --- the server: started on a free port first, then again on that same port ---------------
// Resolves with the running process once it says where it serves; port 0 picks a free one.
function startServer(onPort) {
  const proc = spawn(SERVER, ['--port', String(onPort), '--data', join(dataDir, 'spoc.db'), '--web', WEB,
                              '--desk-token', DESK], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/spoc is serving http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

// SIGTERM, then wait until the process has really gone (and its port is free).
async function stopServer(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  proc.kill('SIGTERM');
  return exited;
}

before(async () => {
  assert.ok(SERVER && WEB, 'SPOC_SERVER_BIN and SPOC_WEB_DIR must be set');
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'spoc-browser-errors-'));
  ({ proc: server, port } = await startServer(0));
  base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS,
                                    headless: true });
});

after(async () => {
  await browser?.close();
  await stopServer(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// --- the API, as the desk or a requester -------------------------------------------
async function api(method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

// --- driving the canvas ---------------------------------------------------------------
const hook = (page, fn, ...args) =>
  page.evaluate(([fn, args]) => Module.ccall(fn, 'string', args.map(() => 'string'), args), [fn, args]);

async function until(what, probe, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function widget(page, id) {
  return until(`widget ${id}`, async () => {
    await hook(page, 'spoc_test_scroll_to', id).catch(() => {});
    await page.waitForTimeout(50);
    const rects = JSON.parse(await hook(page, 'spoc_test_widgets'));
    const r = rects[id];
    const view = page.viewportSize();
    return r && r.y >= 0 && r.y + r.h <= view.height ? r : null;
  });
}

async function click(page, id) {
  const r = await widget(page, id);
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.click(box.x + r.x + r.w / 2, box.y + r.y + Math.min(r.h / 2, 22));
  await page.waitForTimeout(60);
}

// Typing reaches the portal through a hidden textarea that it focuses (and moves onto the
// active field) at the end of the frame that activated the field; keys pressed before that
// are lost, so wait for it: on a loaded machine a frame can take longer than the click's pause.
async function type(page, id, text) {
  await click(page, id);
  await until(`${id} to take typing`, async () => {
    const r = JSON.parse(await hook(page, 'spoc_test_widgets'))[id];
    return r && page.evaluate(([x, y]) => {
      const box = document.getElementById('text-input');
      return document.activeElement === box && Math.abs(parseFloat(box.style.left) - x) < 1 &&
             Math.abs(parseFloat(box.style.top) - y) < 1;
    }, [r.x, r.y]);
  });
  await page.keyboard.type(text, { delay: 15 });
}

const screen = (page) => hook(page, 'spoc_test_screen');
const shownText = async (page) => JSON.parse(await hook(page, 'spoc_test_text'));
const shown = async (page, key) => (await shownText(page))[key];

async function openPortal(context, name) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(base + '/');
  await waitForHome(page);
  await page.screenshot({ path: join(SHOTS, `${name}-1-home.png`) });
  return { page, problems };
}

async function waitForHome(page) {
  await until('the portal to start', () => page.evaluate(() => typeof Module !== 'undefined' && !!Module.calledRun));
  await until('the home screen', async () => (await screen(page)) === 'home');
}

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
  assert.equal(await page.evaluate(() => localStorage.getItem('spoc.draft')), draftBefore,
               'the saved draft (type, answers, levels) is unchanged');
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

  await page.reload();
  await waitForHome(page);
  await openForm(page);
  const texts = await shownText(page);
  assert.equal(texts['form.subject'], 'Laptop will not wake from sleep');
  assert.equal(texts['form.name'], 'Grace Hopper');
  await widget(page, 'form.name');
  await page.screenshot({ path: join(SHOTS, 'errors-draft-2-after-reload.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
