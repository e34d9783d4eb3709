"""Country sections come in the clinic's order (sitebuild/by_country.py): its own country's
section first, the others as written; without a clinic country, as written."""

from __future__ import annotations

import re

import pytest

from sitebuild import by_country, stage
from sitebuild.by_country import ByCountryError, reorder

PAGE = """# Is it legal? { #is-it-legal }

Intro [@a].

<!-- by-country -->

## In the United States { #in-the-united-states data-country="US" }

US text [@b].

### A US detail { #a-us-detail }

More US text.

## In the United Kingdom { #in-the-united-kingdom data-country="GB" }

UK text [@c].

## In Canada { #in-canada data-country="CA" }

Canada text.
<!-- /by-country -->

## Other countries { #other-countries }

The rest.
"""


def headings(markdown: str) -> list[str]:
    return re.findall(r"(?m)^#+ .*?\{ #([a-z-]+)", markdown)


def test_a_gb_clinic_reads_its_own_country_first_and_the_rest_as_written():
    out = reorder(PAGE, "GB", "p.md")
    assert headings(out) == ["is-it-legal", "in-the-united-kingdom", "in-the-united-states", "a-us-detail",
                             "in-canada", "other-countries"]
    # A section's sub-sections and text travel with it, and nothing runs together.
    assert "## In the United States { #in-the-united-states data-country=\"US\" }\n\nUS text [@b].\n\n### A US detail" in out
    assert "Canada text.\n\n## In the United States" not in out
    assert "UK text [@c].\n\n## In the United States" in out
    assert "Canada text.\n\n## Other countries" in out


def test_a_us_clinic_keeps_the_written_order_when_its_country_comes_first():
    assert headings(reorder(PAGE, "US", "p.md")) == headings(PAGE)


@pytest.mark.parametrize("country", [None, "AU"])
def test_without_a_clinic_country_or_a_section_for_it_the_order_stays_as_written(country):
    assert headings(reorder(PAGE, country, "p.md")) == headings(PAGE)


def test_the_markers_are_removed_and_nothing_else_changes():
    out = reorder(PAGE, None, "p.md")
    assert "by-country" not in out
    assert out.replace("\n", "") == PAGE.replace("<!-- by-country -->", "").replace("<!-- /by-country -->", "").replace("\n", "")


def test_citations_are_numbered_in_the_order_a_reader_meets_them():
    """The citation step runs on the reordered page, so the first section read cites [1]."""
    site = {"text": stage.context.load_site_text(stage.ROOT, "en"), "clinic": {}, "lang": "en",
            "bibliography": {s: {"citation": s.upper(), "accessed": "2026-11-22", "kind": "trial", "status": "verified"}
                             for s in "abc"}}
    meta = {"title": "T", "sources": ["a", "b", "c"]}
    staged, body = stage.process_page(meta, PAGE, "p.md", site, today=None, country="GB")
    assert staged["sources"] == ["a", "c", "b"]
    uk, us = body.index("UK text"), body.index("US text")
    assert uk < us and 'href="#source-2"' in body[uk:us]


@pytest.mark.parametrize(("markdown", "message"), [
    ("<!-- by-country -->\n## US { #us }\n\ntext\n<!-- /by-country -->\n", "carrying data-country"),
    ("<!-- by-country -->\n## US { #us data-country=\"FR\" }\n<!-- /by-country -->\n", "'FR' is not one of US, GB, CA, AU"),
    ("<!-- by-country -->\nStray words.\n## US { #us data-country=\"US\" }\n<!-- /by-country -->\n", "text before the first country heading"),
    ("<!-- by-country -->\n## US { #us data-country=\"US\" }\n## US again { #us2 data-country=\"US\" }\n<!-- /by-country -->\n", "a second section for US"),
    ("<!-- by-country -->\n### US { #us data-country=\"US\" }\n## Later { #later }\n<!-- /by-country -->\n", "a heading above the region's first level"),
    ("<!-- by-country -->\n## US { #us data-country=\"US\" }\n", "is not closed"),
    ("## US { #us }\n<!-- /by-country -->\n", "without a <!-- by-country --> before it"),
    ("<!-- by-country -->\n\n<!-- /by-country -->\n", "no country sections"),
])
def test_a_region_the_build_cannot_reorder_stops_it_naming_the_page_and_line(markdown, message):
    with pytest.raises(ByCountryError, match=re.escape(message)) as error:
        reorder(markdown, "GB", "learn/x.md")
    assert str(error.value).startswith("learn/x.md")


def test_a_heading_inside_a_code_block_is_not_a_section():
    markdown = "<!-- by-country -->\n## US { #us data-country=\"US\" }\n```\n## not a heading\n```\n## GB { #gb data-country=\"GB\" }\n<!-- /by-country -->\n"
    assert headings(reorder(markdown, "GB", "p.md")) == ["gb", "us"]


def test_the_projects_regions_are_well_formed_and_name_known_countries():
    """Every page with a region: the build can reorder it for each country, and no id is lost."""
    found = 0
    for path in sorted((stage.ROOT / "docs").rglob("*.md")):
        markdown = path.read_text(encoding="utf-8")
        if by_country.START not in markdown:
            continue
        found += 1
        for country in (None, "US", "GB", "CA", "AU"):
            assert sorted(headings(reorder(markdown, country, path.name))) == sorted(headings(markdown)), path
    assert found >= 4, "legal-status, cost-and-insurance, guidelines and reporting-side-effects have regions"


def test_the_clinic_country_is_the_one_its_settings_name():
    assert stage.clinic_country({"extra": {"clinic": {"country": "GB"}}}) == "GB"
    assert stage.clinic_country({"extra": {"clinic": {"name": "X"}}}) is None
    assert stage.clinic_country({}) is None
