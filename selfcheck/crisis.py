"""Crisis lines by country, from ``selfcheck/data/crisis_lines.toml``.

The engine puts these at the top of every result where ``crisis`` is true, and the
site build renders the page's static crisis panel from the same function, so the
numbers live in one place. Every list ends with the same last entry, "or your local
emergency number" (``LOCAL_EMERGENCY_ID``): it has no number and is never a link.

A clinic may list its own lines instead (``extra.clinic.crisis_lines``). Such a list
must hold at least one emergency line (``clinic_list_problems``, which the site build
and ``selfcheck.settings`` both call). After it, the country's own emergency line is
always added, and a clinic's line is never presented as the emergency number
(``with_country_emergency``: a clinic's office number marked ``emergency`` must not be
what a person in danger is told to call); it too ends with the local-emergency entry.

``grouped`` is the one decision of how a list is shown (contract version 3): the one
emergency action (the country's emergency number), then the 2 or 3 main lines, then the
others under "Other helplines", then "or your local emergency number". The result card
(``selfcheck.card``) and the site's static crisis panel (``sitebuild.context``) both use it.
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
         "secondary": False,                         # True: only part of the country
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
                # Serves only part of the country: shown under "Other helplines".
                "secondary": bool(line.get("secondary", False)),
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
        "keyword": None,
        "emergency": True,
        "secondary": False,
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


# ---------------------------------------------------------------------------
# A clinic's list, with the country's emergency line after it
# ---------------------------------------------------------------------------


def digits(number: object) -> str:
    """The digits of a phone number ("116 123" -> "116123")."""
    return re.sub(r"\D", "", number) if isinstance(number, str) else ""


def country_emergency_lines(country: str, lang: str = DEFAULT_LANG) -> list[dict]:
    """The country's own emergency line(s) from the data (911, 999, 000), with a number."""
    return [line for line in lines_for(country, lang) if line["emergency"] and line["number"]]


def with_country_emergency(lines: list[dict], country: str, lang: str = DEFAULT_LANG) -> list[dict]:
    """A clinic's own ``lines`` (copied, in their order), then the country's emergency
    line, then the local-emergency entry.

    A clinic line with the same number as the country's emergency line is dropped (the
    country's line, added after the list, says it once). Any other clinic line is listed
    as a helpline (``emergency`` False), whatever the clinic marked: only the country's
    own emergency number is ever shown as the number to call in an emergency.
    """
    country_lines = country_emergency_lines(country, lang)
    emergency_numbers = {digits(line["tel"]) for line in country_lines}
    own = []
    for line in lines:
        if line.get("id") == LOCAL_EMERGENCY_ID:
            continue
        if digits(line.get("tel") or line.get("number")) in emergency_numbers:
            continue
        own.append({**line, "emergency": False, "secondary": bool(line.get("secondary", False))})
    return with_local_emergency(own + country_lines, lang)


# ---------------------------------------------------------------------------
# How a list is shown: one emergency action, main lines, other lines, local emergency
# ---------------------------------------------------------------------------

# At most this many lines come first, before "Other helplines".
PRIMARY_LINES = 3


def _action(kind: str, text: str, label: str | None, href: str) -> dict:
    return {"kind": kind, "text": text, "label": label, "href": href}


def line_actions(line: dict, msgs: text.Catalog) -> list[dict]:
    """The buttons for one line, in its ``how`` order: call (``tel:``), text (``sms:``),
    chat (its web address). Each has an accessible name that says which service it
    reaches, as several lines may share a number (111 in England and in Scotland). A line
    with an option to choose for help in this language says so on its call button
    ("Llame al 988 y marque 2"), as the site's banner does."""
    number, tel, name = line.get("number") or "", line.get("tel") or "", line.get("name") or ""
    if not number or not tel:
        return []
    out = []
    for how in line.get("how") or []:
        if how == "call" and line.get("press"):
            out.append(_action("call", msgs.get("crisis.action.call_press", number=number, press=line["press"]),
                               msgs.get("crisis.action.call_press_label", name=name, number=number,
                                        press=line["press"]), f"tel:{tel}"))
        elif how == "call":
            out.append(_action("call", msgs.get("crisis.action.call", number=number),
                               msgs.get("crisis.action.call_label", name=name, number=number), f"tel:{tel}"))
        elif how == "text" and line.get("keyword"):
            out.append(_action("text", msgs.get("crisis.action.text_keyword", keyword=line["keyword"], number=number),
                               msgs.get("crisis.action.text_keyword_label", name=name, keyword=line["keyword"],
                                        number=number), f"sms:{tel}"))
        elif how == "text":
            out.append(_action("text", msgs.get("crisis.action.text", number=number),
                               msgs.get("crisis.action.text_label", name=name, number=number), f"sms:{tel}"))
        elif how == "chat" and line.get("url"):
            out.append(_action("chat", msgs.get("crisis.action.chat"),
                               msgs.get("crisis.action.chat_label", name=name), line["url"]))
    return out


def emergency_action(lines: list[dict], lang: str = DEFAULT_LANG) -> dict | None:
    """The one emergency action for ``lines``: "Call 999" for the first emergency line
    with a number (after ``with_country_emergency``, the country's own)."""
    msgs = text.catalog(lang if lang in text.available_languages() else DEFAULT_LANG)
    line = next((l for l in lines if l.get("emergency") and l.get("number") and l.get("tel")), None)
    if line is None:
        return None
    return _action("call", msgs.get("crisis.action.emergency", number=line["number"]), None, f"tel:{line['tel']}")


def _card_line(line: dict, msgs: text.Catalog) -> dict:
    return {
        "id": line["id"],
        "name": line["name"],
        "number": line.get("number") or "",  # as dialled, for paper ("" for the local entry)
        "description": line["description"],
        "emergency": bool(line.get("emergency")),
        "actions": line_actions(line, msgs),
    }


def grouped(lines: list[dict], lang: str = DEFAULT_LANG) -> dict:
    """How ``lines`` (a full list: ``lines_for``, or ``with_country_emergency``) are
    shown, decided once for the result card and the site's static crisis panel::

        {"emergency_action": {"kind": "call", "text": "Call 999", "label": None,
                              "href": "tel:999"} | None,
         "groups": [{"heading": None, "lines": [Line, ...]},          # 2 or 3 main lines
                    {"heading": "Other helplines", "lines": [...]},    # when there are more
                    {"heading": None, "lines": [local-emergency Line]}]}

    ``Line`` is ``{"id", "name", "number", "description", "emergency", "actions": [Action]}``. The
    emergency line is the ``emergency_action`` and is not listed again, so no number is
    shown twice; two lines with the same name and number are listed once. The last line
    ("or your local emergency number") has no actions.
    """
    msgs = text.catalog(lang if lang in text.available_languages() else DEFAULT_LANG)
    action = emergency_action(lines, lang)
    action_number = digits(action["href"]) if action else None
    helplines, seen = [], set()
    for line in lines:
        if line.get("id") == LOCAL_EMERGENCY_ID or digits(line.get("tel") or line.get("number")) == action_number:
            continue
        key = (line.get("name"), digits(line.get("tel") or line.get("number")), tuple(line.get("how") or ()))
        if key in seen:
            continue
        seen.add(key)
        helplines.append(line)
    main = [l for l in helplines if not l.get("secondary")][:PRIMARY_LINES]
    rest = [l for l in helplines if l not in main]
    groups = []
    if main:
        groups.append({"heading": None, "lines": [_card_line(l, msgs) for l in main]})
    if rest:
        groups.append({"heading": msgs.get("crisis.groups.other"), "lines": [_card_line(l, msgs) for l in rest]})
    groups.append({"heading": None, "lines": [_card_line(local_emergency(lang), msgs)]})
    return {"emergency_action": action, "groups": groups}
