"""Every article and site page: complete front matter, sources that exist, no banned claims,
a link to the self-check, review dates in order, a reading grade a reader can manage, and
short sentences in short paragraphs.

Whether a page is past its review date depends on the day, so it is not checked here: the
build decides it on the day it runs (a notice on the page, tests/build/test_review_dates.py)."""

from __future__ import annotations

import datetime as dt
import re
import statistics

import pytest

from pages import (
    DOCS,
    MAX_GRADE,
    MAX_MEDIAN_GRADE,
    MAX_PARAGRAPH_SENTENCES,
    MAX_SENTENCE_WORDS,
    SELF_CHECK,
    article_pages,
    other_pages,
    read_page,
)
from content_rules import (
    banned_phrases,
    cited_ids,
    fda_approval_claims,
    links_to,
    malformed_citations,
    split_front_matter,
)
from readability import flesch_kincaid_grade, paragraphs

from sitebuild import page_meta

ARTICLES = article_pages()
ALL_PAGES = ARTICLES + other_pages()
REQUIRED_FIELDS = ["title", "description", "first_published", "last_reviewed", "next_review", "sources"]
# Every Markdown page the site publishes, not only the articles: each says when it first went out.
EVERY_PAGE = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def front_matter(page: str) -> dict:
    return split_front_matter(read_page(page))[0]


def body(page: str) -> str:
    return split_front_matter(read_page(page))[1]


def as_date(value, field: str, page: str) -> dt.date:
    """The build's own date parsing, so the tests accept exactly what the build accepts."""
    try:
        return page_meta.as_date(value, field, page)
    except page_meta.PageMetaError as error:
        pytest.fail(str(error))


def test_there_are_articles():
    assert len(ARTICLES) >= 4, "docs/learn/ should hold the articles"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_page_is_written(page):
    assert "(being written)" not in read_page(page), f"{page} is still a placeholder"


@pytest.mark.parametrize("page", ARTICLES)
def test_article_front_matter_is_complete(page):
    meta = front_matter(page)
    missing = [f for f in REQUIRED_FIELDS if not meta.get(f)]
    assert not missing, f"{page}: front matter lacks {missing}"
    assert isinstance(meta["sources"], list), f"{page}: sources must be a list"
    assert all(isinstance(s, str) for s in meta["sources"]), f"{page}: sources must be ids"
    assert len(set(meta["sources"])) == len(meta["sources"]), f"{page}: a source is listed twice"
    last = as_date(meta["last_reviewed"], "last_reviewed", page)
    assert as_date(meta["next_review"], "next_review", page) > last


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_every_page_says_when_it_was_first_published(page):
    """first_published: for a page already in the project, the date of the commit that first
    added it (git log --diff-filter=A --follow --format=%as -- docs/<page>); never after the
    page's last review."""
    meta = front_matter(page)
    assert meta.get("first_published"), f"{page}: add first_published (YYYY-MM-DD) to the front matter"
    first = as_date(meta["first_published"], "first_published", page)
    if meta.get("last_reviewed"):
        assert first <= as_date(meta["last_reviewed"], "last_reviewed", page), f"{page}: first_published is after last_reviewed"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_listed_sources_are_in_the_bibliography(page, bibliography):
    unknown = [s for s in front_matter(page).get("sources") or [] if s not in bibliography]
    assert not unknown, f"{page}: not in selfcheck/data/sources.toml: {unknown}"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_citations_are_well_formed(page):
    bad = malformed_citations(body(page))
    assert not bad, f"{page}: citations the build cannot read (use [@id] or [@a; @b]): {bad}"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_citation_is_listed_and_every_listed_source_is_cited(page):
    listed = front_matter(page).get("sources") or []
    cited = cited_ids(body(page))
    not_listed = [s for s in cited if s not in listed]
    not_cited = [s for s in listed if s not in cited]
    assert not not_listed, f"{page}: cited in the text but not in front matter sources: {not_listed}"
    assert not not_cited, f"{page}: in front matter sources but never cited: {not_cited}"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_banned_claims(page):
    found = banned_phrases(read_page(page))
    assert not found, f"{page}: banned wording:\n" + "\n".join(f"  {p!r} in: {s}" for p, s in found)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_claim_that_iv_ketamine_is_fda_approved_for_depression(page):
    found = fda_approval_claims(read_page(page))
    assert not found, f"{page}: says IV/racemic ketamine is FDA approved for a mental health use:\n" + "\n".join(found)


@pytest.mark.parametrize("page", ARTICLES)
def test_article_links_to_the_self_check(page):
    assert links_to(read_page(page), page, SELF_CHECK), (
        f"{page}: add a link such as [take the self-check](../self-check/index.md)"
    )


# Every page, not only the articles: the About page promises that every page is tested.
@pytest.mark.parametrize("page", ALL_PAGES)
def test_reading_grade(page):
    grade = flesch_kincaid_grade(read_page(page))
    print(f"{page}: Flesch-Kincaid grade {grade:.1f}")
    assert grade <= MAX_GRADE, f"{page}: reading grade {grade:.1f} is above {MAX_GRADE}"


def test_median_reading_grade():
    grades = [flesch_kincaid_grade(read_page(p)) for p in ARTICLES]
    median = statistics.median(grades)
    assert median <= MAX_MEDIAN_GRADE, f"median reading grade {median:.1f} is above {MAX_MEDIAN_GRADE}"


BY_COUNTRY_REGION = re.compile(r"<!-- by-country -->(.*?)<!-- /by-country -->", re.DOTALL)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_country_sections_never_point_above_or_below(page):
    """The build puts the clinic's own country's section first, so "above" and "below" can
    point the wrong way inside a by-country region: link to the section's heading instead."""
    found = [m.group(0) for region in BY_COUNTRY_REGION.finditer(body(page))
             for m in re.finditer(r"(?i)\b(above|below)\b", region.group(1))]
    assert not found, f"{page}: 'above' or 'below' inside a by-country region (link to the heading instead)"


@pytest.mark.parametrize("page", ARTICLES)
def test_sentences_and_paragraphs_are_short(page):
    text = paragraphs(read_page(page))
    long_sentences = [s for p in text for s in p if len(s.split()) > MAX_SENTENCE_WORDS]
    long_paragraphs = [" ".join(p) for p in text if len(p) > MAX_PARAGRAPH_SENTENCES]
    assert not long_sentences, (
        f"{page}: sentences over {MAX_SENTENCE_WORDS} words:\n" + "\n".join(f"  {s}" for s in long_sentences)
    )
    assert not long_paragraphs, (
        f"{page}: paragraphs over {MAX_PARAGRAPH_SENTENCES} sentences:\n"
        + "\n".join(f"  {p[:100]}..." for p in long_paragraphs)
    )
