// make bench: a knowledge hint per keystroke in headless Chromium. Realistic queries are typed
// letter by letter into the portal's request form; for each keystroke the portal searches its
// downloaded index in the frame (core's search compiled to WebAssembly) and the test hook says how
// long that took (hints.ms). First with the seeded articles, then with 10,000 generated English
// articles filed through the API (the portal searches the index of its language: all 10,000).
// Prints, last: hint per keystroke (chromium): median X ms, max Y ms   (the 10,000 articles)
// Usage: node scripts/bench/hints.mjs [SERVER_BIN [SITE_DIR]]   (defaults: the repo's build folders)
// BENCH_HINT_ARTICLES sets the generated articles' number (default 10000; 0 skips that part).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, until, click, screen, shownText } from '../../tests/browser/portal_driver.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = process.argv[2] || join(REPO, 'build/native/server/spoc-server');
const SITE = process.argv[3] || join(REPO, 'build/web/site');
const GENERATED = Number(process.env.BENCH_HINT_ARTICLES ?? 10000);
const DESK = 'hints-bench-desk-token';
const QUERIES = ['cant log in vpn', 'printer offline on floor 3', 'reset my password', 'outlook mailbox full',
                 'wifi guest network', 'new laptop for a starter', 'teams no sound in meetings', 'pasword expired'];
const CEILING_MS = 2;  // issue 7: at most 2 ms with 10,000 articles

const dir = mkdtempSync(join(tmpdir(), 'spoc-hints-bench-'));
const proc = spawn(SERVER, ['--port', '0', '--data', join(dir, 'spoc.db'), '--web', SITE, '--desk-token', DESK],
                   { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((done, fail) => {
  let out = '';
  proc.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) done(m[1]);
  });
  proc.on('exit', (code) => fail(new Error(`server exited (${code})`)));
});
const call = async (method, path, body) => {
  const res = await fetch(base + path, { method, headers: { Authorization: `Bearer ${DESK}`, 'Content-Type': 'application/json' },
                                         body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const fmt = (ms) => ms.toFixed(2);

// --- 10,000 articles that read like a help desk's (a deterministic generator) --------------------
function* articles(count) {
  let state = 0x2545f491;
  const below = (n) => {  // xorshift32
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state % n;
  };
  const pick = (list) => list[below(list.length)];
  const topics = [
    [['VPN', 'remote access', 'VPN client'], ['vpn', 'gateway', 'tunnel', 'client', 'connection', 'home', 'network']],
    [['password', 'password reset', 'passphrase'], ['password', 'reset', 'portal', 'characters', 'expire', 'account']],
    [['locked account', 'sign-in problems'], ['locked', 'account', 'attempts', 'unlock', 'minutes', 'login', 'sign-in']],
    [['MFA', 'authenticator app'], ['authenticator', 'phone', 'code', 'token', 'mfa', 'approve']],
    [['Wi-Fi', 'guest Wi-Fi'], ['wifi', 'wireless', 'network', 'guest', 'office', 'signal']],
    [['printer', 'print queue'], ['printer', 'print', 'queue', 'toner', 'paper', 'jam', 'driver', 'floor']],
    [['Outlook', 'shared mailbox'], ['outlook', 'email', 'mailbox', 'calendar', 'inbox', 'attachment']],
    [['new starter equipment', 'laptop request'], ['laptop', 'monitor', 'keyboard', 'starter', 'equipment', 'order']],
    [['software request', 'licence'], ['software', 'install', 'licence', 'request', 'approval', 'catalog']],
    [['Teams', 'headset'], ['teams', 'meeting', 'camera', 'microphone', 'headset', 'audio', 'sound']],
  ];
  const common = ['the', 'your', 'if', 'then', 'and', 'to', 'with', 'from', 'open', 'select', 'check', 'settings',
                  'menu', 'window', 'message', 'error', 'problem', 'help', 'desk', 'team', 'office', 'work', 'step',
                  'first', 'next', 'still', 'works', 'does', 'not', 'need', 'new', 'list', 'again', 'after'];
  const syllables = ['ka', 'lo', 'mi', 'tren', 'sto', 'vax', 'qui', 'ber', 'dal', 'nor', 'fex', 'zu', 'pra', 'gel'];
  const madeUp = () => Array.from({ length: 2 + below(3) }, () => pick(syllables)).join('');
  for (let i = 0; i < count; ++i) {
    const [titles, terms] = pick(topics);
    const words = [];
    for (let w = 120 + below(200); w > 0; --w) {
      const roll = below(100);
      words.push(roll < 22 ? pick(terms) : roll < 28 ? pick(titles) : roll < 34 ? madeUp() : pick(common));
      if (w % 14 === 0) words[words.length - 1] += '.';
    }
    yield { title: `${pick(titles)}: ${pick(terms)} ${madeUp()}`, body: words.join(' '), tags: [pick(terms), pick(terms)],
            types: [], lang: 'en', visibility: 'public', state: 'published' };
  }
}

async function fill(count) {
  const started = Date.now();
  const pending = new Set();
  for (const a of articles(count)) {
    const p = call('POST', '/api/v1/kb/articles', a).finally(() => pending.delete(p));
    pending.add(p);
    if (pending.size >= 8) await Promise.race(pending);
  }
  await Promise.all(pending);
  return (Date.now() - started) / 1000;
}

// --- typing in the portal ---------------------------------------------------------------------------
async function typeQueries(browser, label) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  await page.goto(base + '/');
  await until('the portal', () => page.evaluate(() => typeof Module !== 'undefined' && !!Module.calledRun), 30000);
  await until('home', async () => (await screen(page)) === 'home', 30000);
  await click(page, 'home.report');
  const index = await until('the index', async () => Number((await shownText(page))['hints.index']) || 0, 120000);
  const loaded = Number((await shownText(page))['hints.index_ms']);
  const times = [];
  let slowest = { ms: 0, query: '' };
  for (const query of QUERIES) {
    await click(page, 'form.subject');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    for (let n = 1; n <= query.length; ++n) {
      const before = Number((await shownText(page))['hints.computed']);
      await page.keyboard.type(query[n - 1]);
      const t = await until('the hint', async () => {
        const s = await shownText(page);
        return Number(s['hints.computed']) > before && s['form.subject'] === query.slice(0, n) ? s : null;
      }, 10000, page);
      const ms = Number(t['hints.ms']);
      times.push(ms);
      if (ms > slowest.ms) slowest = { ms, query: query.slice(0, n) };
    }
  }
  await page.close();
  console.log(`hint per keystroke (chromium, ${label}: ${index} articles in the portal's index, read in ${fmt(loaded)} ms): ` +
              `median ${fmt(median(times))} ms, max ${fmt(Math.max(...times))} ms (${times.length} keystrokes; ` +
              `slowest "${slowest.query}")`);
  return { median: median(times), max: Math.max(...times) };
}

let browser;
try {
  browser = await launchChromium();
  const seeded = await typeQueries(browser, 'seeded articles');
  let result = seeded;
  if (GENERATED > 0) {
    const seconds = await fill(GENERATED);
    console.log(`filed ${GENERATED} generated articles through POST /api/v1/kb/articles in ${seconds.toFixed(1)} s`);
    result = await typeQueries(browser, `seeded + ${GENERATED} generated`);
  }
  if (GENERATED > 0) console.log(`ceiling: ${CEILING_MS} ms per hint with ${GENERATED} articles`);
  console.log(`hint per keystroke (chromium): median ${fmt(result.median)} ms, max ${fmt(result.max)} ms`);
} finally {
  await browser?.close();
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
