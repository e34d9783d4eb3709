"""The generated "How the self-check works" page describes version 3 of the rules."""

from __future__ import annotations

import importlib.util

from engine_helpers import ROOT

import selfcheck
from selfcheck import bibliography, questionnaire
from sitebuild import rules_page


def _page() -> str:
    sources = {sid: s.as_dict() for sid, s in bibliography.load().items()}
    return rules_page.render("en", sources)


def test_rules_page_describes_version_3():
    page = _page()
    d = selfcheck.describe("en")
    assert "version 3" in page
    for heading in d["headings"].values():
        assert heading in page
    # Every tier, the crisis wording of each tier that can meet a crisis, every urgency.
    for tier in d["tiers"]:
        assert tier["headline"] in page and tier["summary"] in page
        if tier["crisis_summary"]:
            assert tier["crisis_summary"] in page
    for level in d["urgency"]["levels"]:
        assert f"**{level['label']} {level['heading']}.**" in page
    # Each urgency rule cites what it rests on (review R14.1), the severe band for "soon".
    soon = next(line for line in page.splitlines() if "**Urgent advice: See a doctor in the next few days.**" in line)
    assert soon.endswith("[@kroenke-2001]")
    # The other wordings of "other treatments first", and access in each country (R5, R10).
    for tier in d["tiers"]:
        for v in tier["variants"]:
            assert v["when"] in page and v["summary"] in page
    for access in d["access"]:
        assert access["text"] + "[" not in page and access["text"] + " [@" in page
    # Answers that never change the result, the skipped age (R14.2, R14.3), and what the
    # result card adds (R14.7).
    for note in d["not_used_notes"] + d["card"]:
        assert note in page
    assert "{ #what-the-result-shows }" in page
    assert "heart rate" not in page  # R14.4: only blood pressure is sourced
    assert "Outside the US" not in page  # R11 / R14.5
    # Every medical factor with its sources, and the note on what was left out.
    labels = {o.value: o.label for o in questionnaire.MEDICAL.options}
    for factor in d["medical_factors"]:
        assert factor["reason"] in page
        assert "[@" + "; @".join(factor["sources"]) + "]" in page
    assert len(d["medical_factors"]) == len(questionnaire.MEDICAL_FACTORS) == len(labels) - 1
    assert d["medical_note"] in page
    for item in d["other_answers"] + d["not_used"]:
        assert item["text"] in page
    assert "has not been shown to prevent suicide" in page
    assert "ends with your local emergency number" in page


def test_rules_page_reads_at_grade_8_or_below():
    spec = importlib.util.spec_from_file_location("content_readability", ROOT / "tests" / "content" / "readability.py")
    readability = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(readability)
    assert readability.flesch_kincaid_grade(_page()) <= 8.0
