// Chooses which of the portal's two programs this page runs and starts fetching its files, from the
// page's head (index.html), before the stylesheet and the rest of the page: the downloads begin as
// the page arrives, not once start.js has. start.js then runs the chosen program.
// The portal is two programs (web/console/console.h): the requester's (spoc.js, .wasm, .data) and
// the staff's (spoc-staff.*, the same and the desk's console). Which one this browser loads is
// remembered in localStorage ('spoc.program'); the requester's program switches to the staff one
// when staff sign in or open a #/desk address, and the staff program switches back (for the next
// load) when it starts without a staff session or someone signs out. Only the chosen program's
// files are asked for, so a requester never downloads the console.
var PROGRAM_KEY = 'spoc.program';
function programStore(kind) { try { return window[kind]; } catch (e) { return null; } }
function readProgram() {
  var stores = [programStore('localStorage'), programStore('sessionStorage')];
  for (var i = 0; i < stores.length; ++i) {
    try { var p = stores[i] && stores[i].getItem(PROGRAM_KEY); if (p) return p; } catch (e) {}
  }
  return 'requester';
}
// Where localStorage is refused, the choice lasts for the tab (sessionStorage).
function spocRememberProgram(program) {
  var stores = [programStore('localStorage'), programStore('sessionStorage')];
  for (var i = 0; i < stores.length; ++i) {
    try { if (stores[i]) { stores[i].setItem(PROGRAM_KEY, program); return true; } } catch (e) {}
  }
  return false;
}
// A tab switches at most three times a minute, and not to the staff program for a minute after it
// failed to load there: a missing file or a broken session cannot make the page reload forever.
function spocSwitchProgram(program, hash) {
  var session = programStore('sessionStorage');
  var now = Date.now(), recent = [];
  try {
    if (program === 'staff' && session && now - Number(session.getItem('spoc.staffFailed') || 0) < 60000) return false;
    recent = JSON.parse((session && session.getItem('spoc.switches')) || '[]').filter(function (t) {
      return typeof t === 'number' && now - t < 60000;
    });
    if (recent.length >= 3) return false;
    recent.push(now);
    if (session) session.setItem('spoc.switches', JSON.stringify(recent));
  } catch (e) {}
  if (!spocRememberProgram(program) || readProgram() !== program) return false;
  history.replaceState(null, '', hash ? hash : location.pathname + location.search);
  location.reload();
  return true;
}
var program = readProgram() === 'staff' ? 'staff' : 'requester';
var spocProgram = program;  // the browser tests ask which one runs
var files = program === 'staff' ? 'spoc-staff' : 'spoc';
// The program's files start downloading at once, while the rest of this script runs: the first
// frame waits for the slowest of them, not for all three in turn.
[[files + '.js', 'script'], [files + '.data', 'fetch']].forEach(function (f) {
  var link = document.createElement('link');
  link.rel = 'preload';
  link.href = f[0];
  link.as = f[1];
  if (f[1] === 'fetch') link.crossOrigin = 'anonymous';
  document.head.appendChild(link);
});
// The WebAssembly compiles while the program's script downloads and starts (start.js hands it to
// Emscripten's instantiateWasm); without compileStreaming the program's script fetches it.
var spocCompiling = WebAssembly.compileStreaming
  ? WebAssembly.compileStreaming(fetch(files + '.wasm', { credentials: 'same-origin' }))
  : null;
