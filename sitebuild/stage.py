"""Step 1 of the build, ``prepare``: a staged copy of the project that any generator can build.

The generator (MkDocs + Material today, Zensical after Material's end of life) only turns
Markdown into HTML with the templates in ``overrides/``. Everything the templates read is
worked out here, in plain Python, and written into the staged copy:

- ``<stage>/mkdocs.yml``: the project's config (with ``INHERIT`` resolved, so a clinic's
  example config works too), no ``hooks:``, and ``extra.site``: the validated clinic, its
  crisis lines, the site's strings, the bibliography and the questionnaire
  (``sitebuild.context``);
- ``<stage>/docs/``: every page with its citations numbered and its front matter filled in
  (``sources`` in citation order, ``review`` dates, ``jsonld``), the generated "How the
  self-check works" page, and the self-check page's ``selfcheck_data``;
- ``<stage>/overrides/``: the templates, copied so the staged folder is self-contained
  (Zensical wants docs and templates inside the project root);
- ``<stage>/site.json``: what step 3 (``finish``) needs from the settings.

To see where any page's data comes from, open its staged copy.
"""

from __future__ import annotations

import json
from html import escape
import re
import shutil
from pathlib import Path

import yaml

from . import branding, citations, context, page_meta, rules_page, selfcheck_page

ROOT = Path(__file__).resolve().parent.parent
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
# Pages whose template runs the self-check and so needs its data in the page.
SELFCHECK_TEMPLATES = ("selfcheck.html", "embed-selfcheck.html")
SITE_DATA = "site.json"


class StageError(ValueError):
    """A problem in the project's pages or settings: the message names the page or key."""


# ---------------------------------------------------------------- config


def _merge(parent: dict, child: dict) -> dict:
    """MkDocs' INHERIT rule: the child wins, mappings merge key by key."""
    out = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_config(path: Path) -> dict:
    """The config at ``path`` with ``INHERIT`` resolved and ``docs_dir`` and ``custom_dir``
    made absolute (relative to the file that names them, as MkDocs does for the child)."""
    path = Path(path).resolve()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise StageError(f"{path}: expected a mapping of settings")
    parent_name = data.pop("INHERIT", None)
    if parent_name:
        parent = load_config(path.parent / parent_name)
        data = _merge(parent, data)
    data["docs_dir"] = str((path.parent / data.get("docs_dir", "docs")).resolve())
    if data.get("site_dir"):
        data["site_dir"] = str((path.parent / data["site_dir"]).resolve())
    theme = data.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((path.parent / theme["custom_dir"]).resolve())
    return data


# ---------------------------------------------------------------- pages


def split_page(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1)) or {}
    return meta, text[match.end():]


def join_page(meta: dict, body: str) -> str:
    if not meta:
        return body
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) + "---\n" + body


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site path MkDocs gives a Markdown file ("learn/x.md" -> "learn/x/")."""
    stem = src_uri[: -len(".md")]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def nav_entries(nav) -> list[tuple[str | None, str]]:
    """(title or None, src_uri) for every Markdown page in the nav, in order."""
    out: list[tuple[str | None, str]] = []
    for item in nav or []:
        if isinstance(item, str):
            out.append((None, item))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    if value.endswith(".md"):
                        out.append((title, value))
                else:
                    out.extend(nav_entries(value))
    return out


class _Page:
    """What ``selfcheck_page.page_data`` reads of a page: its site path and its title."""

    def __init__(self, url: str, title: str):
        self.url, self.title = url, title


def sources_html(ordered: list[str], bibliography: dict, text: dict) -> str:
    """The page's numbered sources, in citation order, as one HTML block at the end of the
    page: in the page itself, so every generator sees the ``#source-N`` anchors its
    citations link to (Zensical checks anchors in raw HTML too)."""
    items = []
    for n, source_id in enumerate(ordered, start=1):
        source = bibliography[source_id]
        parts = [escape(source["citation"])]
        if source.get("status") == "partly-verified":
            parts.append(f'<span class="page-sources__status">{escape(text["partly"])}</span>')
        if source.get("url"):
            parts.append(
                f'<a href="{escape(source["url"])}" rel="noopener noreferrer">{escape(text["link"])}'
                f'<span class="md-visually-hidden">: {escape(short_text(source["citation"]))}</span></a>'
            )
        items.append(f'<li id="source-{n}">{" ".join(parts)}</li>')
    return (
        '<section class="page-sources" aria-labelledby="page-sources-heading">\n'
        f'<h2 id="page-sources-heading">{escape(text["heading"])}</h2>\n'
        "<ol>\n" + "\n".join(items) + "\n</ol>\n</section>\n"
    )


def process_page(meta: dict, body: str, where: str, site: dict) -> tuple[dict, str]:
    """Number the citations, list the sources, and fill in the front matter the templates
    read."""
    try:
        review = page_meta.review_info(meta, site["text"]["dates"], where)
        ordered = citations.order_sources(body, list(meta.get("sources") or []), site["bibliography"], where)
    except (page_meta.PageMetaError, citations.CitationError) as error:
        raise StageError(str(error)) from None
    meta = dict(meta)
    if ordered:
        meta["sources"] = ordered
    if review:
        meta["review"] = review
        meta["jsonld"] = page_meta.json_ld(meta, review, site["clinic"], site["bibliography"], site["lang"])
    body = citations.render_citations(body, ordered, site["text"]["sources"]["cite_label"])
    if ordered:
        body = body.rstrip("\n") + "\n\n" + sources_html(ordered, site["bibliography"], site["text"]["sources"])
    return meta, body


# ---------------------------------------------------------------- prepare


def short_text(text: str, limit: int = 60) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with "..." when cut
    (done here, not by a template filter: Zensical's MiniJinja has no ``truncate``)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 3].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "..."


def localised_extensions(extensions, text: dict) -> list:
    """The Markdown extensions with the words they write into pages (the toc extension's
    permalink title) taken from the locale file, not the extension's English default."""
    out = []
    for entry in extensions or []:
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if name == "toc":
            options = {**(options or {}), "permalink_title": text["headings"]["permalink_title"]}
        out.append({name: options} if options else name)
    return out


def _plain(value):
    """Settings as plain JSON-able data (the generated YAML must not need Python tags)."""
    return json.loads(json.dumps(value, default=str))


def prepare(config_path: Path, out: Path, runtime_root: str = "") -> Path:
    """Write the staged copy into ``out`` (emptied first); return the staged config's path.

    ``runtime_root``: where the self-check's engine (its scripts and the Pyodide runtime) is,
    relative to this site's root: "" for the main language, "../" for a language built into
    a sub-folder (site/es/), so every language shares one copy of the runtime."""
    config = load_config(config_path)
    lang = (config.get("theme") or {}).get("language", "en")
    try:
        site = _plain(context.site_context(ROOT, config.get("extra") or {}, lang))
        # The clinic's logo (size, text alternative) and colour stylesheet.
        site["brand"] = branding.site_brand(site["clinic"], Path(config["docs_dir"]))
    except ValueError as error:  # ClinicSettingsError, LogoError, the engine's settings errors
        raise StageError(str(error)) from None

    out = Path(out).resolve()
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(config["docs_dir"], docs)
    theme = config["theme"]
    if theme.get("custom_dir"):
        shutil.copytree(theme["custom_dir"], out / "overrides")
        theme["custom_dir"] = "overrides"
    if site["brand"]["css"]:
        (docs / branding.CSS_URI).parent.mkdir(parents=True, exist_ok=True)
        (docs / branding.CSS_URI).write_text(site["brand"]["css"], encoding="utf-8")
    extra_css = config.setdefault("extra_css", [])
    extra_css += [uri for uri in site["brand"]["stylesheets"] if uri not in extra_css]
    rules = docs / rules_page.SRC_URI
    rules.parent.mkdir(parents=True, exist_ok=True)
    rules.write_text(rules_page.render(lang, site["bibliography"]), encoding="utf-8")

    directory_urls = config.get("use_directory_urls", True)
    pages: dict[str, tuple[dict, str]] = {}
    for path in sorted(docs.rglob("*.md")):
        where = path.relative_to(docs).as_posix()
        meta, body = split_page(path.read_text(encoding="utf-8"))
        pages[where] = process_page(meta, body, where, site)

    # Article titles as the nav shows them (MkDocs: the nav's title, else the page's own).
    nav = [
        _Page(page_url(src, directory_urls), title or pages.get(src, ({}, ""))[0].get("title", ""))
        for title, src in nav_entries(config.get("nav"))
    ]
    for where, (meta, body) in pages.items():
        if meta.get("template") in SELFCHECK_TEMPLATES:
            url = page_url(where, directory_urls)
            meta["selfcheck_data"] = selfcheck_page.page_data(site, url, nav)
            # The engine's scripts (and through them the Pyodide runtime), from the main
            # site's assets/ folder: relative to the page, as every link is (sub-paths).
            meta["engine_assets"] = "../" * url.count("/") + runtime_root + "assets/"
        (docs / where).write_text(join_page(meta, body), encoding="utf-8")

    staged = dict(config)
    staged["markdown_extensions"] = localised_extensions(config.get("markdown_extensions"), site["text"])
    staged["docs_dir"] = "docs"
    for key in ("hooks", "watch", "site_dir"):
        staged.pop(key, None)
    staged.setdefault("extra", {})["site"] = site
    staged_config = out / "mkdocs.yml"
    staged_config.write_text(
        "# Generated by `python -m sitebuild prepare`: do not edit; edit the project's mkdocs.yml.\n"
        + yaml.safe_dump(staged, sort_keys=False, allow_unicode=True, width=1000),
        encoding="utf-8",
    )
    (out / SITE_DATA).write_text(json.dumps({"site": site}, indent=1, ensure_ascii=False), encoding="utf-8")
    return staged_config
