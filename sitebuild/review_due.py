"""Which pages are due for review: `make review-due` (`python -m sitebuild review-due`).

Lists every page past its ``next_review`` and every page due within the coming days, with
their dates, from the same front matter and the same checks the build uses
(``page_meta.review_info``). "Today" is a parameter, so what it says is decided by the
date it is given, never by the test machine's calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import page_meta

DUE_SOON_DAYS = 30


@dataclass(frozen=True)
class PageDue:
    page: str  # path relative to docs/
    next_review: dt.date
    days_left: int  # negative once overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def schedule(docs_dir: Path, review_text: dict, dates: dict, today: dt.date) -> list[PageDue]:
    """Every reviewed page under ``docs_dir``, soonest due first. PageMetaError for a page
    whose dates are wrong (as the build would stop on it)."""
    from .stage import split_page  # the build's own front-matter reader

    out = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        where = path.relative_to(docs_dir).as_posix()
        meta, _body = split_page(path.read_text(encoding="utf-8"))
        review = page_meta.review_info(meta, review_text, dates, where, today)
        if review:
            out.append(PageDue(where, dt.date.fromisoformat(review["next_iso"]), page_meta.days_until_review(review, today)))
    return sorted(out, key=lambda due: (due.next_review, due.page))


def report(pages: list[PageDue], today: dt.date, within: int = DUE_SOON_DAYS) -> tuple[str, bool]:
    """The listing for people, and whether any page is overdue."""
    overdue = [p for p in pages if p.overdue]
    soon = [p for p in pages if 0 <= p.days_left <= within]
    lines = [f"Review dates on {today.isoformat()} ({len(pages)} reviewed pages):"]
    if overdue:
        lines.append("Overdue (the built page says it may be out of date):")
        lines += [f"  {p.next_review.isoformat()}  {p.page}  ({-p.days_left} days ago)" for p in overdue]
    if soon:
        lines.append(f"Due within {within} days:")
        lines += [f"  {p.next_review.isoformat()}  {p.page}  (in {p.days_left} days)" for p in soon]
    if not overdue and not soon:
        lines.append(f"None is overdue or due within {within} days.")
    later = len(pages) - len(overdue) - len(soon)
    if later and (overdue or soon):
        lines.append(f"{later} other pages are due later.")
    return "\n".join(lines), bool(overdue)
