"""Non-binding self-check for people considering ketamine therapy.

Turns answers (PHQ-9, GAD-7, treatment history, medical factors) into guidance that
always urges a conversation with a clinician. Standard library only, so the same code
runs under pytest, on the command line and in the browser (Pyodide).

Public API:

* ``evaluate(answers, settings=None) -> dict``: the contract's result object;
* ``evaluate_form(form, settings=None) -> dict``: the same from raw form values;
* ``answers_from_form(form, lang="en") -> dict``: raw form values -> answers object;
* ``questions(lang="en") -> dict``: the questionnaire with its strings resolved;
* ``describe(lang="en") -> dict``: every rule in words, with sources;
* ``lines_for(country="US", lang="en") -> list[dict]``: crisis lines;
* ``AnswersError`` (a ValueError) with ``.problems``; ``SettingsError`` (a ValueError).
"""

from .crisis import lines_for
from .engine import evaluate, evaluate_form
from .forms import answers_from_form
from .questionnaire import questions
from .rules import describe
from .settings import SettingsError
from .validation import AnswersError, Problem

__all__ = [
    "AnswersError",
    "Problem",
    "SettingsError",
    "answers_from_form",
    "describe",
    "evaluate",
    "evaluate_form",
    "lines_for",
    "questions",
]
