"""A Spanish site whose translation is not finished: the project built with two of its
Spanish articles taken away, as it was while they were being translated and as a clinic's
own translation may be. Every link to a missing page goes to the English page and says so,
wherever it comes from: the page's own words, a block the build puts in (the options at a
glance), a template, or the self-check's result card; the build never fails for it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ..conftest import ROOT, build_site

MISSING = ("learn/other-treatments.md", "learn/how-ketamine-works.md")
NOTE = "(en inglés)"


@pytest.fixture(scope="module")
def partial_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("partial-spanish")
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    # Copies, not links: the build resolves paths, and finds the Spanish pages beside docs/.
    for folder in ("docs", "docs-es", "overrides"):
        shutil.copytree(ROOT / folder, tmp / folder)
    for page in MISSING:
        (tmp / "docs-es" / page).unlink()
    result = build_site(tmp / "site", tmp / "mkdocs.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp / "site"


def html_of(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def links_to(html: str, path: str) -> list[str]:
    """Every <a> tag whose href leads to ``path`` (an English site path, e.g. learn/x/)."""
    return [tag for tag in re.findall(r"<a\s[^>]*>", html) if re.search(rf'href="(?:\.\./)+{re.escape(path)}[#"]', tag)]


def test_the_options_block_links_a_missing_page_in_english(partial_site):
    html = html_of(partial_site, "es/learn/who-may-benefit")
    block = html[html.index('class="option'):]
    found = links_to(block, "learn/other-treatments/")
    assert found, "the options block links to other treatments"
    for tag in found:
        assert 'hreflang="en"' in tag and 'href="../../../learn/other-treatments/' in tag, tag


def test_a_link_in_the_pages_own_words_and_a_template_button_say_english(partial_site):
    home = html_of(partial_site, "es")
    button = re.search(r'<a href="\.\./learn/how-ketamine-works/" class="md-button md-button--primary" hreflang="en">(.*?)</a>', home)
    assert button and button.group(1).endswith(NOTE)
    assert '<a href="privacy/">Privacidad</a>' in home  # a translated page: Spanish, unmarked


def test_a_missing_page_is_left_out_of_the_spanish_nav_and_has_no_alternates(partial_site):
    nav = html_of(partial_site, "es/privacy")
    assert "learn/other-treatments/" not in re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', nav, re.S).group(0)
    english = html_of(partial_site, "learn/other-treatments")
    assert not re.search(r"<link[^>]*hreflang", english)
    assert re.search(r'class="language-switch__link" href="\.\./\.\./es/"', english)


def test_the_self_checks_card_links_a_missing_page_in_english(partial_site):
    html = html_of(partial_site, "es/self-check")
    data = json.loads(re.search(r'<script type="application/json" id="selfcheck-data">(.*?)</script>', html, re.S).group(1))
    assert data["elsewhere"]["learn/other-treatments/"] == "../../learn/other-treatments/"
    assert data["settings"]["articles"]["learn/other-treatments/"].endswith(NOTE)
    assert "learn/who-may-benefit/" not in data["elsewhere"]
