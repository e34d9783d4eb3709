"""The trimmed standard library (sitebuild/stdlib_trim.py) in the browser: the site's
python_stdlib.<hash>.zip, as built, runs every request the engine can get (every vignette
as answers and as form values, every kind of bad answer and bad settings, malformed JSON,
every country's crisis lines, the questionnaire and the rules in every language), and each
gives the same kind of reply as the engine on this machine. A module missing from the zip
makes a request fail with ModuleNotFoundError here, before it can reach a patient.

(The self-check page's own tests, vignettes and printing run on the same zip too: the built
worker loads it.)"""

from __future__ import annotations

import pytest

from sitebuild import stdlib_measure

pytestmark = pytest.mark.browser


def test_every_request_runs_on_the_trimmed_library_as_on_the_host(built_site, browser):
    zips = sorted((built_site / "assets" / "pyodide").glob("*/python_stdlib.*.zip"))
    assert len(zips) == 1, zips
    result = stdlib_measure.measure(zips[0], browser)
    replies = result["replies"]
    missing = [line for line in replies["stderr"] if "ModuleNotFoundError" in line or "No module named" in line]
    assert not missing
    # The worker's import of every module happened in the browser, from the trimmed zip.
    assert result["files"] and all(not f.startswith("/") for f in result["files"])
    # The worker's calls (selfcheck.browser's setup, then evaluate) on this machine's CPython.
    expected = {"ok": 0, "errors": 0, "fatal": 0}
    for form, settings, today in stdlib_measure.cases()["forms"]:
        expected[stdlib_measure.host_reply(form, settings, today)] += 1
    assert {k: replies[k] for k in expected} == expected
    assert expected["ok"] >= 60 and expected["errors"] and expected["fatal"]
