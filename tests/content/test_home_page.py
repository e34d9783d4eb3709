"""The home page lists every article, so a reader can find each one from the start."""

from __future__ import annotations

import pytest

from content_rules import links_to
from pages import article_pages, read_page

HOME = "index.md"


@pytest.mark.parametrize("page", article_pages())
def test_home_page_links_to_every_article(page):
    assert links_to(read_page(HOME), HOME, page), f"index.md: add a link to {page} under 'All articles'"
