"""Inline citations: ``[@id]`` or ``[@a; @b]`` in an article become numbered links.

Sources are numbered in the order they are first cited, and the page's source list (rendered
by ``sitebuild.stage.sources_html`` from the page's ``sources``) uses the same numbers.
A citation of an id the page does not list, or the bibliography does not hold, is a build
error: a medical claim must never point at nothing.
"""

from __future__ import annotations

import re

CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*)\]")
# Anything a writer may have meant as a citation ("[@ id]", "[@a, @b]").
CITATION_LIKE = re.compile(r"\[\s*@[^\]]*\]")


class CitationError(ValueError):
    pass


def malformed(text: str) -> list[str]:
    """Text that looks like a citation but that ``render_citations`` would not turn into one."""
    return [m.group(0) for m in CITATION_LIKE.finditer(text) if not CITATION.fullmatch(m.group(0))]


def cited_ids(markdown: str) -> list[str]:
    """Ids in order of first citation, each once."""
    seen: dict[str, None] = {}
    for match in CITATION.finditer(markdown):
        for part in match.group(1).split(";"):
            seen.setdefault(part.strip().lstrip("@"), None)
    return list(seen)


def order_sources(markdown: str, listed: list[str], bibliography: dict, page: str) -> list[str]:
    """The page's sources in citation order; raise if any id is unknown or unlisted."""
    problems = []
    for source_id in listed:
        if source_id not in bibliography:
            problems.append(f"{page}: source '{source_id}' in front matter is not in the bibliography")
    cited = cited_ids(markdown)
    for source_id in cited:
        if source_id not in listed:
            problems.append(f"{page}: [@{source_id}] is cited but not listed in the page's sources")
    if problems:
        raise CitationError("\n".join(problems))
    return cited + [s for s in listed if s not in cited]


def render_citations(markdown: str, ordered: list[str], label: str = "Source") -> str:
    """Replace each citation with superscript links to ``#source-N``."""
    number = {source_id: i for i, source_id in enumerate(ordered, start=1)}

    def link(match: re.Match) -> str:
        ids = [part.strip().lstrip("@") for part in match.group(1).split(";")]
        links = ", ".join(
            f'<a href="#source-{number[i]}" aria-label="{label} {number[i]}">{number[i]}</a>'
            for i in ids
        )
        return f'<sup class="citation">[{links}]</sup>'

    return CITATION.sub(link, markdown)
