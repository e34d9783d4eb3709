"""A standard library for the self-check's Pyodide holding only the modules it loads.

Pyodide's ``python_stdlib.zip`` is 2.5 MB of deflated files (gzip gains nothing on it); the
engine and Pyodide's own start-up load about a quarter of its modules. The list of those
modules is DATA (``sitebuild/data/stdlib-modules.txt``), measured in the browser by
``python -m sitebuild.stdlib_measure``, never written by hand.

* ``write_trimmed_stdlib`` writes a zip of exactly those modules, taken from the npm
  package's zip. Its entries are STORED, not deflated, so the server's brotli or gzip
  compresses the whole file at once (much smaller than per-file deflate). Its name carries
  a hash of its content (``python_stdlib.<hash>.zip``): it is cached for a year, and a new
  module list must reach visitors under a new address.
* ``check_engine_imports`` stops the build when the engine imports a standard-library
  module that the list lacks: every import in the ``selfcheck`` package (at any depth), and
  everything those modules import unconditionally when they load, transitively.
* ``check_measured_version``: the list was measured for one Pyodide version; after an
  upgrade the build asks for a new measurement.
"""

from __future__ import annotations

import ast
import hashlib
import zipfile
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "stdlib-modules.txt"
MEASURE_CMD = ".venv/bin/python -m sitebuild.stdlib_measure"
# 1980-01-01: the earliest a zip can record, so the same modules give the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class StdlibError(RuntimeError):
    """The trimmed standard library cannot be built safely; the message says why."""


# --- the data file ---------------------------------------------------------------------

def format_module_list(pyodide: str, python: list[int], modules: list[str]) -> str:
    head = [
        "# Standard-library modules the self-check loads in the browser: Pyodide's start-up,",
        "# the engine's import, every vignette, every bad-input path, the crisis lines, the",
        "# questionnaire and the rules. Measured by `" + MEASURE_CMD + "`;",
        "# do not edit by hand, re-run it. sitebuild/stdlib_trim.py builds the zip from it.",
        f"# pyodide {pyodide}",
        f"# python {'.'.join(map(str, python))}",
    ]
    return "\n".join(head + sorted(set(modules))) + "\n"


def read_module_list(path: Path = DATA_FILE) -> tuple[dict[str, str], list[str]]:
    """(header values such as {"pyodide": "314.0.7"}, module names) from the data file."""
    if not path.is_file():
        raise StdlibError(f"{path} is missing: measure it with `{MEASURE_CMD}`")
    meta: dict[str, str] = {}
    modules: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            words = line[1:].split()
            if len(words) == 2 and words[0] in ("pyodide", "python"):
                meta[words[0]] = words[1]
            continue
        if not all(part.isidentifier() for part in line.split(".")):
            raise StdlibError(f"{path.name} line {number}: {line!r} is not a module name")
        modules.append(line)
    if "pyodide" not in meta:
        raise StdlibError(f"{path.name} does not say which Pyodide it was measured with: re-run `{MEASURE_CMD}`")
    if not modules:
        raise StdlibError(f"{path.name} lists no modules: re-run `{MEASURE_CMD}`")
    return meta, modules


def check_measured_version(meta: dict[str, str], version: str) -> None:
    if meta.get("pyodide") != version:
        raise StdlibError(
            f"sitebuild/data/stdlib-modules.txt was measured with Pyodide {meta.get('pyodide')}, but "
            f"package.json pins {version}: its standard library may differ. Re-measure with `{MEASURE_CMD}`."
        )


# --- modules and files in the npm zip --------------------------------------------------

def module_files(names: set[str]) -> dict[str, str]:
    """Module name -> its file in the zip, for every .py file in ``names`` (zip paths)."""
    found = {}
    for name in names:
        if not name.endswith(".py"):
            continue
        parts = name[:-3].split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts and all(p.isidentifier() for p in parts):
            found[".".join(parts)] = name
    return found


def write_trimmed_stdlib(full_zip: Path, modules: list[str], dest_dir: Path) -> Path:
    """Write ``python_stdlib.<hash>.zip`` into ``dest_dir`` and return its path."""
    with zipfile.ZipFile(full_zip) as source:
        files = module_files(set(source.namelist()))
        missing = sorted(m for m in modules if m not in files)
        if missing:
            raise StdlibError(
                f"{full_zip.name} has no file for {', '.join(missing)} (listed in sitebuild/data/stdlib-modules.txt): "
                f"re-measure with `{MEASURE_CMD}`."
            )
        wanted = sorted({files[m] for m in modules})
        tmp = dest_dir / "python_stdlib.tmp.zip"
        dest_dir.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as out:
            for name in wanted:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.external_attr = 0o644 << 16
                out.writestr(info, source.read(name))
    digest = hashlib.sha256(tmp.read_bytes()).hexdigest()[:12]
    target = dest_dir / f"python_stdlib.{digest}.zip"
    tmp.replace(target)
    return target


# --- the static check ------------------------------------------------------------------

def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str | None:
    if not node.level:
        return node.module
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    return ".".join(base + ([node.module] if node.module else [])) or None


def _names(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, known: set[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    target = _absolute(node, module, is_package)
    if not target:
        return []
    # `from package import name`: name may be a submodule.
    return [target] + [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known]


def _catches_import_error(handlers: list[ast.ExceptHandler]) -> bool:
    for handler in handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if handler.type is None or any(isinstance(k, ast.Name) and k.id in ("ImportError", "ModuleNotFoundError", "Exception") for k in kinds):
            return True
    return False


def _load_time_imports(body: list[ast.stmt]):
    """Import statements that run whenever the module loads: top level, and in `try`
    blocks that do not fall back on ImportError. Not inside functions, classes or `if`
    (platform branches, TYPE_CHECKING): those run only on some paths, which the browser
    measurement covers."""
    for stmt in body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            yield stmt
        elif isinstance(stmt, ast.Try) and not _catches_import_error(stmt.handlers):
            yield from _load_time_imports(stmt.body)
            yield from _load_time_imports(stmt.finalbody)


def _every_import(tree: ast.AST):
    return [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]


def _with_parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def check_engine_imports(package_dir: Path, full_zip: Path, modules: list[str]) -> None:
    """Raise StdlibError naming each standard-library module the engine needs but the
    trimmed library lacks (with who imports it)."""
    with zipfile.ZipFile(full_zip) as source:
        files = module_files(set(source.namelist()))
        sources = {name: source.read(path) for name, path in files.items()}
    known = set(files)
    needed: dict[str, str] = {}  # module -> who imports it

    def add(name: str, by: str) -> None:
        for part in _with_parents(name):
            if part in known and part not in needed:
                needed[part] = by
                queue.append(part)

    queue: list[str] = []
    # The engine's own modules that `import selfcheck` reaches, with every import they make
    # (at any depth: a function's import runs when the function does).
    package = package_dir.name
    ours: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        ours[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    todo, seen = [package], set()
    while todo:
        module = todo.pop()
        if module in seen or module not in ours:
            continue
        seen.add(module)
        path = ours[module]
        where = path.relative_to(package_dir.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _every_import(tree):
            for name in _names(node, module, path.name == "__init__.py", known | set(ours)):
                if name.split(".")[0] == package:
                    todo.extend(_with_parents(name))
                else:
                    add(name, where)
    while queue:
        module = queue.pop()
        is_package = files[module].endswith("/__init__.py")
        try:
            tree = ast.parse(sources[module], filename=files[module])
        except SyntaxError:
            # Written for a newer Python than the host's. Its load-time imports are still
            # plain statements at the start of a line.
            tree = ast.Module(body=[
                stmt for line in sources[module].decode("utf-8").splitlines()
                if line.startswith(("import ", "from "))
                for stmt in _parse_line(line)
            ], type_ignores=[])
        for node in _load_time_imports(tree.body):
            for name in _names(node, module, is_package, known):
                add(name, files[module])
    missing = sorted(set(needed) - set(modules))
    if missing:
        raise StdlibError(
            "the self-check imports standard-library modules that the trimmed library lacks: "
            + "; ".join(f"{m} (imported by {needed[m]})" for m in missing)
            + f". Re-measure the list with `{MEASURE_CMD}` (it runs the engine in the browser)."
        )


def _parse_line(line: str) -> list[ast.stmt]:
    try:
        line = line.split("#")[0].strip()
        if line.endswith(("(", "\\")):  # a list of names continues on the next lines
            line = line[:-1].rstrip() + " *" if line.startswith("from ") else line[:-1]
        return ast.parse(line).body
    except SyntaxError:
        return []


def build_trimmed_stdlib(project_root: Path, npm_pyodide: Path, dest_dir: Path, version: str,
                         data_file: Path = DATA_FILE) -> Path:
    """Check the list against the pinned Pyodide and the engine's imports, then write the zip."""
    meta, modules = read_module_list(data_file)
    check_measured_version(meta, version)
    full_zip = npm_pyodide / "python_stdlib.zip"
    check_engine_imports(project_root / "selfcheck", full_zip, modules)
    return write_trimmed_stdlib(full_zip, modules, dest_dir)
