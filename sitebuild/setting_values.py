"""One clinic setting's value, checked and rebuilt: text, a phone number, a web address, an
origin, a date. ``sitebuild.clinic`` says which key is which kind; this module says what each
kind may hold.

Every check appends one message per problem to ``problems``, starting with the setting's key
(``extra.clinic.name: ...``), and returns the value as the site will use it, or None when
it cannot be used. The rules exist because a setting is printed into every page, into the
engine's result and into the server's headers:

- text may hold no markup characters (``<``, ``>``, ``"``), no ``{`` or ``}`` (they mark
  the placeholders in the site's own wording) and no invisible control or formatting
  character (a right-to-left override can make a name read backwards; a line break inside
  a header value ends the header);
- a phone number must be written as text: YAML reads an unquoted ``0123456701`` as the
  octal number 21913025 and ``+442079460321`` as an integer without its ``+``, and the site
  would show the wrong number;
- a web address is parsed and rebuilt: https only, a valid host and port, no user name
  (``https://clinic.example@evil.example/`` goes to evil.example), only the characters a URL
  may hold;
- an origin (who may frame the site) is normalised as a browser writes it (lower-case host,
  no default port 443), so it matches what the browser compares it with.
"""

from __future__ import annotations

import datetime as _dt
import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

# Characters a text setting may not hold: < > and " could be read as HTML (a tag, the end
# of an attribute), { and } mark the placeholders in the site's wording ("Call {phone}").
MARKUP_CHARACTERS = ("<", ">", '"', "{", "}")
# Formatting characters some languages need inside words (zero-width non-joiner and joiner);
# every other invisible formatting character (bidi overrides, zero-width space, BOM) is refused.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}
# Unicode categories that never belong in a setting: controls, formatting, private use,
# surrogates, unassigned, and the line and paragraph separators.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}

_PHONE = re.compile(r"\+?[0-9][0-9 ().\-]*")
# RFC 3986: unreserved, reserved and "%" (checked to start an escape). No space, quote, <, >,
# backslash or non-ASCII character.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
URL_LIMIT = 2000


def yaml_hint(value) -> str:
    """Why YAML gave a number, a truth value or nothing where text was meant, if it did."""
    if isinstance(value, bool):
        return " (YAML reads an unquoted yes, no, on, off, true or false as a truth value: write it in quotes)"
    if isinstance(value, (int, float)):
        return " (YAML reads an unquoted number as a number: write it in quotes)"
    if value is None:
        return " (it is empty; in YAML a # starts a comment, so a value starting with # needs quotes)"
    return ""


def describe(value) -> str:
    """A value as a message shows it: short, and never a whole mapping or a long text."""
    if isinstance(value, str):
        return repr(value if len(value) <= 80 else value[:77] + "...")
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _character_name(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" ({unicodedata.name(char)})" if unicodedata.name(char, "") else "")


def invisible_characters(text: str, allow_newline: bool = False) -> list[str]:
    """The control and formatting characters in ``text`` that a setting may not hold."""
    found = []
    for char in text:
        if allow_newline and char == "\n":
            continue
        if unicodedata.category(char) in _REFUSED_CATEGORIES and char not in _ALLOWED_FORMAT and char not in found:
            found.append(char)
    return found


def check_text(value, key: str, problems: list[str], limit: int = 200, multiline: bool = False) -> str | None:
    """A text setting, as the site prints it: stripped, and for ``multiline`` text (a
    paragraph, which YAML may spread over lines) with every run of spaces and line breaks
    made one space, as a web page shows it anyway."""
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{key}: expected non-empty text, got {describe(value)}{yaml_hint(value)}")
        return None
    text = value.strip()
    before = len(problems)
    if len(text) > limit:
        problems.append(f"{key}: expected at most {limit} characters, got {len(text)}")
    if "\n" in text and not multiline:
        problems.append(f"{key}: contains a line break; write it on one line")
    for char in invisible_characters(text, allow_newline=True):
        problems.append(
            f"{key}: contains {_character_name(char)}, an invisible control or formatting "
            "character that can hide or reorder what the page shows; remove it"
        )
    markup = [char for char in MARKUP_CHARACTERS if char in text]
    if markup:
        problems.append(
            f"{key}: contains {' '.join(markup)}; text settings may not hold < > \" {{ }} (they "
            "could be read as HTML, or as a placeholder in the site's wording); for quotation "
            "marks use “ ”"
        )
    if len(problems) > before:
        return None
    return " ".join(text.split()) if multiline else text


def check_phone(value, key: str, problems: list[str], min_digits: int) -> str | None:
    """A phone number exactly as written (only its outer spaces removed)."""
    if isinstance(value, int) and not isinstance(value, bool):
        leaf = key.rsplit(".", 1)[-1]
        example = "0123 456 701" if min_digits > 3 else "000"
        problems.append(
            f'{key}: write the number in quotes, like {leaf}: "{example}". YAML reads an '
            "unquoted number as an integer: a leading 0 is lost (000 becomes 0) or the number is "
            "read as octal (0123456701 becomes 21913025), and a leading + is dropped; "
            f"got {value!r}"
        )
        return None
    if not isinstance(value, str):
        problems.append(f"{key}: expected a phone number as text in quotes, got {describe(value)}")
        return None
    text = value.strip()
    digits = re.sub(r"[^0-9]", "", text)
    if not _PHONE.fullmatch(text) or not (min_digits <= len(digits) <= 15):
        problems.append(
            f"{key}: expected a phone number of {min_digits} to 15 digits "
            f"(spaces, dashes, brackets and a leading + allowed), got {describe(text)}"
        )
        return None
    return text


def _host(netloc_host: str | None) -> str | None:
    """``netloc_host`` as a valid, lower-case host name or IPv4 address; None if it is not one."""
    if not netloc_host:
        return None
    host = netloc_host.lower()
    try:
        return str(ipaddress.IPv4Address(host))
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        return None
    return host


class _NotAnAddress(ValueError):
    """Why a value is not an https address (the message's last words: "it ...")."""


def _parse(text: str) -> tuple:
    """``text`` split into its parts, with its network location rebuilt (lower-case host,
    no :443), when it is an https address made of URL characters with a valid host and port
    and no user name. Raises _NotAnAddress saying why not."""
    if len(text) > URL_LIMIT:
        raise _NotAnAddress(f"is longer than {URL_LIMIT} characters")
    if not _URL_CHARACTERS.fullmatch(text) or _BAD_PERCENT.search(text):
        raise _NotAnAddress(
            "holds characters a web address cannot (spaces, quotes, < >, backslashes, line "
            "breaks or letters outside ASCII: percent-encode them, and write an international "
            "host name in its xn-- form)"
        )
    parts = urlsplit(text)
    if parts.scheme.lower() != "https" or not parts.netloc:
        raise _NotAnAddress("does not start with https:// and a host")
    if "@" in parts.netloc:
        raise _NotAnAddress("has a user name (the part before @), so the link would go to the host after it")
    host = _host(parts.hostname)
    if host is None:
        raise _NotAnAddress("has no valid host name")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise _NotAnAddress("has a port outside 1 to 65535")
    return parts, host if port in (None, 443) else f"{host}:{port}"


def check_web_address(value, key: str, problems: list[str]) -> str | None:
    """An https web address, rebuilt from its parsed parts (lower-case host, no :443)."""
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{key}: expected an https:// web address, got {describe(value)}{yaml_hint(value)}")
        return None
    try:
        parts, netloc = _parse(value.strip())
    except _NotAnAddress as why:
        problems.append(f"{key}: expected an https:// web address, got {describe(value.strip())}: it {why}")
        return None
    return urlunsplit(("https", netloc, parts.path or "/", parts.query, parts.fragment))


ORIGIN = "an https:// origin such as https://clinic.example (no path, no wildcard)"


def check_origin(value, key: str, problems: list[str], what: str = ORIGIN) -> str | None:
    """An https origin as a browser writes it (``https://host`` or ``https://host:port``):
    no path, query or wildcard; a trailing slash is allowed and dropped. ``what`` is what
    the message says was expected."""
    expected = f"{key}: expected {what}, got {describe(value)}"
    if not isinstance(value, str):
        problems.append(expected)
        return None
    text = value.strip()
    if text.endswith("/") and not text.endswith("//"):
        text = text[:-1]
    try:
        parts, netloc = _parse(text)
    except _NotAnAddress as why:
        problems.append(f"{expected}: it {why}")
        return None
    if parts.path or parts.query or parts.fragment or text.endswith(("?", "#")):
        problems.append(f"{expected}: it has a path, query or fragment")
        return None
    return f"https://{netloc}"


def check_past_date(value, key: str, problems: list[str], today: _dt.date) -> _dt.date | None:
    """A date (YYYY-MM-DD, quoted or not) that is not after ``today``."""
    if isinstance(value, _dt.datetime):
        problems.append(f"{key}: expected a date as YYYY-MM-DD, without a time, got {value.isoformat(sep=' ')}")
        return None
    if isinstance(value, _dt.date):
        date = value
    else:
        try:
            date = _dt.date.fromisoformat(str(value).strip()) if isinstance(value, str) else None
        except ValueError:
            date = None
        if date is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value).strip()):
            problems.append(f"{key}: expected a date as YYYY-MM-DD, got {describe(value)}")
            return None
    if date > today:
        problems.append(
            f"{key}: {date.isoformat()} is after today ({today.isoformat()}); give the date the "
            "clinician reviewed the pages, not a planned one"
        )
        return None
    return date
