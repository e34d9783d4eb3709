"""The data the self-check page's script reads, built once per build in plain Python.

The script hands the engine its settings once (the worker's "setup") and renders the
result's card, whose links are site paths ("learn/who-may-benefit/"); it turns them into
links relative to the page with ``root``, the way from the page to the site's root (clinics
host the site under sub-paths). The page's own words (buttons, status lines) are the site's
``[selfcheck_page]`` strings. It is written into the page as one JSON block that is never
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
        "root": relative_href("", page_url),
        # Pages this language has not translated yet: their links go to the main
        # language's page (``other_root``), and their titles say so (sitebuild/stage.py).
        "elsewhere": {
            p.url: p.other_root + relative_href(p.url, page_url)
            for p in nav_pages if getattr(p, "other_root", "")
        },
    }
