"""Turning raw form values into the contract's answers object.

The page can post its form as it is (field name -> string, or list of strings for
check boxes and repeated names, as ``FormData`` or ``parse_qs`` give them) and Python
does the conversion, so the browser needs no scoring or parsing logic of its own.

Problems are reported with the same ``AnswersError``, naming form fields
(``phq9-4``, ``gad7-2``, ``medical``):

* a blank or missing value means "not answered";
* every PHQ-9 item is required; the GAD-7 is optional as a whole, so all blank means
  not answered, but a partly answered GAD-7 is an error naming each blank item;
* ``diagnoses`` and ``medical`` are check boxes: missing means none ticked;
* unknown field names are errors, as unknown keys are in the answers object.

The converted answers are then checked by ``validation.validate`` as well, so the
result is always a valid answers object or an ``AnswersError``.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import questionnaire as qn
from . import text
from .validation import AnswersError, _Checker, key_name, validate


def _values(check: _Checker, name: str, raw: object) -> list[str] | None:
    """The submitted strings for one field, or None after reporting a problem."""
    items = list(raw) if isinstance(raw, (list, tuple)) else [raw]
    for v in items:
        if not isinstance(v, str):
            check.add(name, "form-value", got=check.got(v))
            return None
    return items


def _single(check: _Checker, name: str, raw: object) -> str | None:
    """The one submitted string ('' when blank), or None after reporting a problem."""
    values = _values(check, name, raw)
    if values is None:
        return None
    non_blank = [v for v in values if v != ""]
    if len(non_blank) > 1:
        check.add(name, "form-one-value", count=len(non_blank))
        return None
    return non_blank[0] if non_blank else ""


def _parse_single(check: _Checker, q: qn.Question, value: str) -> int | str | None:
    options = {o.value for o in q.options}
    if value not in options:
        check.add(q.name, "choice", choices=", ".join(f'"{o.value}"' for o in q.options), got=check.got(value))
        return None
    return int(value) if q.integer else value


def answers_from_form(form: object, lang: str = text.DEFAULT_LANG) -> dict:
    """The answers object for flat form values, e.g. ``{"phq9-1": "2", "medical": ["none"]}``.

    Raises AnswersError (and nothing else) when the form values are not a complete,
    valid set of answers.
    """
    check = _Checker(text.catalog(lang))
    if not isinstance(form, Mapping):
        check.add("form", "not-an-object", got=check.got(form))
        raise AnswersError(check.problems, lang)

    names = {q.name for q in qn.all_questions()}
    for name in form:
        if not (isinstance(name, str) and name in names):
            check.add(key_name(name), "unknown-key")

    answers: dict[str, object] = {}
    for key in qn.answer_keys():
        questions = qn.questions_for(key)
        first = questions[0]
        if first.index is not None:
            # A screener: one field per item, collected into a list.
            raw = {q.name: _single(check, q.name, form.get(q.name, "")) for q in questions}
            if any(v is None for v in raw.values()):
                continue
            blank = [name for name, v in raw.items() if v == ""]
            if len(blank) == len(questions) and not first.required:
                continue  # optional screener left blank: not answered
            for name in blank:
                check.add(name, "required" if first.required else "required-with-section")
            parsed = [_parse_single(check, q, v) for q, v in zip(questions, raw.values()) if v != ""]
            if not blank and all(v is not None for v in parsed):
                answers[key] = parsed
        elif first.type == "multiple":
            values = _values(check, first.name, form.get(first.name, []))
            if values:
                answers[key] = values  # duplicates and unknowns are left to validate()
        else:
            value = _single(check, first.name, form.get(first.name, ""))
            if value:
                parsed = _parse_single(check, first, value)
                if parsed is not None:
                    answers[key] = parsed

    # Then the answers-object checks (required keys, safety_now, check boxes that must
    # stand alone), so one submission reports every problem. Keys already reported
    # above are skipped: a blank phq9-4 should not also say "phq9: is required".
    reported = {_answer_key(p.key) for p in check.problems}
    try:
        validate(answers, lang)
    except AnswersError as exc:
        check.problems.extend(p for p in exc.problems if _answer_key(p.key) not in reported)
    if check.problems:
        raise AnswersError(check.problems, lang)
    return answers


def _answer_key(problem_key: str) -> str:
    """The answer key a problem is about: "phq9-4" -> "phq9", "medical[1]" -> "medical"."""
    base = problem_key.split("[", 1)[0]
    try:
        return qn.question(base).answer_key
    except KeyError:
        return base
