"""The self-check in Spanish decides exactly as in English (the words change, never the
result), keeps the same wording rules, and gives Spanish crisis lines."""

from __future__ import annotations

import re

from engine_helpers import all_strings, answer_sets
from hypothesis import given, settings
from hypothesis import strategies as st

import selfcheck
from selfcheck import crisis, rules

# The contract's banned words, in Spanish: never "elegible", never "califica", never
# "es candidato".
BANNED = re.compile(r"\b(elegible|elegibilidad|califica|calificar|califican|candidat[oa]s?)\b", re.IGNORECASE)
# What a result must never say to someone in crisis, in Spanish: few symptoms, not urgent,
# nothing to worry about, or that taking the self-check again is a next step.
CRISIS_DISMISSIVE = re.compile(
    r"pocos síntomas|no (es )?urgente|no hay (nada )?(de )?qué preocupar|no es grave|está bien\b"
    r"|otra vez|de nuevo|vuelva a (hacer|responder)",
    re.IGNORECASE,
)
# Never, in any result: a claim that nothing in the answers is a (safety) concern.
NO_CONCERN_CLAIM = re.compile(
    r"nada en (sus|las) respuestas|ninguna preocupación|no hay ningún riesgo|sin riesgos?\b",
    re.IGNORECASE,
)


countries = st.sampled_from(["US", "GB", "CA", "AU", "ES", "MX"])
clinics = st.one_of(st.none(), st.fixed_dictionaries({"name": st.just("Clínica Ejemplo"), "phone": st.just("+1 202 555 0143")}))


@settings(max_examples=400, deadline=None)
@given(answer_sets(), countries, clinics)
def test_spanish_gives_the_same_result_as_english_for_any_answers(a, country, clinic):
    english = selfcheck.evaluate(a, {"lang": "en", "country": country, "clinic": clinic})
    spanish = selfcheck.evaluate(a, {"lang": "es", "country": country, "clinic": clinic})
    for key in ("tier", "urgency", "crisis", "scores"):
        if key == "scores":  # the same totals; the band's name is in Spanish
            assert {k: v["total"] for k, v in spanish[key].items()} == {k: v["total"] for k, v in english[key].items()}
        else:
            assert spanish[key] == english[key], key
    assert [r["id"] for r in spanish["reasons"]] == [r["id"] for r in english["reasons"]]
    assert [r["sources"] for r in spanish["reasons"]] == [r["sources"] for r in english["reasons"]]
    assert len(spanish["next_steps"]) == len(english["next_steps"])
    assert [line["id"] for line in spanish["crisis_lines"]] == [line["id"] for line in english["crisis_lines"]]
    assert spanish["lang"] == "es"
    if a.get("age_group") == "under-18":
        # A young person is sent to a doctor or a young people's service with an adult they
        # trust, never to the hosting clinic (version 3), in Spanish too.
        assert "de confianza" in spanish["consult"] and "Clínica Ejemplo" not in spanish["consult"]
        assert spanish["card"]["clinic"] is None

    strings = all_strings(spanish)
    assert not [s for s in strings if BANNED.search(s)]
    assert not [s for s in strings if NO_CONCERN_CLAIM.search(s)]
    assert not [s for s in strings if "{" in s or "}" in s], "every placeholder filled"
    if spanish["crisis"]:
        assert not [s for s in strings if CRISIS_DISMISSIVE.search(s)]
        assert spanish["headline"] in ("Pida ayuda ahora", "Hable con alguien hoy")
        # Crisis help first: the first step names the emergency number.
        emergency = next(line["number"] for line in spanish["crisis_lines"] if line["emergency"] and line["number"])
        assert emergency in spanish["next_steps"][0]


def test_the_wording_checks_themselves_work():
    for bad in ("Sus respuestas muestran pocos síntomas.", "Esto no es urgente.", "Haga la autoevaluación otra vez.",
                "Usted es candidato.", "No califica."):
        assert CRISIS_DISMISSIVE.search(bad) or BANNED.search(bad), bad
    assert NO_CONCERN_CLAIM.search("Nada en sus respuestas es motivo de preocupación.")
    assert not BANNED.search("Hable con un profesional de la salud.")


def test_us_crisis_lines_in_spanish_say_how_to_get_help_in_spanish():
    lines = {line["id"]: line for line in selfcheck.lines_for("US", "es")}
    lifeline = lines["us-988"]
    assert lifeline["name"] == "Línea 988 de Prevención del Suicidio y Crisis"
    assert lifeline["press"] == "2" and lifeline["keyword"] == "AYUDA"
    assert "marque 2" in lifeline["description"] and "AYUDA al 988" in lifeline["description"]
    text_line = lines["us-crisis-text-line"]
    assert text_line["name"] == "Crisis Text Line" and text_line["keyword"] == "AYUDA"
    assert "AYUDA al 741741" in text_line["description"]
    assert lines["us-911"]["name"] == "Servicios de emergencia" and "911" in lines["us-911"]["description"]
    assert lines["local-emergency"]["name"] == "O su número local de emergencias"


def test_english_keeps_its_own_names_and_keyword():
    lines = {line["id"]: line for line in selfcheck.lines_for("US", "en")}
    assert lines["us-988"]["name"] == "988 Suicide & Crisis Lifeline"
    assert lines["us-988"]["keyword"] is None and lines["us-988"]["press"] is None
    assert lines["us-crisis-text-line"]["keyword"] == "HOME"


def test_a_spanish_result_names_the_word_to_text():
    a = {"phq9": [2, 2, 2, 2, 1, 1, 1, 1, 1], "safety_now": "no", "antidepressant_trials": 2, "medical": ["none"]}
    first = selfcheck.evaluate(a, {"lang": "es"})["next_steps"][0]
    assert "Crisis Text Line (envíe la palabra AYUDA al 741741)" in first
    assert "HOME" not in first


def test_spain_and_mexico_have_their_crisis_lines():
    spain = [(line["number"], line["emergency"]) for line in selfcheck.lines_for("ES", "es")]
    mexico = [(line["number"], line["emergency"]) for line in selfcheck.lines_for("MX", "es")]
    assert spain == [("024", False), ("112", True), ("", True)]
    assert mexico == [("800 911 2000", False), ("911", True), ("", True)]
    assert selfcheck.lines_for("MX", "es")[0]["name"] == "Línea de la Vida"
    # English pages show the same services, described in English.
    assert "call 024" in selfcheck.lines_for("ES", "en")[0]["description"]
    assert selfcheck.lines_for("ES", "en")[1]["name"] == "Emergency services"


# ---------------------------------------------------------------- the card, word by word

# Card fields that hold data, not words: ids, links, numbers, the clinic's own details and
# the sources' own citations.
DATA_KEYS = {"urgency", "style", "id", "href", "kind", "path", "fragment", "url", "number", "citation", "phone",
             "address", "website"}
# What may read the same in both languages: the questionnaires' names, "No", services' own
# names ("Crisis Text Line", "Samaritans") and anything a clinic set itself.
SAME_IN_BOTH = {"PHQ-9", "GAD-7", "No"}


def _word_pairs(english, spanish, where=""):
    """(where, English, Spanish) for every string a person reads on the card, walking the
    two cards side by side (the same answers give the same shape in both languages)."""
    if isinstance(english, dict):
        assert set(english) == set(spanish), where
        for key in english:
            if key not in DATA_KEYS:
                yield from _word_pairs(english[key], spanish[key], f"{where}.{key}")
    elif isinstance(english, list):
        assert len(english) == len(spanish), where
        for n, (e, s) in enumerate(zip(english, spanish)):
            yield from _word_pairs(e, s, f"{where}[{n}]")
    elif isinstance(english, str):
        yield where, english, spanish


def _service_names() -> set[str]:
    return {line["name"] for country in crisis.countries() for lang in ("en", "es")
            for line in selfcheck.lines_for(country, lang)}


def test_every_word_on_a_spanish_card_is_spanish(vignettes):
    """Every vignette (one or more per tier, variant, urgency and country, with and without
    a clinic), plus Spain and Mexico: each string on the Spanish card differs from the
    English card's, unless it is data. An English string left in the engine, or an English
    fallback (a crisis line with no Spanish description), reads the same in both."""
    names = _service_names()
    cases = [(v["id"], v["answers"], v.get("settings") or {}) for v in vignettes]
    cases += [(f"{v['id']}@{country}", v["answers"], {"country": country}) for country in ("ES", "MX")
              for v in vignettes if v["id"] in ("urgent-item9-1-safety-yes", "v3-worth-discussing-us", "v3-anxiety-led-three-trials")]
    seen_tiers = set()
    for case, answers, config in cases:
        english = selfcheck.evaluate(answers, {**config, "lang": "en"}, today="2026-12-06")["card"]
        spanish = selfcheck.evaluate(answers, {**config, "lang": "es"}, today="2026-12-06")["card"]
        clinic = config.get("clinic") or {}
        own = {value for value in clinic.values()}  # the clinic's own words (its name, its interest)
        for where, en, es in _word_pairs(english, spanish):
            if en != es or not re.search(r"[A-Za-z]", en) or en in SAME_IN_BOTH | names | own:
                continue
            raise AssertionError(f"{case}: {where} is the same in Spanish as in English: {es!r}")
        assert spanish["print"]["date"] == "6 de diciembre de 2026"
        seen_tiers.add(selfcheck.evaluate(answers, {**config, "lang": "es"})["tier"])
    assert seen_tiers == set(rules.TIER_IDS)


def test_the_spanish_crisis_block_says_how_to_get_help_in_spanish():
    """A crisis result in Spanish on a US site: the emergency action first, then 988 with
    "marque 2" and the word to text, Crisis Text Line with AYUDA, then the local number."""
    a = {"phq9": [2, 2, 2, 2, 1, 1, 1, 1, 1], "safety_now": "no", "antidepressant_trials": 2, "medical": ["none"]}
    card = selfcheck.evaluate(a, {"lang": "es", "country": "US"})["card"]
    assert card["label"] == "Urgente:" and card["heading"] == "Hable con alguien hoy"
    assert card["emergency_action"] == {"kind": "call", "text": "Llame al 911", "label": None, "href": "tel:911"}
    assert card["crisis"]["lead"] == "Puede hablar hoy con alguien sobre estos pensamientos:"
    main, local = card["crisis"]["groups"][0]["lines"], card["crisis"]["groups"][-1]["lines"]
    lifeline, text_line = main
    assert lifeline["name"] == "Línea 988 de Prevención del Suicidio y Crisis"
    assert [a["text"] for a in lifeline["actions"]] == ["Llame al 988 y marque 2", "Envíe AYUDA al 988", "Chatee en línea"]
    assert lifeline["actions"][0]["label"] == "Llame al 988 y marque 2 (Línea 988 de Prevención del Suicidio y Crisis)"
    assert [a["text"] for a in text_line["actions"]] == ["Envíe AYUDA al 741741"]
    assert text_line["actions"][0]["href"] == "sms:741741"
    assert local[0]["name"] == "O su número local de emergencias" and local[0]["actions"] == []
    steps = card["sections"][-1]["items"]
    assert steps[0]["text"].startswith("Hoy, hable con alguien") and "911" in steps[0]["text"]
    # In danger now: "now" first, crisis help only.
    urgent = selfcheck.evaluate({**a, "safety_now": "yes"}, {"lang": "es", "country": "US"})["card"]
    assert urgent["heading"] == "Pida ayuda ahora" and urgent["crisis"]["lead"] == "O comuníquese ahora con uno de estos:"
    assert urgent["sections"][-1]["items"][0]["text"].startswith("Ahora, llame al 911")
    assert urgent["clinic"] is None and urgent["print"]["answers"] == []
