"""evaluate(): answers in, the contract's result object out (contract version 2).

The steps read top to bottom: check the answers, pick the tier and the urgency (first
match wins, ``rules.TIERS`` and ``rules.URGENCIES``), decide crisis, then put the words
together, using each tier's crisis wording whenever crisis is true. No state, no clock,
no randomness: the same answers and settings always give the same result.
"""

from __future__ import annotations

from . import crisis, forms, rules, scores, text
from . import settings as settings_mod
from .validation import Answers, validate


def evaluate(answers: object, settings: object = None) -> dict:
    """The result object for an answers object (see shared/specs/selfcheck-contract.md).

    ``settings``: ``{"lang": "en", "clinic": {"name", "phone", "booking_url"} | None,
    "country": "US", "crisis_lines": [...] | None}``, all optional. Raises
    ``AnswersError`` (every problem, each naming its key) for bad answers and
    ``SettingsError`` for bad settings.

    Result keys: ``tier``, ``urgency``, ``crisis``, ``scores``, ``reasons`` (each ``id``,
    ``text``, ``sources``, plus ``article``), ``next_steps``, ``consult``,
    ``disclaimer``; and, beyond the contract, ``lang``, ``headline``, ``summary``,
    ``care_card`` (``{"urgency", "label", "heading"}``: the words a screen reader hears
    first and the card's visible heading) and ``crisis_lines`` (``crisis.lines_for``
    dicts, ending with the local-emergency entry; empty unless crisis).
    """
    config = settings_mod.parse(settings)
    a = validate(answers, config.lang)
    return _result(a, config)


def evaluate_form(form: object, settings: object = None) -> dict:
    """Like ``evaluate`` for raw form values (see ``forms.answers_from_form``)."""
    config = settings_mod.parse(settings)
    return _result(validate(forms.answers_from_form(form, config.lang), config.lang), config)


def _result(a: Answers, config: settings_mod.Settings) -> dict:
    msgs = text.catalog(config.lang)
    tier = rules.tier_for(a)
    urgency = rules.urgency_for(a)
    in_crisis = rules.is_crisis(a)
    urgent = tier.id == "urgent"
    lines = _crisis_lines(config) if in_crisis else []
    prefix = tier.prefix(in_crisis)

    return {
        "tier": tier.id,
        "urgency": urgency,
        "crisis": in_crisis,
        "lang": msgs.lang,
        "care_card": {
            "urgency": urgency,
            "label": msgs.get(f"urgency.{urgency}.label"),
            "heading": msgs.get(f"urgency.{urgency}.heading"),
        },
        "headline": msgs.get(prefix + "headline"),
        "summary": msgs.get(prefix + "summary"),
        "scores": _scores(a, in_crisis, msgs),
        "reasons": [
            {"id": r.id, "text": msgs.get(r.text_for(in_crisis)), "sources": list(r.sources), "article": r.article}
            for r in rules.reasons_for(a, tier)
        ],
        "next_steps": _next_steps(tier, urgency, in_crisis, lines, msgs),
        "crisis_lines": lines,
        "consult": _consult(config, urgent, msgs),
        "disclaimer": msgs.get("disclaimer.text"),
    }


def _scores(a: Answers, in_crisis: bool, msgs: text.Catalog) -> dict:
    out = {}
    for key, items in (("phq9", a.phq9), ("gad7", a.gad7)):
        if items is None:
            continue  # GAD-7 not answered: no score, as the contract says
        s = scores.score(key, items)
        s["label"] = msgs.get(f"band.{s['band']}")
        s["max"] = scores.SCREENERS[key].max_total
        if key == "phq9" and in_crisis:
            # A total cannot show how serious thoughts of self-harm are: say so beside it.
            s["note"] = msgs.get("score.phq9.crisis_note")
        out[key] = s
    return out


def _crisis_lines(config: settings_mod.Settings) -> list[dict]:
    """The lines in the one order every page shows them, ending with the local
    emergency entry. No re-sorting here: the result lists what the page lists."""
    if config.crisis_lines is not None:
        return crisis.with_local_emergency(list(config.crisis_lines), config.lang)
    return crisis.lines_for(config.country, config.lang)


def _line_text(line: dict, msgs: text.Catalog) -> str:
    """A helpline by name and number; a line you can only text says so (and the word to
    send), so nobody tries to call a texting number."""
    if list(line["how"]) != ["text"]:
        return msgs.get("crisis.line", name=line["name"], number=line["number"])
    if line.get("keyword"):
        return msgs.get("crisis.line_text_keyword", name=line["name"], keyword=line["keyword"], number=line["number"])
    return msgs.get("crisis.line_text", name=line["name"], number=line["number"])


def _crisis_step(urgent: bool, lines: list[dict], msgs: text.Catalog) -> str:
    """The first next step: who to contact, by name and number, without repeating the
    lines' descriptions (the page shows those once, in the crisis list)."""
    emergency = [line["number"] for line in lines if line["emergency"] and line["number"]]
    helplines = [_line_text(line, msgs) for line in lines if not line["emergency"] and line["number"]]
    values = {"emergency": msgs.get("crisis.or").join(emergency)}
    kind = "now" if urgent else "today"
    if helplines:
        values["helplines"] = "; ".join(helplines)
        return msgs.get(f"crisis.step.{kind}", **values)
    return msgs.get(f"crisis.step.{kind}_emergency_only", **values)


def _next_steps(tier: rules.Tier, urgency: str, in_crisis: bool, lines: list[dict], msgs: text.Catalog) -> list[str]:
    steps = []
    if in_crisis:
        steps.append(_crisis_step(tier.id == "urgent", lines, msgs))  # crisis help first
    elif urgency == "soon":
        steps.append(msgs.get("urgency.soon.step"))
    count = tier.crisis_steps if in_crisis else tier.steps
    prefix = tier.prefix(in_crisis)
    steps.extend(msgs.get(f"{prefix}step.{n}") for n in range(1, count + 1))
    return steps


def _consult(config: settings_mod.Settings, urgent: bool, msgs: text.Catalog) -> str:
    prefix = "consult.urgent." if urgent else "consult."
    clinic = config.clinic
    if clinic is None:
        return msgs.get(prefix + "generic")
    if clinic.phone:
        return msgs.get(prefix + "clinic_phone", clinic_name=clinic.name, clinic_phone=clinic.phone)
    return msgs.get(prefix + "clinic", clinic_name=clinic.name)
