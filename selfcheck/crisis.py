"""Crisis lines by country, from ``selfcheck/data/crisis_lines.toml``.

The engine puts these at the top of every result where ``crisis`` is true, and the
site build renders the page's static crisis panel from the same function, so the
numbers live in one place. Every list ends with the same last entry, "or your local
emergency number" (``LOCAL_EMERGENCY_ID``): it has no number and is never a link.

A clinic may list its own lines instead (``extra.clinic.crisis_lines``). Such a list
must hold at least one emergency line (``clinic_list_problems``, which the site build
and ``selfcheck.settings`` both call), and it too ends with the local-emergency entry
(``with_local_emergency``).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from . import text
from .text import DEFAULT_LANG

DEFAULT_COUNTRY = "US"
LOCAL_EMERGENCY_ID = "local-emergency"
# People and config files say "UK"; the ISO code is GB.
_ALIASES = {"UK": "GB"}


@lru_cache(maxsize=1)
def _data() -> dict[str, list[dict]]:
    raw = resources.files(__package__).joinpath("data", "crisis_lines.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def countries() -> tuple[str, ...]:
    """Country codes with crisis lines, in file order (e.g. ``("US", "GB", "CA", "AU")``)."""
    return tuple(_data())


def normalise_country(country: object) -> str:
    """The canonical code for ``country`` (case-insensitive, "UK" -> "GB").

    ValueError if there are no crisis lines for it.
    """
    if isinstance(country, str):
        code = _ALIASES.get(country.strip().upper(), country.strip().upper())
        if code in _data():
            return code
    raise ValueError(f"no crisis lines for country {country!r}; known: {', '.join(countries())}")


def lines_for(country: str = DEFAULT_COUNTRY, lang: str = DEFAULT_LANG) -> list[dict]:
    """The crisis lines for ``country``, in the order to show them.

    Returns a new list of plain dicts, one per line::

        {"id": "us-988",
         "name": "988 Suicide & Crisis Lifeline",   # the service's own name
         "number": "988",                            # as dialled or texted
         "tel": "988",                               # digits only, for tel:/sms: links
         "how": ["call", "text", "chat"],            # "chat" = chat online at url
         "url": "https://988lifeline.org" or None,
         "keyword": None,                            # for a line you text: the word to
                                                     # send in ``lang`` (e.g. "HOME")
         "press": None,                              # the option to choose after calling,
                                                     # for help in ``lang`` (988: "2" in es)
         "emergency": False,                         # True for the emergency number
         "description": "Call or text 988 ..."}      # one or two sentences in ``lang``

    ``country`` is a code from ``countries()`` (case-insensitive; "UK" means "GB");
    ValueError otherwise. A description missing in ``lang`` falls back to English,
    because showing a crisis line in English beats not showing it; so does a service's
    name. A keyword is the word to send in ``lang`` only (a Spanish speaker texts AYUDA,
    not HOME), else None.
    """
    code = normalise_country(country)
    # A language without a locale file is English, keyword and all.
    lang = lang if lang in text.available_languages() else DEFAULT_LANG
    msgs = text.catalog(lang)
    out = []
    for line in _data()[code]:
        descriptions = line["description"]
        name = line.get("name")
        if isinstance(name, dict):  # a service with its own name in each language
            name = name.get(lang, name[DEFAULT_LANG])
        out.append(
            {
                "id": line["id"],
                # A service's own name stays as it is; "Emergency services" is words.
                "name": name or msgs.get("crisis.emergency_services"),
                "number": line["number"],
                "tel": re.sub(r"\D", "", line["number"]),
                "how": list(line["how"]),
                "url": line.get("url"),
                # The word to text in this language (Crisis Text Line: HOME in English,
                # AYUDA in Spanish), or None: never another language's word.
                "keyword": (line.get("keyword") or {}).get(lang),
                # The option to choose after calling, for help in this language (988: press
                # 2 for Spanish), or None.
                "press": (line.get("press") or {}).get(lang),
                "emergency": bool(line["emergency"]),
                "description": descriptions.get(lang, descriptions[DEFAULT_LANG]),
            }
        )
    return with_local_emergency(out, lang)


def local_emergency(lang: str = DEFAULT_LANG) -> dict:
    """The last entry of every crisis list: "or your local emergency number"."""
    msgs = text.catalog(lang if lang in text.available_languages() else DEFAULT_LANG)
    return {
        "id": LOCAL_EMERGENCY_ID,
        "name": msgs.get("crisis.local_emergency.name"),
        "number": "",
        "tel": "",
        "how": [],
        "url": None,
        "emergency": True,
        "description": msgs.get("crisis.local_emergency.description"),
    }


def with_local_emergency(lines: list[dict], lang: str = DEFAULT_LANG) -> list[dict]:
    """``lines`` (copied) ending with the local-emergency entry, exactly once."""
    out = [dict(line) for line in lines if line.get("id") != LOCAL_EMERGENCY_ID]
    return out + [local_emergency(lang)]


def clinic_list_problems(lines: object) -> list[str]:
    """What is wrong with a clinic's own list of crisis lines, as far as safety goes;
    [] when it is fine. Each problem is a phrase the caller prefixes with the setting's
    name (``extra.clinic.crisis_lines: ...`` or ``settings.crisis_lines: ...``).

    The one rule: at least one line must be an emergency line (``emergency: true``),
    so that a person in danger always sees an emergency number.
    """
    if not isinstance(lines, (list, tuple)) or not lines:
        return ["must be a non-empty list of crisis lines"]
    own = [line for line in lines if not (isinstance(line, dict) and line.get("id") == LOCAL_EMERGENCY_ID)]
    if not any(isinstance(line, dict) and line.get("emergency") is True for line in own):
        return [
            "must include at least one emergency line, marked emergency: true "
            "(the emergency number, such as 911, 999 or 000)"
        ]
    return []
