"""The Spanish self-check (es/self-check/) through its form, as a person uses it: the
vignettes give the same tier, urgency and crisis as in English, with the Spanish engine's
own words on the page, and the engine is the main site's one copy. The crisis panel appears
in Spanish the moment PHQ-9 item 9 is above 0.

One vignette for each kind of result (tier, urgency and crisis): the page renders each kind
in Spanish. That every answer set decides the same in Spanish as in English is the property
test's job (tests/engine/test_engine_spanish.py), and every vignette runs through the
English form (test_selfcheck_vignettes.py)."""

from __future__ import annotations

import pytest
from browser_helpers import (
    ENGINE_TIMEOUT_MS,
    as_a_person_can_answer,
    fill,
    load_vignettes,
    shown_result,
    submit,
    wait_for_engine,
)
from playwright.sync_api import expect

import selfcheck

pytestmark = pytest.mark.browser



def one_of_each_kind(vignettes: list[dict]) -> list[dict]:
    kinds: dict[tuple, dict] = {}
    for vignette in vignettes:
        result = selfcheck.evaluate(as_a_person_can_answer(vignette["answers"]))
        kinds.setdefault((result["tier"], result["urgency"], result["crisis"]), vignette)
    return list(kinds.values())


VIGNETTES = one_of_each_kind(load_vignettes())


@pytest.fixture(scope="module")
def spanish_page(browser, site_url):
    """One Spanish self-check page, its engine started; the requests it made."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(ENGINE_TIMEOUT_MS)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "es/self-check/")
    wait_for_engine(page, "ready")
    page.requests = requests
    yield page
    context.close()


@pytest.fixture
def fresh(spanish_page):
    page = spanish_page
    start_again = page.locator("#selfcheck-result [data-action='start-again']")
    if start_again.is_visible():
        start_again.click()
    else:
        page.evaluate("document.getElementById('selfcheck').reset()")
    return page


def test_the_spanish_page_runs_the_main_sites_engine(spanish_page, site_url):
    engine = [u for u in spanish_page.requests if "/pyodide/" in u or "selfcheck-worker" in u]
    assert engine, "the engine was not loaded"
    assert all(u.startswith(site_url + "assets/") for u in engine), engine
    expect(spanish_page.locator("#selfcheck-status")).to_contain_text("La autoevaluación está lista")


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[v["id"] for v in VIGNETTES])
def test_vignette_through_the_spanish_form(fresh, vignette):
    page = fresh
    answers = as_a_person_can_answer(vignette["answers"])
    english = selfcheck.evaluate(answers)
    spanish = selfcheck.evaluate(answers, {"lang": "es"})

    fill(page, answers)
    submit(page)

    assert shown_result(page) == {
        "tier": english["tier"],
        "urgency": english["urgency"],
        "crisis": "true" if english["crisis"] else "false",
    }
    result = page.locator("#selfcheck-result")
    expect(result).to_contain_text(spanish["headline"])
    expect(result).to_contain_text(spanish["care_card"]["heading"])
    for reason in spanish["reasons"]:
        expect(result.locator("[data-section='reasons']")).to_contain_text(reason["text"])
    expect(result).to_contain_text(spanish["disclaimer"])
    shown = result.inner_text()
    assert english["headline"] not in shown
    # The card's headings are Spanish too; a crisis result says how to get help in Spanish
    # (988: press 2; Crisis Text Line: AYUDA), never the English way.
    for english_section, spanish_section in zip(english["card"]["sections"], spanish["card"]["sections"]):
        assert english_section["heading"] not in shown
        expect(result).to_contain_text(spanish_section["heading"])
    if spanish["crisis"]:
        expect(result).to_contain_text("Llame al 988 y marque 2")
        expect(result).to_contain_text("AYUDA al 741741")
        assert "Call 911" not in shown and "HOME" not in shown


def test_the_crisis_panel_appears_in_spanish(fresh):
    page = fresh
    page.locator('label[for="phq9-9--1"]').click()
    panel = page.locator("#selfcheck-crisis-now .selfcheck-crisis-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Puede recibir ayuda ahora")
    expect(panel).to_contain_text("Línea 988 de Prevención del Suicidio y Crisis")
    expect(panel).to_contain_text("marque 2")
