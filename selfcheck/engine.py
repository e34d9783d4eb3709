"""evaluate(): answers in, the contract's result object out.

The steps read top to bottom: check the answers, pick the tier (first match wins,
``rules.TIERS``), decide crisis, then put the words together. No state, no clock, no
randomness: the same answers and settings always give the same result.
"""

from __future__ import annotations

from . import crisis, forms, rules, scores, text
from . import settings as settings_mod
from .validation import Answers, validate


def evaluate(answers: object, settings: object = None) -> dict:
    """The result object for an answers object (see shared/specs/selfcheck-contract.md).

    ``settings``: ``{"lang": "en", "clinic": {"name", "phone", "booking_url"} | None,
    "country": "US"}``, all optional. Raises ``AnswersError`` (every problem, each
    naming its key) for bad answers and ``SettingsError`` for bad settings.

    Result keys: ``tier``, ``crisis``, ``scores``, ``reasons`` (each ``id``, ``text``,
    ``sources``, plus ``article``), ``next_steps``, ``consult``, ``disclaimer``; and,
    beyond the contract, ``lang``, ``headline``, ``summary`` and ``crisis_lines`` (the
    ``crisis.lines_for`` dicts shown first in next_steps; empty unless crisis).
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
    in_crisis = rules.is_crisis(a)
    urgent = tier.id == "urgent"
    lines = _crisis_lines(config, urgent) if in_crisis else []

    return {
        "tier": tier.id,
        "crisis": in_crisis,
        "lang": msgs.lang,
        "headline": msgs.get(f"tier.{tier.id}.headline"),
        "summary": msgs.get(f"tier.{tier.id}.summary"),
        "scores": _scores(a, msgs),
        "reasons": [
            {"id": r.id, "text": msgs.get(r.text), "sources": list(r.sources), "article": r.article}
            for r in rules.reasons_for(a, tier)
        ],
        "next_steps": _next_steps(tier, in_crisis, lines, msgs),
        "crisis_lines": lines,
        "consult": _consult(config, urgent, msgs),
        "disclaimer": msgs.get("disclaimer.text"),
    }


def _scores(a: Answers, msgs: text.Catalog) -> dict:
    out = {}
    for key, items in (("phq9", a.phq9), ("gad7", a.gad7)):
        if items is None:
            continue  # GAD-7 not answered: no score, as the contract says
        s = scores.score(key, items)
        s["label"] = msgs.get(f"band.{s['band']}")
        s["max"] = scores.SCREENERS[key].max_total
        out[key] = s
    return out


def _crisis_lines(config: settings_mod.Settings, urgent: bool) -> list[dict]:
    if config.crisis_lines is not None:
        lines = [dict(line) for line in config.crisis_lines]
    else:
        lines = crisis.lines_for(config.country, config.lang)
    if urgent:
        # The person may be in danger now: the emergency number comes first.
        lines.sort(key=lambda line: not line["emergency"])
    return lines


def _next_steps(tier: rules.Tier, in_crisis: bool, lines: list[dict], msgs: text.Catalog) -> list[str]:
    steps = [line["description"] for line in lines]  # crisis help first, nothing above it
    if in_crisis and tier.id != "urgent":
        steps.append(msgs.get("crisis.step.soon"))
    steps.extend(msgs.get(f"tier.{tier.id}.step.{n}") for n in range(1, tier.steps + 1))
    return steps


def _consult(config: settings_mod.Settings, urgent: bool, msgs: text.Catalog) -> str:
    prefix = "consult.urgent." if urgent else "consult."
    clinic = config.clinic
    if clinic is None:
        return msgs.get(prefix + "generic")
    if clinic.phone:
        return msgs.get(prefix + "clinic_phone", clinic_name=clinic.name, clinic_phone=clinic.phone)
    return msgs.get(prefix + "clinic", clinic_name=clinic.name)
