"""Country sections in the clinic's order: a page's ``<!-- by-country -->`` region, with the
clinic's own country first.

In the Markdown (the articles' conventions)::

    <!-- by-country -->
    ## In the United States { #in-the-united-states data-country="US" }
    ...
    ## In the United Kingdom { #in-the-united-kingdom data-country="GB" }
    ...
    <!-- /by-country -->

Each section starts with a heading at the region's first heading level, carrying
``data-country`` (one of the clinic settings' countries); deeper headings belong to the
section above them. The prepare step (``sitebuild/stage.py``) puts the section of the
clinic's ``country`` first and keeps the others in the order written; without a clinic
country, the order stays as written. The markers themselves are removed. Because the order
changes with the clinic, the text never says "above" or "below" across these sections.
"""

from __future__ import annotations

import re

from .clinic import COUNTRIES

START, END = "<!-- by-country -->", "<!-- /by-country -->"
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
_COUNTRY = re.compile(r'\bdata-country="([^"]*)"')
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


class ByCountryError(ValueError):
    """A by-country region the build cannot reorder: the message names the page and line."""


def _sections(lines: list[str], first_line: int, page: str) -> list[tuple[str, list[str]]]:
    """(country, lines) for each section of a region's ``lines`` (``first_line``: the line
    number of ``lines[0]`` in the page, for messages)."""
    sections: list[tuple[str, list[str]]] = []
    level = None
    in_fence = False
    for offset, line in enumerate(lines):
        where = f"{page}, line {first_line + offset}"
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading and level is None:
            level = len(heading.group(1))
        if heading and len(heading.group(1)) < level:
            raise ByCountryError(
                f"{where}: a heading above the region's first level ({'#' * level}) inside "
                f"{START}; end the region with {END} before it")
        if heading and len(heading.group(1)) == level:
            country = _COUNTRY.search(heading.group(2))
            if not country:
                raise ByCountryError(
                    f'{where}: each section of a {START} region starts with a heading carrying '
                    f'data-country, for example {{ #in-the-united-kingdom data-country="GB" }}')
            if country.group(1) not in COUNTRIES:
                raise ByCountryError(
                    f"{where}: data-country={country.group(1)!r} is not one of {', '.join(COUNTRIES)}")
            if any(code == country.group(1) for code, _ in sections):
                raise ByCountryError(f"{where}: a second section for {country.group(1)} in one region")
            sections.append((country.group(1), [line]))
        elif sections:
            sections[-1][1].append(line)
        elif line.strip():
            raise ByCountryError(f"{where}: text before the first country heading of a {START} region")
    if not sections:
        raise ByCountryError(f"{page}, line {first_line}: a {START} region with no country sections")
    return sections


def _section_text(lines: list[str]) -> str:
    """A section's lines with exactly one blank line after it, so sections never run into
    each other (a paragraph at the end of one must not join the next heading)."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return "\n".join(lines) + "\n\n"


def reorder(markdown: str, country: str | None, page: str) -> str:
    """``markdown`` with each by-country region's markers removed and, when ``country`` has
    a section there, that section moved first (the others keep their order)."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == END:
            raise ByCountryError(f"{page}, line {i + 1}: {END} without a {START} before it")
        if lines[i].strip() != START:
            out.append(lines[i])
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() in (START, END)), None)
        if end is None or lines[end].strip() != END:
            raise ByCountryError(f"{page}, line {i + 1}: {START} is not closed by {END} before the next region or the page's end")
        sections = _sections(lines[i + 1:end], i + 2, page)
        ordered = ([s for s in sections if s[0] == country] + [s for s in sections if s[0] != country]
                   if country else sections)
        out.extend("".join(_section_text(section) for _, section in ordered).rstrip("\n").split("\n"))
        if end + 1 < len(lines) and lines[end + 1].strip():
            out.append("")  # the region's last paragraph must not run into what follows
        i = end + 1
    return "\n".join(out)


def countries(markdown: str) -> list[list[str]]:
    """The countries of each region in ``markdown``, in the order written (for checks)."""
    found = []
    for match in re.finditer(re.escape(START) + r"\n(.*?)\n" + re.escape(END), markdown, re.S):
        found.append([code for code, _ in _sections(match.group(1).split("\n"), 0, "")])
    return found
