"""The self-check page in a real browser: the form as built, crisis first without Python,
the failure state, keyboard-only use, the announced result, problems, printing."""

from __future__ import annotations

import datetime
import re

import pytest
from browser_helpers import (
    ENGINE_TIMEOUT_MS,
    SELF_CHECK,
    answer,
    fill,
    shown_result,
    submit,
    wait_for_engine,
)
from playwright.sync_api import expect

import selfcheck
import selfcheck.bibliography
from sitebuild.context import load_site_text
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

QUESTIONNAIRE = selfcheck.questions("en")
QUESTIONS = [q for s in QUESTIONNAIRE["sections"] for q in s["questions"]]
TEXT = load_site_text(ROOT, "en")["selfcheck_page"]
WORTH_DISCUSSING = {"phq9": [2, 2, 2, 2, 1, 1, 1, 1, 0], "antidepressant_trials": 3, "medical": ["none"]}


# ---------------------------------------------------------------- the page as built


def test_form_without_javascript(browser, selfcheck_url):
    """Readable, printable and safe with JavaScript off: every question, a label on every
    input, the "right now" question visible, and no way to submit answers anywhere."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(selfcheck_url)
        form = page.locator("form#selfcheck")
        expect(form).to_have_attribute("data-engine", "loading")
        assert form.get_attribute("action") is None and form.get_attribute("method") is None
        expect(page.locator("#selfcheck-submit")).to_be_disabled()
        expect(page.locator("#selfcheck-js-needed")).to_be_visible()
        expect(page.locator("#selfcheck-js-needed")).to_have_text(TEXT["js_needed"])

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
        before = page.url
        page.locator("#phq9-1--2").focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        assert page.url == before
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


def test_embedded_data_covers_every_reason(built_site):
    """Every source a result can cite and every article a reason links to is in the page."""
    import json

    html = (built_site / SELF_CHECK / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="selfcheck-data">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    rules = selfcheck.describe("en")
    for reason in rules["reasons"]:
        for source in reason["sources"]:
            assert data["sources"][source]["citation"]
        assert data["articles"][reason["article"]]["title"], reason["article"]
        assert data["articles"][reason["article"]]["href"].startswith("../")


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
    # The emergency number: one clear action first, and in its place in the list.
    expect(panel.locator(".selfcheck-crisis-panel__emergency a[href='tel:911']")).to_be_visible()
    expect(panel.locator("[data-line='us-911'] a[href='tel:911']")).to_be_visible()
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
    expect(page.locator("#selfcheck-result")).to_be_hidden()

    # The printed page is the questions, with the answers so far, without the site's chrome.
    page.emulate_media(media="print")
    expect(page.locator(".selfcheck-print-head")).to_be_visible()
    expect(page.locator("#q-phq9-1")).to_be_visible()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(failed).to_be_hidden()


def test_failure_when_the_worker_cannot_load(browser, selfcheck_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.route("**/selfcheck-worker.js", lambda route: route.fulfill(status=404, body="not found"))
        page.goto(selfcheck_url)
        wait_for_engine(page, "failed", timeout=10_000)
        expect(page.locator("#selfcheck-failed")).to_be_visible()
    finally:
        context.close()


def test_failure_when_the_engine_never_starts(browser, selfcheck_url):
    """As with a CSP without 'wasm-unsafe-eval', where loadPyodide never settles: the time
    limit turns "loading" into "failed"."""
    context = browser.new_context()
    page = context.new_page()
    try:
        context.route("**/pyodide.asm.wasm", lambda route: None)  # never answered
        page.goto(selfcheck_url)
        expect(page.locator("#selfcheck")).to_have_attribute("data-engine", "loading")
        wait_for_engine(page, "failed", timeout=30_000)
        expect(page.locator("#selfcheck-failed")).to_be_visible()
        expect(page.locator("#selfcheck-status")).to_have_text(TEXT["status_failed"])
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
    expect(page.locator("#selfcheck-result")).to_be_focused()
    # Start again from the keyboard too: focus goes back to the top.
    page.locator("#selfcheck-result [data-action='start-again']").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#selfcheck-result")).to_be_hidden()
    expect(page.locator("h1").first).to_be_focused()


def test_result_is_announced(fresh_page):
    page = fresh_page
    fill(page, WORTH_DISCUSSING)
    submit(page)
    result = page.locator("#selfcheck-result")
    expect(result).to_be_focused()
    assert result.get_attribute("tabindex") == "-1"
    heading_id = result.get_attribute("aria-labelledby")
    expected = selfcheck.evaluate(WORTH_DISCUSSING)
    assert expected["urgency"] == "routine"
    # The region is named by the care card's heading; a screen reader hears the urgency
    # first ("Non-urgent advice:"-style words, from the engine), then the heading.
    card = expected["care_card"]
    expect(page.locator(f"#{heading_id}")).to_have_text(f"{card['label']} {card['heading']}")
    expect(page.locator(f"#{heading_id} .md-visually-hidden")).to_have_text(card["label"])
    expect(result.locator(".care-card")).to_have_class(re.compile("care-card--non-urgent"))
    assert _contrast(result.locator(".care-card__heading")) >= 4.5
    expect(result.locator(".care-card")).to_contain_text(expected["headline"])
    expect(result.locator(".care-card")).to_contain_text(expected["summary"])
    expect(result).to_have_attribute("data-urgency", "routine")
    status = page.locator("#selfcheck-status")
    assert status.get_attribute("role") == "status"
    expect(status).to_have_text(TEXT["status_result"])
    # Scores with bands, next steps, consult and disclaimer: the engine's words.
    expect(result).to_contain_text(f"PHQ-9: {expected['scores']['phq9']['total']} out of 27. {expected['scores']['phq9']['label']}.")
    expect(result).to_contain_text("GAD-7: not answered.")
    for step in expected["next_steps"]:
        expect(result.locator(".selfcheck-steps")).to_contain_text(step)
    expect(result).to_contain_text(expected["consult"])
    expect(result).to_contain_text(expected["disclaimer"])
    # Reasons link to their article and their numbered sources.
    reasons = result.locator(".selfcheck-reason")
    expect(reasons).to_have_count(len(expected["reasons"]))
    first = reasons.first
    assert first.locator("a").first.get_attribute("href").startswith("../")
    cite = first.locator(".selfcheck-cite").first
    target = cite.get_attribute("href")
    expect(page.locator(target)).to_contain_text(selfcheck.bibliography.get(expected["reasons"][0]["sources"][0]).citation)
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


def test_urgent_result_is_an_emergency_card_with_the_crisis_lines_first(fresh_page):
    page = fresh_page
    answers = {"phq9": [3, 3, 3, 3, 1, 0, 0, 0, 2], "safety_now": "yes", "antidepressant_trials": 0, "medical": ["none"]}
    expected = selfcheck.evaluate(answers)
    fill(page, answers)
    submit(page)
    assert shown_result(page) == {"tier": "urgent", "urgency": "emergency", "crisis": "true"}
    result = page.locator("#selfcheck-result")
    card = result.locator(":scope > *").first
    expect(card).to_have_class(re.compile("care-card--emergency"))
    assert _contrast(card.locator(".care-card__heading")) >= 4.5
    assert _contrast(card.locator(".care-card__content")) >= 4.5
    expect(card.locator(".care-card__heading .md-visually-hidden")).to_have_text(expected["care_card"]["label"])
    # Straight under the heading: the crisis lines, as the page lists them (one rendering,
    # one order: the engine's), ending with "or your local emergency number" as text.
    panel = card.locator(".care-card__content > *").first
    expect(panel).to_have_class("selfcheck-crisis-panel")
    ids = _line_ids(panel)
    assert ids == _line_ids(page.locator("#selfcheck-help-now")) == [line["id"] for line in expected["crisis_lines"]]
    assert ids[-1] == "local-emergency"
    # The emergency number is one clear action before the list (not a re-sorted list).
    emergency = next(line for line in expected["crisis_lines"] if line["emergency"] and line["number"])
    action = panel.locator(".selfcheck-crisis-panel__emergency a")
    expect(action).to_have_attribute("href", f"tel:{emergency['tel']}")
    expect(action).to_contain_text(emergency["number"])
    assert action.evaluate("a => a.compareDocumentPosition(a.closest('.selfcheck-crisis-panel').querySelector('.crisis-lines')) & Node.DOCUMENT_POSITION_FOLLOWING")
    local = panel.locator("[data-line='local-emergency']")
    expect(local.locator("a")).to_have_count(0)
    expect(panel.locator(".crisis-lines__item--emergency a[href^='tel:']").first).to_be_visible()
    # Each line's description is shown once, not repeated in the next steps.
    text = result.inner_text()
    for line in expected["crisis_lines"]:
        assert text.count(line["description"]) == 1, line["id"]
    assert "non-urgent" not in text.lower()


def test_result_for_thoughts_of_self_harm_is_urgent_today(fresh_page):
    """The review's case: item 9 only, no past treatment, "no" to right now."""
    page = fresh_page
    answers = {"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 3], "safety_now": "no", "antidepressant_trials": 0, "medical": ["none"]}
    expected = selfcheck.evaluate(answers)
    fill(page, answers)
    submit(page)
    assert shown_result(page) == {"tier": expected["tier"], "urgency": "today", "crisis": "true"}
    result = page.locator("#selfcheck-result")
    card = result.locator(".care-card")
    expect(card).to_have_class(re.compile("care-card--urgent"))
    assert _contrast(card.locator(".care-card__heading")) >= 4.5
    expect(card.locator(".care-card__heading")).to_have_text(f"{expected['care_card']['label']} {expected['care_card']['heading']}")
    assert _line_ids(card) == _line_ids(page.locator("#selfcheck-help-now"))
    assert "non-urgent" not in result.inner_text().lower()
    # A low total is not read as reassurance: the engine's note on what a score cannot show.
    note = expected["scores"]["phq9"].get("note")
    if note:
        expect(result.locator(".selfcheck-score-note")).to_have_text(note)


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


# ---------------------------------------------------------------- printing


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_print_summary(fresh_page):
    page = fresh_page
    answers = {
        "age_group": "65-or-over",
        "phq9": [3, 3, 2, 2, 1, 1, 1, 1, 1], "safety_now": "no", "gad7": [2, 2, 2, 1, 1, 1, 1],
        "diagnoses": ["depression", "anxiety"], "antidepressant_trials": 3, "psychotherapy": "yes",
        "medical": ["uncontrolled-high-blood-pressure", "heart-disease", "substance-use"],
    }
    fill(page, answers)
    submit(page)
    expected = selfcheck.evaluate(answers)
    assert shown_result(page)["tier"] == expected["tier"]
    page.emulate_media(media="print")
    try:
        summary = page.locator("#selfcheck-print-summary")
        expect(summary).to_be_visible()
        expect(summary.locator("h1")).to_have_text(TEXT["print_heading"])
        today = datetime.date.today()
        expect(summary.locator(".selfcheck-print-summary__date")).to_contain_text(str(today.year))
        expect(summary.locator(".selfcheck-print-summary__date")).to_contain_text(today.strftime("%B"))
        expect(summary).to_contain_text(expected["headline"])
        expect(summary).to_contain_text(f"PHQ-9: {expected['scores']['phq9']['total']} out of 27")
        expect(summary).to_contain_text(f"GAD-7: {expected['scores']['gad7']['total']} out of 21")
        for reason in expected["reasons"]:
            expect(summary).to_contain_text(reason["text"])
        sections = summary.locator(".selfcheck-print-summary__section")
        expect(sections).to_have_count(len(QUESTIONNAIRE["sections"]))
        expect(sections.first).to_have_text(QUESTIONNAIRE["sections"][0]["title"])
        rows = summary.locator(".selfcheck-print-summary__answers tr:not(.selfcheck-print-summary__section)")
        expect(rows).to_have_count(len(QUESTIONS))  # item 9 is above 0: safety_now is asked
        for row, question in ((0, "age_group"), (1, "phq9-1")):
            q = next(q for q in QUESTIONS if q["name"] == question)
            chosen = next(o["label"] for o in q["options"] if o["value"] == str(answers[q["answer_key"]] if q["index"] is None else answers[q["answer_key"]][q["index"]]))
            expect(rows.nth(row)).to_contain_text(q["label"])
            expect(rows.nth(row)).to_contain_text(chosen)
        # The care card's urgency, in words, as the screen shows it.
        expect(summary).to_contain_text(f"{expected['care_card']['label']} {expected['care_card']['heading']}")
        expect(summary).to_contain_text(TEXT["print_notes"])
        expect(summary.locator(".selfcheck-print-summary__line").first).to_be_visible()
        for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "#selfcheck", "#selfcheck-result", ".md-banner"):
            expect(page.locator(hidden).first).to_be_hidden()
        pdf = page.pdf(format="A4")
        assert _pdf_pages(pdf) == 1
    finally:
        page.emulate_media(media="screen")
    expect(page.locator("#selfcheck-print-summary")).to_be_hidden()


def test_print_questions_before_a_result(fresh_page):
    page = fresh_page
    page.emulate_media(media="print")
    try:
        expect(page.locator(".selfcheck-print-head")).to_be_visible()
        expect(page.locator(".selfcheck-print-head")).to_contain_text(str(datetime.date.today().year))
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


def test_engine_ready_status(ready_page):
    expect(ready_page.locator("#selfcheck")).to_have_attribute("data-engine", "ready", timeout=ENGINE_TIMEOUT_MS)
    expect(ready_page.locator("#selfcheck-failed")).to_be_hidden()
