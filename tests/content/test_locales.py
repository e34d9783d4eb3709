"""Every locale file is complete: a translation has every string English has, with the same
{placeholders}, and nothing English lacks; every crisis line has a description in it; and
English has no string that nothing uses (a translator would translate it for nothing).

Locale files: sitebuild/locales/<lang>.toml (the site's words) and
selfcheck/locales/<lang>.toml (the self-check's). The generated pseudo-locale
(sitebuild/pseudo_locale.py) is checked the same way, so the check is known to pass for a
complete translation and, with a broken copy, to fail.
"""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

from selfcheck import bibliography
from sitebuild import pseudo_locale

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = {"site": ROOT / "sitebuild" / "locales", "self-check": ROOT / "selfcheck" / "locales"}
LOCALE_FILES = [(kind, path) for kind, folder in FOLDERS.items() for path in sorted(folder.glob("*.toml"))]
CRISIS_LINES = ROOT / "selfcheck" / "data" / "crisis_lines.toml"
# Where the site's strings are used: templates, the page scripts and the build.
SITE_STRING_USERS = [*ROOT.glob("overrides/**/*.html"), *ROOT.glob("docs/assets/javascripts/*.js"),
                     *ROOT.glob("sitebuild/*.py")]


def load(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def leaves(table: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(leaves(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def placeholders(value: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(value) if field is not None}


def problems(english: dict, translation: dict) -> list[str]:
    """What a translation lacks or has wrong, against English; [] when it is complete."""
    en, tr = leaves(english), leaves(translation)
    out = [f"missing: {key}" for key in sorted(en.keys() - tr.keys())]
    out += [f"not in English (a typo, or a string English lacks): {key}" for key in sorted(tr.keys() - en.keys())]
    for key in sorted(en.keys() & tr.keys()):
        want, have = en[key], tr[key]
        if type(want) is not type(have):
            out.append(f"{key}: expected a {type(want).__name__}")
        elif isinstance(want, list):
            if len(want) != len(have) or not all(isinstance(v, str) and v.strip() for v in have):
                out.append(f"{key}: expected {len(want)} words")
        elif not have.strip():
            out.append(f"{key}: empty")
        elif placeholders(want) != placeholders(have):
            out.append(f"{key}: placeholders {sorted(placeholders(have))}, expected {sorted(placeholders(want))}")
    return out


@pytest.mark.parametrize(("kind", "path"), LOCALE_FILES, ids=[f"{k}:{p.name}" for k, p in LOCALE_FILES])
def test_locale_file_has_every_string_english_has(kind, path):
    english = load(FOLDERS[kind] / "en.toml")
    assert problems(english, load(path)) == [], path
    # English itself: no empty string, and twelve month names.
    assert problems(english, english) == []


@pytest.mark.parametrize(("kind", "path"), LOCALE_FILES, ids=[f"{k}:{p.name}" for k, p in LOCALE_FILES])
def test_every_crisis_line_has_a_description_in_the_language(kind, path):
    lang = path.stem
    lines = [line for country in load(CRISIS_LINES).values() for line in country]
    missing = [line["id"] for line in lines if not line["description"].get(lang, "").strip()]
    # Without one the page falls back to English (better than no crisis line), but a
    # translation is not complete until each line speaks the page's language.
    assert missing == [], f"{CRISIS_LINES.name}: add description.{lang} for {', '.join(missing)}"


def test_dates_name_twelve_months_and_fill_day_month_and_year():
    for path in FOLDERS["site"].glob("*.toml"):
        dates = load(path)["dates"]
        assert len(dates["months"]) == 12, path
        assert placeholders(dates["format"]) == {"day", "month", "year"}, path


def is_used(name: str, source: str) -> bool:
    """``name`` appears in ``source``, by itself or as a script builds it
    (``score_name_phq9`` from `score_name_${key}`)."""
    if re.search(rf"\b{re.escape(name)}\b", source):
        return True
    built = re.match(r"(.+_)[a-z0-9]+$", name)
    return bool(built) and (built.group(1) + "${") in source


# Tables whose keys are data, not names in code: the build picks the string by a value
# (a source's kind from sources.toml), so each key is used when it is in that vocabulary.
KEYED_BY_DATA = {"sources.kinds": set(bibliography.KINDS)}


def test_english_site_strings_are_all_used():
    """(Each string's own name is looked for in the templates, scripts and build code.)"""
    used_in = "\n".join(p.read_text(encoding="utf-8") for p in SITE_STRING_USERS)

    def used(key: str) -> bool:
        table, name = key.rsplit(".", 1) if "." in key else ("", key)
        if table in KEYED_BY_DATA:
            return name in KEYED_BY_DATA[table]
        return is_used(name, used_in)

    unused = [key for key in leaves(load(FOLDERS["site"] / "en.toml")) if not used(key)]
    assert unused == [], "strings nothing uses: remove them, or use them"


def test_a_generated_translation_is_complete_and_a_broken_one_is_not(tmp_path):
    for kind, folder in FOLDERS.items():
        generated = tmp_path / f"{kind}.toml"
        pseudo_locale.pseudo_locale_file(folder / "en.toml", generated)
        english, translation = load(folder / "en.toml"), load(generated)
        assert problems(english, translation) == []
        # Break it as a translator might: drop a string, lose a placeholder, add a typo'd key.
        flat = leaves(translation)
        with_placeholder = next(k for k, v in flat.items() if isinstance(v, str) and placeholders(v))
        dropped = next(k for k in flat if k != with_placeholder)
        broken = generated.read_text(encoding="utf-8")
        name = with_placeholder.rsplit(".", 1)[-1]
        broken = re.sub(r'(?m)^"' + re.escape(dropped.rsplit(".", 1)[-1]) + '" = .*\n', "", broken, count=1)
        broken = re.sub(r'(?m)^("' + re.escape(name) + r'" = ".*?)\{[a-z_]+\}', r"\1", broken, count=1)
        broken += '\n[typo]\n"headng" = "x"\n'
        (tmp_path / "broken.toml").write_text(broken, encoding="utf-8")
        found = problems(english, load(tmp_path / "broken.toml"))
        assert any(f.startswith("missing: ") for f in found), found
        assert any("placeholders" in f for f in found), found
        assert "not in English (a typo, or a string English lacks): typo.headng" in found
