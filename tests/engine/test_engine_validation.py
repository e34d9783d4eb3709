"""Bad answers: one error type, every problem, each naming its key; never a result."""

from __future__ import annotations

import re

import math

import pytest
from engine_helpers import valid_answers
from hypothesis import given, settings
from hypothesis import strategies as st

import selfcheck
from selfcheck import AnswersError


def problems(answers) -> dict[str, str]:
    with pytest.raises(AnswersError) as info:
        selfcheck.evaluate(answers)
    assert isinstance(info.value, ValueError)
    assert info.value.problems, "an AnswersError always lists its problems"
    return {p.key: p.message for p in info.value.problems}


def test_valid_minimal_answers_pass():
    assert selfcheck.evaluate(valid_answers())["tier"] == "worth-discussing"


@pytest.mark.parametrize("top", [None, [], [1, 2], "phq9", 3, 2.5, True, math.nan])
def test_top_level_must_be_an_object(top):
    assert list(problems(top)) == ["answers"]


def test_missing_required_keys_are_named():
    assert set(problems({})) == {"phq9", "antidepressant_trials", "medical"}


def test_unknown_keys_are_named():
    p = problems(valid_answers(phq10=[0], extra=None))
    assert set(p) == {"phq10", "extra"}
    assert "not a question" in p["phq10"]


def test_non_string_and_odd_keys_are_named_safely():
    p = problems({**valid_answers(), 1: 2, "a\nb": 1, "x" * 500: 0})
    assert "<int key>" in p
    assert '"a\\nb"' in p
    assert all("\n" not in k and len(k) < 60 for k in p)


@pytest.mark.parametrize(
    "value,got",
    [("x", '"x"'), (True, "true"), (False, "false"), (None, "null"), (1.0, "1.0"), (4, "4"), (-1, "-1"),
     (math.nan, "NaN"), (math.inf, "Infinity"), ([1], "a list"), ({}, "an object"),
     pytest.param(10**5000, "a very large number", id="huge-int")],
)
def test_phq9_item_values_name_the_item(value, got):
    phq9 = [0] * 9
    phq9[3] = value
    p = problems(valid_answers(phq9=phq9))
    assert p == {"phq9[3]": f"must be an integer from 0 to 3, got {got}"}


def test_every_bad_item_is_listed():
    p = problems(valid_answers(phq9=["a", 0, 4, 0, 0, 0, 0, 0, True], gad7=[0, 0, 0, 0, 0, 0, -1]))
    assert set(p) == {"phq9[0]", "phq9[2]", "phq9[8]", "gad7[6]"}


@pytest.mark.parametrize("value", [None, "0,1,2", {"0": 1}, 5, [0] * 8, [0] * 10, []])
def test_screener_shape(value):
    assert set(problems(valid_answers(phq9=value))) == {"phq9"}
    assert set(problems(valid_answers(gad7=value))) == {"gad7"}


def test_gad7_null_is_not_the_same_as_not_answered():
    assert set(problems(valid_answers(gad7=None))) == {"gad7"}


@pytest.mark.parametrize("value", [-1, 4, 2.0, "2", True, None, [2], pytest.param(10**100, id="1e100")])
def test_antidepressant_trials(value):
    assert set(problems(valid_answers(antidepressant_trials=value))) == {"antidepressant_trials"}


@pytest.mark.parametrize("key", ["psychotherapy", "safety_now"])
@pytest.mark.parametrize("value", ["Yes", "maybe", "", True, 1, None, ["yes"]])
def test_yes_no_answers(key, value):
    assert set(problems(valid_answers(**{key: value}))) == {key}


def test_medical_rules():
    assert set(problems(valid_answers(medical=[]))) == {"medical"}
    assert "none" in problems(valid_answers(medical=[]))["medical"]
    assert set(problems(valid_answers(medical=["none", "heart-disease"]))) == {"medical"}
    assert set(problems(valid_answers(medical=["heart-disease", "heart-disease"]))) == {"medical[1]"}
    assert set(problems(valid_answers(medical=["heart"]))) == {"medical[0]"}
    assert set(problems(valid_answers(medical=[None, 3]))) == {"medical[0]", "medical[1]"}
    assert set(problems(valid_answers(medical="none"))) == {"medical"}
    assert set(problems(valid_answers(medical=None))) == {"medical"}


def test_diagnoses_rules():
    selfcheck.evaluate(valid_answers(diagnoses=[]))  # optional; an empty list is fine
    assert set(problems(valid_answers(diagnoses=["none-or-unsure", "ocd"]))) == {"diagnoses"}
    assert set(problems(valid_answers(diagnoses=["ocd", "ocd"]))) == {"diagnoses[1]"}
    assert set(problems(valid_answers(diagnoses=["OCD"]))) == {"diagnoses[0]"}
    assert set(problems(valid_answers(diagnoses="ocd"))) == {"diagnoses"}


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_safety_now_required_when_item_9_above_0(item9):
    p = problems(valid_answers(phq9=[0] * 8 + [item9]))
    assert set(p) == {"safety_now"}
    assert "phq9[8]" in p["safety_now"]


def test_safety_now_optional_and_honoured_when_item_9_is_0():
    assert selfcheck.evaluate(valid_answers())["crisis"] is False
    assert selfcheck.evaluate(valid_answers(safety_now="no"))["crisis"] is False
    result = selfcheck.evaluate(valid_answers(safety_now="yes"))
    assert result["tier"] == "urgent" and result["crisis"] is True


def test_safety_now_not_demanded_when_item_9_itself_is_invalid():
    p = problems(valid_answers(phq9=[0] * 8 + ["2"]))
    assert set(p) == {"phq9[8]"}


def test_tuples_are_accepted_like_lists():
    a = valid_answers(phq9=tuple([2] * 5 + [0] * 4), medical=("none",))
    assert selfcheck.evaluate(a)["tier"] == "worth-discussing"


def test_input_is_not_modified():
    a = valid_answers(medical=["heart-disease", "liver-disease"], diagnoses=["ocd"])
    before = repr(a)
    selfcheck.evaluate(a)
    assert repr(a) == before


def test_error_str_and_dict():
    with pytest.raises(AnswersError) as info:
        selfcheck.evaluate({"phq9": [0] * 9})
    err = info.value
    assert str(err) == "; ".join(str(p) for p in err.problems)
    d = err.as_dict()
    assert d["error"] == "invalid-answers"
    assert {p["key"] for p in d["problems"]} == {"antidepressant_trials", "medical"}
    assert all(set(p) == {"key", "code", "message", "field", "question", "text"} for p in d["problems"])
    assert d["more"] == 0 and d["more_text"] is None


# --- problems in a patient's words (version 2) ----------------------------------------

def _problems(answers) -> dict[str, dict]:
    with pytest.raises(AnswersError) as info:
        selfcheck.evaluate(answers)
    return {p["key"]: p for p in info.value.as_dict()["problems"]}


def test_empty_right_now_answer_names_the_question_not_a_key():
    p = _problems(valid_answers(phq9=[1] * 9))["safety_now"]
    question = "Right now, are you thinking about ending your life, or do you have a plan to?"
    assert p["field"] == "safety_now" and p["question"] == question
    assert p["text"] == f'Please answer "{question}"'
    assert "phq9" not in p["text"] and "safety_now" not in p["text"]
    assert "phq9[8]" in p["message"]  # the command line keeps naming keys


def test_each_problem_points_at_its_form_field_in_the_questions_words():
    problems = _problems({"phq9": [0, 0, 7, 0, 0, 0, 0, 0, 0], "gad7": [0] * 3, "antidepressant_trials": 1,
                          "medical": ["none", "heart-disease"], "diagnoses": ["x"], "age_group": "40"})
    assert problems["phq9[2]"]["field"] == "phq9-3"
    assert problems["phq9[2]"]["question"] == "Trouble falling or staying asleep, or sleeping too much"
    assert problems["gad7"]["field"] == "gad7-1" and problems["gad7"]["question"] == "Worry and anxiety"
    assert problems["medical"]["text"] == (
        'For "Do any of these apply to you?", tick "None of these" only on its own.')
    assert problems["diagnoses[0]"]["field"] == "diagnoses"
    assert problems["age_group"]["question"] == "How old are you?"
    keys = re.compile(r"phq9|gad7|safety_now|medical|diagnoses|age_group|antidepressant_trials|\[")
    for p in problems.values():
        assert p["text"].endswith((".", '"')) and not keys.search(p["text"]), p


def test_problems_that_are_no_question_get_a_plain_sentence():
    p = _problems({**valid_answers(), "colour": "blue"})["colour"]
    assert p["field"] is None and p["question"] is None
    assert "colour" not in p["text"] and p["text"].startswith("Something in the answers")


def test_at_most_50_problems_then_how_many_more():
    with pytest.raises(AnswersError) as info:
        selfcheck.evaluate({f"extra-{n}": n for n in range(75)})
    err = info.value
    assert len(err.problems) == 50 and err.more == 28  # 75 unknown + phq9, trials, medical
    assert err.as_dict()["more_text"] == "and 28 more problems"
    assert str(err).endswith("; and 28 more problems")


# --- version 2 answers ----------------------------------------------------------------

def test_age_group_is_optional_and_checked():
    for age in ("under-18", "18-64", "65-or-over"):
        assert selfcheck.evaluate(valid_answers(age_group=age))["tier"] in (
            "worth-discussing", "medical-review-first")
    assert _problems(valid_answers(age_group=17))["age_group"]["code"] == "choice"


def test_recent_mania_is_still_accepted_and_means_mania_history():
    old = selfcheck.evaluate(valid_answers(medical=["recent-mania"]))
    new = selfcheck.evaluate(valid_answers(medical=["mania-history"]))
    both = selfcheck.evaluate(valid_answers(medical=["recent-mania", "mania-history"]))
    assert old == new == both
    assert [r["id"] for r in old["reasons"]].count("mania-history") == 1
    assert "recent-mania" not in [r["id"] for r in old["reasons"]]


def test_bad_settings_raise_settings_error_not_answers_error():
    for bad in ({"lang": "xx"}, {"country": "FR"}, {"colour": 1}, {"clinic": "Acme"}, {"clinic": {"name": 3}}, [], "x"):
        with pytest.raises(selfcheck.SettingsError):
            selfcheck.evaluate(valid_answers(), bad)


def test_answers_checked_only_after_settings():
    # Bad settings are a configuration mistake and are reported first.
    with pytest.raises(selfcheck.SettingsError):
        selfcheck.evaluate({}, {"lang": "xx"})


# --- version 3: keys shaped like questions (review F6, R4) -----------------------------

@pytest.mark.parametrize("key", ["phq9-1", "phq9-9", "gad7-3", "phq9[0]", "medical[x]", "medical[", "safety_now[x]",
                                 "age_group[]", "gad7[9]"])
def test_a_key_shaped_like_a_question_is_an_unknown_key(key):
    """Such a key is named, with the plain sentence, and never raises anything else."""
    p = _problems({**valid_answers(), key: 1})[key]
    assert p["code"] == "unknown-key"
    assert p["field"] is None and p["question"] is None
    assert p["text"].startswith("Something in the answers could not be read")
    assert key not in p["text"]


def test_settings_are_checked_once_by_prepare():
    engine = selfcheck.prepare({"country": "GB", "clinic": {"name": "Example Clinic", "phone": "020 7946 0000"}})
    assert engine.evaluate(valid_answers())["tier"] == "worth-discussing"
    with pytest.raises(AnswersError):
        engine.evaluate({})
    with pytest.raises(selfcheck.SettingsError):
        selfcheck.prepare({"clinic": {"name": "X", "phone": "abc"}})


@pytest.mark.parametrize(("settings", "says"), [
    ({"clinic": {"name": "X", "phone": "abc"}}, "settings.clinic.phone: expected a phone number of 7 to 15 digits"),
    ({"clinic": {"name": "X", "phone": "999"}}, "settings.clinic.phone"),
    ({"clinic": {"phone": "020 7946 0000"}}, "settings.clinic.name is needed when phone is set"),
    ({"clinic": {"name": "X", "booking_url": "http://x.example"}}, "settings.clinic.booking_url"),
    ({"clinic": {"name": "X\nY"}}, "one line"),
    ({"clinic": {"interest": "a" * 201}}, "settings.clinic.interest must be at most 200"),
    ({"clinic": {"name": "X", "website": "https://x.example"}}, "unknown clinic settings: 'website'"),
    ({"articles": ["learn/x/"]}, "settings.articles must be an object"),
    ({"articles": {"https://evil.example/": "X"}}, "is not a site path"),
    ({"articles": {"/learn/x/": "X"}}, "is not a site path"),
    ({"articles": {"learn/x/": 3}}, "settings.articles"),
])
def test_bad_v3_settings_name_the_setting(settings, says):
    with pytest.raises(selfcheck.SettingsError, match=re.escape(says)):
        selfcheck.prepare(settings)


def test_a_publisher_or_interest_alone_is_no_clinic_but_is_disclosed():
    card = selfcheck.evaluate(valid_answers(), {"clinic": {"publisher": "Example Group"}})["card"]
    assert card["clinic"]["actions"] == [] and "a qualified clinician" in card["consult"]
    assert card["clinic"]["disclosure"]["text"] == "Published by Example Group."
    card = selfcheck.evaluate(valid_answers(), {"clinic": {"name": "  ", "interest": "We sell ketamine care."}})["card"]
    assert card["clinic"]["disclosure"] == {"text": "We sell ketamine care.", "link": None}


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                     lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=12), c, max_size=4),
                     max_leaves=25)
_setting_values = {
    "lang": st.one_of(_json, st.just("en")),
    "country": st.one_of(_json, st.sampled_from(["US", "gb", "uk", "CA", "AU", "FR"])),
    "clinic": st.one_of(_json, st.fixed_dictionaries({}, optional={
        k: st.one_of(_json, st.just("Example"), st.just("020 7946 0000"), st.just("https://x.example"))
        for k in ("name", "phone", "booking_url", "address", "interest", "publisher", "colour")})),
    "crisis_lines": _json,
    "articles": st.one_of(_json, st.dictionaries(st.text(max_size=20), _json, max_size=3)),
    "extra": _json,
}


@settings(max_examples=300, deadline=None)
@given(st.one_of(_json, st.fixed_dictionaries({}, optional=_setting_values)))
def test_any_settings_give_an_engine_or_a_settings_error_and_nothing_else(config):
    try:
        engine = selfcheck.prepare(config)
    except selfcheck.SettingsError:
        return
    engine.evaluate(valid_answers(phq9=[1] * 8 + [2], safety_now="yes"))
