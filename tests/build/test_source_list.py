"""Each page's source list says what kind of source each one is and the day it was read, in
the page's language (sitebuild/stage.py ``sources_html``, words from the locale)."""

from __future__ import annotations

import html
import re

from selfcheck import bibliography
from sitebuild import stage
from sitebuild.context import load_site_text

TEXT = load_site_text(stage.ROOT, "en")
BIB = {
    "a-2026": {"citation": "A news story.", "url": "https://news.example/a", "accessed": "2026-11-22",
               "status": "verified", "kind": "news"},
    "b-2025": {"citation": "B trial.", "url": None, "accessed": "2026-12-06",
               "status": "partly-verified", "kind": "trial"},
}


def read(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def items(markup: str) -> list[str]:
    return re.findall(r'<li id="source-\d+">(.*?)</li>', markup)


def test_each_source_says_its_kind_and_when_it_was_read():
    first, second = items(stage.sources_html(["a-2026", "b-2025"], BIB, TEXT["sources"], TEXT["dates"]))
    assert read(first).startswith("A news story. News report. Read on 22 November 2026. Read the source")
    assert read(second).startswith("B trial. Study or trial. Read on 6 December 2026. (details checked only in part)")
    assert '<time datetime="2026-11-22">22 November 2026</time>' in first


def test_the_date_follows_the_locale():
    dates = {"format": "{day} de {month} de {year}", "months": [f"m{i}" for i in range(1, 13)]}
    words = {**TEXT["sources"], "read_on": "Leído el {date}.", "kinds": {**TEXT["sources"]["kinds"], "news": "Noticia."}}
    (first,) = items(stage.sources_html(["a-2026"], BIB, words, dates))
    assert "Noticia. Leído el 22 de m11 de 2026." in read(first)


def test_every_kind_has_words_for_readers_and_nothing_else_does():
    assert set(TEXT["sources"]["kinds"]) == set(bibliography.KINDS)
    assert all(word.strip().endswith(".") for word in TEXT["sources"]["kinds"].values())


def test_the_projects_own_sources_all_render():
    entries = {sid: s.as_dict() for sid, s in bibliography.load().items()}
    markup = stage.sources_html(sorted(entries), entries, TEXT["sources"], TEXT["dates"])
    assert len(items(markup)) == len(entries)
    assert all(" Read on " in read(item) for item in items(markup))
