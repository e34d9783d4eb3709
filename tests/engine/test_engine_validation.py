"""Bad answers: one error type, every problem, each naming its key; never a result."""

from __future__ import annotations

import math

import pytest
from engine_helpers import valid_answers

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
    a = valid_answers(phq9=tuple([1] * 8 + [0]), medical=("none",))
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
    assert all(set(p) == {"key", "code", "message"} for p in d["problems"])


def test_bad_settings_raise_settings_error_not_answers_error():
    for bad in ({"lang": "xx"}, {"country": "FR"}, {"colour": 1}, {"clinic": "Acme"}, {"clinic": {"name": 3}}, [], "x"):
        with pytest.raises(selfcheck.SettingsError):
            selfcheck.evaluate(valid_answers(), bad)


def test_answers_checked_only_after_settings():
    # Bad settings are a configuration mistake and are reported first.
    with pytest.raises(selfcheck.SettingsError):
        selfcheck.evaluate({}, {"lang": "xx"})
