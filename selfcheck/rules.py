"""The rules, as data: tiers in the contract's order, crisis, and every reason given.

Each tier is a plain test on the validated answers; the first that matches wins
(``tier_for``). Each reason names its message id (text in the locale file), the
bibliography ids that support it (``selfcheck/data/sources.toml``) and the site
article that explains it. ``describe(lang)`` renders all of it as JSON-able data for
the generated "How the self-check works" page, so the page cannot drift from the code.

Left out on purpose: the contract allows moving people with anxiety, PTSD or OCD (who
have tried talking therapy and at least 1 antidepressant) from other-options-first to
worth-discussing. The content brief has no verified evidence for ketamine in those
conditions, so no answer other than those in the tier list below changes the tier.
The ``diagnoses-not-used`` reason says so, on the page and in results that mention them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import questionnaire as qn
from . import scores, text
from .validation import Answers

# Below this total a screener is in its lowest band ("minimal").
LOW_SCORE = 5
# Depression is usually called treatment-resistant after at least this many
# antidepressants have not helped enough (NICE TA854; AHFS).
TRD_TRIALS = 2

# Site articles (paths relative to the site root).
ARTICLE_HELP = "get-help-now/"
ARTICLE_RISKS = "learn/side-effects-and-risks/"
ARTICLE_WHO = "learn/who-may-benefit/"
ARTICLE_OTHER = "learn/other-treatments/"
ARTICLE_LEGAL = "learn/legal-status/"
ARTICLE_QUESTIONS = "learn/questions-to-ask/"


@dataclass(frozen=True)
class Reason:
    id: str  # also the message group: reason.<id>.text / reason.<id>.when
    sources: tuple[str, ...]  # bibliography ids; at least one
    article: str

    @property
    def text(self) -> str:
        return f"reason.{self.id}.text"

    @property
    def when(self) -> str:
        return f"reason.{self.id}.when"


@dataclass(frozen=True)
class Tier:
    id: str  # contract value; strings are tier.<id>.*
    applies: Callable[[Answers], bool]
    conditions: int  # how many tier.<id>.condition.N messages (all must hold)
    reasons: tuple[str, ...]  # reason ids given with this tier
    steps: int  # how many tier.<id>.step.N next steps
    article: str


# ---------------------------------------------------------------------------
# Reasons
# ---------------------------------------------------------------------------

_REASON_LIST = (
    # Crisis: independent of the tier.
    Reason("crisis-safety-now", ("simon-2013",), ARTICLE_HELP),
    Reason("crisis-item-9", ("simon-2013",), ARTICLE_HELP),
    # Medical factors: one reason per factor, plus one for the tier itself.
    Reason("medical-review", ("spravato-label", "oxford-health-2018"), ARTICLE_RISKS),
    Reason("uncontrolled-high-blood-pressure", ("spravato-label", "oxford-health-2018"), ARTICLE_RISKS),
    Reason("heart-disease", ("spravato-label", "spravato-medguide"), ARTICLE_RISKS),
    Reason("aneurysm-avm-or-brain-bleed", ("spravato-label",), ARTICLE_RISKS),
    # No source in the brief links the thyroid to ketamine: the text says only what is
    # sourced (ketamine raises blood pressure and heart rate) and asks for a doctor's check.
    Reason("overactive-thyroid", ("spravato-label",), ARTICLE_RISKS),
    Reason("psychosis-history", ("spravato-label", "oxford-health-2018"), ARTICLE_RISKS),
    Reason("recent-mania", ("oxford-health-2018",), ARTICLE_RISKS),
    Reason("substance-use", ("oxford-health-2018", "spravato-label"), ARTICLE_RISKS),
    Reason("pregnant-or-breastfeeding", ("spravato-label", "oxford-health-2018"), ARTICLE_RISKS),
    Reason("liver-disease", ("spravato-medguide",), ARTICLE_RISKS),
    Reason("brain-or-eye-pressure", ("oxford-health-2018", "spravato-medguide"), ARTICLE_RISKS),
    # Symptoms and treatment history.
    Reason("low-scores", ("kroenke-2001", "spitzer-2006"), ARTICLE_WHO),
    Reason("fewer-than-2-trials", ("nice-ta854", "ahfs-esketamine"), ARTICLE_OTHER),
    Reason("two-or-more-trials", ("nice-ta854", "ahfs-esketamine"), ARTICLE_WHO),
    Reason("evidence-limits", ("mcintyre-2021", "sanacora-2017", "fava-2020"), ARTICLE_WHO),
    Reason("supervised-treatment", ("fda-compounded-ketamine-2023", "dea-1999-schedule-iii"), ARTICLE_LEGAL),
    # The refinement we left out (see the module docstring). The consensus statement we
    # rely on is about mood disorders; NICE TA854 is about depression.
    Reason("diagnoses-not-used", ("sanacora-2017", "nice-ta854"), ARTICLE_WHO),
)
REASONS: dict[str, Reason] = {r.id: r for r in _REASON_LIST}

# Every medical factor has a reason with the factor's own id.
FACTOR_REASONS = tuple(REASONS[f] for f in qn.MEDICAL_FACTORS)

# Diagnoses the contract's optional refinement would have used.
REFINEMENT_DIAGNOSES = ("anxiety", "ptsd", "ocd")


# ---------------------------------------------------------------------------
# Crisis and tiers
# ---------------------------------------------------------------------------


def self_harm_thoughts(a: Answers) -> bool:
    return a.phq9[qn.PHQ9_SELF_HARM_INDEX] > 0


def in_danger_now(a: Answers) -> bool:
    return a.safety_now == "yes"


def is_crisis(a: Answers) -> bool:
    """Crisis resources come first, whatever the tier."""
    return self_harm_thoughts(a) or in_danger_now(a)


def _low_symptoms(a: Answers) -> bool:
    return (
        sum(a.phq9) < LOW_SCORE
        and (a.gad7 is None or sum(a.gad7) < LOW_SCORE)
        and a.antidepressant_trials < TRD_TRIALS
    )


# The contract's tier list, in order; the first that applies wins.
TIERS: tuple[Tier, ...] = (
    Tier(
        "urgent",
        applies=in_danger_now,
        conditions=1,
        reasons=("crisis-safety-now",),
        steps=2,
        article=ARTICLE_HELP,
    ),
    Tier(
        "medical-review-first",
        applies=lambda a: bool(a.medical),
        conditions=1,
        reasons=("medical-review",),
        steps=3,
        article=ARTICLE_RISKS,
    ),
    Tier(
        "low-symptoms",
        applies=_low_symptoms,
        conditions=3,
        reasons=("low-scores", "fewer-than-2-trials"),
        steps=2,
        article=ARTICLE_WHO,
    ),
    Tier(
        "other-options-first",
        applies=lambda a: a.antidepressant_trials < TRD_TRIALS,
        conditions=1,
        reasons=("fewer-than-2-trials",),
        steps=3,
        article=ARTICLE_OTHER,
    ),
    Tier(
        "worth-discussing",
        applies=lambda a: True,
        conditions=2,
        reasons=("two-or-more-trials", "evidence-limits", "supervised-treatment"),
        steps=3,
        article=ARTICLE_QUESTIONS,
    ),
)
TIER_IDS = tuple(t.id for t in TIERS)


def tier_for(a: Answers) -> Tier:
    return next(t for t in TIERS if t.applies(a))


def reasons_for(a: Answers, tier: Tier) -> list[Reason]:
    """Why this result, in the order shown: crisis, the tier, each medical factor, notes."""
    ids: list[str] = []
    if in_danger_now(a):
        ids.append("crisis-safety-now")
    if self_harm_thoughts(a):
        ids.append("crisis-item-9")
    ids.extend(tier.reasons)
    ids.extend(a.medical)  # one reason per factor, whatever the tier
    if any(d in REFINEMENT_DIAGNOSES for d in a.diagnoses):
        ids.append("diagnoses-not-used")
    unique = dict.fromkeys(ids)  # keep order, drop repeats
    return [REASONS[i] for i in unique]


# ---------------------------------------------------------------------------
# The rules in words, for the "How the self-check works" page
# ---------------------------------------------------------------------------


def _reason_data(r: Reason, msgs: text.Catalog) -> dict:
    return {
        "id": r.id,
        "text": msgs.get(r.text),
        "when": msgs.get(r.when),
        "sources": list(r.sources),
        "article": r.article,
    }


def describe(lang: str = text.DEFAULT_LANG) -> dict:
    """Every rule, in words, with its sources, as JSON-able data.

    Shape::

        {"lang", "title", "intro",
         "headings": {"tiers", "crisis", "scores", "medical", "not_used"},
         "tiers": [{"id", "order", "headline", "summary", "conditions": [str],
                    "reasons": [reason ids], "sources": [ids], "article"}],   # contract order
         "crisis": {"conditions": [str], "explanation", "reasons": [ids], "sources": [ids]},
         "scores": [{"id", "name", "about", "max", "sources": [ids],
                     "bands": [{"id", "label", "low", "high"}]}],
         "medical_factors": [{"id", "label", "reason", "sources": [ids], "article"}],
         "not_used": [{"id", "text", "sources": [ids], "article"}],
         "reasons": [{"id", "text", "when", "sources": [ids], "article"}],   # every reason
         "sources": [every source id used, in order of first use],
         "credit", "disclaimer"}

    Source ids resolve with ``selfcheck.bibliography``.
    """
    msgs = text.catalog(lang)
    crisis_reasons = ("crisis-item-9", "crisis-safety-now")
    tiers = []
    for n, t in enumerate(TIERS, start=1):
        tier_sources = [s for r in t.reasons for s in REASONS[r].sources]
        tiers.append(
            {
                "id": t.id,
                "order": n,
                "headline": msgs.get(f"tier.{t.id}.headline"),
                "summary": msgs.get(f"tier.{t.id}.summary"),
                "conditions": [msgs.get(f"tier.{t.id}.condition.{i}") for i in range(1, t.conditions + 1)],
                "reasons": list(t.reasons),
                "sources": list(dict.fromkeys(tier_sources)),
                "article": t.article,
            }
        )
    medical = qn.MEDICAL
    labels = {o.value: o.label for o in medical.options}
    not_used = REASONS["diagnoses-not-used"]
    all_sources = [s for r in _REASON_LIST for s in r.sources]
    all_sources += [s for sc in scores.SCREENERS.values() for s in sc.sources]
    return {
        "lang": msgs.lang,
        "title": msgs.get("describe.title"),
        "intro": msgs.get("describe.intro"),
        "headings": {k: msgs.get(f"describe.{k}") for k in ("tiers", "crisis", "scores", "medical", "not_used")},
        "tiers": tiers,
        "crisis": {
            "conditions": [msgs.get("crisis.condition.1"), msgs.get("crisis.condition.2")],
            "explanation": msgs.get("crisis.explanation"),
            "reasons": list(crisis_reasons),
            "sources": list(dict.fromkeys(s for r in crisis_reasons for s in REASONS[r].sources)),
        },
        "scores": [
            {
                "id": sc.id,
                "name": msgs.get(f"{sc.id}.name"),
                "about": msgs.get(f"score.{sc.id}.about"),
                "max": sc.max_total,
                "sources": list(sc.sources),
                "bands": [
                    {"id": b.id, "label": msgs.get(f"band.{b.id}"), "low": b.low, "high": b.high}
                    for b in sc.bands
                ],
            }
            for sc in scores.SCREENERS.values()
        ],
        "medical_factors": [
            {
                "id": r.id,
                "label": msgs.get(labels[r.id]),
                "reason": msgs.get(r.text),
                "sources": list(r.sources),
                "article": r.article,
            }
            for r in FACTOR_REASONS
        ],
        "not_used": [
            {
                "id": not_used.id,
                "text": msgs.get(not_used.text),
                "sources": list(not_used.sources),
                "article": not_used.article,
            }
        ],
        "reasons": [_reason_data(r, msgs) for r in _REASON_LIST],
        "sources": list(dict.fromkeys(all_sources)),
        "credit": msgs.get("screener.credit"),
        "disclaimer": msgs.get("disclaimer.text"),
    }
