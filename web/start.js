// Starts the portal (index.html): the loading and problem messages, Emscripten's Module, and
// spoc.js once the browser can draw. A file, not an inline <script>, so that the
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
// The WebAssembly compiles while spoc.js downloads and starts (index.html preloads both), and is
// handed to it through Emscripten's instantiateWasm; without compileStreaming spoc.js fetches it.
if (WebAssembly.compileStreaming) {
  var compiling = WebAssembly.compileStreaming(fetch('spoc.wasm', { credentials: 'same-origin' }));
  Module.instantiateWasm = function (imports, receive) {
    compiling.then(function (module) {
      return WebAssembly.instantiate(module, imports).then(function (instance) { receive(instance, module); });
    }).catch(function () { showProblem(texts.stopped); });
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
  script.src = 'spoc.js';
  script.async = true;
  script.onerror = function () { showProblem(texts.stopped); };
  document.body.appendChild(script);
})();
