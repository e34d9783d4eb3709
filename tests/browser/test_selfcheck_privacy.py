"""The privacy promise, checked the way the Privacy page tells people to check it:
every request goes to this site, none is made once the engine is ready (answering,
seeing a result, starting again), no cookies, nothing stored, nothing in the URL."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browser_helpers import ENGINE_TIMEOUT_MS, fill, shown_result, storage_dump, submit, wait_for_engine
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FIRST = {
    "phq9": [2, 2, 3, 1, 1, 2, 1, 0, 1], "safety_now": "no", "gad7": [1, 2, 1, 1, 0, 0, 1],
    "diagnoses": ["depression"], "antidepressant_trials": 3, "psychotherapy": "yes", "medical": ["liver-disease"],
}
SECOND = {"phq9": [1, 1, 1, 1, 0, 0, 0, 0, 0], "antidepressant_trials": 0, "medical": ["none"]}


def test_no_request_after_the_engine_is_ready(browser, selfcheck_url):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(selfcheck_url)
        wait_for_engine(page, "ready")
        page.wait_for_load_state("networkidle")
        origin = urlsplit(selfcheck_url)[:2]
        assert requests, "no requests seen: the log is not working"
        # The engine came from this site (requests from the worker are in the log too).
        assert any(re.search(r"/assets/pyodide/[^/]+/pyodide\.asm\.wasm$", url) for url in requests)
        assert any(url.endswith(".whl") for url in requests)
        for url in requests:
            assert urlsplit(url)[:2] == origin, f"request to another origin: {url}"
        seen = len(requests)
        address = page.url
        history = page.evaluate("history.length")

        fill(page, FIRST)
        submit(page)
        assert shown_result(page)["tier"] == "medical-review-first"
        page.locator("#selfcheck-result [data-action='start-again']").click()
        fill(page, SECOND)
        submit(page)
        assert shown_result(page)["tier"] == "low-symptoms"
        page.wait_for_timeout(1000)  # anything sent late would show up here

        assert requests[seen:] == [], f"requests after the engine was ready: {requests[seen:]}"
        assert page.url == address
        assert page.evaluate("history.length") == history
        assert context.cookies() == []
        assert page.evaluate("document.cookie") == ""
        stored = storage_dump(page)
        for word in ("phq9", "gad7", "medical", "liver-disease", "antidepressant", "safety_now", "tier"):
            assert word not in stored, f"{word!r} found in storage: {stored}"
        assert page.evaluate("localStorage.length + sessionStorage.length") == 0, stored
        assert page.evaluate("async () => (await indexedDB.databases()).length") == 0, stored
    finally:
        context.close()


def test_the_form_never_navigates(ready_page):
    """Submitting with Enter (implicit submission) stays on the page, with no query string."""
    page = ready_page
    before = page.url
    fill(page, SECOND)
    page.locator("#phq9-1--1").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#selfcheck-result")).to_have_attribute("data-tier", "low-symptoms")
    assert page.url == before and "?" not in page.url
    page.locator("#selfcheck-result [data-action='start-again']").click()
