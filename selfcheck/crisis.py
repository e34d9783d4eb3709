"""Crisis lines by country, from ``selfcheck/data/crisis_lines.toml``.

The engine puts these at the top of every result where ``crisis`` is true, and the
site build renders the page's static crisis panel from the same function, so the
numbers live in one place.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from .text import DEFAULT_LANG

DEFAULT_COUNTRY = "US"
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
         "emergency": False,                         # True for the emergency number
         "description": "Call or text 988 ..."}      # one or two sentences in ``lang``

    ``country`` is a code from ``countries()`` (case-insensitive; "UK" means "GB");
    ValueError otherwise. A description missing in ``lang`` falls back to English,
    because showing a crisis line in English beats not showing it.
    """
    code = normalise_country(country)
    out = []
    for line in _data()[code]:
        descriptions = line["description"]
        out.append(
            {
                "id": line["id"],
                "name": line["name"],
                "number": line["number"],
                "tel": re.sub(r"\D", "", line["number"]),
                "how": list(line["how"]),
                "url": line.get("url"),
                "emergency": bool(line["emergency"]),
                "description": descriptions.get(lang, descriptions[DEFAULT_LANG]),
            }
        )
    return out
