"""User-facing strings, by message id, from ``selfcheck/locales/<lang>.toml``.

The locale files are nested TOML tables; a message id is the dotted path to a string
(``[phq9] item.1 = "..."`` is ``phq9.item.1``). Placeholders use ``{name}``; every
placeholder must be filled, and a value never fills a placeholder it was not meant for,
so a missing value is an error rather than a stray ``{clinic_name}`` on the page.

Read with ``importlib.resources`` so the same code works from a wheel in Pyodide.
"""

from __future__ import annotations

import string
import tomllib
from functools import lru_cache
from importlib import resources

DEFAULT_LANG = "en"


class MessageError(LookupError):
    """A message id is missing, or a placeholder was left unfilled."""


def available_languages() -> tuple[str, ...]:
    folder = resources.files(__package__).joinpath("locales")
    return tuple(sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml")))


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        msg_id = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, msg_id + "."))
        elif isinstance(value, str):
            out[msg_id] = value
        else:  # a locale file holds strings only
            raise MessageError(f"{msg_id}: expected a string, got {type(value).__name__}")
    return out


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


class Catalog:
    """The strings of one language."""

    def __init__(self, lang: str, messages: dict[str, str]):
        self.lang = lang
        self.messages = messages

    def ids(self) -> set[str]:
        return set(self.messages)

    def get(self, msg_id: str, **values: str) -> str:
        try:
            template = self.messages[msg_id]
        except KeyError:
            raise MessageError(f"no message {msg_id!r} in locale {self.lang!r}") from None
        wanted = placeholders(template)
        if wanted != set(values):
            raise MessageError(
                f"message {msg_id!r} needs {sorted(wanted)}, was given {sorted(values)}"
            )
        # format_map on the template only: values are inserted as-is, never re-parsed.
        return template.format_map(values) if wanted else template

    def has(self, msg_id: str) -> bool:
        return msg_id in self.messages


def catalog(lang: str = DEFAULT_LANG) -> Catalog:
    """The catalog for ``lang``; ValueError if there is no such locale file."""
    # Checked before the cache: an unhashable lang must give ValueError, not TypeError.
    if not isinstance(lang, str) or lang not in available_languages():
        raise ValueError(f"unknown language {lang!r}; available: {', '.join(available_languages())}")
    return _load(lang)


@lru_cache(maxsize=None)
def _load(lang: str) -> Catalog:
    raw = resources.files(__package__).joinpath("locales", f"{lang}.toml").read_bytes()
    return Catalog(lang, _flatten(tomllib.loads(raw.decode("utf-8"))))
