// Starts the portal (index.html): the loading and problem messages, Emscripten's Module, and
// the program (spoc.js or spoc-staff.js, below). A file, not an inline <script>, so that the
// Content-Security-Policy the server sends with the portal can forbid inline scripts.
var statusBox = document.getElementById('status');
// The language the person chose in the portal (app_support.cpp keeps it), else the browser's. Read
// here, while the program downloads, the first look at localStorage costs the first frame nothing.
var chosen = null;
try { chosen = window.localStorage.getItem('spoc.lang'); } catch (e) {}
var german = (chosen || navigator.language || '').toLowerCase().indexOf('de') === 0;
var texts = german ? {
  loading: 'Der Service Desk wird geladen…',
  stopped: 'Das Portal des Service Desk wurde unerwartet beendet. Bitte laden Sie die Seite neu.',
  webgl: 'Dieser Browser kann das Portal des Service Desk nicht anzeigen (WebGL 2 ist aus oder fehlt). ' +
         'Bitte verwenden Sie einen aktuellen Browser.'
} : {
  loading: 'Loading the service desk…',
  stopped: 'The service desk portal stopped unexpectedly. Please reload the page.',
  webgl: 'This browser cannot show the service desk portal (WebGL 2 is off or missing). ' +
         'Please use a current browser.'
};
statusBox.textContent = texts.loading;
function showProblem(text) { statusBox.style.display = 'flex'; statusBox.textContent = text; }
var Module = {
  canvas: document.getElementById('canvas'),
  print: function (text) { console.log(text); },
  printErr: function (text) { console.warn(text); },
  onRuntimeInitialized: function () { statusBox.style.display = 'none'; },
  onAbort: function () {
    showProblem(texts.stopped);
  },
};
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
// The staff program could not be had: the requester's, remembered for this tab, loads instead.
function staffFailed() {
  if (program !== 'staff') return showProblem(texts.stopped);
  try { window.sessionStorage.setItem('spoc.staffFailed', String(Date.now())); } catch (e) {}
  spocRememberProgram('requester');
  location.reload();
}
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
// The WebAssembly compiles while the program's script downloads and starts, and is handed to it
// through Emscripten's instantiateWasm; without compileStreaming the script fetches it.
if (WebAssembly.compileStreaming) {
  var compiling = WebAssembly.compileStreaming(fetch(files + '.wasm', { credentials: 'same-origin' }));
  Module.instantiateWasm = function (imports, receive) {
    compiling.then(function (module) {
      return WebAssembly.instantiate(module, imports).then(function (instance) { receive(instance, module); });
    }).catch(staffFailed);
    return {};
  };
}
// The canvas has no context menu of its own (a long press on a phone would open the browser's).
Module.canvas.addEventListener('contextmenu', function (event) { event.preventDefault(); });
// The program says when it cannot make its WebGL 2 context (no probe before it: a second context
// cost the first frame tens of milliseconds); a script that fails to load says so.
Module.cannotDraw = function () { showProblem(texts.webgl); };
(function () {
  var script = document.createElement('script');
  script.src = files + '.js';
  script.async = true;
  script.onerror = staffFailed;
  document.body.appendChild(script);
})();
