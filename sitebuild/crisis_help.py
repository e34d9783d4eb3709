"""Crisis help for the templates, worked out once per build from the engine's crisis lines.

The engine's data (``selfcheck.crisis``, or a clinic's own list in the same shape) is the
only source of numbers. This module only picks and words, in the order the data gives:

* ``banner``: what the crisis banner on every page says besides its link, so every page
  shows a number to call: the first line that can be called or texted and is not the
  emergency number ("Call or text 988", "Call 116 123 (Samaritans)"), then the first
  emergency line with a number ("911 in an emergency").
* ``country_sections``: the get-help page's lists, the configured country's own lines
  first, then every other supported country's, each with its name from the site's locale.

Templates loop over the result; they never choose or sort lines themselves.
"""

from __future__ import annotations

import re

from selfcheck import crisis


class CrisisHelpError(ValueError):
    """The site's locale text lacks something the crisis help needs (a country's name)."""


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _can_reach(line: dict) -> bool:
    return bool(line.get("number")) and bool({"call", "text"} & set(line.get("how") or []))


def banner(lines: list[dict], text: dict) -> list[dict]:
    """Up to two ``{"text", "href", "number", "emergency"}`` items for the banner, from
    ``lines``.

    ``text`` is the site's ``[crisis]`` locale table.
    """
    items = []
    first = next((line for line in lines if not line.get("emergency") and _can_reach(line)), None)
    if first:
        how = set(first["how"])
        if "call" in how and first.get("press"):
            # Help in the page's language needs an option chosen after calling (988 in
            # Spanish: press 2): the banner says so.
            action = text["banner_call_press"].format(number=first["number"], press=first["press"])
        else:
            if {"call", "text"} <= how:
                action = text["banner_call_or_text"]
            elif "call" in how:
                action = text["banner_call"]
            else:
                action = text["banner_text"]
            action = action.format(number=first["number"])
        # The name adds nothing when it already holds the number ("988 Suicide & Crisis
        # Lifeline"), and the banner must stay short on a phone.
        if _digits(first["tel"]) not in _digits(first["name"]):
            action = text["banner_named"].format(action=action, name=first["name"])
        scheme = "tel" if "call" in how else "sms"
        items.append({"text": action, "href": f"{scheme}:{first['tel']}", "number": first["number"], "emergency": False})
    emergency = next((line for line in lines if line.get("emergency") and line.get("number")), None)
    if emergency:
        items.append(
            {
                "text": text["banner_emergency"].format(number=emergency["number"]),
                "href": f"tel:{emergency['tel']}",
                "number": emergency["number"],
                "emergency": True,
            }
        )
    return items


def country_sections(configured: str, lines: list[dict], lang: str, text: dict) -> list[dict]:
    """``[{"code", "name", "configured", "lines"}]``: ``configured`` (a country code) with
    ``lines`` (the site's own list, which may be a clinic's), then every other country the
    engine has lines for, in the engine's order."""
    names = text.get("countries") or {}
    code = crisis.normalise_country(configured)
    missing = [c for c in crisis.countries() if not names.get(c)]
    if missing:
        raise CrisisHelpError(
            f"sitebuild/locales/{lang}.toml: [crisis.countries] needs a name for {', '.join(missing)}"
        )
    sections = [{"code": code, "name": names[code], "configured": True, "lines": lines}]
    for other in crisis.countries():
        if other != code:
            sections.append(
                {"code": other, "name": names[other], "configured": False, "lines": crisis.lines_for(other, lang)}
            )
    return sections
