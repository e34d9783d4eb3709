"""Where the content lives, and which pages the content tests cover."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SOURCES_TOML = ROOT / "selfcheck" / "data" / "sources.toml"
SELF_CHECK = "self-check/index.md"
OTHER_PAGES = ["index.md", "about.md", "glossary.md", "privacy.md", "editorial-policy.md"]

MAX_GRADE = 8.0
MAX_MEDIAN_GRADE = 7.0
# Plain words for a reader who may be distressed: short sentences, short paragraphs.
MAX_SENTENCE_WORDS = 20
MAX_PARAGRAPH_SENTENCES = 3


def article_pages() -> list[str]:
    """Every article in docs/learn/, as a path relative to docs/."""
    return sorted(p.relative_to(DOCS).as_posix() for p in (DOCS / "learn").glob("*.md"))


def other_pages() -> list[str]:
    """The site pages written alongside the articles; each is covered once it exists."""
    return [p for p in OTHER_PAGES if (DOCS / p).exists()]


def read_page(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")
