"""MkDocs hook: wires the plain build steps in ``sitebuild/`` to MkDocs events.

Nothing here decides anything; it only passes MkDocs' paths and settings to functions that
another generator could call the same way.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the hook runs from .venv/bin/mkdocs, not from the repo
    sys.path.insert(0, str(ROOT))

from sitebuild import branding, citations, context, page_meta, precompress, pyodide_assets, rules_page, security_headers, selfcheck_page, theme_fixes  # noqa: E402
from sitebuild.clinic import ClinicSettingsError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site")


def on_config(config):
    try:
        config.extra["site"] = context.site_context(ROOT, config.extra, config.theme.get("language", "en"))
        config.extra["site"]["brand"] = _brand(config)
    except (ClinicSettingsError, branding.LogoError) as error:
        raise PluginError(str(error)) from None
    return config


def _brand(config) -> dict:
    """The clinic's logo (size, text alternative) and colour stylesheet (sitebuild/branding.py)."""
    brand = branding.site_brand(config.extra["site"]["clinic"], Path(config.docs_dir))
    for uri in brand["stylesheets"]:
        if uri not in config.extra_css:
            config.extra_css.append(uri)
    return brand


def on_files(files, config):
    lang = config.extra["site"]["lang"]
    files.append(
        File.generated(config, rules_page.SRC_URI, content=rules_page.render(lang, config.extra["site"]["bibliography"]))
    )
    if config.extra["site"]["brand"]["css"]:
        files.append(File.generated(config, branding.CSS_URI, content=config.extra["site"]["brand"]["css"]))
    return files


def on_page_markdown(markdown, page, config, files):
    site = config.extra["site"]
    where = page.file.src_uri
    try:
        review = page_meta.review_info(page.meta, site["lang"], where)
        ordered = citations.order_sources(markdown, list(page.meta.get("sources") or []), site["bibliography"], where)
    except (page_meta.PageMetaError, citations.CitationError) as error:
        raise PluginError(str(error)) from None
    page.meta["sources"] = ordered
    if review:
        page.meta["review"] = review
        page.meta["jsonld"] = page_meta.json_ld(page.meta, review, site["clinic"], site["bibliography"], site["lang"])
    return citations.render_citations(markdown, ordered, site["text"]["sources"]["cite_label"])


def on_page_context(template_context, page, config, nav):
    # (Not named `context`, MkDocs' name for it: that would hide the sitebuild module.)
    if page.meta.get("template") in ("selfcheck.html", "embed-selfcheck.html"):
        template_context["selfcheck_data"] = selfcheck_page.page_data(config.extra["site"], page.url, nav.pages)
    return template_context


def on_post_page(output, page, config):
    return theme_fixes.fix_theme_markup(output)


def on_post_template(output_content, template_name, config):
    return theme_fixes.fix_theme_markup(output_content)  # 404.html and other static pages


def on_post_build(config):
    site_dir = Path(config.site_dir)
    try:
        written = pyodide_assets.build_pyodide_assets(ROOT, site_dir / "assets" / "pyodide")
        pyodide_assets.check_worker_import(site_dir / "assets" / "javascripts" / "selfcheck-worker.js", written["version"])
    except pyodide_assets.AssetBuildError as error:
        raise PluginError(str(error)) from None
    log.info("Self-hosted Pyodide %s and %s written to %s", written["version"], written["wheel"].name, written["dir"])
    # Last: hashes every inline script in the finished HTML, writes _headers + nginx include.
    try:
        security_headers.write_header_files(
            ROOT, site_dir, config.extra["site"]["frame_ancestors"], config.extra["site"]["clinic"]["embed_origins"]
        )
    except security_headers.SecurityHeadersError as error:
        raise PluginError(str(error)) from None
    # After every step that writes files: .br and .gz copies for nginx's brotli_static and
    # gzip_static (cached by content in build/precompressed/, so a rebuild is quick).
    count = precompress.precompress_site(site_dir, ROOT / "build" / "precompressed")
    log.info("Wrote %d precompressed copies (.br, .gz)", count)
