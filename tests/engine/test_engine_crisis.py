"""Crisis lines: shape, contents per country (facts.md section 6), fallbacks."""

from __future__ import annotations

import pytest

from selfcheck import crisis, lines_for

KEYS = {"id", "name", "number", "tel", "how", "url", "keyword", "emergency", "secondary", "description"}


LOCAL = {"id": "local-emergency", "name": "Or your local emergency number", "number": "", "tel": "",
         "how": [], "url": None, "keyword": None, "emergency": True, "secondary": False,
         "description": "If you are somewhere else, or cannot get through, call your local emergency number."}


@pytest.mark.parametrize("country", ["US", "GB", "CA", "AU"])
def test_shape(country):
    lines = lines_for(country)
    assert lines
    # Every list ends with "or your local emergency number": no number, never a link.
    assert lines[-1] == LOCAL
    for line in lines[:-1]:
        assert set(line) == KEYS
        assert isinstance(line["how"], list) and set(line["how"]) <= {"call", "text", "chat"} and line["how"]
        assert line["tel"].isdigit()
        assert line["description"] and line["number"] in line["description"].replace("9-8-8", "988")
        assert isinstance(line["secondary"], bool)
        assert line["url"] is None or line["url"].startswith("https://")
        if "chat" in line["how"]:
            assert line["url"]
    # The country's emergency number is there, exactly once, after the helplines.
    own = lines[:-1]
    assert [line["emergency"] for line in own].count(True) == 1
    assert own[-1]["emergency"] is True


def test_numbers_per_country():
    """Each number as facts-part2 section 12 (and facts.md section 6) give it."""
    def numbers(c):
        return [(line["number"], line["emergency"]) for line in lines_for(c)]

    assert numbers("US") == [("988", False), ("741741", False), ("911", True), ("", True)]
    assert numbers("GB") == [("116 123", False), ("85258", False), ("111", False), ("111", False),
                             ("0808 808 8000", False), ("999", True), ("", True)]
    # facts-part3 section 1 [V]: Kids Help Phone for young people; 9-1-1 is Canada's emergency number.
    assert numbers("CA") == [("988", False), ("1-800-668-6868", False), ("911", True), ("", True)]
    assert numbers("AU") == [("13 11 14", False), ("0477 13 11 14", False), ("000", True), ("", True)]
    us = lines_for("US")
    assert us[0]["how"] == ["call", "text", "chat"] and us[0]["url"] == "https://988lifeline.org"
    assert "HOME to 741741" in us[1]["description"] and us[1]["how"] == ["text"]
    gb = {line["id"]: line["description"] for line in lines_for("GB")}
    # All four nations: England and Wales (111 option 2), Scotland (NHS 24 on 111), Northern Ireland.
    assert "England or Wales" in gb["gb-nhs-111"] and "option 2" in gb["gb-nhs-111"]
    assert "Scotland" in gb["gb-nhs-24"] and "NHS 24 on 111" in gb["gb-nhs-24"]
    assert "Northern Ireland" in gb["gb-lifeline-ni"]
    assert "Text" in gb["gb-shout"]
    # The other nations' lines come after the main ones, under "Other helplines".
    assert [line["id"] for line in lines_for("GB") if line["secondary"]] == ["gb-nhs-24", "gb-lifeline-ni"]
    assert "young people" in {line["id"]: line["description"] for line in lines_for("CA")}["ca-kids-help-phone"]
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

    result = evaluate(IN_DANGER, {"country": "GB", "crisis_lines": CLINIC_LINES})
    # The clinic's own lines in its order, then the country's emergency line (the clinic's
    # 999 is the same number, so it is said once), then the local emergency number.
    assert [line["id"] for line in result["crisis_lines"]] == ["clinic-1", "gb-999", "local-emergency"]
    assert result["next_steps"][0] == (
        "Now, call 999, or contact one of these: Local Crisis Team on 0800 000 0000. "
        "Or call your local emergency number.")
    assert not any("988" in step for step in result["next_steps"])
    # An urgent result does not repeat the lines' descriptions.
    descriptions = {line["description"] for line in result["crisis_lines"]}
    assert not descriptions & set(result["next_steps"])


def test_a_list_already_ending_with_the_local_line_gets_it_once():
    from selfcheck import evaluate

    lines = crisis.with_local_emergency(CLINIC_LINES)
    result = evaluate(IN_DANGER, {"country": "GB", "crisis_lines": lines})
    assert [line["id"] for line in result["crisis_lines"]] == ["clinic-1", "gb-999", "local-emergency"]
    assert crisis.with_local_emergency(lines) == lines


def test_a_clinic_list_without_an_emergency_line_is_refused():
    from selfcheck import evaluate
    from selfcheck.settings import SettingsError

    with pytest.raises(SettingsError, match="settings.crisis_lines must include at least one emergency line"):
        evaluate(IN_DANGER, {"crisis_lines": CLINIC_LINES[:1]})
    # The local-emergency entry alone does not count: it has no number.
    with pytest.raises(SettingsError, match="emergency line"):
        evaluate(IN_DANGER, {"crisis_lines": crisis.with_local_emergency(CLINIC_LINES[:1])})
    assert crisis.clinic_list_problems(CLINIC_LINES) == []
    assert crisis.clinic_list_problems([{"name": "X", "number": "1", "description": "d"}])
    assert crisis.clinic_list_problems([])


def test_the_site_build_stops_on_a_clinic_list_without_an_emergency_line():
    from sitebuild.clinic import ClinicSettingsError, load_clinic

    extra = {"clinic": {"crisis_lines": [{"name": "Samaritans", "number": "116 123", "description": "Call."}]}}
    with pytest.raises(ClinicSettingsError, match=r"extra\.clinic\.crisis_lines: must include at least one emergency line"):
        load_clinic(extra)
    extra["clinic"]["crisis_lines"].append({"name": "Emergency", "number": "999", "description": "Call 999.",
                                            "emergency": True})
    assert load_clinic(extra).crisis_lines


@pytest.mark.parametrize("bad", [[], "988", [{"name": "X"}], [{**CLINIC_LINES[0], "emergency": "no"}]])
def test_malformed_crisis_lines_setting_is_a_settings_error(bad):
    from selfcheck import evaluate
    from selfcheck.settings import SettingsError

    with pytest.raises(SettingsError, match="settings.crisis_lines"):
        evaluate(IN_DANGER, {"crisis_lines": bad})
