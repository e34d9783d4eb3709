"""Links from a translation's pages to pages in English, marked as English.

A translation (site/es/) may not have every page yet, and its pages and templates link to
pages by their path. On the built HTML of a language's folder, one pass (part of
``finish``) looks at every link to a page:

- to a page the language has: left alone;
- to a page the language does not have, but English has (a template's link to
  ``editorial-policy/``, or a page's link that ``translation.english_only_links`` already
  pointed at the English page): it goes to the English page, carries ``hreflang="en"``, and
  its words end with the language's "(in English)" (``[translation] english_only``, "(en
  inglés)"), so nobody follows it expecting their own language;
- links that already carry ``hreflang`` (the language switch, the translation notice's
  link to the English page) say their language themselves: left alone.

Done on the HTML, not in the templates, so that it covers every template and every page
alike, whichever generator wrote them.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path

LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a>", re.DOTALL)
HREF = re.compile(r'\bhref="(?P<href>[^"]*)"')
HREFLANG = re.compile(r"\bhreflang=")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|/)", re.I)


def _page_file(site_dir: Path, path: str) -> Path | None:
    """The HTML file a site path serves (a folder serves its index.html), if it exists."""
    candidate = site_dir / path
    if path in ("", ".") or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() and candidate.suffix == ".html" else None


def mark_links(html: str, page: str, site_dir: Path, folder: str, other_folders: set[str], note: str,
               main_lang: str) -> tuple[str, int]:
    """``html`` of the page at site path ``page`` (in ``folder``) with its links to
    main-language pages marked; and how many it marked."""
    here = posixpath.dirname(page)
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        attrs, text = match.group("attrs"), match.group("text")
        found = HREF.search(attrs)
        if not found or HREFLANG.search(attrs) or EXTERNAL.match(found.group("href")):
            return match.group(0)
        href = found.group("href")
        path, _, anchor = href.partition("#")
        if not path:
            return match.group(0)
        target = posixpath.normpath(posixpath.join(here, path))
        if target.startswith(".."):
            return match.group(0)
        target = "" if target == "." else target
        inside = target == folder or target.startswith(folder + "/")
        if inside:
            if _page_file(site_dir, target):
                return match.group(0)  # the language has this page
            target = target[len(folder) + 1:] if target != folder else ""
        elif target.split("/", 1)[0] in other_folders:
            return match.group(0)  # another translation's page: not ours to judge
        if target.startswith("assets/") or not _page_file(site_dir, target):
            return match.group(0)  # not a page, or one that is missing in English too
        new_href = posixpath.relpath("/" + target, "/" + here) if here else target or "./"
        if path.endswith("/") and not new_href.endswith("/"):
            new_href += "/"
        new_href += ("#" + anchor) if anchor else ""
        new_attrs = HREF.sub(f'href="{escape(new_href)}"', attrs, count=1) + f' hreflang="{main_lang}"'
        count += 1
        return f"<a{new_attrs}>{text.rstrip()} {escape(note)}</a>"

    return LINK.sub(replace, html), count


def mark_language_folder(site_dir: Path, folder: str, other_folders: set[str], note: str,
                         main_lang: str = "en") -> int:
    """Mark every link to a main-language page in the language built into ``folder``;
    return how many links were marked."""
    site_dir = Path(site_dir)
    total = 0
    for path in sorted((site_dir / folder).rglob("*.html")):
        page = path.relative_to(site_dir).as_posix()
        html = path.read_text(encoding="utf-8")
        marked, count = mark_links(html, page, site_dir, folder, other_folders - {folder}, note, main_lang)
        if count:
            path.write_text(marked, encoding="utf-8")
            total += count
    return total
