"""What a reader meets on a built article, checked the same way on the MkDocs build
(tests/build/test_article_pages.py) and on the Zensical build (tests/zensical): the options
block, the source list with kinds and dates, and no build marker left in a page."""

from __future__ import annotations

import html
import re
import tomllib
from pathlib import Path

from sitebuild import options_block
from sitebuild.stage import ROOT

with (ROOT / "sitebuild" / "locales" / "en.toml").open("rb") as _f:
    _TEXT = tomllib.load(_f)
LABELS = [_TEXT["options"]["labels"][field] for field in options_block.FIELDS]
KIND_WORDS = set(_TEXT["sources"]["kinds"].values())


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def pages_with_the_block() -> list[str]:
    """Site paths ("learn/x/") of the pages whose Markdown has the options marker."""
    return sorted(
        path.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/"
        for path in (ROOT / "docs").rglob("*.md")
        if options_block.MARKER in path.read_text(encoding="utf-8")
    )


def options_problems(markup: str) -> list[str]:
    """What is wrong with a built page's options block ([] when it is right)."""
    problems = []
    if markup.count('id="options-at-a-glance"') != 1:
        return ["no options block (or more than one)"]
    start = markup.index('id="options-at-a-glance"')
    end = markup.find("<h2", start + 1)
    block = markup[start: end if end > 0 else None]
    options = re.findall(r'<details class="option">(.*?)</details>', block, re.S)
    if len(options) < 7:
        problems.append(f"{len(options)} options, expected at least 7")
    for option in options:
        name = text_of(re.search(r"<summary>(.*?)</summary>", option, re.S).group(1))
        labels = [text_of(dt) for dt in re.findall(r"<dt>(.*?)</dt>", option, re.S)]
        if labels != LABELS:
            problems.append(f"{name}: fields {labels}, expected {LABELS}")
    # Every citation in the block points at an item of the page's own source list.
    listed = set(re.findall(r'<li id="(source-\d+)">', markup))
    cited = set(re.findall(r'href="#(source-\d+)"', block))
    if not cited or cited - listed:
        problems.append(f"citations without a source on the page: {sorted(cited - listed)}")
    return problems


def source_list_problems(markup: str) -> list[str]:
    """Each source says what kind it is and the day it was read."""
    problems = []
    for item in re.findall(r'<li id="source-\d+">(.*?)</li>', markup, re.S):
        kind = re.search(r'<span class="page-sources__kind">(.*?)</span>', item)
        if not kind or text_of(kind.group(1)) not in KIND_WORDS:
            problems.append(f"no kind: {text_of(item)[:80]}")
        if not re.search(r'Read on <time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} \w+ \d{4}</time>\.', item):
            problems.append(f"no date read: {text_of(item)[:80]}")
    return problems


def leftover_markers(site: Path) -> list[str]:
    """Pages that still show a build marker or an unrendered citation."""
    found = []
    for page in sorted(site.rglob("*.html")):
        markup = page.read_text(encoding="utf-8")
        if "options-at-a-glance -->" in markup or "by-country -->" in markup or "[@" in markup:
            found.append(page.relative_to(site).as_posix())
    return found
