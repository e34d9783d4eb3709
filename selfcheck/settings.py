"""Settings for evaluations: language, country, hosting clinic, crisis lines, article titles.

``settings`` come from the site's configuration, not from the person answering, so a
mistake in them is a ``SettingsError`` (a ValueError), never an ``AnswersError``. They are
checked once (``parse``, called by ``selfcheck.prepare``), not on every evaluation.

Shape (contract version 3; every key optional, unknown keys are errors)::

    {"lang": "en",
     "country": "US",                        # US, GB, CA, AU ("UK" means GB)
     "clinic": {"name": "...",               # the hosting clinic, for the consult line and
                "phone": "...",              # the clinic box (7 to 15 digits)
                "booking_url": "https://...",
                "address": "...",            # printed with the clinic's contact
                "interest": "...",           # one line: "We offer ketamine treatment."
                "publisher": "..."} or None, # who publishes the site; defaults to name
     "crisis_lines": [...] or None,          # a clinic's own list (crisis.lines_for dicts)
     "articles": {"learn/x/": "Title", ...} or None}   # titles for "Read more" links

The rule for a clinic without a name: it is no clinic for the consult line and the clinic
box (no call or booking action: a phone number or booking page needs a name, and naming
one without is a SettingsError), but its ``publisher`` and ``interest`` still give the
box's disclosure. ``phone``, ``booking_url``, ``interest`` and ``publisher`` are checked
as the site build checks them (``sitebuild/clinic.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import crisis, text


class SettingsError(ValueError):
    """The settings passed to the engine are not valid."""


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str | None = None
    booking_url: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Settings:
    lang: str = text.DEFAULT_LANG
    clinic: Clinic | None = None
    country: str = crisis.DEFAULT_COUNTRY
    crisis_lines: tuple[dict, ...] | None = None  # a clinic's list, with the country's emergency line
    publisher: str | None = None  # who publishes the site (the clinic unless another is named)
    interest: str | None = None  # the clinic's one-line statement of interest
    articles: dict[str, str] = field(default_factory=dict)  # site path -> title


_KEYS = ("lang", "clinic", "country", "crisis_lines", "articles")
# What a crisis line needs for the result (the shape of crisis.lines_for).
_LINE_FIELDS = {"id": str, "name": str, "number": str, "tel": str, "how": list,
                "emergency": bool, "description": str}
_CLINIC_KEYS = ("name", "phone", "booking_url", "address", "interest", "publisher")
# As the site build checks them (sitebuild/clinic.py).
_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]*$")
_TEL = re.compile(r"^\+?[0-9]+$")
CLINIC_PHONE_DIGITS = (7, 15)
CRISIS_NUMBER_DIGITS = (3, 15)
_TEXT_LIMIT = 200
_PATH = re.compile(r"^[A-Za-z0-9._~\-/]*$")
# https://, a host, then anything but spaces (no urllib: the browser's trimmed standard
# library does not carry it).
_HTTPS = re.compile(r"^https://[^\s/?#]+([/?#]\S*)?$")


def _control(c: str) -> bool:
    """A control character or a line break (a name may hold any other character)."""
    return ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029"


def _one_line(where: str, value: object, limit: int = _TEXT_LIMIT) -> str | None:
    """Text on one line (no control characters), or None when null or blank."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise SettingsError(f"{where} must be text or null, got {type(value).__name__}")
    clean = value.strip()
    if any(_control(c) for c in clean):
        raise SettingsError(f"{where} must be one line of text, without line breaks or control characters")
    if len(clean) > limit:
        raise SettingsError(f"{where} must be at most {limit} characters, got {len(clean)}")
    return clean or None


def phone_problem(number: str, low: int, high: int) -> str | None:
    """Why ``number`` is not a phone number of ``low`` to ``high`` digits, or None."""
    count = len(re.sub(r"\D", "", number))
    if not _PHONE.match(number.strip()) or not low <= count <= high:
        return (f"expected a phone number of {low} to {high} digits (spaces, dashes, brackets and "
                f"a leading + allowed), got {number.strip()[:40]!r}")
    return None


def _phone(where: str, value: object) -> str | None:
    number = _one_line(where, value)
    if number is None:
        return None
    problem = phone_problem(number, *CLINIC_PHONE_DIGITS)
    if problem:
        raise SettingsError(f"{where}: {problem}")
    return number


def _https(where: str, value: object) -> str | None:
    url = _one_line(where, value, limit=2000)
    if url is None:
        return None
    if not _HTTPS.match(url):
        raise SettingsError(f"{where}: expected an https:// web address, got {url[:60]!r}")
    return url


def parse(settings: object) -> Settings:
    if settings is None:
        return Settings()
    if not isinstance(settings, Mapping):
        raise SettingsError(f"settings must be an object, got {type(settings).__name__}")
    unknown = [k for k in settings if k not in _KEYS]
    if unknown:
        raise SettingsError(f"unknown settings: {', '.join(map(repr, unknown))}; known: {', '.join(_KEYS)}")

    lang = settings.get("lang", text.DEFAULT_LANG)
    if not isinstance(lang, str) or lang not in text.available_languages():
        raise SettingsError(f"settings.lang: no locale {lang!r}; available: {', '.join(text.available_languages())}")

    try:
        country = crisis.normalise_country(settings.get("country", crisis.DEFAULT_COUNTRY))
    except ValueError as exc:
        raise SettingsError(f"settings.country: {exc}") from None

    clinic, publisher, interest = _clinic(settings.get("clinic"))
    lines = _crisis_lines(settings.get("crisis_lines"))
    return Settings(
        lang=lang,
        clinic=clinic,
        country=country,
        crisis_lines=None if lines is None else tuple(crisis.with_country_emergency(list(lines), country, lang)),
        publisher=publisher,
        interest=interest,
        articles=_articles(settings.get("articles")),
    )


def _clinic(raw: object) -> tuple[Clinic | None, str | None, str | None]:
    """The clinic (None without a name), the publisher and the interest statement."""
    if raw is None:
        return None, None, None
    if not isinstance(raw, Mapping):
        raise SettingsError(f"settings.clinic must be an object or null, got {type(raw).__name__}")
    unknown = [k for k in raw if k not in _CLINIC_KEYS]
    if unknown:
        raise SettingsError(f"unknown clinic settings: {', '.join(map(repr, unknown))}; known: {', '.join(_CLINIC_KEYS)}")
    name = _one_line("settings.clinic.name", raw.get("name"))
    phone = _phone("settings.clinic.phone", raw.get("phone"))
    booking_url = _https("settings.clinic.booking_url", raw.get("booking_url"))
    address = _one_line("settings.clinic.address", raw.get("address"))
    interest = _one_line("settings.clinic.interest", raw.get("interest"))
    publisher = _one_line("settings.clinic.publisher", raw.get("publisher")) or name
    if not name:
        given = [k for k, v in (("phone", phone), ("booking_url", booking_url), ("address", address)) if v]
        if given:
            raise SettingsError(f"settings.clinic.name is needed when {', '.join(given)} is set")
        return None, publisher, interest
    return Clinic(name=name, phone=phone, booking_url=booking_url, address=address), publisher, interest


def _articles(raw: object) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise SettingsError(f"settings.articles must be an object (site path -> title) or null, got {type(raw).__name__}")
    out = {}
    for path, title in raw.items():
        if not isinstance(path, str) or not _PATH.match(path) or path.startswith("/") or ".." in path:
            raise SettingsError(f"settings.articles: {str(path)[:60]!r} is not a site path such as \"learn/x/\"")
        clean = _one_line(f"settings.articles[{path!r}]", title)
        if clean:
            out[path] = clean
    return out


def _crisis_lines(raw: object) -> tuple[dict, ...] | None:
    """A clinic's own crisis lines, so results show the same lines as the page. They
    must include an emergency line (``crisis.clinic_list_problems``), and every number
    must have 3 to 15 digits: an empty number is never shown as one to call."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        raise SettingsError("settings.crisis_lines must be a non-empty list or null")
    lines = []
    for i, line in enumerate(raw):
        if not isinstance(line, Mapping):
            raise SettingsError(f"settings.crisis_lines[{i}] must be an object")
        for name, kind in _LINE_FIELDS.items():
            if not isinstance(line.get(name), kind):
                raise SettingsError(f"settings.crisis_lines[{i}].{name} must be a {kind.__name__}")
        if line.get("id") == crisis.LOCAL_EMERGENCY_ID:
            lines.append(dict(line))
            continue
        problem = phone_problem(line["number"], *CRISIS_NUMBER_DIGITS)
        if problem:
            raise SettingsError(f"settings.crisis_lines[{i}].number: {problem}")
        if not _TEL.match(line["tel"]):
            raise SettingsError(f"settings.crisis_lines[{i}].tel must be the number's digits (and a leading +)")
        lines.append({**line, "how": list(line["how"]), "url": line.get("url")})
    problems = crisis.clinic_list_problems(lines)
    if problems:
        raise SettingsError("; ".join(f"settings.crisis_lines {p}" for p in problems))
    return tuple(lines)
