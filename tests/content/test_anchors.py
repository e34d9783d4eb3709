"""Anchors are written down, never made from English prose.

Python-Markdown's toc extension makes a heading's id from its text, so a translated page
would get other ids and every link to ``page/#some-heading`` would break. So:

- every heading in docs/**/*.md carries its id explicitly (attr_list: ``{ #id }``);
- every link with a fragment into the site (from docs/, overrides/ and the site's scripts)
  targets an id written explicitly in the target page's Markdown, or one the build writes
  with a fixed id (the ``source-N`` list and its ``page-sources-heading``);
- the generated "How the self-check works" page gives each heading a fixed id, the same
  whatever the language of its text.

No build and no browser: these read the sources (and render the rules page in memory).
"""

from __future__ import annotations

import copy
import posixpath
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from content_rules import LINK_TARGET, split_front_matter
from pages import DOCS, ROOT, SOURCES_TOML

from sitebuild import citations, rules_page, stage

OVERRIDES = ROOT / "overrides"
SCRIPTS = DOCS / "assets" / "javascripts"

# Python-Markdown's own patterns: an ATX heading is any line starting with 1-6 "#" (no
# space needed), and attr_list reads a heading's attributes from a trailing "{...}".
ATX = re.compile(r"^[ \t]*(#{1,6})(.*?)#*[ \t]*$")
SETEXT_RULE = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")
HEADER_ATTRS = re.compile(r"[ ]+\{\:?([^\}\n]*)\}[ ]*$")
FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
HTML_HEADING = re.compile(r"<h[1-6](\s[^>]*)?>", re.IGNORECASE)
# Ids written in a page: attr_list lists ({ #id }, { : #id .class }) and raw HTML id="...".
ATTR_LIST = re.compile(r"\{\:?([^\}\n]*)\}")
HTML_ID = re.compile(r"""(?<![\w-])id\s*=\s*["']([^"']+)["']""")
HREF = re.compile(r"""\bhref\s*=\s*(["'])(.*?)\1""", re.DOTALL)
REFERENCE_DEF = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
# A site path in a template: {{ 'privacy/' | url }}, escaped or not ({{ 'privacy/' | url | e }})
TEMPLATE_URL = re.compile(r"""^\{\{-?\s*(["'])([^"']*)\1\s*\|\s*url\s*(?:\|\s*e\s*)?-?\}\}(.*)$""")
# Links a script makes: { href: "..." }, x.href = "...", setAttribute("href", "...").
SCRIPT_HREF = re.compile(
    r"""(?:\bhref\s*:\s*|\.href\s*=\s*|setAttribute\(\s*["']href["']\s*,\s*)(["'`])((?:\\.|(?!\1).)*)\1"""
)
# Ids a script writes: { id: "..." } or { id: `prefix-${n}` }, x.id = "...".
SCRIPT_ID = re.compile(r"""(?:(?<![\w-])id\s*:\s*|\.id\s*=\s*|setAttribute\(\s*["']id["']\s*,\s*)(["'`])((?:\\.|(?!\1).)*)\1""")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


@dataclass
class Heading:
    line: int  # 1-based, in the whole file
    text: str
    ids: list[str]  # the explicit ids in its attr_list, if any


def _attr_ids(attrs: str) -> list[str]:
    return [token[1:] for token in attrs.split() if token.startswith("#") and len(token) > 1]


def body_lines(markdown: str) -> list[tuple[int, str]]:
    """(line number, line) of the body: no front matter, no fenced code, no HTML comment."""
    meta_end = 0
    match = re.match(r"\A---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", markdown, re.DOTALL)
    if match:
        meta_end = markdown[: match.end()].count("\n")
    out, fence, comment = [], None, False
    for number, line in enumerate(markdown.split("\n")[meta_end:], start=meta_end + 1):
        if comment:
            comment = "-->" not in line
            continue
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if line.lstrip().startswith("<!--"):
            comment = "-->" not in line
            continue
        out.append((number, line))
    return out


def headings(markdown: str) -> list[Heading]:
    """Every Markdown heading (ATX and setext) and raw HTML <h1>-<h6>, with its explicit ids."""
    found = []
    previous: tuple[int, str] | None = None
    for number, line in body_lines(markdown):
        atx = ATX.match(line)
        if atx:
            text = atx.group(2).strip()
            attrs = HEADER_ATTRS.search(" " + text)
            found.append(Heading(number, text, _attr_ids(attrs.group(1)) if attrs else []))
        elif SETEXT_RULE.match(line) and previous and previous[1].strip() and previous[0] == number - 1:
            text = previous[1].strip()
            attrs = HEADER_ATTRS.search(" " + text)
            found.append(Heading(previous[0], text, _attr_ids(attrs.group(1)) if attrs else []))
        for tag in HTML_HEADING.finditer(line):
            found.append(Heading(number, tag.group(0), HTML_ID.findall(tag.group(0))))
        previous = None if atx or SETEXT_RULE.match(line) else (number, line)
    return found


def explicit_ids(markdown: str) -> list[str]:
    """Every id written in a page's Markdown: attr_list ids and raw HTML id attributes."""
    ids = []
    for _number, line in body_lines(markdown):
        for attrs in ATTR_LIST.finditer(line):
            ids += _attr_ids(attrs.group(1))
        ids += HTML_ID.findall(line)
    return ids


def markdown_links(markdown: str) -> list[tuple[int, str]]:
    """(line, target) of each link in a page's Markdown: inline links, reference
    definitions and raw <a href>."""
    links = []
    for number, line in body_lines(markdown):
        links += [(number, m.group(1)) for m in LINK_TARGET.finditer(line)]
        links += [(number, target) for target in REFERENCE_DEF.findall(line)]
        links += [(number, m.group(2)) for m in HREF.finditer(line)]
    return links


# ---------------------------------------------------------------- the site's pages


def docs_pages() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


@pytest.fixture(scope="module")
def bibliography() -> dict:
    with SOURCES_TOML.open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def rules_markdown(bibliography) -> str:
    return rules_page.render("en", bibliography)


@pytest.fixture(scope="module")
def site_pages(rules_markdown) -> dict[str, str]:
    """Every page's Markdown by its path in docs/, the generated rules page included."""
    pages = {page: (DOCS / page).read_text(encoding="utf-8") for page in docs_pages()}
    pages[rules_page.SRC_URI] = rules_markdown
    return pages


def generated_ids(markdown: str, bibliography: dict, page: str) -> set[str]:
    """Ids the build adds to a page with fixed names: its numbered source list."""
    meta, body = split_front_matter(markdown)
    ordered = citations.order_sources(body, list(meta.get("sources") or []), bibliography, page)
    if not ordered:
        return set()
    text = rules_page.load_site_text(rules_page.ROOT, "en")
    return set(HTML_ID.findall(stage.sources_html(ordered, bibliography, text["sources"], text["dates"])))


@pytest.fixture(scope="module")
def page_ids(site_pages, bibliography) -> dict[str, set[str]]:
    """The ids a link may target on each page."""
    return {
        page: set(explicit_ids(markdown)) | generated_ids(markdown, bibliography, page)
        for page, markdown in site_pages.items()
    }


def page_by_url(pages) -> dict[str, str]:
    """Site path ("learn/x/") -> source page ("learn/x.md")."""
    return {stage.page_url(page): page for page in pages}


def resolve_site_path(path: str, urls: dict[str, str]) -> str | None:
    """The page a site path ("privacy/", "learn/x/index.html") is built from, or None."""
    path = posixpath.normpath("/" + path).lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    path = path.rstrip("/")
    return urls.get(path + "/" if path else "")


# ---------------------------------------------------------------- link checking


@dataclass
class Link:
    where: str  # file (and line) the link is in
    href: str
    page: str | None  # the page it points into, or None when that cannot be told
    fragment: str


def markdown_fragment_links(page: str, markdown: str, urls: dict[str, str]) -> list[Link]:
    """Links with a fragment into the site in a page's Markdown."""
    out = []
    for number, href in markdown_links(markdown):
        if "#" not in href or EXTERNAL.match(href):
            continue
        path, fragment = href.split("#", 1)
        path = path.split("?", 1)[0]
        if not path:
            target = page
        elif path.endswith(".md"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            target = target if target in urls.values() else None
        else:  # a site path: relative to the page's own address
            target = resolve_site_path(posixpath.join(stage.page_url(page), path), urls)
        out.append(Link(f"{page}:{number}", href, target, fragment))
    return out


def template_fragment_links(name: str, html: str, urls: dict[str, str]) -> list[Link]:
    """Links with a fragment into the site in a template: "{{ 'page/' | url }}#id", or "#id"
    for an id on the page the template makes (page is then "" and the fragment must be an id
    some template writes)."""
    out = []
    for match in HREF.finditer(html):
        href = match.group(2).strip()
        line = html.count("\n", 0, match.start()) + 1
        where = f"{name}:{line}"
        templated = TEMPLATE_URL.match(href)
        if templated:
            path, rest = templated.group(2), templated.group(3)
            if "#" not in rest:
                continue
            fragment = rest.split("#", 1)[1]
            out.append(Link(where, href, resolve_site_path(path, urls), fragment))
            continue
        if "#" not in re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", "", href) or EXTERNAL.match(href):
            continue
        if href.startswith("#"):
            out.append(Link(where, href, "", href[1:]))
        else:  # some other way of naming a page: it cannot be checked, so it is not allowed
            out.append(Link(where, href, None, href.split("#", 1)[1]))
    return out


def script_fragment_links(name: str, js: str, urls: dict[str, str]) -> list[Link]:
    """Links with a fragment a script makes. "#id" (or `#prefix-${n}`) is an id on the page
    the script runs on (page ""); "path/#id" is taken from the site's root."""
    out = []
    for match in SCRIPT_HREF.finditer(js):
        href = match.group(2)
        if "#" not in href or EXTERNAL.match(href):
            continue
        where = f"{name}:{js.count(chr(10), 0, match.start()) + 1}"
        path, fragment = href.split("#", 1)
        if not path:
            out.append(Link(where, href, "", fragment))
        else:
            path = re.sub(r"^(?:\.\.?/)+", "", path)
            out.append(Link(where, href, None if "${" in path else resolve_site_path(path, urls), fragment))
    return out


def in_page_ids() -> tuple[set[str], set[str]]:
    """Ids the templates and scripts write themselves: (fixed ids, prefixes of made ids)."""
    fixed, prefixes = set(), set()
    for path in sorted(OVERRIDES.rglob("*.html")):
        for value in HTML_ID.findall(path.read_text(encoding="utf-8")):
            head = re.split(r"\{\{|\{%", value, maxsplit=1)[0]
            (prefixes if head != value else fixed).add(head)
    for path in sorted(SCRIPTS.glob("*.js")):
        for match in SCRIPT_ID.finditer(path.read_text(encoding="utf-8")):
            value = match.group(2)
            head = value.split("${", 1)[0]
            (prefixes if head != value else fixed).add(head)
    return fixed, prefixes


def broken(links: list[Link], page_ids: dict[str, set[str]], own_ids=(set(), set())) -> list[str]:
    """What is wrong with each link that does not reach an explicit id."""
    fixed, prefixes = own_ids
    problems = []
    for link in links:
        dynamic = re.split(r"\$\{|\{\{|\{%", link.fragment, maxsplit=1)
        if link.page is None:
            problems.append(f"{link.where}: {link.href!r} does not name a page of the site this test can find")
        elif link.page == "":  # an id on the page the template or script makes
            if len(dynamic) > 1:
                if dynamic[0] and dynamic[0] not in prefixes:
                    problems.append(f"{link.where}: {link.href!r}: no template or script writes ids {dynamic[0]}...")
            elif link.fragment not in fixed and not any(p and link.fragment.startswith(p) for p in prefixes):
                problems.append(f"{link.where}: {link.href!r}: no template or script writes id {link.fragment!r}")
        elif len(dynamic) > 1:
            problems.append(f"{link.where}: {link.href!r}: a fragment into another page must be written out")
        elif link.fragment not in page_ids.get(link.page, set()):
            problems.append(
                f"{link.where}: {link.href!r}: {link.page} has no explicit id {link.fragment!r} "
                "(write it on the heading: { #" + link.fragment + " })"
            )
    return problems


# ---------------------------------------------------------------- (a) headings in docs/


@pytest.mark.parametrize("page", docs_pages())
def test_every_heading_has_an_explicit_id(page):
    missing = [f"{page}:{h.line}: {h.text}" for h in headings((DOCS / page).read_text(encoding="utf-8")) if not h.ids]
    assert not missing, "headings without an explicit id (add { #id }, the id toc makes today):\n" + "\n".join(missing)


@pytest.mark.parametrize("page", docs_pages())
def test_ids_are_unique_in_a_page(page, bibliography):
    markdown = (DOCS / page).read_text(encoding="utf-8")
    ids = explicit_ids(markdown) + sorted(generated_ids(markdown, bibliography, page))
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not repeated, f"{page}: ids used twice: {repeated}"


def test_the_pages_have_headings():
    """The heading finder finds headings at all (else the test above would pass on nothing)."""
    assert sum(len(headings((DOCS / page).read_text(encoding="utf-8"))) for page in docs_pages()) > 100


# ---------------------------------------------------------------- (b) links with fragments


def test_links_into_pages_target_explicit_ids(site_pages, page_ids):
    urls = page_by_url(site_pages)
    links = []
    for page, markdown in site_pages.items():
        links += markdown_fragment_links(page, markdown, urls)
    for path in sorted(OVERRIDES.rglob("*.html")):
        links += template_fragment_links(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"), urls)
    for path in sorted(SCRIPTS.glob("*.js")):
        links += script_fragment_links(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"), urls)
    # The links this was written for are among those it checks.
    checked = {(link.page, link.fragment) for link in links}
    assert {
        ("editorial-policy.md", "how-to-report-a-mistake"),
        ("privacy.md", "how-to-check-this-yourself"),
    } <= checked
    problems = broken(links, page_ids, in_page_ids())
    assert not problems, "links to ids that are not written down:\n" + "\n".join(problems)


URLS = {"": "index.md", "privacy/": "privacy.md", "learn/a/": "learn/a.md"}
IDS = {"index.md": {"top"}, "privacy.md": {"how-to-check", "source-1"}, "learn/a.md": {"in-short"}}


@pytest.mark.parametrize(
    "page, markdown, bad",
    [
        ("learn/a.md", "See [privacy](../privacy.md#how-to-check).", False),
        ("learn/a.md", "See [privacy](../privacy.md#how-to-check-this-yourself).", True),
        ("learn/a.md", "See [the list](../privacy.md#source-1).", False),
        ("learn/a.md", "See [above](#in-short).", False),
        ("learn/a.md", "See [above](#in-brief).", True),
        ("learn/a.md", "See [privacy](../../privacy/#how-to-check).", False),
        ("learn/a.md", "See [privacy](../../privacy/#nope).", True),
        ("learn/a.md", "See [gone](../gone.md#x).", True),
        ("learn/a.md", "See [privacy][p].\n\n[p]: ../privacy.md#nope", True),
        ("learn/a.md", 'See <a href="../privacy.md#nope">privacy</a>.', True),
        ("learn/a.md", "```\n[privacy](../privacy.md#nope)\n```", False),
        ("learn/a.md", "See [elsewhere](https://example.org/#nope).", False),
    ],
)
def test_markdown_link_check(page, markdown, bad):
    assert bool(broken(markdown_fragment_links(page, markdown, URLS), IDS)) is bad


@pytest.mark.parametrize(
    "html, bad",
    [
        ("""<a href="{{ 'privacy/' | url }}#how-to-check">x</a>""", False),
        ("""<a href="{{ 'privacy/' | url }}#how-to-check-this-yourself">x</a>""", True),
        ("""<a href="{{ 'nowhere/' | url }}#how-to-check">x</a>""", True),
        ("""<a href="{{ base_url }}/privacy/#how-to-check">x</a>""", True),
        ("""<a href="{{ 'privacy/' | url }}">x</a>""", False),
        ("""<a href="#own-id">x</a>""", False),
        ("""<a href="#not-written">x</a>""", True),
        ("""<a href="#crisis-lines-{{ code }}">x</a>""", False),
        ("""<a href="https://example.org/#x">x</a>""", False),
    ],
)
def test_template_link_check(html, bad):
    own = ({"own-id"}, {"crisis-lines-"})
    assert bool(broken(template_fragment_links("t.html", html, URLS), IDS, own)) is bad


@pytest.mark.parametrize(
    "js, bad",
    [
        ("""el("a", { href: `#result-source-${n}` })""", False),
        ("""el("a", { href: `#other-source-${n}` })""", True),
        ("""link.href = "../../privacy/#how-to-check";""", False),
        ("""link.setAttribute("href", "privacy/#nope");""", True),
        ("""document.querySelector("#anything")""", False),
    ],
)
def test_script_link_check(js, bad):
    own = (set(), {"result-source-"})
    assert bool(broken(script_fragment_links("s.js", js, URLS), IDS, own)) is bad


@pytest.mark.parametrize(
    "markdown, ids",
    [
        ("## Heading { #heading }", [["heading"]]),
        ("## Heading {: #heading .wide }", [["heading"]]),
        ("## Heading ##", [[]]),
        ("#Heading", [[]]),
        ("Heading { #heading }\n-------", [["heading"]]),
        ("Heading\n=======", [[]]),
        ('<h2 id="x">Heading</h2>', [["x"]]),
        ("<h2>Heading</h2>", [[]]),
        ("---\ntitle: Not a heading\n---\n\nText.\n\n---\n", []),
        ("```\n# a comment in code\n```", []),
        ("<!--\n# a comment\n-->", []),
    ],
)
def test_heading_finder(markdown, ids):
    assert [h.ids for h in headings(markdown)] == ids


# ---------------------------------------------------------------- (c) the generated rules page


def rule_heading_ids(markdown: str) -> list[list[str]]:
    return [h.ids for h in headings(markdown)]


def test_rules_page_headings_have_explicit_ids(rules_markdown):
    found = headings(rules_markdown)
    assert len(found) >= 10
    missing = [h.text for h in found if not h.ids]
    assert not missing, f"{rules_page.SRC_URI}: headings without an explicit id: {missing}"
    ids = [h.ids[0] for h in found]
    assert len(set(ids)) == len(ids), f"{rules_page.SRC_URI}: ids used twice: {ids}"


def test_rules_page_ids_do_not_come_from_the_text(monkeypatch, bibliography, rules_markdown):
    """Other words (as a translation would have) give the same ids."""
    described = rules_page.rules.describe("en")
    site_text = rules_page.load_site_text(rules_page.ROOT, "en")

    def translated(value):
        if isinstance(value, str):
            return "Otro " + value[::-1]
        if isinstance(value, dict):
            return {k: v if k in ("id", "article", "sources", "reasons") else translated(v) for k, v in value.items()}
        if isinstance(value, list):
            return [translated(v) for v in value]
        return value

    other = translated(copy.deepcopy(described))
    monkeypatch.setattr(rules_page.rules, "describe", lambda lang: other)
    monkeypatch.setattr(rules_page, "load_site_text", lambda root, lang: site_text)
    monkeypatch.setattr(rules_page, "_front_matter_title", lambda path: "Otro")
    other_markdown = rules_page.render("en", bibliography)
    assert [h.text for h in headings(other_markdown)] != [h.text for h in headings(rules_markdown)]
    assert rule_heading_ids(other_markdown) == rule_heading_ids(rules_markdown)
