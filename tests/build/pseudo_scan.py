"""What a pseudo-locale build still says in English: the words a person reads on a page
(outside the page's own Markdown text), minus data that is not the site's words. Shared
by tests/build/test_pseudo_locale.py and the browser test of its self-check."""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser

from selfcheck import bibliography
from sitebuild import pseudo_locale
from sitebuild.stage import ROOT, short_text, split_page

CODE = pseudo_locale.CODE
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Not read as words: code, scripts and styles; and the table of contents (the page's own
# headings, from its Markdown).
UNREAD = {"script", "style", "svg", "code", "pre"}
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
WRAPPED = re.compile(re.escape(pseudo_locale.OPEN) + ".*?" + re.escape(pseudo_locale.CLOSE), re.DOTALL)


class ReadText(HTMLParser):
    """The words a person reads or hears on a page, outside the page's own Markdown text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # for each open element: is it unread?
        self.in_page_text = False
        self.read: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        unread = (bool(self.stack) and self.stack[-1]) or tag in UNREAD or (
            tag == "nav" and "md-nav--secondary" in (values.get("class") or ""))
        if not unread and not self.in_page_text:
            self.read += [values[name] for name in READ_ATTRIBUTES if values.get(name)]
        if tag not in VOID:
            self.stack.append(unread)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_comment(self, data):
        marker = f"<!--{data}-->"
        if marker == pseudo_locale.ARTICLE_START:
            self.in_page_text = True
        elif marker == pseudo_locale.ARTICLE_END:
            self.in_page_text = False

    def handle_data(self, data):
        if not self.in_page_text and not (self.stack and self.stack[-1]) and data.strip():
            self.read.append(data.strip())


def allowed_data() -> list[str]:
    """Strings that are data, not the site's words, longest first."""
    allowed = set()
    for source in bibliography.load().values():
        allowed |= {source.citation, short_text(source.citation)}
    with (ROOT / "selfcheck" / "data" / "crisis_lines.toml").open("rb") as f:
        lines = tomllib.load(f)
    for line in (line for country in lines.values() for line in country if "name" in line):
        # A service's own name, or its names in each language.
        allowed |= set(line["name"].values()) if isinstance(line["name"], dict) else {line["name"]}
    # Each language's name for itself, in the language switch ("English", "Español").
    for locale in (ROOT / "sitebuild" / "locales").glob("*.toml"):
        with locale.open("rb") as f:
            allowed.add(tomllib.load(f)["language"]["name"])
    for page in (ROOT / "docs").rglob("*.md"):
        meta, _ = split_page(page.read_text(encoding="utf-8"))
        allowed |= {meta[key] for key in ("title", "description") if meta.get(key)}
    return sorted(allowed, key=len, reverse=True)


def english_left(text: str, allowed: list[str]) -> list[str]:
    text = WRAPPED.sub(" ", text)
    for value in allowed:
        text = text.replace(value, " ")
    return ENGLISH_WORD.findall(text)
