"""The built articles (default build, MkDocs): the options block on every page about choosing a
treatment, each source's kind and date read, and no build marker left anywhere. The same
checks run on the Zensical build (tests/zensical/test_zensical_site.py)."""

from __future__ import annotations

import pytest

from .article_checks import leftover_markers, options_problems, pages_with_the_block, source_list_problems

BLOCK_PAGES = pages_with_the_block()


def test_the_block_is_on_the_treatment_pages():
    assert len(BLOCK_PAGES) >= 5 and "learn/without-treatment/" in BLOCK_PAGES


@pytest.mark.parametrize("path", BLOCK_PAGES)
def test_every_option_is_set_out_the_same_way_with_its_sources(built_site, path):
    assert options_problems((built_site / path / "index.html").read_text(encoding="utf-8")) == []


def test_every_source_says_its_kind_and_the_day_it_was_read(built_site):
    pages = sorted((built_site / "learn").glob("*/index.html"))
    problems = {page.parent.name: source_list_problems(page.read_text(encoding="utf-8")) for page in pages}
    assert not any(problems.values()), {k: v for k, v in problems.items() if v}


def test_no_page_shows_a_build_marker_or_an_unrendered_citation(built_site):
    assert leftover_markers(built_site) == []
