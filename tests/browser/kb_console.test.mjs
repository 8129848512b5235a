// The knowledge base in the desk's console (issue 7 item 4), in a real browser against the real
// server: an agent writes a draft article, publishes it, changes it (a new version, after someone
// else's: a conflict that loses nothing), reads an earlier version, retires it, and the API agrees
// on its state and versions; the desk sees which articles deflect requests and which people mark
// as not helpful.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as driver from './portal_driver.mjs';
import { click, type, until, screen, shown } from './portal_driver.mjs';

const SHOTS = process.env.SPOC_SCREENSHOTS || join(tmpdir(), 'spoc-screenshots');
const DESK = 'browser-test-desk-token';
const PASSWORD = 'correct horse battery';

let server, base, browser, dataDir;

const api = (method, path, body) => driver.api(base, method, path, { token: DESK, body });

async function made(method, path, body) {
  const res = await api(method, path, body);
  assert.ok(res.status === 201 || res.status === 200, `${method} ${path}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

before(async () => {
  assert.ok(driver.SERVER && driver.WEB, 'SPOC_SERVER_BIN and SPOC_WEB_DIR must be set');
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'spoc-kb-console-'));
  ({ proc: server, base } = await driver.startServer({ dataDir, deskToken: DESK }));
  browser = await driver.launchChromium();
  await made('POST', '/api/v1/users',
             { email: 'anna@example.org', name: 'Anna Agent', role: 'agent', password: PASSWORD });
  await made('POST', '/api/v1/users',
             { email: 'rolf@example.org', name: 'Rolf Resolver', role: 'resolver', password: PASSWORD });
});

after(async () => {
  await browser?.close();
  await driver.stopServer(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(key, shot) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  const { page, problems } = await driver.openPortal(context, base, join(SHOTS, `${shot}-home.png`));
  await click(page, 'header.sign_in');
  await until('the sign-in screen', async () => (await screen(page)) === 'sign_in', 15000, page);
  await driver.signIn(page, `${key}@example.org`, PASSWORD);  // staff: once the staff program runs
  await until('signed in', async () => (await shown(page, 'account')) === `${key}@example.org`, 15000, page);
  await until('the console', async () => (await screen(page)) === 'queue', 15000, page);
  return { context, page, problems };
}

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const widgets = async (page) => JSON.parse(await page.evaluate(() => Module.ccall('spoc_test_widgets', 'string', [], [])));

// The knowledge list, from the queue by its key, once loaded.
async function openKnowledge(page) {
  await page.keyboard.press('b');
  await until('the knowledge list', async () => (await screen(page)) === 'knowledge' &&
                                                (await shown(page, 'kb.loaded')) === 'yes' &&
                                                Number(await shown(page, 'kb.count')) > 0, 15000, page);
}

// Clicked as a person does, the pointer resting on it a moment first: ImGui's table headers (which
// allow overlap) and the entries of a drop-down that has just opened take a press only once
// hovered in an earlier frame.
async function pointAndClick(page, id) {
  const r = await driver.widget(page, id);
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.move(box.x + r.x + r.w / 2, box.y + r.y + r.h / 2);
  await page.waitForTimeout(150);
  await page.mouse.down();
  await page.waitForTimeout(50);
  await page.mouse.up();
  await page.waitForTimeout(60);
}

// Typing with Enter between lines, each Enter in a frame of its own (two quick Enters between two
// frames reach ImGui as one: its keys are states, not events).
async function typeLines(page, id, text) {
  if (id) await click(page, id);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) {
      await page.keyboard.press('Enter');
      await page.waitForTimeout(80);
    }
    await page.keyboard.type(lines[i], { delay: 15 });
  }
}

const notice = (page, pattern) =>
  until(`the notice ${pattern}`, async () => pattern.test((await shown(page, 'kb_article.notice')) || ''), 15000, page);

test('an agent writes, publishes, changes and retires an article; the API agrees on its state and versions',
     async () => {
  const anna = await signedIn('anna', 'kb-anna');
  const { page } = anna;
  await openKnowledge(page);
  await shot(page, 'kb-1-list');

  // A new article from the keyboard: N, and the title takes the typing.
  await page.keyboard.press('n');
  await until('the editor', async () => (await screen(page)) === 'kb_article' && (await shown(page, 'typing')) === 'yes',
              15000, page);
  // The body first: saving without a title is refused beside the title, and nothing typed is lost.
  const body = '## When the VPN drops after sleep\n\n- Quit the VPN client\n- Start it again and sign in';
  await typeLines(page, 'kb_article.body', body);
  await page.keyboard.press('Control+Enter');
  await until('the title\'s error', async () => !!(await shown(page, 'kb_article.title.error')), 15000, page);
  assert.equal(await shown(page, 'kb_article.body'), body);
  assert.equal(await shown(page, 'kb_article.id'), '0');
  await shot(page, 'kb-2-error-beside-title');

  await type(page, 'kb_article.title', 'VPN drops after the laptop sleeps');
  await type(page, 'kb_article.tags', 'vpn, sleep, remote work');
  const catalog = (await api('GET', '/api/v1/catalog')).json.items;
  const vpn = catalog.findIndex((t) => t.id === 'network_vpn');
  assert.ok(vpn >= 0, 'the catalog has network_vpn');
  await click(page, 'kb_article.types');
  await pointAndClick(page, `kb_article.types.${vpn}`);
  await until('the type ticked', async () => (await shown(page, 'kb_article.types')) === catalog[vpn].name, 15000, page);
  await page.keyboard.press('Escape');  // closes the drop-down, and stays in the editor
  await until('the drop-down closed', async () => !(await widgets(page))[`kb_article.types.${vpn}`], 15000, page);
  assert.equal(await shown(page, 'kb_article.types'), catalog[vpn].name);
  assert.equal(await screen(page), 'kb_article');
  await click(page, 'kb_article.save');
  await notice(page, /version 1, Draft/);
  const id = Number(await shown(page, 'kb_article.id'));
  assert.ok(id > 0);
  let article = (await api('GET', `/api/v1/kb/articles/${id}`)).json;
  assert.equal(article.state, 'draft');
  assert.equal(article.version, 1);
  assert.equal(article.title, 'VPN drops after the laptop sleeps');
  assert.equal(article.body, body);
  assert.deepEqual(article.tags, ['vpn', 'sleep', 'remote work']);
  assert.deepEqual(article.types, ['network_vpn']);
  assert.equal(article.visibility, 'public');
  await shot(page, 'kb-3-draft-saved');

  // Published: a new version.
  await click(page, 'kb_article.publish');
  await notice(page, /version 2, Published/);
  article = (await api('GET', `/api/v1/kb/articles/${id}`)).json;
  assert.equal(article.state, 'published');
  assert.equal(article.version, 2);

  // Meanwhile someone changes it through the API (version 3). Anna's change, based on version 2,
  // is refused (409) with nothing lost, then goes over version 3 as version 4, keeping theirs.
  const theirs = await made('PATCH', `/api/v1/kb/articles/${id}`, { tags: ['vpn', 'sleep', 'remote work', 'wifi'], version: 2 });
  assert.equal(theirs.version, 3);
  await click(page, 'kb_article.body');
  await page.keyboard.press('Control+End');
  await typeLines(page, null, '\n- If it still drops, restart the laptop');
  await page.keyboard.press('Control+Enter');
  await notice(page, /newer version/);
  assert.match(await shown(page, 'kb_article.body'), /restart the laptop$/);
  await shot(page, 'kb-4-conflict');
  await pointAndClick(page, 'kb_article.save_over');
  await notice(page, /version 4, Published/);
  article = (await api('GET', `/api/v1/kb/articles/${id}`)).json;
  assert.equal(article.version, 4);
  assert.match(article.body, /restart the laptop$/);
  assert.deepEqual(article.tags, ['vpn', 'sleep', 'remote work', 'wifi'], 'their change stays');

  // The versions beside the editor: each listed, the first one readable as it was written.
  await until('4 versions', async () => (await shown(page, 'kb_article.versions')) === '4', 15000, page);
  await pointAndClick(page, 'kb_article.version.1');
  await until('version 1 shown', async () => (await shown(page, 'kb_article.version_shown')) === '1', 15000, page);
  assert.equal(await shown(page, 'kb_article.version_text'), body);
  await shot(page, 'kb-5-versions');

  // Retired: the last version; the API has every version with who wrote it.
  await click(page, 'kb_article.retire');
  await notice(page, /version 5, Retired/);
  article = (await api('GET', `/api/v1/kb/articles/${id}`)).json;
  assert.equal(article.state, 'retired');
  assert.equal(article.version, 5);
  const versions = (await api('GET', `/api/v1/kb/articles/${id}/versions`)).json.items;
  assert.deepEqual(versions.map((v) => [v.version, v.state]),
                   [[5, 'retired'], [4, 'published'], [3, 'published'], [2, 'published'], [1, 'draft']]);
  const annaId = (await api('GET', '/api/v1/users?limit=200')).json.items.find((u) => u.email === 'anna@example.org').id;
  assert.deepEqual(versions.map((v) => v.actor), [annaId, annaId, 'desk', annaId, annaId]);
  assert.doesNotMatch(versions[4].body, /restart the laptop/);
  await until('5 versions', async () => (await shown(page, 'kb_article.versions')) === '5', 15000, page);
  await shot(page, 'kb-6-retired');

  // Back in the list (Esc), the article is retired at version 4.
  await page.keyboard.press('Escape');
  await until('the list', async () => (await screen(page)) === 'knowledge', 15000, page);
  await until('the row', async () => (await shown(page, `kb.row.${id}`))?.startsWith('retired v5'), 15000, page);
  assert.deepEqual(anna.problems, []);
  await anna.context.close();
});

test('the desk sees which articles deflect requests and which are marked not helpful', async () => {
  const seeded = (await api('GET', '/api/v1/kb/articles?lang=en&visibility=public&limit=5')).json.items;
  const solving = seeded[3];
  const unhelpful = seeded[4];
  // People in the portal: one article solved it twice, another was not helpful.
  for (let i = 0; i < 2; i++)
    assert.equal((await driver.api(base, 'POST', '/api/v1/deflections', { body: { article: solving.id, query: 'vpn' } }))
                   .status, 201);
  assert.equal((await driver.api(base, 'POST', `/api/v1/kb/articles/${solving.id}/feedback`,
                                 { body: { helpful: true, query: 'vpn' } })).status, 201);
  assert.equal((await driver.api(base, 'POST', `/api/v1/kb/articles/${unhelpful.id}/feedback`,
                                 { body: { helpful: false, query: 'printer' } })).status, 201);

  const anna = await signedIn('anna', 'kb-counters');
  const { page } = anna;
  await openKnowledge(page);
  await pointAndClick(page, 'kb.sort.deflections');  // most first
  await until('the deflecting article first', async () => (await shown(page, 'kb.first')) === String(solving.id),
              15000, page);
  assert.match(await shown(page, `kb.row.${solving.id}`), /helpful=1 unhelpful=0 deflections=2/);
  await shot(page, 'kb-7-by-deflections');
  await pointAndClick(page, 'kb.sort.unhelpful');
  await until('the unhelpful article first', async () => (await shown(page, 'kb.first')) === String(unhelpful.id),
              15000, page);
  assert.match(await shown(page, `kb.row.${unhelpful.id}`), /unhelpful=1 deflections=0/);
  await shot(page, 'kb-8-by-not-helpful');
  // Enter opens the first row: its counters beside the editor.
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await until('the article', async () => (await shown(page, 'kb_article.id')) === String(unhelpful.id) &&
                                         (await shown(page, 'kb_article.unhelpful')) === '1', 15000, page);
  assert.equal(await shown(page, 'kb_article.deflections'), '0');
  await shot(page, 'kb-9-article-counters');
  assert.deepEqual(anna.problems, []);
  await anna.context.close();
});

test('a resolver reads the knowledge base and its versions but has nothing to change it with', async () => {
  const rolf = await signedIn('rolf', 'kb-rolf');
  const { page } = rolf;
  await openKnowledge(page);
  assert.ok(!(await widgets(page))['kb.new'], 'no New article for a resolver');
  await page.keyboard.press('Enter');
  await until('an article', async () => (await screen(page)) === 'kb_article' &&
                                        Number(await shown(page, 'kb_article.versions')) >= 1, 15000, page);
  const open = await widgets(page);
  for (const action of ['kb_article.save', 'kb_article.publish', 'kb_article.retire'])
    assert.ok(!open[action], `no ${action} for a resolver`);
  await shot(page, 'kb-10-resolver-reads');
  // An internal article, by its address: marked as such, and still nothing to change it with.
  const internal = (await api('GET', '/api/v1/kb/articles?visibility=internal&limit=1')).json.items[0];
  await page.evaluate((to) => { location.hash = to; }, `#/desk/kb/${internal.id}`);
  await until('the internal article', async () => (await shown(page, 'kb_article.id')) === String(internal.id) &&
                                                 (await shown(page, 'kb_article.title')) === internal.title, 15000, page);
  assert.equal(await shown(page, 'kb_article.visibility'), 'Internal: staff only');
  assert.ok(!(await widgets(page))['kb_article.save']);
  await shot(page, 'kb-11-resolver-internal');
  assert.deepEqual(rolf.problems, []);
  await rolf.context.close();
});

// The portal is two programs (web/console/console.h): a requester's page load fetches the requester's
// (spoc.wasm) and nothing of the staff's; an agent who signs in crosses to the staff program (a page
// load keeping the address), and after she signs out the next load is the requester's again.
test('a requester loads the requester program only; an agent who signs in runs the staff program', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  const fetched = [];
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const programFiles = () => fetched.filter((p) => /^\/spoc(-staff)?\.(js|wasm|data)$/.test(p));
  const { page, problems } = await driver.openPortal(context, base, join(SHOTS, 'program-1-requester-home.png'));
  assert.equal(await driver.program(page), 'requester');
  assert.deepEqual([...new Set(programFiles())].sort(), ['/spoc.data', '/spoc.js', '/spoc.wasm']);

  // She starts a report before she signs in: the draft crosses to the staff program.
  await click(page, 'home.report');
  await until('the form', async () => (await screen(page)) === 'form', 15000, page);
  await type(page, 'form.subject', 'Docking station flickers');
  await until('the typed subject', async () => (await shown(page, 'form.subject')) === 'Docking station flickers',
              15000, page);

  fetched.length = 0;
  await click(page, 'header.sign_in');
  await until('the sign-in screen', async () => (await screen(page)) === 'sign_in', 15000, page);
  assert.equal(await driver.signIn(page, 'anna@example.org', PASSWORD), 'staff');
  await until('the console', async () => (await screen(page)) === 'queue' &&
                                         (await shown(page, 'account')) === 'anna@example.org', 15000, page);
  assert.equal(await driver.program(page), 'staff');
  assert.deepEqual([...new Set(programFiles())].sort(), ['/spoc-staff.data', '/spoc-staff.js', '/spoc-staff.wasm']);
  assert.equal(new URL(page.url()).hash, '#/desk');
  await page.screenshot({ path: join(SHOTS, 'program-2-staff-console.png') });
  await page.evaluate(() => { location.hash = '#/report'; });
  await until('her draft in the staff program', async () => (await screen(page)) === 'form' &&
              (await shown(page, 'form.subject')) === 'Docking station flickers', 15000, page);

  // Signed out, the staff program goes on as the portal; the next load is the requester's.
  await click(page, 'header.sign_out');
  await until('home, signed out', async () => (await screen(page)) === 'home' && !(await shown(page, 'account')),
              15000, page);
  fetched.length = 0;
  await page.reload();
  await driver.waitForProgram(page, 'requester');
  await until('the home screen', async () => (await screen(page)) === 'home', 15000, page);
  assert.ok(!programFiles().some((p) => p.startsWith('/spoc-staff')), `fetched ${programFiles()}`);
  assert.deepEqual(problems, []);
  await context.close();
});
