"""The privacy promise, tested: a crawl of every page, a search, and the whole self-check
(including its failure state) make zero requests to other origins, set no cookies, and keep
no answers in web storage, IndexedDB, caches or URLs."""

from __future__ import annotations

import re

import pytest

from .support import same_origin

pytestmark = pytest.mark.browser

# The self-check's answer names (input names) and their answer values; any of these in
# storage or a URL would be an answer leaving the form.
ANSWER_NAME = re.compile(r"phq9|gad7|safety_now|diagnoses|antidepressant|psychotherapy|medical", re.I)


def all_requests(crawl, journey, failed_journey):
    return crawl["recorder"].requests + journey["recorder"].requests + failed_journey["recorder"].requests


def test_every_request_stays_on_the_site(crawl, journey, failed_journey, site_url):
    requests = all_requests(crawl, journey, failed_journey)
    assert len(requests) > 50
    elsewhere = [r["url"] for r in requests if not r["url"].startswith("data:") and not same_origin(r["url"], site_url)]
    assert not elsewhere, f"requests to other origins: {sorted(set(elsewhere))}"


def test_the_self_check_engine_was_fetched_from_the_site(journey):
    """The recorder sees the worker's requests too (else the check above proves little)."""
    urls = [r["url"] for r in journey["recorder"].requests]
    assert any(u.endswith("pyodide.asm.wasm") for u in urls)
    assert any(u.endswith(".whl") for u in urls)


def test_nothing_is_sent_only_fetched(crawl, journey, failed_journey):
    sent = [f"{r['method']} {r['url']}" for r in all_requests(crawl, journey, failed_journey) if r["method"] != "GET" or r["post_data"]]
    assert not sent


def test_no_cookies(crawl, journey, failed_journey):
    assert crawl["cookies"] == [] and journey["cookies"] == []
    for snapshot in [e["storage"] for e in crawl["pages"].values()] + [journey["storage"], failed_journey["storage"]]:
        assert snapshot["cookie"] == "", snapshot["url"]
    writes = [w for w in crawl_writes(crawl) + journey["writes"] + failed_journey["writes"] if w["where"] == "cookie"]
    assert not writes


def crawl_writes(crawl):
    return [w for e in crawl["pages"].values() for w in e["writes"]] + crawl["search"]["writes"]


def test_nothing_is_stored_anywhere(crawl, journey, failed_journey):
    """Stronger than "no answers stored": with this configuration nothing at all is written
    (Material's palette, tabs and announce features, which do write, are off)."""
    writes = crawl_writes(crawl) + journey["writes"] + failed_journey["writes"]
    assert not writes, f"storage writes: {writes}"
    for snapshot in [e["storage"] for e in crawl["pages"].values()] + [crawl["search"]["storage"], journey["storage"], failed_journey["storage"]]:
        for where in ("localStorage", "sessionStorage", "indexedDB", "caches"):
            assert not snapshot[where], f"{where} after {snapshot['url']}: {snapshot[where]}"
        assert snapshot["serviceWorkers"] == 0


def test_no_answers_in_any_url(journey):
    urls = journey["urls"] + [r["url"] for r in journey["recorder"].requests] + [journey["storage"]["url"]]
    leaking = [u for u in urls if ANSWER_NAME.search(u.split("/clinic/", 1)[-1]) or "?" in u]
    assert not leaking, leaking
    # Submitting the form never navigated: one page load in the whole journey.
    assert len([u for u in journey["urls"] if "self-check" in u]) == 1


def test_search_words_never_go_into_an_address(page, site_url):
    """Search runs in the browser; opening a result must not carry the words in its URL
    (Material's search.highlight adds ?h=..., which would put them in the host's logs)."""
    page.set_viewport_size({"width": 1280, "height": 900})  # the search box shows in the header
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type("bladder", delay=50)
    results = page.locator(".md-search-result__link")
    results.first.wait_for(timeout=15000)
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and not [h for h in hrefs if "?" in h], hrefs
    results.first.click()
    page.wait_for_load_state()
    assert "bladder" not in page.url and "?" not in page.url, page.url
