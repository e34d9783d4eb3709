"""The project's bibliography, read from ``selfcheck/data/sources.toml``.

The file is owned by the people writing the articles; the engine only refers to its
entries by id (``reasons[].sources``). An entry looks like::

    [kroenke-2001]
    citation = "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: ..."
    url = "https://..."          # optional: the brief gives none for some sources
    accessed = "YYYY-MM-DD"
    status = "verified"          # or "partly-verified"
    kind = "trial"               # what the document read is: one of KINDS
    note = "..."                 # optional

``kind`` says what a reader is looking at: the kind of the document that was read. A
faithful copy of a document (a label reproduced in full, an abstract) keeps the original's
kind and its citation says where it was read; a report about a document (a news story on a
guideline) is the reporter's kind. The site words each kind for readers
(``sitebuild/locales/<lang>.toml``, ``[sources.kinds]``).
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

STATUSES = ("verified", "partly-verified")
# The vocabulary of ``kind`` (the articles' conventions); a missing or unknown kind is an error.
KINDS = (
    "trial",              # a study or trial
    "review",             # a systematic review, meta-analysis or narrative review
    "guideline",          # NICE, APA, CANMAT ... (and health technology assessments)
    "label",              # a medicine's label, medication guide or patient leaflet
    "regulator",          # FDA, MHRA, TGA, Health Canada, DEA pages; Federal Register rules
    "law",                # an act or statutory instrument
    "health-service",     # an NHS or public health service's own page
    "manufacturer",       # a company's page about its product or service
    "professional-body",  # a Royal College, a professional association
    "news",               # news or trade press
    "legal-commentary",   # a law firm's article
    "reference",          # a drug reference or encyclopaedia
)


class BibliographyError(LookupError):
    """The bibliography is missing, malformed, or lacks an id."""


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    url: str | None
    accessed: str
    status: str
    kind: str
    note: str | None = None

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "citation": self.citation,
            "url": self.url,
            "accessed": self.accessed,
            "status": self.status,
            "kind": self.kind,
            "note": self.note,
        }


def _parse(raw: dict) -> dict[str, Source]:
    out = {}
    for sid, entry in raw.items():
        if not isinstance(entry, dict):
            raise BibliographyError(f"sources.toml: [{sid}] must be a table")
        missing = [k for k in ("citation", "accessed", "status", "kind") if not isinstance(entry.get(k), str)]
        if missing:
            raise BibliographyError(f"sources.toml: [{sid}] lacks {', '.join(missing)}")
        if entry["status"] not in STATUSES:
            raise BibliographyError(f"sources.toml: [{sid}] status must be one of {STATUSES}")
        try:
            _dt.date.fromisoformat(entry["accessed"])
        except ValueError:
            raise BibliographyError(
                f"sources.toml: [{sid}] accessed must be the date it was read, as YYYY-MM-DD, "
                f"got {entry['accessed']!r}") from None
        if entry["kind"] not in KINDS:
            raise BibliographyError(
                f"sources.toml: [{sid}] kind {entry['kind']!r} is not one of: {', '.join(KINDS)}")
        note, url = entry.get("note"), entry.get("url")
        out[sid] = Source(
            id=sid,
            citation=entry["citation"],
            url=url if isinstance(url, str) else None,
            accessed=entry["accessed"],
            status=entry["status"],
            kind=entry["kind"],
            note=note if isinstance(note, str) else None,
        )
    return out


@lru_cache(maxsize=1)
def load() -> dict[str, Source]:
    """All entries by id. BibliographyError if the file is missing or malformed."""
    path = resources.files(__package__).joinpath("data", "sources.toml")
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, OSError) as exc:
        raise BibliographyError(f"cannot read selfcheck/data/sources.toml: {exc}") from None
    try:
        return _parse(tomllib.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BibliographyError(f"selfcheck/data/sources.toml is not valid TOML: {exc}") from None


def get(source_id: str) -> Source:
    try:
        return load()[source_id]
    except KeyError:
        raise BibliographyError(f"no source {source_id!r} in selfcheck/data/sources.toml") from None


def resolve(source_ids) -> list[Source]:
    """The entries for ``source_ids``, in order; BibliographyError naming every missing id."""
    entries = load()
    missing = [s for s in source_ids if s not in entries]
    if missing:
        raise BibliographyError(f"not in selfcheck/data/sources.toml: {', '.join(missing)}")
    return [entries[s] for s in source_ids]
