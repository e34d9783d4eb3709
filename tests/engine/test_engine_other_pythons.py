"""The engine gives the same results on every CPython >= 3.12 on this machine.

The tests above run on the project's own interpreter; the browser tests run the vignettes on
Pyodide's Python 3.14. This runs every vignette once more under each *other* CPython 3.12+
it finds (PATH and pyenv), in one process each, and compares the results byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine_helpers import ROOT, load_vignettes

# Evaluates every vignette with the selfcheck package from the repository (not installed).
SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
import selfcheck
answers = json.load(sys.stdin)
print(json.dumps([selfcheck.evaluate(a) for a in answers], sort_keys=True))
"""


def other_interpreters() -> list[str]:
    """Real paths of CPython >= 3.12 interpreters other than this one."""
    candidates = [shutil.which(f"python3.{minor}") for minor in range(12, 20)]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates += [str(p / "bin" / "python3") for p in sorted(pyenv_root.glob("3.1[2-9]*"))]
    found, seen = [], {os.path.realpath(sys.executable)}
    for candidate in filter(None, candidates):
        check = subprocess.run(
            [candidate, "-c", "import sys; print(sys.executable if sys.version_info >= (3, 12) else '')"],
            capture_output=True, text=True,
        )
        real = os.path.realpath(check.stdout.strip()) if check.returncode == 0 and check.stdout.strip() else None
        if real and real not in seen:
            seen.add(real)
            found.append(real)
    return found


INTERPRETERS = other_interpreters()


@pytest.mark.skipif(not INTERPRETERS, reason="no other CPython >= 3.12 on this machine")
@pytest.mark.parametrize("python", INTERPRETERS)
def test_vignettes_give_identical_results_on_another_python(python):
    answers = [v["answers"] for v in load_vignettes()]
    run = subprocess.run(
        [python, "-I", "-c", SCRIPT, str(ROOT)], input=json.dumps(answers),
        capture_output=True, text=True, cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    import selfcheck

    here = json.dumps([selfcheck.evaluate(a) for a in answers], sort_keys=True)
    assert run.stdout.strip() == here
