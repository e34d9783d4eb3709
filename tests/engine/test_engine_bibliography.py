"""Source ids used by the rules resolve in selfcheck/data/sources.toml.

sources.toml is written by a colleague; until it exists (or while an id is missing)
test_every_source_id_resolves fails, which is correct.
"""

from __future__ import annotations

import pytest

from selfcheck import bibliography, rules, scores

USED = sorted({s for r in rules.REASONS.values() for s in r.sources} | {s for sc in scores.SCREENERS.values() for s in sc.sources})


def test_every_source_id_resolves():
    entries = bibliography.resolve(USED)
    for e in entries:
        assert e.citation.strip() and e.status in bibliography.STATUSES
        assert e.url is None or e.url.startswith("https://")
        assert len(e.accessed) == 10 and e.accessed[4] == "-" and e.accessed[7] == "-"


def test_screener_licence_source_resolves():
    # The credit line's source (PHQ/GAD licence) is named on the questionnaire page.
    assert bibliography.get("phq-screeners").url


GOOD = {"citation": "C", "url": "https://x", "accessed": "2026-01-01", "status": "verified", "kind": "trial"}


def test_parse_rejects_bad_entries():
    assert bibliography._parse({"a": GOOD})["a"].citation == "C"
    no_url = {k: v for k, v in GOOD.items() if k != "url"}
    assert bibliography._parse({"a": no_url})["a"].url is None
    with pytest.raises(bibliography.BibliographyError):
        bibliography._parse({"a": {**GOOD, "status": "maybe"}})
    with pytest.raises(bibliography.BibliographyError):
        bibliography._parse({"a": {"citation": "C"}})
    with pytest.raises(bibliography.BibliographyError):
        bibliography._parse({"a": "not a table"})


def test_every_entry_says_what_kind_of_source_it_is():
    entries = bibliography.load()
    assert entries and all(e.kind in bibliography.KINDS for e in entries.values())
    assert bibliography.get("spravato-label").kind == "label"
    assert bibliography.get("dea-telemedicine-2025").kind == "regulator"
    assert bibliography.get("anand-2023").as_dict()["kind"] == "trial"


def test_a_missing_kind_is_refused_naming_the_entry():
    no_kind = {k: v for k, v in GOOD.items() if k != "kind"}
    with pytest.raises(bibliography.BibliographyError, match=r"\[a\] lacks kind"):
        bibliography._parse({"a": no_kind})


@pytest.mark.parametrize("kind", ["blog", "Trial", "", "news report"])
def test_an_unknown_kind_is_refused_naming_the_entry_and_the_vocabulary(kind):
    with pytest.raises(bibliography.BibliographyError, match=r"\[a\] kind .* is not one of: trial, review, guideline"):
        bibliography._parse({"a": {**GOOD, "kind": kind}})


@pytest.mark.parametrize("kind", bibliography.KINDS)
def test_every_kind_in_the_vocabulary_is_accepted(kind):
    assert bibliography._parse({"a": {**GOOD, "kind": kind}})["a"].kind == kind


@pytest.mark.parametrize("accessed", ["22 November 2026", "2026-13-01", "2026/11/22"])
def test_the_date_read_must_be_a_date(accessed):
    with pytest.raises(bibliography.BibliographyError, match=r"\[a\] accessed must be the date it was read"):
        bibliography._parse({"a": {**GOOD, "accessed": accessed}})
