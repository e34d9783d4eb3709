"""Valid HTML: the Nu HTML checker (vnu-jar, the W3C validator's engine) on every page of the
built site. Zero errors; a warning is accepted only if it is listed below with its reason.

Material for MkDocs 9.8 itself emits two kinds of invalid markup. sitebuild/theme_fixes.py
removes them from the rendered pages; THEME_ERRORS describes them, the per-page checks leave
them to ``test_theme_markup_is_valid``, which proves none is left."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict

import pytest

from ..conftest import ROOT
from .support import not_found_pages, source_pages

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message pattern, extract pattern, why it is there and how it would be fixed)
THEME_ERRORS = [
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">',
        "Material's base.html (outside any block) puts autocomplete=off on its two hidden "
        "toggle checkboxes, so Firefox does not restore an open drawer or search on reload. "
        "sitebuild/theme_fixes.py removes it from the rendered page.",
    ),
    (
        r"^Bad value “” for attribute “tabindex” on element “label”",
        r'<label class="md-nav__link[^"]*" for="__nav_\d+" id="__nav_\d+_label" tabindex="">',
        "Material's partials/nav-item.html writes tabindex=\"\" on section labels when "
        "navigation.sections is on. sitebuild/theme_fixes.py removes the empty attribute.",
    ),
]

# (message pattern, extract pattern, reason). Empty: no warning is accepted today.
ALLOWED_WARNINGS: list[tuple[str, str, str]] = []


PAGES = [*source_pages(), *not_found_pages()]


def page_file(path: str) -> str:
    return path if path.endswith(".html") else path + "index.html"


def listed(message: dict, entries) -> bool:
    return any(re.search(m, message["message"]) and re.search(e, message.get("extract", "")) for m, e, _ in entries)


@pytest.fixture(scope="module")
def vnu_messages(built_site) -> dict[str, list[dict]]:
    java = shutil.which("java")
    if not java:
        pytest.fail("java is missing: run `make test` (it installs default-jre-headless)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", str(built_site)],
        capture_output=True, text=True, timeout=300,
    )
    report = json.loads(result.stderr)  # vnu writes its JSON report to stderr
    by_page = defaultdict(list)
    for message in report["messages"]:
        if message["type"] == "non-document-error":
            pytest.fail(f"vnu could not check a file: {message}")
        url = message.get("url", "")
        by_page[url.split(built_site.as_posix() + "/", 1)[-1]].append(message)
    return by_page


def describe(messages) -> str:
    return "\n".join(
        f"  line {m.get('lastLine')}: {m['type']}{'/' + m['subType'] if m.get('subType') else ''}: {m['message']}\n    {m.get('extract', '').strip()[:200]}"
        for m in messages
    )


def test_every_page_was_checked(built_site, vnu_messages):
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert pages == sorted(page_file(p) for p in PAGES)
    assert set(vnu_messages) <= set(pages)


@pytest.mark.parametrize(
    "path",
    PAGES,
    ids=[p or "home" for p in PAGES],
)
def test_page_is_valid_html(vnu_messages, path):
    messages = vnu_messages.get(page_file(path), [])
    errors = [m for m in messages if m["type"] == "error" and not listed(m, THEME_ERRORS)]
    warnings = [m for m in messages if m["type"] == "info" and m.get("subType") == "warning" and not listed(m, ALLOWED_WARNINGS)]
    assert not errors, f"{page_file(path)}: errors\n{describe(errors)}"
    assert not warnings, f"{page_file(path)}: warnings not in ALLOWED_WARNINGS\n{describe(warnings)}"


def test_theme_markup_is_valid(vnu_messages):
    theme = [m for messages in vnu_messages.values() for m in messages if listed(m, THEME_ERRORS)]
    assert not theme, describe(theme[:4])
