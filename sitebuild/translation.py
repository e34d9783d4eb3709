"""A translated page, kept honest: what it translates, from which review, and whether the
English page has been reviewed again since.

A translated page (in ``docs-es/``) names the English page it translates and the English
page's review date it was translated from::

    translation_of: privacy.md
    translated_from_review: 2026-11-22

It sits at the same path as that page. Its dates are the English page's as of that
review: ``last_reviewed`` is ``translated_from_review``, ``next_review`` and
``first_published`` the English page's (a translated page gives none of them itself). The page then says, in its own language
(the site locale's ``[translation]`` table), that it is a translation of the English page
as reviewed on that date and that the English page is the reference; when the English page
has been reviewed again since (its ``last_reviewed`` is after ``translated_from_review``),
it says that its translation is older, at the top of the page. English pages without a
review date (home, get help now) are translated without one.

Links from a translated page to a page that exists only in English go to the English page
(``english_only_links``, on the Markdown, so MkDocs and Zensical accept them); every such
link, from the pages and from the templates, is then marked as English in the built HTML
(``sitebuild.other_language``).
"""

from __future__ import annotations

import re
from html import escape

from . import page_meta

KEYS = ("translation_of", "translated_from_review")
# An inline Markdown link (not an image) to a page, with its optional attribute list:
# [text](target.md#anchor){ .md-button }
MARKDOWN_LINK = re.compile(
    r"(?<![!\\])\[(?P<text>(?:[^\[\]]|\[[^\]]*\])+)\]\((?P<target>[^)\s]+?\.md)(?P<anchor>#[^)\s]*)?\)"
    r"(?:\{:?(?P<attrs>[^}]*)\})?"
)
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`[^`]*`")
ATTR = re.compile(r'([.#])([\w-]+)|([\w-]+)=("[^"]*"|\'[^\']*\'|\S+)')


class TranslationError(ValueError):
    """A translated page's front matter is wrong: the message names the page and the key."""


def _parts(template: str, link: str) -> dict:
    """A sentence with a link in it, for a template to render: the words before the
    ``{page}`` placeholder, the link's words, and the words after."""
    before, _, after = template.partition("{page}")
    return {"before": before, "link": link, "after": after}


def _fill(template: str, **values: str) -> str:
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def translation_info(meta: dict, where: str, english: dict | None, text: dict, dates: dict,
                     english_href: str) -> dict:
    """What a translated page says about its translation, and its review dates.

    ``meta``: the translated page's front matter; ``english``: the English page's (None when
    there is no English page at ``where``); ``text``: the site locale's ``[translation]``
    table, ``dates`` its ``[dates]``; ``english_href``: the link to the English page.

    Returns ``{"translation": {...}, "review_dates": {...} or None}``: ``translation`` holds
    ``english_href``, ``notice`` (sentence parts: before, link, after) and ``older`` (True
    when the English page has been reviewed again since, with ``older_notice`` to show at
    the top); ``review_dates`` the ``last_reviewed``, ``next_review`` and (when the English
    page has one) ``first_published`` to give the page.
    """
    if english is None:
        raise TranslationError(f"{where}: a translated page must have an English page at the same path (docs/{where})")
    named = meta.get("translation_of")
    if named != where:
        raise TranslationError(
            f"{where}: front matter translation_of must name the English page it translates, at the same "
            f"path ({where!r}), got {named!r}"
        )
    for key in ("last_reviewed", "next_review", "first_published"):
        if key in meta:
            raise TranslationError(
                f"{where}: front matter {key} is the English page's: give translated_from_review instead"
            )
    english_reviewed = english.get("last_reviewed")
    if english_reviewed is None:
        if "translated_from_review" in meta:
            raise TranslationError(f"{where}: translated_from_review given, but docs/{where} has no last_reviewed")
        return {
            "translation": {"english_href": english_href, "older": False, "older_notice": None,
                            "notice": _parts(text["notice_unreviewed"], text["english_page"])},
            "review_dates": None,
        }
    if "translated_from_review" not in meta:
        raise TranslationError(
            f"{where}: front matter translated_from_review is missing: the English page's last_reviewed "
            f"it was translated from (docs/{where} has {english_reviewed})"
        )
    source = page_meta.as_date(meta["translated_from_review"], "translated_from_review", where)
    latest = page_meta.as_date(english_reviewed, "last_reviewed", f"docs/{where}")
    if source > latest:
        raise TranslationError(
            f"{where}: translated_from_review ({source}) is after the English page's last_reviewed ({latest})"
        )
    older = source < latest
    source_text = page_meta.format_date(source, dates)
    notice = _parts(_fill(text["notice"], date=source_text), text["english_page"])
    older_notice = None
    if older:
        older_notice = _parts(_fill(text["older"], date=source_text, latest=page_meta.format_date(latest, dates)),
                              text["english_page"])
    return {
        "translation": {"english_href": english_href, "older": older, "older_notice": older_notice, "notice": notice},
        # The page first went out when the English page did: a translation is that page.
        "review_dates": {"last_reviewed": source, "next_review": english["next_review"],
                         **({"first_published": english["first_published"]} if "first_published" in english else {})},
    }


def _attributes(attr_list: str | None) -> str:
    """An attribute list (``{ .md-button #x key=value }``) as HTML attributes."""
    classes, out = [], []
    for match in ATTR.finditer(attr_list or ""):
        kind, name, key, value = match.groups()
        if kind == ".":
            classes.append(name)
        elif kind == "#":
            out.append(f'id="{escape(name)}"')
        else:
            out.append(f'{key}="{escape(value.strip(chr(34) + chr(39)))}"')
    if classes:
        out.insert(0, f'class="{escape(" ".join(classes))}"')
    return "".join(" " + a for a in out)


def english_only_links(body: str, where: str, own_pages: frozenset[str], english_pages: frozenset[str],
                       href_to_english) -> str:
    """``body`` (a translated page's Markdown at ``where``) with each link to a page it does
    not have in its own language, but English has, turned into a link to the English page
    (``href_to_english(src_uri)`` gives the address). Written as an HTML ``<a>``, so the
    generator does not look for the page among this language's (the text inside stays
    Markdown); ``sitebuild.other_language`` then marks it as English in the built page.
    Links in code are left alone."""
    folder = where.rsplit("/", 1)[0] + "/" if "/" in where else ""

    def replace(match: re.Match) -> str:
        target = _normalise(folder + match.group("target"))
        if target is None or target in own_pages or target not in english_pages:
            return match.group(0)
        href = href_to_english(target) + (match.group("anchor") or "")
        return f'<a href="{escape(href)}"{_attributes(match.group("attrs"))}>{match.group("text")}</a>'

    out, in_fence = [], False
    for line in body.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence or FENCE.match(line):
            out.append(line)
            continue
        pieces, last = [], 0
        for code in CODE_SPAN.finditer(line):  # links inside `code` stay as they are
            pieces.append(MARKDOWN_LINK.sub(replace, line[last:code.start()]))
            pieces.append(code.group(0))
            last = code.end()
        pieces.append(MARKDOWN_LINK.sub(replace, line[last:]))
        out.append("".join(pieces))
    return "\n".join(out)


def _normalise(path: str) -> str | None:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None  # outside the pages folder
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)
