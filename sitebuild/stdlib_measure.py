"""Measure which standard-library modules the self-check really imports, in the browser.

    .venv/bin/python -m sitebuild.stdlib_measure          # rewrites sitebuild/data/stdlib-modules.txt

Pyodide runs Python 3.14 in the browser (the host has another Python, with another standard
library), so the set is measured there: the pinned npm Pyodide with its FULL
python_stdlib.zip starts in a module Web Worker exactly as the site's worker starts it (same
options, the same lockfile with the self-check wheel, the same calls: selfcheck.browser's
``setup`` and ``evaluate``, JSON text in and out), and then runs everything the engine can be
asked to do:

* every vignette (tests/engine/vignettes.toml), as answers and as raw form values, with a
  date to print;
* bad answers of every kind (missing, unknown, wrong type, out of range), bad settings,
  malformed JSON (which selfcheck.browser answers as "fatal", with its traceback on
  standard error);
* every country's crisis lines, clinic settings, the questionnaire and the rules in words
  (what the page's print summary and the rules page show), in every available language.

Then it records every module in ``sys.modules`` that was loaded from the standard-library
zip. The build (sitebuild/stdlib_trim.py) writes a zip of exactly those modules, and stops
when the engine imports a module that the list lacks; re-run this after upgrading Pyodide or
when the build says so. Needs /usr/bin/chromium and Playwright (the test tools).
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import sys
import tempfile
import threading
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sitebuild import pyodide_assets  # noqa: E402
from sitebuild.stdlib_trim import DATA_FILE, format_module_list, module_files  # noqa: E402

VIGNETTES = ROOT / "tests" / "engine" / "vignettes.toml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]

PAGE = """<!doctype html><meta charset="utf-8"><title>stdlib measure</title>
<script type="module">
const worker = new Worker("measure-worker.mjs", {type: "module"});
worker.onmessage = (e) => { document.body.dataset.result = JSON.stringify(e.data); };
worker.onerror = (e) => { document.body.dataset.result = JSON.stringify({error: `${e.message} (${e.filename}:${e.lineno})`}); };
</script><body></body>"""

# The worker: the site's start-up, then every kind of request, then sys.modules. Python's
# standard error is kept: a module missing from the zip shows there (selfcheck.browser turns
# every exception into a "fatal" reply and a traceback on standard error).
WORKER = """
import { loadPyodide } from "./pyodide/pyodide.mjs";
const BASE = new URL("./pyodide/", import.meta.url);
const CASES = __CASES__;
const stderr = [];
try {
  const pyodide = await loadPyodide({
    indexURL: BASE.href,
    stdLibURL: new URL(__STDLIB__, BASE).href,
    lockFileURL: new URL("pyodide-lock.json", BASE).href,
    packages: ["selfcheck"],
    stdout: () => {}, stderr: (line) => stderr.push(line),
  });
  const browser = pyodide.pyimport("selfcheck.browser");
  const replies = {ok: 0, errors: 0, fatal: 0, setupFailed: 0};
  for (const [form, settings, today] of CASES.forms) {
    if (JSON.parse(browser.setup(settings)).type !== "ready") replies.setupFailed++;
    const reply = JSON.parse(browser.evaluate(form, today));
    if (reply.ok) replies.ok++;
    else if (reply.fatal) replies.fatal++;
    else replies.errors++;
  }
  pyodide.globals.set("CASES_JSON", JSON.stringify(CASES.python));
  pyodide.runPython(`
import json, sys
import selfcheck
_cases = json.loads(CASES_JSON)
for _answers in _cases["answers"]:
    try:
        selfcheck.evaluate(_answers)
    except selfcheck.AnswersError as _error:
        str(_error)
        [_p.as_dict() for _p in _error.problems]
for _lang in _cases["langs"]:
    selfcheck.questions(_lang)
    selfcheck.describe(_lang)
    for _country in _cases["countries"]:
        selfcheck.lines_for(_country, _lang)
`);
  const modules = pyodide.runPython(`
import sys
_zip = sys.path[[p.endswith(".zip") for p in sys.path].index(True)]
json.dumps({"version": list(sys.version_info[:3]), "zip": _zip, "files": sorted({
    module.__file__[len(_zip) + 1:] for module in list(sys.modules.values())
    if (getattr(module, "__file__", None) or "").startswith(_zip + "/")})})
`);
  self.postMessage({replies: {...replies, stderr}, ...JSON.parse(modules)});
} catch (error) {
  self.postMessage({error: String(error), stderr});
}
"""

# The date the requests print (any fixed date: nothing here depends on today's).
TODAY = "2026-12-06"


def host_reply(form: str, settings: str, today: str | None) -> str:
    """What selfcheck.browser answers on this machine's CPython: "ok", "errors" or "fatal"
    (for comparing with the browser's replies)."""
    from selfcheck import browser

    browser.setup(settings)
    reply = json.loads(browser.evaluate(form, today))
    return "ok" if reply["ok"] else "fatal" if reply.get("fatal") else "errors"


def form_values(answers: dict) -> dict:
    """An answers object as the page's form posts it: one field per screener item
    ("phq9-1": "2"), single answers as strings, check boxes as lists of values. Also used by
    bench/selfcheck_engine.py to fill in and post the form."""
    values: dict = {}
    for key in ("phq9", "gad7"):
        for i, v in enumerate(answers.get(key) or []):
            values[f"{key}-{i + 1}"] = str(v)
    for key in ("age_group", "safety_now", "antidepressant_trials", "psychotherapy"):
        if key in answers:
            values[key] = str(answers[key])
    for key in ("diagnoses", "medical"):
        if key in answers:
            values[key] = list(answers[key])
    return values


def cases() -> dict:
    import selfcheck
    from selfcheck import text

    vignettes = [v["answers"] for v in tomllib.loads(VIGNETTES.read_text(encoding="utf-8"))["vignette"]]
    good = vignettes[0]
    bad_answers = [
        [], "text", None, {}, {"unknown": 1}, {**good, "phq9": [9] * 9}, {**good, "phq9": "x"},
        {**good, "phq9": [0] * 8}, {**good, "gad7": [1, "a"]}, {**good, "antidepressant_trials": -1},
        {**good, "medical": ["none", "heart-disease"]}, {**good, "medical": "x"}, {**good, "diagnoses": [1]},
        {**good, "safety_now": "perhaps"}, {**good, "phq9": [1] * 9, "safety_now": None}, {1: 2},
    ]
    bad_forms = [{}, {"phq9-1": "7"}, {"phq9-1": ["1", "2"]}, {"medical": "x"}, {"nonsense": "1"},
                 {**form_values(good), "antidepressant_trials": "many"}]
    countries = ["US", "GB", "CA", "AU"]
    settings = [None, *({"country": c} for c in countries),
                {"country": "GB", "clinic": {"name": "Example Clinic", "phone": "+1 555 010 0000",
                                             "booking_url": "https://example.org/book"}},
                {"lang": "xx"}, {"country": "ZZ"}, {"unknown": 1}, "text", {"clinic": 5}]
    # [form JSON, settings JSON, today]: as the worker calls setup(settings), then evaluate.
    forms = [[json.dumps(form_values(a)), json.dumps(None), TODAY] for a in vignettes]
    forms += [[json.dumps(f), json.dumps(None), None] for f in bad_forms]
    forms += [[json.dumps(form_values(good)), json.dumps(s), TODAY] for s in settings]
    forms += [["{", "null", None], ["[]", "null", None], ["null", "null", None], ["{}", "{", None]]
    del selfcheck
    return {"forms": forms,
            "python": {"answers": vignettes + bad_answers, "langs": list(text.available_languages()),
                       "countries": countries}}


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def _run_page(browser, url: str) -> dict:
    page = browser.new_page()
    try:
        page.goto(url)
        page.wait_for_selector("body[data-result]", state="attached", timeout=180_000)
        return json.loads(page.locator("body").get_attribute("data-result"))
    finally:
        page.close()


def measure(stdlib: Path | None = None, browser=None) -> dict:
    """Run everything in the browser on ``stdlib`` (default: Pyodide's full library).

    ``browser``: a Playwright Chromium already running (the tests pass theirs: one process
    cannot run two sync Playwrights); without it, one is started here."""
    from playwright.sync_api import sync_playwright

    npm = ROOT / "node_modules" / "pyodide"
    with tempfile.TemporaryDirectory(prefix="stdlib-measure-") as tmp:
        site = Path(tmp)
        runtime = site / "pyodide"
        pyodide_assets.copy_runtime(npm, runtime)
        stdlib = stdlib or npm / pyodide_assets.FULL_STDLIB
        shutil.copyfile(stdlib, runtime / stdlib.name)
        wheel = pyodide_assets.build_wheel(ROOT, runtime)
        pyodide_assets.write_lockfile(npm / "pyodide-lock.json", [wheel], runtime / "pyodide-lock.json")
        (site / "index.html").write_text(PAGE, encoding="utf-8")
        worker = WORKER.replace("__CASES__", json.dumps(cases())).replace("__STDLIB__", json.dumps(stdlib.name))
        (site / "measure-worker.mjs").write_text(worker, encoding="utf-8")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=tmp))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        try:
            if browser is not None:
                result = _run_page(browser, url)
            else:
                with sync_playwright() as p:
                    own = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    result = _run_page(own, url)
                    own.close()
        finally:
            server.shutdown()
    if "error" in result:
        raise RuntimeError(f"the measurement failed in the browser: {result['error']}")
    result["pyodide"] = pyodide_assets.pyodide_version(npm)
    return result


def main() -> None:
    try:
        result = measure()
    except RuntimeError as error:
        raise SystemExit(str(error)) from None
    replies = result["replies"]
    if not (replies["ok"] and replies["errors"] and replies["fatal"]) or any(
        "ModuleNotFoundError" in line for line in replies["stderr"]
    ):
        raise SystemExit(f"expected good, bad and failing requests to all happen, got {replies}")
    # Module names from the files they were loaded from (os.path is posixpath, and so on).
    by_file = {path: name for name, path in module_files(set(result["files"])).items()}
    unknown = sorted(set(result["files"]) - set(by_file))
    if unknown:
        raise SystemExit(f"loaded from the zip but not modules: {unknown}")
    modules = sorted(by_file.values())
    DATA_FILE.write_text(format_module_list(result["pyodide"], result["version"], modules), encoding="utf-8")
    print(f"{len(modules)} modules from {result['zip']} (Python {'.'.join(map(str, result['version']))}, "
          f"Pyodide {result['pyodide']}; requests: {({k: v for k, v in replies.items() if k != 'stderr'})}) "
          f"written to {DATA_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
