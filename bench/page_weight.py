"""Page weight: bytes over the wire for the home page, every article and the self-check
(with its Pyodide engine), as Debian's nginx serves them with the production config
(deploy/nginx/: gzip) to Chromium with an empty cache.

    .venv/bin/python bench/page_weight.py [--site site/] [--json]

Needs a built site (`make build`), /usr/sbin/nginx and /usr/bin/chromium. Prints a table;
the target is every article under 150 KB compressed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, NginxServer  # noqa: E402

ARTICLE_LIMIT = 150 * 1024
KINDS = (("wasm", (".wasm",)), ("python", (".zip", ".whl")), ("script", (".js", ".mjs")),
         ("style", (".css",)), ("data", (".json",)), ("html", ("/", ".html")))


def kind_of(url: str) -> str:
    path = url.split("?")[0]
    for kind, endings in KINDS:
        if path.endswith(endings):
            return kind
    return "other"


def measure(browser, url: str, wait_engine: bool) -> dict:
    """Load ``url`` with an empty cache; sum every response's transferred bytes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="load")
    at_load = list(responses)
    if wait_engine:  # poll: wait_for_function is blocked by the site's CSP
        deadline = time.monotonic() + 120
        while page.evaluate("() => document.getElementById('selfcheck').dataset.engine") == "loading":
            if time.monotonic() > deadline:
                raise SystemExit(f"the self-check engine did not start at {url}")
            time.sleep(0.2)
    page.wait_for_load_state("networkidle")
    engine = page.evaluate("() => document.getElementById('selfcheck')?.dataset.engine || null")
    by_kind = defaultdict(int)
    total = 0
    for request in responses:
        sizes = request.sizes()
        wire = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        by_kind[kind_of(request.url)] += wire
        total += wire
    loaded = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in at_load)
    context.close()
    return {"url": url, "requests": len(responses), "bytes": total, "by_kind": dict(by_kind), "engine": engine,
            "requests_at_load": len(at_load), "bytes_at_load": loaded}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"No built site at {site}: run `make build` first")
    articles = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "learn").glob("*/index.html"))
    pages = [("Home", "", False)] + [(f"Article: {a.split('/')[1]}", a, False) for a in articles]
    pages.append(("Self-check + Pyodide engine (ready)", "self-check/", True))

    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory(prefix="page-weight-") as tmp, NginxServer(site, Path(tmp)) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, path, engine in pages:
            row = measure(browser, server.url + path, engine)
            row["label"] = label
            row["article"] = path.startswith("learn/")
            rows.append(row)
        browser.close()

    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'Page':38} {'requests':>8} {'KB over the wire (gzip)':>24}  breakdown (KB)")
        for row in rows:
            breakdown = ", ".join(f"{k} {v / 1024:.0f}" for k, v in sorted(row["by_kind"].items(), key=lambda kv: -kv[1]))
            print(f"{row['label']:38} {row['requests']:>8} {row['bytes'] / 1024:>24.1f}  {breakdown}")
            if row["engine"]:
                print(f"{'  of which by the load event':38} {row['requests_at_load']:>8} {row['bytes_at_load'] / 1024:>24.1f}")
    heaviest = max((r for r in rows if r["article"]), key=lambda r: r["bytes"])
    ok = heaviest["bytes"] < ARTICLE_LIMIT
    print(f"\nHeaviest article: {heaviest['label']} {heaviest['bytes'] / 1024:.1f} KB "
          f"({'under' if ok else 'OVER'} the {ARTICLE_LIMIT // 1024} KB target)")
    engine_row = rows[-1]
    if engine_row["engine"] != "ready":
        print(f"Note: the self-check engine ended as {engine_row['engine']!r}, not 'ready'")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
