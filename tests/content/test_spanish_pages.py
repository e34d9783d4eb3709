"""The Spanish pages (docs-es/): each says which English page it translates, keeps its
headings' ids, and reads "bastante fácil" or easier on the INFLESZ scale (Szigriszt-Pazos),
as the English pages keep to a reading grade. The formula and the syllable counter are
tested on words and sentences counted by hand."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from selfcheck import bibliography
from sitebuild import citations, options_block, rules_page, stage
from readability import body_text
from spanish_readability import (
    MIN_INFLESZ,
    inflesz_band,
    page_inflesz,
    sentence_count,
    syllables,
    szigriszt_pazos,
    words,
)

ROOT = Path(__file__).resolve().parents[2]
SPANISH = ROOT / "docs-es"
PAGES = sorted(p.relative_to(SPANISH).as_posix() for p in SPANISH.rglob("*.md"))
# A heading's id and any attributes after it (a by-country section's data-country="GB"):
# both must be the English heading's.
HEADING_ID = re.compile(r'^#{1,6} .*\{ #([\w-]+)((?: [\w-]+="[^"]*")*) \}\s*$', re.MULTILINE)
HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)
# A page shorter than this is a title and a form (the self-check): nothing to grade.
MIN_WORDS = 40
FORM_PAGES = {"self-check/index.md", "embed/self-check.md"}


def prose(page: str) -> bool:
    return len(words(body_text((SPANISH / page).read_text(encoding="utf-8")))) >= MIN_WORDS


PROSE_PAGES = [p for p in PAGES if prose(p)]


# ---------------------------------------------------------------- the measure itself


@pytest.mark.parametrize(("word", "count"), [
    ("casa", 2), ("ketamina", 4), ("esketamina", 5), ("depresión", 3), ("tratamiento", 4),
    ("murciélago", 4), ("ciudad", 2), ("cuidado", 3), ("tiene", 2), ("guion", 1), ("averiguáis", 4),
    ("leer", 2), ("poeta", 3), ("creer", 2),          # two open vowels: two syllables
    ("día", 2), ("país", 2), ("oído", 3),            # an accented close vowel stands alone
    ("hoy", 1), ("muy", 1), ("Uruguay", 3), ("y", 1), ("ya", 1), ("mayo", 2),
    ("ahora", 3), ("que", 1), ("guerra", 2), ("pingüino", 3),
    ("PHQ", 1), ("988", 1),                           # no vowel: one
])
def test_syllables_of_words_counted_by_hand(word, count):
    assert syllables(word) == count


def test_the_formula_on_sentences_counted_by_hand():
    # 7 words, 12 syllables (El pe-rro co-me car-ne / Quie-re a-gua / Sí), 3 sentences:
    # 206.835 - 62.3 * 12 / 7 - 7 / 3 = 97.70
    text = "El perro come carne. ¿Quiere agua? Sí."
    assert words(text) == ["El", "perro", "come", "carne", "Quiere", "agua", "Sí"]
    assert sentence_count(text) == 3
    assert szigriszt_pazos(text) == pytest.approx(206.835 - 62.3 * 12 / 7 - 7 / 3)
    # One sentence of long words: 6 words, 24 syllables (la ad-mi-nis-tra-ción
    # in-tra-ve-no-sa pro-du-ce fre-cuen-te-men-te al-te-ra-cio-nes): hard.
    hard = "La administración intravenosa produce frecuentemente alteraciones."
    assert sum(syllables(w) for w in words(hard)) == 24
    assert szigriszt_pazos(hard) == pytest.approx(206.835 - 62.3 * 24 / 6 - 6)
    assert inflesz_band(szigriszt_pazos(hard)) == "muy difícil"
    assert inflesz_band(szigriszt_pazos(text)) == "muy fácil"


def test_the_inflesz_bands():
    assert [inflesz_band(x) for x in (20, 40, 54.9, 55, 65, 79.9, 80)] == [
        "muy difícil", "algo difícil", "algo difícil", "normal", "bastante fácil", "bastante fácil", "muy fácil"]


def test_a_block_without_a_full_stop_still_ends_a_sentence():
    assert sentence_count("Primera parte\nSegunda parte. Tercera.\n«Cita.»") == 4


# ---------------------------------------------------------------- the pages


def test_there_are_spanish_pages():
    assert {"index.md", "get-help-now.md", "privacy.md", "self-check/index.md"} <= set(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_names_the_english_page_it_translates(page):
    meta, body = stage.split_page((SPANISH / page).read_text(encoding="utf-8"))
    assert meta.get("translation_of") == page
    english, english_body = stage.split_page((ROOT / "docs" / page).read_text(encoding="utf-8"))
    assert ("translated_from_review" in meta) is ("last_reviewed" in english)
    assert "last_reviewed" not in meta and "next_review" not in meta
    assert meta.get("template") == english.get("template")
    # The same headings, by the same ids (and the same country, for a by-country section): a
    # link to a section works in both languages, and a clinic's country reorders both alike.
    assert len(HEADING.findall(body)) == len(HEADING_ID.findall(body)), "every heading has an explicit id"
    assert HEADING_ID.findall(body) == HEADING_ID.findall(english_body)


def test_only_the_self_check_forms_are_too_short_to_grade():
    assert set(PAGES) - set(PROSE_PAGES) <= FORM_PAGES


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_each_page_reads_bastante_facil_or_easier(page):
    score = page_inflesz((SPANISH / page).read_text(encoding="utf-8"))
    print(f"{page}: INFLESZ {score:.1f} ({inflesz_band(score)})")
    assert score >= MIN_INFLESZ, f"{page}: INFLESZ {score:.1f} ({inflesz_band(score)}), below {MIN_INFLESZ}"


def test_the_spanish_rules_page_reads_bastante_facil_or_easier():
    """How the self-check works, generated from the Spanish locale file."""
    page = rules_page.render("es", {sid: s.as_dict() for sid, s in bibliography.load().items()})
    assert page_inflesz(page) >= MIN_INFLESZ


def test_the_self_checks_own_spanish_words_read_bastante_facil_or_easier():
    """Everything the self-check says in Spanish outside the published questionnaires (whose
    words are not ours to change) and the messages for developers."""
    with (ROOT / "selfcheck" / "locales" / "es.toml").open("rb") as f:
        table = tomllib.load(f)

    def leaves(t: dict, prefix: str = ""):
        for key, value in t.items():
            if isinstance(value, dict):
                yield from leaves(value, f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}", value

    published = ("phq9.item", "phq9.stem", "gad7.", "screener.", "problem.", "value.")
    text = "\n".join(v for k, v in leaves(table) if isinstance(v, str) and not k.startswith(published))
    assert szigriszt_pazos(text) >= MIN_INFLESZ


# ---------------------------------------------------------------- "Sus opciones de un vistazo"


def _options(lang: str) -> list[dict]:
    with options_block.data_file(lang).open("rb") as f:
        return tomllib.load(f)["option"]


def _plain(text: str) -> str:
    return re.sub(r"\s*\[@[^\]]*\]", "", text).strip()


def test_the_spanish_options_are_the_english_ones_translated():
    """The same options in the same order, each with the same link, the same unchecked
    fields and the same citations in each field: a translation adds and drops nothing."""
    english, spanish = _options("en"), _options("es")
    assert [o["id"] for o in spanish] == [o["id"] for o in english]
    for en, es in zip(english, spanish):
        assert es["more"] == en["more"] and es.get("unchecked", []) == en.get("unchecked", []), en["id"]
        for field in options_block.FIELDS:
            assert citations.cited_ids(es[field]) == citations.cited_ids(en[field]), (en["id"], field)
            assert es[field] != en[field], (en["id"], field)
        assert es["name"] != en["name"]


def test_the_spanish_options_read_bastante_facil_or_easier():
    """The block as a Spanish reader reads it: its introduction and every field."""
    with (ROOT / "sitebuild" / "locales" / "es.toml").open("rb") as f:
        intro = tomllib.load(f)["options"]["intro"]
    parts = [intro] + [_plain(o[field]) for o in _options("es") for field in options_block.FIELDS]
    score = szigriszt_pazos("\n".join(parts))
    print(f"treatment_options.es.toml: INFLESZ {score:.1f} ({inflesz_band(score)})")
    assert score >= MIN_INFLESZ
    long = [s for part in parts for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡])", part) if len(words(s)) > 20]
    assert not long, f"shorten: {long}"
