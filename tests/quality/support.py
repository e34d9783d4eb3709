"""Helpers for the quality checks: which pages exist, axe-core, and a recorder that notes
every request, console message, CSP violation and storage write in a browser context.

Everything runs in a normal (CSP-enforcing) context: axe-core is injected with
``page.evaluate``, which the DevTools protocol runs outside the page's CSP, so the pages are
checked exactly as visitors get them from nginx. Waits poll with ``evaluate`` because
Playwright's ``wait_for_function`` is blocked by a strict CSP.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

from ..conftest import ROOT

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    # WCAG 2.2 SC 2.5.8 Target Size (Minimum): off by default in axe-core.
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}

# Runs before any page script in every frame of the context (not subject to the page's CSP).
# Notes CSP violations and every write to cookies, web storage and IndexedDB, so a test can
# show what was written even if it was removed again.
RECORDER_JS = r"""
(() => {
  const log = (window.__quality = { violations: [], writes: [] });
  document.addEventListener("securitypolicyviolation", (e) => {
    log.violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample });
  });
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    log.writes.push({ where: this === window.localStorage ? "localStorage" : "sessionStorage", key: String(key), value: String(value) });
    return setItem.call(this, key, value);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  Object.defineProperty(Document.prototype, "cookie", {
    configurable: true,
    get() { return cookie.get.call(this); },
    set(value) { log.writes.push({ where: "cookie", key: "", value: String(value) }); return cookie.set.call(this, value); },
  });
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name, version) {
    log.writes.push({ where: "indexedDB", key: String(name), value: "" });
    return open.apply(this, arguments);
  };
})();
"""

# What a page holds once a visitor has used it. Run in the page; also lists IndexedDB
# databases and caches created by workers, which the recorder cannot see.
STORAGE_SNAPSHOT_JS = """async () => ({
  url: location.href,
  cookie: document.cookie,
  localStorage: Object.fromEntries(Object.entries(localStorage)),
  sessionStorage: Object.fromEntries(Object.entries(sessionStorage)),
  indexedDB: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
  caches: self.caches ? await caches.keys() : [],
  serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
  history: history.length,
})"""


def built_pages(site_dir: Path) -> list[str]:
    """Every page of the built site, as a path below the site's base URL ('' is home)."""
    pages = []
    for index in sorted(Path(site_dir).rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return sorted(pages)


def source_pages() -> list[str]:
    """The same list, from the sources (docs/*.md, plus the generated rules page, and each
    translation's pages in its folder: docs-es/ built into es/), so tests can be
    parametrised per page before the site is built. A test checks the two agree."""
    from sitebuild import languages, stage

    main = stage.load_config(ROOT / "mkdocs.yml")
    pages = set()
    for language in languages.site_languages(main):
        pages |= {language.root + languages.page_path(src) for src in language.pages}
    return sorted(pages)


def not_found_pages() -> list[str]:
    """Each language's "page not found" page (404.html, es/404.html)."""
    from sitebuild import languages, stage

    return [language.root + "404.html" for language in languages.site_languages(stage.load_config(ROOT / "mkdocs.yml"))]


def settle(page) -> None:
    """Wait until no CSS transition or animation runs (a resize starts Material's colour
    transitions; axe would measure contrast halfway through them)."""
    poll(page, "() => document.getAnimations().filter(a => a.playState === 'running').length", lambda n: n == 0, timeout=5, interval=0.05)


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now, in a compact form."""
    settle(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text())
    return page.evaluate(
        """options => axe.run(document, options).then(r => r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({ target: n.target.join(" "), html: n.html.slice(0, 160), summary: n.failureSummary })),
        })))""",
        AXE_OPTIONS,
    )


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:10]:
            lines.append(f"    {node['target']}  {node['html']}")
            lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


def poll(page, expression: str, until, timeout: float = 60.0, interval: float = 0.1):
    """Evaluate ``expression`` until ``until(value)`` holds; return the last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if until(value) or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def engine_state(page, timeout: float = 60.0) -> str:
    """``data-engine`` on form#selfcheck once it has left "loading" (or still "loading")."""
    return poll(page, "() => document.getElementById('selfcheck')?.dataset.engine", lambda v: v not in (None, "loading"), timeout)


class Recorder:
    """Collects every request, console message and page error of a browser context."""

    def __init__(self, context):
        self.requests: list[dict] = []
        self.console: list[dict] = []
        self.errors: list[str] = []
        context.add_init_script(RECORDER_JS)
        context.on("request", self._on_request)
        context.on("page", self._watch)
        for page in context.pages:
            self._watch(page)

    def _on_request(self, request):
        self.requests.append({
            "url": request.url, "method": request.method, "post_data": request.post_data,
            "page": request.frame.url if _has_frame(request) else "(worker)",
        })

    def _watch(self, page):
        page.on("console", lambda m: self.console.append({"type": m.type, "text": m.text, "page": page.url}))
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))

    def problems(self) -> list[str]:
        """Console errors, and any message about a blocked resource or policy, from pages
        and their workers (a worker's CSP violation reaches only its console)."""
        out = [f"page error: {e}" for e in self.errors]
        for m in self.console:
            text = m["text"]
            if m["type"] == "error" or any(s in text for s in ("Content Security Policy", "Refused to", "Permissions-Policy", "CompileError")):
                out.append(f"console {m['type']} on {m['page']}: {text[:300]}")
        return out


def _has_frame(request) -> bool:
    try:
        request.frame
        return True
    except Exception:  # requests from workers have no frame
        return False


def same_origin(url: str, base: str) -> bool:
    a, b = urlsplit(url), urlsplit(base)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)
