"""Turn a Markdown article into the plain prose that a reader reads, and grade it.

The rules are shared by every writer on the project, so each one is a small step:

- front matter, headings, tables, fenced code, inline code, HTML comments and tags,
  attribute lists (``{ .class }``), images and ``[@id]`` citations are removed;
- admonition and collapsible markers (``!!! note "Title"``, ``??? question "..."``)
  are dropped and the indented text under them is kept;
- links keep their text and lose their URL;
- each list item becomes its own sentence (a period is added if it has none).

``paragraphs`` splits that prose into paragraphs and sentences, for the length limits on
sentences and paragraphs that the tone of the articles asks for.

``flesch_kincaid_grade`` wraps textstat 0.7.3 (0.7.4 and later download NLTK data on first
use, which fails offline). It imports ``pkg_resources``, so requirements.txt pins a
setuptools that still ships it.
"""

from __future__ import annotations

import re
import warnings

FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*(?:\n|\Z)", re.DOTALL)
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
TABLE_ROW = re.compile(r"^\s*\|")
TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
ADMONITION = re.compile(r"^(\s*)(!!!|\?\?\?\+?)\s*\S.*$")
LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
HR = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
CITATION = re.compile(r"\s*\[\s*@[^\]]*\]")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
INLINE_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
LINK_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$")
AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]*>")
BARE_URL = re.compile(r"https?://\S+")
ATTR_LIST = re.compile(r"\{:?\s*[.#][^}]*\}|\{:?\s*[\w-]+=[^}]*\}")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
INLINE_CODE = re.compile(r"`[^`]*`")
EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_|_(?!\w)|~~|==)")
ENDS_SENTENCE = re.compile(r"[.!?…][\"')\]]*$")


def strip_front_matter(markdown: str) -> str:
    return FRONT_MATTER.sub("", markdown, count=1)


def _clean_inline(text: str) -> str:
    text = CITATION.sub("", text)
    text = IMAGE.sub("", text)
    text = INLINE_LINK.sub(r"\1", text)
    text = REF_LINK.sub(r"\1", text)
    text = AUTOLINK.sub("", text)
    text = BARE_URL.sub("", text)
    text = ATTR_LIST.sub("", text)
    text = INLINE_CODE.sub("", text)
    text = HTML_TAG.sub("", text)
    text = EMPHASIS.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return text


def _as_sentence(text: str) -> str:
    if text and not ENDS_SENTENCE.search(text):
        text = text.rstrip(":;,") + "."
    return text


def body_text(markdown: str) -> str:
    """Return the readable prose of a Markdown article, one block per line."""
    text = HTML_COMMENT.sub("", strip_front_matter(markdown))
    blocks: list[str] = []  # finished paragraphs and list items
    current: list[str] = []
    current_is_item = False
    in_fence = False
    in_table = False

    def flush() -> None:
        nonlocal current, current_is_item
        joined = _clean_inline(" ".join(current))
        if joined:
            blocks.append(_as_sentence(joined) if current_is_item else joined)
        current = []
        current_is_item = False

    for raw in text.splitlines():
        if FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            in_table = False
            continue
        if in_table:
            continue
        if TABLE_DELIMITER.match(line):
            current = []  # the header row of a table written without outer pipes
            current_is_item = False
            in_table = True
            continue
        if (
            HEADING.match(line)
            or TABLE_ROW.match(line)
            or ADMONITION.match(line)
            or LINK_DEF.match(line)
            or HR.match(line)
        ):
            flush()
            continue
        if SETEXT_UNDERLINE.match(line) and current:
            current = []  # the paragraph above was a heading
            current_is_item = False
            continue
        if re.fullmatch(r"\{:?\s*[^}]*\}", stripped):
            continue  # a block-level attribute list
        item = LIST_ITEM.match(line)
        if item:
            flush()
            current = [item.group(2)]
            current_is_item = True
            continue
        current.append(stripped)
    flush()
    return "\n".join(blocks)


# A sentence ends at . ! ? or …, or at one of them and a closing quote or bracket, followed
# by a space (the quote or bracket stays with its sentence).
SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"')\]]))\s+")


def paragraphs(markdown: str) -> list[list[str]]:
    """The prose a reader reads, as paragraphs (each list item is one), each split into its
    sentences, by the same extraction rules as the reading grade."""
    return [
        [sentence for sentence in SENTENCE_BREAK.split(block) if sentence.strip()]
        for block in body_text(markdown).splitlines()
    ]


def load_textstat():
    """Import textstat 0.7.3, quietly: its pkg_resources import warns."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import textstat

    return textstat


def flesch_kincaid_grade(markdown: str) -> float:
    """Flesch-Kincaid grade of an article's body, by the project's shared rules."""
    return load_textstat().flesch_kincaid_grade(body_text(markdown))
