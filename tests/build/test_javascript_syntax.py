"""Every script the site ships parses as the browser will parse it (an ES module), checked
with Node in the fast lane: a syntax error in one module stops the whole self-check page
(no crisis panel, no engine), which otherwise only the browser tests would show."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from ..conftest import ROOT

SCRIPTS = sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js"))
NODE = shutil.which("node") or "node"  # the project installs Pyodide with Node's npm


def test_there_are_scripts():
    assert {p.name for p in SCRIPTS} >= {"selfcheck-page.js", "selfcheck-worker.js", "crisis.js"}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_the_script_parses_as_a_module(script):
    result = subprocess.run([NODE, "--input-type=module", "--check"], input=script.read_text(encoding="utf-8"),
                            capture_output=True, text=True)
    assert result.returncode == 0, f"{script.name}:\n{result.stderr}"


def test_the_check_finds_a_syntax_error():
    bad = "function f(a) { const a = 1; }\nexport { f };\n"
    result = subprocess.run([NODE, "--input-type=module", "--check"], input=bad, capture_output=True, text=True)
    assert result.returncode != 0 and "already been declared" in result.stderr
