"""Review dates and JSON-LD: shown as people read dates; a reviewer only when configured."""

import datetime as dt

import pytest

from sitebuild.context import load_site_text
from sitebuild.page_meta import PageMetaError, format_date, json_ld
from sitebuild.stage import ROOT

EN_TEXT = load_site_text(ROOT, "en")
EN_DATES = EN_TEXT["dates"]
TODAY = dt.date(2026, 12, 1)


def review_info(meta, dates, page):
    from sitebuild.page_meta import review_info as info

    return info(meta, EN_TEXT["review"], dates, page, TODAY)


def test_review_dates_are_formatted_for_reading_and_for_machines():
    info = review_info({"first_published": dt.date(2026, 11, 20), "last_reviewed": dt.date(2026, 11, 22),
                        "next_review": "2027-05-22"}, EN_DATES, "p.md")
    assert info == {"first": "20 November 2026", "first_iso": "2026-11-20",
                    "last": "22 November 2026", "last_iso": "2026-11-22",
                    "next": "22 May 2027", "next_iso": "2027-05-22", "overdue": False, "overdue_notice": None}


def test_dates_follow_the_locale_order_and_month_names():
    # A translation brings its own order and month names (Spanish: "22 de noviembre de 2026").
    spanish = {"format": "{day} de {month} de {year}",
               "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                          "septiembre", "octubre", "noviembre", "diciembre"]}
    assert format_date(dt.date(2026, 11, 22), spanish) == "22 de noviembre de 2026"
    assert format_date(dt.date(2027, 1, 5), EN_DATES) == "5 January 2027"


def test_pages_without_review_dates_are_not_articles():
    assert review_info({"title": "Home"}, EN_DATES, "index.md") is None


@pytest.mark.parametrize("meta", [
    {"first_published": "2026-11-22", "last_reviewed": "2026-11-22"},
    {"first_published": "2026-11-22", "last_reviewed": "2026-11-22", "next_review": "2026-11-01"},
    {"first_published": "2026-11-22", "last_reviewed": "last week", "next_review": "2027-01-01"},
    {"first_published": "November", "last_reviewed": "2026-11-22", "next_review": "2027-01-01"},
])
def test_bad_review_dates_stop_the_build(meta):
    with pytest.raises(PageMetaError, match="p.md"):
        review_info(meta, EN_DATES, "p.md")


def test_a_reviewed_page_must_say_when_it_was_first_published():
    with pytest.raises(PageMetaError, match="p.md: front matter has last_reviewed but no first_published"):
        review_info({"last_reviewed": "2026-11-22", "next_review": "2027-05-22"}, EN_DATES, "p.md")


def test_a_page_cannot_be_reviewed_before_it_was_first_published():
    meta = {"first_published": "2026-11-23", "last_reviewed": "2026-11-22", "next_review": "2027-05-22"}
    with pytest.raises(PageMetaError, match=r"p.md: first_published \(2026-11-23\) is after last_reviewed \(2026-11-22\)"):
        review_info(meta, EN_DATES, "p.md")
    # Published and reviewed on the same day is fine.
    assert review_info({**meta, "first_published": "2026-11-22"}, EN_DATES, "p.md")["first"] == "22 November 2026"


def test_json_ld_says_when_the_page_was_first_published():
    data = json_ld({"title": "T"}, {"first_iso": "2026-11-20", "last_iso": "2026-11-22"}, {}, {}, "en")
    assert data["datePublished"] == "2026-11-20" and data["lastReviewed"] == "2026-11-22"


def test_json_ld_names_a_reviewer_only_when_one_is_configured():
    meta = {"title": "T", "description": "D", "sources": ["a"]}
    review = {"last_iso": "2026-11-22"}
    bib = {"a": {"citation": "Cite A"}}
    data = json_ld(meta, review, {"reviewer": None}, bib, "en")
    assert data["@type"] == "MedicalWebPage" and data["lastReviewed"] == "2026-11-22"
    assert data["audience"]["audienceType"] == "Patient"
    assert "reviewedBy" not in data and data["citation"] == ["Cite A"]
    reviewed = json_ld(meta, review, {"reviewer": {"name": "Dr A", "credentials": "MD"}}, bib, "en")
    assert reviewed["reviewedBy"]["name"] == "Dr A"
