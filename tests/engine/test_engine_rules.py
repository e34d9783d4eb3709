"""Each rule, the tier order, reasons and sources."""

from __future__ import annotations

import pytest
from engine_helpers import valid_answers

import selfcheck
from selfcheck import questionnaire, rules

# The ids the bibliography must provide (the brief's list); rules may cite only these.
ALLOWED_SOURCES = {
    "kroenke-2001", "spitzer-2006", "phq-screeners", "spravato-label", "spravato-medguide",
    "oxford-health-2018", "fda-compounded-ketamine-2023", "nice-ta854", "ahfs-esketamine",
    "sanacora-2017", "mcintyre-2021", "fava-2020", "simon-2013", "dea-1999-schedule-iii",
}

# The source map for medical factors required by the content brief.
FACTOR_SOURCES = {
    "uncontrolled-high-blood-pressure": {"spravato-label", "oxford-health-2018"},
    "heart-disease": {"spravato-label", "spravato-medguide"},
    "aneurysm-avm-or-brain-bleed": {"spravato-label"},
    "overactive-thyroid": {"spravato-label"},
    "psychosis-history": {"spravato-label", "oxford-health-2018"},
    "recent-mania": {"oxford-health-2018"},
    "substance-use": {"oxford-health-2018", "spravato-label"},
    "pregnant-or-breastfeeding": {"spravato-label", "oxford-health-2018"},
    "liver-disease": {"spravato-medguide"},
    "brain-or-eye-pressure": {"oxford-health-2018", "spravato-medguide"},
}


def tier(**overrides) -> str:
    return selfcheck.evaluate(valid_answers(**overrides))["tier"]


def test_tier_order_is_the_contracts():
    assert rules.TIER_IDS == ("urgent", "medical-review-first", "low-symptoms", "other-options-first", "worth-discussing")


# --- each rule on its own, and that the first match wins -------------------------

def test_urgent_when_safety_now_yes():
    assert tier(phq9=[1, 1, 1, 1, 1, 1, 1, 1, 1], safety_now="yes") == "urgent"
    assert tier(phq9=[1, 1, 1, 1, 1, 1, 1, 1, 1], safety_now="no") == "worth-discussing"


def test_urgent_beats_every_other_tier():
    base = {"phq9": [0] * 8 + [1], "safety_now": "yes"}
    assert tier(**base, medical=["heart-disease"]) == "urgent"
    assert tier(**base, antidepressant_trials=0) == "urgent"  # would be low-symptoms
    assert tier(**base, antidepressant_trials=3) == "urgent"


def test_medical_review_for_any_factor_and_before_later_tiers():
    for f in questionnaire.MEDICAL_FACTORS:
        assert tier(medical=[f]) == "medical-review-first"
        assert tier(medical=[f], phq9=[0] * 9, antidepressant_trials=0) == "medical-review-first"
    assert tier(medical=["none"]) == "worth-discussing"


def test_low_symptoms_needs_all_three_conditions():
    low = {"phq9": [1, 1, 1, 1, 0, 0, 0, 0, 0], "gad7": [1, 1, 1, 1, 0, 0, 0], "antidepressant_trials": 1}
    assert tier(**low) == "low-symptoms"
    assert tier(**{**low, "phq9": [1, 1, 1, 1, 1, 0, 0, 0, 0]}) == "other-options-first"  # PHQ-9 5
    assert tier(**{**low, "gad7": [1, 1, 1, 1, 1, 0, 0]}) == "other-options-first"  # GAD-7 5
    assert tier(**{**low, "antidepressant_trials": 2}) == "worth-discussing"
    without_gad = dict(low)
    del without_gad["gad7"]
    assert tier(**without_gad) == "low-symptoms"  # GAD-7 not answered counts as low


@pytest.mark.parametrize("trials,expected", [(0, "other-options-first"), (1, "other-options-first"), (2, "worth-discussing"), (3, "worth-discussing")])
def test_antidepressant_trials_split(trials, expected):
    assert tier(antidepressant_trials=trials) == expected


def test_refinement_is_left_out_and_nothing_else_leaves_other_options_first():
    for diag in (["anxiety"], ["ptsd"], ["ocd"], ["anxiety", "ptsd", "ocd"], ["depression"], ["none-or-unsure"]):
        for therapy in ("yes", "no"):
            assert tier(antidepressant_trials=1, diagnoses=diag, psychotherapy=therapy) == "other-options-first"


def test_diagnoses_not_used_reason_explains_it():
    result = selfcheck.evaluate(valid_answers(antidepressant_trials=1, diagnoses=["ptsd"], psychotherapy="yes"))
    assert "diagnoses-not-used" in [r["id"] for r in result["reasons"]]
    result = selfcheck.evaluate(valid_answers(antidepressant_trials=1, diagnoses=["depression"]))
    assert "diagnoses-not-used" not in [r["id"] for r in result["reasons"]]


# --- crisis ---------------------------------------------------------------------

# Item 9 above 0 without safety_now is an error (see test_engine_validation).
CRISIS_CASES = [(i, s) for i in (0, 1, 2, 3) for s in (None, "yes", "no") if not (i > 0 and s is None)]


@pytest.mark.parametrize("item9,safety", CRISIS_CASES)
def test_crisis_flag(item9, safety):
    extra = {} if safety is None else {"safety_now": safety}
    result = selfcheck.evaluate(valid_answers(phq9=[1] * 8 + [item9], **extra))
    assert result["crisis"] is (item9 > 0 or safety == "yes")
    assert (result["tier"] == "urgent") is (safety == "yes")
    if result["crisis"]:
        assert result["crisis_lines"]
        n = len(result["crisis_lines"])
        assert result["next_steps"][:n] == [line["description"] for line in result["crisis_lines"]]
        assert result["reasons"][0]["id"].startswith("crisis-")
        assert "simon-2013" in result["reasons"][0]["sources"]
    else:
        assert result["crisis_lines"] == []
        assert not any(r["id"].startswith("crisis-") for r in result["reasons"])


def test_urgent_next_steps_start_with_emergency_then_crisis_lines():
    for country in ("US", "GB", "CA", "AU"):
        result = selfcheck.evaluate(valid_answers(phq9=[0] * 8 + [3], safety_now="yes"), {"country": country})
        lines = selfcheck.lines_for(country)
        n = len(lines)
        assert sorted(result["next_steps"][:n]) == sorted(line["description"] for line in lines)
        assert result["crisis_lines"][0]["emergency"] is True
        assert result["next_steps"][0] == result["crisis_lines"][0]["description"]


def test_us_crisis_lines_are_988_and_911():
    result = selfcheck.evaluate(valid_answers(phq9=[0] * 8 + [1], safety_now="no"))
    text = " ".join(result["next_steps"])
    assert "988" in text and "911" in text
    assert [line["number"] for line in result["crisis_lines"]] == ["988", "911"]


# --- reasons and sources ----------------------------------------------------------

def test_one_reason_per_medical_factor_with_the_required_sources():
    result = selfcheck.evaluate(valid_answers(medical=list(questionnaire.MEDICAL_FACTORS)))
    by_id = {r["id"]: r for r in result["reasons"]}
    for factor, sources in FACTOR_SOURCES.items():
        assert set(by_id[factor]["sources"]) == sources
    assert list(FACTOR_SOURCES) == list(questionnaire.MEDICAL_FACTORS)


def test_factor_reasons_also_given_in_the_urgent_tier():
    result = selfcheck.evaluate(valid_answers(phq9=[0] * 8 + [2], safety_now="yes", medical=["liver-disease"]))
    assert result["tier"] == "urgent"
    assert "liver-disease" in [r["id"] for r in result["reasons"]]


def test_every_reason_cites_allowed_sources_and_names_an_article():
    articles = {
        "learn/how-ketamine-works/", "learn/who-may-benefit/", "learn/legal-status/",
        "learn/what-treatment-is-like/", "learn/side-effects-and-risks/",
        "learn/esketamine-vs-iv-ketamine/", "learn/other-treatments/", "learn/questions-to-ask/",
        "get-help-now/",
    }
    for r in rules.REASONS.values():
        assert r.sources, r.id
        assert set(r.sources) <= ALLOWED_SOURCES, r.id
        assert r.article in articles, r.id
    for t in rules.TIERS:
        assert t.article in articles
        assert all(rid in rules.REASONS for rid in t.reasons)


def test_tier_reasons_cite_the_briefs_sources():
    assert {"nice-ta854", "ahfs-esketamine"} <= set(rules.REASONS["fewer-than-2-trials"].sources)
    assert {"nice-ta854", "ahfs-esketamine"} <= set(rules.REASONS["two-or-more-trials"].sources)
    assert {"kroenke-2001", "spitzer-2006"} <= set(rules.REASONS["low-scores"].sources)
    assert rules.REASONS["crisis-item-9"].sources == ("simon-2013",)


def test_reasons_are_unique_and_ordered():
    result = selfcheck.evaluate(
        valid_answers(phq9=[3] * 9, safety_now="yes", medical=["heart-disease", "liver-disease"], diagnoses=["ocd"])
    )
    ids = [r["id"] for r in result["reasons"]]
    assert ids == ["crisis-safety-now", "crisis-item-9", "heart-disease", "liver-disease", "diagnoses-not-used"]


# --- describe(): the rules page ----------------------------------------------------

def test_describe_is_complete():
    d = selfcheck.describe("en")
    assert [t["id"] for t in d["tiers"]] == list(rules.TIER_IDS)
    assert [t["order"] for t in d["tiers"]] == [1, 2, 3, 4, 5]
    for t in d["tiers"]:
        assert t["headline"] and t["summary"] and t["conditions"] and all(t["conditions"])
        assert t["sources"]
    assert [f["id"] for f in d["medical_factors"]] == list(questionnaire.MEDICAL_FACTORS)
    for f in d["medical_factors"]:
        assert f["label"] and f["reason"] and set(f["sources"]) == FACTOR_SOURCES[f["id"]]
    assert {r["id"] for r in d["reasons"]} == set(rules.REASONS)
    assert all(r["text"] and r["when"] and r["sources"] for r in d["reasons"])
    assert d["crisis"]["sources"] == ["simon-2013"] and len(d["crisis"]["conditions"]) == 2
    assert [s["id"] for s in d["scores"]] == ["phq9", "gad7"]
    assert [b["id"] for b in d["scores"][0]["bands"]] == ["minimal", "mild", "moderate", "moderately-severe", "severe"]
    assert [n["id"] for n in d["not_used"]] == ["diagnoses-not-used"]
    assert "anxiety" in d["not_used"][0]["text"].lower()
    used = {s for r in rules.REASONS.values() for s in r.sources} | {"kroenke-2001", "spitzer-2006"}
    assert set(d["sources"]) == used
    assert set(d["sources"]) <= ALLOWED_SOURCES
    assert "Pfizer" in d["credit"]


def test_describe_is_json_able():
    import json

    assert json.loads(json.dumps(selfcheck.describe())) == selfcheck.describe()
