"""The self-check in a second language (the generated pseudo-locale, built into en-XA/):
its questions, result and crisis help come from that language's locale files, and its
engine is the main site's one Pyodide copy."""

from __future__ import annotations

import pytest
from browser_helpers import ENGINE_TIMEOUT_MS, fill, shown_result, submit, wait_for_engine
from playwright.sync_api import expect

from sitebuild import pseudo_locale
from tests.build.pseudo_scan import CODE, allowed_data, english_left
from tests.conftest import NginxServer


@pytest.fixture(scope="module")
def pseudo_server(pseudo_site, tmp_path_factory):
    with NginxServer(pseudo_site, tmp_path_factory.mktemp("nginx-pseudo")) as server:
        yield server


def test_the_self_check_answers_in_the_language_from_the_shared_engine(page, pseudo_server):
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(pseudo_server.url + f"{CODE}/self-check/")
    wait_for_engine(page, "ready")
    # PHQ-9 item 9 above 0: the crisis panel and a crisis-aware result.
    fill(page, {"age_group": "18-64", "phq9": [2, 2, 2, 2, 1, 1, 1, 1, 1], "safety_now": "no",
                "antidepressant_trials": 2, "medical": ["none"]})
    crisis_now = page.locator("#selfcheck-crisis-now .selfcheck-crisis-panel")
    expect(crisis_now).to_be_visible()
    expect(crisis_now).to_contain_text(pseudo_locale.OPEN)
    submit(page)
    assert shown_result(page)["crisis"] == "true"
    result = page.locator("#selfcheck-result").inner_text()
    assert pseudo_locale.OPEN in result
    # Outside the wrapped strings: numbers, services' own names and source citations.
    assert not english_left(result, allowed_data())
    engine = [u for u in requests if "/pyodide/" in u or "selfcheck-worker" in u]
    assert engine, "the engine was not loaded"
    # One copy: every engine file from the main site's assets/, none from en-XA/.
    assert all(u.startswith(pseudo_server.url + "assets/") for u in engine), engine
