"""The package stays standard-library-only and browser-safe (Pyodide): no subprocess,
threads or sockets, no file writes, data read through importlib.resources, and every
data file matched by pyproject's package-data patterns."""

from __future__ import annotations

import ast
import fnmatch
import sys
import tomllib

from engine_helpers import ROOT

PACKAGE = ROOT / "selfcheck"
FORBIDDEN_MODULES = {"subprocess", "threading", "multiprocessing", "socket", "asyncio", "concurrent", "ctypes", "pathlib"}
# The command line is never loaded in the browser; it may touch file descriptors.
CLI_ONLY = {"cli.py", "__main__.py"}


def modules():
    return sorted(PACKAGE.glob("*.py"))


def imported(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_standard_library_only():
    for path in modules():
        for name in imported(ast.parse(path.read_text(encoding="utf-8"))):
            assert name in sys.stdlib_module_names or name == "selfcheck", f"{path.name} imports {name}"
            assert name not in FORBIDDEN_MODULES, f"{path.name} imports {name}"


def test_no_file_writes_and_no_file_paths():
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "__file__":
                raise AssertionError(f"{path.name}: use importlib.resources, not __file__")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                assert path.name in CLI_ONLY, f"{path.name} opens a file"
                modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
                assert modes and set(modes[0]) <= {"r", "b"}, f"{path.name}: open() must read only"
            if isinstance(node, ast.Attribute) and node.attr in {"write_text", "write_bytes", "mkdir", "unlink", "remove"}:
                raise AssertionError(f"{path.name} writes files ({node.attr})")


def test_data_files_are_packaged():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["selfcheck"]
    for path in PACKAGE.rglob("*"):
        if path.is_dir() or path.suffix in {".py", ".pyc"} or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(PACKAGE).as_posix()
        assert any(fnmatch.fnmatch(rel, p) for p in patterns), f"{rel} would be left out of the wheel"


def test_no_subpackages_left_out():
    # pyproject lists packages = ["selfcheck"] only: a sub-package would be missing from the wheel.
    assert not [p for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE]
