// What the browser tests share: starting the real server, calling the API, and driving the
// portal's canvas like a person (the test hook only says where labelled widgets sit; clicks
// and typing go through the canvas's real input events).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const SERVER = process.env.SPOC_SERVER_BIN;
export const WEB = process.env.SPOC_WEB_DIR;

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

export const launchChromium = () =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });

// --- the server -------------------------------------------------------------------------------
// Resolves once the server says where it serves; port 0 picks a free one.
export function startServer({ port = 0, dataDir, deskToken }) {
  const proc = spawn(SERVER, ['--port', String(port), '--data', join(dataDir, 'spoc.db'), '--web', WEB,
                              '--desk-token', deskToken], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/spoc is serving http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ proc, port: Number(m[1]), base: `http://127.0.0.1:${m[1]}` });
    });
    proc.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

// SIGTERM, then wait until the process has really gone (and its port is free).
export async function stopServer(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  proc.kill('SIGTERM');
  return exited;
}

// --- the API, as the desk or a requester --------------------------------------------------------
export async function api(base, method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

// --- driving the canvas -------------------------------------------------------------------------
const hook = (page, fn, ...args) =>
  page.evaluate(([fn, args]) => Module.ccall(fn, 'string', args.map(() => 'string'), args), [fn, args]);

// Waits for probe() to answer something; with a page, a timeout also says what it showed.
export async function until(what, probe, timeoutMs = 15000, page = null) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const seen = page ? ` (screen ${await screen(page)}, showing ${JSON.stringify(await shownText(page))})` : '';
      throw new Error(`timed out waiting for ${what}${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The widget's rectangle (CSS pixels on the canvas), scrolled into view.
export async function widget(page, id) {
  return until(`widget ${id}`, async () => {
    await hook(page, 'spoc_test_scroll_to', id).catch(() => {});
    await page.waitForTimeout(50);
    const rects = JSON.parse(await hook(page, 'spoc_test_widgets'));
    const r = rects[id];
    const view = page.viewportSize();
    return r && r.y >= 0 && r.y + r.h <= view.height ? r : null;
  });
}

export async function click(page, id) {
  const r = await widget(page, id);
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.click(box.x + r.x + r.w / 2, box.y + r.y + Math.min(r.h / 2, 22));
  await page.waitForTimeout(60);
}

// Types right after the click, as a person does: the portal must not lose the first letters.
export async function type(page, id, text) {
  await click(page, id);
  await page.keyboard.type(text, { delay: 15 });
}

export const screen = (page) => hook(page, 'spoc_test_screen');
export const shownText = async (page) => JSON.parse(await hook(page, 'spoc_test_text'));
export const shown = async (page, key) => (await shownText(page))[key];

// --- the two programs (web/console/console.h) -------------------------------------------------------
// Which program runs on the page ('requester': spoc.js, 'staff': spoc-staff.js) once it has started;
// null while the page loads (or reloads to switch).
export const program = (page) =>
  page.evaluate(() => (typeof Module !== 'undefined' && Module.calledRun ? window.spocProgram || null : null))
    .catch(() => null);  // the page navigated meanwhile

export async function waitForProgram(page, which, timeoutMs = 30000) {
  await until(`the ${which} program`, async () => (await program(page)) === which, timeoutMs);
}

// Types email and password on the sign-in screen and signs in. Staff then cross to the staff
// program (the page loads again, at the console's address); this waits until it runs. Answers the
// program running once signed in ('staff' or 'requester'), or null when the sign-in failed.
export async function signIn(page, email, password) {
  await type(page, 'sign_in.email', email);
  await type(page, 'sign_in.password', password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/sessions') && r.request().method() === 'POST');
  await click(page, 'sign_in.submit');
  if ((await answered).status() !== 201) return null;
  // In the requester's program staff go on to the console's placeholder ('queue') until the page
  // reloads into the staff program; everyone else stays, on their own requests.
  return until(`${email} signed in`, async () => {
    const running = await program(page);
    if (running === 'staff') return running;
    if (running !== 'requester') return null;
    const [seen, on] = await Promise.all([shown(page, 'account'), screen(page)]).catch(() => [null, null]);
    return seen === email && on !== 'queue' && on !== 'sign_in' ? running : null;
  }, 30000);
}

export async function waitForHome(page) {
  await until('the portal to start', () => page.evaluate(() => typeof Module !== 'undefined' && !!Module.calledRun));
  await until('the home screen', async () => (await screen(page)) === 'home');
}

// What goes wrong on a page, collected from before it loads: its uncaught errors, and anything
// its Content-Security-Policy blocked (the console's "Refused to ..." lines, and every
// securitypolicyviolation event, reported or not). A test asserts the list stays empty.
export async function watchProblems(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (message) => {
    const text = message.text();
    if (text.includes('Content Security Policy') || text.includes('Refused to')) problems.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  return problems;
}

// Goes to the portal's address; the page must come with its Content-Security-Policy, or the
// checks for violations would prove nothing.
export async function gotoPortal(page, address, problems) {
  const response = await page.goto(address);
  if (!response?.headers()['content-security-policy']) problems.push(`${address} came without a Content-Security-Policy`);
  return response;
}

// A new page on the portal's home screen; problems collects the page's uncaught errors and
// policy violations (see watchProblems).
export async function openPortal(context, base, screenshot, path = '/') {
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await gotoPortal(page, base + path, problems);
  await waitForHome(page);
  await page.screenshot({ path: screenshot });
  return { page, problems };
}
