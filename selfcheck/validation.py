"""Checking an answers object against the questionnaire.

One exception type, ``AnswersError``, lists every problem found, each naming its key
(``phq9[3]``, ``medical[1]``, ``safety_now``). Anything that is not a valid answers
object, whatever its shape (nulls, floats, NaN, huge integers, deep nesting, a list at
the top level), raises ``AnswersError`` and nothing else; bad input never produces a
result. The checks are derived from ``selfcheck.questionnaire``, so allowed keys and
values are written down once.

``safety_now``:
* required whenever PHQ-9 item 9 (``phq9[8]``) is above 0, as the page always asks it
  then; without it the urgent tier could be missed silently;
* accepted (and acted on) when item 9 is 0. The page never sends it then, but a
  "yes" must never be dropped: the contract makes ``crisis`` true for either answer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from . import questionnaire as qn
from . import text

# Longest string or key quoted back in a message; the rest is cut.
_QUOTE_LIMIT = 40


@dataclass(frozen=True)
class Problem:
    key: str  # the answer key (or form field name) the problem is about
    code: str  # machine-readable kind, e.g. "required", "integer-range"
    message: str  # readable, in the requested language, naming no question (see key)
    # For the page: the form field to point at ("phq9-3", "safety_now") or None, the
    # question's own wording (or its section's title) or None, and one full sentence
    # for a patient that names the question in its own words and never a key.
    field: str | None = None
    question: str | None = None
    text: str = ""

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "code": self.code,
            "message": self.message,
            "field": self.field,
            "question": self.question,
            "text": self.text,
        }


# At most this many problems are listed; the rest are counted ("and N more").
MAX_PROBLEMS = 50


class AnswersError(ValueError):
    """Bad answers. ``problems`` lists the problems found (at most ``MAX_PROBLEMS``),
    each naming its key; ``more`` counts the ones left off."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], lang: str = text.DEFAULT_LANG):
        problems = tuple(problems)
        self.problems = problems[:MAX_PROBLEMS]
        self.more = len(problems) - len(self.problems)
        self.lang = lang if lang in text.available_languages() else text.DEFAULT_LANG
        super().__init__("; ".join(self.lines()))

    def more_line(self) -> str | None:
        """"and N more problems", or None when every problem is listed."""
        if not self.more:
            return None
        return text.catalog(self.lang).get("problem.more", count=str(self.more))

    def lines(self) -> list[str]:
        """One line per problem, naming its key, then the "and N more" line if any."""
        out = [str(p) for p in self.problems]
        more = self.more_line()
        return out + [more] if more else out

    def as_dict(self) -> dict:
        """JSON-able form for the page:
        ``{"error": "invalid-answers", "problems": [...], "more": N, "more_text": str | None}``."""
        return {
            "error": "invalid-answers",
            "problems": [p.as_dict() for p in self.problems],
            "more": self.more,
            "more_text": self.more_line(),
        }


@dataclass(frozen=True)
class Answers:
    """A validated answers object, as the rules read it."""

    phq9: tuple[int, ...]
    antidepressant_trials: int
    medical: tuple[str, ...]  # factors named, in questionnaire order; "none" -> ()
    gad7: tuple[int, ...] | None = None  # None: not answered
    safety_now: str | None = None
    diagnoses: tuple[str, ...] = ()
    psychotherapy: str | None = None
    age_group: str | None = None  # None: not answered (version 1 answers)


# ---------------------------------------------------------------------------
# Quoting values back safely (never repr a huge int or a deep structure)
# ---------------------------------------------------------------------------


def _printable(s: str) -> str:
    # One problem per line on the command line: escape newlines, U+2028 and friends.
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in s)


def _quote(s: str) -> str:
    cut = s if len(s) <= _QUOTE_LIMIT else s[:_QUOTE_LIMIT] + "…"
    return _printable(json.dumps(cut, ensure_ascii=False))


def describe_value(value: object, msgs: text.Catalog) -> str:
    """A short, safe rendering of any value, for "got ..." in messages."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        # str() of a huge int is slow or raises (int max str digits).
        return str(value) if value.bit_length() <= 64 else msgs.get("value.huge-number")
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, (list, tuple)):
        return msgs.get("value.list")
    if isinstance(value, Mapping):
        return msgs.get("value.object")
    return msgs.get("value.other", type=_printable(type(value).__name__[:_QUOTE_LIMIT]))


def key_name(key: object) -> str:
    """How an (unknown) key is named in a message."""
    if isinstance(key, str) and key.isprintable() and 0 < len(key) <= _QUOTE_LIMIT:
        return key
    if isinstance(key, str):
        return _quote(key)
    return f"<{_printable(type(key).__name__[:_QUOTE_LIMIT])} key>"


def _choices(options) -> str:
    return ", ".join(json.dumps(o.value) for o in options)


def is_int(value: object) -> bool:
    # bool is a subclass of int, but true is not an answer of 1.
    return isinstance(value, int) and not isinstance(value, bool)


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def locate(key: str) -> tuple[str | None, str | None]:
    """The form field and the message id of the question (or section title) a problem
    key is about: ``"phq9[2]"`` -> ``("phq9-3", "phq9.item.3")``; ``(None, None)`` for keys
    that are no question (unknown keys, the whole answers object)."""
    base, _, rest = key.partition("[")
    try:
        return base, qn.question(base).label  # a form field name
    except KeyError:
        pass
    items = qn.questions_for(base)
    if not items:
        return None, None
    if items[0].index is None:
        return items[0].name, items[0].label
    if rest.rstrip("]").isdigit() and int(rest.rstrip("]")) < len(items):
        q = items[int(rest.rstrip("]"))]
        return q.name, q.label
    # The screener as a whole: point at its first item, name it by its section.
    section = next(s for s in qn.SECTIONS if items[0] in s.questions)
    return items[0].name, section.title


# Problems about the input's shape, never about one question.
_NOT_A_QUESTION = ("unknown-key", "not-an-object")


class _Checker:
    def __init__(self, msgs: text.Catalog):
        self.msgs = msgs
        self.problems: list[Problem] = []

    def add(self, key: str, code: str, option: str | None = None, **values: object) -> None:
        """Record a problem. ``option``: the message id of the option the patient's
        sentence names (for "tick none on its own")."""
        fields = {k: (v if isinstance(v, str) else str(v)) for k, v in values.items()}
        # A key that is no question is about no question, even when it is shaped like one
        # ("phq9-1" in an answers object, "phq9" or "medical[0]" in a form).
        field, question_id = (None, None) if code in _NOT_A_QUESTION else locate(key)
        question = self.msgs.get(question_id) if question_id else None
        self.problems.append(
            Problem(
                key,
                code,
                self.msgs.get(f"problem.{code}", **fields),
                field=field,
                question=question,
                text=self._sentence(code, question, option),
            )
        )

    def _sentence(self, code: str, question: str | None, option: str | None) -> str:
        if question is None or not self.msgs.has(f"problem_text.{code}"):
            return self.msgs.get("problem_text.general")
        values = {"question": question}
        if option is not None:
            values["option"] = self.msgs.get(option)
        return self.msgs.get(f"problem_text.{code}", **values)

    def got(self, value: object) -> str:
        return describe_value(value, self.msgs)

    # Each check returns the clean value, or None when it found a problem.

    def integer_in(self, key: str, value: object, low: int, high: int) -> int | None:
        if is_int(value) and low <= value <= high:
            return int(value)
        self.add(key, "integer-range", low=low, high=high, got=self.got(value))
        return None

    def screener(self, key: str, value: object, items: tuple[qn.Question, ...]) -> tuple[int, ...] | None:
        count = len(items)
        if not isinstance(value, (list, tuple)):
            self.add(key, "not-a-list", count=count, got=self.got(value))
            return None
        if len(value) != count:
            self.add(key, "wrong-length", count=count, actual=len(value))
            return None
        low, high = _int_range(items[0])
        clean = [self.integer_in(f"{key}[{i}]", v, low, high) for i, v in enumerate(value)]
        return None if any(v is None for v in clean) else tuple(clean)  # type: ignore[misc]

    def single(self, key: str, value: object, q: qn.Question) -> int | str | None:
        if q.integer:
            low, high = _int_range(q)
            return self.integer_in(key, value, low, high)
        if isinstance(value, str) and value in {o.value for o in q.options}:
            return value
        self.add(key, "choice", choices=_choices(q.options), got=self.got(value))
        return None

    def multiple(self, key: str, value: object, q: qn.Question) -> tuple[str, ...] | None:
        if not isinstance(value, (list, tuple)):
            self.add(key, "not-a-string-list", got=self.got(value))
            return None
        exclusive = {o.value: o for o in q.options if o.exclusive}
        ok = True
        seen: set[str] = set()
        clean: dict[str, None] = {}  # canonical values, in order
        for i, v in enumerate(value):
            item_key = f"{key}[{i}]"
            canonical = q.canonical(v) if isinstance(v, str) else None
            if canonical is None:
                self.add(item_key, "choice", choices=_choices(q.options), got=self.got(v))
                ok = False
            elif v in seen:
                self.add(item_key, "duplicate", got=self.got(v))
                ok = False
            else:
                # An old value and its new name ("recent-mania", "mania-history") mean
                # the same answer: it is counted once.
                seen.add(v)
                clean[canonical] = None
        for v in sorted(set(clean) & set(exclusive)):
            if len(clean) > 1:
                self.add(key, "not-alone", option=exclusive[v].label, got=self.got(v))
                ok = False
        if q.required and not value:
            names = " / ".join(json.dumps(o.value) for o in q.options if o.exclusive)
            first = next(iter(exclusive.values()), None)
            self.add(key, "empty", option=first.label if first else None, exclusive=names)
            ok = False
        return tuple(clean) if ok else None


def _int_range(q: qn.Question) -> tuple[int, int]:
    values = [int(o.value) for o in q.options]
    return min(values), max(values)


def _shown(q: qn.Question, clean: dict) -> bool | None:
    """Whether a conditional question is shown; None if its trigger is itself invalid."""
    if q.show_when is None:
        return True
    trigger = qn.question(q.show_when.name)
    value = clean.get(trigger.answer_key)
    if value is None:
        return None
    if trigger.index is not None:
        value = value[trigger.index]
    return value > q.show_when.above


def validate(answers: object, lang: str = text.DEFAULT_LANG) -> Answers:
    """Check ``answers`` (the contract's answers object) and return it as ``Answers``.

    Raises AnswersError listing every problem; nothing else for any input.
    """
    check = _Checker(text.catalog(lang))
    if not isinstance(answers, Mapping):
        check.add("answers", "not-an-object", got=check.got(answers))
        raise AnswersError(check.problems, lang)

    keys = qn.answer_keys()
    for key in answers:
        if not (isinstance(key, str) and key in keys):
            check.add(key_name(key), "unknown-key")

    clean: dict[str, object] = {}
    for key in keys:
        if key not in answers:
            continue
        items = qn.questions_for(key)
        value = answers[key]
        if items[0].index is not None:
            result = check.screener(key, value, items)
        elif items[0].type == "multiple":
            result = check.multiple(key, value, items[0])
        else:
            result = check.single(key, value, items[0])
        if result is not None:
            clean[key] = result

    # Required keys: a screener is required if its items are; a conditional question
    # only when it is shown. An invalid trigger was reported already.
    for key in keys:
        if key in answers:
            continue
        q = qn.questions_for(key)[0]
        if not q.required:
            continue
        shown = _shown(q, clean)
        if shown is True and q.show_when is None:
            check.add(key, "required")
        elif shown is True:
            trigger = qn.question(q.show_when.name)
            other = f"{trigger.answer_key}[{trigger.index}]" if trigger.index is not None else trigger.answer_key
            check.add(key, "required-when", other=other, above=q.show_when.above)

    if check.problems:
        raise AnswersError(check.problems, lang)

    medical = tuple(f for f in qn.MEDICAL_FACTORS if f in clean["medical"])
    return Answers(
        phq9=clean["phq9"],  # type: ignore[arg-type]
        antidepressant_trials=clean["antidepressant_trials"],  # type: ignore[arg-type]
        medical=medical,
        gad7=clean.get("gad7"),  # type: ignore[arg-type]
        safety_now=clean.get("safety_now"),  # type: ignore[arg-type]
        diagnoses=clean.get("diagnoses", ()),  # type: ignore[arg-type]
        psychotherapy=clean.get("psychotherapy"),  # type: ignore[arg-type]
        age_group=clean.get("age_group"),  # type: ignore[arg-type]
    )
