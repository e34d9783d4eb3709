"""The trimmed standard library: exactly the measured modules, stored so the server's brotli
compresses across files, named by its content, and a build that stops when the engine
imports a module the list lacks (or the list was measured for another Pyodide)."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from sitebuild import stdlib_trim
from sitebuild.stdlib_trim import StdlibError

from ..conftest import ROOT

NPM = ROOT / "node_modules" / "pyodide"
FULL = NPM / "python_stdlib.zip"
META, MODULES = stdlib_trim.read_module_list()


@pytest.fixture(scope="module")
def trimmed(tmp_path_factory):
    return stdlib_trim.write_trimmed_stdlib(FULL, MODULES, tmp_path_factory.mktemp("stdlib"))


def test_the_list_was_measured_for_the_pinned_pyodide():
    import json

    version = json.loads((NPM / "package.json").read_text())["version"]
    stdlib_trim.check_measured_version(META, version)  # raises otherwise
    assert META["python"].startswith("3.")


def test_the_zip_holds_exactly_the_listed_modules_stored_from_the_npm_zip(trimmed):
    with zipfile.ZipFile(trimmed) as small, zipfile.ZipFile(FULL) as full:
        names = small.namelist()
        assert sorted(stdlib_trim.module_files(set(names))) == sorted(MODULES)
        assert len(names) == len(MODULES)
        for info in small.infolist():
            assert info.compress_type == zipfile.ZIP_STORED
            assert small.read(info) == full.read(info.filename)
    # The engine's direct needs and Pyodide's start-up are there; unused ones are not.
    assert {"json", "tomllib", "dataclasses", "encodings.utf_8", "pyodide", "_pyodide"} <= set(MODULES)
    assert not {"unittest", "sqlite3", "xml", "email.mime", "http.server", "idlelib"} & set(MODULES)


def test_the_name_carries_a_hash_of_the_content_and_the_bytes_are_reproducible(trimmed, tmp_path):
    digest = hashlib.sha256(trimmed.read_bytes()).hexdigest()[:12]
    assert trimmed.name == f"python_stdlib.{digest}.zip"
    again = stdlib_trim.write_trimmed_stdlib(FULL, MODULES, tmp_path)
    assert again.read_bytes() == trimmed.read_bytes()
    fewer = stdlib_trim.write_trimmed_stdlib(FULL, [m for m in MODULES if m != "tomllib._re"], tmp_path / "fewer")
    assert fewer.name != trimmed.name


def test_the_engine_needs_nothing_the_list_lacks():
    stdlib_trim.check_engine_imports(ROOT / "selfcheck", FULL, MODULES)


@pytest.mark.parametrize("dropped, importer", [
    ("tomllib", "selfcheck/"),          # the engine reads its locales with it
    ("tomllib._parser", "tomllib/__init__.py"),  # loaded by tomllib itself
    ("json.decoder", "json/__init__.py"),
])
def test_a_module_the_engine_loads_but_the_list_lacks_stops_the_build(dropped, importer):
    with pytest.raises(StdlibError, match=rf"lacks: {dropped.replace('.', r'\.')} \(imported by {importer}"):
        stdlib_trim.check_engine_imports(ROOT / "selfcheck", FULL, [m for m in MODULES if m != dropped])


def test_a_new_import_in_the_engine_stops_the_build(tmp_path):
    package = tmp_path / "selfcheck"
    package.mkdir()
    (package / "__init__.py").write_text("from . import money\n")
    (package / "money.py").write_text("def total(values):\n    import decimal\n    return sum(map(decimal.Decimal, values))\n")
    (package / "cli.py").write_text("import argparse\n")  # not reached by `import selfcheck`
    with pytest.raises(StdlibError, match=r"lacks: decimal \(imported by selfcheck/money\.py\)") as error:
        stdlib_trim.check_engine_imports(package, FULL, MODULES)
    assert "argparse" not in str(error.value)
    assert "stdlib_measure" in str(error.value)  # says how to fix it


def test_a_list_from_another_pyodide_stops_the_build(tmp_path):
    data = tmp_path / "stdlib-modules.txt"
    data.write_text(stdlib_trim.format_module_list("0.27.0", [3, 12, 7], MODULES))
    meta, modules = stdlib_trim.read_module_list(data)
    assert modules == sorted(MODULES)
    with pytest.raises(StdlibError, match=r"measured with Pyodide 0\.27\.0, but package\.json pins 314"):
        stdlib_trim.check_measured_version(meta, "314.0.7")


@pytest.mark.parametrize("text, message", [
    ("# pyodide 314.0.7\njson\nnot a module\n", "line 3: 'not a module' is not a module name"),
    ("json\n", "does not say which Pyodide"),
    ("# pyodide 314.0.7\n", "lists no modules"),
])
def test_a_broken_list_is_a_clear_error(tmp_path, text, message):
    data = tmp_path / "stdlib-modules.txt"
    data.write_text(text)
    with pytest.raises(StdlibError, match=message):
        stdlib_trim.read_module_list(data)


def test_a_listed_module_missing_from_the_npm_zip_is_a_clear_error(tmp_path):
    with pytest.raises(StdlibError, match="has no file for no_such_module"):
        stdlib_trim.write_trimmed_stdlib(FULL, [*MODULES, "no_such_module"], tmp_path)
