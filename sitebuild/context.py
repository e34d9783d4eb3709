"""Everything the templates read, gathered once per build from the project's data.

Templates get ``config.extra.site``: the validated clinic, the crisis lines for its country,
the site's strings in the page language, the bibliography, and the self-check's questionnaire
(the same data ``python -m selfcheck questions`` prints). Templates only loop and branch over
this; they never compute.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import selfcheck
from selfcheck import bibliography, crisis

from . import crisis_help, page_meta
from .clinic import Clinic, ClinicSettingsError, load_clinic, phone_digits

def load_site_text(root: Path, lang: str) -> dict:
    path = root / "sitebuild" / "locales" / f"{lang}.toml"
    if not path.is_file():
        raise FileNotFoundError(f"No site text for language {lang!r}: expected {path}")
    with path.open("rb") as f:
        return tomllib.load(f)


def crisis_lines(clinic: Clinic, lang: str) -> list[dict]:
    """The clinic's own crisis lines when it lists them, then its country's emergency line
    (``selfcheck.crisis.with_country_emergency``: only that is ever shown as the emergency
    number), else its country's defaults. Either way the list ends with the engine's "or
    your local emergency number" entry."""
    if clinic.crisis_lines:
        # Same shape as selfcheck.crisis.lines_for, so one template serves both.
        return crisis.with_country_emergency([
            {
                "id": f"clinic-{i}",
                "name": line["name"],
                "number": str(line["number"]),
                "tel": phone_digits(str(line["number"])),
                "how": list(line.get("how") or ["call"]),
                "url": line.get("url"),
                "keyword": None,
                "press": None,
                "emergency": bool(line.get("emergency", False)),
                "secondary": False,
                "description": line["description"],
            }
            for i, line in enumerate(clinic.crisis_lines, start=1)
        ], clinic.country, lang)
    return crisis.lines_for(clinic.country, lang)


def engine_settings(clinic: Clinic, lang: str, lines: list[dict]) -> dict:
    """The self-check engine's settings, checked here by the engine itself: settings the
    engine would refuse in the browser stop the build instead."""
    settings = clinic.as_engine_settings(lang, lines)
    try:
        selfcheck.prepare(settings)
    except selfcheck.SettingsError as exc:
        raise ClinicSettingsError([str(exc).replace("settings.clinic.", "extra.clinic.")
                                   .replace("settings.crisis_lines", "extra.clinic.crisis_lines")]) from None
    return settings


def site_context(root: Path, extra: dict, lang: str, *, today: dt.date | None = None) -> dict:
    """``today``: the build's date (a reviewer's date may not be after it; None: the real date)."""
    clinic = load_clinic(extra, today=today)
    lines = crisis_lines(clinic, lang)
    text = load_site_text(root, lang)
    clinic_data = clinic.as_template_data()
    if clinic_data.get("reviewer"):
        # The reviewer's date as the page's own review dates read (the locale's month names).
        reviewed_on = dt.date.fromisoformat(clinic_data["reviewer"]["reviewed_on"])
        clinic_data["reviewer"]["reviewed_on_text"] = page_meta.format_date(reviewed_on, text["dates"])
    return {
        "lang": lang,
        "clinic": clinic_data,
        "crisis_lines": lines,
        # Every line as the site lists it (the get-help page, "Need help now?"), with the
        # engine's buttons (selfcheck.crisis.shown): the same words as the result card.
        "crisis_list": crisis.shown(lines, lang),
        # How the lines are shown, decided by the engine (selfcheck.crisis.grouped): the one
        # emergency action, the 2 or 3 main lines, "Other helplines", the local number. The
        # self-check's result card shows the same groups.
        "crisis_groups": crisis.grouped(lines, lang),
        "frame_ancestors": clinic.frame_ancestors,
        "engine_settings": engine_settings(clinic, lang, lines),
        "text": text,
        # Crisis help worked out from the same lines (sitebuild/crisis_help.py).
        "crisis_banner": crisis_help.banner(lines, text["crisis"]),
        "crisis_countries": [
            {**section, "lines": crisis.shown(section["lines"], lang)}
            for section in crisis_help.country_sections(clinic.country, lines, lang, text["crisis"])
        ],
        # The engine's own loader: one parser, which also checks every entry's fields.
        "bibliography": {sid: source.as_dict() for sid, source in bibliography.load().items()},
        "questionnaire": selfcheck.questions(lang),
    }
