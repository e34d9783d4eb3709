"""questions(): the exact shape the site's form template loops over."""

from __future__ import annotations

import json

from engine_helpers import run_cli

import selfcheck
from selfcheck import questionnaire

CONTRACT_NAMES = (
    ["age_group"] + [f"phq9-{n}" for n in range(1, 10)] + ["safety_now"] + [f"gad7-{n}" for n in range(1, 8)]
    + ["diagnoses", "antidepressant_trials", "psychotherapy", "medical"]
)
TOP = {"lang", "title", "intro", "credit", "sections"}
SECTION = {"id", "title", "intro", "questions"}
QUESTION = {"id", "name", "answer_key", "index", "type", "required", "label", "help", "why", "stem", "note",
            "show_crisis_lines", "show_when", "options"}
OPTION = {"value", "label", "exclusive"}


def all_questions(q):
    return [question for s in q["sections"] for question in s["questions"]]


def test_exact_shape():
    q = selfcheck.questions("en")
    assert set(q) == TOP and q["lang"] == "en"
    assert all(isinstance(q[k], str) and q[k] for k in ("title", "intro", "credit"))
    for s in q["sections"]:
        assert set(s) == SECTION
        assert isinstance(s["title"], str) and (s["intro"] is None or isinstance(s["intro"], str))
        for question in s["questions"]:
            assert set(question) == QUESTION
            assert question["id"] == question["name"]
            assert question["type"] in ("single", "multiple")
            assert isinstance(question["required"], bool)
            assert question["label"]
            assert isinstance(question["show_crisis_lines"], bool)
            for k in ("help", "why", "stem", "note"):
                assert question[k] is None or (isinstance(question[k], str) and question[k])
            for o in question["options"]:
                assert set(o) == OPTION and isinstance(o["value"], str) and o["label"]
    assert json.loads(json.dumps(q)) == q


def test_field_names_and_answer_keys_are_the_contracts():
    qs = all_questions(selfcheck.questions())
    assert [x["name"] for x in qs] == CONTRACT_NAMES
    for x in qs:
        if x["name"].startswith(("phq9-", "gad7-")):
            key, n = x["name"].split("-")
            assert x["answer_key"] == key and x["index"] == int(n) - 1
            assert [o["value"] for o in x["options"]] == ["0", "1", "2", "3"]
            assert x["stem"]
        else:
            assert x["answer_key"] == x["name"] and x["index"] is None and x["stem"] is None


def test_values_match_the_contract():
    by_name = {x["name"]: x for x in all_questions(selfcheck.questions())}
    assert [o["value"] for o in by_name["medical"]["options"]] == [
        "uncontrolled-high-blood-pressure", "heart-disease", "aneurysm-avm-or-brain-bleed", "stroke-or-heart-attack",
        "seizures", "overactive-thyroid", "psychosis-now", "psychosis-history", "mania-history", "substance-use",
        "non-medical-ketamine-use", "sedatives-or-opioids", "pregnant-or-breastfeeding", "liver-disease",
        "bladder-problems", "breathing-problems", "brain-or-eye-pressure", "ketamine-allergy", "none"]
    # Version 1's "recent-mania" is accepted in answers but is no check box of its own.
    assert "recent-mania" in questionnaire.MEDICAL.options[8].aliases
    assert [o["value"] for o in by_name["age_group"]["options"]] == ["under-18", "18-64", "65-or-over"]
    assert by_name["age_group"]["type"] == "single" and not by_name["age_group"]["required"]
    assert [o["value"] for o in by_name["diagnoses"]["options"]] == [
        "depression", "bipolar-depression", "anxiety", "ptsd", "ocd", "chronic-pain", "none-or-unsure"]
    assert [o["value"] for o in by_name["antidepressant_trials"]["options"]] == ["0", "1", "2", "3"]
    assert [o["value"] for o in by_name["safety_now"]["options"]] == ["yes", "no"]
    assert [o["value"] for o in by_name["psychotherapy"]["options"]] == ["yes", "no"]
    exclusive = {(x["name"], o["value"]) for x in by_name.values() for o in x["options"] if o["exclusive"]}
    assert exclusive == {("medical", "none"), ("diagnoses", "none-or-unsure")}
    assert by_name["medical"]["type"] == by_name["diagnoses"]["type"] == "multiple"


def test_safety_now_shows_only_when_item_9_above_0():
    qs = all_questions(selfcheck.questions())
    conditional = {x["name"]: x["show_when"] for x in qs if x["show_when"]}
    assert conditional == {"safety_now": {"name": "phq9-9", "above": 0}}
    names = [x["name"] for x in qs]
    assert names.index("safety_now") == names.index("phq9-9") + 1


def test_required_flags():
    req = {x["name"]: x["required"] for x in all_questions(selfcheck.questions())}
    assert all(req[f"phq9-{n}"] for n in range(1, 10))
    assert not any(req[f"gad7-{n}"] for n in range(1, 8))
    assert req["antidepressant_trials"] and req["medical"] and req["safety_now"]
    assert not req["diagnoses"] and not req["psychotherapy"]


def test_our_questions_say_why_we_ask_in_plain_words():
    by_name = {x["name"]: x for x in all_questions(selfcheck.questions())}
    for name in ("safety_now", "diagnoses", "antidepressant_trials", "psychotherapy", "medical", "phq9-9"):
        assert by_name[name]["why"], name
    labels = {o["value"]: o["label"] for o in by_name["medical"]["options"]}
    assert labels["uncontrolled-high-blood-pressure"] == "High blood pressure that is not well controlled, even with treatment"
    assert "Uncontrolled" not in " ".join(labels.values())
    assert by_name["safety_now"]["label"] == "Right now, are you thinking about ending your life, or do you have a plan to?"


def test_age_is_asked_first():
    q = selfcheck.questions()
    assert q["sections"][0]["questions"][0]["name"] == "age_group"
    assert all_questions(q)[0]["name"] == "age_group"


def test_trials_question_counts_this_period_of_depression():
    by_name = {x["name"]: x for x in all_questions(selfcheck.questions())}
    assert "in this period of depression, if you know" in by_name["antidepressant_trials"]["label"]


def test_item_9_has_a_note_that_nobody_sees_the_answers_and_the_crisis_contacts():
    qs = all_questions(selfcheck.questions())
    noted = [x for x in qs if x["note"]]
    assert [x["name"] for x in noted] == ["phq9-9"]
    note = noted[0]["note"]
    assert "Nobody sees your answers" in note and "nobody will get in touch" in note
    assert "reach out yourself" in note
    assert [x["name"] for x in qs if x["show_crisis_lines"]] == ["phq9-9"]


def test_credit_line_is_present():
    assert "Pfizer Inc." in selfcheck.questions()["credit"]


def test_message_ids_collected():
    ids = questionnaire.message_ids()
    assert "phq9.item.9" in ids and "medical.option.none" in ids and "section.mood.title" in ids


def test_cli_questions_prints_the_same_data():
    proc = run_cli("questions")
    assert proc.returncode == 0 and proc.stderr == b""
    assert json.loads(proc.stdout.decode("utf-8")) == selfcheck.questions()
    assert "—".encode() in proc.stdout  # UTF-8, not ASCII-escaped (PHQ-9 item 6's dash)
