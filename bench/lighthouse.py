"""Lighthouse scores (performance, accessibility, best practices, SEO) for the home page, an
article and the self-check, served by Debian's nginx with the production config.

    npm ci --prefix bench                 # once: Lighthouse is a bench-only tool
    .venv/bin/python bench/lighthouse.py [--site site/] [--runs 1] [--json]

Lighthouse's defaults: mobile form factor, simulated slow-4G throttling. Chromium is Debian's
(/usr/bin/chromium, CHROME_PATH) with --headless --no-sandbox --disable-gpu. The target is
every score at least 95; scores vary a little between runs on a busy 2-core machine, so
--runs N keeps each page's median.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, NginxServer  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = (("Home", ""), ("Article: how ketamine works", "learn/how-ketamine-works/"), ("Self-check", "self-check/"))
TARGET = 95


def run_lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    cmd = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
    ]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not out.is_file():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    report = json.loads(out.read_text())
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing = {
        c: [a["id"] for a in report["categories"][c]["auditRefs"]
            if a.get("weight") and (report["audits"][a["id"]].get("score") is not None)
            and report["audits"][a["id"]]["score"] < 0.9]
        for c in CATEGORIES
    }
    metrics = {k: report["audits"][k].get("displayValue", "") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")}
    return {"scores": scores, "below_90": failing, "metrics": metrics}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"No built site at {site}: run `make build` first")
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci --prefix bench` (make bench does)")

    rows = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp, NginxServer(site, Path(tmp) / "nginx") as server:
        for label, path in PAGES:
            runs = [run_lighthouse(server.url + path, Path(tmp) / f"report-{len(rows)}-{i}.json") for i in range(args.runs)]
            scores = {c: int(statistics.median(r["scores"][c] for r in runs)) for c in CATEGORIES}
            rows.append({"label": label, "url": server.url + path, "scores": scores,
                         "below_90": runs[-1]["below_90"], "metrics": runs[-1]["metrics"]})

    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(f"{'Page':32} " + " ".join(f"{c:>15}" for c in CATEGORIES))
        for row in rows:
            print(f"{row['label']:32} " + " ".join(f"{row['scores'][c]:>15}" for c in CATEGORIES))
        print()
        for row in rows:
            m = row["metrics"]
            print(f"{row['label']:32} FCP {m['first-contentful-paint']}, LCP {m['largest-contentful-paint']}, "
                  f"TBT {m['total-blocking-time']}, CLS {m['cumulative-layout-shift']}")
            weak = {c: ids for c, ids in row["below_90"].items() if ids}
            if weak:
                print(f"{'':32} audits below 0.9: {weak}")
    ok = all(s >= TARGET for row in rows for s in row["scores"].values())
    print(f"\nEvery score at least {TARGET}: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
