"""Every string comes from the locale file; every id used exists, every placeholder is
filled, no dead strings; the words follow the contract and the NHS style rules."""

from __future__ import annotations

import re

import pytest
from engine_helpers import BANNED, load_vignettes, valid_answers

import selfcheck
from selfcheck import AnswersError, crisis, questionnaire, text
from selfcheck.text import Catalog, MessageError

CLINIC = {"name": "Example Clinic", "phone": "555 0100", "booking_url": "https://example.org/book"}

# Published screener text and the licence line keep their own wording; problem messages
# are short technical fragments. Everything else follows the style rules.
PUBLISHED = re.compile(r"^(phq9\.(item|stem)|gad7\.(item|stem)|screener\.)")
TECHNICAL = re.compile(r"^(problem|value)\.")


def exercise_everything() -> None:
    """Touch every path that produces text: questions, describe, every tier, reason,
    consult variant and problem message."""
    for lang in text.available_languages():
        selfcheck.questions(lang)
        selfcheck.describe(lang)
        articles = {p: "Title" for p in ("learn/who-may-benefit/", "learn/side-effects-and-risks/", "get-help-now/",
                                         "learn/other-treatments/", "learn/questions-to-ask/")}
        for v in load_vignettes():
            for clinic in (None, CLINIC, {"name": "Example Clinic"}, {"publisher": "Example Group"}):
                selfcheck.evaluate(v["answers"], {"lang": lang, "clinic": clinic, "articles": articles},
                                   today="2026-12-06")
        for country in selfcheck.crisis.countries():  # each country's kinds of crisis line
            selfcheck.evaluate(valid_answers(phq9=[1] * 9, safety_now="no"), {"lang": lang, "country": country})
        bad_inputs = [
            None,  # not-an-object
            {"x": 1, "phq9": "x", "medical": [], "diagnoses": "x"},  # unknown, not-a-list, empty, not-a-string-list
            {"phq9": [0], "antidepressant_trials": {}, "medical": ["none", "none", "heart-disease", 1]},
            {"phq9": [0] * 8 + [1], "gad7": [[], 10**100, {1}, 1.5, 0, 0, 0], "psychotherapy": "x",
             "antidepressant_trials": 1, "medical": ["none"]},  # required-when, values, choice
            {"phq9": [0] * 9, "antidepressant_trials": 0},  # required
        ]
        bad_inputs.append({f"x{n}": n for n in range(60)})  # more than 50 problems
        for bad in bad_inputs:
            with pytest.raises(AnswersError) as caught:
                selfcheck.evaluate(bad, {"lang": lang})
            caught.value.as_dict()
        # A clinic list with emergency lines only: the crisis step names no helpline.
        emergency_only = [{"id": "c-1", "name": "Emergency services", "number": "999", "tel": "999",
                           "how": ["call"], "url": None, "emergency": True, "description": "Call 999."}]
        for safety in ("yes", "no"):
            selfcheck.evaluate(valid_answers(phq9=[1] * 9, safety_now=safety),
                               {"lang": lang, "country": "GB", "crisis_lines": emergency_only})
        # A line with an option to choose after calling (988 in Spanish: press 2; here a
        # clinic's own line, so every language shows it).
        with_option = [*emergency_only, {"id": "c-2", "name": "Example Line", "number": "0800 123 456",
                                          "tel": "0800123456", "how": ["call"], "press": "1", "url": None,
                                          "emergency": False, "description": "Call and press 1."}]
        selfcheck.evaluate(valid_answers(phq9=[1] * 9, safety_now="no"),
                           {"lang": lang, "country": "GB", "crisis_lines": with_option})
        # Every month of the printed date, and psychosis now (urgency "today" without crisis).
        for month in range(1, 13):
            selfcheck.evaluate(valid_answers(), {"lang": lang}, today=f"2026-{month:02}-01")
        selfcheck.evaluate(valid_answers(medical=["psychosis-now"]), {"lang": lang})
        bad_forms = [
            {"phq9-1": 1, "phq9-2": ["1", "2"], "gad7-1": "1", "medical": ["none"]},  # form-value, one-value, with-section
        ]
        for bad in bad_forms:
            with pytest.raises(AnswersError):
                selfcheck.answers_from_form(bad, lang)


@pytest.fixture(scope="module")
def used_ids() -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    original = Catalog.get

    def recording_get(self, msg_id, **values):
        seen.setdefault(self.lang, set()).add(msg_id)
        return original(self, msg_id, **values)

    Catalog.get = recording_get
    try:
        exercise_everything()
    finally:
        Catalog.get = original
    return seen


def test_every_message_used_exists_and_none_is_dead(used_ids):
    for lang in text.available_languages():
        catalog = text.catalog(lang)
        assert used_ids[lang] <= catalog.ids()  # also: get() would have raised
        dead = catalog.ids() - used_ids[lang]
        assert not dead, f"{lang}: messages never used: {sorted(dead)}"


def test_questionnaire_ids_exist():
    for lang in text.available_languages():
        missing = questionnaire.message_ids() - text.catalog(lang).ids()
        assert not missing


def test_locales_match_english():
    en = text.catalog("en")
    for lang in text.available_languages():
        other = text.catalog(lang)
        assert other.ids() == en.ids(), lang
        for msg_id in en.ids():
            assert text.placeholders(other.messages[msg_id]) == text.placeholders(en.messages[msg_id]), msg_id


def test_placeholders_must_be_filled_exactly():
    en = text.catalog("en")
    with pytest.raises(MessageError):
        en.get("consult.clinic_phone", clinic_name="X")
    with pytest.raises(MessageError):
        en.get("consult.generic", clinic_name="X")
    with pytest.raises(MessageError):
        en.get("no.such.message")
    for bad in ("xx", ["en"], None, "../en"):
        with pytest.raises(ValueError):
            text.catalog(bad)
        with pytest.raises(ValueError):
            selfcheck.questions(bad)
        with pytest.raises(ValueError):
            selfcheck.describe(bad)


def test_clinic_values_are_inserted_literally():
    result = selfcheck.evaluate(valid_answers(), {"clinic": {"name": "{clinic_phone} & Co {0}", "phone": "555 0100"}})
    assert "{clinic_phone} & Co {0}" in result["consult"] and "555 0100" in result["consult"]
    assert "{clinic_phone} & Co {0}" in result["card"]["clinic"]["text"]


def test_consult_variants():
    assert "a qualified clinician" in selfcheck.evaluate(valid_answers())["consult"]
    with_phone = selfcheck.evaluate(valid_answers(), {"clinic": CLINIC})["consult"]
    assert "Example Clinic" in with_phone and "555 0100" in with_phone
    name_only = selfcheck.evaluate(valid_answers(), {"clinic": {"name": "Example Clinic", "phone": None}})["consult"]
    assert "Example Clinic" in name_only
    blank = selfcheck.evaluate(valid_answers(), {"clinic": {"name": "  "}})["consult"]
    assert "a qualified clinician" in blank


def _all_strings(lang: str) -> dict[str, str]:
    strings = dict(text.catalog(lang).messages)
    for country in crisis.countries():
        for line in crisis.lines_for(country, lang):
            strings[f"crisis_lines.{line['id']}"] = line["description"]
    return strings


def test_no_banned_words_anywhere():
    for lang in text.available_languages():
        for msg_id, s in _all_strings(lang).items():
            assert not BANNED.search(s), f"{msg_id}: {s}"
    assert "candidate" not in " ".join(_all_strings("en").values()).lower()


def test_banned_word_check_itself_works():
    assert BANNED.search("You are eligible.") and BANNED.search("you are not a candidate")
    assert BANNED.search("You QUALIFY") and not BANNED.search("a qualified clinician")


def _sentences(s: str) -> list[str]:
    return [x for x in re.split(r"(?<=[.!?])\s+", s.strip()) if x]


def test_sentences_are_short():
    """NHS style: sentences of 20 words or fewer (published screener text excepted)."""
    for msg_id, s in _all_strings("en").items():
        if PUBLISHED.match(msg_id) or TECHNICAL.match(msg_id):
            continue
        for sentence in _sentences(s):
            assert len(sentence.split()) <= 20, f"{msg_id}: {sentence}"


def test_published_screener_text():
    en = text.catalog("en")
    assert en.get("phq9.stem") == "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    assert en.get("gad7.stem") == "Over the last 2 weeks, how often have you been bothered by the following problems?"
    assert [en.get(f"screener.option.{n}") for n in range(4)] == [
        "Not at all", "Several days", "More than half the days", "Nearly every day"]
    assert en.get("phq9.item.9") == "Thoughts that you would be better off dead or of hurting yourself in some way"
    assert en.get("gad7.item.7") == "Feeling afraid as if something awful might happen"
    assert en.get("screener.credit") == (
        "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
        "with an educational grant from Pfizer Inc. No permission required to reproduce, translate, "
        "display or distribute."
    )


def test_disclaimer_says_what_it_must():
    d = text.catalog("en").get("disclaimer.text").lower()
    assert "not a diagnosis" in d and "not medical advice" in d and "not binding" in d
