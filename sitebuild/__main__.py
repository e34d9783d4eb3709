"""The build's command line: prepare, generate, finish.

    python -m sitebuild prepare [-f mkdocs.yml] [--stage build/stage] [--today YYYY-MM-DD]
                                [--strict-review]
    python -m sitebuild finish SITE_DIR [--stage build/stage] [--language-dir es ...]
    python -m sitebuild build [-f mkdocs.yml] [-d site] [--generator mkdocs|zensical]
                              [--language mkdocs.es.yml ...] [--today YYYY-MM-DD]
                              [--strict-review]
    python -m sitebuild serve [-f mkdocs.yml] [--port 8000]
    python -m sitebuild review-due [-f mkdocs.yml] [--today YYYY-MM-DD] [--within 30]

``build`` runs the three steps in order, for every language of the site: English into
the site's root, each translation that ``extra.clinic.languages`` names (``[en, es]`` by
default) into a sub-folder named by its language (site/es/, from docs-es/), and each
``--language`` config (one that INHERITs mkdocs.yml and sets ``theme.language``, the nav's
titles and the pages) likewise; all share the main site's engine and Pyodide runtime.
``serve`` builds, serves the finished folder at http://127.0.0.1:PORT/ and rebuilds when
a source changes. ``--today`` is the build's date (default: the real date): a page past its
``next_review`` on that date is built with a notice saying so and one line on standard
error, or, with ``--strict-review``, stops the build. ``review-due`` lists the pages overdue
or due within ``--within`` days and exits 1 when any is overdue. A problem in the project's
settings or pages prints one message naming it and exits 2; never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import review_due
from .context import load_site_text
from .finish import finish, language_stage
from .languages import LanguageError, site_languages
from .page_meta import PageMetaError
from .stage import ROOT, StageError, load_config, prepare

GENERATORS = ("mkdocs", "zensical")
# What `serve` watches: the pages, the templates, the engine (questions, rules, sources)
# and the build steps themselves.
WATCHED = ("docs", "docs-es", "overrides", "selfcheck", "sitebuild", "mkdocs.yml")


def _bin(name: str) -> str:
    """A tool from the same environment as this Python (.venv/bin), else from PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


def generate(generator: str, staged_config: Path, site_dir: Path) -> None:
    """Step 2: the generator turns the staged Markdown into HTML in ``site_dir``."""
    site_dir = Path(site_dir).resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if generator == "mkdocs":
        cmd = [_bin("mkdocs"), "build", "--strict", "--clean", "-f", str(staged_config), "-d", str(site_dir)]
    else:
        # Zensical has no -d and wants site_dir inside the project: it builds into the
        # stage's site/, which is then moved into place.
        cmd = [_bin("zensical"), "build", "--clean", "-f", str(staged_config)]
    result = subprocess.run(cmd, cwd=staged_config.parent, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise StageError(f"{generator} could not build the site:\n{result.stdout}{result.stderr}".rstrip())
    if generator == "zensical":
        if site_dir.exists():
            shutil.rmtree(site_dir)
        shutil.move(staged_config.parent / "site", site_dir)


def language_folder(language_config: Path, main_lang: str) -> str:
    """The sub-folder a language's config is built into: its ``theme.language``."""
    lang = str((load_config(language_config).get("theme") or {}).get("language") or "")
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang) or lang == main_lang:
        raise StageError(
            f"{language_config}: theme.language must be a language code (like es) other than the main "
            f"site's ({main_lang}), got {lang!r}"
        )
    return lang


def build(config: Path, site_dir: Path, stage: Path, generator: str = "mkdocs",
          languages: tuple[Path, ...] = (), *, today: dt.date, strict_review: bool = False) -> dict:
    """Every language of the site: the main config's, each translation its
    ``extra.clinic.languages`` names (``sitebuild.languages``), and each ``languages``
    config given with ``--language``; each translation into its own sub-folder."""
    main = load_config(config)
    main_lang = (main.get("theme") or {}).get("language", "en")
    for language_config in languages:
        language_folder(language_config, main_lang)  # checked first
    try:
        site_langs = site_languages(main, tuple(load_config(path) for path in languages))
    except LanguageError as error:
        raise StageError(str(error)) from None
    staged = prepare(config, stage, today=today, strict_review=strict_review, site_langs=site_langs)
    generate(generator, staged, site_dir)
    for language in site_langs[1:]:
        staged = prepare(language.config, language_stage(stage, language.folder), runtime_root="../",
                         today=today, strict_review=strict_review, site_langs=site_langs)
        generate(generator, staged, Path(site_dir) / language.folder)
    return finish(site_dir, stage, tuple(language.folder for language in site_langs[1:]))


def list_review_due(config: Path, today: dt.date, within: int) -> int:
    """`make review-due`: print the pages overdue or due soon; 1 when any is overdue."""
    loaded = load_config(config)
    text = load_site_text(ROOT, (loaded.get("theme") or {}).get("language", "en"))
    try:
        pages = review_due.schedule(Path(loaded["docs_dir"]), text["review"], text["dates"], today)
    except PageMetaError as error:
        raise StageError(str(error)) from None
    listing, any_overdue = review_due.report(pages, today, within)
    print(listing)
    return 1 if any_overdue else 0


def iso_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _snapshot() -> dict[str, float]:
    times = {}
    for name in WATCHED:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        times.update({str(p): p.stat().st_mtime for p in files})
    return times


def serve(config: Path, site_dir: Path, stage: Path, port: int, today: dt.date | None = None) -> None:
    """Build, serve ``site_dir`` on loopback, rebuild on change (no reload script: the
    site's CSP allows none; reload the page yourself). Each rebuild uses that day's date,
    unless ``today`` pins it."""

    def rebuild() -> None:
        started = time.monotonic()
        try:
            build(config, site_dir, stage, today=today or dt.date.today())
            print(f"Built {site_dir} in {time.monotonic() - started:.1f} s", flush=True)
        except StageError as error:
            print(f"Build failed: {error}", file=sys.stderr, flush=True)

    rebuild()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    handler.extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                              ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {site_dir} at http://127.0.0.1:{port}/ (rebuilds when a source changes; Ctrl+C stops)", flush=True)
    seen = _snapshot()
    try:
        while True:
            time.sleep(1)
            now = _snapshot()
            if now != seen:
                seen = now
                rebuild()
    except KeyboardInterrupt:
        server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("prepare", "finish", "build", "serve", "review-due"):
        p = sub.add_parser(name)
        if name != "review-due":
            p.add_argument("--stage", type=Path, default=ROOT / "build" / "stage", help="the staged copy (default build/stage)")
        if name != "finish":
            p.add_argument("--today", type=iso_day, help="the build's date, YYYY-MM-DD (default: today)")
        if name in ("prepare", "build"):
            p.add_argument("--strict-review", action="store_true",
                           help="stop on a page past its review date, instead of building it with a notice")
        if name == "review-due":
            p.add_argument("--within", type=int, default=review_due.DUE_SOON_DAYS,
                           help=f"also list pages due within this many days (default {review_due.DUE_SOON_DAYS})")
        if name == "finish":
            p.add_argument("site_dir", type=Path)
            p.add_argument("--language-dir", action="append", default=[],
                           help="a language built into this sub-folder (repeatable)")
        else:
            p.add_argument("-f", "--config-file", type=Path, default=ROOT / "mkdocs.yml")
        if name in ("build", "serve"):
            p.add_argument("-d", "--site-dir", type=Path, help="default: the config's site_dir, else site/")
        if name == "build":
            p.add_argument("--generator", choices=GENERATORS, default="mkdocs")
            p.add_argument("--language", action="append", type=Path, default=[],
                           help="a language's config, built into site/<its language>/ (repeatable)")
        if name == "serve":
            p.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    # The one place the real date is read: everything below takes it as a parameter.
    today = getattr(args, "today", None) or dt.date.today()
    try:
        if args.command in ("build", "serve") and args.site_dir is None:
            args.site_dir = load_config(args.config_file).get("site_dir", ROOT / "site")
        if args.command == "prepare":
            print(prepare(args.config_file, args.stage, today=today, strict_review=args.strict_review))
        elif args.command == "finish":
            finish(args.site_dir, args.stage, tuple(args.language_dir))
        elif args.command == "build":
            build(args.config_file, args.site_dir, args.stage, args.generator, tuple(args.language),
                  today=today, strict_review=args.strict_review)
        elif args.command == "review-due":
            return list_review_due(args.config_file, today, args.within)
        else:
            serve(args.config_file, args.site_dir, args.stage, args.port, args.today)
    except StageError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
