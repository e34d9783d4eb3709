"""Hypothesis properties over valid answers, arbitrary JSON and arbitrary form values."""

from __future__ import annotations

import json
import math
import re

from engine_helpers import BANNED, DIAGNOSES, FACTORS, all_strings, answer_sets, item, result_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import selfcheck
from selfcheck import AnswersError, questionnaire, rules

CONTRACT_KEYS = {"tier", "crisis", "scores", "reasons", "next_steps", "consult", "disclaimer"}

clinics = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"name": st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=30).filter(str.strip)},
        optional={"phone": st.one_of(st.none(), st.from_regex(r"\+?[0-9]{7,15}", fullmatch=True)),
                  "booking_url": st.just("https://example.org/book")},
    ),
)
settings_strategy = st.one_of(
    st.none(),
    st.fixed_dictionaries({}, optional={"lang": st.just("en"), "clinic": clinics,
                                        "country": st.sampled_from(["US", "GB", "CA", "AU", "uk", "us"])}),
)


def oracle_tier(a: dict) -> str:
    """The contract's (version 2) tier list, written again independently of selfcheck.rules."""
    crisis = a["phq9"][8] > 0 or a.get("safety_now") == "yes"
    if a.get("safety_now") == "yes":
        return "urgent"
    if a["medical"] != ["none"] or "bipolar-depression" in a.get("diagnoses", []) or a.get("age_group") == "under-18":
        return "medical-review-first"
    gad_low = "gad7" not in a or sum(a["gad7"]) < 5
    if not crisis and sum(a["phq9"]) < 5 and gad_low:
        return "low-symptoms"
    if a["antidepressant_trials"] < 2 or sum(a["phq9"]) < 10:
        return "other-options-first"
    return "worth-discussing"


def oracle_urgency(a: dict) -> str:
    if a.get("safety_now") == "yes":
        return "emergency"
    if a["phq9"][8] > 0 or "psychosis-now" in a["medical"]:  # version 3: psychosis now, today
        return "today"
    if sum(a["phq9"]) >= 20:
        return "soon"
    return "routine"


# What a result must never say to someone in crisis: few or no symptoms, no concern,
# not urgent, or "again" (take the self-check again).
CRISIS_DISMISSIVE = re.compile(
    r"\b(few|no|minimal|mild) symptoms\b|few or no|not urgent|non-urgent|no concern|not a concern"
    r"|nothing (in|to) .{0,30}(concern|worry)|nothing to worry|you('re| are) (fine|ok|okay)\b"
    r"|(?<!when )you('re| are) safe"
    r"|\bagain\b|not serious|no need",
    re.IGNORECASE,
)
# Never, in any result: a claim that nothing in the answers is a (safety) concern.
NO_CONCERN_CLAIM = re.compile(
    r"nothing in (your answers|them|the answers)|no safety concern|not a safety concern|flags? no",
    re.IGNORECASE,
)


def test_the_wording_checks_themselves_work():
    for bad in ("Your answers show few symptoms.", "This is not urgent.", "Take this self-check again.",
                "Non-urgent advice:", "Nothing in your answers is a concern.", "You are fine.", "You are safe."):
        assert CRISIS_DISMISSIVE.search(bad), bad
    assert NO_CONCERN_CLAIM.search("Nothing in them flags a safety concern.")
    assert not CRISIS_DISMISSIVE.search("Please talk to someone today about these thoughts.")
    assert not CRISIS_DISMISSIVE.search("When you are safe, talk to a clinician.")


@settings(max_examples=400, deadline=None)
@given(answer_sets(), settings_strategy)
def test_every_valid_answer_set_gives_a_safe_result(a, config):
    before = json.dumps(a)
    result = selfcheck.evaluate(a, config)
    assert json.dumps(a) == before  # input untouched

    assert CONTRACT_KEYS <= set(result)
    assert result["tier"] in rules.TIER_IDS
    assert result["tier"] == oracle_tier(a)
    assert result["urgency"] == result["care_card"]["urgency"] == oracle_urgency(a)
    assert result["crisis"] is (a["phq9"][8] > 0 or a.get("safety_now") == "yes")
    assert result["consult"] and result["disclaimer"] and "not a diagnosis" in result["disclaimer"]
    assert result["next_steps"] and all(isinstance(s, str) and s for s in result["next_steps"])
    clinic = (config or {}).get("clinic")
    if a.get("age_group") == "under-18":
        # Version 3: a young person is sent to a GP or young people's service, never the clinic.
        assert "trust" in result["consult"] and not (clinic and clinic["name"].strip() in result["consult"])
    elif clinic:
        assert clinic["name"].strip() in result["consult"]
    else:
        assert "a qualified clinician" in result["consult"]
    strings = all_strings(result)
    assert not any(BANNED.search(x) for x in strings)
    assert not any(NO_CONCERN_CLAIM.search(x) for x in strings)
    assert "{" not in result_text(result) or (clinic and "{" in clinic["name"])
    if result["crisis"]:
        # Every string of the result, clinic name aside (a clinic may be called anything).
        said = [x for x in strings if not (clinic and clinic["name"].strip() in x)]
        assert not [x for x in said if CRISIS_DISMISSIVE.search(x)]
        assert result["headline"] in ("Please get help now", "Please talk to someone today")
        assert "non-urgent" not in (result["care_card"]["label"] + result["care_card"]["heading"]).lower()

    # Scores
    assert result["scores"]["phq9"]["total"] == sum(a["phq9"])
    assert ("gad7" in result["scores"]) is ("gad7" in a)

    # Reasons: each cites sources; urgent has exactly one; else one per medical factor.
    ids = [r["id"] for r in result["reasons"]]
    assert len(ids) == len(set(ids))
    assert all(r["sources"] and r["text"] for r in result["reasons"])
    if result["tier"] == "urgent":
        assert ids == ["crisis-safety-now"]
    else:
        factors = {"mania-history" if f == "recent-mania" else f for f in a["medical"] if f != "none"}
        assert factors <= set(ids)

    # Crisis help first, nothing above it; every list holds an emergency line and ends
    # with the local-emergency line; no line's description is repeated in next_steps.
    if result["crisis"]:
        lines = result["crisis_lines"]
        assert any(line["emergency"] and line["number"] for line in lines)
        assert lines[-1]["id"] == "local-emergency" and lines[-1]["emergency"] and not lines[-1]["number"]
        assert [line["id"] for line in lines].count("local-emergency") == 1
        assert result["next_steps"][0].startswith("Now," if result["tier"] == "urgent" else "Today,")
        assert not {line["description"] for line in lines} & set(result["next_steps"])
    else:
        assert result["crisis_lines"] == []

    # Deterministic and JSON-able.
    assert selfcheck.evaluate(json.loads(json.dumps(a)), config) == result
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result


# --- arbitrary JSON --------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["yes", "no", "none", "none-or-unsure", "heart-disease", "0", "3", ""]),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(st.lists(children, max_size=10), st.dictionaries(st.text(max_size=10), children, max_size=6)),
    max_leaves=40,
)
# Objects with the real keys and arbitrary values reach far more of the checks.
near_answers = st.fixed_dictionaries(
    {},
    optional={
        "phq9": st.one_of(json_values, st.lists(st.one_of(item, json_scalars), min_size=9, max_size=9)),
        "gad7": st.one_of(json_values, st.lists(st.one_of(item, json_scalars), min_size=7, max_size=7)),
        "safety_now": json_values,
        "diagnoses": st.one_of(json_values, st.lists(st.sampled_from(DIAGNOSES + ["none-or-unsure", "x"]), max_size=4)),
        "antidepressant_trials": st.one_of(item, json_values),
        "psychotherapy": json_values,
        "medical": st.one_of(json_values, st.lists(st.sampled_from(FACTORS + ["none", "x"]), max_size=4)),
        "extra": json_values,
    },
)


def check_total(value):
    """Either a full result or AnswersError with named problems; never anything else."""
    try:
        result = selfcheck.evaluate(value)
    except AnswersError as exc:
        assert exc.problems and all(p.key and p.message and "\n" not in str(p) for p in exc.problems)
        return
    assert CONTRACT_KEYS <= set(result)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(json_values, near_answers))
def test_arbitrary_json_only_ever_raises_answers_error(value):
    check_total(value)


@settings(max_examples=200, deadline=None)
@given(near_answers)
def test_json_round_trip_of_near_answers(value):
    try:
        text = json.dumps(value)
    except (ValueError, OverflowError):
        return
    check_total(json.loads(text))


def test_deep_nesting_is_only_an_answers_error():
    deep: object = 0
    for _ in range(50_000):
        deep = [deep]
    check_total({"phq9": deep, "medical": deep, deep.__class__.__name__: deep})
    check_total(deep)
    check_total({"phq9": [math.nan] * 9, "antidepressant_trials": 10**10000, "medical": {"none": True}})


# --- the form converter -----------------------------------------------------------------

FIELD_NAMES = [q.name for q in questionnaire.all_questions()]
form_values = st.one_of(
    st.sampled_from(["", "0", "1", "2", "3", "4", "yes", "no", "none", "heart-disease", "ptsd", " 1"]),
    st.lists(st.sampled_from(["", "0", "1", "none", "heart-disease", "ocd", "none-or-unsure"]), max_size=4),
    json_values,
)
forms = st.one_of(
    st.dictionaries(st.sampled_from(FIELD_NAMES + ["submit", "phq9-10"]), form_values, max_size=25),
    json_values,
)


@settings(max_examples=400, deadline=None)
@given(forms)
def test_form_converter_only_ever_raises_answers_error(form):
    try:
        answers = selfcheck.answers_from_form(form)
    except AnswersError as exc:
        assert exc.problems
        return
    # Whatever it returns is a valid answers object.
    assert selfcheck.evaluate(answers)["tier"] in rules.TIER_IDS


@settings(max_examples=200, deadline=None)
@given(answer_sets())
def test_form_values_round_trip(a):
    form = {f"phq9-{i + 1}": str(x) for i, x in enumerate(a["phq9"])}
    form |= {f"gad7-{i + 1}": str(x) for i, x in enumerate(a.get("gad7", []))}
    form |= {"antidepressant_trials": str(a["antidepressant_trials"]), "medical": a["medical"]}
    form |= {k: a[k] for k in ("safety_now", "psychotherapy", "diagnoses", "age_group") if k in a}
    converted = selfcheck.answers_from_form(form)
    expected = {k: v for k, v in a.items() if not (k == "diagnoses" and v == [])}
    assert converted == expected
    assert selfcheck.evaluate_form(form) == selfcheck.evaluate(a)
