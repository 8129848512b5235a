// make bench: how soon the portal draws its first frame in headless Chromium (SwiftShader), beside the
// floor: a minimal Dear ImGui 1.86 app linked with the same flags (bench/minimal_imgui), served by a
// plain static server, with ImGui's own font and with the portal's three faces. Each load is a fresh
// browser context (no cache); the apps take turns, and the figure is the median of N loads of each.
// The first frame is the 'first-frame' performance mark both programs set right after rendering
// their first ImGui frame, in ms from navigation start.
// Usage: node scripts/bench/first_frame.mjs SERVER_BIN SITE_DIR MINIMAL_DIR [N]   (MINIMAL_DIR: build/web/minimal)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { launchChromium } from '../../tests/browser/portal_driver.mjs';

const [SERVER, SITE, MINIMAL, N = '21'] = process.argv.slice(2);
const LOADS = Number(N);
const CEILING = 1.25;  // issue 7, item 9: spoc's first frame within 1.25x of the minimal app's
const VIEWPORT = { width: 1280, height: 800 };

// The portal on its own server (throw-away database).
const dir = mkdtempSync(join(tmpdir(), 'spoc-first-frame-'));
const proc = spawn(SERVER, ['--port', '0', '--data', join(dir, 'spoc.db'), '--web', SITE],
                   { stdio: ['ignore', 'pipe', 'inherit'] });
const spocBase = await new Promise((resolve, reject) => {
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) resolve(m[1]);
  });
  proc.on('exit', (code) => reject(new Error(`server exited (${code})`)));
});

// The floor on a plain static server: the files as they are, no compression, no cache.
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
                '.data': 'application/octet-stream' };
const statics = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  try {
    const body = readFileSync(join(MINIMAL, path.endsWith('/') ? 'index.html' : path));
    res.writeHead(200, { 'Content-Type': TYPES[extname(path) || '.html'] || 'application/octet-stream',
                         'Cache-Control': 'no-cache', 'Content-Length': body.length });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => statics.listen(0, '127.0.0.1', resolve));
const minimalBase = `http://127.0.0.1:${statics.address().port}`;

const apps = [
  { name: 'spoc, home screen', url: `${spocBase}/` },
  { name: 'minimal Dear ImGui app', url: `${minimalBase}/` },
  { name: "minimal app with spoc's fonts", url: `${minimalBase}/?fonts` },
];

// One load in a fresh context: the marks and when each file had arrived (ms from navigation start).
async function load(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('first-frame').length > 0, null,
                               { timeout: 30000, polling: 50 });
    await page.waitForTimeout(url.startsWith(spocBase) ? 400 : 0);  // portal.json's frame, if it comes
    return await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
      const files = {};
      for (const r of performance.getEntriesByType('resource')) files[r.name.replace(/^.*\//, '')] = r.responseEnd;
      return { first: at('first-frame'), main: at('main'), configured: at('configured-frame'), files };
    });
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
};
const ms = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-').padStart(6);

let browser;
try {
  browser = await launchChromium();
  for (const app of apps) await load(browser, app.url);  // warm-up: the server's and the OS's caches
  const runs = apps.map(() => []);
  for (let i = 0; i < LOADS; ++i)
    for (let k = 0; k < apps.length; ++k) {  // each round starts with the next app
      const a = (i + k) % apps.length;
      runs[a].push(await load(browser, apps[a].url));
    }
  const first = runs.map((r) => median(r.map((x) => x.first)));
  console.log(`first frame (headless Chromium, SwiftShader, ${VIEWPORT.width}x${VIEWPORT.height}; median of ${LOADS} loads each, ` +
              'interleaved, fresh context each; ms from navigation start):');
  apps.forEach((app, a) => {
    const files = Object.keys(runs[a][0].files).filter((f) => /\.(js|wasm|data|json)$/.test(f) && !f.startsWith('start'))
      .map((f) => `${f.replace(/\?.*$/, '')} ${median(runs[a].map((x) => x.files[f])).toFixed(0)}`);
    const main = median(runs[a].map((x) => x.main));
    const configured = median(runs[a].map((x) => x.configured));
    console.log(`  ${app.name.padEnd(32)} ${ms(first[a])}   (arrived: ${files.join(', ')}` +
                `${Number.isFinite(main) ? `; main() ${main.toFixed(0)}` : ''}` +
                `${Number.isFinite(configured) ? `; with portal.json ${configured.toFixed(0)}` : ''})`);
  });
  const ratio = first[0] / first[1];
  console.log(`  ${'spoc / minimal app'.padEnd(32)} ${ratio.toFixed(2).padStart(6)}   ceiling ${CEILING}: ` +
              `${ratio <= CEILING ? 'met' : 'MISSED'}  (spoc / minimal app with spoc's fonts ${(first[0] / first[2]).toFixed(2)})`);
} finally {
  proc.kill('SIGTERM');
  statics.close();
  await browser?.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
