"""What the page's module worker calls: JSON text in, JSON text out, never an exception.

The worker (``docs/assets/javascripts/selfcheck-worker.js``) only loads Pyodide, calls
these two functions and posts their JSON back, so no Python object crosses into
JavaScript and every decision stays here, where pytest sees it::

    setup(settings_json) -> '{"type": "ready"}'
                          | '{"type": "failed", "reason": "settings" | "start"}'
    evaluate(form_json, today) -> '{"ok": true, "result": {...}}'
                                | '{"ok": false, "errors": [problem dicts], "more": str | null}'
                                | '{"ok": false, "fatal": true}'

``setup`` is called once, right after the worker starts; the settings are checked then,
not on every submit. ``evaluate`` takes the raw form values as the page sends them (see
``selfcheck.forms``) and the visitor's date ("YYYY-MM-DD", or null). A bug never becomes an
exception in the worker: it becomes ``fatal`` and one line on standard error (the console).
"""

from __future__ import annotations

import json
import sys
import traceback

from .engine import Engine, prepare
from .settings import SettingsError
from .validation import AnswersError

_engine: Engine | None = None


def _reply(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False)


def _log(what: str) -> None:
    try:
        print(f"selfcheck: {what}", file=sys.stderr)
        traceback.print_exc(limit=8, file=sys.stderr)
    except Exception:  # noqa: BLE001 - logging must never raise either
        pass


def setup(settings_json: object) -> str:
    """Check the site's settings once and keep the engine for ``evaluate``."""
    global _engine
    _engine = None
    try:
        settings = json.loads(settings_json) if isinstance(settings_json, (str, bytes)) else None
        _engine = prepare(settings)
        return _reply({"type": "ready"})
    except (SettingsError, ValueError):
        _log("the site's self-check settings are not valid")
        return _reply({"type": "failed", "reason": "settings"})
    except BaseException:  # noqa: BLE001 - the worker must get an answer, whatever happened
        _log("the engine could not start")
        return _reply({"type": "failed", "reason": "start"})


def evaluate(form_json: object, today: object = None) -> str:
    """The result for raw form values, or the problems with them, as JSON text."""
    try:
        if _engine is None:
            raise RuntimeError("evaluate() before a successful setup()")
        form = json.loads(form_json) if isinstance(form_json, (str, bytes)) else form_json
        result = _engine.evaluate_form(form, today if isinstance(today, str) else None)
        return _reply({"ok": True, "result": result})
    except AnswersError as error:
        # At most 50 problems; "more" is the "and N more problems" line, or None.
        return _reply({"ok": False, "errors": [p.as_dict() for p in error.problems], "more": error.more_line()})
    except BaseException:  # noqa: BLE001 - a bug is "fatal" for the page, never a thrown error
        _log("evaluation failed")
        return _reply({"ok": False, "fatal": True})
