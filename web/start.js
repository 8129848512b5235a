// Starts the portal (index.html): the loading and problem messages, Emscripten's Module, and
// the program program.js chose (spoc.js or spoc-staff.js), whose files it is already fetching. A file, not an inline <script>, so that the
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
// The staff program could not be had: the requester's, remembered for this tab, loads instead.
function staffFailed() {
  if (program !== 'staff') return showProblem(texts.stopped);
  try { window.sessionStorage.setItem('spoc.staffFailed', String(Date.now())); } catch (e) {}
  spocRememberProgram('requester');
  location.reload();
}
// The WebAssembly program.js began compiling goes to Emscripten through instantiateWasm.
if (spocCompiling) {
  Module.instantiateWasm = function (imports, receive) {
    spocCompiling.then(function (module) {
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
