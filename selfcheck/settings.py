"""Settings for one evaluation: language, hosting clinic, country for crisis lines.

``settings`` come from the site's configuration, not from the person answering, so a
mistake in them is a ``SettingsError`` (a ValueError), never an ``AnswersError``.

Shape (every key optional)::

    {"lang": "en",
     "clinic": {"name": "...", "phone": "...", "booking_url": "..."} or None,
     "country": "US",
     "crisis_lines": [...] or None}   # replaces the country's lines (same dicts as
                                      # crisis.lines_for), when a clinic lists its own

A clinic with an empty name counts as no clinic; the consult prompt then names "a
qualified clinician".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import crisis, text


class SettingsError(ValueError):
    """The settings passed to evaluate() are not valid."""


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str | None = None
    booking_url: str | None = None


@dataclass(frozen=True)
class Settings:
    lang: str = text.DEFAULT_LANG
    clinic: Clinic | None = None
    country: str = crisis.DEFAULT_COUNTRY
    crisis_lines: tuple[dict, ...] | None = None


_KEYS = ("lang", "clinic", "country", "crisis_lines")
# What a crisis line needs for the result (the shape of crisis.lines_for).
_LINE_FIELDS = {"id": str, "name": str, "number": str, "tel": str, "how": list,
                "emergency": bool, "description": str}
_CLINIC_KEYS = ("name", "phone", "booking_url")


def _optional_text(where: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SettingsError(f"{where} must be a string or null, got {type(value).__name__}")
    return value.strip() or None


def parse(settings: object) -> Settings:
    if settings is None:
        return Settings()
    if not isinstance(settings, Mapping):
        raise SettingsError(f"settings must be an object, got {type(settings).__name__}")
    unknown = [k for k in settings if k not in _KEYS]
    if unknown:
        raise SettingsError(f"unknown settings: {', '.join(map(repr, unknown))}; known: {', '.join(_KEYS)}")

    lang = settings.get("lang", text.DEFAULT_LANG)
    if lang not in text.available_languages():
        raise SettingsError(f"settings.lang: no locale {lang!r}; available: {', '.join(text.available_languages())}")

    try:
        country = crisis.normalise_country(settings.get("country", crisis.DEFAULT_COUNTRY))
    except ValueError as exc:
        raise SettingsError(f"settings.country: {exc}") from None

    clinic = None
    raw = settings.get("clinic")
    if raw is not None:
        if not isinstance(raw, Mapping):
            raise SettingsError(f"settings.clinic must be an object or null, got {type(raw).__name__}")
        unknown = [k for k in raw if k not in _CLINIC_KEYS]
        if unknown:
            raise SettingsError(f"unknown clinic settings: {', '.join(map(repr, unknown))}")
        name = _optional_text("settings.clinic.name", raw.get("name"))
        if name:
            clinic = Clinic(
                name=name,
                phone=_optional_text("settings.clinic.phone", raw.get("phone")),
                booking_url=_optional_text("settings.clinic.booking_url", raw.get("booking_url")),
            )
    return Settings(lang=lang, clinic=clinic, country=country,
                    crisis_lines=_crisis_lines(settings.get("crisis_lines")))


def _crisis_lines(raw: object) -> tuple[dict, ...] | None:
    """A clinic's own crisis lines, so results show the same lines as the page. They
    must include an emergency line (``crisis.clinic_list_problems``)."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        raise SettingsError("settings.crisis_lines must be a non-empty list or null")
    lines = []
    for i, line in enumerate(raw):
        if not isinstance(line, Mapping):
            raise SettingsError(f"settings.crisis_lines[{i}] must be an object")
        for field, kind in _LINE_FIELDS.items():
            if not isinstance(line.get(field), kind):
                raise SettingsError(f"settings.crisis_lines[{i}].{field} must be a {kind.__name__}")
        lines.append({**line, "how": list(line["how"]), "url": line.get("url")})
    problems = crisis.clinic_list_problems(lines)
    if problems:
        raise SettingsError("; ".join(f"settings.crisis_lines {p}" for p in problems))
    return tuple(lines)
