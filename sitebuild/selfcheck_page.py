"""The data the self-check page's script reads, built once per build in plain Python.

The script shows the engine's reasons with links to the articles behind them and their
sources, so it needs each article's title and link (relative to the page, for sub-paths)
and each source's citation. It is written into the page as one JSON block that is never
executed, so the strict Content-Security-Policy needs no hash for it.
"""

from __future__ import annotations

import posixpath


def relative_href(target_url: str, page_url: str) -> str:
    """A link from the page at ``page_url`` to ``target_url`` (both site paths like "a/b/")."""
    href = posixpath.relpath("/" + target_url, "/" + page_url)
    return href if href.endswith("/") else href + "/"


def page_data(site: dict, page_url: str, nav_pages: list) -> dict:
    """``nav_pages``: the site's pages (anything with ``url`` and ``title``, and
    optionally ``other_root``: for a page only the main language has, the main site's
    root from this language's, "../")."""
    return {
        "lang": site["lang"],
        # The engine's settings (selfcheck.settings), with the articles' titles for the
        # result card's "Read more" links (site paths, as the engine's reasons name them).
        "settings": {**site["engine_settings"], "articles": {p.url: p.title for p in nav_pages if p.title}},
        "text": site["text"]["selfcheck_page"],
        "articles": {
            p.url: {"href": getattr(p, "other_root", "") + relative_href(p.url, page_url), "title": p.title or ""}
            for p in nav_pages
        },
        # The whole bibliography: which sources a result cites is known only in the browser.
        "sources": {
            source_id: {"citation": source["citation"], "url": source.get("url")}
            for source_id, source in site["bibliography"].items()
        },
    }
