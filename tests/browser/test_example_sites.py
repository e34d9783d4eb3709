"""Each example clinic's site (examples/), built as a clinic builds it, in Chromium.

Crisis links keep their contrast in every state, as a person sees them: the red band's
links and the crisis lines' buttons, under the pointer and with keyboard focus (the review
measured 1.25:1 for the GB example's accent on the band). The build's own check is
tests/build/test_branding.py; this one reads the colours the browser actually paints, so a
Material rule that wins over ours fails it.

On paper, a crisis result carries the emergency number and every crisis line, the clinic's
contact when the engine's card gives it, and the date in the site's language."""

from __future__ import annotations

import datetime
import re

import pytest
from browser_helpers import ENGINE_TIMEOUT_MS, fill, page_settings, shown_result, wait_for_engine
from playwright.sync_api import expect

import selfcheck
from tests.conftest import ROOT, NginxServer, build_site
from tests.quality.support import describe_violations, run_axe

pytestmark = pytest.mark.browser

EXAMPLES = sorted(p.parent.name for p in (ROOT / "examples").glob("*/mkdocs.yml"))
TEXT_AA, RING_AA = 4.5, 3.0
TRANSITION_MS = 400  # Material's buttons fade their colours in 125 ms: read the end state


@pytest.fixture(scope="module", params=EXAMPLES)
def example_url(request, tmp_path_factory):
    name = request.param
    tmp = tmp_path_factory.mktemp(name)
    result = build_site(tmp / "site", ROOT / "examples" / name / "mkdocs.yml")
    if result.returncode != 0:
        pytest.fail(f"examples/{name} does not build:\n{result.stdout}\n{result.stderr}")
    with NginxServer(tmp / "site", tmp / "nginx") as server:
        yield server.url


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(c) for c in re.findall(r"[\d.]+", css)[:3])


def _contrast(a: str, b: str) -> float:
    def luminance(colour):
        channels = [c / 255 for c in _rgb(colour)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# The colours painted: the link's text, the nearest opaque background behind it (its own,
# or an ancestor's), and its focus ring (outline and the box-shadow halo around it).
PAINTED = """el => {
  const style = getComputedStyle(el);
  let node = el, background = "rgba(0, 0, 0, 0)";
  while (node && node.nodeType === 1) {
    const bg = getComputedStyle(node).backgroundColor;
    if (!bg.startsWith("rgba(0, 0, 0, 0)") && !/, 0\\)$/.test(bg)) { background = bg; break; }
    node = node.parentElement;
  }
  const around = el.parentElement ? (() => {
    let n = el.parentElement;
    while (n && n.nodeType === 1) {
      const bg = getComputedStyle(n).backgroundColor;
      if (!bg.startsWith("rgba(0, 0, 0, 0)") && !/, 0\\)$/.test(bg)) return bg;
      n = n.parentElement;
    }
    return "rgb(255, 255, 255)";
  })() : "rgb(255, 255, 255)";
  const halo = (style.boxShadow.match(/rgba?\\([^)]*\\)/) || [null])[0];
  return {color: style.color, background, around, outline: style.outlineStyle !== "none" ? style.outlineColor : null,
          outlineWidth: parseFloat(style.outlineWidth) || 0, halo};
}"""


def _tab_to(page, locator, limit: int = 80) -> None:
    """Focus ``locator`` with the keyboard (Tab from the top), so :focus-visible applies."""
    page.locator("body").evaluate("b => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    handle = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", handle):
            return
    pytest.fail(f"Tab never reached {locator}")


def _check_states(page, locator, where: str) -> list[str]:
    problems = []
    locator.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    page.wait_for_timeout(TRANSITION_MS)
    normal = locator.evaluate(PAINTED)
    locator.hover()
    page.wait_for_timeout(TRANSITION_MS)
    hover = locator.evaluate(PAINTED)
    page.mouse.move(0, 0)
    _tab_to(page, locator)
    page.wait_for_timeout(TRANSITION_MS)
    focus = locator.evaluate(PAINTED)
    for state, painted in (("normal", normal), ("hover", hover), ("focus", focus)):
        ratio = _contrast(painted["color"], painted["background"])
        if ratio < TEXT_AA:
            problems.append(f"{where} ({state}): text {painted['color']} on {painted['background']} is {ratio:.2f}:1")
    # The focus ring: yellow with a black halo; one of the two must stand out from what the
    # link sits on (3:1).
    assert focus["outline"] and focus["outlineWidth"] >= 2, (where, focus)
    rings = [c for c in (focus["outline"], focus["halo"]) if c]
    best = max(_contrast(c, focus["around"]) for c in rings)
    if best < RING_AA:
        problems.append(f"{where} (focus ring): {rings} around {focus['around']} is {best:.2f}:1")
    return problems


@pytest.mark.parametrize("width", [390, 1280])
def test_the_banners_crisis_links_keep_their_contrast_in_every_state(browser, example_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(example_url + "learn/how-ketamine-works/")
        links = page.locator(".md-banner .crisis-banner a")
        assert links.count() == 3
        problems = []
        for i in range(links.count()):
            problems += _check_states(page, links.nth(i), f"banner link {i + 1}")
        assert problems == [], problems
    finally:
        context.close()


def test_the_crisis_lines_buttons_keep_their_contrast_in_every_state(browser, example_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(example_url + "get-help-now/")
        section = page.locator("section.crisis-country").first
        buttons = section.locator(".crisis-lines a.md-button")
        kinds = buttons.evaluate_all("links => links.map(a => a.classList.contains('md-button--primary'))")
        assert True in kinds and False in kinds, "both a call button and a text or chat button"
        problems = []
        for i in range(buttons.count()):
            problems += _check_states(page, buttons.nth(i), f"crisis line button {i + 1}")
        assert problems == [], problems
    finally:
        context.close()


def test_the_self_check_crisis_panel_keeps_its_contrast(browser, example_url):
    """The panel that opens under PHQ-9 item 9, with no engine: its emergency action and lines."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(example_url + "self-check/")
        page.locator('label[for="phq9-9--1"]').click()
        panel = page.locator("#selfcheck-crisis-now .selfcheck-crisis-panel")
        expect(panel).to_be_visible()
        buttons = panel.locator("a.md-button")
        problems = []
        for i in range(buttons.count()):
            problems += _check_states(page, buttons.nth(i), f"panel button {i + 1}")
        assert problems == [], problems
    finally:
        context.close()


PRINT_DAY = datetime.datetime(2027, 3, 4, 9, 0)  # the device's clock, set by the test
TODAY = {"phq9": [2, 2, 2, 1, 1, 1, 1, 1, 1], "safety_now": "no", "antidepressant_trials": 2, "medical": ["none"]}
NOW = {"phq9": [3, 3, 3, 3, 1, 0, 0, 0, 2], "safety_now": "yes", "antidepressant_trials": 0, "medical": ["none"]}


@pytest.mark.parametrize("answers", [TODAY, NOW], ids=["thoughts-today", "in-danger-now"])
def test_a_printed_crisis_result_carries_the_numbers_the_contact_and_the_date(browser, example_url, answers):
    context = browser.new_context()
    context.clock.set_fixed_time(PRINT_DAY)
    page = context.new_page()
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    try:
        page.goto(example_url + "self-check/")
        wait_for_engine(page, "ready")
        fill(page, answers)
        page.locator("#selfcheck-submit").click()
        settings = page_settings(page)["settings"]
        card = selfcheck.prepare(settings).evaluate(answers, today=PRINT_DAY.date().isoformat())["card"]
        assert shown_result(page)["crisis"] == "true"
        page.emulate_media(media="print")
        summary = page.locator("#selfcheck-print-summary")
        expect(summary).to_be_visible()
        text = summary.inner_text()
        # The emergency number and every crisis line's number, written out.
        assert card["emergency_action"]["text"] in text
        assert re.sub(r"\D", "", card["emergency_action"]["href"]) in re.sub(r"\D", "", text)
        for group in card["crisis"]["groups"]:
            for line in group["lines"]:
                assert line["name"] in text and line["number"] in text, line
        # The clinic's contact whenever the card gives one (thoughts today: yes; in danger
        # now the card is crisis help only).
        contact = card["print"]["contact"]
        if answers is TODAY:
            assert contact and contact["name"] == settings["clinic"]["name"]
        if contact:
            for value in (contact["name"], contact["phone"], contact["address"]):
                if value:
                    expect(summary.locator(".selfcheck-print-summary__contact")).to_contain_text(value)
        else:
            expect(summary.locator(".selfcheck-print-summary__contact")).to_have_count(0)
        # The date in the site's language, as the engine writes it from the device's date.
        expect(summary.locator(".selfcheck-print-summary__date")).to_have_text(card["print"]["date"])
        if settings["country"] == "GB":
            assert card["print"]["date"] == "4 March 2027"
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_in_a_crisis_result_on_the_clinics_site(browser, example_url, width):
    """The clinic's own crisis lines and buttons (GB: 116 123, 111 twice, 999), as a crisis
    result shows them: WCAG 2.2 AA by axe, Label in Name included."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    try:
        page.goto(example_url + "self-check/")
        wait_for_engine(page, "ready")
        fill(page, TODAY)
        page.locator("#selfcheck-submit").click()
        assert shown_result(page)["crisis"] == "true"
        page.mouse.move(0, 0)
        violations = run_axe(page)
        assert violations == [], describe_violations(violations)
    finally:
        context.close()
