"""Inline citations become numbered links, and a citation can never point at nothing."""

import pytest

from sitebuild.citations import CitationError, cited_ids, order_sources, render_citations

BIB = {"a-2001": {"citation": "A"}, "b-2002": {"citation": "B"}, "c-2003": {"citation": "C"}}


def test_sources_are_numbered_in_order_of_first_citation():
    md = "One [@b-2002]. Two [@a-2001; @b-2002]."
    assert cited_ids(md) == ["b-2002", "a-2001"]
    ordered = order_sources(md, ["a-2001", "b-2002"], BIB, "p.md")
    assert ordered == ["b-2002", "a-2001"]
    html = render_citations(md, ordered)
    assert '<a href="#source-1" aria-label="Source 1">1</a>]</sup>.' in html
    assert "[<a href=\"#source-2\" aria-label=\"Source 2\">2</a>, <a href=\"#source-1\"" in html
    assert "[@" not in html


def test_citing_an_unlisted_source_fails():
    with pytest.raises(CitationError, match=r"p.md: \[@c-2003\] is cited but not listed"):
        order_sources("x [@c-2003]", ["a-2001"], BIB, "p.md")


def test_listing_an_unknown_source_fails():
    with pytest.raises(CitationError, match="'zz-1999' in front matter is not in the bibliography"):
        order_sources("x", ["zz-1999"], BIB, "p.md")


def test_text_without_citations_is_unchanged():
    md = "An email [@ is not] a citation, nor is [this](link)."
    assert render_citations(md, []) == md
