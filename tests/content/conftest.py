"""Pages the content tests cover, and a reading-grade summary at the end of every run."""

from __future__ import annotations

import statistics
import tomllib

import pytest

from pages import (
    MAX_GRADE,
    MAX_MEDIAN_GRADE,
    SOURCES_TOML,
    article_pages,
    other_pages,
    read_page,
)
from readability import flesch_kincaid_grade


@pytest.fixture(scope="session")
def bibliography() -> dict:
    with SOURCES_TOML.open("rb") as f:
        return tomllib.load(f)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print each page's Flesch-Kincaid grade, so writers see it in a normal run."""
    articles = article_pages()
    if not articles:
        return
    tr = terminalreporter
    tr.section("reading grade (Flesch-Kincaid, body text)")
    grades = {}
    for page in articles + other_pages():
        try:
            grade = flesch_kincaid_grade(read_page(page))
        except Exception as exc:  # a broken page must not hide the rest of the summary
            tr.write_line(f"  ?    {page}  ({exc})")
            continue
        flag = "  OVER" if grade > MAX_GRADE else ""
        if page in articles:
            grades[page] = grade
            tr.write_line(f"  {grade:4.1f}  {page}{flag}")
        else:
            tr.write_line(f"  {grade:4.1f}  {page}  (not an article: not in the median){flag}")
    if grades:
        median = statistics.median(grades.values())
        flag = "  OVER" if median > MAX_MEDIAN_GRADE else ""
        tr.write_line(
            f"  median of {len(grades)} articles: {median:.1f} (limit {MAX_MEDIAN_GRADE}); "
            f"each page at most {MAX_GRADE}{flag}"
        )
