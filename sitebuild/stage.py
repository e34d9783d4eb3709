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

A site in more than one language (``sitebuild.languages``) is prepared once per language,
each into its own stage; every page gets its ``language_links`` (hreflang alternates and
the header's switch), and a translation's pages their translation notice, their review
dates (the English page's, as of the review they were translated from) and their links to
pages only English has (``sitebuild.translation``).

To see where any page's data comes from, open its staged copy.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import sys
from collections.abc import Callable
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import (branding, by_country, citations, context, languages, options_block, page_meta, rules_page,
               selfcheck_page, translation)

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
    return languages.page_path(src_uri, use_directory_urls)


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
    """What ``selfcheck_page.page_data`` reads of a page: its site path and its title, and,
    for a page this language does not have, where the main language's site is from this
    one's root ("../")."""

    def __init__(self, url: str, title: str, other_root: str = ""):
        self.url, self.title, self.other_root = url, title, other_root


def sources_html(ordered: list[str], bibliography: dict, text: dict, dates: dict) -> str:
    """The page's numbered sources, in citation order, as one HTML block at the end of the
    page: in the page itself, so every generator sees the ``#source-N`` anchors its
    citations link to (Zensical checks anchors in raw HTML too). Each item says what kind
    of source it is and the date it was read (``text``: the locale's ``[sources]`` table,
    ``dates``: its ``[dates]`` table, so both read in the page's language)."""
    items = []
    for n, source_id in enumerate(ordered, start=1):
        source = bibliography[source_id]
        read = dt.date.fromisoformat(source["accessed"])
        read_on = escape(text["read_on"]).replace(
            "{date}", f'<time datetime="{read.isoformat()}">{escape(page_meta.format_date(read, dates))}</time>')
        parts = [
            escape(source["citation"]),
            f'<span class="page-sources__kind">{escape(text["kinds"][source["kind"]])}</span>',
            f'<span class="page-sources__read">{read_on}</span>',
        ]
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


def process_page(meta: dict, body: str, where: str, site: dict, today: dt.date,
                 country: str | None = None, options: list[dict] | None = None,
                 links: Callable[[str], str] | None = None) -> tuple[dict, str]:
    """Put in the options block and the page's country sections in the clinic's order,
    number the citations, list the sources, and fill in the front matter the templates read
    (``today``: the build's date, for the review dates; ``country``: the clinic's country,
    whose sections come first; ``options``: the treatment options, for a page with the
    options marker; ``links``: a translation's rewriting of its Markdown links, applied once
    the page is whole, the options block's links included)."""
    try:
        listed = list(meta.get("sources") or [])
        if options_block.MARKER in body:
            if options is None:
                options = options_block.load(site["lang"], site["bibliography"])
            body, block_sources = options_block.expand(body, options, site["text"]["options"], where)
            # The block's sources are the block's, not the writer's: they join the page's list.
            listed += [s for s in block_sources if s not in listed]
        body = by_country.reorder(body, country, where)
        if links:
            body = links(body)
        review = page_meta.review_info(meta, site["text"]["review"], site["text"]["dates"], where, today)
        ordered = citations.order_sources(body, listed, site["bibliography"], where)
    except (page_meta.PageMetaError, citations.CitationError, by_country.ByCountryError,
            options_block.OptionsError) as error:
        raise StageError(str(error)) from None
    meta = dict(meta)
    if ordered:
        meta["sources"] = ordered
    if review:
        meta["review"] = review
        meta["jsonld"] = page_meta.json_ld(meta, review, site["clinic"], site["bibliography"], site["lang"])
    body = citations.render_citations(body, ordered, site["text"]["sources"]["cite_label"])
    if ordered:
        body = body.rstrip("\n") + "\n\n" + sources_html(ordered, site["bibliography"], site["text"]["sources"], site["text"]["dates"])
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


def clinic_country(config: dict) -> str | None:
    """The country the clinic's settings name (``extra.clinic.country``, already checked), or
    None when they name none: then country sections keep the order they are written in."""
    clinic = (config.get("extra") or {}).get("clinic")
    return (clinic.get("country") or None) if isinstance(clinic, dict) else None


def _title_for(language):
    """A translation's title for a page: its own page's, else the one its nav words give
    (a page it has not translated yet), else None."""
    docs = Path(language.config["docs_dir"])

    def title_for(src: str) -> str | None:
        if (docs / src).is_file():
            title = split_page((docs / src).read_text(encoding="utf-8"))[0].get("title")
            if title:
                return title
        return language.titles.get(src)

    return title_for


def _english_titles(main) -> list[tuple[str, str]]:
    """(title, src_uri) of the main language's nav pages: the nav's title, else the page's."""
    out = []
    docs = Path(main.config["docs_dir"])
    for title, src in nav_entries(main.config.get("nav")):
        if not title and (docs / src).is_file():
            title = split_page((docs / src).read_text(encoding="utf-8"))[0].get("title", "")
        out.append((title or "", src))
    return out


def overdue_pages(pages: dict[str, tuple[dict, str]]) -> list[str]:
    """"<page>: due for review on <date>" for each page past its review date."""
    return [
        f"{where}: due for review on {meta['review']['next_iso']}"
        for where, (meta, _body) in pages.items()
        if (meta.get("review") or {}).get("overdue")
    ]


def _english_only_links(where: str, lang: languages.Language, site_langs: list,
                        directory_urls: bool) -> Callable[[str], str]:
    """A translation's page's links to pages only English has, pointed at the English pages
    (``sitebuild.translation``), as ``process_page`` applies them."""
    main = site_langs[0]
    here = lang.root + page_url(where, directory_urls)
    return lambda body: translation.english_only_links(
        body, where, lang.pages, main.pages,
        lambda src: languages.relative(page_url(src, directory_urls), here))


def _translate_page(meta: dict, body: str, where: str, lang: languages.Language, site_langs: list,
                    site: dict, directory_urls: bool) -> tuple[dict, str]:
    """A page of a translation, before its citations and review dates: for a translated
    page (not one the build generates in each language), its translation notice and review
    dates (``sitebuild.translation``)."""
    main = site_langs[0]
    here = lang.root + page_url(where, directory_urls)
    if where == rules_page.SRC_URI:
        return meta, body
    english_path = Path(main.config["docs_dir"]) / where
    english = split_page(english_path.read_text(encoding="utf-8"))[0] if english_path.is_file() else None
    english_href = languages.relative(page_url(where, directory_urls), here)
    try:
        info = translation.translation_info(meta, where, english, site["text"]["translation"],
                                            site["text"]["dates"], english_href)
    except (translation.TranslationError, page_meta.PageMetaError) as error:
        raise StageError(str(error)) from None
    meta = {**meta, "translation": info["translation"]}
    if info["review_dates"]:
        meta.update(info["review_dates"])
    return meta, body


def prepare(config_path: Path | dict, out: Path, runtime_root: str = "", *, today: dt.date,
            strict_review: bool = False, site_langs: list | None = None) -> Path:
    """Write the staged copy into ``out`` (emptied first); return the staged config's path.

    ``config_path``: the config's file, or a config already loaded (a translation's,
    from ``sitebuild.languages``).

    ``runtime_root``: where the self-check's engine (its scripts and the Pyodide runtime) is,
    relative to this site's root: "" for the main language, "../" for a language built into
    a sub-folder (site/es/), so every language shares one copy of the runtime.

    ``today``: the build's date. A page past its ``next_review`` is built with a notice
    saying so, and the build prints one line for it on standard error; with
    ``strict_review`` such a page stops the build instead (StageError naming each page).

    ``site_langs``: every language of the site (``languages.site_languages``), the main
    one first; this config is the one whose ``theme.language`` matches. Without it, the
    languages the config names."""
    config = copy.deepcopy(config_path) if isinstance(config_path, dict) else load_config(config_path)
    lang = (config.get("theme") or {}).get("language", "en")
    try:
        site_langs = site_langs or languages.site_languages(config)
    except languages.LanguageError as error:
        raise StageError(str(error)) from None
    current = next((language for language in site_langs if language.code == lang), None)
    if current is None:
        raise StageError(f"language {lang!r} is not one of the site's ({', '.join(x.code for x in site_langs)})")
    try:
        site = _plain(context.site_context(ROOT, config.get("extra") or {}, lang, today=today))
        # The clinic's logo (size, text alternative) and colour stylesheet.
        # (in the main language's pages, which every language shares)
        site["brand"] = branding.site_brand(site["clinic"], Path(site_langs[0].config["docs_dir"]))
    except ValueError as error:  # ClinicSettingsError, LogoError, the engine's settings errors
        raise StageError(str(error)) from None

    out = Path(out).resolve()
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(config["docs_dir"], docs)
    translated = current is not site_langs[0]
    if translated:
        # A translation's folder holds its pages; the site's other files (stylesheets,
        # scripts, images) are the main language's, which the templates link by path.
        main_docs = Path(site_langs[0].config["docs_dir"])
        for path in sorted(main_docs.rglob("*")):
            target = docs / path.relative_to(main_docs)
            if path.is_file() and path.suffix != ".md" and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
    theme = config["theme"]
    if theme.get("custom_dir"):
        shutil.copytree(theme["custom_dir"], out / "overrides")
        theme["custom_dir"] = "overrides"
    if site["brand"]["css"]:
        (docs / branding.CSS_URI).parent.mkdir(parents=True, exist_ok=True)
        (docs / branding.CSS_URI).write_text(site["brand"]["css"], encoding="utf-8")
    extra_css = config.setdefault("extra_css", [])
    extra_css += [uri for uri in site["brand"]["stylesheets"] if uri not in extra_css]
    if translated and (docs / languages.WORDS_FILE).is_file():
        (docs / languages.WORDS_FILE).unlink()  # words for the build, not a page
    rules = docs / rules_page.SRC_URI
    rules.parent.mkdir(parents=True, exist_ok=True)
    rules.write_text(rules_page.render(lang, site["bibliography"], _title_for(current) if translated else None),
                     encoding="utf-8")

    directory_urls = config.get("use_directory_urls", True)
    # Alternates are absolute when the site has an address (search engines want them so).
    site_url = str(site_langs[0].config.get("site_url") or "") or None
    # For finish: where the "page not found" page's links are rooted (sitebuild/other_language.py).
    site["site_url"] = site_url
    site["root_path"] = urlsplit(site_url or "/").path.rstrip("/") + "/"
    pages: dict[str, tuple[dict, str]] = {}
    options = None  # the treatment options, loaded (and checked) once, by the first page that shows them
    for path in sorted(docs.rglob("*.md")):
        where = path.relative_to(docs).as_posix()
        meta, body = split_page(path.read_text(encoding="utf-8"))
        if options is None and options_block.MARKER in body:
            try:
                options = options_block.load(lang, site["bibliography"])
            except options_block.OptionsError as error:
                raise StageError(str(error)) from None
        links = None
        if translated:
            meta, body = _translate_page(meta, body, where, current, site_langs, site, directory_urls)
            links = _english_only_links(where, current, site_langs, directory_urls)
        meta, body = process_page(meta, body, where, site, today, clinic_country(config), options, links)
        if len(site_langs) > 1:
            meta["language_links"] = languages.page_links(where, current, site_langs, site_url, directory_urls)
        pages[where] = meta, body
    overdue = overdue_pages(pages)
    if overdue and strict_review:
        raise StageError("Pages past their review date (--strict-review):\n" + "\n".join(f"  - {line}" for line in overdue))
    for line in overdue:
        print(f"Review overdue: {line} (built with a notice that it may be out of date)", file=sys.stderr)

    # Article titles as the nav shows them (MkDocs: the nav's title, else the page's own).
    nav = [
        _Page(page_url(src, directory_urls), title or pages.get(src, ({}, ""))[0].get("title", ""))
        for title, src in nav_entries(config.get("nav"))
    ]
    if translated:
        # The self-check's reasons link to articles: one this language does not have yet
        # is linked in English, and says so.
        main = site_langs[0]
        title_for = _title_for(current)
        nav += [
            _Page(page_url(src, directory_urls),
                  f"{title_for(src) or title or src} {site['text']['translation']['english_only']}",
                  other_root=runtime_root)
            for title, src in _english_titles(main)
            if src not in current.pages
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
    # Plain data only: a date the clinic wrote unquoted (reviewed_on: 2026-11-01) is a YAML
    # date, which Zensical cannot read from extra (the templates read extra.site anyway).
    staged["extra"] = {**_plain(staged.get("extra") or {}), "site": site}
    if len(site_langs) > 1:
        # Material's header shows partials/alternate.html (the language switch) when this
        # is set; ``true`` is not iterable, so base.html adds no links of its own.
        staged["extra"]["alternate"] = True
        site["language_home_links"] = languages.home_links(current, site_langs, site_url)
    staged_config = out / "mkdocs.yml"
    staged_config.write_text(
        "# Generated by `python -m sitebuild prepare`: do not edit; edit the project's mkdocs.yml.\n"
        + yaml.safe_dump(staged, sort_keys=False, allow_unicode=True, width=1000),
        encoding="utf-8",
    )
    (out / SITE_DATA).write_text(json.dumps({"site": site}, indent=1, ensure_ascii=False), encoding="utf-8")
    return staged_config
