"""Every vignette through the real form: tick the answers as a person would, press the
button, and compare what the page shows with the engine's result for the same answers and
the page's own settings (computed here, in the test process, so nothing is hard-coded):
tier, urgency and crisis, and the whole card as rendered, read back from the page: its
heading and the words a screen reader hears first, the emergency action, the crisis lines
in their groups, every section's heading and items in order, every citation number and
link, the clinic's box and the sources.

One page is shared (Pyodide starts once); each vignette ends with "Start again".
"""

from __future__ import annotations

import re

import pytest
from browser_helpers import (
    as_a_person_can_answer,
    card_as_shown,
    fill,
    load_vignettes,
    page_settings,
    rendered_card,
    shown_result,
    submit,
)
from playwright.sync_api import expect

import selfcheck

pytestmark = pytest.mark.browser

VIGNETTES = load_vignettes()
URGENCIES = ("emergency", "today", "soon", "routine")
TIERS = ("urgent", "medical-review-first", "low-symptoms", "other-options-first", "worth-discussing")


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
    data = page_settings(page)
    expected = selfcheck.prepare(data["settings"]).evaluate(answers)

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
    # The care card comes first, styled by the engine; its heading names the region and
    # has focus, and a screen reader hears the urgency's label first.
    expect(result.locator(":scope > *").first).to_have_class(re.compile(r"\bcare-card\b"))
    expect(card).to_have_class(re.compile(f"care-card--{expected['card']['style']}"))
    heading = card.locator(".care-card__heading")
    assert result.get_attribute("aria-labelledby") == heading.get_attribute("id")
    expect(heading).to_be_focused()
    expect(heading).to_have_text(f"{expected['card']['label']} {expected['card']['heading']}")
    # The whole card, as rendered, is the engine's card: nothing added, dropped or reordered.
    assert rendered_card(page) == card_as_shown(expected["card"], data["root"])
    # Crisis help comes first (straight under the card's heading) whenever crisis is true,
    # and only then; a crisis result never says "non-urgent" anywhere.
    if expected["crisis"]:
        first = card.locator(".care-card__content > *").first
        expect(first).to_have_class(re.compile(r"care-card__action|selfcheck-crisis-panel"))
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
