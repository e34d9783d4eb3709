"""The rules, as data: tiers and urgency in the contract's order, crisis, and every reason.

Contract version 3 (shared/specs/selfcheck-contract.md). Each tier and each urgency is a
plain test on the validated answers; the first that matches wins (``tier_for``,
``urgency_for``). Each reason names its message id (text in the locale file), the
bibliography ids that support it (``selfcheck/data/sources.toml``) and the site article
that explains it. ``describe(lang)`` renders all of it as JSON-able data for the generated
"How the self-check works" page, so the page cannot drift from the code.

Decisions worth knowing:

* ``recent-mania`` (version 1) is accepted and means ``mania-history`` (mania or
  hypomania at any time); the reason given is ``mania-history``'s, once.
* ``urgent`` results carry the crisis reason only: no medical or ketamine reasons.
* A reason that talks about a score level has a crisis variant (``text_crisis``), so a
  result never implies few symptoms to someone who reported thoughts of self-harm.
* Left out on purpose: diagnoses of anxiety, PTSD or OCD never change the tier (the
  content brief has no checked evidence for ketamine in them), and age 65 or over gives
  a reason but does not change the tier (the contract does not make it a tier rule).
* ``other-options-first`` has three wordings (``Tier.variant``): anxiety-led answers get
  anxiety wording; 2 or more failed antidepressants with mild symptoms get "talk to your
  prescriber" (never "tried first", which would contradict the person's own history);
  otherwise "other treatments are usually tried first".
* Psychosis now (``psychosis-now``) makes the urgency ``today``, like thoughts of
  self-harm, but not ``crisis``: the contract ties crisis to PHQ-9 item 9 only.
* What treatment is like depends on the country (``access-<country>`` reasons); a
  country with crisis lines only (ES, MX) has none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import questionnaire as qn
from . import scores, text
from .validation import Answers

# Below this total a screener is in its lowest band ("minimal").
LOW_SCORE = 5
# PHQ-9 10 or more: at least moderate depression. Treatment-resistant depression is
# defined within a current moderate to severe episode (NICE TA854). GAD-7 10 or more:
# at least moderate anxiety (the published cut-point).
MODERATE_SCORE = 10
# PHQ-9 20 or more: severe depression; a doctor within days.
SEVERE_SCORE = 20
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
ARTICLE_TREATMENT = "learn/what-treatment-is-like/"
ARTICLE_COST = "learn/cost-and-insurance/"


@dataclass(frozen=True)
class Reason:
    id: str  # also the message group: reason.<id>.text / .when (/ .text_crisis)
    sources: tuple[str, ...]  # bibliography ids; at least one
    article: str
    crisis_variant: bool = False  # has reason.<id>.text_crisis, used when crisis is true

    @property
    def text(self) -> str:
        return f"reason.{self.id}.text"

    def text_for(self, crisis: bool) -> str:
        return f"reason.{self.id}.text_crisis" if crisis and self.crisis_variant else self.text

    @property
    def when(self) -> str:
        return f"reason.{self.id}.when"


@dataclass(frozen=True)
class Tier:
    id: str  # contract value; strings are tier.<id>.* and tier.<id>.crisis.*
    applies: Callable[[Answers], bool]
    conditions: int  # how many tier.<id>.condition.N messages (the rule in words)
    reasons: tuple[str, ...]  # reason ids this tier can give (for the rules page)
    steps: int  # how many tier.<id>.step.N next steps (0: never without crisis)
    crisis_steps: int  # how many tier.<id>.crisis.step.N (0: never with crisis)
    article: str
    # Other wordings of the same tier: (variant id, test), first match wins. A variant's
    # strings are tier.<id>.<variant>.* and tier.<id>.<variant>.crisis.*, with the same
    # numbers of steps.
    variants: tuple[tuple[str, Callable[[Answers], bool]], ...] = ()

    def variant(self, a: Answers) -> str | None:
        return next((v for v, test in self.variants if test(a)), None)

    def prefix(self, crisis: bool, variant: str | None = None) -> str:
        base = f"tier.{self.id}." + (f"{variant}." if variant else "")
        return base + "crisis." if crisis else base


@dataclass(frozen=True)
class Urgency:
    id: str  # contract value; strings are urgency.<id>.*
    applies: Callable[[Answers], bool]
    sources: tuple[str, ...] = ()  # bibliography ids behind the rule, for the rules page


# ---------------------------------------------------------------------------
# Reasons
# ---------------------------------------------------------------------------

_REASON_LIST = (
    # Crisis: independent of the tier.
    Reason("crisis-safety-now", ("simon-2013",), ARTICLE_HELP),
    Reason("crisis-item-9", ("simon-2013",), ARTICLE_HELP),
    # With crisis and "worth discussing": what esketamine cannot do (label, section 13
    # of facts-part2: limitations of use).
    Reason("esketamine-not-crisis-care", ("spravato-label",), ARTICLE_HELP),
    # Medical factors: one reason per factor, plus one for the factors as a group.
    Reason("medical-review", ("spravato-label", "oxford-health-2018"), ARTICLE_RISKS),
    Reason("uncontrolled-high-blood-pressure", ("spravato-label", "oxford-health-2018"), ARTICLE_RISKS),
    Reason("heart-disease", ("spravato-label", "spravato-medguide"), ARTICLE_RISKS),
    Reason("aneurysm-avm-or-brain-bleed", ("spravato-label",), ARTICLE_RISKS),
    Reason("stroke-or-heart-attack", ("spravato-medguide", "spravato-label"), ARTICLE_RISKS),
    Reason("seizures", ("oxford-health-2018",), ARTICLE_RISKS),
    # No source in the brief links the thyroid to ketamine: the text says only what is
    # sourced (ketamine raises blood pressure) and asks for a doctor's check.
    Reason("overactive-thyroid", ("spravato-label",), ARTICLE_RISKS),
    # Oxford Health: "recent or current psychosis". Now: a doctor or mental health team today.
    Reason("psychosis-now", ("oxford-health-2018", "spravato-label"), ARTICLE_RISKS),
    Reason("psychosis-history", ("spravato-label", "oxford-health-2018"), ARTICLE_RISKS),
    Reason("mania-history", ("oxford-health-2018",), ARTICLE_RISKS),
    Reason("substance-use", ("oxford-health-2018", "spravato-label"), ARTICLE_RISKS),
    Reason("non-medical-ketamine-use", ("spravato-label", "winstock-2012", "oxford-health-2018"), ARTICLE_RISKS),
    Reason("sedatives-or-opioids", ("spravato-label",), ARTICLE_RISKS),
    Reason("pregnant-or-breastfeeding", ("spravato-label", "oxford-health-2018"), ARTICLE_RISKS),
    Reason("liver-disease", ("spravato-medguide", "spravato-label"), ARTICLE_RISKS),
    Reason("bladder-problems", ("spravato-label", "spravato-safety-page", "fda-compounded-ketamine-2023"), ARTICLE_RISKS),
    Reason("breathing-problems", ("spravato-boxed-warning-2026", "sps-esketamine-respiratory", "spravato-hcp-dosing", "spravato-safety-page"), ARTICLE_RISKS),
    Reason("brain-or-eye-pressure", ("oxford-health-2018", "spravato-medguide"), ARTICLE_RISKS),
    Reason("ketamine-allergy", ("spravato-label",), ARTICLE_RISKS),
    # Other answers that send a person to a psychiatrist first, or shape the result.
    Reason("bipolar-depression", ("mental-health-weekly-spravato", "elekt-d-registration", "oxford-health-2018"), ARTICLE_WHO),
    Reason("under-18", ("spravato-label",), ARTICLE_WHO),
    # Age not given: esketamine is approved for adults only (label: not for paediatric use).
    Reason("adults-only", ("spravato-label",), ARTICLE_WHO),
    Reason("age-65-or-over", ("mims-hk-esketamine", "andrade-2022"), ARTICLE_WHO),
    # Symptoms and treatment history.
    Reason("low-scores", ("kroenke-2001", "spitzer-2006"), ARTICLE_WHO),
    Reason("mild-symptoms", ("nice-ta854", "kroenke-2001"), ARTICLE_WHO, crisis_variant=True),
    Reason("anxiety-led", ("spitzer-2006", "nice-ta854"), ARTICLE_OTHER),
    Reason("fewer-than-2-trials", ("nice-ta854", "ahfs-esketamine"), ARTICLE_OTHER),
    Reason("two-or-more-trials", ("nice-ta854", "ahfs-esketamine"), ARTICLE_WHO),
    Reason("other-options-too", ("fava-2020", "nice-ta854", "anand-2023"), ARTICLE_OTHER),
    Reason("evidence-limits", ("mcintyre-2021", "sanacora-2017", "fava-2020"), ARTICLE_WHO),
    Reason("what-treatment-involves", ("spravato-label", "spravato-hcp-dosing"), ARTICLE_TREATMENT),
    # Access in the person's country (settings.country), from [V] facts only.
    Reason("access-US", ("spravato-rems", "spravato-label"), ARTICLE_TREATMENT),
    Reason("access-GB", ("nice-ta854", "oxford-health-ketamine-faq"), ARTICLE_COST),
    Reason("access-CA", ("cda-amc-esketamine",), ARTICLE_COST),
    Reason("access-AU", ("pharmacy-daily-2025", "au-pbs-clinic-fees"), ARTICLE_COST),
    Reason("supervised-treatment", ("fda-compounded-ketamine-2023", "dea-1999-schedule-iii"), ARTICLE_LEGAL),
    # What the self-check leaves out (see the module docstring).
    Reason("diagnoses-not-used", ("sanacora-2017", "nice-ta854"), ARTICLE_WHO),
)
REASONS: dict[str, Reason] = {r.id: r for r in _REASON_LIST}

# Every medical factor has a reason with the factor's own id.
FACTOR_REASONS = tuple(REASONS[f] for f in qn.MEDICAL_FACTORS)

# Countries with an access-<country> reason: those the content brief has checked facts
# for. Spain and Mexico have crisis lines only (README "Languages"): a result there says
# nothing about access rather than something unchecked.
ACCESS_COUNTRIES = ("US", "GB", "CA", "AU")

# A note beside the GAD-7 score (not a reason: it never shapes the result) from this
# total: the published "severe" band (Spitzer 2006).
SEVERE_ANXIETY = 15

# Diagnoses the contract's optional refinement would have used.
REFINEMENT_DIAGNOSES = ("anxiety", "ptsd", "ocd")
BIPOLAR = "bipolar-depression"
UNDER_18 = "under-18"
OVER_65 = "65-or-over"


# ---------------------------------------------------------------------------
# Crisis, tiers and urgency
# ---------------------------------------------------------------------------


def self_harm_thoughts(a: Answers) -> bool:
    return a.phq9[qn.PHQ9_SELF_HARM_INDEX] > 0


def in_danger_now(a: Answers) -> bool:
    return a.safety_now == "yes"


def psychosis_now(a: Answers) -> bool:
    return "psychosis-now" in a.medical


def is_crisis(a: Answers) -> bool:
    """Crisis resources come first, whatever the tier."""
    return self_harm_thoughts(a) or in_danger_now(a)


def phq9_total(a: Answers) -> int:
    return sum(a.phq9)


def _gad7_total(a: Answers) -> int | None:
    return None if a.gad7 is None else sum(a.gad7)


def needs_psychiatrist_first(a: Answers) -> bool:
    return BIPOLAR in a.diagnoses or a.age_group == UNDER_18


def _medical_review(a: Answers) -> bool:
    return bool(a.medical) or needs_psychiatrist_first(a)


def _low_symptoms(a: Answers) -> bool:
    return not is_crisis(a) and low_scores(a)


def anxiety_led(a: Answers) -> bool:
    gad = _gad7_total(a)
    return gad is not None and gad >= MODERATE_SCORE and phq9_total(a) < MODERATE_SCORE


def low_scores(a: Answers) -> bool:
    """Few symptoms on both screeners (GAD-7 low or not answered), whatever else."""
    gad = _gad7_total(a)
    return phq9_total(a) < LOW_SCORE and (gad is None or gad < LOW_SCORE)


def severe_anxiety(a: Answers) -> bool:
    gad = _gad7_total(a)
    return gad is not None and gad >= SEVERE_ANXIETY


def mild_after_trials(a: Answers) -> bool:
    """At least 2 antidepressants have not helped, and current symptoms are mild: "tried
    first" would contradict the person's own history."""
    return a.antidepressant_trials >= TRD_TRIALS and phq9_total(a) < MODERATE_SCORE


def _other_options_first(a: Answers) -> bool:
    return a.antidepressant_trials < TRD_TRIALS or phq9_total(a) < MODERATE_SCORE


# The contract's tier list, in order; the first that applies wins.
TIERS: tuple[Tier, ...] = (
    Tier("urgent", in_danger_now, 1, ("crisis-safety-now",), steps=0, crisis_steps=2, article=ARTICLE_HELP),
    Tier(
        "medical-review-first",
        _medical_review,
        3,
        ("medical-review", "bipolar-depression", "under-18"),
        steps=4,
        crisis_steps=3,
        article=ARTICLE_RISKS,
    ),
    # Never with crisis, so it has no crisis wording.
    Tier("low-symptoms", _low_symptoms, 3, ("low-scores",), steps=2, crisis_steps=0, article=ARTICLE_WHO),
    Tier(
        "other-options-first",
        _other_options_first,
        2,
        ("fewer-than-2-trials", "mild-symptoms", "anxiety-led"),
        steps=3,
        crisis_steps=2,
        article=ARTICLE_OTHER,
        variants=(("anxiety", anxiety_led), ("mild", mild_after_trials)),
    ),
    Tier(
        "worth-discussing",
        lambda a: True,
        3,
        ("two-or-more-trials", "other-options-too", "evidence-limits", "what-treatment-involves",
         "supervised-treatment"),
        steps=3,
        crisis_steps=2,
        article=ARTICLE_QUESTIONS,
    ),
)
TIER_IDS = tuple(t.id for t in TIERS)
TIERS_BY_ID = {t.id: t for t in TIERS}

# The contract's urgency list, in order; the first that applies wins.
URGENCIES: tuple[Urgency, ...] = (
    Urgency("emergency", in_danger_now, ("simon-2013",)),
    Urgency("today", lambda a: self_harm_thoughts(a) or psychosis_now(a), ("simon-2013", "oxford-health-2018")),
    # PHQ-9 20 or more is the published "severe" band.
    Urgency("soon", lambda a: phq9_total(a) >= SEVERE_SCORE, ("kroenke-2001",)),
    Urgency("routine", lambda a: True),
)
URGENCY_IDS = tuple(u.id for u in URGENCIES)


def tier_for(a: Answers) -> Tier:
    return next(t for t in TIERS if t.applies(a))


def urgency_for(a: Answers) -> str:
    return next(u.id for u in URGENCIES if u.applies(a))


def _tier_reason_ids(a: Answers, tier: Tier, country: str) -> list[str]:
    if tier.id == "medical-review-first":
        ids = ["medical-review"] if a.medical else []
        ids.extend(a.medical)  # one reason per factor
        if BIPOLAR in a.diagnoses:
            ids.append("bipolar-depression")
        if a.age_group == UNDER_18:
            ids.append("under-18")
        if low_scores(a) and not is_crisis(a):
            ids.append("low-scores")  # few symptoms: say so, and keep a treatment that helps
        return ids
    if tier.id == "other-options-first":
        ids = ["fewer-than-2-trials"] if a.antidepressant_trials < TRD_TRIALS else []
        if anxiety_led(a):
            ids.append("anxiety-led")
        elif phq9_total(a) < MODERATE_SCORE:
            ids.append("mild-symptoms")
        return ids
    if tier.id == "worth-discussing":
        ids = list(tier.reasons)
        if country in ACCESS_COUNTRIES:
            ids.insert(ids.index("what-treatment-involves") + 1, f"access-{country}")
        if a.age_group is None:
            ids.append("adults-only")  # a young person may have skipped the age question
        return ids
    return list(tier.reasons)


def extra_step_ids(a: Answers, tier: Tier) -> list[str]:
    """Next steps some answers add after the tier's own (message ids)."""
    if tier.id == "medical-review-first" and low_scores(a) and not is_crisis(a):
        return ["tier.medical-review-first.low_scores_step"]
    return []


# Tiers whose results say something about esketamine for older people. A "few symptoms"
# or "other treatments first" result is no place for a note on esketamine doses.
_AGE_65_TIERS = ("medical-review-first", "worth-discussing")


def reasons_for(a: Answers, tier: Tier, country: str = "US") -> list[Reason]:
    """Why this result, in the order shown: crisis first, then the tier's reasons, then
    notes. ``urgent`` gives the crisis reason only. ``country`` (a code from
    ``crisis.countries()``) picks the ``access-<country>`` reason."""
    if tier.id == "urgent":
        return [REASONS["crisis-safety-now"]]
    ids: list[str] = []
    if self_harm_thoughts(a):
        ids.append("crisis-item-9")
        if tier.id == "worth-discussing":
            ids.append("esketamine-not-crisis-care")
    ids.extend(_tier_reason_ids(a, tier, country))
    if a.age_group == OVER_65 and tier.id in _AGE_65_TIERS:
        ids.append("age-65-or-over")
    if any(d in REFINEMENT_DIAGNOSES for d in a.diagnoses):
        ids.append("diagnoses-not-used")
    unique = dict.fromkeys(ids)  # keep order, drop repeats
    return [REASONS[i] for i in unique]


# ---------------------------------------------------------------------------
# The rules in words, for the "How the self-check works" page
# ---------------------------------------------------------------------------


def _reason_data(r: Reason, msgs: text.Catalog) -> dict:
    out = {
        "id": r.id,
        "text": msgs.get(r.text),
        "when": msgs.get(r.when),
        "sources": list(r.sources),
        "article": r.article,
    }
    if r.crisis_variant:
        out["text_crisis"] = msgs.get(r.text_for(True))
    return out


def _tier_data(n: int, t: Tier, msgs: text.Catalog) -> dict:
    tier_sources = [s for r in t.reasons for s in REASONS[r].sources]
    plain = t.prefix(False) if t.steps else t.prefix(True)
    return {
        "id": t.id,
        "order": n,
        "headline": msgs.get(plain + "headline"),
        "summary": msgs.get(plain + "summary"),
        # What a person who reported thoughts of self-harm reads instead (None: never).
        "crisis_headline": msgs.get(t.prefix(True) + "headline") if t.crisis_steps else None,
        "crisis_summary": msgs.get(t.prefix(True) + "summary") if t.crisis_steps else None,
        "conditions": [msgs.get(f"tier.{t.id}.condition.{i}") for i in range(1, t.conditions + 1)],
        # Other wordings of the same result, and when each is used.
        "variants": [
            {
                "id": v,
                "when": msgs.get(f"tier.{t.id}.{v}.when"),
                "headline": msgs.get(t.prefix(False, v) + "headline"),
                "summary": msgs.get(t.prefix(False, v) + "summary"),
                "crisis_summary": msgs.get(t.prefix(True, v) + "summary") if t.crisis_steps else None,
            }
            for v, _ in t.variants
        ],
        "reasons": list(t.reasons),
        "sources": list(dict.fromkeys(tier_sources)),
        "article": t.article,
    }


def describe(lang: str = text.DEFAULT_LANG) -> dict:
    """Every rule, in words, with its sources, as JSON-able data.

    Shape::

        {"lang", "title", "intro", "version",
         "headings": {"tiers", "urgency", "crisis", "scores", "medical", "other_answers",
                      "not_used", "crisis_wording", "variants", "access", "card"},
         "tiers": [{"id", "order", "headline", "summary", "crisis_headline",
                    "crisis_summary", "conditions": [str],
                    "variants": [{"id", "when", "headline", "summary", "crisis_summary"}],
                    "reasons": [reason ids], "sources": [ids], "article"}],   # contract order
         "urgency": {"intro", "levels": [{"id", "order", "label", "heading", "condition",
                                          "sources": [ids]}]},
         "crisis": {"conditions": [str], "explanation", "lines", "reasons": [ids],
                    "sources": [ids]},
         "scores": [{"id", "name", "about", "max", "sources": [ids],
                     "bands": [{"id", "label", "low", "high"}]}],
         "medical_factors": [{"id", "label", "reason", "sources": [ids], "article",
                              "also_accepted": [old values]}],
         "medical_note": str,              # which version 2 factors were left out, and why
         "other_answers": [{"id", "when", "text", "sources": [ids], "article"}],
         "not_used": [{"id", "text", "sources": [ids], "article"}],
         "not_used_notes": [str],          # answers that never change the result; skipped age
         "access": [{"country", "text", "sources": [ids], "article"}],   # by country
         "card": [str],                    # what the result shows: clinic box, crisis help
         "reasons": [{"id", "text", "when", "sources": [ids], "article"}],   # every reason
         "sources": [every source id used, in order of first use],
         "credit", "disclaimer"}

    Source ids resolve with ``selfcheck.bibliography``.
    """
    msgs = text.catalog(lang)
    crisis_reasons = ("crisis-item-9", "crisis-safety-now", "esketamine-not-crisis-care")
    labels = {o.value: o for o in qn.MEDICAL.options}
    other = ("bipolar-depression", "under-18", "adults-only", "age-65-or-over", "anxiety-led", "mild-symptoms",
             "low-scores")
    not_used = REASONS["diagnoses-not-used"]
    all_sources = [s for r in _REASON_LIST for s in r.sources]
    all_sources += [s for sc in scores.SCREENERS.values() for s in sc.sources]
    all_sources += [s for u in URGENCIES for s in u.sources]
    return {
        "lang": msgs.lang,
        "version": 3,
        "title": msgs.get("describe.title"),
        "intro": msgs.get("describe.intro"),
        "headings": {
            k: msgs.get(f"describe.{k}")
            for k in ("tiers", "urgency", "crisis", "scores", "medical", "other_answers", "not_used",
                      "crisis_wording", "variants", "access", "card")
        },
        "tiers": [_tier_data(n, t, msgs) for n, t in enumerate(TIERS, start=1)],
        "urgency": {
            "intro": msgs.get("describe.urgency_intro"),
            "levels": [
                {
                    "id": u.id,
                    "order": n,
                    "label": msgs.get(f"urgency.{u.id}.label"),
                    "heading": msgs.get(f"urgency.{u.id}.heading"),
                    "condition": msgs.get(f"urgency.{u.id}.condition"),
                    "sources": list(u.sources),
                }
                for n, u in enumerate(URGENCIES, start=1)
            ],
        },
        "crisis": {
            "conditions": [msgs.get("crisis.condition.1"), msgs.get("crisis.condition.2")],
            "explanation": msgs.get("crisis.explanation"),
            "lines": msgs.get("crisis.lines_rule"),
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
                "label": msgs.get(labels[r.id].label),
                "reason": msgs.get(r.text),
                "sources": list(r.sources),
                "article": r.article,
                "also_accepted": list(labels[r.id].aliases),
            }
            for r in FACTOR_REASONS
        ],
        "medical_note": msgs.get("describe.medical_note"),
        "other_answers": [
            {
                "id": REASONS[i].id,
                "when": msgs.get(REASONS[i].when),
                "text": msgs.get(REASONS[i].text),
                "sources": list(REASONS[i].sources),
                "article": REASONS[i].article,
            }
            for i in other
        ],
        "not_used": [
            {
                "id": not_used.id,
                "text": msgs.get(not_used.text),
                "sources": list(not_used.sources),
                "article": not_used.article,
            }
        ],
        # Answers that never change the result, and what happens when the age is skipped.
        "not_used_notes": [msgs.get(f"describe.not_used_note.{n}") for n in range(1, 4)],
        # What the result says about treatment where you live (settings.country).
        "access": [
            {"country": c, "text": msgs.get(REASONS[f"access-{c}"].text), "sources": list(REASONS[f"access-{c}"].sources),
             "article": REASONS[f"access-{c}"].article}
            for c in ACCESS_COUNTRIES
        ],
        # What the result shows besides its words (the card, selfcheck.card).
        "card": [msgs.get(f"describe.card_rule.{n}") for n in range(1, 7)],
        "reasons": [_reason_data(r, msgs) for r in _REASON_LIST],
        "sources": list(dict.fromkeys(all_sources)),
        "credit": msgs.get("screener.credit"),
        "disclaimer": msgs.get("disclaimer.text"),
    }
