// The desk's journeys of issue 6, in a real browser against the real server: a partner's help desk
// files a pre-diagnosed request for its user; an agent triages it and assigns it to a second line
// group; a resolver asks the requester in public and adds an internal note; the requester answers
// in the portal without ever seeing the note; the resolver resolves it and the requester sees it
// resolved. And an agent logs a phone call and resolves it at once: a first-contact resolution.
// Routing edited in the console; and the desk's full-text search (issue 7) over an internal note.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as driver from './portal_driver.mjs';
import { click, type, until, screen, shown, widget } from './portal_driver.mjs';

const SHOTS = process.env.SPOC_SCREENSHOTS || join(tmpdir(), 'spoc-screenshots');
const DESK = 'browser-test-desk-token';
const PASSWORD = 'correct horse battery';

let server, base, browser, dataDir;
const people = {};
const groups = {};

const api = (method, path, body) => driver.api(base, method, path, { token: DESK, body });

async function made(method, path, body) {
  const res = await api(method, path, body);
  assert.ok(res.status === 201 || res.status === 200, `${method} ${path}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

before(async () => {
  assert.ok(driver.SERVER && driver.WEB, 'SPOC_SERVER_BIN and SPOC_WEB_DIR must be set');
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'spoc-desk-'));
  ({ proc: server, base } = await driver.startServer({ dataDir, deskToken: DESK }));
  browser = await driver.launchChromium();
  const northwind = await made('POST', '/api/v1/organisations', { name: 'Northwind' });
  const person = async (key, name, role, organisation = null) => {
    people[key] = await made('POST', '/api/v1/users',
                             { email: `${key}@example.org`, name, role, organisation, password: PASSWORD });
  };
  await person('rita', 'Rita Requester', 'requester', northwind.id);
  await person('hugo', 'Hugo Helpdesk', 'org_helpdesk', northwind.id);
  await person('anna', 'Anna Agent', 'agent');
  await person('rolf', 'Rolf Resolver', 'resolver');
  groups.desk = await made('POST', '/api/v1/groups', { name: 'Service Desk', tier: 1, members: [people.anna.id] });
  groups.network = await made('POST', '/api/v1/groups', { name: 'Network', tier: 2, members: [people.rolf.id] });
});

after(async () => {
  await browser?.close();
  await driver.stopServer(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// A browser of its own for each person, signed in through the portal's sign-in screen.
async function signedIn(key, shot, viewport = { width: 1400, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'en-GB' });
  const { page, problems } = await driver.openPortal(context, base, join(SHOTS, `${shot}-home.png`));
  await click(page, 'header.sign_in');
  await until('the sign-in screen', async () => (await screen(page)) === 'sign_in', 15000, page);
  await driver.signIn(page, `${key}@example.org`, PASSWORD);  // staff: once the staff program runs
  await until('signed in', async () => (await shown(page, 'account')) === `${key}@example.org`, 15000, page);
  return { context, page, problems };
}

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

// Opens a request from the console's queue by its reference (a click on its row, then Enter).
async function openFromQueue(page, tab, ref) {
  await until('the console', async () => (await screen(page)) === 'queue', 15000, page);
  await click(page, `queue.tab.${tab}`);
  await until(`${ref} in the queue`, async () => {
    const rows = JSON.parse(await page.evaluate(() => Module.ccall('spoc_test_widgets', 'string', [], [])));
    return rows[`queue.row.${ref}`];
  }, 15000, page);
  await click(page, `queue.row.${ref}`);
  await page.keyboard.press('Enter');
  await until(`${ref} open`, async () => (await screen(page)) === 'desk_request' && (await shown(page, 'desk.state')),
              15000, page);
}

// A drop-down's entry takes a click only once the pointer has rested on it for a frame: under
// load a click straight after opening was sometimes lost.
async function choose(page, select, index) {
  await click(page, select);
  const entry = await widget(page, `${select}.${index}`);
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.move(box.x + entry.x + entry.w / 2, box.y + entry.y + entry.h / 2);
  await page.waitForTimeout(150);
  await click(page, `${select}.${index}`);
}

async function setState(page, state, reason) {
  await click(page, `desk.to.${state}`);
  if (reason) await type(page, 'desk.reason', reason);
  await click(page, 'desk.apply_state');
  await until(`the state ${state}`, async () => (await shown(page, 'desk.state')) === state, 15000, page);
}

test('a partner files for its user; the desk triages, assigns and resolves; the requester never sees a note',
     async () => {
  // 1. Hugo, Northwind's help desk, files for Rita with what he already checked.
  const hugo = await signedIn('hugo', 'journey-1-hugo');
  const { page: hp } = hugo;
  await click(hp, 'mine.back');
  await until('home', async () => (await screen(hp)) === 'home', 15000, hp);
  await click(hp, 'home.report');
  await until('the form', async () => (await screen(hp)) === 'form', 15000, hp);
  await click(hp, 'form.type.network_vpn');
  await click(hp, 'form.field.connection.vpn');
  await click(hp, 'form.impact.medium');
  await click(hp, 'form.urgency.medium');
  await type(hp, 'form.subject', 'VPN drops every ten minutes');
  await type(hp, 'form.description', 'Rita loses the VPN every ten minutes since Monday.');
  await click(hp, 'form.for_whom.person');
  await type(hp, 'form.person.filter', 'rita');
  await click(hp, 'form.person.rita@example.org');
  await type(hp, 'form.diagnosis.checked', 'Reinstalled the client, other network, new profile');
  await type(hp, 'form.diagnosis.errors', 'Error 809');
  await type(hp, 'form.diagnosis.affected', '1');
  await shot(hp, 'journey-1-partner-form');
  await click(hp, 'form.submit');
  await until('filed', async () => (await screen(hp)) === 'submitted', 15000, hp);
  const ref = await shown(hp, 'done.ref');
  assert.match(ref, /^SD-\d{6}$/);
  const id = Number(ref.slice(3));
  const filed = (await api('GET', `/api/v1/requests/${id}`)).json;
  assert.equal(filed.requester.user, people.rita.id);
  assert.equal(filed.filed_by, people.hugo.id);
  assert.equal(filed.diagnosis.errors, 'Error 809');

  // 2. Anna, an agent, sees the diagnosis first, raises the urgency and assigns it to Network.
  const anna = await signedIn('anna', 'journey-1-anna');
  const { page: ap } = anna;
  await openFromQueue(ap, 'unassigned', ref);
  assert.match(await shown(ap, 'desk.diagnosis'), /Reinstalled the client/);
  await shot(ap, 'journey-1-agent-request');
  await choose(ap, 'desk.urgency', 0);  // high
  await click(ap, 'desk.triage');
  await until('the new priority', async () => (await shown(ap, 'desk.priority')) === '2', 15000, ap);
  await choose(ap, 'desk.assign_group', 1);  // Network (groups by tier: Service Desk, Network)
  await click(ap, 'desk.assign');
  await until('assigned to Network', async () => (await shown(ap, 'desk.group')) === 'Network', 15000, ap);
  await shot(ap, 'journey-1-agent-assigned');

  // 3. Rolf, in Network, asks Rita in public, notes internally, and waits for her.
  const rolf = await signedIn('rolf', 'journey-1-rolf');
  const { page: rp } = rolf;
  await openFromQueue(rp, 'my_groups', ref);
  await type(rp, 'desk.reply', 'Which VPN client version do you use?');
  await click(rp, 'desk.send');
  await until('the question sent', async () => (await shown(rp, 'desk.reply')) === '', 15000, rp);
  await click(rp, 'desk.internal');
  await type(rp, 'desk.reply', 'Known bug in client 5.2: keepalive too short.');
  await click(rp, 'desk.send');
  await until('the note added', async () => /comment\(internal\)/.test(await shown(rp, 'desk.timeline')), 15000, rp);
  await setState(rp, 'pending', 'Waiting for the client version');
  await shot(rp, 'journey-1-resolver-note');

  // 4. Rita answers in the portal; she sees the question, never the note.
  const rita = await signedIn('rita', 'journey-1-rita', { width: 420, height: 860 });
  const { page: qp } = rita;
  await until('My requests', async () => (await screen(qp)) === 'mine', 15000, qp);
  await until(`${ref} listed`, async () => (await shown(qp, `mine.state.${ref}`)) === 'pending', 20000, qp);
  await qp.evaluate((to) => { location.hash = to; }, `#/mine/${id}`);
  await until('the detail', async () => (await shown(qp, 'detail.replies'))?.includes('client version'), 20000, qp);
  assert.doesNotMatch(await shown(qp, 'detail.replies'), /Known bug/, 'the internal note stays with the staff');
  await type(qp, 'detail.reply', 'Version 5.2.1 on Windows.');
  await click(qp, 'detail.send');
  await until('the answer sent', async () => (await shown(qp, 'detail.replies')).includes('5.2.1'), 15000, qp);
  await until('back in progress', async () => (await shown(qp, 'detail.state')) === 'in_progress', 15000, qp);
  await shot(qp, 'journey-1-requester-answered');

  // 5. Rolf resolves it; Rita sees it resolved.
  await rp.keyboard.press('Escape');
  await openFromQueue(rp, 'my_groups', ref);
  await setState(rp, 'resolved', 'Updated the client to 5.3');
  await until('Rita sees it resolved', async () => (await shown(qp, 'detail.state')) === 'resolved', 30000, qp);
  await shot(qp, 'journey-1-requester-resolved');
  const done = (await api('GET', `/api/v1/requests/${id}`)).json;
  assert.equal(done.first_contact_resolution, false);
  for (const session of [hugo, anna, rolf, rita]) assert.deepEqual(session.problems, []);
  for (const session of [hugo, anna, rolf, rita]) await session.context.close();
});

test('an agent logs a phone call and resolves it at once: a first-contact resolution', async () => {
  const anna = await signedIn('anna', 'journey-2-anna');
  const { page } = anna;
  await until('the console', async () => (await screen(page)) === 'queue', 15000, page);
  await click(page, 'queue.log_call');
  await until('the form', async () => (await screen(page)) === 'form', 15000, page);
  await click(page, 'form.type.account_locked');
  await type(page, 'form.field.system', 'Windows sign-in');
  await click(page, 'form.impact.low');
  await click(page, 'form.urgency.high');
  await type(page, 'form.subject', 'Caller locked out after holiday');
  await click(page, 'form.for_whom.other');
  await type(page, 'form.other.name', 'Carl Caller');
  await type(page, 'form.other.email', 'carl@example.org');
  await shot(page, 'journey-2-log-call');
  await click(page, 'form.submit');
  await until('the logged call', async () => (await screen(page)) === 'desk_request' && (await shown(page, 'desk.state')),
              15000, page);
  // Keyboard only: V (resolved) puts the keyboard in the reason, Enter applies.
  await page.keyboard.press('v');
  await until('the reason field', async () => (await shown(page, 'typing')) === 'yes', 15000, page);
  await page.keyboard.type('Unlocked the account with the caller on the phone', { delay: 15 });
  await page.keyboard.press('Enter');
  await until('resolved', async () => (await shown(page, 'desk.state')) === 'resolved', 15000, page);
  assert.equal(await shown(page, 'desk.fcr'), 'yes');
  await shot(page, 'journey-2-resolved');
  assert.deepEqual(anna.problems, []);
  await anna.context.close();
});

test('an agent sends a request type to a second line group in the console, and new requests land there', async () => {
  const anna = await signedIn('anna', 'routing-anna');
  const { page } = anna;
  await until('the console', async () => (await screen(page)) === 'queue', 15000, page);
  await click(page, 'queue.routing');
  await until('the routing', async () => (await screen(page)) === 'routing' &&
                                         (await shown(page, 'routing.default')) === 'Service Desk', 15000, page);
  await choose(page, 'routing.type.network_vpn', 1);  // Network (groups by tier: Service Desk, Network)
  await click(page, 'routing.save');
  await until('saved', async () => (await shown(page, 'routing.notice')) === 'Saved.', 15000, page);
  await shot(page, 'routing-saved');
  const rules = (await api('GET', '/api/v1/routing')).json;
  assert.equal(rules.types.network_vpn, 'Network');
  const filed = await made('POST', '/api/v1/requests', {
    type: 'network_vpn', subject: 'VPN slow at home', impact: 'low', urgency: 'low', fields: { connection: 'vpn' },
    requester: { name: 'Ada', email: 'ada@example.org' } });
  assert.equal(filed.group, groups.network.id);
  assert.deepEqual(anna.problems, []);
  await anna.context.close();
});

test('the desk finds a request by the words of an internal note, the matches marked, and opens it by keyboard',
     async () => {
  const filed = await made('POST', '/api/v1/requests', {
    type: 'broken_hardware', fields: { device: 'printer' }, subject: 'Printer on the third floor streaks pages',
    impact: 'low', urgency: 'medium',
    description: 'Every page has a grey line down the middle.', requester: { name: 'Pia', email: 'pia@example.org' } });
  await made('POST', `/api/v1/requests/${filed.id}/comments`,
             { body: 'Toner cartridge smudges: ordered a new drum from the vendor.', internal: true });
  const anna = await signedIn('anna', 'search-anna');
  const { page } = anna;
  await until('the console', async () => (await screen(page)) === 'queue', 15000, page);
  await page.keyboard.press('s');
  await until('the search', async () => (await screen(page)) === 'desk_search' && (await shown(page, 'typing')) === 'yes',
              15000, page);
  await page.keyboard.type('smudges drum', { delay: 15 });
  await page.keyboard.press('Enter');
  await until('the results', async () => (await shown(page, 'search.status')) === '1', 15000, page);
  assert.equal(await shown(page, 'search.words'), 'smudges drum', 'what was typed, and nothing else');
  const snippet = await shown(page, `search.row.${filed.ref}`);
  assert.match(snippet, /\*\*smudges\*\*/i, 'the note\'s matching words are marked');
  assert.match(snippet, /\*\*drum\*\*/i);
  await shot(page, 'search-results');
  await page.keyboard.press('Enter');
  await until(`${filed.ref} open`, async () => (await screen(page)) === 'desk_request' &&
                                               (await shown(page, 'desk.ref')) === filed.ref, 15000, page);
  // A word nobody wrote finds nothing, and says so.
  await page.goBack();
  await until('the search again', async () => (await screen(page)) === 'desk_search', 15000, page);
  await page.keyboard.press('/');
  await until('the field', async () => (await shown(page, 'typing')) === 'yes', 15000, page);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('zebra', { delay: 15 });
  await page.keyboard.press('Enter');
  await until('no results', async () => (await shown(page, 'search.status')) === '0', 15000, page);
  assert.deepEqual(anna.problems, []);
  await anna.context.close();
});
