"""The self-check page in the moments that matter (issue 19), as a person meets them in
Chromium: the second after the button (where the result opens, and what has focus), and
Back on a shared device (what the browser kept of the answers).

The slow-connection moments are in test_selfcheck_slow_connection.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import ENGINE_TIMEOUT_MS, fill, shown_result, wait_for_engine
from playwright.sync_api import expect

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

# Item 9 "several days", "no" to right now: an urgent card whose result is many screens tall.
URGENT = {"phq9": [2, 2, 2, 2, 2, 1, 1, 1, 1], "safety_now": "no", "gad7": [2, 2, 2, 1, 1, 1, 1],
          "antidepressant_trials": 2, "medical": ["none"]}
# In danger now.
EMERGENCY = {"phq9": [3, 3, 3, 3, 1, 0, 0, 0, 2], "safety_now": "yes", "antidepressant_trials": 0, "medical": ["none"]}
SIZES = {"390px": {"width": 390, "height": 844}, "1280px": {"width": 1280, "height": 800}}


def _open(browser, url, viewport, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    page.goto(url)
    wait_for_engine(page, "ready")
    return context, page


def _where_the_result_opened(page) -> dict:
    return page.evaluate("""() => {
      const card = document.querySelector("#selfcheck-result > .care-card");
      const header = document.querySelector(".md-header");
      const action = card.querySelector(".care-card__action a");
      return {
        focused: document.activeElement.id,
        cardTop: card.getBoundingClientRect().top,
        headerBottom: header ? header.getBoundingClientRect().bottom : 0,
        actionBottom: action ? action.getBoundingClientRect().bottom : null,
        screen: window.innerHeight,
      };
    }""")


def _assert_heading_at_the_top(page) -> None:
    shown_result(page)
    where = _where_the_result_opened(page)
    assert where["focused"] == "selfcheck-result-heading", where
    # The card starts at the top of the screen, just below the sticky header: not above
    # the screen, not mid-card.
    assert where["headerBottom"] - 1 <= where["cardTop"] <= where["headerBottom"] + 40, where
    # An urgent card's heading and its one emergency action are on the first screen.
    if where["actionBottom"] is not None:
        assert where["actionBottom"] <= where["screen"], where


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
@pytest.mark.parametrize("answers", [URGENT, EMERGENCY], ids=["urgent", "emergency"])
def test_pressing_enter_opens_the_result_at_its_heading(browser, selfcheck_url, size, answers):
    """From the keyboard: Tab to "See my result" and press Enter (the review's result: the
    card's top 1,513 px above the screen)."""
    context, page = _open(browser, selfcheck_url, SIZES[size])
    try:
        fill(page, answers)
        page.locator("#medical--none").focus()
        for _ in range(40):
            if page.evaluate("document.activeElement.id") == "selfcheck-submit":
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail("Tab never reached the button")
        page.keyboard.press("Enter")
        _assert_heading_at_the_top(page)
    finally:
        context.close()


def test_enter_in_the_last_question_opens_the_result_at_its_heading(browser, selfcheck_url):
    context, page = _open(browser, selfcheck_url, SIZES["1280px"])
    try:
        fill(page, URGENT)
        page.locator("#medical--none").focus()
        page.keyboard.press("Enter")  # implicit submission from the last answer
        _assert_heading_at_the_top(page)
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
@pytest.mark.parametrize("answers", [URGENT, EMERGENCY], ids=["urgent", "emergency"])
def test_tapping_the_button_at_the_screens_bottom_edge_opens_the_result_at_its_heading(browser, selfcheck_url, size, answers):
    """The button only just on screen, where people stop scrolling (the review: a crisis
    result opened 2,637 px in, on ketamine logistics)."""
    phone = size == "390px"
    context, page = _open(browser, selfcheck_url, SIZES[size], has_touch=phone, is_mobile=phone)
    try:
        fill(page, answers)
        button = page.locator("#selfcheck-submit")
        # Scroll so that only the button's top 12 px show at the bottom of the screen.
        page.evaluate("""() => {
          const b = document.getElementById("selfcheck-submit");
          window.scrollBy(0, b.getBoundingClientRect().top - window.innerHeight + 12);
        }""")
        box = button.bounding_box()
        screen = page.viewport_size["height"]
        assert box["y"] < screen <= box["y"] + box["height"], (box, screen)
        x, y = box["x"] + box["width"] / 2, box["y"] + 6
        if phone:
            page.touchscreen.tap(x, y)
        else:
            page.mouse.click(x, y)
        _assert_heading_at_the_top(page)
    finally:
        context.close()


# ---------------------------------------------------------------- what the browser keeps


def test_back_after_following_a_result_link_shows_no_answer(browser, selfcheck_url):
    """A result's links to the articles open in a new tab, so the answers stay in this one
    without the browser keeping them; going Back in the same tab restores none
    (autocomplete="off": the browser keeps no form state for Back)."""
    context, page = _open(browser, selfcheck_url, SIZES["1280px"])
    try:
        fill(page, URGENT)
        page.locator("#selfcheck-submit").click()
        shown_result(page)
        links = page.locator("#selfcheck-result a[href^='../']")
        assert links.count() > 0
        for i in range(links.count()):
            assert links.nth(i).get_attribute("target") == "_blank"
            assert "noopener" in links.nth(i).get_attribute("rel").split()
        # Following one opens it beside this tab: the answers are still here.
        with context.expect_page() as opened:
            links.first.click()
        opened.value.close()
        assert page.locator("#selfcheck input:checked").count() > 0
        expect(page.locator("#selfcheck-result")).to_be_visible()

        # Leaving in this tab and pressing Back: nothing ticked.
        href = links.first.get_attribute("href")
        page.goto(page.url.split("#")[0] + href)
        page.go_back()
        expect(page.locator("#selfcheck")).to_be_visible()
        page.wait_for_timeout(500)
        assert page.locator("#selfcheck input:checked").count() == 0
        expect(page.locator("#selfcheck-result")).to_be_hidden()
    finally:
        context.close()


# What a session file would hold of the answers: field names (UTF-16, as Chromium writes
# form state) or the values of the crisis answers.
ANSWER_MARKS = ["phq9-9", "safety_now", "phq9-1"]
# Folders of the profile that hold the site's own files (the page's HTML names its fields).
SITE_FILE_CACHES = {"Cache", "Code Cache", "GPUCache", "Service Worker", "DawnGraphiteCache", "DawnWebGPUCache"}


def _profile_hits(profile: Path) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    for path in profile.rglob("*"):
        if not path.is_file() or SITE_FILE_CACHES & set(path.relative_to(profile).parts):
            continue
        data = path.read_bytes()
        for mark in ANSWER_MARKS:
            if mark.encode("utf-16-le") in data or mark.encode() in data:
                hits.setdefault(str(path.relative_to(profile)), []).append(mark)
    return hits


def test_a_persistent_profile_holds_no_answer_after_a_crisis_result(browser, selfcheck_url, tmp_path):
    """An ordinary on-disk profile, as on a shared family computer: answer the crisis
    questions, see the result, go on to another page in the same tab, close the browser.
    Chromium's session files (for Back and "reopen closed tab") hold none of the answers."""
    profile = tmp_path / "profile"
    context = browser.browser_type.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.set_default_timeout(ENGINE_TIMEOUT_MS)
        page.goto(selfcheck_url)
        wait_for_engine(page, "ready")
        fill(page, EMERGENCY)
        page.locator("#selfcheck-submit").click()
        shown_result(page)
        page.wait_for_timeout(3000)  # Chromium writes its session files every few seconds
        page.goto(selfcheck_url.replace("self-check/", "get-help-now/"))
        page.wait_for_timeout(3000)
    finally:
        context.close()
    sessions = [p for p in profile.rglob("*") if p.is_file() and "Sessions" in p.parts]
    assert sessions, "no session files written: nothing was checked"
    # The session does name the page (so it was recorded), but not an answer.
    assert any(b"self-check" in p.read_bytes() for p in sessions)
    assert _profile_hits(profile) == {}
