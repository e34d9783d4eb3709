"""Non-binding self-check for people considering ketamine therapy.

Turns answers (PHQ-9, GAD-7, treatment history, medical factors) into guidance that
always urges a conversation with a clinician. Standard library only, so the same code
runs under pytest, on the command line and in the browser (Pyodide).

Public API:

* ``prepare(settings=None) -> Engine``: settings checked once; then
  ``engine.evaluate(answers, today=None)`` and ``engine.evaluate_form(form, today=None)``
  give the contract's result object, with its ``card`` (``selfcheck.card``);
* ``evaluate(answers, settings=None, today=None) -> dict``: ``prepare(settings).evaluate``;
* ``evaluate_form(form, settings=None, today=None) -> dict``: the same from raw form values;
* ``answers_from_form(form, lang="en") -> dict``: raw form values -> answers object;
* ``questions(lang="en") -> dict``: the questionnaire with its strings resolved;
* ``describe(lang="en") -> dict``: every rule in words, with sources;
* ``lines_for(country="US", lang="en") -> list[dict]``: crisis lines;
* ``crisis.grouped(lines, lang)``: how a list of lines is shown (emergency action, groups);
* ``selfcheck.browser``: ``setup`` / ``evaluate`` for the page's worker (JSON, never raises);
* ``AnswersError`` (a ValueError) with ``.problems``; ``SettingsError`` (a ValueError).
"""

from .crisis import lines_for
from .engine import Engine, evaluate, evaluate_form, prepare
from .forms import answers_from_form
from .questionnaire import questions
from .rules import describe
from .settings import SettingsError
from .validation import AnswersError, Problem

__all__ = [
    "AnswersError",
    "Engine",
    "Problem",
    "SettingsError",
    "answers_from_form",
    "describe",
    "evaluate",
    "evaluate_form",
    "lines_for",
    "prepare",
    "questions",
]
