"""The result card (contract version 3): everything the page shows, decided in Python.

Properties over every valid answer set x country x (no clinic, a clinic with a phone and a
booking page, a clinic with its own crisis list), then the card's parts one by one.
"""

from __future__ import annotations

import re

import pytest
from engine_helpers import BANNED, ROOT, all_strings, answer_sets, valid_answers
from hypothesis import given, settings
from hypothesis import strategies as st

import selfcheck
from selfcheck import bibliography, card, crisis

COUNTRIES = ("US", "GB", "CA", "AU")
CLINIC = {"name": "Example Clinic", "phone": "+1 202 555 0143", "booking_url": "https://clinic.example/book",
          "address": "1 Example Street", "interest": "We offer ketamine treatment."}
# A clinic's own list whose only "emergency" line is its office number (review K04).
CLINIC_LINES = [
    {"id": "clinic-1", "name": "Example crisis team", "number": "0800 000 0000", "tel": "08000000000",
     "how": ["call", "text"], "url": None, "emergency": False, "description": "Our team, day and night."},
    {"id": "clinic-2", "name": "Example Clinic office", "number": "020 7946 0321", "tel": "02079460321",
     "how": ["call"], "url": None, "emergency": True, "description": "Our office, 9 to 5."},
]
SETUPS = ("no clinic", "clinic with booking", "clinic crisis list")
WORDS_ON_PAPER_ONLY = ("print",)  # the answers table is the person's own answers


def settings_for(country: str, setup: str) -> dict:
    out: dict = {"country": country}
    if setup != "no clinic":
        out["clinic"] = CLINIC
    if setup == "clinic crisis list":
        out["crisis_lines"] = CLINIC_LINES
    return out


def emergency_number(country: str) -> str:
    return next(line["number"] for line in crisis.lines_for(country) if line["emergency"] and line["number"])


def actions(value) -> list[dict]:
    """Every action anywhere in a card."""
    if isinstance(value, dict):
        found = [value] if {"kind", "text", "href"} <= set(value) else []
        return found + [a for v in value.values() for a in actions(v)]
    if isinstance(value, list):
        return [a for v in value for a in actions(v)]
    return []


def card_lines(c: dict) -> list[dict]:
    return [line for group in (c["crisis"] or {"groups": []})["groups"] for line in group["lines"]]


@settings(max_examples=600, deadline=None)
@given(answer_sets(), st.sampled_from(COUNTRIES), st.sampled_from(SETUPS))
def test_every_card_keeps_the_contracts_promises(a, country, setup):
    result = selfcheck.evaluate(a, settings_for(country, setup), today="2026-12-06")
    c = result["card"]
    strings = all_strings(c)
    kinds = [x["kind"] for x in actions(c)]

    # The card says what the result says.
    assert (c["urgency"], c["label"], c["heading"]) == (result["urgency"], result["care_card"]["label"],
                                                       result["care_card"]["heading"])
    assert c["style"] == card.STYLES[result["urgency"]]
    assert [s["id"] for s in c["sections"]] == ["scores", "reasons", "steps"]
    assert c["consult"] == result["consult"] and c["disclaimer"] == result["disclaimer"]
    assert not [x for x in strings if BANNED.search(x)]
    # Label in Name (WCAG 2.5.3): an action's accessible name starts with its visible words,
    # so a speech user can say what they see.
    assert not [x for x in actions(c) if x["label"] and not x["label"].lower().startswith(x["text"].lower())]

    # In danger now: crisis help only. No ketamine anywhere, no clinic box, no booking.
    if result["tier"] == "urgent":
        assert not [x for x in all_strings(result) if "ketamine" in x.lower()]
        assert c["clinic"] is None and "book" not in kinds
        assert c["print"]["contact"] is None and c["print"]["answers"] == []
        assert c["consult"].startswith("When you are safe")
    # Under 18: never the clinic's booking page, contact or name.
    if a.get("age_group") == "under-18":
        assert "book" not in kinds and c["clinic"] is None and c["print"]["contact"] is None
        assert CLINIC["name"] not in c["consult"] and "trust" in c["consult"]
    # Elsewhere: which treatments could help, never whether ketamine could; and a disclosure.
    if result["tier"] != "urgent" and a.get("age_group") != "under-18":
        box = c["clinic"]
        assert "which treatments could help you" in box["text"] and "whether ketamine" not in box["text"]
        if setup == "no clinic":
            assert box["actions"] == [] and box["disclosure"] is None
        else:
            assert [x["kind"] for x in box["actions"]] == ["call", "book"]
            assert box["disclosure"] == {"text": CLINIC["interest"], "link": None}

    # Crisis: the country's emergency number first, once; then the lines, each number written out.
    if result["crisis"]:
        number = emergency_number(country)
        assert c["emergency_action"] == {"kind": "call", "text": f"Call {number}", "label": None,
                                         "href": f"tel:{crisis.digits(number)}"}
        lines = card_lines(c)
        assert lines[-1]["id"] == "local-emergency" and lines[-1]["actions"] == []
        assert not [x for x in actions(c["crisis"]) if x["href"] == c["emergency_action"]["href"]]
        assert 2 <= len(c["crisis"]["groups"][0]["lines"]) <= 3 or setup == "clinic crisis list"
        hrefs = [x["href"] for x in actions(c["crisis"])]
        assert len(hrefs) == len(set(hrefs)) or country == "GB"  # GB: 111 for England/Wales and Scotland
        # What is printed: every line the result lists, with its number written out.
        shown = " ".join(x["text"] for x in actions(c["crisis"])) + " " + c["emergency_action"]["text"]
        for line in result["crisis_lines"]:
            assert line["number"] in shown, line["id"]
        assert all(line["number"] or line["id"] == "local-emergency" for line in lines)
        assert c["sections"][2]["items"][0]["text"].startswith(("Now,", "Today,"))
    else:
        assert c["emergency_action"] is None and c["crisis"] is None

    # Citations: numbered in order of first use, every number listed once, every source real.
    cited = [n for s in c["sections"] for item in s["items"] for n in item["citations"]]
    if cited:
        listed = c["sources"]["items"]
        assert [x["n"] for x in listed] == list(range(1, len(listed) + 1))
        assert sorted(set(cited)) == [x["n"] for x in listed]
        assert list(dict.fromkeys(cited)) == [x["n"] for x in listed]  # first use order
        known = bibliography.load()
        for x in listed:
            assert known[x["id"]].citation == x["citation"]
    else:
        assert c["sources"] is None


# --- the card's parts --------------------------------------------------------------

IN_DANGER = valid_answers(phq9=[2, 2, 2, 2, 1, 1, 1, 1, 3], safety_now="yes")
TODAY = valid_answers(phq9=[2, 2, 2, 2, 1, 1, 1, 1, 1], safety_now="no")


@pytest.mark.parametrize(("country", "main", "other"), [
    ("US", ["us-988", "us-crisis-text-line"], []),
    ("GB", ["gb-samaritans", "gb-shout", "gb-nhs-111"], ["gb-nhs-24", "gb-lifeline-ni"]),
    ("CA", ["ca-988", "ca-kids-help-phone"], []),
    ("AU", ["au-lifeline-call", "au-lifeline-text"], []),
])
def test_crisis_block_one_emergency_action_then_main_lines_then_the_others(country, main, other):
    c = selfcheck.evaluate(IN_DANGER, {"country": country})["card"]
    groups = c["crisis"]["groups"]
    assert [line["id"] for line in groups[0]["lines"]] == main and groups[0]["heading"] is None
    if other:
        assert groups[1]["heading"] == "Other helplines"
        assert [line["id"] for line in groups[1]["lines"]] == other
    assert [line["id"] for line in groups[-1]["lines"]] == ["local-emergency"]
    assert c["emergency_action"]["text"] == f"Call {emergency_number(country)}"
    assert c["crisis"]["lead"] == "Or contact one of these now:"
    today = selfcheck.evaluate(TODAY, {"country": country})["card"]
    assert today["crisis"]["lead"].endswith("today:") and today["style"] == "urgent"


def test_each_crisis_button_says_which_service_it_reaches():
    c = selfcheck.evaluate(IN_DANGER, {"country": "US"})["card"]
    lifeline, text_line = c["crisis"]["groups"][0]["lines"]
    assert [(x["kind"], x["text"], x["label"], x["href"]) for x in lifeline["actions"]] == [
        ("call", "Call 988", "Call 988, 988 Suicide & Crisis Lifeline", "tel:988"),
        ("text", "Text 988", "Text 988, 988 Suicide & Crisis Lifeline", "sms:988"),
        ("chat", "Chat online", "Chat online with 988 Suicide & Crisis Lifeline", "https://988lifeline.org"),
    ]
    assert [(x["text"], x["href"]) for x in text_line["actions"]] == [("Text HOME to 741741", "sms:741741")]


def test_a_clinics_office_number_is_never_the_emergency_number():
    """Review K04 / R2: the clinic marked its office line as the emergency line."""
    result = selfcheck.evaluate(IN_DANGER, settings_for("GB", "clinic crisis list"))
    c = result["card"]
    assert c["emergency_action"]["text"] == "Call 999"
    assert [line["id"] for line in result["crisis_lines"]] == ["clinic-1", "clinic-2", "gb-999", "local-emergency"]
    assert result["next_steps"][0].startswith("Now, call 999, or contact one of these: Example crisis team")
    assert "020 7946 0321" not in result["next_steps"][0].split(", or contact")[0]
    office = next(line for line in card_lines(c) if line["id"] == "clinic-2")
    assert office["emergency"] is False


def test_the_first_step_points_at_the_lines_instead_of_repeating_them():
    result = selfcheck.evaluate(IN_DANGER, {"country": "GB"})
    step = result["card"]["sections"][2]["items"][0]["text"]
    assert step == "Now, call 999, or contact one of the helplines listed above."
    assert "116 123" in result["next_steps"][0]  # the contract's next_steps still name them


@pytest.mark.parametrize("answers", [IN_DANGER, TODAY, valid_answers(), valid_answers(age_group="under-18")])
def test_under_18_and_urgent_cards_have_no_clinic_box(answers):
    c = selfcheck.evaluate(answers, settings_for("US", "clinic with booking"))["card"]
    no_box = answers.get("safety_now") == "yes" or answers.get("age_group") == "under-18"
    assert (c["clinic"] is None) == no_box


def test_under_18_consult_sends_a_young_person_to_a_gp_with_a_trusted_adult():
    result = selfcheck.evaluate(valid_answers(age_group="under-18"), settings_for("GB", "clinic with booking"))
    assert result["consult"] == ("Talk to your GP or family doctor, or a young people's mental health service, "
                                 "about your answers. Take a parent, carer or another adult you trust with you.")
    urgent = selfcheck.evaluate({**IN_DANGER, "age_group": "under-18"}, settings_for("GB", "clinic with booking"))
    assert urgent["consult"].startswith("When you are safe, tell a parent, carer or another adult you trust")


def test_the_disclosure_without_an_interest_names_the_publisher_and_links_who_pays():
    c = selfcheck.evaluate(valid_answers(), {"clinic": {"name": "Example Clinic", "publisher": "Example Group"}})["card"]
    disclosure = c["clinic"]["disclosure"]
    assert disclosure["text"] == "Published by Example Group."
    assert disclosure["link"] == {"path": "editorial-policy/", "fragment": "who-pays-for-this-site",
                                  "text": "Who pays for this site"}
    # The fragment is the editorial policy's own heading id.
    policy = (ROOT / "docs" / "editorial-policy.md").read_text(encoding="utf-8")
    assert re.search(r"^## Who pays for this site \{ #who-pays-for-this-site \}$", policy, re.MULTILINE)
    named = selfcheck.evaluate(valid_answers(), {"clinic": {"name": "Example Clinic"}})["card"]
    assert named["clinic"]["disclosure"]["text"] == "Published by Example Clinic."


def test_reasons_link_to_their_articles_by_title_and_cite_numbered_sources():
    articles = {"learn/questions-to-ask/": "Questions to ask", "learn/other-treatments/": "Other treatment options"}
    c = selfcheck.evaluate(valid_answers(antidepressant_trials=3), {"articles": articles})["card"]
    reasons = c["sections"][1]["items"]
    other = next(r for r in reasons if r["text"].startswith("Other options are usually considered"))
    assert other["link"] == {"path": "learn/other-treatments/", "fragment": None,
                             "text": "Read more: Other treatment options"}
    # A reason whose article has no known title gets no link (never a made-up title).
    assert any(r["link"] is None for r in reasons)
    scores = c["sections"][0]["items"]
    assert scores[0]["text"] == "PHQ-9: 10 out of 27. Moderate." and scores[0]["citations"] == [1]
    assert scores[1] == {"text": "GAD-7: not answered.", "note": None, "link": None, "citations": []}
    assert c["sources"]["items"][0]["id"] == "kroenke-2001"


def test_the_printed_answers_use_the_questions_own_words():
    answers = valid_answers(phq9=[0, 1, 2, 3, 0, 0, 0, 0, 1], safety_now="no", medical=["liver-disease"],
                            diagnoses=["depression", "anxiety"])
    c = selfcheck.evaluate(answers, settings_for("GB", "clinic with booking"), today="2026-03-05")["card"]
    paper = c["print"]
    assert paper["title"] == "Your self-check summary" and paper["date"] == "5 March 2026"
    sections = {s["section"]: {r["question"]: r["answer"] for r in s["rows"]} for s in paper["answers"]}
    assert list(sections) == ["About you", "How you have been feeling", "Worry and anxiety",
                              "Diagnoses and treatment so far", "Your health"]
    assert sections["About you"] == {"How old are you?": "Not answered"}
    mood = sections["How you have been feeling"]
    assert mood["Little interest or pleasure in doing things"] == "Not at all"
    assert mood["Trouble falling or staying asleep, or sleeping too much"] == "More than half the days"
    assert mood["Right now, are you thinking about ending your life, or do you have a plan to?"] == "No"
    assert set(sections["Worry and anxiety"].values()) == {"Not answered"}
    history = sections["Diagnoses and treatment so far"]
    assert history["Has a doctor or other health professional diagnosed you with any of these?"] == (
        "Depression; An anxiety disorder")
    assert sections["Your health"] == {"Do any of these apply to you?": "Liver disease or other liver problems"}
    assert paper["contact"] == {"name": "Example Clinic", "phone": "+1 202 555 0143", "address": "1 Example Street",
                                "website": "https://clinic.example/book"}
    # Nothing answered "right now" when item 9 is 0: the question was not shown.
    quiet = selfcheck.evaluate(valid_answers())["card"]["print"]
    assert not any("Right now" in r["question"] for s in quiet["answers"] for r in s["rows"])
    none = {r["question"]: r["answer"] for s in quiet["answers"] for r in s["rows"]}
    assert none["Do any of these apply to you?"] == "None of these"


@pytest.mark.parametrize(("today", "printed"), [
    (None, None), ("2026-12-06", "6 December 2026"), ("2027-01-31", "31 January 2027"),
    ("not a date", None), ("2026-02-30", None), (20261206, None),
])
def test_the_date_is_printed_only_when_given_and_real(today, printed):
    assert selfcheck.evaluate(valid_answers(), today=today)["card"]["print"]["date"] == printed


def test_severe_anxiety_is_noted_beside_its_score_whatever_the_tier():
    """R12: GAD-7 21 with PHQ-9 12 was never mentioned."""
    c = selfcheck.evaluate(valid_answers(phq9=[2, 2, 2, 1, 1, 1, 1, 2, 0], gad7=[3] * 7, antidepressant_trials=0))["card"]
    gad = c["sections"][0]["items"][1]
    assert gad["text"] == "GAD-7: 21 out of 21. Severe." and "a lot of anxiety" in gad["note"]


def test_the_soon_card_is_announced_and_styled_as_urgent():
    """R13: PHQ-9 20 or more."""
    c = selfcheck.evaluate(valid_answers(phq9=[3, 3, 3, 3, 2, 2, 2, 2, 0]))["card"]
    assert (c["urgency"], c["style"], c["label"]) == ("soon", "urgent", "Urgent advice:")
