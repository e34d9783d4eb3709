"""The generated "How the self-check works" page describes version 2 of the rules."""

from __future__ import annotations

import importlib.util

from engine_helpers import ROOT

import selfcheck
from selfcheck import bibliography, questionnaire
from sitebuild import rules_page


def _page() -> str:
    sources = {sid: s.as_dict() for sid, s in bibliography.load().items()}
    return rules_page.render("en", sources)


def test_rules_page_describes_version_2():
    page = _page()
    d = selfcheck.describe("en")
    assert "version 2" in page
    for heading in d["headings"].values():
        assert heading in page
    # Every tier, the crisis wording of each tier that can meet a crisis, every urgency.
    for tier in d["tiers"]:
        assert tier["headline"] in page and tier["summary"] in page
        if tier["crisis_summary"]:
            assert tier["crisis_summary"] in page
    for level in d["urgency"]["levels"]:
        assert f"**{level['label']} {level['heading']}.**" in page
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
