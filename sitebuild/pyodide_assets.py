"""Put a self-hosted Pyodide and the self-check wheel into the built site.

Three steps, each a plain function of paths so any generator (MkDocs today, Zensical later)
can call them:

1. ``copy_runtime``: copy only the Pyodide files that run (module loader, wasm) from the
   pinned npm package. No source maps, consoles or type definitions. The standard library
   is a trimmed copy holding only the modules the self-check loads
   (``python_stdlib.<hash>.zip``, by ``sitebuild.stdlib_trim``); its name is written into
   the built worker (``write_worker_stdlib``), which passes it to ``loadPyodide({stdLibURL})``.
2. ``build_wheel``: build the pure-Python ``selfcheck`` wheel with ``python -m build``,
   reproducibly (fixed SOURCE_DATE_EPOCH), from a clean copy of the package so stale
   ``build/`` folders can never leak old files into it.
3. ``write_lockfile``: a ``pyodide-lock.json`` holding only what the site loads (the
   self-check wheel, with its sha256), made with ``pyodide lockfile add-wheels``. Pyodide's
   ``loadPackage`` checks that hash, so the lockfile is rewritten on every build.

Everything goes into a folder named after the Pyodide version (``assets/pyodide/314.0.7/``):
the runtime's file names never change between versions, and servers cache them for a year,
so an upgrade must reach visitors under new addresses. The worker imports Pyodide from that
folder; ``check_worker_import`` stops the build if the two ever disagree.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import stdlib_trim

# The files pyodide.mjs needs at run time, besides the standard library (trimmed, see
# sitebuild/stdlib_trim.py). Everything else in the npm package (console pages, .d.ts,
# source maps, the classic pyodide.js) is left out.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
FULL_STDLIB = "python_stdlib.zip"
# In the worker's source: the standard library's file name, replaced in the built copy.
WORKER_STDLIB = 'const STDLIB_ZIP = "python_stdlib.zip";'

# 1980-01-01, the earliest time a zip file can record: same sources, same wheel bytes.
SOURCE_DATE_EPOCH = "315532800"


class AssetBuildError(RuntimeError):
    """A build step failed; the message says which and why."""


def copy_runtime(npm_pyodide: Path, dest: Path, names: tuple[str, ...] = RUNTIME_FILES) -> list[Path]:
    missing = [name for name in names if not (npm_pyodide / name).is_file()]
    if missing:
        raise AssetBuildError(
            f"Pyodide runtime files missing from {npm_pyodide}: {', '.join(missing)}. "
            "Run `npm ci` (make does this) to install the pinned npm package."
        )
    dest.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in names:
        target = dest / name
        shutil.copyfile(npm_pyodide / name, target)
        copied.append(target)
    return copied


def _run(cmd: list[str], what: str, **kwargs) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise AssetBuildError(f"{what} failed ({' '.join(cmd)}):\n{result.stdout}\n{result.stderr}")


def build_wheel(project_root: Path, out_dir: Path, package: str = "selfcheck") -> Path:
    """Build the package's wheel into ``out_dir`` and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="selfcheck-wheel-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        shutil.copyfile(project_root / "pyproject.toml", src / "pyproject.toml")
        shutil.copytree(
            project_root / package,
            src / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
        # --no-isolation: use the pinned setuptools already in this environment, so the
        # build needs no network and gives the same bytes everywhere.
        _run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp, str(src)],
            "Building the selfcheck wheel",
            env=env,
        )
        wheels = sorted(Path(tmp).glob(f"{package}-*-py3-none-any.whl"))
        if len(wheels) != 1:
            raise AssetBuildError(f"expected one pure-Python {package} wheel, found {wheels}")
        target = out_dir / wheels[0].name
        shutil.copyfile(wheels[0], target)
    return target


def _pyodide_cli() -> str:
    cli = Path(sys.executable).parent / "pyodide"
    if not cli.exists():
        raise AssetBuildError(
            f"{cli} not found: install pyodide-lock[cli,wheel] and pyodide-cli "
            "(requirements.txt) into this Python >= 3.12 environment."
        )
    return str(cli)


def write_lockfile(npm_lockfile: Path, wheels: list[Path], dest: Path) -> Path:
    """Write ``dest`` (pyodide-lock.json) listing only ``wheels``, which must sit beside it."""
    base = json.loads(npm_lockfile.read_text(encoding="utf-8"))
    for wheel in wheels:
        if wheel.parent.resolve() != dest.parent.resolve():
            raise AssetBuildError(f"{wheel.name} must sit beside {dest.name}: the lockfile names it relatively")
    with tempfile.TemporaryDirectory(prefix="pyodide-lock-") as tmp:
        # Keep the runtime's own `info` (ABI, platform, Python) so Pyodide accepts the file,
        # but none of its 357 packages: the site loads only its own wheel.
        trimmed = Path(tmp) / "base-lock.json"
        trimmed.write_text(json.dumps({**base, "packages": {}}), encoding="utf-8")
        _run(
            [
                _pyodide_cli(), "lockfile", "add-wheels",
                "--input", str(trimmed),
                "--output", str(dest),
                "--base-path", str(dest.parent),
                *[str(w) for w in wheels],
            ],
            "Adding the wheel to pyodide-lock.json",
        )
    return dest


def pyodide_version(npm_pyodide: Path) -> str:
    try:
        return json.loads((npm_pyodide / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise AssetBuildError(
            f"cannot read the Pyodide version from {npm_pyodide / 'package.json'}: run `npm ci` (make does this)"
        ) from None


def check_worker_import(worker_js: Path, version: str) -> None:
    """Every path the worker uses into ``../pyodide/`` must name the pinned version."""
    source = worker_js.read_text(encoding="utf-8")
    paths = re.findall(r"\.\./pyodide/([^\"'`]*)", source)
    wrong = [p for p in paths if not p.startswith(version + "/")]
    if not paths or wrong:
        raise AssetBuildError(
            f"{worker_js.name} must load Pyodide from ../pyodide/{version}/ (the version pinned in "
            f"package.json), but uses {', '.join('../pyodide/' + p for p in wrong) or 'no such path'}: "
            "update the worker after upgrading Pyodide."
        )


def check_page_paths(site_dir: Path, version: str) -> None:
    """Every page that names a file under assets/pyodide/ (the self-check page preloads the
    engine) must name the pinned version's folder."""
    wrong = []
    for page in sorted(site_dir.rglob("*.html")):
        for folder in re.findall(r"assets/pyodide/([^/\"'`]+)/", page.read_text(encoding="utf-8")):
            if folder != version:
                wrong.append(f"{page.relative_to(site_dir).as_posix()} uses assets/pyodide/{folder}/")
    if wrong:
        raise AssetBuildError(
            f"pages must load Pyodide from assets/pyodide/{version}/ (the version pinned in package.json), but "
            + "; ".join(sorted(set(wrong))) + ": update overrides/selfcheck.html after upgrading Pyodide."
        )


def write_worker_stdlib(worker_js: Path, stdlib: Path) -> None:
    """Name the trimmed standard library in the built worker (its name carries a hash)."""
    source = worker_js.read_text(encoding="utf-8")
    if source.count(WORKER_STDLIB) != 1:
        raise AssetBuildError(
            f"{worker_js.name} must hold the line `{WORKER_STDLIB}` once: the build writes the trimmed "
            "standard library's name there."
        )
    worker_js.write_text(source.replace(WORKER_STDLIB, f'const STDLIB_ZIP = "{stdlib.name}";'), encoding="utf-8")


def build_pyodide_assets(project_root: Path, dest_parent: Path, worker_js: Path | None = None) -> dict:
    """All steps into ``dest_parent/<version>/`` (e.g. site/assets/pyodide/314.0.7).

    ``worker_js``, the built worker, defaults to ``<dest_parent>/../javascripts/selfcheck-worker.js``
    (where the site keeps it); when it exists, the trimmed library's name is written into it."""
    npm_pyodide = project_root / "node_modules" / "pyodide"
    version = pyodide_version(npm_pyodide)
    if dest_parent.exists():
        shutil.rmtree(dest_parent)
    dest = dest_parent / version
    runtime = copy_runtime(npm_pyodide, dest)
    if not (npm_pyodide / FULL_STDLIB).is_file():
        raise AssetBuildError(f"{npm_pyodide / FULL_STDLIB} is missing: run `npm ci` (make does this)")
    try:
        stdlib = stdlib_trim.build_trimmed_stdlib(project_root, npm_pyodide, dest, version)
    except stdlib_trim.StdlibError as error:
        raise AssetBuildError(str(error)) from None
    worker_js = worker_js or dest_parent.parent / "javascripts" / "selfcheck-worker.js"
    if worker_js.is_file():
        write_worker_stdlib(worker_js, stdlib)
    site_dir = dest_parent.parent.parent  # site/ when dest_parent is site/assets/pyodide
    if dest_parent.parent.name == "assets" and (site_dir / "index.html").is_file():
        check_page_paths(site_dir, version)
    wheel = build_wheel(project_root, dest)
    lockfile = write_lockfile(npm_pyodide / "pyodide-lock.json", [wheel], dest / "pyodide-lock.json")
    return {"dir": dest, "version": version, "runtime": runtime, "stdlib": stdlib, "wheel": wheel, "lockfile": lockfile}
