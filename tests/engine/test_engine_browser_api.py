"""selfcheck.browser: what the page's worker calls. JSON text in and out, and never an
exception, whatever it is given (a bug becomes {"ok": false, "fatal": true})."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfcheck
from selfcheck import browser

FORM = {f"phq9-{n}": "1" for n in range(1, 10)} | {"safety_now": "no", "antidepressant_trials": "2",
                                                    "medical": ["none"], "age_group": "18-64"}
SETTINGS = {"lang": "en", "country": "GB", "clinic": {"name": "Example Clinic", "phone": "020 7946 0321"}}


@pytest.fixture(autouse=True)
def _fresh_engine():
    browser._engine = None
    yield
    browser._engine = None


def test_setup_then_evaluate_gives_the_engines_result():
    assert json.loads(browser.setup(json.dumps(SETTINGS))) == {"type": "ready"}
    reply = json.loads(browser.evaluate(json.dumps(FORM), "2026-12-06"))
    assert reply["ok"] is True
    assert reply["result"] == selfcheck.evaluate_form(FORM, SETTINGS, today="2026-12-06")
    assert reply["result"]["card"]["print"]["date"] == "6 December 2026"


def test_bad_settings_fail_setup_with_the_reason_and_evaluate_stays_fatal():
    reply = json.loads(browser.setup(json.dumps({"country": "FR"})))
    assert reply == {"type": "failed", "reason": "settings"}
    assert json.loads(browser.evaluate(json.dumps(FORM), None)) == {"ok": False, "fatal": True}


@pytest.mark.parametrize("settings_json", ["{", "null", "[]", '{"clinic": {"phone": "abc"}}', "", None, 5])
def test_setup_never_raises(settings_json):
    reply = json.loads(browser.setup(settings_json))
    assert reply["type"] in ("ready", "failed")
    if settings_json == "null":
        assert reply == {"type": "ready"}  # no settings: the engine's defaults


def test_bad_answers_are_problems_for_a_patient():
    browser.setup("null")
    reply = json.loads(browser.evaluate(json.dumps({"phq9-1": "1"}), None))
    assert reply["ok"] is False and "fatal" not in reply
    assert reply["errors"] and all(p["text"] for p in reply["errors"])
    assert reply["more"] is None


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), st.binary(max_size=50), st.none(), st.integers(),
                 st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                              lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=12), c, max_size=4),
                              max_leaves=20).map(json.dumps)),
       st.one_of(st.none(), st.text(max_size=12), st.integers()))
def test_evaluate_never_raises_and_always_answers_in_json(form_json, today):
    browser.setup("null")
    reply = json.loads(browser.evaluate(form_json, today))
    assert reply["ok"] in (True, False)
    if reply["ok"] is False:
        # Anything that is JSON is answered with problems a patient can read: "fatal" is
        # only for what the page never sends (text that is not JSON).
        try:
            json.loads(form_json)
        except (TypeError, ValueError):
            assert reply.get("fatal") is True or reply["errors"]
        else:
            assert "fatal" not in reply and reply["errors"]
            assert all(p["text"] for p in reply["errors"])
