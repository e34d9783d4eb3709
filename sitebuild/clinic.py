"""The hosting clinic's settings: validated once, then read by templates and the engine.

A clinic sets these under ``extra.clinic`` in ``mkdocs.yml``. Everything is optional except
the country, which picks the default crisis lines. A wrong setting stops the build with one
message that names every wrong key and what it expects, because a typo in a phone number on
a health site is worse than no build at all.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from . import setting_values
from .setting_values import check_origin, check_past_date, check_text, check_web_address

COUNTRIES = ("US", "GB", "CA", "AU", "ES", "MX")
# The languages a clinic can publish the site in: English (the reference, always built)
# and the translations the project has (README, "Languages"). Without the setting, the
# site is built in each of them whose pages are there (sitebuild/languages.py): the project
# ships docs-es/, so English and Spanish.
LANGUAGES = ("en", "es")

_CLINIC_KEYS = {
    "name": "the clinic's name, as text",
    "phone": "a phone number in quotes, 7 to 15 digits (spaces, dashes, brackets and a leading + allowed)",
    "booking_url": "an https:// web address for booking",
    "address": "a postal address, as text",
    "country": "one of " + ", ".join(COUNTRIES),
    "crisis_lines": "a list of crisis lines, each with name, number and description",
    "reviewer": "a mapping with name, credentials and reviewed_on (YYYY-MM-DD)",
    "author": "a mapping with name and credentials: who wrote or edited the pages",
    "publisher": "the name of the organisation that publishes the site, as text",
    "funding": "a statement of who funds the site and any conflicts of interest, as text",
    "interest": "one line saying what the clinic offers, shown in its call to action (for example: We offer ketamine treatment.)",
    "frame_ancestors": "'none', 'self', or a list of https:// origins allowed to frame the site",
    "embed_origins": "a list of https:// origins (no path, no wildcard) whose pages may embed embed/self-check/",
    "logo": "an .svg or .png file inside docs/, as a path relative to docs/",
    "colors": "a mapping with primary and optionally accent, each a #rrggbb colour",
    "languages": "a list of language codes drawn from " + ", ".join(LANGUAGES) + ", starting with en",
}
_LINE_KEYS = {"name", "number", "how", "url", "description", "emergency"}
_HOW = {"call", "text", "chat"}
_REVIEWER_KEYS = {"name", "credentials", "reviewed_on"}
_AUTHOR_KEYS = {"name", "credentials"}


class ClinicSettingsError(ValueError):
    """Every problem with ``extra.clinic``, each naming its key."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            "The clinic settings in mkdocs.yml (extra.clinic) need fixing:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )


@dataclass(frozen=True)
class Clinic:
    """Validated clinic settings. ``name`` etc. are None when the clinic has not set them."""

    country: str = "US"
    name: str | None = None
    phone: str | None = None
    booking_url: str | None = None
    address: str | None = None
    crisis_lines: list[dict] | None = None
    reviewer: dict | None = None
    author: dict | None = None
    publisher: str | None = None  # defaults to ``name``
    interest: str | None = None  # one line: what the clinic offers (its clinic boxes)
    funding: str | None = None
    frame_ancestors: list[str] = field(default_factory=lambda: ["'none'"])
    embed_origins: list[str] = field(default_factory=list)
    logo: str | None = None
    colors: dict | None = None
    # The site's languages: English first (the reference), then each translation built
    # into its own folder (site/es/); None when the clinic has not said.
    languages: tuple[str, ...] | None = None

    @property
    def phone_href(self) -> str | None:
        """A ``tel:`` link: digits and a leading + only, as phones dial them."""
        if not self.phone:
            return None
        return "tel:" + phone_digits(self.phone)

    def as_template_data(self) -> dict:
        return {
            "country": self.country,
            "name": self.name,
            "phone": self.phone,
            "phone_href": self.phone_href,
            "booking_url": self.booking_url,
            "address": self.address,
            "reviewer": self.reviewer,
            "author": self.author,
            "publisher": self.publisher,
            "interest": self.interest,
            "funding": self.funding,
            "configured": bool(self.name),
            "embed_origins": list(self.embed_origins),
            "logo": self.logo,
            "colors": self.colors,
            "languages": list(self.languages) if self.languages else None,
        }

    def as_engine_settings(self, lang: str, crisis_lines: list[dict] | None = None) -> dict:
        """What the in-browser engine needs (``selfcheck.settings``): the clinic for its
        consult line and clinic box, who publishes the site and the clinic's interest for
        the box's disclosure, and the clinic's own crisis lines (when it lists them) so
        results match the page. The page adds the articles' titles."""
        clinic = None
        if self.name or self.publisher or self.interest:
            clinic = {"name": self.name, "publisher": self.publisher, "interest": self.interest}
            if self.name:
                clinic.update(phone=self.phone, booking_url=self.booking_url, address=self.address)
        settings = {"lang": lang, "country": self.country, "clinic": clinic}
        if self.crisis_lines:
            settings["crisis_lines"] = crisis_lines
        return settings


def phone_digits(number: str) -> str:
    return ("+" if number.strip().startswith("+") else "") + re.sub(r"[^0-9]", "", number)


# The checks' old names here; what each kind of value may hold is sitebuild.setting_values'.
_check_phone = setting_values.check_phone
_check_text = check_text


def _check_keys(value: dict, key: str, allowed, required, problems: list[str]) -> None:
    for unknown in sorted(set(value) - set(allowed)):
        problems.append(f"{key}.{unknown}: unknown key (expected one of {', '.join(sorted(allowed))})")
    for name in required:
        if name not in value:
            problems.append(f"{key}.{name}: missing")


def _check_crisis_lines(value, problems: list[str]) -> list[dict] | None:
    """The clinic's own crisis lines, each with only the keys it set, its text and web
    address as checked (``sitebuild.setting_values``); None when any is wrong."""
    key = "extra.clinic.crisis_lines"
    if not isinstance(value, list) or not value:
        problems.append(f"{key}: expected a non-empty list of crisis lines")
        return None
    before = len(problems)
    checked = []
    for i, line in enumerate(value):
        k = f"{key}[{i}]"
        if not isinstance(line, dict):
            problems.append(f"{k}: expected a mapping with name, number and description")
            continue
        _check_keys(line, k, _LINE_KEYS, ("name", "number", "description"), problems)
        out = {}
        if "name" in line:
            out["name"] = check_text(line["name"], f"{k}.name", problems, 100)
        if "description" in line:
            out["description"] = check_text(line["description"], f"{k}.description", problems, 300, multiline=True)
        if "number" in line:
            # Crisis numbers may be as short as 988 or 000.
            out["number"] = _check_phone(line["number"], f"{k}.number", problems, min_digits=3)
        if "url" in line:
            out["url"] = check_web_address(line["url"], f"{k}.url", problems)
        if "how" in line:
            how = line["how"]
            if not isinstance(how, list) or not how or not all(isinstance(h, str) for h in how) or not set(how) <= _HOW:
                problems.append(f"{k}.how: expected a list drawn from call, text, chat, got {setting_values.describe(how)}")
            else:
                out["how"] = list(how)
        if "emergency" in line:
            if not isinstance(line["emergency"], bool):
                problems.append(f"{k}.emergency: expected true or false, got {line['emergency']!r}")
            out["emergency"] = line["emergency"]
        checked.append(out)
    # The engine's own rule (a person in danger always sees an emergency number).
    from selfcheck.crisis import clinic_list_problems

    problems.extend(f"{key}: {p}" for p in clinic_list_problems(value))
    return checked if len(problems) == before else None


def _check_person(value, key: str, keys: set[str], not_a_mapping: str, problems: list[str]) -> dict | None:
    """A person the site names (its reviewer or author): a mapping holding every one of
    ``keys``, with a name and credentials; returns the name and credentials as checked.
    None when ``value`` is not a mapping at all (``not_a_mapping`` says what was expected)."""
    if not isinstance(value, dict):
        problems.append(f"{key}: {not_a_mapping}")
        return None
    _check_keys(value, key, keys, sorted(keys), problems)
    person = {}
    if "name" in value:
        person["name"] = check_text(value["name"], f"{key}.name", problems, 100)
    if "credentials" in value:
        person["credentials"] = check_text(value["credentials"], f"{key}.credentials", problems, 200)
    return person


def _check_reviewer(value, problems: list[str], today: _dt.date) -> dict | None:
    key = "extra.clinic.reviewer"
    expected = "expected a mapping with name, credentials and reviewed_on"
    person = _check_person(value, key, _REVIEWER_KEYS, expected, problems)
    if person is None:
        return None
    if "reviewed_on" in value:
        # A review in the future is no review: the page would say "Reviewed ... on" a date to come.
        reviewed_on = check_past_date(value["reviewed_on"], f"{key}.reviewed_on", problems, today)
        person["reviewed_on"] = reviewed_on.isoformat() if reviewed_on else None
    return person


def _check_author(value, problems: list[str]) -> dict | None:
    expected = f"expected a mapping with name and credentials, got {setting_values.describe(value)}"
    return _check_person(value, "extra.clinic.author", _AUTHOR_KEYS, expected, problems)


def _check_frame_ancestors(value, problems: list[str]) -> list[str]:
    """'none', 'self', or https origins, normalised as the browser compares them. A YAML
    block scalar's trailing line break is dropped with the other outer spaces."""
    key = "extra.clinic.frame_ancestors"
    expected = "'none', 'self', or a list of https:// origins (no path, no wildcard)"
    items = value if isinstance(value, list) else [value]
    keywords = ("'none'", "'self'")
    before = len(problems)
    checked = [
        item.strip() if isinstance(item, str) and item.strip() in keywords
        else check_origin(item, key, problems, expected)
        for item in items
    ]
    if len(problems) == before and (not items or ("'none'" in checked and len(checked) > 1)):
        problems.append(f"{key}: expected {expected}, got {setting_values.describe(value)}")
    if len(problems) > before:
        return ["'none'"]
    return sorted(set(checked), key=checked.index)


def _check_embed_origins(value, problems: list[str]) -> list[str]:
    """Origins only (scheme https, a host, an optional port): no path, no wildcard."""
    key = "extra.clinic.embed_origins"
    if not isinstance(value, list) or not value:
        problems.append(f"{key}: expected a list of https:// origins, got {setting_values.describe(value)}")
        return []
    checked = [check_origin(origin, key, problems) for origin in value]
    return [] if None in checked else sorted(set(checked))


def _check_languages(value, problems: list[str]) -> tuple[str, ...]:
    key = "extra.clinic.languages"
    if (not isinstance(value, list) or not value or any(not isinstance(v, str) for v in value)
            or value[0] != "en" or not set(value) <= set(LANGUAGES) or len(set(value)) != len(value)):
        problems.append(f"{key}: expected {_CLINIC_KEYS['languages']} ([en] for English only), got {value!r}")
        return None
    return tuple(value)


def load_clinic(extra: dict | None, *, today: _dt.date | None = None) -> Clinic:
    """Validate ``extra.clinic`` and return it; raise ClinicSettingsError listing every problem.

    ``today``: the date a reviewer's ``reviewed_on`` may not be after (None: the real date)."""
    today = today or _dt.date.today()
    raw = (extra or {}).get("clinic")
    if raw is None:
        return Clinic()
    if not isinstance(raw, dict):
        raise ClinicSettingsError([f"extra.clinic: expected a mapping of settings, got {type(raw).__name__}"])
    problems: list[str] = []
    for unknown in sorted(set(raw) - set(_CLINIC_KEYS)):
        problems.append(
            f"extra.clinic.{unknown}: unknown key (expected one of {', '.join(_CLINIC_KEYS)})"
        )
    # Empty values mean "not set": a clinic can leave the commented template's keys blank.
    values = {k: v for k, v in raw.items() if k in _CLINIC_KEYS and v not in (None, "")}
    # Every value as the site will use it, once checked (None where it is wrong).
    checked: dict = {}
    for key in ("name", "address", "publisher", "interest"):
        if key in values:
            checked[key] = check_text(values[key], f"extra.clinic.{key}", problems)
    if "funding" in values:
        checked["funding"] = check_text(values["funding"], "extra.clinic.funding", problems, 1000, multiline=True)
    if "phone" in values:
        checked["phone"] = _check_phone(values["phone"], "extra.clinic.phone", problems, min_digits=7)
    if "booking_url" in values:
        checked["booking_url"] = check_web_address(values["booking_url"], "extra.clinic.booking_url", problems)
    country = values.get("country", "US")
    if country not in COUNTRIES:
        problems.append(f"extra.clinic.country: expected {_CLINIC_KEYS['country']}, got {country!r}")
    if "crisis_lines" in values:
        checked["crisis_lines"] = _check_crisis_lines(values["crisis_lines"], problems)
    if "reviewer" in values:
        checked["reviewer"] = _check_reviewer(values["reviewer"], problems, today)
    if "author" in values:
        checked["author"] = _check_author(values["author"], problems)
    frame_ancestors = ["'none'"]
    if "frame_ancestors" in values:
        frame_ancestors = _check_frame_ancestors(values["frame_ancestors"], problems)
    embed_origins: list[str] = []
    if "embed_origins" in values:
        embed_origins = _check_embed_origins(values["embed_origins"], problems)
    languages = _check_languages(values["languages"], problems) if "languages" in values else None
    from . import branding  # colours and logo: contrast and file checks live there

    colors = branding.check_colors(values["colors"], problems) if "colors" in values else None
    logo = branding.check_logo_setting(values["logo"], problems) if "logo" in values else None
    if logo and "name" not in values:
        problems.append("extra.clinic.name: missing (needed when logo is set: the name is the logo's text alternative)")
    if ("phone" in values or "booking_url" in values or "reviewer" in values) and "name" not in values:
        problems.append("extra.clinic.name: missing (needed when phone, booking_url or reviewer is set)")
    if problems:
        raise ClinicSettingsError(problems)
    return Clinic(
        country=country,
        name=checked.get("name"),
        phone=checked.get("phone"),
        booking_url=checked.get("booking_url"),
        address=checked.get("address"),
        crisis_lines=checked.get("crisis_lines"),
        reviewer=checked.get("reviewer"),
        author=checked.get("author"),
        # Who publishes the site: the clinic itself unless it names someone else.
        publisher=checked.get("publisher") or checked.get("name"),
        interest=checked.get("interest"),
        funding=checked.get("funding"),
        frame_ancestors=frame_ancestors,
        embed_origins=embed_origins,
        logo=logo,
        colors=colors,
        languages=languages,
    )
