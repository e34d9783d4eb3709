"""The Spanish self-check asks the PHQ-9 and GAD-7 exactly as published: "Spanish for the
USA" (Pfizer / PHQ Screeners), character for character as shared/content-brief/spanish.md
gives it (the PHQ-9 checked against two independent copies of the official form; the GAD-7
in the wording in wide use). The text below is copied from that brief, so a change to the
locale file that is not in the published form fails here."""

from __future__ import annotations

import selfcheck
from selfcheck import text

STEM = "Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?"
OPTIONS = ["Ningún día", "Varios días", "Más de la mitad de los días", "Casi todos los días"]
PHQ9 = [
    "Poco interés o placer en hacer cosas",
    "Se ha sentido decaído(a), deprimido(a) o sin esperanzas",
    "Ha tenido dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado",
    "Se ha sentido cansado(a) o con poca energía",
    "Sin apetito o ha comido en exceso",
    "Se ha sentido mal con usted mismo(a) – o que es un fracaso o que ha quedado mal con usted mismo(a) o con su familia",
    "Ha tenido dificultad para concentrarse en ciertas actividades, tales como leer el periódico o ver la televisión",
    "¿Se ha movido o hablado tan lento que otras personas podrían haberlo notado? o lo contrario – muy inquieto(a) o "
    "agitado(a) que ha estado moviéndose mucho más de lo normal",
    "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera",
]
GAD7 = [
    "Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta",
    "No ha sido capaz de parar o controlar su preocupación",
    "Se ha preocupado demasiado por motivos diferentes",
    "Ha tenido dificultad para relajarse",
    "Se ha sentido tan inquieto(a) que no ha podido quedarse quieto(a)",
    "Se ha molestado o irritado fácilmente",
    "Ha tenido miedo de que algo terrible fuera a pasar",
]
FOOTER = ("Elaborado por los doctores Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke y colegas, mediante una "
          "subvención educativa otorgada por Pfizer Inc. No se requiere permiso para reproducir, traducir, presentar o "
          "distribuir.")
LABEL = "Versión en español para EE. UU."
# Circulating texts that are not this form (spanish.md, section 1).
REFUSED = ["Para nada", "Nunca", "Nada en absoluto", "con qué frecuencia", "Tener poco interés", "Sentirse desanimado"]


def spanish_questions() -> dict:
    return {q["name"]: q for section in selfcheck.questions("es")["sections"] for q in section["questions"]}


def test_phq9_items_stem_and_options_are_the_published_spanish_form():
    questions = spanish_questions()
    for n, item in enumerate(PHQ9, start=1):
        question = questions[f"phq9-{n}"]
        assert question["label"] == item
        assert question["stem"] == STEM
        assert [o["label"] for o in question["options"]] == OPTIONS


def test_gad7_items_stem_and_options_are_the_wording_in_wide_use():
    questions = spanish_questions()
    for n, item in enumerate(GAD7, start=1):
        question = questions[f"gad7-{n}"]
        assert question["label"] == item
        assert question["stem"] == STEM
        assert [o["label"] for o in question["options"]] == OPTIONS


def test_the_pfizer_footer_is_shown_with_the_versions_label():
    credit = selfcheck.questions("es")["credit"]
    assert credit == f"{LABEL} {FOOTER}"


def test_the_typography_of_the_form_is_kept():
    """En dashes (not hyphens or em dashes), "(a)", and the lower-case "o lo contrario"."""
    catalog = text.catalog("es")
    item6, item8 = catalog.get("phq9.item.6"), catalog.get("phq9.item.8")
    assert " – " in item6 and " – " in item8 and "—" not in item6 + item8 and " - " not in item6 + item8
    assert "notado? o lo contrario –" in item8
    assert item6.count("mismo(a)") == 2


def test_no_refused_wording_is_used():
    catalog = text.catalog("es")
    screener_text = " ".join(catalog.get(i) for i in catalog.ids() if i.split(".")[0] in ("phq9", "gad7", "screener"))
    for wrong in REFUSED:
        assert wrong not in screener_text, wrong


def test_the_rules_page_says_how_far_each_wording_was_checked():
    """The GAD-7's Spanish wording is the one in wide use; no original PDF was seen."""
    from selfcheck import bibliography
    from sitebuild import rules_page

    page = rules_page.render("es", {sid: s.as_dict() for sid, s in bibliography.load().items()})
    assert "La comparamos con dos copias del formulario oficial." in page
    assert "no pudimos compararla con el documento original" in page
    assert f"{LABEL} {FOOTER}" in page
