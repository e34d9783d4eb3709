""""Your options at a glance" as a reader meets it: plain words (NHS style: sentences of 20
words or fewer, reading grade 8 at most), every "read more" link pointing at a real heading,
and the block on every page about choosing a treatment."""

from __future__ import annotations

import re
import tomllib

import pytest

from pages import DOCS, MAX_GRADE, ROOT, read_page
from readability import flesch_kincaid_grade

from sitebuild import options_block

with options_block.data_file("en").open("rb") as _f:
    OPTIONS = tomllib.load(_f)["option"]
with (ROOT / "sitebuild" / "locales" / "en.toml").open("rb") as _f:
    WORDS = tomllib.load(_f)["options"]

MAX_WORDS = 20
# Pages about choosing a treatment: each shows the block, so every option can be compared.
TREATMENT_PAGES = [
    "learn/how-ketamine-works.md", "learn/who-may-benefit.md", "learn/what-treatment-is-like.md",
    "learn/esketamine-vs-iv-ketamine.md", "learn/side-effects-and-risks.md", "learn/other-treatments.md",
    "learn/without-treatment.md", "learn/questions-to-ask.md", "learn/after-the-first-course.md",
]


def plain(text: str) -> str:
    return re.sub(r"\s*\[@[^\]]*\]", "", text).strip()


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", plain(text)) if s]


def block_text() -> str:
    """The block's words, one paragraph per field, as a reader reads them."""
    parts = [WORDS["intro"]]
    for option in OPTIONS:
        parts += [plain(option[field]) for field in options_block.FIELDS]
    return "\n\n".join(parts)


def test_the_block_reads_at_grade_8_or_below():
    grade = flesch_kincaid_grade(block_text())
    print(f"options block: Flesch-Kincaid grade {grade:.1f}")
    assert grade <= MAX_GRADE


@pytest.mark.parametrize("option", OPTIONS, ids=[o["id"] for o in OPTIONS])
def test_every_sentence_has_20_words_or_fewer(option):
    long = [s for field in options_block.FIELDS for s in sentences(option[field]) if len(s.split()) > MAX_WORDS]
    assert not long, f"{option['id']}: shorten: {long}"


def test_the_blocks_own_words_are_short_sentences_too():
    long = [s for s in sentences(WORDS["intro"]) if len(s.split()) > MAX_WORDS]
    assert not long


@pytest.mark.parametrize("option", OPTIONS, ids=[o["id"] for o in OPTIONS])
def test_read_more_points_at_a_page_and_heading_that_exist(option):
    target, _, anchor = option["more"].partition("#")
    assert (DOCS / target).is_file(), f"{option['id']}: no page {target}"
    if anchor:
        assert re.search(r"\{[^}]*#" + re.escape(anchor) + r"[\s}]", read_page(target)), (
            f"{option['id']}: {target} has no heading with id {anchor}")


@pytest.mark.parametrize("page", TREATMENT_PAGES)
def test_every_page_about_choosing_a_treatment_shows_the_block_once(page):
    lines = [line.strip() for line in read_page(page).splitlines()]
    assert lines.count(options_block.MARKER) == 1, f"{page}: add {options_block.MARKER} on a line of its own"
