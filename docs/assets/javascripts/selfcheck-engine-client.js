// The page's side of the engine: starts the module worker (selfcheck-worker.js), hands it
// the settings once, and turns its messages into a state and answers to requests.
//
// States: "loading" until the worker says it can evaluate, however long that takes (a slow
// connection is not a failure); "ready"; "failed" only for a real failure, detected as
// such: no WebAssembly or no module workers in this browser, WebAssembly blocked by a
// Content-Security-Policy, the worker script not loading, or the worker reporting that
// Pyodide or the engine did not start. `failure` says which: "blocked" (this browser or
// its settings cannot run the engine) or "load" (a file did not load, or the engine did
// not start).

const EVALUATE_TIMEOUT_MS = 10000; // once ready, an evaluation takes milliseconds

export function startEngine({ workerUrl, settings, onChange }) {
  let state = "loading";
  let failure = null;
  let worker = null;
  let nextId = 1;
  const pending = new Map(); // request id -> {resolve, timer}

  function change(next, reason = null) {
    if (state !== "loading") return; // ready and failed are final
    state = next;
    failure = reason;
    if (next === "failed") {
      if (worker) worker.terminate();
      worker = null;
      // A request still waiting will never be answered.
      for (const [id, request] of pending) {
        clearTimeout(request.timer);
        request.resolve({ id, ok: false, fatal: true });
      }
      pending.clear();
    }
    onChange(state, failure);
  }

  function onMessage(event) {
    const message = event.data || {};
    if (message.type === "ready") {
      change("ready");
    } else if (message.type === "failed") {
      change("failed", message.reason === "blocked" ? "blocked" : "load");
    } else if (pending.has(message.id)) {
      const request = pending.get(message.id);
      pending.delete(message.id);
      clearTimeout(request.timer);
      request.resolve(message);
    }
  }

  // After the caller has its handle, so every change reaches onChange.
  queueMicrotask(() => {
    if (!webAssemblyWorks() || typeof Worker !== "function") {
      change("failed", "blocked");
      return;
    }
    try {
      worker = new Worker(workerUrl, { type: "module" });
    } catch (error) {
      change("failed", "load");
      return;
    }
    worker.addEventListener("message", onMessage);
    // The worker script did not load (a 404, a network error, a CSP block) or threw.
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      change("failed", "load");
    });
    worker.addEventListener("messageerror", () => change("failed", "load"));
    worker.postMessage({ type: "setup", settings });
  });

  // {ok: true, result} | {ok: false, errors, more} | {ok: false, fatal: true}; never rejects.
  function evaluate(form, today) {
    return new Promise((resolve) => {
      if (state !== "ready" || !worker) {
        resolve({ ok: false, fatal: true });
        return;
      }
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ id, ok: false, fatal: true });
      }, EVALUATE_TIMEOUT_MS);
      pending.set(id, { resolve, timer });
      try {
        worker.postMessage({ id, type: "evaluate", form, today });
      } catch (error) {
        clearTimeout(timer);
        pending.delete(id);
        resolve({ id, ok: false, fatal: true });
      }
    });
  }

  return {
    get state() {
      return state;
    },
    get failure() {
      return failure;
    },
    evaluate,
  };
}

// Compiling (not just validating) the smallest module: a Content-Security-Policy without
// 'wasm-unsafe-eval' lets validate() pass but makes compiling throw, and Pyodide would
// then wait forever. This way such a page shows its failure state at once.
function webAssemblyWorks() {
  try {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.Module !== "function") return false;
    // The magic number and version 1: the smallest valid module.
    return new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])) instanceof WebAssembly.Module;
  } catch (error) {
    return false;
  }
}
