"""Clinic settings: a clinic's typo stops the build with a message naming the key."""

import pytest

from sitebuild.clinic import Clinic, ClinicSettingsError, load_clinic


def problems_for(clinic: dict) -> list[str]:
    with pytest.raises(ClinicSettingsError) as info:
        load_clinic({"clinic": clinic})
    return info.value.problems


def test_no_clinic_configured_gives_generic_us_defaults():
    clinic = load_clinic({})
    assert clinic == Clinic()
    data = clinic.as_template_data()
    assert data["configured"] is False and data["phone"] is None and data["country"] == "US"
    assert clinic.as_engine_settings("en") == {"lang": "en", "country": "US", "clinic": None}


def test_full_clinic_is_accepted_and_normalised():
    clinic = load_clinic({"clinic": {
        "name": " Example Clinic ", "phone": "+1 (555) 010-0000", "booking_url": "https://example.org/book",
        "address": "1 Example Street", "country": "GB",
        "reviewer": {"name": "Dr A", "credentials": "MD", "reviewed_on": "2026-11-01"},
        "frame_ancestors": ["https://clinic.example.org"],
    }})
    assert clinic.name == "Example Clinic"
    assert clinic.phone_href == "tel:+15550100000"
    assert clinic.country == "GB"
    assert clinic.frame_ancestors == ["https://clinic.example.org"]
    assert clinic.as_engine_settings("en")["clinic"]["name"] == "Example Clinic"


def test_empty_values_mean_not_set():
    clinic = load_clinic({"clinic": {"name": "", "phone": None, "country": "US"}})
    assert clinic.name is None and clinic.phone is None


@pytest.mark.parametrize(
    ("settings", "key", "expected"),
    [
        ({"name": "C", "phone": "call us"}, "extra.clinic.phone", "7 to 15 digits"),
        ({"name": "C", "phone": "12345"}, "extra.clinic.phone", "7 to 15 digits"),
        ({"name": "C", "booking_url": "http://example.org"}, "extra.clinic.booking_url", "https://"),
        ({"name": "C", "booking_url": "javascript:alert(1)"}, "extra.clinic.booking_url", "https://"),
        ({"country": "FR"}, "extra.clinic.country", "US, GB, CA, AU"),
        ({"colour": "red"}, "extra.clinic.colour", "unknown key"),
        ({"phone": "+1 555 010 0000"}, "extra.clinic.name", "missing"),
        ({"name": "C", "reviewer": {"name": "Dr A"}}, "extra.clinic.reviewer.credentials", "missing"),
        ({"name": "C", "reviewer": {"name": "Dr A", "credentials": "MD", "reviewed_on": "soon"}},
         "extra.clinic.reviewer.reviewed_on", "YYYY-MM-DD"),
        ({"frame_ancestors": "*"}, "extra.clinic.frame_ancestors", "https:// origins"),
        ({"crisis_lines": [{"name": "X", "number": "abc", "description": "d"}]},
         "extra.clinic.crisis_lines[0].number", "digits"),
        ({"crisis_lines": [{"name": "X", "number": "988", "description": "d", "how": ["fax"]}]},
         "extra.clinic.crisis_lines[0].how", "call, text, chat"),
        ({"author": "A. Writer"}, "extra.clinic.author", "mapping with name and credentials"),
        ({"author": {"name": "A. Writer"}}, "extra.clinic.author.credentials", "missing"),
        ({"author": {"name": "A. Writer", "credentials": "MA", "email": "a@example.org"}},
         "extra.clinic.author.email", "unknown key"),
        ({"author": {"name": "   ", "credentials": "MA"}}, "extra.clinic.author.name", "non-empty text"),
        ({"publisher": ["Example Group"]}, "extra.clinic.publisher", "non-empty text"),
        ({"publisher": "x" * 201}, "extra.clinic.publisher", "at most 200 characters"),
        ({"funding": 42}, "extra.clinic.funding", "non-empty text"),
        ({"funding": "x" * 1001}, "extra.clinic.funding", "at most 1000 characters"),
    ],
)
def test_a_wrong_setting_names_its_key_and_what_is_expected(settings, key, expected):
    problems = problems_for(settings)
    assert any(p.startswith(key + ":") and expected in p for p in problems), problems


def test_every_problem_is_reported_at_once():
    problems = problems_for({"name": "C", "phone": "x", "country": "XX", "oops": 1})
    assert len(problems) == 3
    message = str(ClinicSettingsError(problems))
    assert "extra.clinic.phone" in message and "extra.clinic.country" in message and "extra.clinic.oops" in message


def test_crisis_numbers_may_be_short():
    clinic = load_clinic({"clinic": {"crisis_lines": [
        {"name": "Emergency", "number": "000", "description": "Police, fire, ambulance", "emergency": True}]}})
    assert clinic.crisis_lines[0]["number"] == "000"


def test_a_clinics_own_crisis_lines_reach_the_engine_in_the_engines_shape():
    from sitebuild.context import crisis_lines
    from selfcheck import evaluate

    clinic = load_clinic({"clinic": {"country": "GB", "crisis_lines": [
        {"name": "Local Crisis Team", "number": "0800 000 0000", "description": "Call our team."},
        {"name": "Emergency", "number": "999", "description": "Call 999 in an emergency.", "emergency": True}]}})
    lines = crisis_lines(clinic, "en")
    settings = clinic.as_engine_settings("en", lines)
    assert settings["crisis_lines"][0]["tel"] == "08000000000"
    result = evaluate({"phq9": [0] * 8 + [1], "safety_now": "no", "antidepressant_trials": 0,
                       "medical": ["none"]}, settings)
    steps = " ".join(result["next_steps"])
    assert "Local Crisis Team" in steps and "0800 000 0000" in steps


def test_without_own_lines_the_engine_uses_the_countrys():
    assert "crisis_lines" not in load_clinic({"clinic": {"country": "CA"}}).as_engine_settings("en", [])


def test_without_publisher_author_or_funding_none_is_made_up():
    data = load_clinic({"clinic": {"country": "GB"}}).as_template_data()
    assert data["publisher"] is None and data["author"] is None and data["funding"] is None


def test_the_publisher_is_the_clinic_unless_another_is_named():
    assert load_clinic({"clinic": {"name": "Example Clinic"}}).publisher == "Example Clinic"
    named = load_clinic({"clinic": {"name": "Example Clinic", "publisher": " Example Health Group "}})
    assert named.publisher == "Example Health Group"
    # A publisher needs no clinic name: a charity may publish the site without a clinic.
    assert load_clinic({"clinic": {"publisher": "A Charity"}}).publisher == "A Charity"


def test_author_and_funding_reach_the_templates_and_the_json_ld():
    from sitebuild.page_meta import json_ld

    clinic = load_clinic({"clinic": {
        "name": "Example Clinic", "author": {"name": " A. Writer ", "credentials": "Health writer, MA"},
        "funding": " The clinic pays for this site. ",
    }})
    data = clinic.as_template_data()
    assert data["author"] == {"name": "A. Writer", "credentials": "Health writer, MA"}
    assert data["funding"] == "The clinic pays for this site."
    ld = json_ld({"title": "T"}, {"last_iso": "2026-11-22"}, data, {}, "en")
    assert ld["author"] == {"@type": "Person", "name": "A. Writer", "description": "Health writer, MA"}
    assert ld["publisher"] == {"@type": "Organization", "name": "Example Clinic"}
    assert "reviewedBy" not in ld
    bare = json_ld({"title": "T"}, {"last_iso": "2026-11-22"}, Clinic().as_template_data(), {}, "en")
    assert "author" not in bare and "publisher" not in bare and "reviewedBy" not in bare


# --- version 3: the clinic's interest, and the crisis lines after a clinic's list -------

def test_the_clinics_interest_reaches_the_templates_and_the_engine():
    clinic = load_clinic({"clinic": {"name": "Example Clinic", "interest": " We offer ketamine treatment. "}})
    assert clinic.interest == "We offer ketamine treatment."
    assert clinic.as_template_data()["interest"] == "We offer ketamine treatment."
    settings = clinic.as_engine_settings("en")
    assert settings["clinic"]["interest"] == "We offer ketamine treatment."
    assert settings["clinic"]["publisher"] == "Example Clinic"
    # A publisher without a clinic name: no clinic to call, but the disclosure still names it.
    charity = load_clinic({"clinic": {"publisher": "A Charity"}}).as_engine_settings("en")
    assert charity["clinic"] == {"name": None, "publisher": "A Charity", "interest": None}


@pytest.mark.parametrize(("interest", "says"), [
    ("We offer\nketamine treatment.", "one line"),
    ("x" * 201, "at most 200 characters"),
    (["We offer ketamine."], "non-empty text"),
])
def test_a_bad_interest_names_its_key(interest, says):
    problems = problems_for({"name": "C", "interest": interest})
    assert any(p.startswith("extra.clinic.interest") and says in p for p in problems), problems


@pytest.mark.parametrize("number", ["", "12", "  ", "99"])
def test_an_empty_or_too_short_crisis_number_stops_the_build(number):
    lines = [{"name": "Emergency", "number": number, "description": "Call.", "emergency": True}]
    problems = problems_for({"crisis_lines": lines})
    assert any(p.startswith("extra.clinic.crisis_lines[0].number") for p in problems), problems


def test_after_a_clinics_list_the_countrys_emergency_line_is_always_shown():
    """Review R2/K04: the clinic's office number marked emergency is listed as a helpline,
    and the country's emergency number follows the clinic's list (the site and the engine)."""
    from sitebuild.context import crisis_lines

    import selfcheck

    clinic = load_clinic({"clinic": {"name": "Example Clinic", "country": "GB", "crisis_lines": [
        {"name": "Samaritans", "number": "116 123", "description": "Free, any time."},
        {"name": "Our clinic (office hours)", "number": "020 7946 0321", "description": "9 to 5.", "emergency": True}]}})
    lines = crisis_lines(clinic, "en")
    assert [(line["id"], line["number"], line["emergency"]) for line in lines] == [
        ("clinic-1", "116 123", False), ("clinic-2", "020 7946 0321", False), ("gb-999", "999", True),
        ("local-emergency", "", True)]
    groups = selfcheck.crisis.grouped(lines, "en")
    assert groups["emergency_action"]["text"] == "Call 999"
    result = selfcheck.evaluate({"phq9": [1] * 8 + [2], "safety_now": "yes", "antidepressant_trials": 0,
                                 "medical": ["none"]}, clinic.as_engine_settings("en", lines))
    assert result["card"]["emergency_action"] == groups["emergency_action"]
    assert result["next_steps"][0].startswith("Now, call 999, or contact one of these: Samaritans on 116 123")


def test_settings_the_engine_would_refuse_stop_the_build():
    from sitebuild.context import engine_settings

    clinic = load_clinic({"clinic": {"name": "Line one\nline two"}})  # the build's text check allows it
    with pytest.raises(ClinicSettingsError, match=r"extra\.clinic\.name must be one line"):
        engine_settings(clinic, "en", [])
