"""Rules the content tests apply to each page, kept apart from pytest so they can be unit-tested.

- ``split_front_matter``: YAML front matter and Markdown body.
- ``cited_ids`` / ``malformed_citations``: ``[@id]`` and ``[@a; @b]`` citations (same grammar
  as ``sitebuild.citations``).
- ``banned_phrases``: words a clinic must never publish ("cure", "eligible", ...).
- ``fda_approval_claims``: sentences that call IV or racemic ketamine FDA approved for
  depression (or another mental health use) without a negation.
- ``links_to``: whether a page links to another page in docs/.
"""

from __future__ import annotations

import posixpath
import re

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*)\]")
CITATION_LIKE = re.compile(r"\[\s*@[^\]]*\]")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def split_front_matter(markdown: str) -> tuple[dict, str]:
    """Return (front matter as a dict, body). A page without front matter gives ({}, text)."""
    match = FRONT_MATTER.match(markdown)
    if not match:
        return {}, markdown
    data = yaml.safe_load(match.group(1)) or {}
    if not isinstance(data, dict):
        raise ValueError("front matter is not a mapping")
    return data, markdown[match.end():]


def cited_ids(body: str) -> list[str]:
    """Every source id cited in the body, in order, without repeats."""
    seen: list[str] = []
    for match in CITATION.finditer(body):
        for part in match.group(1).split(";"):
            source_id = part.strip().lstrip("@")
            if source_id not in seen:
                seen.append(source_id)
    return seen


def malformed_citations(body: str) -> list[str]:
    """Text that looks like a citation but that the site's build would not turn into one."""
    return [m.group(0) for m in CITATION_LIKE.finditer(body) if not CITATION.fullmatch(m.group(0))]


# ---------------------------------------------------------------- text the claim checks read


def _plain(text: str) -> str:
    """Drop emphasis and code markers (**bold**, _it_, `code`, ~~struck~~)."""
    return re.sub(r"[*_`~]{1,3}", "", text)


def claim_text(markdown: str) -> str:
    """Everything a reader can see, one sentence-ish unit per line.

    Unlike the readability text, headings, admonition titles and table cells are kept,
    because a heading such as "Are you eligible?" is a claim too. Link URLs, citations,
    HTML tags and front matter are removed.
    """
    _, body = split_front_matter(markdown)
    body = re.sub(r"<!--.*?-->", " ", body, flags=re.DOTALL)
    body = re.sub(r"[ \t]*\[\s*@[^\]]*\]", "", body)
    body = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", body)
    body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)
    body = re.sub(r"https?://\S+", "", body)
    body = re.sub(r"</?[A-Za-z][^>]*>", " ", body)
    body = re.sub(r"\{:?\s*[.#][^}]*\}", "", body)
    units: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            units.append(" ".join(buffer))
            buffer.clear()

    for line in body.splitlines():
        if re.fullmatch(r"[\s|:-]*", line):
            flush()  # a blank line or a table delimiter row
            continue
        if re.match(r"^\s*(?:#{1,6}|!!!|\?\?\?\+?)\s+", line) or re.match(r"^\s*\|", line):
            flush()  # headings, admonition titles and table cells stand alone
            line = _plain(re.sub(r"^\s*(?:#{1,6}|!!!|\?\?\?\+?)\s+", "", line))
            units.extend(cell.strip() for cell in line.split("|") if cell.strip())
            continue
        item = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if item:
            flush()  # a list item starts a new unit; indented lines continue it
            buffer.append(_plain(item.group(1)).strip())
            continue
        buffer.append(_plain(line).strip())
    flush()
    return "\n".join(units)


def sentences(text: str) -> list[str]:
    """Split claim text into sentences: at line breaks and after . ! ? followed by a space."""
    out = []
    for line in text.splitlines():
        for part in re.split(r"(?<=[.!?])[\"')\]]*\s+", line):
            part = " ".join(part.split())
            if part:
                out.append(part)
    return out


# ---------------------------------------------------------------- banned phrases

BANNED = {
    "cure": r"\bcures?\b",
    "guaranteed": r"\bguaranteed\b",
    "no side effects": r"\bno\s+side[\s-]+effects?\b",
    "eligible": r"\b(?:in)?eligible\b",
    "qualify": r"\bqualify\b",
    "qualifies": r"\bqualifies\b",
    "you are a candidate": r"\byou(?:\s+are|['’]re)\s+(?:(?:not|a|an|the|good|ideal|suitable|likely|perfect|great|possible|strong)\s+)*candidates?\b",
}


def banned_phrases(markdown: str) -> list[tuple[str, str]]:
    """(banned phrase, sentence) for each banned phrase found, case-insensitive."""
    found = []
    for sentence in sentences(claim_text(markdown)):
        for name, pattern in BANNED.items():
            if re.search(pattern, sentence, re.IGNORECASE):
                found.append((name, sentence))
    return found


# ---------------------------------------------------------------- "FDA approved" + IV ketamine

APPROVED = re.compile(
    r"\bFDA[\s-]+(?:has\s+|have\s+)?(?:approved|approval)\b"
    r"|\bapproved\s+by\s+the\s+(?:US\s+|U\.S\.\s+)?(?:FDA|Food\s+and\s+Drug\s+Administration)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(r"\b(?:not|never|no|nor|neither|without|non)\b|n['’]t\b", re.IGNORECASE)
# Clause breaks: a contrast usually switches the subject ("esketamine is approved, but IV ketamine is not").
CLAUSE_BREAK = re.compile(
    r";|\s[–—]\s|,?\s+\b(?:but|whereas|while|although|though|however|unlike|except)\b|^\s*(?:unlike|while|whereas|although)\b",
    re.IGNORECASE,
)
ESKETAMINE = re.compile(r"\b(?:es-?ketamine|spravato)\b", re.IGNORECASE)
# Plain "ketamine" (not esketamine) is racemic ketamine, whatever the route.
RACEMIC = re.compile(r"(?<![\w-])ketamine\b", re.IGNORECASE)
MENTAL_HEALTH = re.compile(
    r"\b(?:depress\w*|psychiatric|mental[\s-]+health|mood|suicid\w*|anxiety|PTSD|TRD)\b", re.IGNORECASE
)


def _negated(clause: str, start: int) -> bool:
    """True if one of the 3 words before the approval phrase negates it ("is not FDA approved")."""
    before = clause[:start].split()[-3:]
    return any(NEGATION.search(word) for word in before)


def _approval_subject(clause: str, start: int, end: int) -> str | None:
    """'esketamine' or 'ketamine': the nearest drug named before the phrase, else after it."""
    mentions = [(m.start(), "esketamine") for m in ESKETAMINE.finditer(clause)]
    mentions += [(m.start(), "ketamine") for m in RACEMIC.finditer(clause)]
    before = [m for m in mentions if m[0] < start]
    if before:
        return max(before)[1]
    after = [m for m in mentions if m[0] >= end]
    return min(after)[1] if after else None


def fda_approval_claims(markdown: str) -> list[str]:
    """Sentences claiming racemic (IV) ketamine is FDA approved for a mental health use.

    A sentence is flagged when all of these hold:
    - it mentions depression or another mental health use;
    - one of its clauses says "FDA approved" (or "approved by the FDA") without a negation
      in the 3 words before ("not FDA approved", "isn't FDA-approved", "never been FDA approved");
    - the drug nearest before that phrase (or, if none, after it) is ketamine, not esketamine.
    """
    flagged = []
    for sentence in sentences(claim_text(markdown)):
        if not MENTAL_HEALTH.search(sentence):
            continue
        for clause in CLAUSE_BREAK.split(sentence):
            if not clause:
                continue
            for match in APPROVED.finditer(clause):
                if _negated(clause, match.start()):
                    continue
                if _approval_subject(clause, match.start(), match.end()) == "ketamine":
                    flagged.append(sentence)
                    break
            else:
                continue
            break
    return flagged


# ---------------------------------------------------------------- links


def links_to(markdown: str, page: str, target: str) -> bool:
    """Does the page (path relative to docs/) link to target (path relative to docs/)?

    Links are Markdown links relative to the page; "dir/" means "dir/index.md".
    """
    _, body = split_front_matter(markdown)
    base = posixpath.dirname(page)
    for match in LINK_TARGET.finditer(body):
        href = match.group(1).split("#", 1)[0].split("?", 1)[0]
        if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE) or href.startswith("/"):
            continue
        resolved = posixpath.normpath(posixpath.join(base, href))
        if href.endswith("/") or not posixpath.splitext(resolved)[1]:
            resolved = posixpath.join(resolved, "index.md")
        if resolved == posixpath.normpath(target):
            return True
    return False
