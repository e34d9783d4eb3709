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
from urllib.parse import urlsplit

COUNTRIES = ("US", "GB", "CA", "AU")

_PHONE_CHARS = re.compile(r"^\+?[0-9][0-9 ().\-]*$")
_ORIGIN = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")

_CLINIC_KEYS = {
    "name": "the clinic's name, as text",
    "phone": "a phone number of 7 to 15 digits (spaces, dashes, brackets and a leading + allowed)",
    "booking_url": "an https:// web address for booking",
    "address": "a postal address, as text",
    "country": "one of " + ", ".join(COUNTRIES),
    "crisis_lines": "a list of crisis lines, each with name, number and description",
    "reviewer": "a mapping with name, credentials and reviewed_on (YYYY-MM-DD)",
    "author": "a mapping with name and credentials: who wrote or edited the pages",
    "publisher": "the name of the organisation that publishes the site, as text",
    "interest": "one line on what the clinic could gain from a visitor's choice, e.g. 'We offer ketamine treatment.'",
    "funding": "a statement of who funds the site and any conflicts of interest, as text",
    "frame_ancestors": "'none', 'self', or a list of https:// origins allowed to frame the site",
    "embed_origins": "a list of https:// origins (no path, no wildcard) whose pages may embed embed/self-check/",
    "logo": "an .svg or .png file inside docs/, as a path relative to docs/",
    "colors": "a mapping with primary and optionally accent, each a #rrggbb colour",
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
    interest: str | None = None  # one line, shown beside the self-check's clinic box
    funding: str | None = None
    frame_ancestors: list[str] = field(default_factory=lambda: ["'none'"])
    embed_origins: list[str] = field(default_factory=list)
    logo: str | None = None
    colors: dict | None = None

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


def _check_phone(value, key: str, problems: list[str], min_digits: int) -> None:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        problems.append(f"{key}: expected a phone number as text, got {type(value).__name__}")
        return
    text = str(value).strip()
    digits = re.sub(r"[^0-9]", "", text)
    if not _PHONE_CHARS.match(text) or not (min_digits <= len(digits) <= 15):
        problems.append(
            f"{key}: expected a phone number of {min_digits} to 15 digits "
            f"(spaces, dashes, brackets and a leading + allowed), got {text!r}"
        )


def _check_https(value, key: str, problems: list[str]) -> None:
    if not isinstance(value, str):
        problems.append(f"{key}: expected an https:// web address, got {type(value).__name__}")
        return
    parts = urlsplit(value.strip())
    if parts.scheme != "https" or not parts.hostname or " " in value.strip():
        problems.append(f"{key}: expected an https:// web address, got {value!r}")


def _check_text(value, key: str, problems: list[str], limit: int = 200) -> None:
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{key}: expected non-empty text, got {value!r}")
    elif len(value) > limit:
        problems.append(f"{key}: expected at most {limit} characters, got {len(value)}")


def _check_keys(value: dict, key: str, allowed, required, problems: list[str]) -> None:
    for unknown in sorted(set(value) - set(allowed)):
        problems.append(f"{key}.{unknown}: unknown key (expected one of {', '.join(sorted(allowed))})")
    for name in required:
        if name not in value:
            problems.append(f"{key}.{name}: missing")


def _check_crisis_lines(value, problems: list[str]) -> None:
    key = "extra.clinic.crisis_lines"
    if not isinstance(value, list) or not value:
        problems.append(f"{key}: expected a non-empty list of crisis lines")
        return
    for i, line in enumerate(value):
        k = f"{key}[{i}]"
        if not isinstance(line, dict):
            problems.append(f"{k}: expected a mapping with name, number and description")
            continue
        _check_keys(line, k, _LINE_KEYS, ("name", "number", "description"), problems)
        if "name" in line:
            _check_text(line["name"], f"{k}.name", problems, 100)
        if "description" in line:
            _check_text(line["description"], f"{k}.description", problems, 300)
        if "number" in line:
            # Crisis numbers may be as short as 988 or 000.
            _check_phone(line["number"], f"{k}.number", problems, min_digits=3)
        if "url" in line:
            _check_https(line["url"], f"{k}.url", problems)
        if "how" in line:
            how = line["how"]
            if not isinstance(how, list) or not how or not set(how) <= _HOW:
                problems.append(f"{k}.how: expected a list drawn from call, text, chat, got {how!r}")
        if "emergency" in line and not isinstance(line["emergency"], bool):
            problems.append(f"{k}.emergency: expected true or false, got {line['emergency']!r}")
    # The engine's own rule (a person in danger always sees an emergency number).
    from selfcheck.crisis import clinic_list_problems

    problems.extend(f"{key}: {p}" for p in clinic_list_problems(value))


def _check_person(value, key: str, keys: set[str], not_a_mapping: str, problems: list[str]) -> bool:
    """A person the site names (its reviewer or author): a mapping holding every one of
    ``keys``, with a name and credentials. False when ``value`` is not a mapping at all
    (``not_a_mapping`` says what was expected), so the caller checks nothing more."""
    if not isinstance(value, dict):
        problems.append(f"{key}: {not_a_mapping}")
        return False
    _check_keys(value, key, keys, sorted(keys), problems)
    if "name" in value:
        _check_text(value["name"], f"{key}.name", problems, 100)
    if "credentials" in value:
        _check_text(value["credentials"], f"{key}.credentials", problems, 200)
    return True


def _check_reviewer(value, problems: list[str]) -> None:
    key = "extra.clinic.reviewer"
    expected = "expected a mapping with name, credentials and reviewed_on"
    if not _check_person(value, key, _REVIEWER_KEYS, expected, problems):
        return
    if "reviewed_on" in value and not isinstance(value["reviewed_on"], _dt.date):
        try:
            _dt.date.fromisoformat(str(value["reviewed_on"]))
        except ValueError:
            problems.append(f"{key}.reviewed_on: expected a date as YYYY-MM-DD, got {value['reviewed_on']!r}")


def _check_author(value, problems: list[str]) -> None:
    expected = f"expected a mapping with name and credentials, got {value!r}"
    _check_person(value, "extra.clinic.author", _AUTHOR_KEYS, expected, problems)


def _check_frame_ancestors(value, problems: list[str]) -> list[str]:
    key = "extra.clinic.frame_ancestors"
    items = value if isinstance(value, list) else [value]
    ok = [i for i in items if isinstance(i, str) and (i in ("'none'", "'self'") or _ORIGIN.match(i))]
    if not items or len(ok) != len(items) or ("'none'" in items and len(items) > 1):
        problems.append(f"{key}: expected 'none', 'self', or a list of https:// origins, got {value!r}")
    return ok


def _check_embed_origins(value, problems: list[str]) -> list[str]:
    """Origins only (scheme https, a host, an optional port): no path, no wildcard."""
    key = "extra.clinic.embed_origins"
    if not isinstance(value, list) or not value:
        problems.append(f"{key}: expected a list of https:// origins, got {value!r}")
        return []
    bad = [o for o in value if not isinstance(o, str) or not _ORIGIN.match(o.strip().rstrip("/"))]
    for origin in bad:
        problems.append(
            f"{key}: expected an https:// origin such as https://clinic.example (no path, "
            f"no wildcard), got {origin!r}"
        )
    return [] if bad else sorted({o.strip().rstrip("/").lower() for o in value})


def load_clinic(extra: dict | None) -> Clinic:
    """Validate ``extra.clinic`` and return it; raise ClinicSettingsError listing every problem."""
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
    for key in ("name", "address"):
        if key in values:
            _check_text(values[key], f"extra.clinic.{key}", problems)
    if "phone" in values:
        _check_phone(values["phone"], "extra.clinic.phone", problems, min_digits=7)
    if "booking_url" in values:
        _check_https(values["booking_url"], "extra.clinic.booking_url", problems)
    country = values.get("country", "US")
    if country not in COUNTRIES:
        problems.append(f"extra.clinic.country: expected {_CLINIC_KEYS['country']}, got {country!r}")
    if "crisis_lines" in values:
        _check_crisis_lines(values["crisis_lines"], problems)
    if "reviewer" in values:
        _check_reviewer(values["reviewer"], problems)
    if "author" in values:
        _check_author(values["author"], problems)
    if "publisher" in values:
        _check_text(values["publisher"], "extra.clinic.publisher", problems)
    if "interest" in values:
        _check_text(values["interest"], "extra.clinic.interest", problems)
        if isinstance(values["interest"], str) and "\n" in values["interest"].strip():
            problems.append("extra.clinic.interest: expected one line of text, got a line break")
    if "funding" in values:
        _check_text(values["funding"], "extra.clinic.funding", problems, 1000)
    frame_ancestors = ["'none'"]
    if "frame_ancestors" in values:
        frame_ancestors = _check_frame_ancestors(values["frame_ancestors"], problems)
    embed_origins: list[str] = []
    if "embed_origins" in values:
        embed_origins = _check_embed_origins(values["embed_origins"], problems)
    from . import branding  # colours and logo: contrast and file checks live there

    colors = branding.check_colors(values["colors"], problems) if "colors" in values else None
    logo = branding.check_logo_setting(values["logo"], problems) if "logo" in values else None
    if logo and "name" not in values:
        problems.append("extra.clinic.name: missing (needed when logo is set: the name is the logo's text alternative)")
    if ("phone" in values or "booking_url" in values or "reviewer" in values) and "name" not in values:
        problems.append("extra.clinic.name: missing (needed when phone, booking_url or reviewer is set)")
    if problems:
        raise ClinicSettingsError(problems)
    reviewer = None
    if "reviewer" in values:
        reviewer = {**values["reviewer"], "reviewed_on": str(values["reviewer"]["reviewed_on"])}
    return Clinic(
        country=country,
        name=values.get("name", "").strip() or None,
        phone=str(values["phone"]).strip() if "phone" in values else None,
        booking_url=values.get("booking_url", "").strip() or None,
        address=values.get("address", "").strip() or None,
        crisis_lines=values.get("crisis_lines"),
        reviewer=reviewer,
        author={k: values["author"][k].strip() for k in sorted(_AUTHOR_KEYS)} if "author" in values else None,
        # Who publishes the site: the clinic itself unless it names someone else.
        publisher=(values.get("publisher") or values.get("name") or "").strip() or None,
        interest=values.get("interest", "").strip() or None,
        funding=values.get("funding", "").strip() or None,
        frame_ancestors=frame_ancestors,
        embed_origins=embed_origins,
        logo=logo,
        colors=colors,
    )
