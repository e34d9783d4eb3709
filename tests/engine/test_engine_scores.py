"""Score bands against the published tables (PHQ-9: Kroenke 2001; GAD-7: Spitzer 2006)."""

from __future__ import annotations

import pytest
from engine_helpers import valid_answers

import selfcheck
from selfcheck import scores

# Written out from the published tables, independently of selfcheck.scores.
PHQ9_TABLE = [(0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 19, "moderately-severe"), (20, 27, "severe")]
GAD7_TABLE = [(0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe")]


def expected(table, total):
    return next(band for low, high, band in table if low <= total <= high)


def items_for(total: int, n: int) -> list[int]:
    out = []
    for _ in range(n):
        out.append(min(3, total))
        total -= out[-1]
    assert total == 0
    return out


@pytest.mark.parametrize("total", range(0, 28))
def test_phq9_every_total(total):
    assert scores.band("phq9", total) == expected(PHQ9_TABLE, total)


@pytest.mark.parametrize("total", range(0, 22))
def test_gad7_every_total(total):
    assert scores.band("gad7", total) == expected(GAD7_TABLE, total)


@pytest.mark.parametrize(
    "total,band",
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "moderately-severe"), (19, "moderately-severe"), (20, "severe"), (27, "severe")],
)
def test_phq9_boundaries_through_evaluate(total, band):
    phq9 = items_for(total, 9)
    extra = {"safety_now": "no"} if phq9[8] > 0 else {}
    result = selfcheck.evaluate(valid_answers(phq9=phq9, **extra))
    assert result["scores"]["phq9"]["total"] == total
    assert result["scores"]["phq9"]["band"] == band


@pytest.mark.parametrize(
    "total,band",
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "severe"), (21, "severe")],
)
def test_gad7_boundaries_through_evaluate(total, band):
    result = selfcheck.evaluate(valid_answers(gad7=items_for(total, 7)))
    score = dict(result["scores"]["gad7"])
    # Severe anxiety (15 or more) is noted beside its score, whatever the tier.
    note = score.pop("note", None)
    assert (note is not None) == (total >= 15)
    assert score == {"total": total, "band": band, "label": score["label"], "max": 21}


def test_gad7_not_answered_has_no_score():
    result = selfcheck.evaluate(valid_answers())
    assert set(result["scores"]) == {"phq9"}


def test_band_out_of_range_is_an_error():
    with pytest.raises(ValueError):
        scores.band("phq9", 28)
    with pytest.raises(ValueError):
        scores.band("gad7", -1)


def test_bands_are_contiguous_and_cover_the_range():
    for sc in scores.SCREENERS.values():
        assert sc.bands[0].low == 0 and sc.bands[-1].high == sc.max_total
        for a, b in zip(sc.bands, sc.bands[1:]):
            assert b.low == a.high + 1
