"""The self-check page in a real browser: the form as built, crisis first without Python,
the failure state, keyboard-only use, the announced result, problems, printing."""

from __future__ import annotations

import datetime
import re
import time

import pytest
from browser_helpers import (
    ENGINE_TIMEOUT_MS,
    SELF_CHECK,
    answer,
    fill,
    page_settings,
    shown_result,
    submit,
    wait_for_engine,
)
from playwright.sync_api import expect

import selfcheck
from selfcheck import crisis
from sitebuild.context import load_site_text
from sitebuild.stdlib_measure import form_values
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

QUESTIONNAIRE = selfcheck.questions("en")
QUESTIONS = [q for s in QUESTIONNAIRE["sections"] for q in s["questions"]]
TEXT = load_site_text(ROOT, "en")["selfcheck_page"]
WORTH_DISCUSSING = {"phq9": [2, 2, 2, 2, 1, 1, 1, 1, 0], "antidepressant_trials": 3, "medical": ["none"]}


# ---------------------------------------------------------------- the page as built


def test_form_without_javascript(browser, selfcheck_url):
    """Readable, printable and safe with JavaScript off: every question, a label on every
    input, the "right now" question visible, no way to submit answers anywhere, and no
    button that looks active but does nothing: in its place, a line that says how to print
    the questions and where crisis help is."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(selfcheck_url)
        form = page.locator("form#selfcheck")
        expect(form).to_have_attribute("data-engine", "loading")
        expect(form).to_have_attribute("autocomplete", "off")
        assert form.get_attribute("action") is None and form.get_attribute("method") is None
        button = page.locator("#selfcheck-submit")
        expect(button).to_be_hidden()
        expect(button).to_be_disabled()
        instead = page.locator("#selfcheck-nojs-submit")
        expect(instead).to_be_visible()
        expect(instead).to_contain_text(TEXT["nojs_submit"])
        help_link = instead.locator("a")
        expect(help_link).to_have_text(TEXT["nojs_help"])
        help_link.click()  # leads to the crisis contacts on this page, which open without script
        page.locator("#selfcheck-help-now > summary").click()
        expect(page.locator("#selfcheck-help-now a[href^='tel:']").first).to_be_visible()
        expect(page.locator("#selfcheck-js-needed")).to_be_visible()
        expect(page.locator("#selfcheck-js-needed")).to_have_text(TEXT["js_needed"])
        expect(page.locator("#selfcheck-submit-status")).to_be_hidden()
        expect(page.locator("#selfcheck-slow")).to_be_hidden()

        for q in QUESTIONS:
            block = page.locator(f"#q-{q['name']}")
            expect(block).to_be_visible()  # safety_now too: shown to everyone without JS
            expect(block.locator("fieldset > legend")).to_contain_text(q["label"])
            inputs = block.locator(f"input[name='{q['name']}']")
            assert inputs.count() == len(q["options"])
            kind = "radio" if q["type"] == "single" else "checkbox"
            for option in q["options"]:
                box = block.locator(f"input[value='{option['value']}']")
                assert box.get_attribute("type") == kind
                expect(page.locator(f"label[for='{box.get_attribute('id')}']")).to_have_text(option["label"])
                assert box.evaluate("b => b.closest('label') !== null")
            if q["help"]:
                help_id = block.locator(".selfcheck-help").get_attribute("id")
                assert help_id in block.locator("fieldset").get_attribute("aria-describedby").split()
            if q["why"]:
                expect(block.locator("details.selfcheck-why")).to_contain_text(q["why"])
            if q.get("note"):  # beside PHQ-9 item 9: nobody sees the answers
                note = block.locator(f"#note-{q['name']}")
                expect(note).to_contain_text(q["note"])
                assert f"note-{q['name']}" in block.locator("fieldset").get_attribute("aria-describedby").split()
                if q.get("show_crisis_lines"):  # with numbers to call right there
                    expect(note.locator("a[href^='tel:']").first).to_be_visible()

        sections = QUESTIONNAIRE["sections"]
        for n, section in enumerate(sections, start=1):
            heading = page.locator(f"#section-{section['id']}-title")
            expect(heading).to_contain_text(f"Section {n} of {len(sections)}")
            expect(heading).to_contain_text(section["title"])
        for key in ("phq9", "gad7"):
            stem = next(q["stem"] for q in QUESTIONS if q["answer_key"] == key)
            expect(page.locator(f"#stem-{key}")).to_have_text(stem)
        expect(page.locator(".selfcheck-credit")).to_have_count(2)
        expect(page.locator(".selfcheck-credit").first).to_have_text(QUESTIONNAIRE["credit"])

        # Crisis contacts are on the page, as plain links, without any script.
        expect(page.locator("#selfcheck-help-now a[href^='tel:']").first).to_be_attached()
        # Privacy sentence, linking to how to check it.
        privacy = page.locator(".selfcheck-privacy")
        expect(privacy).to_contain_text(TEXT["privacy"])
        assert privacy.locator("a").get_attribute("href").startswith("../privacy/")

        # Pressing Enter in the form cannot submit it: the only submit button is disabled.
        before = page.url.split("#")[0]
        page.locator("#phq9-1--2").check()
        page.locator("#phq9-1--2").focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        assert page.url.split("#")[0] == before and "?" not in page.url
        # Printed, it is the questions with the answers ticked so far and a line for the date.
        page.emulate_media(media="print")
        expect(page.locator(".selfcheck-print-head")).to_be_visible()
        expect(page.locator(".selfcheck-print-head__date")).to_have_text(TEXT["print_date_blank"])
        expect(page.locator("#q-phq9-1")).to_be_visible()
        expect(instead).to_be_hidden()
    finally:
        context.close()


def test_markup_is_safe_under_a_strict_csp(built_site):
    """No inline script that runs (only JSON data blocks and the theme's hashed ones), no
    inline style attributes, no inline event handlers in the page's own markup."""
    html = (built_site / SELF_CHECK / "index.html").read_text(encoding="utf-8")
    start = html.index('<div class="selfcheck-page"')
    own = html[start:html.index("</article>", start)] if "</article>" in html[start:] else html[start:]
    assert " style=" not in own
    assert not re.search(r"\son[a-z]+=", own)
    for tag in re.findall(r"<script\b[^>]*>", own):
        assert 'type="application/json"' in tag, tag
    assert '<script type="module" async src="../assets/javascripts/selfcheck-page.js"></script>' in html


def test_embedded_data_is_the_engines_settings_and_the_pages_words(built_site):
    """The page hands the engine its settings once; the engine's card names every article
    a reason links to, so the settings carry each one's title; links are made relative to
    the page with ``root``."""
    import json

    html = (built_site / SELF_CHECK / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="selfcheck-data">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["root"] == "../"
    assert data["text"] == TEXT
    selfcheck.prepare(data["settings"])  # settings the engine accepts
    titles = data["settings"]["articles"]
    for reason in selfcheck.describe("en")["reasons"]:
        assert titles[reason["article"]], reason["article"]


# ---------------------------------------------------------------- crisis first


def test_crisis_panel_without_webassembly(nowasm_page, selfcheck_url):
    page = nowasm_page
    page.goto(selfcheck_url)
    assert page.evaluate("typeof WebAssembly") == "undefined"
    crisis_now = page.locator("#selfcheck-crisis-now")
    safety = page.locator("#q-safety_now")
    expect(safety).to_be_hidden()  # JS hides it while item 9 is unanswered
    expect(crisis_now.locator(".selfcheck-crisis-panel")).to_have_count(0)
    assert crisis_now.get_attribute("role") == "alert"  # announced when filled

    answer(page, "phq9-9", "1")
    panel = crisis_now.locator(".selfcheck-crisis-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text(TEXT["crisis_now_heading"])
    expect(panel.locator("a[href='tel:988']").first).to_be_visible()
    # As the engine groups them (the same as a result card's): the emergency number as one
    # clear action first and nowhere else, then the main lines, then the other helplines.
    grouping = crisis.grouped(crisis.lines_for("US", "en"), "en")
    action = panel.locator(".selfcheck-crisis-panel__emergency a")
    expect(action).to_have_attribute("href", grouping["emergency_action"]["href"])
    expect(action).to_be_visible()
    expect(panel.locator(f"a[href='{grouping['emergency_action']['href']}']")).to_have_count(1)
    assert _line_ids(panel) == [line["id"] for group in grouping["groups"] for line in group["lines"]]
    headings = [group["heading"] for group in grouping["groups"] if group["heading"]]
    expect(panel.locator(".selfcheck-crisis-panel__group")).to_have_text(headings)
    expect(safety).to_be_visible()

    answer(page, "phq9-9", "3")
    expect(panel).to_have_count(1)  # not duplicated on a second change
    answer(page, "phq9-9", "0")
    expect(crisis_now.locator(".selfcheck-crisis-panel")).to_have_count(0)
    expect(safety).to_be_hidden()
    # The engine could not start, and the page says so.
    wait_for_engine(page, "failed", timeout=5_000)


def test_failure_state_without_webassembly(nowasm_page, selfcheck_url):
    page = nowasm_page
    page.goto(selfcheck_url)
    wait_for_engine(page, "failed", timeout=5_000)  # feature test: no waiting for a timeout
    failed = page.locator("#selfcheck-failed")
    expect(failed).to_be_visible()
    expect(page.locator("#selfcheck-failed-heading")).to_have_text(TEXT["failed_heading"])
    # Why: this browser blocks what the self-check needs (not "a file did not load").
    expect(failed.locator(".selfcheck-failed__lead--blocked")).to_have_text(TEXT["failed_lead"])
    expect(failed.locator(".selfcheck-failed__lead--blocked")).to_be_visible()
    expect(failed.locator(".selfcheck-failed__lead--load")).to_be_hidden()
    expect(failed.locator("[data-action='print']")).to_be_visible()
    expect(failed.locator("a[href='tel:988']").first).to_be_visible()
    expect(failed.locator(".clinic-cta")).to_be_visible()
    expect(page.locator("#selfcheck-status")).to_have_text(TEXT["status_failed"])
    expect(page.locator("#selfcheck-status")).to_have_attribute("role", "status")
    # The questions stay, to fill in or print.
    expect(page.locator("#q-phq9-1")).to_be_visible()
    expect(page.locator("#q-medical")).to_be_visible()

    # Asking for a result leads to what to do instead, never to a spinner or a blank.
    fill(page, WORTH_DISCUSSING)
    submit(page)
    expect(failed).to_be_focused()
    expect(page.locator("#selfcheck-submit-status")).to_have_text(TEXT["status_failed"])
    expect(page.locator("#selfcheck-result")).to_be_hidden()

    # The printed page is the questions, with the answers so far, without the site's chrome.
    page.emulate_media(media="print")
    expect(page.locator(".selfcheck-print-head")).to_be_visible()
    expect(page.locator("#q-phq9-1")).to_be_visible()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(failed).to_be_hidden()


def _expect_load_failure(page) -> None:
    failed = page.locator("#selfcheck-failed")
    expect(failed).to_be_visible()
    expect(failed.locator(".selfcheck-failed__lead--load")).to_have_text(TEXT["failed_lead_load"])
    expect(failed.locator(".selfcheck-failed__lead--load")).to_be_visible()
    # A file that did not load is not this browser's fault.
    expect(failed.locator(".selfcheck-failed__lead--blocked")).to_be_hidden()
    expect(failed.locator("a[href^='tel:']").first).to_be_visible()


def test_failure_when_the_worker_cannot_load(browser, selfcheck_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.route("**/selfcheck-worker.js", lambda route: route.fulfill(status=404, body="not found"))
        page.goto(selfcheck_url)
        wait_for_engine(page, "failed", timeout=10_000)
        _expect_load_failure(page)
    finally:
        context.close()


CORRUPT_WASM = b"\x00asm\x01\x00\x00\x00" + bytes(range(256)) * 64


@pytest.mark.parametrize("response", [
    {"status": 404, "body": "not found"},
    {"status": 200, "body": CORRUPT_WASM, "content_type": "application/wasm"},
], ids=["missing", "corrupt"])
def test_a_missing_or_corrupt_webassembly_file_fails_within_10_seconds(browser, selfcheck_url, response):
    """Pyodide's loader never settles when its runtime cannot be compiled; the worker sees
    the failure itself, so the page says so in seconds rather than loading for ever. A
    press made meanwhile is answered with the failure box."""
    context = browser.new_context()
    page = context.new_page()
    try:
        context.route("**/pyodide.asm.wasm", lambda route: route.fulfill(**response))
        started = time.monotonic()
        page.goto(selfcheck_url)
        submit(page)
        wait_for_engine(page, "failed", timeout=10_000)
        assert time.monotonic() - started < 10
        _expect_load_failure(page)
        expect(page.locator("#selfcheck-failed")).to_be_focused()
        expect(page.locator("#selfcheck-submit-status")).to_have_text(TEXT["status_failed"])
    finally:
        context.close()


def test_a_download_that_never_ends_is_loading_not_a_failure(browser, selfcheck_url):
    """Slowness alone is never a failure (contract, version 3): with the runtime's download
    never answered, the page stays "loading", keeps the press, and after a long wait says
    it is still loading and offers the printable questions and the crisis lines, without
    blaming the browser."""
    context = browser.new_context()
    page = context.new_page()
    try:
        context.route("**/pyodide.asm.wasm", lambda route: None)  # never answered
        page.goto(selfcheck_url)
        fill(page, WORTH_DISCUSSING)
        # Nobody has pressed yet: after a while the top of the page says it is still loading.
        expect(page.locator("#selfcheck-status")).to_have_text(TEXT["status_loading_slow"], timeout=30_000)
        submit(page)
        button = page.locator("#selfcheck-submit")
        press_status = page.locator("#selfcheck-submit-status")
        # At once, right by the button: the press is kept, and the result will come by itself.
        expect(press_status).to_have_text(TEXT["status_waiting"])
        assert press_status.get_attribute("role") == "status"
        expect(button).to_have_attribute("aria-busy", "true")
        expect(button).to_have_text(TEXT["submit_busy"])
        expect(page.locator("#selfcheck-slow")).to_be_hidden()
        # After a long wait: still loading, with what to do meanwhile.
        expect(press_status).to_have_text(TEXT["status_still_waiting"], timeout=25_000)
        slow = page.locator("#selfcheck-slow")
        expect(slow).to_be_visible()
        expect(slow.locator("[data-action='print']")).to_be_visible()
        slow.locator("summary").click()
        expect(slow.locator("a[href^='tel:']").first).to_be_visible()
        expect(page.locator("#selfcheck")).to_have_attribute("data-engine", "loading")
        expect(page.locator("#selfcheck-failed")).to_be_hidden()
        # Printing now gives the questions with the answers so far.
        page.emulate_media(media="print")
        expect(page.locator("#q-phq9-1")).to_be_visible()
        expect(page.locator(".selfcheck-print-head")).to_be_visible()
    finally:
        context.close()


# ---------------------------------------------------------------- keyboard and screen readers


def test_keyboard_only_reaches_a_result(fresh_page):
    """Tab, Space, arrow keys and Enter only: no clicks."""
    page = fresh_page
    page.locator("h1").first.focus()  # start from the top of the page, as after a load
    # Values to pick: PHQ-9 all "More than half the days" (2) except item 9 "Several
    # days" (1), then "No" to the "right now" question, GAD-7 skipped, 3 or more
    # antidepressants, therapy skipped, "None of these" health conditions.
    wanted = {f"phq9-{i}": 2 for i in range(1, 9)} | {"phq9-9": 1, "safety_now": 1, "antidepressant_trials": 3}
    ticked_boxes = {"medical": "none"}
    done: set[str] = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; return {tag: e.tagName, type: e.type || '', name: e.name || '', value: e.value || '', id: e.id}; }"
        )
        if focused["id"] == "selfcheck-submit":
            page.keyboard.press("Enter")
            break
        name = focused["name"]
        if focused["type"] == "radio" and name in wanted and name not in done:
            page.keyboard.press("Space")  # ticks the first answer
            for _ in range(wanted[name]):
                page.keyboard.press("ArrowDown")  # moves to, and ticks, the next one
            done.add(name)
        elif focused["type"] == "checkbox" and ticked_boxes.get(name) == focused["value"]:
            page.keyboard.press("Space")
    else:
        pytest.fail("never reached the submit button")
    assert done == set(wanted)
    shown = shown_result(page)
    expected = selfcheck.evaluate(
        {"phq9": [2] * 8 + [1], "safety_now": "no", "antidepressant_trials": 3, "medical": ["none"]}
    )
    assert shown == {"tier": expected["tier"], "urgency": expected["urgency"], "crisis": "true"}
    expect(page.locator("#selfcheck-result-heading")).to_be_focused()
    # Start again from the keyboard too: focus goes back to the top.
    page.locator("#selfcheck-result [data-action='start-again']").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#selfcheck-result")).to_be_hidden()
    expect(page.locator("h1").first).to_be_focused()


def test_result_is_announced(fresh_page):
    page = fresh_page
    fill(page, WORTH_DISCUSSING)
    submit(page)
    shown_result(page)
    result = page.locator("#selfcheck-result")
    heading_id = result.get_attribute("aria-labelledby")
    heading = page.locator(f"#{heading_id}")
    expect(heading).to_be_focused()
    assert heading.get_attribute("tabindex") == "-1"
    expected = selfcheck.prepare(page_settings(page)["settings"]).evaluate(WORTH_DISCUSSING)
    assert expected["urgency"] == "routine"
    # The region is named by the care card's heading; a screen reader hears the urgency
    # first ("Non-urgent advice:"-style words, from the engine), then the heading.
    card = expected["card"]
    expect(heading).to_have_text(f"{card['label']} {card['heading']}")
    expect(heading.locator(".md-visually-hidden")).to_have_text(card["label"])
    expect(result.locator(".care-card")).to_have_class(re.compile("care-card--non-urgent"))
    assert _contrast(result.locator(".care-card__heading")) >= 4.5
    expect(result.locator(".care-card")).to_contain_text(card["headline"])
    expect(result.locator(".care-card")).to_contain_text(card["summary"])
    expect(result).to_have_attribute("data-urgency", "routine")
    # Announced where the person pressed: the line under the button.
    status = page.locator("#selfcheck-submit-status")
    assert status.get_attribute("role") == "status"
    expect(status).to_have_text(TEXT["status_result"])
    expect(page.locator("#selfcheck-submit")).to_have_text(TEXT["submit"])
    # Every section of the card, in its order, with its heading; consult and disclaimer.
    sections = result.locator(".selfcheck-result-section:not([data-section='sources'])")
    assert sections.evaluate_all("s => s.map(x => x.dataset.section)") == [x["id"] for x in card["sections"]]
    for section in card["sections"]:
        shown = result.locator(f"[data-section='{section['id']}']")
        expect(shown.locator("h3")).to_have_text(section["heading"])
        for item in section["items"]:
            expect(shown).to_contain_text(item["text"])
    expect(result).to_contain_text(expected["consult"])
    expect(result).to_contain_text(expected["disclaimer"])
    # A reason's article opens in a new tab; its citations lead to numbered sources with
    # names a screen reader can use ("Source 1"), not a bare "[1]".
    reasons = result.locator("[data-section='reasons'] li")
    expect(reasons).to_have_count(len(expected["reasons"]))
    article = reasons.first.locator(".selfcheck-item__links a:not(.selfcheck-cite)")
    assert article.get_attribute("href").startswith("../")
    assert article.get_attribute("target") == "_blank" and "noopener" in article.get_attribute("rel")
    cite = reasons.first.locator(".selfcheck-cite").first
    n = card["sections"][1]["items"][0]["citations"][0]
    expect(cite).to_have_attribute("aria-label", TEXT["cite_label"].format(n=n))
    source = next(x for x in card["sources"]["items"] if x["n"] == n)
    expect(page.locator(cite.get_attribute("href"))).to_contain_text(source["citation"])
    text = result.inner_text().lower()
    for banned in ("eligible", "qualify", "qualifies", "you are a candidate"):
        assert banned not in text


def _contrast(locator) -> float:
    """WCAG contrast ratio of an element's text colour on its own background colour."""
    def luminance(rgb: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    fg, bg = locator.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert "rgba(0, 0, 0, 0)" not in bg, "the element has no background of its own"
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _line_ids(locator) -> list[str]:
    return locator.locator(".crisis-lines__item").evaluate_all("items => items.map(i => i.dataset.line)")


def _calls(locator) -> list[tuple[str, str]]:
    """(href, accessible name) of every call and text link."""
    return [tuple(x) for x in locator.locator("a[href^='tel:'], a[href^='sms:']").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), a.getAttribute('aria-label') || a.textContent.trim()])")]


def test_urgent_result_is_an_emergency_card_with_one_emergency_action_first(fresh_page):
    page = fresh_page
    answers = {"phq9": [3, 3, 3, 3, 1, 0, 0, 0, 2], "safety_now": "yes", "antidepressant_trials": 0, "medical": ["none"]}
    expected = selfcheck.prepare(page_settings(page)["settings"]).evaluate(answers)
    card = expected["card"]
    fill(page, answers)
    submit(page)
    assert shown_result(page) == {"tier": "urgent", "urgency": "emergency", "crisis": "true"}
    result = page.locator("#selfcheck-result")
    shown = result.locator(":scope > *").first
    expect(shown).to_have_class(re.compile("care-card--emergency"))
    assert _contrast(shown.locator(".care-card__heading")) >= 4.5
    assert _contrast(shown.locator(".care-card__content")) >= 4.5
    expect(shown.locator(".care-card__heading .md-visually-hidden")).to_have_text(card["label"])
    # Straight under the heading: the one emergency action, then the crisis lines in the
    # engine's groups, ending with "or your local emergency number" as text.
    action = shown.locator(".care-card__content > *").first
    expect(action).to_have_class(re.compile(r"\bcare-card__action\b"))
    expect(action.locator("a")).to_have_attribute("href", card["emergency_action"]["href"])
    expect(action.locator("a")).to_have_text(card["emergency_action"]["text"])
    assert _contrast(action.locator("a")) >= 4.5
    panel = shown.locator(".selfcheck-crisis-panel")
    ids = _line_ids(panel)
    assert ids == [line["id"] for group in card["crisis"]["groups"] for line in group["lines"]]
    assert ids[-1] == "local-emergency"
    expect(panel.locator("[data-line='local-emergency'] a")).to_have_count(0)
    # No number twice: the emergency number once, and no other link repeated.
    calls = _calls(result)
    assert [href for href, _ in calls].count(card["emergency_action"]["href"]) == 1, calls
    assert calls and len(calls) == len(set(calls)), calls
    # In danger now: crisis help only (no clinic box, no ketamine).
    expect(result.locator(".clinic-cta")).to_have_count(0)
    text = result.inner_text()
    assert "ketamine" not in text.lower()
    assert "non-urgent" not in text.lower()


def test_result_for_thoughts_of_self_harm_is_urgent_today(fresh_page):
    """The review's case: item 9 only, no past treatment, "no" to right now."""
    page = fresh_page
    answers = {"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 3], "safety_now": "no", "antidepressant_trials": 0, "medical": ["none"]}
    expected = selfcheck.prepare(page_settings(page)["settings"]).evaluate(answers)
    fill(page, answers)
    submit(page)
    assert shown_result(page) == {"tier": expected["tier"], "urgency": "today", "crisis": "true"}
    result = page.locator("#selfcheck-result")
    card = result.locator(".care-card")
    expect(card).to_have_class(re.compile("care-card--urgent"))
    assert _contrast(card.locator(".care-card__heading")) >= 4.5
    expect(card.locator(".care-card__heading")).to_have_text(f"{expected['card']['label']} {expected['card']['heading']}")
    # The heading, then one emergency action, then the lines: no duplicate numbers.
    expect(card.locator(".care-card__content > *").first).to_have_class(re.compile(r"\bcare-card__action\b"))
    calls = _calls(result)
    assert [href for href, _ in calls].count(expected["card"]["emergency_action"]["href"]) == 1, calls
    assert len(calls) == len(set(calls)), calls
    assert "non-urgent" not in result.inner_text().lower()
    # A low total is not read as reassurance: the engine's note on what a score cannot show.
    note = expected["scores"]["phq9"].get("note")
    if note:
        expect(result.locator("[data-section='scores'] .selfcheck-item__note")).to_have_text(note)


# ---------------------------------------------------------------- problems and editing


# Anything that looks like a developer's name for an answer, never shown to a patient.
KEY_NAME = re.compile(r"\b(phq9|gad7|safety_now|antidepressant_trials|age_group|psychotherapy)\b|\[\d+\]|_")


def _problems_for(form: dict) -> list[dict]:
    with pytest.raises(selfcheck.AnswersError) as error:
        selfcheck.answers_from_form(form)
    return [problem.as_dict() for problem in error.value.problems]


def test_missing_answers_are_listed_by_question(fresh_page):
    page = fresh_page
    answer(page, "gad7-1", "1")  # a partly answered GAD-7 is a problem too
    submit(page)
    box = page.locator("#selfcheck-problems")
    expect(box).to_be_visible()
    expect(box).to_be_focused()
    expect(box.locator("h2")).to_have_text(TEXT["problems_heading"])
    problems = _problems_for({"gad7-1": "1"})
    items = box.locator("li")
    expect(items).to_have_count(len(problems))
    labels = {q["name"]: q["label"] for q in QUESTIONS}
    for i, problem in enumerate(problems):
        # The engine's sentence for a patient, naming the question in its own words.
        expect(items.nth(i)).to_have_text(problem["text"])
        assert labels[problem["field"]] in problem["text"]
        expect(items.nth(i).locator("a")).to_have_attribute("href", f"#q-{problem['field']}")
    assert not KEY_NAME.search(box.inner_text()), box.inner_text()
    expect(page.locator("#selfcheck-result")).to_be_hidden()
    # Each entry leads to its question without changing the address.
    before = page.url
    items.first.locator("a").click()
    first = problems[0]["field"]
    expect(page.locator(f"#q-{first} input").first).to_be_focused()
    assert page.url == before
    # The question itself says what is wrong, tied to it for screen readers.
    note = page.locator(f"#problem-{first}")
    expect(note).to_contain_text(problems[0]["text"])
    assert f"problem-{first}" in page.locator(f"#q-{first} fieldset").get_attribute("aria-describedby")


def test_an_empty_right_now_answer_shows_the_question_in_its_own_words(fresh_page):
    """Item 9 above 0 and the "right now" question left empty: the person reads that
    question's own wording, never a key name or a developer's message."""
    page = fresh_page
    answers = {"phq9": [1, 1, 1, 1, 1, 1, 1, 1, 1], "antidepressant_trials": 0, "medical": ["none"]}
    fill(page, answers)
    submit(page)
    box = page.locator("#selfcheck-problems")
    expect(box).to_be_focused()
    safety = next(q for q in QUESTIONS if q["name"] == "safety_now")
    (problem,) = _problems_for({f"phq9-{i}": "1" for i in range(1, 10)} | {"antidepressant_trials": "0", "medical": ["none"]})
    assert problem["field"] == "safety_now"
    items = box.locator("li")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text(safety["label"])
    expect(items.first).to_have_text(problem["text"])
    text = box.inner_text()
    assert not KEY_NAME.search(text), text
    assert "required" not in text.lower()
    expect(page.locator("#problem-safety_now")).to_contain_text(safety["label"])
    items.first.locator("a").click()
    expect(page.locator("#safety_now--yes")).to_be_focused()
    # The crisis panel stays on screen while the question is answered.
    expect(page.locator("#selfcheck-crisis-now .selfcheck-crisis-panel")).to_be_visible()


def test_none_of_these_stands_alone(fresh_page):
    page = fresh_page
    answer(page, "medical", "heart-disease")
    answer(page, "medical", "liver-disease")
    answer(page, "medical", "none")
    expect(page.locator("#medical--heart-disease")).not_to_be_checked()
    expect(page.locator("#medical--liver-disease")).not_to_be_checked()
    answer(page, "medical", "heart-disease")
    expect(page.locator("#medical--none")).not_to_be_checked()


def test_changing_an_answer_keeps_the_others(fresh_page):
    page = fresh_page
    fill(page, WORTH_DISCUSSING)
    submit(page)
    assert shown_result(page)["tier"] == "worth-discussing"
    result = page.locator("#selfcheck-result")
    answer(page, "medical", "heart-disease")  # replaces "None of these"
    expect(result.locator(".selfcheck-stale")).to_be_visible()
    for i, value in enumerate(WORTH_DISCUSSING["phq9"], start=1):
        expect(page.locator(f"#phq9-{i}--{value}")).to_be_checked()
    expect(page.locator("#antidepressant_trials--3")).to_be_checked()
    submit(page)
    expect(result).to_have_attribute("data-tier", "medical-review-first")
    expect(result.locator(".selfcheck-stale")).to_be_hidden()


LOW = {"phq9": [1, 1, 0, 0, 0, 0, 0, 0, 0], "antidepressant_trials": 0, "medical": ["none"]}
# In one task, as the reliability review did: press, change to a crisis answer, press again.
PRESS_CHANGE_PRESS = """() => {
  const button = document.getElementById("selfcheck-submit");
  button.click();
  for (const id of ["phq9-9--3"]) { const box = document.getElementById(id); box.checked = true; box.dispatchEvent(new Event("change", {bubbles: true})); }
  const yes = document.getElementById("safety_now--yes"); yes.checked = true; yes.dispatchEvent(new Event("change", {bubbles: true}));
  button.click();
}"""
PRESS_THEN_CHANGE = """() => {
  document.getElementById("selfcheck-submit").click();
  const box = document.getElementById("phq9-9--3"); box.checked = true; box.dispatchEvent(new Event("change", {bubbles: true}));
}"""


def test_a_reply_to_older_answers_is_never_shown_as_current(fresh_page):
    """A form generation counter: a press while a reply is on its way is answered with the
    newer answers; a reply to answers that changed meanwhile is marked out of date."""
    page = fresh_page
    fill(page, LOW)
    page.evaluate(PRESS_CHANGE_PRESS)
    result = page.locator("#selfcheck-result")
    expect(result).to_have_attribute("data-tier", "urgent")
    expect(result).to_have_attribute("data-crisis", "true")
    expect(result.locator(".selfcheck-stale")).to_be_hidden()
    page.locator("#selfcheck-result [data-action='start-again']").click()

    fill(page, LOW)
    page.evaluate(PRESS_THEN_CHANGE)
    expect(result).to_have_attribute("data-tier", "low-symptoms")
    expect(result).to_have_attribute("data-stale", "true")
    expect(result.locator(".selfcheck-stale")).to_be_visible()


def test_a_tampered_single_choice_question_is_refused_not_resolved(fresh_page):
    """Radios turned into check boxes with two answers ticked: the page sends both, and the
    engine refuses them in the question's own words (never picks the first)."""
    page = fresh_page
    fill(page, WORTH_DISCUSSING)
    page.evaluate("""() => {
      for (const input of document.querySelectorAll("input[name='phq9-1']")) input.type = "checkbox";
      document.getElementById("phq9-1--0").checked = true;
      document.getElementById("phq9-1--3").checked = true;
    }""")
    submit(page)
    box = page.locator("#selfcheck-problems")
    expect(box).to_be_focused()
    (problem,) = _problems_for(form_values(WORTH_DISCUSSING) | {"phq9-1": ["0", "3"]})
    expect(box.locator("li")).to_have_text([problem["text"]])
    expect(page.locator("#selfcheck-result")).to_be_hidden()


# ---------------------------------------------------------------- printing

PRINT_DAY = datetime.datetime(2027, 3, 4, 21, 30)  # the device's clock, set by the test


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_print_summary(browser, selfcheck_url):
    context = browser.new_context()
    context.clock.set_fixed_time(PRINT_DAY)
    page = context.new_page()
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    try:
        page.goto(selfcheck_url)
        wait_for_engine(page, "ready")
        answers = {
            "age_group": "65-or-over",
            "phq9": [3, 3, 2, 2, 1, 1, 1, 1, 1], "safety_now": "no", "gad7": [2, 2, 2, 1, 1, 1, 1],
            "diagnoses": ["depression", "anxiety"], "antidepressant_trials": 3, "psychotherapy": "yes",
            "medical": ["uncontrolled-high-blood-pressure", "heart-disease", "substance-use"],
        }
        fill(page, answers)
        submit(page)
        # The device's local date goes to the engine, which writes it in the site's language.
        expected = selfcheck.prepare(page_settings(page)["settings"]).evaluate(answers, today=PRINT_DAY.date().isoformat())
        card, paper = expected["card"], expected["card"]["print"]
        assert shown_result(page)["tier"] == expected["tier"]
        page.emulate_media(media="print")
        summary = page.locator("#selfcheck-print-summary")
        expect(summary).to_be_visible()
        expect(summary.locator("h1")).to_have_text(paper["title"])
        expect(summary.locator(".selfcheck-print-summary__date")).to_have_text(paper["date"])
        assert "4 March 2027" in paper["date"] or "March 4, 2027" in paper["date"]
        # The care card's urgency in words, as the screen shows it, and the headline.
        expect(summary.locator(".selfcheck-print-summary__headline")).to_have_text(f"{card['label']} {card['heading']}")
        expect(summary).to_contain_text(card["headline"])
        # A crisis result (item 9 above 0) carries every crisis line, numbers written out.
        crisis = summary.locator(".selfcheck-print-summary__crisis")
        expect(crisis).to_contain_text(card["emergency_action"]["text"])
        for group in card["crisis"]["groups"]:
            for line in group["lines"]:
                on_paper = crisis.locator(f"[data-line='{line['id']}']")
                expect(on_paper).to_contain_text(line["name"])
                expect(on_paper).to_contain_text(line["number"])
                expect(on_paper).to_contain_text(line["description"])
                for action in line["actions"]:
                    if action["href"].startswith("https://"):  # a web page: its address, written out
                        expect(on_paper).to_contain_text(action["href"].removeprefix("https://").split("/")[0])
        # Every section, its items with their citation numbers.
        for section in card["sections"]:
            shown = summary.locator(f"[data-section='{section['id']}']")
            for i, item in enumerate(section["items"]):
                expected_line = item["text"] + (f" {item['note']}" if item["note"] else "")
                if item["citations"]:
                    expected_line += f" [{', '.join(str(n) for n in item['citations'])}]"
                expect(shown.locator("li").nth(i)).to_have_text(expected_line)
        sections = summary.locator(".selfcheck-print-summary__section")
        expect(sections).to_have_count(len(paper["answers"]))
        expect(sections.first).to_have_text(paper["answers"][0]["section"])
        rows = summary.locator(".selfcheck-print-summary__answers tr:not(.selfcheck-print-summary__section)")
        flat = [row for group in paper["answers"] for row in group["rows"]]
        expect(rows).to_have_count(len(flat))
        for i in (0, 1, len(flat) - 1):
            expect(rows.nth(i)).to_contain_text(flat[i]["question"])
            expect(rows.nth(i)).to_contain_text(flat[i]["answer"])
        expect(summary).to_contain_text(paper["notes_heading"])
        expect(summary.locator(".selfcheck-print-summary__line").first).to_be_visible()
        expect(summary).to_contain_text(paper["not_diagnosis"])
        for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "#selfcheck", "#selfcheck-result", ".md-banner"):
            expect(page.locator(hidden).first).to_be_hidden()
        pdf = page.pdf(format="A4")
        assert _pdf_pages(pdf) == 1
        page.emulate_media(media="screen")
        expect(page.locator("#selfcheck-print-summary")).to_be_hidden()
    finally:
        context.close()


def test_printed_emergency_result_carries_the_emergency_number(fresh_page):
    page = fresh_page
    answers = {"phq9": [3, 3, 3, 3, 1, 0, 0, 0, 2], "safety_now": "yes", "antidepressant_trials": 0, "medical": ["none"]}
    fill(page, answers)
    submit(page)
    card = selfcheck.prepare(page_settings(page)["settings"]).evaluate(answers)["card"]
    assert shown_result(page)["urgency"] == "emergency"
    page.emulate_media(media="print")
    try:
        summary = page.locator("#selfcheck-print-summary")
        text = summary.inner_text()
        emergency = card["emergency_action"]
        assert emergency["href"] == "tel:911" and emergency["text"] in text and "911" in text
        for group in card["crisis"]["groups"]:
            for line in group["lines"]:
                assert line["name"] in text and line["number"] in text, line
        assert _pdf_pages(page.pdf(format="A4")) == 1
    finally:
        page.emulate_media(media="screen")


def test_print_questions_before_a_result(fresh_page):
    page = fresh_page
    page.emulate_media(media="print")
    try:
        expect(page.locator(".selfcheck-print-head")).to_be_visible()
        # A line to write the date on (no date is made up by the page).
        expect(page.locator(".selfcheck-print-head__date")).to_have_text(TEXT["print_date_blank"])
        expect(page.locator("#q-phq9-1")).to_be_visible()
        expect(page.locator("#selfcheck-print-summary")).to_be_hidden()
        expect(page.locator(".md-header")).to_be_hidden()
    finally:
        page.emulate_media(media="screen")


@pytest.mark.parametrize("width", [320, 390])
def test_answer_rows_are_large_touch_targets(browser, selfcheck_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(selfcheck_url)
        # Every visible row (the "right now" answers are hidden until item 9 is above 0).
        heights = page.locator(".selfcheck-option:visible").evaluate_all("rows => rows.map(r => r.getBoundingClientRect().height)")
        assert heights and min(heights) >= 44
        # Nothing wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_focused_answers_are_not_hidden_by_the_header(fresh_page):
    page = fresh_page
    page.set_viewport_size({"width": 390, "height": 700})
    try:
        page.locator("#phq9-1--0").focus()
        for _ in range(12):
            page.keyboard.press("Tab")
            box = page.evaluate("() => document.activeElement.getBoundingClientRect().top")
            header = page.locator(".md-header").evaluate("h => h.getBoundingClientRect().bottom")
            assert box >= header - 1
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})


def test_the_page_and_its_worker_load_without_a_console_warning(browser, selfcheck_url):
    """Nothing preloaded goes unused (Chromium warned about Pyodide's loader on every visit
    when it was a rel="preload"), and the engine starts without an error or a warning."""
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in ("warning", "error") else None)
    page.on("worker", lambda worker: worker.on(
        "console", lambda m: messages.append(f"worker {m.type}: {m.text}") if m.type in ("warning", "error") else None))
    try:
        page.goto(selfcheck_url)
        wait_for_engine(page, "ready")
        page.wait_for_timeout(5000)  # Chromium warns a few seconds after the load event
        assert messages == []
    finally:
        context.close()


def test_engine_ready_status(ready_page):
    expect(ready_page.locator("#selfcheck")).to_have_attribute("data-engine", "ready", timeout=ENGINE_TIMEOUT_MS)
    expect(ready_page.locator("#selfcheck-failed")).to_be_hidden()
