"""Each rule of contract version 3: tiers, urgency, crisis, reasons and sources."""

from __future__ import annotations

import json

import pytest
from engine_helpers import valid_answers

import selfcheck
from selfcheck import bibliography, questionnaire, rules

# The source map for medical factors: each factor cites what the fact sheets mark checked.
FACTOR_SOURCES = {
    "uncontrolled-high-blood-pressure": {"spravato-label", "oxford-health-2018"},
    "heart-disease": {"spravato-label", "spravato-medguide"},
    "aneurysm-avm-or-brain-bleed": {"spravato-label"},
    "stroke-or-heart-attack": {"spravato-medguide", "spravato-label"},
    "seizures": {"oxford-health-2018"},
    "overactive-thyroid": {"spravato-label"},
    "psychosis-now": {"oxford-health-2018", "spravato-label"},
    "psychosis-history": {"spravato-label", "oxford-health-2018"},
    "mania-history": {"oxford-health-2018"},
    "substance-use": {"oxford-health-2018", "spravato-label"},
    "non-medical-ketamine-use": {"spravato-label", "winstock-2012", "oxford-health-2018"},
    "sedatives-or-opioids": {"spravato-label"},
    "pregnant-or-breastfeeding": {"spravato-label", "oxford-health-2018"},
    "liver-disease": {"spravato-medguide", "spravato-label"},
    "bladder-problems": {"spravato-label", "spravato-safety-page", "fda-compounded-ketamine-2023"},
    "breathing-problems": {"spravato-boxed-warning-2026", "sps-esketamine-respiratory", "spravato-hcp-dosing",
                           "spravato-safety-page"},
    "brain-or-eye-pressure": {"oxford-health-2018", "spravato-medguide"},
    "ketamine-allergy": {"spravato-label"},
}
ARTICLES = {
    "learn/how-ketamine-works/", "learn/who-may-benefit/", "learn/legal-status/",
    "learn/what-treatment-is-like/", "learn/side-effects-and-risks/",
    "learn/esketamine-vs-iv-ketamine/", "learn/other-treatments/", "learn/questions-to-ask/",
    "learn/cost-and-insurance/", "get-help-now/",
}
MODERATE = [2, 2, 1, 1, 1, 1, 1, 1, 0]  # PHQ-9 10, item 9 = 0
SEVERE = [3, 3, 3, 3, 3, 3, 2, 0, 0]  # PHQ-9 20, item 9 = 0


def evaluate(**overrides) -> dict:
    return selfcheck.evaluate(valid_answers(**overrides))


def tier(**overrides) -> str:
    return evaluate(**overrides)["tier"]


def reason_ids(result: dict) -> list[str]:
    return [r["id"] for r in result["reasons"]]


def test_tier_and_urgency_order_are_the_contracts():
    assert rules.TIER_IDS == ("urgent", "medical-review-first", "low-symptoms", "other-options-first", "worth-discussing")
    assert rules.URGENCY_IDS == ("emergency", "today", "soon", "routine")


# --- tiers ----------------------------------------------------------------------

def test_urgent_when_safety_now_yes_with_the_crisis_reason_only():
    result = evaluate(phq9=[1] * 9, safety_now="yes", medical=["heart-disease"], age_group="65-or-over",
                      diagnoses=["ocd", "bipolar-depression"])
    assert result["tier"] == "urgent" and result["urgency"] == "emergency"
    assert reason_ids(result) == ["crisis-safety-now"]
    assert tier(phq9=[1] * 9, safety_now="no") == "other-options-first"  # PHQ-9 9


def test_urgent_beats_every_other_tier():
    base = {"phq9": [0] * 8 + [1], "safety_now": "yes"}
    assert tier(**base, medical=["heart-disease"]) == "urgent"
    assert tier(**base, antidepressant_trials=0) == "urgent"
    assert tier(**{**base, "phq9": [3] * 9}, antidepressant_trials=3) == "urgent"


@pytest.mark.parametrize("factor", questionnaire.MEDICAL_FACTORS)
def test_medical_review_for_every_factor_before_later_tiers(factor):
    assert tier(medical=[factor]) == "medical-review-first"
    result = evaluate(medical=[factor], phq9=[0] * 9, antidepressant_trials=0)
    assert result["tier"] == "medical-review-first"
    assert reason_ids(result)[:2] == ["medical-review", factor]


def test_bipolar_depression_and_under_18_go_to_a_psychiatrist_first():
    for extra in ({"diagnoses": ["bipolar-depression"]}, {"age_group": "under-18"}):
        for trials in (0, 3):
            result = evaluate(antidepressant_trials=trials, **extra)
            assert result["tier"] == "medical-review-first"
            text = " ".join([result["summary"], *result["next_steps"], *(r["text"] for r in result["reasons"])])
            assert "psychiatrist" in text
            # Never antidepressants on their own as the advice.
            assert "antidepressant" not in " ".join(result["next_steps"]).lower()
    assert reason_ids(evaluate(diagnoses=["bipolar-depression"])) == ["bipolar-depression"]
    assert reason_ids(evaluate(age_group="under-18")) == ["under-18"]
    assert tier(age_group="18-64") == tier(age_group="65-or-over") == "worth-discussing"


def test_age_65_or_over_gives_a_reason_but_does_not_change_the_tier():
    for overrides in ({}, {"antidepressant_trials": 0}, {"medical": ["liver-disease"]}, {"phq9": [0] * 9}):
        plain, older = evaluate(**overrides), evaluate(age_group="65-or-over", **overrides)
        assert plain["tier"] == older["tier"]
        assert "age-65-or-over" not in reason_ids(plain)
        # A note on esketamine doses belongs only where esketamine is discussed (R11).
        wanted = older["tier"] in ("medical-review-first", "worth-discussing")
        assert ("age-65-or-over" in reason_ids(older)) == wanted, older["tier"]
    text = next(r["text"] for r in evaluate(age_group="65-or-over")["reasons"] if r["id"] == "age-65-or-over")
    assert text.startswith("In Europe and some other countries") and "Outside the US" not in text


def test_low_symptoms_whatever_the_history_and_never_in_crisis():
    low = {"phq9": [1, 1, 1, 1, 0, 0, 0, 0, 0], "gad7": [1, 1, 1, 1, 0, 0, 0]}
    for trials in (0, 1, 2, 3):
        for therapy in ("yes", "no"):
            assert tier(**low, antidepressant_trials=trials, psychotherapy=therapy) == "low-symptoms"
    assert tier(**{**low, "phq9": [1, 1, 1, 1, 1, 0, 0, 0, 0]}) == "other-options-first"  # PHQ-9 5
    assert tier(**{**low, "gad7": [1, 1, 1, 1, 1, 0, 0]}) == "other-options-first"  # GAD-7 5
    assert tier(phq9=[1, 1, 1, 1, 0, 0, 0, 0, 0]) == "low-symptoms"  # GAD-7 not answered
    # Item 9 above 0 with a total under 5: crisis, so not low-symptoms.
    result = evaluate(phq9=[0] * 8 + [3], safety_now="no", antidepressant_trials=0)
    assert result["tier"] == "other-options-first" and result["crisis"] and result["urgency"] == "today"


def test_worth_discussing_needs_two_trials_and_moderate_symptoms():
    assert tier(phq9=MODERATE, antidepressant_trials=2) == "worth-discussing"
    assert tier(phq9=MODERATE, antidepressant_trials=1) == "other-options-first"
    nine = [2, 2, 1, 1, 1, 1, 1, 0, 0]
    assert tier(phq9=nine, antidepressant_trials=3) == "other-options-first"
    assert tier(phq9=[0] * 9, antidepressant_trials=3) == "low-symptoms"  # v1 said worth-discussing


def test_other_options_reasons_say_why():
    assert reason_ids(evaluate(antidepressant_trials=0)) == ["fewer-than-2-trials"]
    nine = [2, 2, 1, 1, 1, 1, 1, 0, 0]
    assert reason_ids(evaluate(phq9=nine, antidepressant_trials=3)) == ["mild-symptoms"]
    assert reason_ids(evaluate(phq9=nine, antidepressant_trials=0)) == ["fewer-than-2-trials", "mild-symptoms"]


def test_anxiety_led_results_talk_about_anxiety():
    anxious = evaluate(phq9=[1, 1, 1, 1, 1, 1, 0, 0, 0], gad7=[2, 2, 2, 2, 1, 1, 0], antidepressant_trials=3)
    assert anxious["tier"] == "other-options-first"
    assert reason_ids(anxious) == ["anxiety-led"]
    assert "anxiety" in anxious["reasons"][0]["text"]
    # GAD-7 10+ with PHQ-9 10+ is not anxiety-led.
    both = evaluate(phq9=MODERATE, gad7=[2, 2, 2, 2, 1, 1, 0], antidepressant_trials=3)
    assert both["tier"] == "worth-discussing" and "anxiety-led" not in reason_ids(both)


def test_diagnoses_refinement_left_out():
    for diag in (["anxiety"], ["ptsd"], ["ocd"], ["anxiety", "ptsd", "ocd"], ["depression"], ["none-or-unsure"]):
        for therapy in ("yes", "no"):
            assert tier(antidepressant_trials=1, diagnoses=diag, psychotherapy=therapy) == "other-options-first"
    assert "diagnoses-not-used" in reason_ids(evaluate(antidepressant_trials=1, diagnoses=["ptsd"]))
    assert "diagnoses-not-used" not in reason_ids(evaluate(antidepressant_trials=1, diagnoses=["depression"]))


# --- urgency and the care card ----------------------------------------------------

@pytest.mark.parametrize(
    "overrides,urgency",
    [
        ({"phq9": [0] * 8 + [1], "safety_now": "yes"}, "emergency"),
        ({"phq9": [0] * 9, "safety_now": "yes"}, "emergency"),
        ({"phq9": [0] * 8 + [1], "safety_now": "no"}, "today"),
        ({"phq9": [3] * 9, "safety_now": "no"}, "today"),
        ({"phq9": SEVERE}, "soon"),
        ({"phq9": [3] * 8 + [0]}, "soon"),
        ({"phq9": [3, 3, 3, 3, 3, 3, 1, 0, 0]}, "routine"),  # 19
        ({"phq9": [0] * 9}, "routine"),
    ],
)
def test_urgency_first_match_wins(overrides, urgency):
    result = evaluate(**overrides)
    assert result["urgency"] == urgency
    card = result["care_card"]
    assert card["urgency"] == urgency and card["label"] and card["heading"]


def test_care_card_words_match_the_urgency():
    cards = {u: evaluate(**o)["care_card"] for u, o in (
        ("emergency", {"phq9": [0] * 8 + [1], "safety_now": "yes"}),
        ("today", {"phq9": [0] * 8 + [1], "safety_now": "no"}),
        ("soon", {"phq9": SEVERE}),
        ("routine", {}),
    )}
    assert cards["emergency"]["label"].startswith("Emergency") and "now" in cards["emergency"]["heading"].lower()
    assert cards["today"]["label"].startswith("Urgent") and "today" in cards["today"]["heading"].lower()
    # PHQ-9 20 or more ("soon") is announced as urgent advice (R13); only routine is not.
    assert cards["soon"]["label"] == "Urgent advice:"
    assert cards["routine"]["label"].startswith("Non-urgent")
    for u in ("emergency", "today"):
        assert "non-urgent" not in (cards[u]["label"] + cards[u]["heading"]).lower()


def test_soon_adds_a_step_to_see_a_doctor_within_days():
    result = evaluate(phq9=SEVERE, antidepressant_trials=0)
    assert result["next_steps"][0] == "Your answers show a lot of symptoms. Please see a doctor in the next few days."


# --- crisis ---------------------------------------------------------------------

CRISIS_CASES = [(i, s) for i in (0, 1, 2, 3) for s in (None, "yes", "no") if not (i > 0 and s is None)]


@pytest.mark.parametrize("item9,safety", CRISIS_CASES)
def test_crisis_flag(item9, safety):
    extra = {} if safety is None else {"safety_now": safety}
    result = evaluate(phq9=[2] * 8 + [item9], **extra)
    assert result["crisis"] is (item9 > 0 or safety == "yes")
    assert (result["tier"] == "urgent") is (safety == "yes")
    if result["crisis"]:
        lines = result["crisis_lines"]
        assert lines and lines[-1]["id"] == "local-emergency"
        assert any(line["emergency"] and line["number"] for line in lines)
        assert result["next_steps"][0].startswith(("Now,", "Today,"))
        assert result["reasons"][0]["id"].startswith("crisis-")
        assert "simon-2013" in result["reasons"][0]["sources"]
        assert result["headline"] in ("Please get help now", "Please talk to someone today")
    else:
        assert result["crisis_lines"] == []
        assert not any(r["id"].startswith("crisis-") for r in result["reasons"])


@pytest.mark.parametrize("country,emergency", [("US", "911"), ("GB", "999"), ("CA", "911"), ("AU", "000")])
def test_urgent_next_step_names_the_emergency_number_first_without_repeating_descriptions(country, emergency):
    result = selfcheck.evaluate(valid_answers(phq9=[0] * 8 + [3], safety_now="yes"), {"country": country})
    assert result["crisis_lines"] == selfcheck.lines_for(country)  # the page's order, not re-sorted
    assert result["next_steps"][0].startswith(f"Now, call {emergency}")
    descriptions = {line["description"] for line in result["crisis_lines"]}
    assert not descriptions & set(result["next_steps"])
    assert len(result["next_steps"]) == 3


def test_us_crisis_lines():
    result = evaluate(phq9=[0] * 8 + [1], safety_now="no")
    assert [line["number"] for line in result["crisis_lines"]] == ["988", "741741", "911", ""]
    assert "988" in result["next_steps"][0] and "911" in result["next_steps"][0]


@pytest.mark.parametrize("country,says,never", [
    ("US", "Crisis Text Line (text HOME to 741741)", "Crisis Text Line on 741741"),
    ("GB", "Shout (text 85258)", "Shout on 85258"),
])
def test_a_line_you_can_only_text_is_named_as_one_to_text(country, says, never):
    # "X on 741741" reads as a number to call; the step says to text it, and what to send.
    for safety_now in ("yes", "no"):
        step = selfcheck.evaluate(valid_answers(phq9=[0] * 8 + [1], safety_now=safety_now),
                                  {"country": country})["next_steps"][0]
        assert says in step and never not in step


def test_worth_discussing_in_crisis_says_today_and_what_esketamine_cannot_do():
    result = evaluate(phq9=[3, 3, 3, 3, 3, 0, 0, 0, 1], safety_now="no", antidepressant_trials=3)
    assert result["tier"] == "worth-discussing" and result["urgency"] == "today"
    assert result["headline"] == "Please talk to someone today"
    first = result["summary"].split(". ")[0]
    assert "today" in first
    assert "has not been shown to prevent suicide" in result["summary"]
    assert "does not replace emergency or hospital care" in result["summary"]
    assert reason_ids(result)[:2] == ["crisis-item-9", "esketamine-not-crisis-care"]


def test_the_review_cases():
    """The four answer patterns of the clinical review (issue 9)."""
    only_item_9 = evaluate(phq9=[0, 0, 0, 0, 0, 0, 0, 0, 3], antidepressant_trials=0, safety_now="no")
    assert (only_item_9["tier"], only_item_9["urgency"], only_item_9["crisis"]) == ("other-options-first", "today", True)
    all_3s = evaluate(phq9=[3] * 9, antidepressant_trials=3, safety_now="no")
    assert (all_3s["tier"], all_3s["urgency"]) == ("worth-discussing", "today")
    zero = evaluate(phq9=[0] * 9, antidepressant_trials=3)
    assert (zero["tier"], zero["urgency"], zero["crisis"]) == ("low-symptoms", "routine", False)
    bipolar = evaluate(antidepressant_trials=0, diagnoses=["bipolar-depression"])
    assert bipolar["tier"] == "medical-review-first"


# --- reasons and sources ----------------------------------------------------------

def test_one_reason_per_medical_factor_with_its_sources():
    result = evaluate(medical=list(questionnaire.MEDICAL_FACTORS))
    by_id = {r["id"]: r for r in result["reasons"]}
    assert list(FACTOR_SOURCES) == list(questionnaire.MEDICAL_FACTORS)
    for factor, sources in FACTOR_SOURCES.items():
        assert set(by_id[factor]["sources"]) == sources, factor


def test_every_reason_cites_known_sources_and_names_an_article():
    known = bibliography.load()
    for r in rules.REASONS.values():
        assert r.sources, r.id
        assert all(s in known for s in r.sources), r.id
        assert r.article in ARTICLES, r.id
    for t in rules.TIERS:
        assert t.article in ARTICLES
        assert all(rid in rules.REASONS for rid in t.reasons)


def test_worth_discussing_lists_other_options_and_what_treatment_involves():
    result = evaluate(antidepressant_trials=3)
    assert result["tier"] == "worth-discussing"
    by_id = {r["id"]: r for r in result["reasons"]}
    other = by_id["other-options-too"]
    assert other["article"] == "learn/other-treatments/"
    for option in ("adding or switching medicines", "talking therapy", "TMS", "ECT"):
        assert option in other["text"]
    practical = by_id["what-treatment-involves"]
    assert practical["article"] == "learn/what-treatment-is-like/"
    for fact in ("supervision", "drive until the next day", "take you home"):
        assert fact in practical["text"]
    assert {"spravato-label", "spravato-hcp-dosing"} <= set(practical["sources"])
    # Access in the US (the default country): certified centres, 2 hours' watch.
    access = by_id["access-US"]
    for fact in ("In the US", "certified", "at least 2 hours"):
        assert fact in access["text"]
    assert {"spravato-rems", "spravato-label"} <= set(access["sources"])


@pytest.mark.parametrize(("country", "facts", "sources"), [
    ("US", ("In the US", "certified treatment centres"), {"spravato-rems"}),
    ("GB", ("In England", "NICE does not recommend esketamine", "NHS"), {"nice-ta854"}),
    ("CA", ("In Canada", "CDA-AMC", "public drug plans do not pay"), {"cda-amc-esketamine"}),
    ("AU", ("In Australia", "PBS", "at least 2 antidepressants", "clinic fees are extra"),
     {"pharmacy-daily-2025", "au-pbs-clinic-fees"}),
])
def test_worth_discussing_says_how_access_works_in_the_readers_country(country, facts, sources):
    """R10: a GB, CA or AU reader is not told only about the US."""
    result = selfcheck.evaluate(valid_answers(antidepressant_trials=3), {"country": country})
    access = [r for r in result["reasons"] if r["id"].startswith("access-")]
    assert [r["id"] for r in access] == [f"access-{country}"]
    for fact in facts:
        assert fact in access[0]["text"]
    assert sources <= set(access[0]["sources"])
    others = {"US": "In the US", "GB": "In England", "CA": "In Canada", "AU": "In Australia"}
    text = " ".join(r["text"] for r in result["reasons"])
    assert [c for c, words in others.items() if words in text] == [country]


def test_tier_reasons_cite_the_briefs_sources():
    assert {"nice-ta854", "ahfs-esketamine"} <= set(rules.REASONS["fewer-than-2-trials"].sources)
    assert {"nice-ta854", "ahfs-esketamine"} <= set(rules.REASONS["two-or-more-trials"].sources)
    assert {"kroenke-2001", "spitzer-2006"} <= set(rules.REASONS["low-scores"].sources)
    assert rules.REASONS["crisis-item-9"].sources == ("simon-2013",)
    assert rules.REASONS["esketamine-not-crisis-care"].sources == ("spravato-label",)


def test_reasons_are_unique_and_ordered():
    result = evaluate(phq9=[3] * 9, safety_now="no", medical=["heart-disease", "liver-disease"], diagnoses=["ocd"],
                      age_group="65-or-over")
    assert reason_ids(result) == ["crisis-item-9", "medical-review", "heart-disease", "liver-disease",
                                  "age-65-or-over", "diagnoses-not-used"]


# --- describe(): the rules page ----------------------------------------------------

def test_describe_is_complete():
    d = selfcheck.describe("en")
    assert d["version"] == 3
    assert [t["id"] for t in d["tiers"]] == list(rules.TIER_IDS)
    assert [t["order"] for t in d["tiers"]] == [1, 2, 3, 4, 5]
    for t in d["tiers"]:
        assert t["headline"] and t["summary"] and t["conditions"] and all(t["conditions"])
        assert t["sources"]
    crisis_wording = {t["id"]: t["crisis_headline"] for t in d["tiers"]}
    assert crisis_wording["low-symptoms"] is None  # never given in crisis
    assert all(crisis_wording[t] for t in ("urgent", "medical-review-first", "other-options-first", "worth-discussing"))
    assert [u["id"] for u in d["urgency"]["levels"]] == list(rules.URGENCY_IDS)
    assert [f["id"] for f in d["medical_factors"]] == list(questionnaire.MEDICAL_FACTORS)
    for f in d["medical_factors"]:
        assert f["label"] and f["reason"] and set(f["sources"]) == FACTOR_SOURCES[f["id"]]
    assert next(f for f in d["medical_factors"] if f["id"] == "mania-history")["also_accepted"] == ["recent-mania"]
    assert "left none of them out" in d["medical_note"]
    assert [o["id"] for o in d["other_answers"]] == [
        "bipolar-depression", "under-18", "adults-only", "age-65-or-over", "anxiety-led", "mild-symptoms", "low-scores"]
    assert {r["id"] for r in d["reasons"]} == set(rules.REASONS)
    assert all(r["text"] and r["when"] and r["sources"] for r in d["reasons"])
    assert d["crisis"]["sources"] == ["simon-2013", "spravato-label"] and len(d["crisis"]["conditions"]) == 2
    assert [s["id"] for s in d["scores"]] == ["phq9", "gad7"]
    assert [b["id"] for b in d["scores"][0]["bands"]] == ["minimal", "mild", "moderate", "moderately-severe", "severe"]
    assert [n["id"] for n in d["not_used"]] == ["diagnoses-not-used"]
    used = {s for r in rules.REASONS.values() for s in r.sources} | {"kroenke-2001", "spitzer-2006"}
    assert set(d["sources"]) == used
    assert "Pfizer" in d["credit"]


def test_describe_is_json_able():
    assert json.loads(json.dumps(selfcheck.describe())) == selfcheck.describe()


def test_every_country_with_crisis_lines_has_its_access_sentence_or_none():
    """US, GB, CA and AU say how treatment works there; Spain and Mexico have crisis lines
    only (no checked facts on access), so a result there says nothing about access, and
    never fails: a "may be worth discussing" result evaluates in every country."""
    from selfcheck import crisis

    assert set(rules.ACCESS_COUNTRIES) <= set(crisis.countries())
    assert set(crisis.countries()) - set(rules.ACCESS_COUNTRIES) == {"ES", "MX"}
    for country in rules.ACCESS_COUNTRIES:
        assert f"access-{country}" in rules.REASONS
    answers = {"phq9": [2] * 8 + [0], "antidepressant_trials": 2, "medical": ["none"]}
    for country in crisis.countries():
        for lang in ("en", "es"):
            result = selfcheck.evaluate(answers, {"country": country, "lang": lang})
            assert result["tier"] == "worth-discussing"
            access = [r["id"] for r in result["reasons"] if r["id"].startswith("access-")]
            assert access == ([f"access-{country}"] if country in rules.ACCESS_COUNTRIES else []), (country, lang)
