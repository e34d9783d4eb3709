"""The strict Content-Security-Policy, as nginx sends it, in the browser: every page and the
whole self-check run with no violation and no console error; without 'wasm-unsafe-eval' the
self-check reaches its failure state instead of hanging."""

from __future__ import annotations

import pytest

from ..conftest import NGINX_HEADERS, NginxServer
from .support import DESKTOP, Recorder, engine_state

pytestmark = pytest.mark.browser


def test_no_page_reports_a_csp_violation(crawl):
    found = {path: entry["violations"] for path, entry in crawl["pages"].items() if entry["violations"]}
    found.update({"search": crawl["search"]["violations"]} if crawl["search"]["violations"] else {})
    assert not found, f"securitypolicyviolation events: {found}"


def test_no_page_logs_an_error_or_a_blocked_resource(crawl):
    assert not crawl["recorder"].problems()


def test_search_works_under_the_policy(crawl):
    """Material's search runs in a worker that fetches the index: worker-src, connect-src."""
    assert crawl["search"]["hits"] > 0


def test_self_check_works_under_the_policy(journey):
    assert journey["engine"] == "ready"
    assert journey["crisis_panel"]
    assert journey["result"]["tier"] and journey["result"]["crisis"] == "true"
    assert journey["engine_after"] == "ready"
    assert journey["violations"] == []
    assert journey["recorder"].problems() == []


def test_without_wasm_unsafe_eval_the_self_check_fails_visibly(browser, built_site, tmp_path):
    """A second nginx sends the same site with 'wasm-unsafe-eval' removed from the CSP: Pyodide
    cannot compile its WebAssembly, and the page must say so (data-engine="failed") rather
    than wait forever. It must notice the policy itself: the page has no start-up time limit
    (a slow connection is not a failure), so only its own test compile can show it."""
    include = (built_site / NGINX_HEADERS).read_text()
    assert include.count(" 'wasm-unsafe-eval'") == 1
    stricter = include.replace(" 'wasm-unsafe-eval'", "")
    with NginxServer(built_site, tmp_path, security_headers=stricter) as server:
        context = browser.new_context(viewport=DESKTOP)
        Recorder(context)  # installs the CSP-violation log the test reads below
        page = context.new_page()
        try:
            page.goto(server.url + "self-check/", wait_until="load")
            state = engine_state(page, timeout=10)
            failed_shown = page.evaluate("() => !document.getElementById('selfcheck-failed').hidden")
            violations = page.evaluate("() => window.__quality.violations")
            policy = page.evaluate("() => fetch(location.href).then(r => r.headers.get('content-security-policy'))")
        finally:
            context.close()
    assert "'wasm-unsafe-eval'" not in policy
    assert state == "failed"
    assert failed_shown
    # The policy is what refused the WebAssembly: the page's own test compile was blocked.
    assert any(v["directive"] == "script-src" and v["blocked"] == "wasm-eval" for v in violations), violations
