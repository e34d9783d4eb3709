// The self-check engine, in a module Web Worker: a self-hosted Pyodide runs the
// project's pure-Python `selfcheck` package (the same code the tests and the command
// line run). Everything is fetched from this site (../pyodide/314.0.7/), and only while it
// starts; after that, evaluating answers makes no request at all.
//
// Messages (as in Pyodide's web-worker guide, with a request id):
//   worker -> page  {type: "ready"}  or  {type: "failed"}   (once, after start-up)
//   page -> worker  {id, type: "evaluate", form, settings}
//   worker -> page  {id, ok: true, result}
//                   {id, ok: false, errors: [{key, code, message}]}   (bad answers)
//                   {id, ok: false, fatal: true}                       (anything else)
// `form` holds the raw form values ({"phq9-1": "2", "medical": ["none"], ...});
// Python turns them into the contract's answers (selfcheck.evaluate_form).

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

// Python side: JSON text in, JSON text out, so no Python objects cross into JS.
const PYTHON = `
import json
import selfcheck

def selfcheck_evaluate(form_json, settings_json):
    form = json.loads(form_json)
    settings = json.loads(settings_json)
    try:
        result = selfcheck.evaluate_form(form, settings)
    except selfcheck.AnswersError as error:
        # At most 50 problems; "more" is the "and N more problems" line, or None.
        return json.dumps({"ok": False, "errors": [p.as_dict() for p in error.problems], "more": error.more_line()})
    return json.dumps({"ok": True, "result": result})
`;

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

async function start() {
  if (!canCompileWebAssembly()) throw new Error("WebAssembly cannot be compiled here (Content-Security-Policy?)");
  const pyodide = await loadPyodide({
    indexURL: PYODIDE.href,
    lockFileURL: new URL("pyodide-lock.json", PYODIDE).href,
    stdLibURL: new URL(STDLIB_ZIP, PYODIDE).href,
    // Fetched while the runtime starts; its sha256 in the lockfile is checked.
    packages: ["selfcheck"],
    // Nothing the engine prints is meant for the page.
    stdout: () => {},
    stderr: () => {},
  });
  pyodide.runPython(PYTHON);
  const evaluate = pyodide.globals.get("selfcheck_evaluate");
  // Warm up once (imports every module, builds the message catalogue), so the first
  // real answer is as quick as the rest. The answers here are made up, not anyone's.
  evaluate(JSON.stringify({}), JSON.stringify(null));
  return evaluate;
}

const engine = start();

engine.then(
  () => self.postMessage({ type: "ready" }),
  (error) => {
    // Details stay in this browser's console; the page shows its own calm message.
    console.error("selfcheck: the engine could not start", error);
    self.postMessage({ type: "failed" });
  },
);

self.addEventListener("message", async (event) => {
  const { id, type, form, settings } = event.data || {};
  if (type !== "evaluate") return;
  try {
    const evaluate = await engine;
    const reply = JSON.parse(evaluate(JSON.stringify(form ?? {}), JSON.stringify(settings ?? null)));
    self.postMessage({ id, ...reply });
  } catch (error) {
    console.error("selfcheck: evaluation failed", error);
    self.postMessage({ id, ok: false, fatal: true });
  }
});
