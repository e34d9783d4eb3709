"""Raw form values -> answers object."""

from __future__ import annotations

import pytest

import selfcheck
from selfcheck import AnswersError, answers_from_form


def form(**overrides) -> dict:
    f = {f"phq9-{n}": "1" for n in range(1, 9)}
    f["phq9-9"] = "0"
    f.update({"antidepressant_trials": "2", "medical": ["none"]})
    f.update(overrides)
    return {k: v for k, v in f.items() if v is not None}


def problem_keys(f) -> set[str]:
    with pytest.raises(AnswersError) as info:
        answers_from_form(f)
    return {p.key for p in info.value.problems}


def test_converts_a_full_form():
    f = form(**{f"gad7-{n}": "2" for n in range(1, 8)}, diagnoses=["depression", "ocd"], psychotherapy="no")
    assert answers_from_form(f) == {
        "phq9": [1, 1, 1, 1, 1, 1, 1, 1, 0],
        "gad7": [2] * 7,
        "diagnoses": ["depression", "ocd"],
        "antidepressant_trials": 2,
        "psychotherapy": "no",
        "medical": ["none"],
    }


def test_single_values_as_lists_and_single_check_box_as_string():
    f = form(**{"phq9-1": ["3"]}, medical="heart-disease", diagnoses="ptsd")
    a = answers_from_form(f)
    assert a["phq9"][0] == 3 and a["medical"] == ["heart-disease"] and a["diagnoses"] == ["ptsd"]


def test_blank_optional_fields_are_not_answered():
    a = answers_from_form(form(psychotherapy="", diagnoses=[], **{f"gad7-{n}": "" for n in range(1, 8)}))
    assert set(a) == {"phq9", "antidepressant_trials", "medical"}


def test_gad7_partly_answered_names_the_blank_items():
    assert problem_keys(form(**{"gad7-1": "2", "gad7-4": "1"})) == {"gad7-2", "gad7-3", "gad7-5", "gad7-6", "gad7-7"}


def test_phq9_blank_items_are_named():
    assert problem_keys(form(**{"phq9-3": "", "phq9-7": None})) == {"phq9-3", "phq9-7"}


def test_all_problems_at_once():
    f = form(**{"phq9-3": "", "phq9-4": "7"}, medical=[], antidepressant_trials="", submit="Go")
    assert problem_keys(f) == {"phq9-3", "phq9-4", "medical", "antidepressant_trials", "submit"}


def test_item_9_above_0_needs_safety_now():
    assert problem_keys(form(**{"phq9-9": "2"})) == {"safety_now"}
    a = answers_from_form(form(**{"phq9-9": "2"}, safety_now="no"))
    assert a["safety_now"] == "no"


def test_bad_values_are_named():
    assert problem_keys(form(antidepressant_trials="4")) == {"antidepressant_trials"}
    assert problem_keys(form(antidepressant_trials=2)) == {"antidepressant_trials"}  # not text
    assert problem_keys(form(**{"phq9-1": ["1", "2"]})) == {"phq9-1"}
    assert problem_keys(form(medical=["none", "liver-disease"])) == {"medical"}
    assert problem_keys(form(medical=["none", "none"])) == {"medical[1]"}
    assert problem_keys(form(psychotherapy="maybe")) == {"psychotherapy"}


@pytest.mark.parametrize("bad", [None, [], "phq9-1=1", 3])
def test_not_a_mapping(bad):
    assert problem_keys(bad) == {"form"}


def test_evaluate_form_matches_evaluate():
    f = form(**{"phq9-9": "1"}, safety_now="no", medical=["recent-mania"])
    assert selfcheck.evaluate_form(f) == selfcheck.evaluate(answers_from_form(f))
    assert selfcheck.evaluate_form(f)["tier"] == "medical-review-first"


@pytest.mark.parametrize("field", ["phq9-3", "gad7-1", "safety_now", "age_group", "antidepressant_trials",
                                   "psychotherapy"])
@pytest.mark.parametrize("values", [["1", "2"], ["1", "1"], ["yes", "no"]])
def test_a_single_choice_sent_with_several_values_is_refused_in_the_patients_words(field, values):
    """F9: a radio group tampered into check boxes: the page sends every value, Python refuses."""
    f = form(**{"phq9-9": "1", "safety_now": "no", "gad7-1": "1", "gad7-2": "1", "gad7-3": "1", "gad7-4": "1",
                "gad7-5": "1", "gad7-6": "1", "gad7-7": "1", field: values})
    with pytest.raises(AnswersError) as info:
        answers_from_form(f)
    [p] = [p for p in info.value.problems if p.key == field]
    assert p.code == "form-one-value"
    assert p.text.startswith("Please choose only one answer to") and field not in p.text


@pytest.mark.parametrize("name", ["phq9", "gad7", "phq9[2]", "medical[0]", "diagnoses[x", "phq9-10"])
def test_form_fields_shaped_like_answer_keys_are_unknown_fields(name):
    with pytest.raises(AnswersError) as info:
        answers_from_form(form(**{name: "1"}))
    [p] = [p for p in info.value.problems if p.key == name]
    assert p.code == "unknown-key" and p.field is None
    assert p.text.startswith("Something in the answers could not be read")
