"""The self-hosted Pyodide: only what runs is copied, the wheel is reproducible, and the
lockfile's sha256 matches the wheel it names (Pyodide refuses the wheel otherwise)."""

import hashlib
import json
import zipfile

import pytest

from sitebuild import pyodide_assets
from sitebuild.pyodide_assets import AssetBuildError, RUNTIME_FILES

from ..conftest import ROOT


NPM_VERSION = json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]


@pytest.fixture(scope="module")
def assets(tmp_path_factory):
    written = pyodide_assets.build_pyodide_assets(ROOT, tmp_path_factory.mktemp("assets") / "pyodide")
    return written["dir"], written


def test_runtime_sits_in_a_folder_named_after_the_pinned_version(assets):
    dest, written = assets
    assert written["version"] == NPM_VERSION and dest.name == NPM_VERSION


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_only_the_runtime_that_runs_is_copied(assets):
    dest, written = assets
    names = sorted(p.name for p in dest.iterdir())
    assert names == sorted([*RUNTIME_FILES, written["stdlib"].name, "pyodide-lock.json", written["wheel"].name])
    assert "python_stdlib.zip" not in names  # the full library (2.5 MB) is never shipped


def test_lockfile_lists_only_the_selfcheck_wheel_with_its_real_hash(assets):
    dest, written = assets
    lock = json.loads((dest / "pyodide-lock.json").read_text())
    npm_info = json.loads((ROOT / "node_modules/pyodide/pyodide-lock.json").read_text())["info"]
    assert lock["info"] == npm_info
    assert list(lock["packages"]) == ["selfcheck"]
    entry = lock["packages"]["selfcheck"]
    assert entry["file_name"] == written["wheel"].name
    assert entry["sha256"] == sha256(written["wheel"])
    assert entry["depends"] == [] and entry["imports"] == ["selfcheck"]


def test_wheel_is_pure_python_and_holds_the_data_files(assets):
    _, written = assets
    assert written["wheel"].name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(written["wheel"]) as wheel:
        names = wheel.namelist()
    assert "selfcheck/__init__.py" in names
    assert "selfcheck/data/sources.toml" in names
    assert any(n.startswith("selfcheck/locales/") and n.endswith(".toml") for n in names)
    assert not any(n.endswith((".pyc", ".so")) for n in names)


def test_wheel_build_is_reproducible(tmp_path):
    first = pyodide_assets.build_wheel(ROOT, tmp_path / "one")
    second = pyodide_assets.build_wheel(ROOT, tmp_path / "two")
    assert sha256(first) == sha256(second)


def test_missing_npm_runtime_is_a_clear_error(tmp_path):
    with pytest.raises(AssetBuildError, match="npm ci"):
        pyodide_assets.copy_runtime(tmp_path, tmp_path / "out")


def test_the_worker_loads_the_pinned_version(tmp_path):
    worker = ROOT / "docs" / "assets" / "javascripts" / "selfcheck-worker.js"
    pyodide_assets.check_worker_import(worker, NPM_VERSION)  # the real worker agrees
    stale = tmp_path / "selfcheck-worker.js"
    stale.write_text('import { loadPyodide } from "../pyodide/0.27.0/pyodide.mjs";\n'
                     f'const PYODIDE = new URL("../pyodide/{NPM_VERSION}/", import.meta.url);\n')
    with pytest.raises(AssetBuildError, match=r"must load Pyodide from \.\./pyodide/.*uses \.\./pyodide/0\.27\.0/"):
        pyodide_assets.check_worker_import(stale, NPM_VERSION)


def test_the_built_worker_loads_the_trimmed_library_by_its_name(tmp_path):
    worker = tmp_path / "javascripts" / "selfcheck-worker.js"
    worker.parent.mkdir()
    source = (ROOT / "docs" / "assets" / "javascripts" / "selfcheck-worker.js").read_text()
    worker.write_text(source)
    written = pyodide_assets.build_pyodide_assets(ROOT, tmp_path / "pyodide")
    built = worker.read_text()
    assert f'const STDLIB_ZIP = "{written["stdlib"].name}";' in built
    assert "stdLibURL: new URL(STDLIB_ZIP, PYODIDE)" in built
    assert built.replace(written["stdlib"].name, "python_stdlib.zip") == source  # nothing else changed


def test_a_worker_without_the_stdlib_line_is_a_clear_error(tmp_path):
    worker = tmp_path / "selfcheck-worker.js"
    worker.write_text('const STDLIB = "x.zip";\n')
    with pytest.raises(AssetBuildError, match="must hold the line `const STDLIB_ZIP"):
        pyodide_assets.write_worker_stdlib(worker, tmp_path / "python_stdlib.0123.zip")


def test_pages_that_preload_the_engine_name_the_pinned_version(tmp_path):
    site = tmp_path / "site"
    (site / "self-check").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")
    page = site / "self-check" / "index.html"
    page.write_text(f'<link rel="preload" href="../assets/pyodide/{NPM_VERSION}/pyodide.asm.wasm" as="fetch" crossorigin>')
    pyodide_assets.check_page_paths(site, NPM_VERSION)
    page.write_text('<link rel="preload" href="../assets/pyodide/0.27.0/pyodide.asm.wasm" as="fetch" crossorigin>')
    with pytest.raises(AssetBuildError, match=r"self-check/index\.html uses assets/pyodide/0\.27\.0/"):
        pyodide_assets.build_pyodide_assets(ROOT, site / "assets" / "pyodide")
