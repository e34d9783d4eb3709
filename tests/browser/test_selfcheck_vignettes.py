"""Every vignette through the real form: tick the answers as a person would, press the
button, and compare what the page shows with selfcheck.evaluate of the same answers
(computed here, in the test process, so nothing is hard-coded): tier, urgency and crisis,
the care card's heading and the words a screen reader hears first, and crisis help first.

One page is shared (Pyodide starts once); each vignette ends with "Start again".
"""

from __future__ import annotations

import re

import pytest
from browser_helpers import as_a_person_can_answer, fill, load_vignettes, shown_result, submit
from playwright.sync_api import expect

import selfcheck

pytestmark = pytest.mark.browser

VIGNETTES = load_vignettes()
URGENCIES = ("emergency", "today", "soon", "routine")
TIERS = ("urgent", "medical-review-first", "low-symptoms", "other-options-first", "worth-discussing")
# The care card's style for each urgency, after the NHS pattern.
CARD_STYLE = {"emergency": "care-card--emergency", "today": "care-card--urgent",
              "soon": "care-card--non-urgent", "routine": "care-card--non-urgent"}


def _expected(vignette: dict) -> dict:
    return selfcheck.evaluate(as_a_person_can_answer(vignette["answers"]))


def test_the_vignettes_cover_every_tier_and_urgency_as_the_page_sends_them():
    results = [_expected(v) for v in VIGNETTES]
    assert {r["tier"] for r in results} >= set(TIERS)
    assert {r["urgency"] for r in results} >= set(URGENCIES)
    assert {r["crisis"] for r in results} == {True, False}


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_vignette_through_the_form(fresh_page, vignette):
    page = fresh_page
    answers = as_a_person_can_answer(vignette["answers"])
    expected = selfcheck.evaluate(answers)

    fill(page, answers)
    submit(page)

    shown = shown_result(page)
    assert shown == {
        "tier": expected["tier"],
        "urgency": expected["urgency"],
        "crisis": "true" if expected["crisis"] else "false",
    }
    result = page.locator("#selfcheck-result")
    card = result.locator(":scope > .care-card")
    # The care card comes first, styled by urgency; its heading is what the region is
    # named by, and a screen reader hears the urgency's label first.
    expect(result.locator(":scope > *").first).to_have_class(re.compile(r"\bcare-card\b"))
    expect(card).to_have_class(re.compile(CARD_STYLE[expected["urgency"]]))
    expect(card).to_have_attribute("data-urgency", expected["urgency"])
    heading = card.locator(".care-card__heading")
    assert result.get_attribute("aria-labelledby") == heading.get_attribute("id")
    expect(heading).to_have_text(f"{expected['care_card']['label']} {expected['care_card']['heading']}")
    expect(heading.locator(".md-visually-hidden")).to_have_text(expected["care_card"]["label"])
    # The engine's own words are what the page shows.
    expect(card).to_contain_text(expected["headline"])
    for reason in expected["reasons"]:
        expect(result.locator(".selfcheck-reasons")).to_contain_text(reason["text"])
    # Crisis help comes first (straight under the card's heading) whenever crisis is
    # true, and only then; a crisis result never says "non-urgent" anywhere.
    panel = card.locator(".selfcheck-crisis-panel")
    if expected["crisis"]:
        expect(card.locator(".care-card__content > *").first).to_have_class("selfcheck-crisis-panel")
        lines = panel.locator(".crisis-lines__item")
        assert lines.evaluate_all("items => items.map(i => i.dataset.line)") == [
            line["id"] for line in expected["crisis_lines"]
        ]
        assert "non-urgent" not in result.inner_text().lower()
        assert "non-urgent" not in heading.text_content().lower()
    else:
        expect(result.locator(".selfcheck-crisis-panel")).to_have_count(0)
    if vignette["answers"] == answers:  # what the page could send is the vignette itself
        assert (expected["tier"], expected["crisis"]) == (vignette["tier"], vignette["crisis"])
        assert expected["urgency"] == vignette.get("urgency", expected["urgency"])

    page.locator("#selfcheck-result [data-action='start-again']").click()
    expect(result).to_be_hidden()
    assert page.locator("#selfcheck input:checked").count() == 0
