"""Benchmark: the self-check's engine on the built site, against stock Pyodide.

Run from the repository root:  .venv/bin/python bench/selfcheck_engine.py [--runs 3] [--submits 15]
[--site DIR] [--early-press-only]

Two pages, served together on loopback (Debian nginx with the production config from
deploy/nginx/ when it is installed, else Python's http.server), driven by Playwright in
/usr/bin/chromium:

* the self-check page as built: Pyodide in a module Web Worker, the site's trimmed
  lockfile listing only the `selfcheck` wheel, prefetched while the runtime boots;
* a stock page generated into the same temporary site: the same npm runtime
  (node_modules/pyodide) with its FULL npm lockfile, `loadPyodide()` with its default
  options on the MAIN thread, then `loadPackage(<url of the same wheel>)`.

Figures (medians over --runs fresh browser contexts):
* engine ready, cold: from navigation start to "can evaluate" (fresh context, empty cache),
  on loopback and on two throttled connections (DevTools Network.emulateNetworkConditions
  on the page's session, which throttles its worker too): 9 Mbps / 60 ms RTT and
  1.6 Mbps / 150 ms RTT (Lighthouse's mobile profile);
* bytes over the wire until ready (every response's headers and encoded body, the
  worker's included, as the browser received them);
* wait at submit: how long a person who presses "submit" 30 s after the page opens waits
  for the result (engine ready after 30 s, then submit to result);
* wait after an early press: a person fills in the form and presses "See my result" 5 s
  after the page opened, while the engine is still loading (the page keeps the press and
  shows the result by itself when the engine is ready): from the press to the result on
  screen, measured in the page, on each throttled connection and on 0.4 Mbps / 400 ms
  (the self-check page only: the stock page has no button until it is ready);
* engine ready, warm: a second visit, 5 s after the first was ready, in a browser with
  an ordinary on-disk profile (HTTP cache and Chromium's cache of compiled WebAssembly,
  which it writes a few seconds after a module is compiled; Playwright's default
  in-memory contexts keep no compiled code for the worker, so they would understate it);
* submit to result: from the submit event to the next frame after the result is in the
  page (median of --submits submissions; the stock page evaluates on its main thread);
* main-thread long tasks (>50 ms, PerformanceObserver "longtask") during load, start-up
  and the submissions: their sum, and the total blocking time (sum of each task's
  time over 50 ms).

It prints a table and issue 11's targets (bytes to ready at most 4.2 MB; ready at most
0.7x stock and under 30 s at 1.6 Mbps, 0.8x at 9 Mbps, 1.0x on loopback; result within
150 ms of submit; at most 50 ms of main-thread blocking). It asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild.stdlib_measure import form_values  # noqa: E402  (answers as a form posts them)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
SUBPATH = "/clinic/"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
STOCK_RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
READY_TIMEOUT_MS = 180_000
# (label, download bits/s, upload bits/s, round trip ms); None: loopback, unthrottled.
PROFILES = [
    ("local, no throttling", None),
    ("9 Mbps, 60 ms RTT", (9e6, 1.5e6, 60)),
    ("1.6 Mbps, 150 ms RTT", (1.6e6, 750e3, 150)),
]
# A very slow connection, for the early press only.
SLOWEST = ("0.4 Mbps, 400 ms RTT", (0.4e6, 0.4e6, 400))
SUBMIT_AT_MS = 30_000
EARLY_PRESS_AT_MS = 5_000
# The answers pressed early: item 9 above 0, so the result is a crisis card.
EARLY_ANSWERS = {"phq9": [2, 2, 2, 2, 1, 1, 1, 1, 1], "safety_now": "no", "antidepressant_trials": 3, "medical": ["none"]}

# Answers for the submissions: made up, one per tier, cycled.
ANSWER_SETS = [
    {"phq9": [2, 2, 2, 2, 1, 1, 1, 1, 0], "antidepressant_trials": 3, "medical": ["none"]},
    {"phq9": [3, 3, 2, 2, 1, 1, 1, 1, 1], "safety_now": "no", "antidepressant_trials": 2, "medical": ["heart-disease"]},
    {"phq9": [1, 1, 1, 0, 0, 0, 0, 0, 0], "antidepressant_trials": 0, "medical": ["none"]},
    {"phq9": [2, 2, 2, 2, 2, 1, 1, 1, 0], "gad7": [2, 2, 1, 1, 1, 1, 1], "antidepressant_trials": 1, "medical": ["none"]},
    {"phq9": [3, 3, 3, 3, 1, 0, 0, 0, 2], "safety_now": "yes", "antidepressant_trials": 0, "medical": ["none"]},
]

# Injected before any page script (DevTools protocol, so a strict CSP does not block it):
# long tasks, the submit event, and when the result / ready state appears.
PROBE = """
(() => {
  const bench = window.__bench = {longTasks: [], submits: [], results: [], ready: null};
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push(e.duration);
    }).observe({type: "longtask", buffered: true});
  } catch (e) { bench.noLongTaskApi = true; }
  document.addEventListener("submit", () => bench.submits.push(performance.now()), true);
  const watch = () => new MutationObserver((records) => {
    for (const r of records) {
      const t = r.target;
      if (r.attributeName === "data-engine" && t.dataset.engine === "ready" && bench.ready === null) bench.ready = performance.now();
      if (r.attributeName === "data-ready" && t.dataset.ready === "true" && bench.ready === null) bench.ready = performance.now();
      if (r.attributeName === "data-tier" && t.dataset.tier) {
        requestAnimationFrame(() => bench.results.push(performance.now()));
      }
    }
  }).observe(document.documentElement, {subtree: true, attributes: true,
                                        attributeFilter: ["data-engine", "data-ready", "data-tier"]});
  if (document.documentElement) watch(); else document.addEventListener("DOMContentLoaded", watch);
})();
"""

STOCK_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stock Pyodide (main thread)</title></head>
<body>
<p id="state">loading</p>
<form id="stock"><button type="submit" id="go">Evaluate</button></form>
<pre id="out" data-tier=""></pre>
<script type="module" src="stock.js"></script>
</body></html>
"""

# Stock usage: loadPyodide() with default options (indexURL = beside pyodide.mjs, the full
# npm lockfile), then the same wheel by URL, all on the main thread.
STOCK_JS = """
import { loadPyodide } from "./assets/pyodide/VERSION/pyodide.mjs";
const pyodide = await loadPyodide();
await pyodide.loadPackage(new URL("WHEEL", location.href).href);
const evaluate = pyodide.runPython(`
import json, selfcheck
def _evaluate(form_json):
    try:
        return json.dumps({"ok": True, "result": selfcheck.evaluate_form(json.loads(form_json))})
    except selfcheck.AnswersError as e:
        return json.dumps({"ok": False})
_evaluate
`);
evaluate(JSON.stringify({}));
document.body.dataset.ready = "true";
document.getElementById("state").textContent = "ready";
let n = 0;
const forms = FORMS;
document.getElementById("stock").addEventListener("submit", (event) => {
  event.preventDefault();
  const reply = JSON.parse(evaluate(JSON.stringify(forms[n++ % forms.length])));
  const out = document.getElementById("out");
  out.textContent = reply.result.headline;
  out.dataset.tier = reply.result.tier;
});
"""


def build_site(dest: Path) -> None:
    from tests.conftest import build_site as build  # the same build as `make build` and the tests

    result = build(dest)
    if result.returncode != 0:
        sys.exit(f"the site build failed:\n{result.stdout}\n{result.stderr}")


def add_stock_page(site: Path) -> str:
    stock = site / "bench-stock"
    # The same versioned folder as the site's, so nginx caches both alike.
    version = json.loads((NPM_PYODIDE / "package.json").read_text())["version"]
    runtime = stock / "assets" / "pyodide" / version
    runtime.mkdir(parents=True)
    for name in STOCK_RUNTIME:
        shutil.copyfile(NPM_PYODIDE / name, runtime / name)
    wheel = next((site / "assets" / "pyodide").glob("*/selfcheck-*.whl"))
    shutil.copyfile(wheel, stock / wheel.name)
    (stock / "index.html").write_text(STOCK_HTML, encoding="utf-8")
    forms = json.dumps([form_values(a) for a in ANSWER_SETS])
    (stock / "stock.js").write_text(STOCK_JS.replace("WHEEL", wheel.name).replace("VERSION", version).replace("FORMS", forms), encoding="utf-8")
    packages = len(json.loads((runtime / "pyodide-lock.json").read_text())["packages"])
    return f"{packages} packages in the stock lockfile"


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
    }

    def translate_path(self, path):
        return super().translate_path("/" + path[len(SUBPATH):]) if path.startswith(SUBPATH) else "/nonexistent"

    def log_message(self, *args):
        pass


class Server:
    """nginx with the production config when available (as the tests use), else http.server."""

    def __init__(self, site: Path, workdir: Path):
        self.site, self.workdir = site, workdir
        self.kind = None

    def __enter__(self):
        if Path("/usr/sbin/nginx").exists():
            from tests.conftest import NginxServer  # the tests' own wrapper around deploy/nginx

            self._nginx = NginxServer(self.site, self.workdir).start()
            self.url, self.kind = self._nginx.url, "nginx (deploy/nginx config)"
        else:
            handler = functools.partial(_Handler, directory=str(self.site))
            self._http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=self._http.serve_forever, daemon=True).start()
            self.url, self.kind = f"http://127.0.0.1:{self._http.server_address[1]}{SUBPATH}", "http.server"
        return self

    def __exit__(self, *exc):
        if hasattr(self, "_nginx"):
            self._nginx.stop()
        else:
            self._http.shutdown()


# ---------------------------------------------------------------------------------


def _wait_ready(page) -> float:
    # Polled: wait_for_function is blocked by the site's strict CSP.
    deadline = READY_TIMEOUT_MS
    waited = 0
    while waited < deadline:
        ready = page.evaluate("window.__bench && window.__bench.ready")
        if ready is not None:
            return ready
        page.wait_for_timeout(20)
        waited += 20
    raise RuntimeError("the engine never became ready")


def _fill_selfcheck(page, answers: dict) -> None:
    for name, value in form_values(answers).items():
        for v in value if isinstance(value, list) else [value]:
            page.locator(f'label[for="{name}--{v}"]').click()


def _submit_times(page, kind: str, submits: int) -> list[float]:
    latencies = []
    for n in range(submits):
        answers = ANSWER_SETS[n % len(ANSWER_SETS)]
        before = page.evaluate("window.__bench.results.length")
        if kind == "selfcheck":
            _fill_selfcheck(page, answers)
            page.locator("#selfcheck-submit").click()
        else:
            page.locator("#go").click()
        for _ in range(1000):
            if page.evaluate("window.__bench.results.length") > before:
                break
            page.wait_for_timeout(5)
        bench = page.evaluate("({s: window.__bench.submits.at(-1), r: window.__bench.results.at(-1)})")
        latencies.append(bench["r"] - bench["s"])
        if kind == "selfcheck":
            page.locator("#selfcheck-result [data-action='start-again']").click()
        else:
            page.evaluate("document.getElementById('out').removeAttribute('data-tier')")
    return latencies


def _open(browser, profile):
    """A fresh context and page, throttled (page and worker) when ``profile`` says so, that
    records every finished request."""
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    page.finished = []
    page.on("requestfinished", lambda request: page.finished.append(request))
    if profile is not None:
        down, up, rtt = profile
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": rtt, "downloadThroughput": down / 8, "uploadThroughput": up / 8,
        })
    return context, page


def _wire_bytes(page) -> int:
    total = 0
    for request in page.finished:
        sizes = request.sizes()
        # (a response from the cache, such as a preloaded file the worker asks for again,
        # can report a negative body size: it counts as nothing)
        total += max(0, sizes["responseBodySize"]) + max(0, sizes["responseHeadersSize"])
    return total


def measure_throttled(browser, url: str, runs: int, profile) -> dict:
    ready, wire = [], []
    for _ in range(runs):
        context, page = _open(browser, profile)
        page.goto(url, timeout=READY_TIMEOUT_MS)
        ready.append(_wait_ready(page))
        wire.append(_wire_bytes(page))
        context.close()
    return {"cold": statistics.median(ready), "bytes": statistics.median(wire)}


def measure_early_press(browser, url: str, runs: int, profile) -> dict:
    """Press "See my result" EARLY_PRESS_AT_MS after navigation (engine still loading):
    the wait from the press to the result on screen, and when the engine was ready. Also
    whether the page ever showed its failure box (it must not, for slowness alone)."""
    waits, ready, failures = [], [], 0
    for _ in range(runs):
        context, page = _open(browser, profile)
        page.goto(url, wait_until="commit", timeout=READY_TIMEOUT_MS)
        page.locator("#selfcheck-submit:not([disabled])").wait_for(timeout=READY_TIMEOUT_MS)
        _fill_selfcheck(page, EARLY_ANSWERS)
        now = page.evaluate("performance.now()")
        if now < EARLY_PRESS_AT_MS:
            page.wait_for_timeout(EARLY_PRESS_AT_MS - now)
        page.locator("#selfcheck-submit").click()
        for _ in range(READY_TIMEOUT_MS // 50):
            if page.evaluate("window.__bench.results.length") > 0:
                break
            page.wait_for_timeout(50)
        else:
            raise RuntimeError("no result after an early press")
        bench = page.evaluate("({s: window.__bench.submits[0], r: window.__bench.results[0], ready: window.__bench.ready})")
        waits.append(bench["r"] - bench["s"])
        ready.append(bench["ready"])
        failures += page.locator("#selfcheck-failed:not([hidden])").count()
        context.close()
    return {"wait": statistics.median(waits), "wait_max": max(waits), "ready": statistics.median(ready),
            "failures": failures, "runs": runs}


def _warm_visit(browser, url: str) -> float:
    """Ready time of a second visit in a fresh on-disk profile (see the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
        context = browser.browser_type.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(url)
        _wait_ready(page)
        page.wait_for_timeout(5000)
        page.goto("about:blank")
        page.goto(url)
        ready = _wait_ready(page)
        context.close()
    return ready


def measure(browser, url: str, kind: str, runs: int, submits: int) -> dict:
    cold, warm, latency, long_sum, tbt, wire = [], [], [], [], [], []
    for _ in range(runs):
        context, page = _open(browser, None)
        page.goto(url)
        cold.append(_wait_ready(page))
        wire.append(_wire_bytes(page))
        latency += _submit_times(page, kind, submits)
        tasks = page.evaluate("window.__bench.longTasks")
        long_sum.append(sum(tasks))
        tbt.append(sum(t - 50 for t in tasks))
        context.close()
        warm.append(_warm_visit(browser, url))
    return {
        "cold": statistics.median(cold), "warm": statistics.median(warm),
        "latency": statistics.median(latency), "latency_max": max(latency),
        "long": statistics.median(long_sum), "tbt": statistics.median(tbt), "bytes": statistics.median(wire),
    }


def baseline(browser, url: str, runs: int) -> dict:
    """Long tasks while an ordinary article loads: the theme's own share of the blocking."""
    long_sum, tbt = [], []
    for _ in range(runs):
        context = browser.new_context()
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1000)
        tasks = page.evaluate("window.__bench.longTasks")
        long_sum.append(sum(tasks))
        tbt.append(sum(t - 50 for t in tasks))
        context.close()
    return {"long": statistics.median(long_sum), "tbt": statistics.median(tbt)}


def print_early_press(early: list, runs: int) -> None:
    print(f"Early press: the form filled in and \"See my result\" pressed {EARLY_PRESS_AT_MS // 1000} s after the "
          "page opened, while the engine loads;\nthe wait is from the press to the result on screen (medians, "
          f"{runs} fresh contexts each).\n")
    print(f"| {'connection':22} | {'engine ready':>12} | {'wait after the press':>20} | {'slowest wait':>12} | "
          f"{'failure box shown':>17} |")
    print(f"|{'-' * 24}|{'-' * 13}:|{'-' * 21}:|{'-' * 13}:|{'-' * 18}:|")
    for label, e in early:
        print(f"| {label:22} | {e['ready'] / 1000:>10.1f} s | {e['wait'] / 1000:>18.1f} s | "
              f"{e['wait_max'] / 1000:>10.1f} s | {e['failures']:>8} of {e['runs']:<6} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh browser contexts per page (default 3)")
    parser.add_argument("--submits", type=int, default=15, help="submissions per context (default 15)")
    parser.add_argument("--site", type=Path, help="use this built site instead of building one")
    parser.add_argument("--throttled-runs", type=int, default=3, help="fresh contexts per throttled profile (default 3)")
    parser.add_argument("--early-press-only", action="store_true",
                        help="measure only the wait after an early press (a quicker rerun of that table)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="selfcheck-bench-") as tmp:
        site = Path(tmp) / "site"
        if args.site:  # an already built site (copied: the stock page is added to it)
            shutil.copytree(args.site, site, symlinks=True)
        else:
            build_site(site)
        note = add_stock_page(site)
        with Server(site, Path(tmp) / "server") as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if args.early_press_only:
                early = [(label, measure_early_press(browser, server.url + "self-check/", args.throttled_runs, profile))
                         for label, profile in [*PROFILES, SLOWEST]]
                print(f"Chromium {browser.version}, served by {server.kind}, {os.cpu_count()} CPUs.\n")
                print_early_press(early, args.throttled_runs)
                browser.close()
                return
            ours = measure(browser, server.url + "self-check/", "selfcheck", args.runs, args.submits)
            stock = measure(browser, server.url + "bench-stock/", "stock", args.runs, args.submits)
            article = baseline(browser, server.url + "learn/how-ketamine-works/", args.runs)
            throttled = []
            for label, profile in PROFILES[1:]:
                throttled.append((label, profile,
                                  measure_throttled(browser, server.url + "self-check/", args.throttled_runs, profile),
                                  measure_throttled(browser, server.url + "bench-stock/", args.throttled_runs, profile)))
            early = [(label, measure_early_press(browser, server.url + "self-check/", args.throttled_runs, profile))
                     for label, profile in [*PROFILES, SLOWEST]]
            version = browser.version
            browser.close()
        served_by = server.kind

    rows = [
        ("engine ready, cold", "cold"),
        ("engine ready, warm (second visit)", "warm"),
        ("submit to result (median)", "latency"),
        ("submit to result (slowest)", "latency_max"),
        ("main-thread long tasks, sum", "long"),
        ("total blocking time", "tbt"),
    ]
    print(f"Self-check engine benchmark: Chromium {version}, served by {served_by}, {os.cpu_count()} CPUs;")
    print(f"medians of {args.runs} fresh contexts, {args.submits} submissions each; stock: {note}.\n")
    print(f"| {'measure':33} | {'self-check (worker)':>19} | {'stock (main thread)':>19} | {'ratio':>6} |")
    print(f"|{'-' * 35}|{'-' * 21}:|{'-' * 21}:|{'-' * 7}:|")
    for label, key in rows:
        a, b = ours[key], stock[key]
        ratio = f"{a / b:.2f}" if b > 0.5 else "-"
        print(f"| {label:33} | {a:>16.0f} ms | {b:>16.0f} ms | {ratio:>6} |")
    print(f"| {'article page: long tasks, sum':33} | {article['long']:>16.0f} ms | {'':>19} | {'':>6} |")
    print(f"| {'article page: total blocking time':33} | {article['tbt']:>16.0f} ms | {'':>19} | {'':>6} |")
    print()
    print("Throttled connections (DevTools network emulation on the page, its worker included);")
    print(f"wait at submit: a person presses submit {SUBMIT_AT_MS // 1000} s after the page opens "
          "(time still to wait for the engine, plus submit to result).\n")
    print(f"| {'connection':22} | {'self-check ready':>16} | {'stock ready':>11} | {'ratio':>5} | "
          f"{'MB to ready (ours / stock)':>26} | {'wait at submit (ours / stock)':>29} |")
    print(f"|{'-' * 24}|{'-' * 17}:|{'-' * 12}:|{'-' * 6}:|{'-' * 27}:|{'-' * 30}:|")
    rows_out = [(PROFILES[0][0], None, ours, stock)] + throttled
    results = {}
    for label, profile, a, b in rows_out:
        wait_a = max(0.0, a["cold"] - SUBMIT_AT_MS) + ours["latency"]
        wait_b = max(0.0, b["cold"] - SUBMIT_AT_MS) + stock["latency"]
        results[label] = (a, b)
        print(f"| {label:22} | {a['cold'] / 1000:>14.1f} s | {b['cold'] / 1000:>9.1f} s | {a['cold'] / b['cold']:>5.2f} | "
              f"{a['bytes'] / 1e6:>12.2f} / {b['bytes'] / 1e6:>11.2f} | {wait_a / 1000:>13.2f} s / {wait_b / 1000:>11.2f} s |")
    print()
    print_early_press(early, args.throttled_runs)
    slow = results[PROFILES[2][0]]
    mid = results[PROFILES[1][0]]
    checks = [
        ("bytes to ready at most 4.2 MB", ours["bytes"] <= 4.2e6),
        ("ready no slower than stock, local (at most 1.0x)", ours["cold"] <= stock["cold"]),
        ("ready at 9 Mbps at most 0.8x stock", mid[0]["cold"] <= 0.8 * mid[1]["cold"]),
        ("ready at 1.6 Mbps at most 0.7x stock", slow[0]["cold"] <= 0.7 * slow[1]["cold"]),
        ("ready at 1.6 Mbps under 30 s", slow[0]["cold"] < 30_000),
        ("result within 150 ms of submit (median)", ours["latency"] <= 150),
        ("at most 50 ms of main-thread blocking (total blocking time)", ours["tbt"] <= 50),
        (
            "at most 50 ms of main-thread blocking beyond an article page's (the theme's share)",
            ours["tbt"] - article["tbt"] <= 50,
        ),
    ]
    for label, ok in checks:
        print(f"{'met    ' if ok else 'NOT met'}  {label}")


if __name__ == "__main__":
    main()
