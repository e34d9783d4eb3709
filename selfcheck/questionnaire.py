"""The questionnaire's structure, as data.

This module says WHAT is asked, in which order, under which form field names, with
which answer values, and when a question is shown. It holds no English: every
user-facing string is a message id looked up in ``selfcheck/locales/<lang>.toml``
(see ``selfcheck.text``), so a translation is one new TOML file.

Everything else is derived from this one place:

* ``selfcheck.validation`` checks answers against these questions (keys, types,
  allowed values, which check box stands alone, what is required);
* ``selfcheck.forms`` turns raw form values into the answers object;
* ``questions(lang)`` gives the page its form, with strings resolved.

Answer keys and values are fixed by the contract (shared/specs/selfcheck-contract.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import text

# ---------------------------------------------------------------------------
# Shapes
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    value: str  # as a form submits it
    label: str  # message id
    exclusive: bool = False  # a check box that must stand alone ("none", "none-or-unsure")
    # Older values accepted in answers as this option (not shown on the page), e.g.
    # version 1's "recent-mania" for "mania-history".
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShowWhen:
    """Show (and require) a question only when another answer is above a value."""

    name: str  # form field name of the question it depends on
    above: int


@dataclass(frozen=True)
class Question:
    name: str  # form field name; also the question's id
    answer_key: str  # key in the answers object
    index: int | None  # position in the answer_key's list (screener items), else None
    type: Literal["single", "multiple"]
    required: bool  # required whenever shown
    label: str  # message id
    options: tuple[Option, ...]
    # Whether the answers object holds this answer as an integer (screener items,
    # antidepressant_trials) or as the option's string. Forms always send strings.
    integer: bool = False
    help: str | None = None  # message id
    why: str | None = None  # message id: a short "why we ask"
    stem: str | None = None  # message id: the screener's published stem
    show_when: ShowWhen | None = None
    # message id: a note the page shows beside the question; with show_crisis_lines the
    # page puts the crisis contacts right next to it.
    note: str | None = None
    show_crisis_lines: bool = False

    def canonical(self, value: str) -> str | None:
        """The option value ``value`` stands for (itself or an alias's option), else None."""
        for o in self.options:
            if value == o.value or value in o.aliases:
                return o.value
        return None


@dataclass(frozen=True)
class Section:
    id: str
    title: str  # message id
    intro: str | None  # message id
    questions: tuple[Question, ...]


# ---------------------------------------------------------------------------
# The questionnaire
# ---------------------------------------------------------------------------

# PHQ-9 and GAD-7 share the published answer scale: 0 = not at all ... 3 = nearly every day.
FREQUENCY = tuple(Option(str(n), f"screener.option.{n}") for n in range(4))
YES_NO = (Option("yes", "answer.yes"), Option("no", "answer.no"))

PHQ9_ITEMS = 9
GAD7_ITEMS = 7
# Item 9 (index 8) asks about thoughts of being better off dead or of self-harm.
PHQ9_SELF_HARM_INDEX = 8


def _screener_items(key: str, count: int, *, required: bool) -> tuple[Question, ...]:
    # Published item wording lives in the locale file as "<key>.item.<n>"; the stem
    # repeats on each item so the page can show it wherever it needs to.
    items = []
    for n in range(1, count + 1):
        self_harm = key == "phq9" and n == PHQ9_SELF_HARM_INDEX + 1
        items.append(
            Question(
                name=f"{key}-{n}",
                answer_key=key,
                index=n - 1,
                type="single",
                required=required,
                label=f"{key}.item.{n}",
                options=FREQUENCY,
                integer=True,
                stem=f"{key}.stem",
                # Only item 9 gets a "why we ask" and a note: it leads to the crisis panel.
                why=f"{key}.why.{n}" if self_harm else None,
                note=f"{key}.note.{n}" if self_harm else None,
                show_crisis_lines=self_harm,
            )
        )
    return tuple(items)


AGE_GROUPS = ("under-18", "18-64", "65-or-over")

AGE_GROUP = Question(
    name="age_group",
    answer_key="age_group",
    index=None,
    type="single",
    # Optional in the answers (version 1 answers have no age); the page asks it first.
    required=False,
    label="age_group.label",
    help="age_group.help",
    why="age_group.why",
    options=tuple(Option(v, f"age_group.option.{v}") for v in AGE_GROUPS),
)

SAFETY_NOW = Question(
    name="safety_now",
    answer_key="safety_now",
    index=None,
    type="single",
    # Required whenever it is shown: without it the urgent tier could be missed.
    required=True,
    label="safety_now.label",
    options=YES_NO,
    help="safety_now.help",
    why="safety_now.why",
    show_when=ShowWhen(name=f"phq9-{PHQ9_SELF_HARM_INDEX + 1}", above=0),
)

DIAGNOSES = Question(
    name="diagnoses",
    answer_key="diagnoses",
    index=None,
    type="multiple",
    required=False,
    label="diagnoses.label",
    help="diagnoses.help",
    why="diagnoses.why",
    options=tuple(
        Option(v, f"diagnoses.option.{v}", exclusive=(v == "none-or-unsure"))
        for v in (
            "depression",
            "bipolar-depression",
            "anxiety",
            "ptsd",
            "ocd",
            "chronic-pain",
            "none-or-unsure",
        )
    ),
)

ANTIDEPRESSANT_TRIALS = Question(
    name="antidepressant_trials",
    answer_key="antidepressant_trials",
    index=None,
    type="single",
    required=True,
    label="antidepressant_trials.label",
    help="antidepressant_trials.help",
    why="antidepressant_trials.why",
    # 3 means "3 or more".
    options=tuple(Option(str(n), f"antidepressant_trials.option.{n}") for n in range(4)),
    integer=True,
)

PSYCHOTHERAPY = Question(
    name="psychotherapy",
    answer_key="psychotherapy",
    index=None,
    type="single",
    required=False,
    label="psychotherapy.label",
    help="psychotherapy.help",
    why="psychotherapy.why",
    options=YES_NO,
)

# Order matters: it is the order of check boxes on the page and of reasons in results.
MEDICAL_FACTORS = (
    "uncontrolled-high-blood-pressure",
    "heart-disease",
    "aneurysm-avm-or-brain-bleed",
    "stroke-or-heart-attack",
    "seizures",
    "overactive-thyroid",
    "psychosis-now",
    "psychosis-history",
    "mania-history",
    "substance-use",
    "non-medical-ketamine-use",
    "sedatives-or-opioids",
    "pregnant-or-breastfeeding",
    "liver-disease",
    "bladder-problems",
    "breathing-problems",
    "brain-or-eye-pressure",
    "ketamine-allergy",
)
MEDICAL_NONE = "none"
# Version 1's "recent-mania" is still accepted and means "mania-history" (mania or
# hypomania at any time): the reason given for it is mania-history's.
MEDICAL_ALIASES = {"mania-history": ("recent-mania",)}

MEDICAL = Question(
    name="medical",
    answer_key="medical",
    index=None,
    type="multiple",
    # Required so that "no factors" is a deliberate answer, not a skipped question.
    required=True,
    label="medical.label",
    help="medical.help",
    why="medical.why",
    options=tuple(Option(v, f"medical.option.{v}", aliases=MEDICAL_ALIASES.get(v, ())) for v in MEDICAL_FACTORS)
    + (Option(MEDICAL_NONE, f"medical.option.{MEDICAL_NONE}", exclusive=True),),
)

SECTIONS: tuple[Section, ...] = (
    Section(
        id="about",
        title="section.about.title",
        intro="section.about.intro",
        questions=(AGE_GROUP,),
    ),
    Section(
        id="mood",
        title="section.mood.title",
        intro="section.mood.intro",
        questions=_screener_items("phq9", PHQ9_ITEMS, required=True) + (SAFETY_NOW,),
    ),
    Section(
        id="anxiety",
        title="section.anxiety.title",
        intro="section.anxiety.intro",
        # Optional as a whole: all blank means "not answered".
        questions=_screener_items("gad7", GAD7_ITEMS, required=False),
    ),
    Section(
        id="history",
        title="section.history.title",
        intro="section.history.intro",
        questions=(DIAGNOSES, ANTIDEPRESSANT_TRIALS, PSYCHOTHERAPY),
    ),
    Section(
        id="health",
        title="section.health.title",
        intro="section.health.intro",
        questions=(MEDICAL,),
    ),
)


def all_questions() -> tuple[Question, ...]:
    return tuple(q for s in SECTIONS for q in s.questions)


def question(name: str) -> Question:
    for q in all_questions():
        if q.name == name:
            return q
    raise KeyError(name)


def questions_for(answer_key: str) -> tuple[Question, ...]:
    """The questions feeding one answer key, in order (9 for phq9, 1 for most)."""
    return tuple(q for q in all_questions() if q.answer_key == answer_key)


def answer_keys() -> tuple[str, ...]:
    """Answer keys in questionnaire order, each once."""
    seen: dict[str, None] = {}
    for q in all_questions():
        seen.setdefault(q.answer_key, None)
    return tuple(seen)


# ---------------------------------------------------------------------------
# Resolved for a language: the shape the page's form template loops over
# ---------------------------------------------------------------------------


def _opt(msgs: text.Catalog, msg_id: str | None) -> str | None:
    return None if msg_id is None else msgs.get(msg_id)


def questions(lang: str = "en") -> dict:
    """The questionnaire as JSON-able data with its strings resolved.

    Shape (the site's form template depends on it)::

        {"lang", "title", "intro", "credit",
         "sections": [{"id", "title", "intro",
             "questions": [{"id", "name", "answer_key", "index", "type", "required",
                            "label", "help", "why", "stem", "note", "show_crisis_lines",
                            "show_when": None | {"name", "above"},
                            "options": [{"value", "label", "exclusive"}]}]}]}

    Option values are strings, as a form submits them.
    """
    msgs = text.catalog(lang)
    return {
        "lang": msgs.lang,
        "title": msgs.get("questionnaire.title"),
        "intro": msgs.get("questionnaire.intro"),
        "credit": msgs.get("screener.credit"),
        "sections": [
            {
                "id": s.id,
                "title": msgs.get(s.title),
                "intro": _opt(msgs, s.intro),
                "questions": [
                    {
                        "id": q.name,
                        "name": q.name,
                        "answer_key": q.answer_key,
                        "index": q.index,
                        "type": q.type,
                        "required": q.required,
                        "label": msgs.get(q.label),
                        "help": _opt(msgs, q.help),
                        "why": _opt(msgs, q.why),
                        "stem": _opt(msgs, q.stem),
                        "note": _opt(msgs, q.note),
                        "show_crisis_lines": q.show_crisis_lines,
                        "show_when": None
                        if q.show_when is None
                        else {"name": q.show_when.name, "above": q.show_when.above},
                        "options": [
                            {"value": o.value, "label": msgs.get(o.label), "exclusive": o.exclusive}
                            for o in q.options
                        ],
                    }
                    for q in s.questions
                ],
            }
            for s in SECTIONS
        ],
    }


def message_ids() -> set[str]:
    """Every message id this module refers to (for the locale completeness test)."""
    ids = {"questionnaire.title", "questionnaire.intro", "screener.credit"}
    for s in SECTIONS:
        ids.add(s.title)
        if s.intro:
            ids.add(s.intro)
        for q in s.questions:
            ids.update(x for x in (q.label, q.help, q.why, q.stem, q.note) if x)
            ids.update(o.label for o in q.options)
    return ids
