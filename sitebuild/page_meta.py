"""What an article's template shows about the article itself: review dates and JSON-LD.

Computed here, not in Jinja, so templates stay loops and conditions (MiniJinja in Zensical
cannot call Python).
"""

from __future__ import annotations

import datetime as dt

class PageMetaError(ValueError):
    pass


def as_date(value, key: str, page: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PageMetaError(f"{page}: front matter {key} must be a date as YYYY-MM-DD, got {value!r}") from None


def format_date(day: dt.date, dates: dict) -> str:
    """``day`` as people read it, from the locale's ``[dates]`` table (its ``format`` and
    ``months``), so a translation brings its own month names and order."""
    return (dates["format"].replace("{day}", str(day.day))
            .replace("{month}", dates["months"][day.month - 1]).replace("{year}", str(day.year)))


def review_info(meta: dict, review_text: dict, dates: dict, page: str, today: dt.date) -> dict | None:
    """Review dates for the template, or None for pages that are not reviewed articles.

    ``review_text``: the locale's ``[review]`` table; ``dates``: its ``[dates]`` table;
    ``today``: the day the site is built (the build passes it in, so no test depends on the
    calendar). ``first_published`` (the day the page first went out: for a page already in
    the project, the date of the commit that added it) must come on or before
    ``last_reviewed``. A page past its ``next_review`` is still built, and says so: ``overdue`` and
    ``overdue_notice``, shown at the top of the page and in "About this page". A
    ``last_reviewed`` after ``today`` is a mistake and stops the build."""
    if "last_reviewed" not in meta:
        return None
    for key in ("next_review", "first_published"):
        if key not in meta:
            raise PageMetaError(f"{page}: front matter has last_reviewed but no {key}")
    first = as_date(meta["first_published"], "first_published", page)
    last = as_date(meta["last_reviewed"], "last_reviewed", page)
    following = as_date(meta["next_review"], "next_review", page)
    if first > last:
        raise PageMetaError(
            f"{page}: first_published ({first}) is after last_reviewed ({last}): a page is reviewed "
            "on or after the day it is first published")
    if following <= last:
        raise PageMetaError(f"{page}: next_review ({following}) must be after last_reviewed ({last})")
    if last > today:
        raise PageMetaError(f"{page}: last_reviewed ({last}) is after today ({today}): a review cannot be in the future")
    overdue = following < today
    return {
        "first": format_date(first, dates),
        "first_iso": first.isoformat(),
        "last": format_date(last, dates),
        "last_iso": last.isoformat(),
        "next": format_date(following, dates),
        "next_iso": following.isoformat(),
        "overdue": overdue,
        "overdue_notice": review_text["overdue"].replace("{date}", format_date(following, dates)) if overdue else None,
    }


def days_until_review(review: dict, today: dt.date) -> int:
    """Days from ``today`` to the page's next review (negative once it is overdue)."""
    return (dt.date.fromisoformat(review["next_iso"]) - today).days


def json_ld(meta: dict, review: dict, clinic: dict, bibliography: dict, lang: str) -> dict:
    """schema.org MedicalWebPage for an article. Names an author, a publisher and a reviewer
    only when the clinic's settings name them (the page says the same in words)."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": meta.get("title"),
        "description": meta.get("description"),
        "inLanguage": lang,
        "lastReviewed": review["last_iso"],
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
    }
    if review.get("first_iso"):
        data["datePublished"] = review["first_iso"]
    author = clinic.get("author")
    if author:
        data["author"] = {"@type": "Person", "name": author["name"], "description": author["credentials"]}
    if clinic.get("publisher"):
        data["publisher"] = {"@type": "Organization", "name": clinic["publisher"]}
    reviewer = clinic.get("reviewer")
    if reviewer:
        data["reviewedBy"] = {"@type": "Person", "name": reviewer["name"], "description": reviewer["credentials"]}
    citations = [bibliography[s]["citation"] for s in meta.get("sources") or [] if s in bibliography]
    if citations:
        data["citation"] = citations
    return data
