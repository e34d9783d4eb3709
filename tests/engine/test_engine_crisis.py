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
