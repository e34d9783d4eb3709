"""Which inline scripts the built site may run: the ones the project and its theme wrote.

The Content-Security-Policy allows inline scripts by their hashes, computed from the built
pages (``sitebuild.security_headers``). Hashing whatever a page holds would also allow a
script that reached a page by mistake: a ``<script>`` pasted into an article's Markdown, a
translation, a setting printed raw. So a script is hashed only when it is one of:

- the theme's, listed in ``sitebuild/data/inline_scripts.toml`` with the one part that varies
  (``@BASE_URL@``: the page's relative base URL, or on the 404 page ``site_url``'s path);
- the project's own, read from its templates (``overrides/``): the text of each inline
  ``<script>`` that holds no template syntax, so no setting or data can change it.

Anything else stops the build, naming the pages, and the setting when the script's text is
found in one (``where_from``).
"""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

KNOWN_SCRIPTS = Path(__file__).resolve().parent / "data" / "inline_scripts.toml"
BASE_SLOT = "@BASE_URL@"
# What may fill the slot: ".", "..", "../.." and so on, or an absolute path made of plain
# URL path characters ("/", "/learn-about-ketamine/"). Never a quote, backslash or "<".
_BASE_URL = r"(?:\.|\.\.(?:/\.\.)*|/(?:[A-Za-z0-9._~%-]+(?:/[A-Za-z0-9._~%-]+)*/?)?)"


# MIME types the HTML standard treats as JavaScript, plus the other script types a browser
# runs and CSP governs ("module", import maps, speculation rules). Anything else
# (application/ld+json, application/json, text/plain templates) is an inert data block.
SCRIPT_TYPES = {
    "", "module", "importmap", "speculationrules",
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript",
}


class ScriptBodies(HTMLParser):
    """The bodies of the inline executable scripts in HTML (``scripts``): a template's
    text here, a built page in ``sitebuild.security_headers``, which extends it. One rule
    for both, so a script the templates write is recognised as the same in the page."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and (attributes.get("type") or "").strip().lower() in SCRIPT_TYPES:
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def project_scripts(templates_dir: Path | None) -> list[str]:
    """The inline scripts the project's templates write, as they appear in a page: those
    whose text holds no template syntax (a ``{{``, ``{%`` or ``{#`` would let data in)."""
    if templates_dir is None or not Path(templates_dir).is_dir():
        return []
    found = []
    for template in sorted(Path(templates_dir).rglob("*.html")):
        parser = ScriptBodies()
        parser.feed(template.read_text(encoding="utf-8").replace("\r\n", "\n"))
        found += [body for body in parser.scripts if not re.search(r"\{[{%#]", body)]
    return found


def theme_scripts() -> list[dict]:
    """The theme's scripts from the data file: ``{"source": ..., "text": ...}`` each."""
    with KNOWN_SCRIPTS.open("rb") as f:
        return tomllib.load(f)["script"]


class AllowedScripts:
    """The inline scripts a page may carry: ``allows(text)`` for each one found."""

    def __init__(self, templates_dir: Path | None = None, extra: list[str] = ()):
        self.exact = set(project_scripts(templates_dir)) | set(extra)
        self.patterns = [
            re.compile(_BASE_URL.join(re.escape(part) for part in script["text"].split(BASE_SLOT)))
            for script in theme_scripts()
        ]

    def allows(self, text: str) -> bool:
        return text in self.exact or any(pattern.fullmatch(text) for pattern in self.patterns)


def settings_texts(site: dict | None) -> list[tuple[str, str]]:
    """(key, text) for every text a clinic setting put into the site's data (``site``: the
    stage's ``site.json``), keyed as the clinic wrote it (``extra.clinic.name``)."""
    if not site:
        return []
    found: list[tuple[str, str]] = []

    def walk(value, key):
        if isinstance(value, str):
            found.append((key, value))
        elif isinstance(value, dict):
            for name, item in value.items():
                walk(item, f"{key}.{name}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{key}[{i}]")

    walk(site.get("clinic") or {}, "extra.clinic")
    # The clinic's own crisis lines, as the templates print them (ids clinic-1, clinic-2...).
    for line in site.get("crisis_lines") or []:
        match = re.fullmatch(r"clinic-(\d+)", str(line.get("id", "")))
        if match:
            walk({k: v for k, v in line.items() if k != "id"}, f"extra.clinic.crisis_lines[{int(match[1]) - 1}]")
    return found


def where_from(evidence: str, settings: list[tuple[str, str]]) -> list[str]:
    """The settings whose text holds ``evidence`` (a script's text, an attribute's value)."""
    evidence = evidence.strip()
    if len(evidence) < 4:  # too short to say where it came from
        return []
    return sorted({key for key, text in settings if evidence in text})
