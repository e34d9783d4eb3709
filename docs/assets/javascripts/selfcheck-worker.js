// The self-check engine, in a module Web Worker: a self-hosted Pyodide runs the
// project's pure-Python `selfcheck` package (the same code the tests and the command
// line run). Everything is fetched from this site (../pyodide/314.0.7/), and only while it
// starts; after that, evaluating answers makes no request at all.
//
// The protocol (page: selfcheck/engine-client.js; Python: selfcheck/browser.py):
//   page -> worker  {type: "setup", settings}                 once, right after new Worker()
//   worker -> page  {type: "ready"}                           the engine can evaluate
//                   {type: "failed", reason}                  it never will: "settings" (Python
//                                                             refused them), "start" (Pyodide or
//                                                             the package did not load) or
//                                                             "blocked" (WebAssembly cannot be
//                                                             compiled here)
//   page -> worker  {id, type: "evaluate", form, today}
//   worker -> page  {id, ok: true, result} | {id, ok: false, errors, more} | {id, ok: false, fatal: true}
// The worker only loads Pyodide, calls the two Python functions with JSON text and posts
// their JSON replies back: no Python object crosses into JavaScript, and no decision is
// made here.

// A static import: the browser fetches Pyodide's loader while it parses this file,
// instead of after it has run. Relative to this file, so any sub-path works. The folder is
// the Pyodide version pinned in package.json (the build checks they match), so a new
// version gets new addresses and never mixes with a year-cached old one.
import { loadPyodide } from "../pyodide/314.0.7/pyodide.mjs";

const PYODIDE = new URL("../pyodide/314.0.7/", import.meta.url);
// Only the standard-library modules the engine loads (about a third of the bytes of
// Pyodide's full python_stdlib.zip; sitebuild/stdlib_trim.py). The build writes its real
// name, which carries a hash of its content, into the built copy of this line.
const STDLIB_ZIP = "python_stdlib.zip";

// Nothing the engine prints is meant for the page. Its error lines (selfcheck/browser.py
// writes one for any bug, then answers "fatal") go to this browser's console, and stay there.
const quiet = () => {};
const toConsole = (line) => console.error(line);

// This worker's own response headers set its Content-Security-Policy. Without
// 'wasm-unsafe-eval' there, compiling throws here, while loadPyodide() would never settle.
function canCompileWebAssembly() {
  try {
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return true;
  } catch (error) {
    return false;
  }
}

// In a browser, Pyodide 314 compiles its runtime with
// WebAssembly.instantiateStreaming(fetch(wasm)) and, when that rejects (a 404, a wrong type, a
// corrupt file, a dropped connection), only logs a warning: loadPyodide() then never settles
// (src/js/emscripten-settings.ts, getInstantiateWasmFunc). Watching the very call Pyodide
// makes turns that into a failure at once, without fetching the file a second time. Only
// the streaming call is watched: Pyodide uses it for its runtime alone (its small probes
// and any package's shared library go through WebAssembly.compile and instantiate). The
// watch ends when the runtime is up.
function watchRuntimeCompile(onFailure) {
  const original = WebAssembly.instantiateStreaming;
  if (typeof original !== "function") return () => {};
  WebAssembly.instantiateStreaming = function (...args) {
    const compiling = original.apply(WebAssembly, args);
    compiling.catch(onFailure);
    return compiling;
  };
  return () => {
    WebAssembly.instantiateStreaming = original;
  };
}

class StartFailure extends Error {
  constructor(reason, cause) {
    super(`the engine could not start (${reason})`, { cause });
    this.reason = reason;
  }
}

async function startRuntime() {
  if (!canCompileWebAssembly()) throw new StartFailure("blocked");
  let stopWatching = () => {};
  const compileFailed = new Promise((resolve, reject) => {
    stopWatching = watchRuntimeCompile((error) => reject(new StartFailure("start", error)));
  });
  try {
    const loading = loadPyodide({
      indexURL: PYODIDE.href,
      lockFileURL: new URL("pyodide-lock.json", PYODIDE).href,
      stdLibURL: new URL(STDLIB_ZIP, PYODIDE).href,
      // Fetched while the runtime starts; its sha256 in the lockfile is checked.
      packages: ["selfcheck"],
      stdout: quiet,
      stderr: toConsole,
    });
    const pyodide = await Promise.race([loading, compileFailed]);
    return pyodide.pyimport("selfcheck.browser");
  } catch (error) {
    throw error instanceof StartFailure ? error : new StartFailure("start", error);
  } finally {
    stopWatching();
  }
}

// The runtime starts loading as soon as the worker runs; the settings come with "setup".
const runtime = startRuntime();
let engine = null; // resolves to selfcheck.browser once set up, or rejects

async function setUp(settings) {
  const browser = await runtime;
  // {"type": "ready"} or {"type": "failed", "reason": "settings" | "start"}
  const reply = JSON.parse(browser.setup(JSON.stringify(settings ?? null)));
  if (reply.type !== "ready") throw new StartFailure(reply.reason === "settings" ? "settings" : "start");
  // Once, so the first real answer is as quick as the rest (every module imported, the
  // message catalogue built). The answers here are empty, not anyone's.
  browser.evaluate(JSON.stringify({}), null);
  return browser;
}

function onSetup(settings) {
  if (engine) return; // once: a second setup changes nothing
  engine = setUp(settings);
  engine.then(
    () => self.postMessage({ type: "ready" }),
    (error) => {
      // Details stay in this browser's console; the page shows its own calm message.
      console.error("selfcheck: the engine could not start", error);
      self.postMessage({ type: "failed", reason: error.reason || "start" });
    },
  );
}

async function onEvaluate(id, form, today) {
  try {
    if (!engine) throw new Error("evaluate before setup");
    const browser = await engine;
    const reply = JSON.parse(browser.evaluate(JSON.stringify(form ?? {}), today ?? null));
    self.postMessage({ id, ...reply });
  } catch (error) {
    console.error("selfcheck: evaluation failed", error);
    self.postMessage({ id, ok: false, fatal: true });
  }
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "setup") onSetup(message.settings);
  else if (message.type === "evaluate") onEvaluate(message.id, message.form, message.today);
});
