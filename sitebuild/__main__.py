"""The build's command line: prepare, generate, finish.

    python -m sitebuild prepare [-f mkdocs.yml] [--stage build/stage]
    python -m sitebuild finish SITE_DIR [--stage build/stage] [--language-dir es ...]
    python -m sitebuild build [-f mkdocs.yml] [-d site] [--generator mkdocs|zensical]
                              [--language mkdocs.es.yml ...]
    python -m sitebuild serve [-f mkdocs.yml] [--port 8000]

``build`` runs the three steps in order; each ``--language`` config (one that INHERITs
mkdocs.yml and sets ``theme.language``, the nav's titles and the pages) is built into a
sub-folder named by its language, sharing the main site's engine and Pyodide runtime.
``serve`` builds, serves the finished folder at http://127.0.0.1:PORT/ and rebuilds when
a source changes. A problem in the project's
settings or pages prints one message naming it and exits 2; never a traceback.
"""

from __future__ import annotations

import argparse
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

from .finish import finish
from .stage import ROOT, StageError, load_config, prepare

GENERATORS = ("mkdocs", "zensical")
# What `serve` watches: the pages, the templates, the engine (questions, rules, sources)
# and the build steps themselves.
WATCHED = ("docs", "overrides", "selfcheck", "sitebuild", "mkdocs.yml")


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
          languages: tuple[Path, ...] = ()) -> dict:
    main_lang = (load_config(config).get("theme") or {}).get("language", "en")
    folders = [language_folder(language_config, main_lang) for language_config in languages]  # checked first
    staged = prepare(config, stage)
    generate(generator, staged, site_dir)
    for language_config, folder in zip(languages, folders):
        staged = prepare(language_config, Path(stage).with_name(f"{Path(stage).name}-{folder}"), runtime_root="../")
        generate(generator, staged, Path(site_dir) / folder)
    return finish(site_dir, stage, tuple(folders))


def _snapshot() -> dict[str, float]:
    times = {}
    for name in WATCHED:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        times.update({str(p): p.stat().st_mtime for p in files})
    return times


def serve(config: Path, site_dir: Path, stage: Path, port: int) -> None:
    """Build, serve ``site_dir`` on loopback, rebuild on change (no reload script: the
    site's CSP allows none; reload the page yourself)."""

    def rebuild() -> None:
        started = time.monotonic()
        try:
            build(config, site_dir, stage)
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
    for name in ("prepare", "finish", "build", "serve"):
        p = sub.add_parser(name)
        p.add_argument("--stage", type=Path, default=ROOT / "build" / "stage", help="the staged copy (default build/stage)")
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
    try:
        if args.command in ("build", "serve") and args.site_dir is None:
            args.site_dir = load_config(args.config_file).get("site_dir", ROOT / "site")
        if args.command == "prepare":
            print(prepare(args.config_file, args.stage))
        elif args.command == "finish":
            finish(args.site_dir, args.stage, tuple(args.language_dir))
        elif args.command == "build":
            build(args.config_file, args.site_dir, args.stage, args.generator, tuple(args.language))
        else:
            serve(args.config_file, args.site_dir, args.stage, args.port)
    except StageError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
