"""Helpers for the self-check page's browser tests (a unique module name, so they never
clash with other test folders' helpers). They drive the page as a person would: click the
answer's label, press the submit button, read what is shown."""

from __future__ import annotations

import tomllib
from pathlib import Path

from playwright.sync_api import Page, expect

from selfcheck import questionnaire

ROOT = Path(__file__).resolve().parents[2]
VIGNETTES = ROOT / "tests" / "engine" / "vignettes.toml"
SELF_CHECK = "self-check/"
# Pyodide starts in about 5 s here; allow for a loaded CI machine.
ENGINE_TIMEOUT_MS = 60_000

SCREENERS = ("phq9", "gad7")
CHECK_BOXES = ("diagnoses", "medical")
SINGLES = ("age_group", "safety_now", "antidepressant_trials", "psychotherapy")


def load_vignettes() -> list[dict]:
    return tomllib.loads(VIGNETTES.read_text(encoding="utf-8"))["vignette"]


def wait_for_engine(page: Page, state: str, timeout: int = ENGINE_TIMEOUT_MS) -> None:
    expect(page.locator("#selfcheck")).to_have_attribute("data-engine", state, timeout=timeout)


def as_a_person_can_answer(answers: dict) -> dict:
    """The answers a person can give on the page. The "right now" question (safety_now)
    is only shown while PHQ-9 item 9 is above 0; otherwise it cannot be answered and the
    page does not send it, so it is dropped here too."""
    out = dict(answers)
    if out.get("phq9", [0] * 9)[8] == 0:
        out.pop("safety_now", None)
    # Older values the engine still accepts (version 1's "recent-mania") are ticked as the
    # check box that stands for them now ("mania-history").
    for key in CHECK_BOXES:
        if key in out:
            out[key] = list(dict.fromkeys(questionnaire.question(key).canonical(v) or v for v in out[key]))
    return out


def form_choices(answers: dict) -> list[tuple[str, str]]:
    """(field name, value) pairs to tick for a contract answers object, in page order."""
    choices: list[tuple[str, str]] = []
    if "age_group" in answers:  # asked first
        choices.append(("age_group", answers["age_group"]))
    for key in SCREENERS:
        for i, value in enumerate(answers.get(key) or []):
            choices.append((f"{key}-{i + 1}", str(value)))
            if key == "phq9" and i == 8 and "safety_now" in answers:
                choices.append(("safety_now", answers["safety_now"]))
    for key in ("diagnoses",):
        choices += [(key, v) for v in answers.get(key) or []]
    for key in ("antidepressant_trials", "psychotherapy"):
        if key in answers:
            choices.append((key, str(answers[key])))
    choices += [("medical", v) for v in answers.get("medical") or []]
    return choices


def answer(page: Page, name: str, value: str) -> None:
    """Tick one answer by clicking its label, as a person taps the row."""
    page.locator(f'label[for="{name}--{value}"]').click()


def fill(page: Page, answers: dict) -> None:
    for name, value in form_choices(answers):
        answer(page, name, value)


def submit(page: Page) -> None:
    page.locator("#selfcheck-submit").click()


def shown_result(page: Page) -> dict:
    result = page.locator("#selfcheck-result")
    expect(result).to_have_attribute("data-tier", _any(), timeout=15_000)
    return {
        "tier": result.get_attribute("data-tier"),
        "urgency": result.get_attribute("data-urgency"),
        "crisis": result.get_attribute("data-crisis"),
    }


def _any():
    import re

    return re.compile(r".+")


def storage_dump(page: Page) -> str:
    """Everything in the page's cookies, web storage and IndexedDB, as one string."""
    return page.evaluate(
        """async () => {
            const parts = [document.cookie];
            for (const store of [localStorage, sessionStorage]) {
                for (let i = 0; i < store.length; i++) {
                    const key = store.key(i);
                    parts.push(key, store.getItem(key));
                }
            }
            const names = indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [];
            parts.push(...names);
            return JSON.stringify({count: parts.filter(Boolean).length, parts});
        }"""
    )
