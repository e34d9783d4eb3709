"""Escaping by default: every value a template in overrides/ prints is escaped for where it
goes, in both generators. MkDocs' Jinja environment does not autoescape and Zensical's
MiniJinja never does, so each ``{{ ... }}`` must end with an explicit filter:

- ``| e`` in text and in (double-quoted) attributes, URLs included (they are validated and
  rebuilt in Python, sitebuild/setting_values.py, and escaped here all the same);
- ``| tojson`` inside ``<script type="application/json">`` or ``application/ld+json``, where
  an HTML escape would corrupt the data. Both generators' tojson escape < > & and ' as
  \\u003c and so on (checked below on real builds), so no value can close the script.

The tests read the templates themselves, so a new ``{{ ... }}`` without a filter fails here
before it reaches a page. A second test renders the partials that print clinic settings
with MkDocs' Jinja and hostile values, as if a value had slipped past the settings' checks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..conftest import ROOT

OVERRIDES = ROOT / "overrides"
TEMPLATES = sorted(OVERRIDES.rglob("*.html"))

# Outputs that print HTML on purpose, never a setting's text. Keep this list short.
ALLOWED_UNESCAPED = {
    # The page's body: HTML the generator made from the Markdown (and, on the editorial
    # policy page, with the partials' already-escaped HTML put in its placeholders). The
    # finish step refuses any script or inline handler in it (sitebuild/security_headers.py).
    "page.content",
    # The parent template's block, already rendered by its own (escaped) template.
    "super()",
}
JSON_SCRIPT = re.compile(r"""<script\b[^>]*\btype=["']application/(ld\+)?json["'][^>]*>\s*$""")
OUTPUT = re.compile(r"\{\{(.*?)\}\}", re.S)
COMMENT = re.compile(r"\{#.*?#\}", re.S)


def split_filters(expression: str) -> list[str]:
    """``a | f(x) | g`` as ["a", "f(x)", "g"]: split on | outside quotes and brackets."""
    parts, depth, quote, current = [], 0, None, ""
    for char in expression:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += char
    return [*parts, current.strip()]


def outputs(path: Path) -> list[tuple[int, str, str]]:
    """(line, expression, the template text before it) for every ``{{ }}`` in ``path``."""
    text = COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), path.read_text(encoding="utf-8"))
    return [
        (text.count("\n", 0, m.start()) + 1, m.group(1).strip("-").strip(), text[: m.start()])
        for m in OUTPUT.finditer(text)
    ]


def unescaped(path: Path) -> list[str]:
    problems = []
    for line, expression, before in outputs(path):
        filters = split_filters(expression)
        last = re.match(r"\w*", filters[-1]).group(0) if len(filters) > 1 else ""
        if filters[0] in ALLOWED_UNESCAPED or any(expression.startswith(a + " ") for a in ALLOWED_UNESCAPED):
            continue
        if last in ("e", "escape"):
            continue
        if last == "tojson" and JSON_SCRIPT.search(before):
            continue
        why = "| tojson outside a JSON <script> block" if last == "tojson" else "without | e as its last filter"
        label = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
        problems.append(f"{label}:{line}: {{{{ {expression} }}}} {why}")
    return problems


def test_the_templates_are_found():
    names = {p.relative_to(OVERRIDES).as_posix() for p in TEMPLATES}
    assert {"main.html", "selfcheck.html", "embed-selfcheck.html", "partials/clinic-cta.html"} <= names
    assert sum(len(outputs(p)) for p in TEMPLATES) > 100


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.relative_to(OVERRIDES).as_posix() for p in TEMPLATES])
def test_every_printed_value_is_escaped(path):
    assert unescaped(path) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.relative_to(OVERRIDES).as_posix() for p in TEMPLATES])
def test_no_template_turns_escaping_off(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\|\s*safe\b|autoescape\s+false|\bmarkup\s*\(", text, re.I), path


@pytest.mark.parametrize("template, expected", [
    ('<p>{{ clinic.name }}</p>', ["without | e"]),
    ('<a href="{{ clinic.booking_url | url }}">', ["without | e"]),
    ('<p>{{ t.x | e | replace("{n}", clinic.name) }}</p>', ["without | e"]),
    ('<p>{{ clinic.name | e }} {{ (n + 1) | escape }}</p>', []),
    ('<script type="application/json">{{ data | tojson }}</script>', []),
    ('<p data-x="{{ data | tojson }}">', ["outside a JSON"]),
    ('{# {{ not output }} #}{{ page.content }}{{ super() }}', []),
])
def test_the_check_itself_finds_an_unescaped_value(tmp_path, template, expected):
    path = tmp_path / "check.html"
    path.write_text(template, encoding="utf-8")
    found = unescaped(path)
    assert len(found) == len(expected) and all(e in f for e, f in zip(expected, found)), found


# --- the partials, rendered by MkDocs' Jinja with values that slipped past the checks -------

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def render_partial(name: str, clinic: dict, **extra) -> str:
    import jinja2

    from sitebuild.context import load_site_text

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OVERRIDES)))  # as MkDocs: no autoescape
    env.filters["url"] = lambda value: value
    line = {"id": "x", "name": HOSTILE, "number": HOSTILE, "tel": HOSTILE, "how": ["call", "text", "chat"],
            "url": HOSTILE, "emergency": True, "description": HOSTILE}
    action = {"kind": "chat", "text": HOSTILE, "label": HOSTILE, "href": HOSTILE}
    shown = {"id": "x", "name": HOSTILE, "number": HOSTILE, "description": HOSTILE, "emergency": True,
             "actions": [action, {**action, "kind": "call"}]}
    site = {
        "clinic": clinic, "text": load_site_text(ROOT, "en"), "crisis_lines": [line], "crisis_list": [shown],
        "crisis_banner": [{"href": HOSTILE, "text": HOSTILE, "number": HOSTILE, "emergency": True}],
    }
    return env.get_template(name).render(config={"extra": {"site": site}}, page={"meta": {"review": {}}}, **extra)


@pytest.mark.parametrize("name", [
    "partials/clinic-cta.html", "partials/credits.html", "partials/funding.html",
    "partials/report-mistake.html", "partials/crisis-lines.html", "partials/crisis-banner.html",
])
def test_a_hostile_value_is_printed_as_text(name):
    person = {"name": HOSTILE, "credentials": HOSTILE, "reviewed_on_text": HOSTILE}
    clinic = {"configured": True, "name": HOSTILE, "phone": HOSTILE, "phone_href": HOSTILE,
              "booking_url": HOSTILE, "address": HOSTILE, "publisher": HOSTILE, "funding": HOSTILE,
              "author": person, "reviewer": person}
    html = render_partial(name, clinic)
    assert "&lt;script&gt;" in html
    for raw in ("<script", "<img", '"><'):
        assert raw not in html, name
