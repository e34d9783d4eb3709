"""The engine: answers in, the contract's result object out (contract version 3).

``prepare(settings)`` checks the settings once and returns an ``Engine``;
``Engine.evaluate(answers, today)`` checks the answers, picks the tier and the urgency
(first match wins, ``rules.TIERS`` and ``rules.URGENCIES``), decides crisis, then puts the
words together, using each tier's crisis wording whenever crisis is true, and builds the
result card (``selfcheck.card``): everything the page shows, in order. No state, no clock,
no randomness: the same answers, settings and ``today`` always give the same result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import card, crisis, forms, rules, scores, text
from . import settings as settings_mod
from .validation import Answers, validate


@dataclass(frozen=True)
class Decision:
    """What the rules decided for one set of answers; the result and the card are both
    worded from it."""

    answers: Answers
    tier: rules.Tier
    variant: str | None  # the tier's other wording, or None
    urgency: str
    crisis: bool
    reasons: tuple[rules.Reason, ...]
    lines: tuple[dict, ...]  # crisis lines (empty unless crisis), ending with the local entry

    @property
    def urgent(self) -> bool:
        return self.tier.id == "urgent"

    @property
    def under_18(self) -> bool:
        return self.answers.age_group == rules.UNDER_18

    def prefix(self) -> str:
        return self.tier.prefix(self.crisis, self.variant)


class Engine:
    """The self-check for one site's settings, checked once (``prepare``)."""

    def __init__(self, config: settings_mod.Settings):
        self.settings = config
        self.msgs = text.catalog(config.lang)

    def evaluate(self, answers: object, today: object = None) -> dict:
        """The result object for an answers object (see shared/specs/selfcheck-contract.md).

        ``today``: the visitor's date ("YYYY-MM-DD" or ``datetime.date``), used only to
        print it; None, or anything that is not a date, prints no date (a bad date never
        stands between a person and their result). Raises ``AnswersError`` (every problem,
        each naming its key) for bad answers, and nothing else.

        Result keys: ``tier``, ``urgency``, ``crisis``, ``scores``, ``reasons`` (each ``id``,
        ``text``, ``sources``, plus ``article``), ``next_steps``, ``consult``,
        ``disclaimer``; and, beyond the contract, ``lang``, ``headline``, ``summary``,
        ``care_card`` (``{"urgency", "label", "heading"}``), ``crisis_lines``
        (``crisis.lines_for`` dicts, ending with the local-emergency entry; empty unless
        crisis) and ``card`` (``selfcheck.card``: everything the page shows, in order).
        """
        return self._result(validate(answers, self.settings.lang), today)

    def evaluate_form(self, form: object, today: object = None) -> dict:
        """Like ``evaluate`` for raw form values (see ``forms.answers_from_form``)."""
        lang = self.settings.lang
        return self._result(validate(forms.answers_from_form(form, lang), lang), today)

    # ------------------------------------------------------------------------------

    def decide(self, a: Answers) -> Decision:
        tier = rules.tier_for(a)
        in_crisis = rules.is_crisis(a)
        return Decision(
            answers=a,
            tier=tier,
            variant=tier.variant(a) if tier.id != "urgent" else None,
            urgency=rules.urgency_for(a),
            crisis=in_crisis,
            reasons=tuple(rules.reasons_for(a, tier, self.settings.country)),
            lines=tuple(self._crisis_lines()) if in_crisis else (),
        )

    def _result(self, a: Answers, today: object) -> dict:
        msgs = self.msgs
        d = self.decide(a)
        prefix = d.prefix()
        result = {
            "tier": d.tier.id,
            "urgency": d.urgency,
            "crisis": d.crisis,
            "lang": msgs.lang,
            "care_card": {
                "urgency": d.urgency,
                "label": msgs.get(f"urgency.{d.urgency}.label"),
                "heading": msgs.get(f"urgency.{d.urgency}.heading"),
            },
            "headline": msgs.get(prefix + "headline"),
            "summary": msgs.get(prefix + "summary"),
            "scores": self._scores(d),
            "reasons": [
                {"id": r.id, "text": msgs.get(r.text_for(d.crisis)), "sources": list(r.sources), "article": r.article}
                for r in d.reasons
            ],
            "next_steps": self._next_steps(d, for_card=False),
            "crisis_lines": [dict(line) for line in d.lines],
            "consult": self._consult(d),
            "disclaimer": msgs.get("disclaimer.text"),
        }
        result["card"] = card.build(d, result, self._next_steps(d, for_card=True), self.settings, msgs,
                                    parse_today(today))
        return result

    def _scores(self, d: Decision) -> dict:
        out = {}
        for key, items in (("phq9", d.answers.phq9), ("gad7", d.answers.gad7)):
            if items is None:
                continue  # GAD-7 not answered: no score, as the contract says
            s = scores.score(key, items)
            s["label"] = self.msgs.get(f"band.{s['band']}")
            s["max"] = scores.SCREENERS[key].max_total
            if key == "phq9" and d.crisis:
                # A total cannot show how serious thoughts of self-harm are: say so beside it.
                s["note"] = self.msgs.get("score.phq9.crisis_note")
            if key == "gad7" and not d.urgent and rules.severe_anxiety(d.answers):
                # Severe anxiety is said beside its score, whatever the tier (it never
                # shapes the result).
                s["note"] = self.msgs.get("score.gad7.severe_note")
            out[key] = s
        return out

    def _crisis_lines(self) -> list[dict]:
        """The lines in the one order every page shows them, ending with the local
        emergency entry: a clinic's own list (already followed by the country's emergency
        line, ``settings.parse``), or the country's."""
        if self.settings.crisis_lines is not None:
            return [dict(line) for line in self.settings.crisis_lines]
        return crisis.lines_for(self.settings.country, self.settings.lang)

    def _crisis_step(self, d: Decision, for_card: bool) -> str:
        """The first next step: who to contact. In the result's ``next_steps``, by name and
        number; on the card, where the lines are listed right above, without repeating them."""
        msgs = self.msgs
        emergency = [line["number"] for line in d.lines if line["emergency"] and line["number"]]
        helplines = [_line_text(line, msgs) for line in d.lines if not line["emergency"] and line["number"]]
        values = {"emergency": msgs.get("crisis.or").join(emergency)}
        kind = "now" if d.urgent else "today"
        group = "crisis.card_step" if for_card else "crisis.step"
        if helplines:
            if not for_card:
                values["helplines"] = "; ".join(helplines)
            return msgs.get(f"{group}.{kind}", **values)
        return msgs.get(f"{group}.{kind}_emergency_only", **values)

    def _next_steps(self, d: Decision, for_card: bool) -> list[str]:
        msgs = self.msgs
        steps = []
        if d.crisis:
            steps.append(self._crisis_step(d, for_card))  # crisis help first
        elif d.urgency in ("today", "soon"):
            steps.append(msgs.get(f"urgency.{d.urgency}.step"))
        count = d.tier.crisis_steps if d.crisis else d.tier.steps
        prefix = d.prefix()
        steps.extend(msgs.get(f"{prefix}step.{n}") for n in range(1, count + 1))
        steps.extend(msgs.get(i) for i in rules.extra_step_ids(d.answers, d.tier))
        return steps

    def _consult(self, d: Decision) -> str:
        msgs = self.msgs
        prefix = "consult.urgent." if d.urgent else "consult."
        if d.under_18:
            # A young person is never sent to the hosting clinic.
            return msgs.get(prefix + "under_18")
        clinic = self.settings.clinic
        if clinic is None:
            return msgs.get(prefix + "generic")
        if clinic.phone:
            return msgs.get(prefix + "clinic_phone", clinic_name=clinic.name, clinic_phone=clinic.phone)
        return msgs.get(prefix + "clinic", clinic_name=clinic.name)


def _line_text(line: dict, msgs: text.Catalog) -> str:
    """A helpline by name and number; a line you can only text says so (and the word to
    send), so nobody tries to call a texting number."""
    if list(line["how"]) != ["text"]:
        return msgs.get("crisis.line", name=line["name"], number=line["number"])
    if line.get("keyword"):
        return msgs.get("crisis.line_text_keyword", name=line["name"], keyword=line["keyword"], number=line["number"])
    return msgs.get("crisis.line_text", name=line["name"], number=line["number"])


def parse_today(today: object) -> dt.date | None:
    """The visitor's date, or None (not given, or not a real date)."""
    if isinstance(today, dt.datetime):
        return today.date()
    if isinstance(today, dt.date):
        return today
    if isinstance(today, str) and len(today) == 10:
        try:
            return dt.date.fromisoformat(today)
        except ValueError:
            return None
    return None


def prepare(settings: object = None) -> Engine:
    """An engine for ``settings`` (see ``selfcheck.settings``), checked once here.

    Raises ``SettingsError`` for bad settings, and nothing else.
    """
    return Engine(settings_mod.parse(settings))


def evaluate(answers: object, settings: object = None, today: object = None) -> dict:
    """``prepare(settings).evaluate(answers, today)``: raises ``SettingsError`` for bad
    settings and ``AnswersError`` for bad answers."""
    return prepare(settings).evaluate(answers, today)


def evaluate_form(form: object, settings: object = None, today: object = None) -> dict:
    """Like ``evaluate`` for raw form values (see ``forms.answers_from_form``)."""
    return prepare(settings).evaluate_form(form, today)
