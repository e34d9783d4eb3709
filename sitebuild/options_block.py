""""Your options at a glance": one block, the same on every treatment page, that sets out
every option (waiting included) in the same fields and order.

A page asks for it with a line of its own, ``<!-- options-at-a-glance -->``. The prepare step
(``sitebuild/stage.py``) replaces that line with Markdown rendered from
``sitebuild/data/treatment_options.toml`` (a translation: ``treatment_options.<lang>.toml``),
under the labels of the locale's ``[options]`` table, before the page's citations are
numbered: the block's ``[@id]`` citations join the page's own and its sources are added to
the page's source list. Each option is a collapsible ``???`` block (pymdownx.details) holding
a definition list, so it reads on a phone and renders the same in MkDocs and Zensical.
"""

from __future__ import annotations

import posixpath
import re
import tomllib
from pathlib import Path

from . import citations

MARKER = "<!-- options-at-a-glance -->"
DATA = Path(__file__).resolve().parent / "data"
# The fields every option has, in the order every option shows them.
FIELDS = ("how", "can_do", "risks", "involves", "how_long")
HEADING_ID = "options-at-a-glance"
_FIGURE = re.compile(r"\d")


class OptionsError(ValueError):
    """The options data or a page's marker is wrong: the message says where and what."""


def data_file(lang: str) -> Path:
    return DATA / ("treatment_options.toml" if lang == "en" else f"treatment_options.{lang}.toml")


def check(options: list, bibliography: dict, where: str) -> list[dict]:
    """The options, checked: every field present, one line of text; every citation known;
    every field cited (and ``can_do`` giving a figure) unless the option lists the field
    in ``unchecked``, where its words say plainly what we have not checked."""
    problems = []
    if not isinstance(options, list) or not options:
        raise OptionsError(f"{where}: expected [[option]] tables")
    ids = set()
    for n, option in enumerate(options, start=1):
        at = f"{where}: option {n} ({option.get('id', 'no id') if isinstance(option, dict) else option!r})"
        if not isinstance(option, dict):
            problems.append(f"{at}: expected a table")
            continue
        unknown = set(option) - {"id", "name", "more", "unchecked", *FIELDS}
        if unknown:
            problems.append(f"{at}: unknown keys {sorted(unknown)}")
        for key in ("id", "name", "more", *FIELDS):
            value = option.get(key)
            if not isinstance(value, str) or not value.strip() or "\n" in value:
                problems.append(f"{at}: {key} must be one line of text")
        if option.get("id") in ids:
            problems.append(f"{at}: a second option with this id")
        ids.add(option.get("id"))
        if '"' in str(option.get("name", "")):
            problems.append(f"{at}: name must not contain a double quote (it is the block's title)")
        unchecked = option.get("unchecked", [])
        if not isinstance(unchecked, list) or not set(unchecked) <= set(FIELDS):
            problems.append(f"{at}: unchecked must list fields from {', '.join(FIELDS)}")
            unchecked = []
        for field in FIELDS:
            text = option.get(field)
            if not isinstance(text, str):
                continue
            bad = citations.malformed(text)
            if bad:
                problems.append(f"{at}: {field} has a citation the build cannot read: {bad}")
            cited = citations.cited_ids(text)
            problems += [f"{at}: {field} cites {sid!r}, which is not in the bibliography"
                         for sid in cited if sid not in bibliography]
            if field in unchecked:
                continue
            if not cited:
                problems.append(f"{at}: {field} cites no source (cite one, or list the field in unchecked "
                                "and say plainly in its words that we have not checked it)")
            if field == "can_do" and not _FIGURE.search(citations.CITATION.sub("", text)):
                problems.append(f"{at}: can_do gives no figure (give one, or list it in unchecked)")
    if problems:
        raise OptionsError("\n".join(problems))
    return options


def load(lang: str, bibliography: dict) -> list[dict]:
    """The options for ``lang``, checked; OptionsError naming the file when it is missing."""
    path = data_file(lang)
    if not path.is_file():
        raise OptionsError(
            f"no treatment options in language {lang!r}: expected {path.relative_to(DATA.parent.parent)} "
            f"(a translation of {data_file('en').name}, with the same ids and citations)")
    try:
        with path.open("rb") as f:
            raw = tomllib.load(f)
    except tomllib.TOMLDecodeError as error:
        raise OptionsError(f"{path.name} is not valid TOML: {error}") from None
    return check(raw.get("option"), bibliography, path.name)


def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.split("\n"))


def render(options: list[dict], text: dict, page: str) -> str:
    """The block as Markdown, for the page at ``page`` (its path in docs/, so each "read
    more" link is relative to it, as MkDocs resolves and checks Markdown links)."""
    out = [f"## {text['heading']} {{ #{HEADING_ID} }}", "", text["intro"], ""]
    here = posixpath.dirname(page)
    for option in options:
        target, _, anchor = option["more"].partition("#")
        link = posixpath.relpath(target, here or ".") + (f"#{anchor}" if anchor else "")
        body = []
        for field in FIELDS:
            body += [text["labels"][field], f":   {option[field]}", ""]
        body.append(f"[{text['read_more'].replace('{name}', option['name'])}]({link})")
        out += [f'??? option "{option["name"]}"', "", _indent("\n".join(body)), ""]
    return "\n".join(out)


def expand(markdown: str, options: list[dict], text: dict, page: str) -> tuple[str, list[str]]:
    """``markdown`` with its marker line replaced by the block, and the source ids the block
    cites (in order); unchanged, with no ids, on a page without the marker."""
    lines = markdown.split("\n")
    at = [n for n, line in enumerate(lines) if line.strip() == MARKER]
    if not at:
        return markdown, []
    if len(at) > 1:
        raise OptionsError(f"{page}: {MARKER} appears {len(at)} times; a page has the block once")
    block = render(options, text, page)
    lines[at[0]:at[0] + 1] = ["", *block.split("\n"), ""]
    return "\n".join(lines), citations.cited_ids(block)
