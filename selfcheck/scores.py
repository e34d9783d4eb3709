"""Screener scoring: totals and severity bands, from the published tables.

PHQ-9: Kroenke, Spitzer & Williams 2001 (cut-points 5/10/15/20).
GAD-7: Spitzer, Kroenke, Williams & Löwe 2006 (cut-points 5/10/15).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    id: str  # contract value, e.g. "moderately-severe"; label is message "band.<id>"
    low: int
    high: int  # inclusive


@dataclass(frozen=True)
class Screener:
    id: str  # answer key
    items: int
    bands: tuple[Band, ...]  # contiguous, from 0 to items * 3
    sources: tuple[str, ...]

    @property
    def max_total(self) -> int:
        return self.items * 3


SCREENERS = {
    "phq9": Screener(
        id="phq9",
        items=9,
        bands=(
            Band("minimal", 0, 4),
            Band("mild", 5, 9),
            Band("moderate", 10, 14),
            Band("moderately-severe", 15, 19),
            Band("severe", 20, 27),
        ),
        sources=("kroenke-2001",),
    ),
    "gad7": Screener(
        id="gad7",
        items=7,
        bands=(
            Band("minimal", 0, 4),
            Band("mild", 5, 9),
            Band("moderate", 10, 14),
            Band("severe", 15, 21),
        ),
        sources=("spitzer-2006",),
    ),
}


def band(screener_id: str, total: int) -> str:
    for b in SCREENERS[screener_id].bands:
        if b.low <= total <= b.high:
            return b.id
    raise ValueError(f"{screener_id} total {total} is outside 0-{SCREENERS[screener_id].max_total}")


def score(screener_id: str, items: tuple[int, ...] | list[int]) -> dict:
    """``{"total": int, "band": str}`` for validated item answers."""
    total = sum(items)
    return {"total": total, "band": band(screener_id, total)}
