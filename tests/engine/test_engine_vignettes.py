"""The vignette suite (tests/engine/vignettes.toml) through evaluate() and the CLI."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from engine_helpers import all_strings, dumps, load_vignettes, run_cli

import selfcheck
from selfcheck import questionnaire, rules

VIGNETTES = load_vignettes()
IDS = [v["id"] for v in VIGNETTES]


def test_vignette_file_is_well_formed():
    assert len(VIGNETTES) >= 90
    assert len(IDS) == len(set(IDS)), [i for i, n in Counter(IDS).items() if n > 1]
    for v in VIGNETTES:
        assert set(v) <= {"id", "description", "tier", "urgency", "crisis", "phq9_band", "gad7_band", "answers",
                          "settings", "says", "never_says"}, v["id"]
        assert set(v.get("settings", {})) <= {"country", "clinic"}, v["id"]
        assert set(v.get("settings", {}).get("clinic", {})) <= set(CLI_OPTIONS), v["id"]
        assert v["description"].strip() and "\n" not in v["description"], v["id"]
        assert v["tier"] in rules.TIER_IDS, v["id"]
        assert v["urgency"] in rules.URGENCY_IDS, v["id"]
        assert isinstance(v["crisis"], bool), v["id"]


# Every tier x urgency x crisis combination that can occur under the contract: emergency
# only with urgent; today exactly when crisis without danger now; low-symptoms never in
# crisis and never soon (PHQ-9 under 5).
POSSIBLE = {("urgent", "emergency", True)} | {
    (t, u, u == "today")
    for t in ("medical-review-first", "other-options-first", "worth-discussing")
    for u in ("today", "soon", "routine")
} | {("low-symptoms", "routine", False)} | {
    # Version 3: psychosis now means talking to someone today, without crisis.
    ("medical-review-first", "today", False)}


def test_vignettes_cover_what_they_must():
    combos = {(v["tier"], v["urgency"], v["crisis"]) for v in VIGNETTES}
    assert combos == POSSIBLE, POSSIBLE ^ combos
    factors = {f for v in VIGNETTES if v["tier"] == "medical-review-first" for f in v["answers"]["medical"]} - {"none"}
    assert factors == set(questionnaire.MEDICAL_FACTORS) | {"recent-mania"}
    ages = {(v["answers"].get("age_group"), v["tier"]) for v in VIGNETTES}
    assert {("under-18", "medical-review-first"), ("18-64", "worth-discussing"), ("65-or-over", "worth-discussing"),
            ("65-or-over", "low-symptoms"), (None, "worth-discussing")} <= ages
    bipolar = [v for v in VIGNETTES if "bipolar-depression" in v["answers"].get("diagnoses", [])]
    assert {v["tier"] for v in bipolar} == {"urgent", "medical-review-first"}
    assert any(v["answers"]["antidepressant_trials"] == 0 for v in bipolar)
    # The clinical review's cases (issue 9).
    by_answers = {json.dumps(v["answers"]["phq9"]) + str(v["answers"]["antidepressant_trials"]): v for v in VIGNETTES
                  if v["answers"]["medical"] == ["none"] and not v["answers"].get("diagnoses")}
    assert by_answers["[0, 0, 0, 0, 0, 0, 0, 0, 3]0"]["tier"] != "low-symptoms"
    assert by_answers["[3, 3, 3, 3, 3, 3, 3, 3, 3]3"]["urgency"] == "today"
    assert by_answers["[0, 0, 0, 0, 0, 0, 0, 0, 0]3"]["tier"] == "low-symptoms"
    # Every item-9 value with each safety_now answer (0 has no question, and "yes").
    pairs = {(v["answers"]["phq9"][8], v["answers"].get("safety_now")) for v in VIGNETTES}
    for n in (1, 2, 3):
        assert (n, "yes") in pairs and (n, "no") in pairs
    assert (0, None) in pairs and (0, "yes") in pairs
    # Band edges, by total.
    phq = {sum(v["answers"]["phq9"]) for v in VIGNETTES if "phq9_band" in v}
    assert {4, 5, 9, 10, 14, 15, 19, 20, 27} <= phq
    gad = {sum(v["answers"]["gad7"]) for v in VIGNETTES if "gad7_band" in v}
    assert {4, 5, 9, 10, 14, 15, 21} <= gad
    # The refinement the project left out must be shown not to move the tier.
    refinement = [
        v
        for v in VIGNETTES
        if set(v["answers"].get("diagnoses", ())) & {"anxiety", "ptsd", "ocd"}
        and v["answers"].get("psychotherapy") == "yes"
        and v["answers"]["antidepressant_trials"] >= 1
        and v["answers"]["medical"] == ["none"]
        and v["answers"].get("safety_now") != "yes"
        and v["answers"]["antidepressant_trials"] < 2
    ]
    assert len(refinement) >= 3
    assert all(v["tier"] == "other-options-first" for v in refinement)


def test_version_3_vignettes_cover_each_country_and_the_issues_cases():
    countries = {v.get("settings", {}).get("country") for v in VIGNETTES}
    assert {"US", "GB", "CA", "AU"} <= countries
    v3 = [v for v in VIGNETTES if v["id"].startswith("v3-")]
    # Issue 18's cases: urgent and under-18 on a clinic's site, anxiety-led after 2-3
    # antidepressants, mild after 2-3, and one country-aware access sentence per country.
    assert any(v["tier"] == "urgent" and "clinic" in v.get("settings", {}) for v in v3)
    assert any(v["answers"].get("age_group") == "under-18" and "clinic" in v.get("settings", {}) for v in v3)
    assert {v["answers"]["antidepressant_trials"] for v in v3 if "point more to anxiety" in " ".join(v.get("says", []))
            } >= {2, 3}
    assert {v.get("settings", {}).get("country", "US") for v in v3 if v["tier"] == "worth-discussing"} == {
        "US", "GB", "CA", "AU"}
    assert all(v.get("says") or v.get("never_says") for v in v3 if v["id"] != "v3-psychosis-now")


# The command-line option for each clinic setting a vignette may give.
CLI_OPTIONS = {"name": "--clinic-name", "phone": "--clinic-phone", "booking_url": "--clinic-booking-url",
               "interest": "--clinic-interest", "publisher": "--publisher"}


def _cli_settings(v: dict) -> list[str]:
    config = v.get("settings", {})
    args = ["--country", config["country"]] if "country" in config else []
    for key, value in config.get("clinic", {}).items():
        args += [CLI_OPTIONS[key], value]
    return args


def _check(v: dict, result: dict) -> None:
    assert result["tier"] == v["tier"], v["id"]
    assert result["urgency"] == v["urgency"], v["id"]
    assert result["care_card"]["urgency"] == v["urgency"], v["id"]
    assert result["crisis"] is v["crisis"], v["id"]
    if "phq9_band" in v:
        assert result["scores"]["phq9"]["band"] == v["phq9_band"], v["id"]
    if "gad7_band" in v:
        assert result["scores"]["gad7"]["band"] == v["gad7_band"], v["id"]
    if v["crisis"]:
        # No under-triage: crisis help is the very first next step, and the list ends
        # with the local emergency number.
        assert result["crisis_lines"][-1]["id"] == "local-emergency", v["id"]
        assert result["next_steps"][0].startswith(("Now,", "Today,")), v["id"]
        assert result["headline"] in ("Please get help now", "Please talk to someone today"), v["id"]
    # What the card says, and must never say (version 3).
    said = "\n".join(all_strings(result["card"]))
    for phrase in v.get("says", []):
        assert phrase in said, (v["id"], phrase)
    for phrase in v.get("never_says", []):
        assert phrase.lower() not in said.lower(), (v["id"], phrase)


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_vignette_through_evaluate(v):
    _check(v, selfcheck.evaluate(v["answers"], v.get("settings")))


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_vignette_through_form_values(v):
    """The same answers as a form would post them, through the Python converter."""
    a = v["answers"]
    form = {f"phq9-{i + 1}": str(x) for i, x in enumerate(a["phq9"])}
    form.update({f"gad7-{i + 1}": str(x) for i, x in enumerate(a.get("gad7", []))})
    form["antidepressant_trials"] = str(a["antidepressant_trials"])
    form["medical"] = list(a["medical"])
    for key in ("safety_now", "psychotherapy", "age_group"):
        if key in a:
            form[key] = a[key]
    if "diagnoses" in a:
        form["diagnoses"] = list(a["diagnoses"])
    _check(v, selfcheck.evaluate_form(form, v.get("settings")))


@pytest.mark.parametrize("v", VIGNETTES, ids=IDS)
def test_vignette_through_command_line(v):
    proc = run_cli("evaluate", "-", *_cli_settings(v), stdin=dumps(v["answers"]))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    result = json.loads(proc.stdout.decode("utf-8"))
    _check(v, result)
    assert result == selfcheck.evaluate(v["answers"], v.get("settings"))
