"""Step 3 of the build, ``finish``: what the generated HTML needs before it can be served.

Runs on the generator's output folder, whichever generator wrote it:

1. theme fixes, as a pass over every HTML file and the theme's script (``sitebuild.theme_fixes``);
   in each language's folder, links to pages only the main language has are marked as
   being in that language (``sitebuild.other_language``);
2. the self-hosted Pyodide runtime, the self-check's wheel and the lockfile that pins its
   sha256 (``sitebuild.pyodide_assets``). One copy serves every language: a language
   built into a sub-folder (site/es/) loads the engine's scripts, and through them the
   runtime, from the main site (``runtime_root`` in ``sitebuild.stage.prepare``), and its
   own copies of those scripts are removed;
3. because they hash the finished HTML: the CSP script hashes for every page (only of the
   inline scripts the templates and the theme wrote, ``sitebuild.inline_scripts``: any other
   stops the build), the ``_headers`` file and the nginx includes
   (``sitebuild.security_headers``);
4. last, after every step that writes files: brotli and gzip copies of everything
   compressible (``sitebuild.precompress``).

It reads what it needs from the settings in the stage's ``site.json``, written by
``prepare``, so it never parses a generator's config.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import inline_scripts, other_language, precompress, pyodide_assets, security_headers, theme_fixes
from .stage import SITE_DATA, StageError

ROOT = Path(__file__).resolve().parent.parent
# The engine's scripts: the worker imports the runtime from ../pyodide/ beside it, so a
# language folder must use the main site's copies, never its own.
# (Patterns: the self-check page is several small modules, selfcheck-*.js.)
ENGINE_SCRIPTS = ("selfcheck-*.js", "crisis.js")


def fix_theme_files(site_dir: Path) -> int:
    """Apply the theme fixes to every HTML file; return how many files changed."""
    changed = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        fixed = theme_fixes.fix_theme_markup(html)
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed


def fix_theme_scripts(site_dir: Path) -> int:
    """Apply the theme's script fix to each copy of its bundle; return how many changed."""
    changed = 0
    for path in sorted(site_dir.rglob("assets/javascripts/bundle.*.min.js")):
        script = path.read_text(encoding="utf-8")
        try:
            fixed = theme_fixes.fix_theme_script(script)
        except ValueError as error:
            raise StageError(f"{path}: {error}") from None
        if fixed != script:
            path.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed


def language_stage(stage: Path, folder: str) -> Path:
    """Where a language built into ``folder`` is staged: beside the main stage."""
    return Path(stage).with_name(f"{Path(stage).name}-{folder}")


def load_site_data(stage: Path) -> dict:
    path = Path(stage) / SITE_DATA
    if not path.is_file():
        raise StageError(f"{path} is missing: run `python -m sitebuild prepare` first")
    return json.loads(path.read_text(encoding="utf-8"))["site"]


def share_engine(site_dir: Path, language_dir: str) -> list[Path]:
    """Remove a language folder's own copies of the engine's scripts (its pages load the
    main site's); return what was removed."""
    folder = Path(site_dir) / language_dir
    if not (folder / "index.html").is_file():
        raise StageError(f"{folder} holds no generated site (no index.html): build the language first")
    scripts = folder / "assets" / "javascripts"
    removed = sorted({path for pattern in ENGINE_SCRIPTS for path in scripts.glob(pattern) if path.is_file()})
    for path in removed:
        path.unlink()
    return removed


def finish(site_dir: Path, stage: Path, language_dirs: tuple[str, ...] = ()) -> dict:
    """Finish the generated site in ``site_dir``, with the languages built into its
    sub-folders ``language_dirs``; return what was written (for the log)."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise StageError(f"{site_dir} holds no generated site (no index.html): run the generator first")
    site = load_site_data(stage)
    marked = {}
    for language_dir in language_dirs:
        share_engine(site_dir, language_dir)
        note = load_site_data(language_stage(stage, language_dir))["text"]["translation"]["english_only"]
        marked[language_dir] = other_language.mark_language_folder(
            site_dir, language_dir, set(language_dirs), note, site["lang"],
            site.get("root_path", "/"), bool(site.get("site_url")))
    fixed = fix_theme_files(site_dir) + fix_theme_scripts(site_dir)
    try:
        written = pyodide_assets.build_pyodide_assets(ROOT, site_dir / "assets" / "pyodide")
        pyodide_assets.check_worker_import(site_dir / "assets" / "javascripts" / "selfcheck-worker.js", written["version"])
    except pyodide_assets.AssetBuildError as error:
        raise StageError(str(error)) from None
    try:
        # The inline scripts allowed: the theme's known ones and the templates' own, read
        # from the stage's copy of the templates the generator used.
        allowed = inline_scripts.AllowedScripts(Path(stage) / "overrides")
        headers = security_headers.write_header_files(
            ROOT, site_dir, site["frame_ancestors"], site["clinic"].get("embed_origins"), language_dirs,
            allowed=allowed, site=site,
        )
    except security_headers.SecurityHeadersError as error:
        raise StageError(str(error)) from None
    # After every step that writes files: .br and .gz copies for nginx's brotli_static and
    # gzip_static (cached by content in build/precompressed/, so a rebuild is quick).
    copies = precompress.precompress_site(site_dir, ROOT / "build" / "precompressed")
    return {"theme_fixes": fixed, "pyodide": written, "headers": headers, "precompressed": copies,
            "marked_english_links": marked}
