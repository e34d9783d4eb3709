"""Pages past their review date: the page says so, the build says so, and a clinic that
wants strictness can stop the build. Every check takes its "today" as a parameter, so no
test here (or anywhere) changes its outcome with the calendar."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import review_due, stage
from sitebuild.context import load_site_text
from sitebuild.page_meta import PageMetaError, review_info

from ..conftest import ROOT, build_site, content_day

TEXT = load_site_text(ROOT, "en")
BEFORE = dt.date(2026, 12, 1)  # before every page's next review
AFTER = dt.date(2027, 6, 1)  # after every page's next review in this project (checked below)
NOTICE = re.compile(r"This page was due for review on (\d{1,2} \w+ \d{4})\. Some information may be out of date\.")


def info(last: str, following: str, today: dt.date) -> dict | None:
    meta = {"first_published": "2026-01-01", "last_reviewed": last, "next_review": following}
    return review_info(meta, TEXT["review"], TEXT["dates"], "learn/p.md", today)


# ---------------------------------------------------------------- the decision


def test_a_page_before_its_review_date_has_no_notice():
    review = info("2026-11-22", "2026-12-15", BEFORE)
    assert review["overdue"] is False and review["overdue_notice"] is None


def test_the_review_date_itself_is_not_overdue():
    assert info("2026-11-22", "2026-12-15", dt.date(2026, 12, 15))["overdue"] is False


def test_a_page_after_its_review_date_says_when_it_was_due_in_the_pages_words():
    review = info("2026-11-22", "2026-12-15", dt.date(2026, 12, 16))
    assert review["overdue"] is True
    assert review["overdue_notice"] == (
        "This page was due for review on 15 December 2026. Some information may be out of date. "
        "Check with a clinician before you act on it."
    )


def test_a_review_in_the_future_stops_the_build():
    with pytest.raises(PageMetaError, match=r"learn/p\.md: last_reviewed \(2026-12-02\) is after today"):
        info("2026-12-02", "2027-06-02", BEFORE)


# ---------------------------------------------------------------- `make review-due`


def small_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "learn").mkdir(parents=True)
    pages = {
        "learn/overdue.md": ("2026-06-01", "2026-12-15"),
        "learn/soon.md": ("2026-11-22", "2027-01-08"),
        "learn/later.md": ("2026-11-22", "2027-05-22"),
    }
    for page, (last, following) in pages.items():
        (docs / page).write_text(f"---\ntitle: T\nfirst_published: 2026-01-01\nlast_reviewed: {last}\nnext_review: {following}\n---\n# T\n")
    (docs / "index.md").write_text("# Home, not a reviewed page\n")
    return docs


def test_review_due_lists_overdue_and_soon_pages_with_their_dates(tmp_path):
    pages = review_due.schedule(small_docs(tmp_path), TEXT["review"], TEXT["dates"], dt.date(2026, 12, 20))
    listing, overdue = review_due.report(pages, dt.date(2026, 12, 20), within=30)
    assert overdue
    assert "2026-12-15  learn/overdue.md  (5 days ago)" in listing
    assert "2027-01-08  learn/soon.md  (in 19 days)" in listing
    assert "later.md" not in listing and "1 other pages are due later." in listing
    assert listing.index("Overdue") < listing.index("Due within 30 days")


def test_review_due_with_nothing_due_says_so(tmp_path):
    pages = review_due.schedule(small_docs(tmp_path), TEXT["review"], TEXT["dates"], dt.date(2026, 12, 1))
    listing, overdue = review_due.report(pages, dt.date(2026, 12, 1), within=7)
    assert not overdue and "None is overdue or due within 7 days." in listing


def small_project(tmp_path: Path) -> Path:
    small_docs(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\ntheme: {name: material, language: en}\nnav: [index.md]\n")
    return config


def sitebuild(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitebuild", *args], cwd=ROOT, capture_output=True, text=True)


def test_review_due_command_exits_1_only_when_a_page_is_overdue(tmp_path):
    config = str(small_project(tmp_path))
    late = sitebuild("review-due", "-f", config, "--today", "2026-12-20")
    assert late.returncode == 1 and "learn/overdue.md" in late.stdout
    early = sitebuild("review-due", "-f", config, "--today", "2026-12-01")
    assert early.returncode == 0 and "Due within 30 days" in early.stdout and "learn/overdue.md" in early.stdout


def test_build_log_has_one_line_per_overdue_page_and_strict_review_stops(tmp_path):
    config = str(small_project(tmp_path))
    stage_dir = str(tmp_path / "stage")
    on_time = sitebuild("prepare", "-f", config, "--stage", stage_dir, "--today", "2026-12-01")
    assert on_time.returncode == 0 and "Review overdue" not in on_time.stderr

    late = sitebuild("prepare", "-f", config, "--stage", stage_dir, "--today", "2027-01-10")
    assert late.returncode == 0, late.stderr
    lines = [line for line in late.stderr.splitlines() if line.startswith("Review overdue: ")]
    assert sorted(lines) == [
        "Review overdue: learn/overdue.md: due for review on 2026-12-15 (built with a notice that it may be out of date)",
        "Review overdue: learn/soon.md: due for review on 2027-01-08 (built with a notice that it may be out of date)",
    ]
    staged_meta, _ = stage.split_page((tmp_path / "stage" / "docs" / "learn" / "soon.md").read_text())
    assert staged_meta["review"]["overdue"] is True

    strict = sitebuild("prepare", "-f", config, "--stage", stage_dir, "--today", "2027-01-10", "--strict-review")
    assert strict.returncode == 2 and "Traceback" not in strict.stderr
    assert "learn/overdue.md: due for review on 2026-12-15" in strict.stderr
    assert "learn/soon.md: due for review on 2027-01-08" in strict.stderr
    assert "later.md" not in strict.stderr


def test_a_bad_date_for_today_is_refused_by_name(tmp_path):
    result = sitebuild("review-due", "-f", str(small_project(tmp_path)), "--today", "1 June")
    assert result.returncode == 2 and "expected a date as YYYY-MM-DD" in result.stderr


# ---------------------------------------------------------------- the project's own site


def project_reviews(today: dt.date) -> dict[str, dict]:
    """Each reviewed page of the project -> its review info on ``today``."""
    out = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        meta, _ = stage.split_page(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT / "docs").as_posix()
        review = review_info(meta, TEXT["review"], TEXT["dates"], where, today)
        if review:
            out[where] = review
    return out


def built_page(site: Path, src: str) -> str:
    return (site / stage.page_url(src) / "index.html").read_text(encoding="utf-8")


def test_the_projects_pages_are_all_due_by_the_late_date():
    # AFTER is meant to be "after every review date": if a page's next review moves beyond
    # it, move AFTER too, or the overdue-site test below proves less than it says.
    reviews = project_reviews(AFTER)
    assert reviews and all(r["overdue"] for r in reviews.values()), [p for p, r in reviews.items() if not r["overdue"]]


@pytest.fixture(scope="module")
def overdue_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    dest = tmp_path_factory.mktemp("overdue") / "site"
    result = build_site(dest, today=AFTER)
    assert result.returncode == 0, result.stderr
    return dest, result


# Pages whose template replaces main.html's content block (and with it the notice at the
# top): the self-check page (overrides/selfcheck.html) shows the notice in "About this page".
OWN_CONTENT_TEMPLATE = {"self-check/index.md"}


def test_a_site_built_late_shows_the_notice_on_every_overdue_page(overdue_site):
    site, result = overdue_site
    reviews = project_reviews(AFTER)
    logged = {line.split(": ")[1] for line in result.stderr.splitlines() if line.startswith("Review overdue: ")}
    assert logged == set(reviews)
    for src, review in reviews.items():
        html = built_page(site, src)
        notices = NOTICE.findall(html)
        assert html.index('id="page-review-heading"') < html.rindex("page-review__overdue"), src
        if src in OWN_CONTENT_TEMPLATE:
            # In "About this page" (its template draws the rest of the page itself).
            assert notices == [review["next"]], src
            continue
        # Once at the top of the page, once in "About this page", with the page's own date.
        assert notices == [review["next"], review["next"]], src
        top = html.index("page-review__overdue")
        assert top < html.index("<h1"), f"{src}: the notice is not at the top"


def test_a_site_built_on_the_content_day_shows_no_notice(built_site):
    reviews = project_reviews(content_day())
    assert not any(r["overdue"] for r in reviews.values()), "a page is already overdue: review it"
    for src in reviews:
        assert "page-review__overdue" not in built_page(built_site, src), src
