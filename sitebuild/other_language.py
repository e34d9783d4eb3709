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

The "page not found" page is the one page whose links are rooted at the site's address
(``site_url``'s path, "/" without one), because a host serves it at any depth. A
translation's is rooted at its own folder when the site has a ``site_url``; without one
the generator roots it at "/", the main language's root, so ``reroot_not_found`` first
moves its links into the language's folder, as a ``site_url`` would have.
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


TAG = re.compile(r"<(?P<name>a|link|script|img)\b(?P<attrs>[^>]*)>")
URL_ATTR = re.compile(r'\b(?P<attr>href|src)="(?P<url>[^"]*)"')


def reroot_not_found(html: str, folder: str, root_path: str = "/") -> str:
    """A translation's "page not found" page, generated without a ``site_url``: its links
    and assets rooted at ``root_path`` are rooted at ``root_path + folder`` instead (links
    that name their language, the language switch, are left alone)."""

    def tag(match: re.Match) -> str:
        if HREFLANG.search(match.group("attrs")):
            return match.group(0)

        def url(found: re.Match) -> str:
            value = found.group("url")
            if not value.startswith(root_path) or value.startswith("//") or value.startswith(f"{root_path}{folder}/"):
                return found.group(0)
            rest = value[len(root_path):]
            rest = "" if rest == "." else rest
            return f'{found.group("attr")}="{root_path}{folder}/{rest}"'

        return match.group(0).replace(match.group("attrs"), URL_ATTR.sub(url, match.group("attrs")), 1)

    return TAG.sub(tag, html)


def mark_links(html: str, page: str, site_dir: Path, folder: str, other_folders: set[str], note: str,
               main_lang: str, root_path: str | None = None) -> tuple[str, int]:
    """``html`` of the page at site path ``page`` (in ``folder``) with its links to
    main-language pages marked; and how many it marked. ``root_path``: for the "page not
    found" page, the site's root path its links start with (they stay rooted there)."""
    here = posixpath.dirname(page)
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        attrs, text = match.group("attrs"), match.group("text")
        found = HREF.search(attrs)
        if not found or HREFLANG.search(attrs):
            return match.group(0)
        href = found.group("href")
        rooted = bool(root_path) and href.startswith(root_path) and not href.startswith("//")
        if EXTERNAL.match(href) and not rooted:
            return match.group(0)
        path, _, anchor = href.partition("#")
        if not path:
            return match.group(0)
        if rooted:
            path = path[len(root_path):] or "./"
        target = posixpath.normpath(posixpath.join("" if rooted else here, path))
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
        if rooted:
            new_href = root_path + target
        else:
            new_href = posixpath.relpath("/" + target, "/" + here) if here else target or "./"
        if path.endswith("/") and not new_href.endswith("/"):
            new_href += "/"
        new_href += ("#" + anchor) if anchor else ""
        new_attrs = HREF.sub(f'href="{escape(new_href)}"', attrs, count=1) + f' hreflang="{main_lang}"'
        count += 1
        return f"<a{new_attrs}>{text.rstrip()} {escape(note)}</a>"

    return LINK.sub(replace, html), count


NOT_FOUND = "404.html"


def mark_language_folder(site_dir: Path, folder: str, other_folders: set[str], note: str,
                         main_lang: str = "en", root_path: str = "/", has_site_url: bool = False) -> int:
    """Mark every link to a main-language page in the language built into ``folder``;
    return how many links were marked. ``root_path``: the site address's path ("/"
    without a ``site_url``), which the "page not found" page's links start with."""
    site_dir = Path(site_dir)
    total = 0
    for path in sorted((site_dir / folder).rglob("*.html")):
        page = path.relative_to(site_dir).as_posix()
        html = original = path.read_text(encoding="utf-8")
        not_found = page == f"{folder}/{NOT_FOUND}"
        if not_found and not has_site_url:
            html = reroot_not_found(html, folder, root_path)
        html, count = mark_links(html, page, site_dir, folder, other_folders - {folder}, note, main_lang,
                                 root_path if not_found else None)
        if html != original:
            path.write_text(html, encoding="utf-8")
        total += count
    return total
