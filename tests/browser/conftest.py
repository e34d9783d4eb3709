"""Fixtures for the self-check page's browser tests.

They build on tests/conftest.py (``built_site``, ``site_url``, ``browser``): the site is
served under a sub-path, and nothing here assumes which server serves it. Waiting is done
with Playwright locators, never ``wait_for_function`` (a strict CSP blocks it).
"""

from __future__ import annotations

import pytest
from browser_helpers import ENGINE_TIMEOUT_MS, SELF_CHECK, wait_for_engine



@pytest.fixture(scope="session")
def selfcheck_url(site_url) -> str:
    return site_url + SELF_CHECK


@pytest.fixture(scope="module")
def ready_page(browser, selfcheck_url):
    """One self-check page with its engine started, shared by a module's tests so Pyodide
    loads once. Each test leaves it with "Start again" (see ``fresh_page``)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    page.goto(selfcheck_url)
    wait_for_engine(page, "ready")
    yield page
    context.close()


@pytest.fixture
def fresh_page(ready_page):
    """``ready_page`` with no answers, no result and no problems shown."""
    page = ready_page
    start_again = page.locator("#selfcheck-result [data-action='start-again']")
    if start_again.is_visible():
        start_again.click()
    else:
        page.evaluate("document.getElementById('selfcheck').reset()")
        page.locator("#selfcheck-problems").evaluate("box => { box.hidden = true; box.replaceChildren(); }")
    yield page


@pytest.fixture
def nowasm_page(nowasm_browser):
    context = nowasm_browser.new_context()
    page = context.new_page()
    yield page
    context.close()
