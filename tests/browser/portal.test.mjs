// Browser tests: Debian's Chromium (driven by playwright-core) opens the portal served
// by the real server, and a person's clicks and typing go through the canvas's input events.
// A test-only hook in the portal tells where labelled widgets sit on the canvas.
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
const DESK = 'browser-test-desk-token';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

let server, base, browser, dataDir;

before(async () => {
  assert.ok(SERVER && WEB, 'SPOC_SERVER_BIN and SPOC_WEB_DIR must be set');
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'spoc-browser-'));
  server = spawn(SERVER, ['--port', '0', '--data', join(dataDir, 'spoc.db'), '--web', WEB, '--desk-token', DESK],
                 { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serving (http:\/\/[^/\s]+)\//);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS,
                                    headless: true });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
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

async function type(page, id, text) {
  await click(page, id);
  await page.keyboard.type(text, { delay: 15 });
}

const screen = (page) => hook(page, 'spoc_test_screen');
const shownText = async (page) => JSON.parse(await hook(page, 'spoc_test_text'));

async function openPortal(context, name) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(base + '/');
  await until('the portal to start', () => page.evaluate(() => typeof Module !== 'undefined' && !!Module.calledRun));
  await until('the home screen', async () => (await screen(page)) === 'home');
  await page.screenshot({ path: join(SHOTS, `${name}-1-home.png`) });
  return { page, problems };
}

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
  await until('the list', async () => (await screen(page)) === 'mine');
  await click(page, `mine.item.${ref}`);
  await until('the detail view', async () => (await shownText(page))['detail.state'] === 'new');
  await page.screenshot({ path: join(SHOTS, 'follow-2-detail-new.png') });

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
  await page.screenshot({ path: join(SHOTS, 'follow-3-detail-in-progress.png') });

  await type(page, 'detail.reply', 'It happens on home Wi-Fi too.');
  await click(page, 'detail.send');
  await until('the reply at the desk', async () => {
    const r = await api('GET', `/api/v1/requests/${id}`, { token: DESK });
    return r.json.timeline.some((e) => e.kind === 'comment' && e.body === 'It happens on home Wi-Fi too.');
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, 'follow-4-replied.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
