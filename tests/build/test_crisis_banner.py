"""The crisis banner's numbers and the get-help page's countries, worked out from the
crisis data (sitebuild/crisis_help.py): every country the engine knows gives a number
to call and its emergency number; a clinic's own list is used as it is."""

from __future__ import annotations

import pytest

from selfcheck import crisis
from sitebuild import crisis_help
from sitebuild.context import load_site_text
from tests.conftest import ROOT

TEXT = load_site_text(ROOT, "en")["crisis"]


@pytest.mark.parametrize(
    ("country", "first", "emergency"),
    [
        ("US", ("Call or text 988", "tel:988"), ("911 in an emergency", "tel:911")),
        ("GB", ("Call 116 123 (Samaritans)", "tel:116123"), ("999 in an emergency", "tel:999")),
        ("CA", ("Call or text 988", "tel:988"), ("911 in an emergency", "tel:911")),
        ("AU", ("Call 13 11 14 (Lifeline)", "tel:131114"), ("000 in an emergency", "tel:000")),
    ],
)
def test_each_country_banner_names_a_number_and_the_emergency_number(country, first, emergency):
    items = crisis_help.banner(crisis.lines_for(country, "en"), TEXT)
    assert [(i["text"], i["href"]) for i in items] == [first, emergency]
    assert [i["emergency"] for i in items] == [False, True]


def _line(name, number, how, emergency=False):
    return {"id": name, "name": name, "number": number, "tel": number.replace(" ", ""), "how": how,
            "url": None, "emergency": emergency, "description": "d"}


def test_a_clinic_list_is_used_in_its_own_order():
    lines = [
        _line("Chat only", "0800 000 000", ["chat"]),
        _line("Text Line", "85258", ["text"]),
        _line("Emergency services", "112", ["call"], emergency=True),
        _line("Other", "0800 111 222", ["call"]),
    ]
    items = crisis_help.banner(lines, TEXT)
    # The first line that can be called or texted; a text-only line links with sms:.
    assert [(i["text"], i["href"]) for i in items] == [
        ("Text 85258 (Text Line)", "sms:85258"),
        ("112 in an emergency", "tel:112"),
    ]


def test_the_local_emergency_line_is_never_the_banner_number():
    lines = [_line("Emergency services", "999", ["call"], emergency=True),
             {**_line("or your local emergency number", "", [], emergency=True), "tel": ""}]
    assert [(i["text"], i["href"]) for i in crisis_help.banner(lines, TEXT)] == [("999 in an emergency", "tel:999")]


def test_get_help_sections_start_with_the_configured_country():
    own = crisis.lines_for("GB", "en")
    sections = crisis_help.country_sections("uk", own, "en", TEXT)
    assert [s["code"] for s in sections] == ["GB"] + [c for c in crisis.countries() if c != "GB"]
    assert sections[0]["lines"] is own and sections[0]["configured"]
    assert all(s["name"] == TEXT["countries"][s["code"]] for s in sections)


def test_a_missing_country_name_is_named():
    text = {**TEXT, "countries": {k: v for k, v in TEXT["countries"].items() if k != "AU"}}
    with pytest.raises(crisis_help.CrisisHelpError, match=r"\[crisis.countries\] needs a name for AU"):
        crisis_help.country_sections("US", crisis.lines_for("US", "en"), "en", text)


def test_the_site_context_carries_the_engines_crisis_grouping():
    """Templates get the one decision of how crisis lines are shown (crisis.grouped), and a
    clinic's list is followed by its country's emergency number, in the banner too."""
    from sitebuild.context import site_context

    extra = {"clinic": {"name": "Example Clinic", "country": "GB", "crisis_lines": [
        {"name": "Example crisis team", "number": "0800 000 0000", "description": "Day and night."},
        {"name": "Our office", "number": "020 7946 0321", "description": "9 to 5.", "emergency": True}]}}
    site = site_context(ROOT, extra, "en")
    assert site["crisis_groups"] == crisis.grouped(site["crisis_lines"], "en")
    assert site["crisis_groups"]["emergency_action"]["href"] == "tel:999"
    assert [i["text"] for i in site["crisis_banner"]] == ["Call 0800 000 0000 (Example crisis team)",
                                                          "999 in an emergency"]
    default = site_context(ROOT, {}, "en")
    groups = default["crisis_groups"]["groups"]
    assert [line["id"] for line in groups[0]["lines"]] == ["us-988", "us-crisis-text-line"]
    assert groups[-1]["lines"][0]["id"] == "local-emergency"
