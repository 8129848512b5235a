// make bench: the desk's console in headless Chromium with 10,000 requests in its queue. Prints the
// CPU time per frame (building the UI: ImGui's NewFrame to Render, measured in the page) while the
// table scrolls, and how long filtering and sorting the 10,000 rows takes in the browser (core's
// rules compiled to WebAssembly), each beside its ceiling (4 ms per frame, 20 ms per sort or filter).
// Usage: node scripts/bench/console.mjs SERVER_BIN SITE_DIR   (run from tests/browser for its packages)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, until, click, type, screen, shown, signIn } from '../../tests/browser/portal_driver.mjs';

const [SERVER, SITE] = process.argv.slice(2);
const DESK = 'console-bench-desk-token';
const ROWS = 10000;
const dir = mkdtempSync(join(tmpdir(), 'spoc-console-bench-'));
const proc = spawn(SERVER, ['--port', '0', '--data', join(dir, 'spoc.db'), '--web', SITE, '--desk-token', DESK],
                   { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) resolve(m[1]);
  });
  proc.on('exit', (code) => reject(new Error(`server exited (${code})`)));
});
const call = async (method, path, body) => {
  const res = await fetch(base + path, { method, headers: { Authorization: `Bearer ${DESK}`, 'Content-Type': 'application/json' },
                                         body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
const fmt = (ms) => ms.toFixed(2).padStart(7);

let browser;
try {
  await call('POST', '/api/v1/users', { email: 'agent@example.org', name: 'Anna Agent', role: 'agent', password: 'correct horse battery' });
  const levels = ['high', 'medium', 'low'];
  const started = Date.now();
  const subjects = ['VPN drops', 'Printer jams', 'Laptop slow', 'Cannot sign in', 'New monitor', 'Excel crashes'];
  for (let done = 0; done < ROWS;) {
    const batch = [];
    for (let i = 0; i < 64 && done < ROWS; ++i, ++done)
      batch.push(call('POST', '/api/v1/requests', {
        type: 'question', subject: `${subjects[done % subjects.length]} #${done}`, description: 'Bench request.',
        impact: levels[done % 3], urgency: levels[Math.floor(done / 3) % 3],
        requester: { name: `Person ${done % 977}`, email: `p${done % 977}@example.org` } }));
    await Promise.all(batch);
  }
  const fill = (Date.now() - started) / 1000;

  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(base + '/');
  await until('the portal', () => page.evaluate(() => typeof Module !== 'undefined' && !!Module.calledRun), 30000);
  await until('home', async () => (await screen(page)) === 'home', 30000);
  await click(page, 'header.sign_in');
  await signIn(page, 'agent@example.org', 'correct horse battery');  // on into the staff program
  await until('the console', async () => (await screen(page)) === 'queue', 30000, page);
  const loadStarted = Date.now();
  await click(page, 'queue.tab.all');
  await until(`${ROWS} rows`, async () => (await shown(page, 'queue.loaded')) === 'yes' &&
                                          Number(await shown(page, 'queue.count')) === ROWS, 120000, page);
  const load = (Date.now() - loadStarted) / 1000;

  // Sorting by each column and filtering: the time core's rules take over the 10,000 rows.
  const sorts = [];
  for (const column of ['subject', 'requester', 'updated', 'state', 'priority', 'ref']) {
    const frames = Number(await shown(page, 'frames'));
    await click(page, `queue.sort.${column}`);
    await until('a frame', async () => Number(await shown(page, 'frames')) > frames + 1);
    sorts.push(Number(await shown(page, 'queue.view_ms')));
  }
  const filters = [];
  await click(page, 'queue.filter');
  for (const key of ['v', 'p', 'n']) {
    const frames = Number(await shown(page, 'frames'));
    await page.keyboard.type(key);
    await until('a frame', async () => Number(await shown(page, 'frames')) > frames + 1);
    filters.push(Number(await shown(page, 'queue.view_ms')));
  }
  // Keys held as a person holds them (ImGui's text fields read Backspace as a key that is down).
  for (let i = 0; i < 3; ++i) await page.keyboard.press('Backspace', { delay: 60 });
  await page.keyboard.press('Escape', { delay: 60 });
  await until('all rows again', async () => Number(await shown(page, 'queue.count')) === ROWS, 15000, page);

  // Scrolling through the queue from the keyboard: the CPU time of each frame.
  await click(page, 'queue.sort.ref');
  const frameMs = [];
  for (let i = 0; i < 60; ++i) {
    await page.keyboard.press(i % 2 ? 'PageDown' : 'j', { delay: 20 });
    await page.waitForTimeout(30);
    frameMs.push(Number(await shown(page, 'frame_ms')));
  }
  console.log(`console (headless Chromium, SwiftShader, ${ROWS} requests; filled through the API in ${fill.toFixed(1)} s, loaded by the console in ${load.toFixed(1)} s):`);
  console.log(`  CPU per frame while scrolling, ms     median ${fmt(percentile(frameMs, 0.5))}  p95 ${fmt(percentile(frameMs, 0.95))}  max ${fmt(Math.max(...frameMs))}   ceiling 4`);
  console.log(`  sorting 10,000 rows by a column, ms   median ${fmt(percentile(sorts, 0.5))}  max ${fmt(Math.max(...sorts))}   ceiling 20`);
  console.log(`  filtering 10,000 rows as one types, ms median ${fmt(percentile(filters, 0.5))}  max ${fmt(Math.max(...filters))}   ceiling 20`);
} finally {
  await browser?.close();
  proc.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
