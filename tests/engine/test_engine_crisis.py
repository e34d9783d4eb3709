"""Crisis lines: shape, contents per country (facts.md section 6), fallbacks."""

from __future__ import annotations

import pytest

from selfcheck import crisis, lines_for

KEYS = {"id", "name", "number", "tel", "how", "url", "emergency", "description"}


@pytest.mark.parametrize("country", ["US", "GB", "CA", "AU"])
def test_shape(country):
    lines = lines_for(country)
    assert lines
    for line in lines:
        assert set(line) == KEYS
        assert isinstance(line["how"], list) and set(line["how"]) <= {"call", "text", "chat"} and line["how"]
        assert line["tel"].isdigit()
        assert line["description"] and line["number"] in line["description"].replace("9-8-8", "988")
        assert line["url"] is None or line["url"].startswith("https://")
        if "chat" in line["how"]:
            assert line["url"]
    # The emergency number is there, exactly once, and shown after the helplines.
    assert [line["emergency"] for line in lines].count(True) == 1
    assert lines[-1]["emergency"] is True


def test_numbers_per_country():
    def numbers(c):
        return [(line["number"], line["emergency"]) for line in lines_for(c)]

    assert numbers("US") == [("988", False), ("911", True)]
    assert numbers("GB") == [("116 123", False), ("111", False), ("999", True)]
    assert numbers("CA") == [("988", False), ("911", True)]
    assert numbers("AU") == [("13 11 14", False), ("0477 13 11 14", False), ("000", True)]
    us = lines_for("US")[0]
    assert us["how"] == ["call", "text", "chat"] and us["url"] == "https://988lifeline.org"
    assert "option 2" in lines_for("GB")[1]["description"]
    assert "Press 3" not in " ".join(line["description"] for c in crisis.countries() for line in lines_for(c))


def test_aliases_and_case():
    assert lines_for("gb") == lines_for("UK") == lines_for("GB")
    assert lines_for() == lines_for("US")


@pytest.mark.parametrize("bad", ["FR", "", None, 1, "USA"])
def test_unknown_country(bad):
    with pytest.raises(ValueError):
        lines_for(bad)


def test_fresh_list_each_call():
    lines = lines_for("US")
    lines[0]["number"] = "000"
    lines.clear()
    assert lines_for("US")[0]["number"] == "988"


def test_language_falls_back_to_english():
    assert lines_for("US", "xx") == lines_for("US", "en")


CLINIC_LINES = [
    {"id": "clinic-1", "name": "Local Crisis Team", "number": "0800 000 0000", "tel": "08000000000",
     "how": ["call"], "url": None, "emergency": False, "description": "Call our local crisis team."},
    {"id": "clinic-2", "name": "Emergency services", "number": "999", "tel": "999",
     "how": ["call"], "url": None, "emergency": True, "description": "Call 999 in an emergency."},
]
IN_DANGER = {"phq9": [1, 1, 1, 1, 1, 1, 1, 1, 2], "safety_now": "yes",
             "antidepressant_trials": 0, "medical": ["none"]}


def test_a_clinics_own_crisis_lines_replace_the_countrys_in_results():
    from selfcheck import evaluate

    result = evaluate(IN_DANGER, {"crisis_lines": CLINIC_LINES})
    assert [line["id"] for line in result["crisis_lines"]] == ["clinic-2", "clinic-1"]  # emergency first
    assert result["next_steps"][:2] == ["Call 999 in an emergency.", "Call our local crisis team."]
    assert not any("988" in step for step in result["next_steps"])


@pytest.mark.parametrize("bad", [[], "988", [{"name": "X"}], [{**CLINIC_LINES[0], "emergency": "no"}]])
def test_malformed_crisis_lines_setting_is_a_settings_error(bad):
    from selfcheck import evaluate
    from selfcheck.settings import SettingsError

    with pytest.raises(SettingsError, match="settings.crisis_lines"):
        evaluate(IN_DANGER, {"crisis_lines": bad})
