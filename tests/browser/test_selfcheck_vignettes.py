"""Every vignette through the real form: tick the answers as a person would, press the
button, and compare what the page shows with selfcheck.evaluate of the same answers.

One page is shared (Pyodide starts once); each vignette ends with "Start again".
"""

from __future__ import annotations

import pytest
from browser_helpers import as_a_person_can_answer, fill, load_vignettes, shown_result, submit
from playwright.sync_api import expect

import selfcheck

pytestmark = pytest.mark.browser

VIGNETTES = load_vignettes()


def test_there_are_enough_vignettes():
    assert len(VIGNETTES) >= 40
    assert {v["tier"] for v in VIGNETTES} >= {
        "urgent", "medical-review-first", "low-symptoms", "other-options-first", "worth-discussing",
    }


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_vignette_through_the_form(fresh_page, vignette):
    page = fresh_page
    answers = as_a_person_can_answer(vignette["answers"])
    expected = selfcheck.evaluate(answers)

    fill(page, answers)
    submit(page)

    shown = shown_result(page)
    assert shown == {"tier": expected["tier"], "crisis": "true" if expected["crisis"] else "false"}
    result = page.locator("#selfcheck-result")
    # The engine's own words are what the page shows.
    expect(result.locator(".care-card__heading")).to_contain_text(expected["headline"])
    for reason in expected["reasons"]:
        expect(result.locator(".selfcheck-reasons")).to_contain_text(reason["text"])
    # Crisis help comes first whenever crisis is true, and only then.
    first = result.locator(":scope > *").first
    if expected["crisis"]:
        expect(first).to_have_class("selfcheck-crisis-panel")
    else:
        expect(result.locator(".selfcheck-crisis-panel")).to_have_count(0)
    if vignette["answers"] == answers:  # what the page could send is the vignette itself
        assert (expected["tier"], expected["crisis"]) == (vignette["tier"], vignette["crisis"])

    page.locator("#selfcheck-result [data-action='start-again']").click()
    expect(result).to_be_hidden()
    assert page.locator("#selfcheck input:checked").count() == 0
