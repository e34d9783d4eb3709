"""The built site in two languages: English at the root, Spanish in es/, from one config and
one engine. What a Spanish reader meets (their language, said in the page; a switch to the
same page in English; honest translation notices; links to English-only pages marked as
such) and what a clinic controls (English only, the embed page's framing rule)."""

from __future__ import annotations

import json
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild import languages, stage

from ..conftest import ROOT, build_site, clinic_config

SPANISH_PAGES = sorted(languages.page_path(p.relative_to(ROOT / "docs-es").as_posix())
                       for p in (ROOT / "docs-es").rglob("*.md"))


def html_of(site: Path, path: str) -> str:
    return (site / (path if path.endswith(".html") else path + "index.html")).read_text(encoding="utf-8")


def spanish_text() -> dict:
    with (ROOT / "sitebuild" / "locales" / "es.toml").open("rb") as f:
        return tomllib.load(f)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str, name: str) -> list[dict]:
    parser = Tags()
    parser.feed(html)
    return [attrs for tag, attrs in parser.tags if tag == name]


# ---------------------------------------------------------------- one build, two languages


def test_spanish_is_built_into_es_on_the_one_engine(built_site):
    assert (built_site / "es" / "index.html").is_file()
    for page in SPANISH_PAGES:
        assert (built_site / "es" / page / "index.html").is_file(), page
    assert [p.relative_to(built_site).as_posix() for p in built_site.rglob("pyodide.asm.wasm")] == [
        "assets/pyodide/314.0.7/pyodide.asm.wasm"]
    assert not list((built_site / "es").rglob("selfcheck-worker.js"))


@pytest.mark.parametrize("page", ["", "privacy/", "get-help-now/", "self-check/", "self-check/how-it-works/", "404.html"])
def test_spanish_pages_say_they_are_in_spanish(built_site, page):
    assert '<html lang="es"' in html_of(built_site, "es/" + page)


def test_spanish_search_stems_spanish_words(built_site):
    config = json.loads((built_site / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["es"]
    assert json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["lang"] == ["en"]


@pytest.mark.parametrize("page", SPANISH_PAGES)
def test_every_page_in_both_languages_links_to_the_other_both_ways(built_site, page):
    """hreflang alternates on both pages (each language's, and x-default, the English one),
    and a header switch to the same page in the other language."""
    english, spanish = html_of(built_site, page), html_of(built_site, "es/" + page)
    depth = "../" * page.count("/")
    en_alternates = {a["hreflang"]: a["href"] for a in tags(english, "link") if a.get("rel") == "alternate"}
    es_alternates = {a["hreflang"]: a["href"] for a in tags(spanish, "link") if a.get("rel") == "alternate"}
    assert en_alternates == {"en": "./", "es": f"{depth}es/{page}", "x-default": "./"}
    assert es_alternates == {"en": f"../{depth}{page}", "es": "./", "x-default": f"../{depth}{page}"}
    if page.startswith("embed/"):
        return  # shown inside a clinic's own page: no header, so no switch
    en_switch = [a for a in tags(english, "a") if "language-switch__link" in (a.get("class") or "")]
    es_switch = [a for a in tags(spanish, "a") if "language-switch__link" in (a.get("class") or "")]
    assert en_switch == [{"class": "language-switch__link", "href": f"{depth}es/{page}", "hreflang": "es", "lang": "es"}]
    assert es_switch == [{"class": "language-switch__link", "href": f"../{depth}{page}", "hreflang": "en", "lang": "en"}]
    assert ">Español</a>" in english and ">English</a>" in spanish


def test_the_language_switch_stores_nothing_and_runs_no_script(built_site):
    html = html_of(built_site, "es/privacy/")
    switch = html[html.index('<div class="md-header__option language-switch">'):]
    switch = switch[: switch.index("</div>")]
    assert "<script" not in switch and "onclick" not in switch and "<button" not in switch


# ---------------------------------------------------------------- honest translations


def test_a_translated_page_names_its_english_page_and_review_date(built_site):
    html = html_of(built_site, "es/privacy/")
    notice = re.search(r'<p class="page-translation" role="note">(.*?)</p>', html).group(1)
    assert notice == ('Esta página es una traducción de la <a href="../../privacy/" hreflang="en">página en inglés</a>, '
                      "tal como se revisó el 22 de noviembre de 2026. La página en inglés es la referencia.")
    assert "page-translation--older" not in html
    # Its review dates are in Spanish, as of the English review it was translated from.
    assert '<time datetime="2026-11-22">22 de noviembre de 2026</time>' in html


def test_pages_without_review_dates_still_say_they_are_translations(built_site):
    for page in ("es/", "es/get-help-now/"):
        assert "Esta página es una traducción de la " in html_of(built_site, page), page


def test_links_to_pages_only_in_english_are_marked(built_site):
    home = html_of(built_site, "es/")
    # A Markdown link to an article, and a button (the home page's main action), in Spanish
    # (a page Spanish lacks is linked in English and marked: tests/build/test_partial_translation.py).
    assert '<a href="learn/how-ketamine-works/">Cómo funciona la ketamina</a>' in home
    assert re.search(r'<a (?=[^>]*href="learn/how-ketamine-works/")(?=[^>]*md-button--primary)(?![^>]*hreflang)'
                     r'[^>]*>Empiece aquí: cómo funciona el tratamiento con ketamina</a>', home)
    # A translated page is linked in Spanish, unmarked.
    assert '<a href="privacy/">Privacidad</a>' in home
    # A template's link (the footer) to a translated page stays in Spanish (a template's
    # link to an untranslated page is marked: tests/build/test_translation.py).
    privacy = html_of(built_site, "es/privacy/")
    assert '<a href="../editorial-policy/">Cómo escribimos y revisamos nuestras páginas</a>' in privacy
    # Every link into the English site from a Spanish page says so, or names its language.
    for page in SPANISH_PAGES:
        for a in tags(html_of(built_site, "es/" + page), "a"):
            href = a.get("href") or ""
            target = (Path("/es") / page / href.split("#")[0]).resolve().as_posix() if href and not re.match(r"^[a-z]+:|#", href) else ""
            if target and not target.startswith("/es") and not target.startswith("/assets"):
                assert a.get("hreflang") == "en", (page, href)


def test_the_spanish_self_checks_reasons_link_english_articles_as_english(built_site):
    html = html_of(built_site, "es/self-check/")
    data = json.loads(re.search(r'<script type="application/json" id="selfcheck-data">(.*?)</script>', html, re.S).group(1))
    # The card's links are site paths, resolved from the page's root: every page is in
    # Spanish (a page Spanish lacks is linked in English: tests/build/test_partial_translation.py).
    titles = data["settings"]["articles"]
    assert data["root"] == "../" and data["elsewhere"] == {}
    assert titles["learn/side-effects-and-risks/"] == "Efectos secundarios y riesgos"
    assert titles["get-help-now/"] == "Ayuda inmediata"
    assert data["lang"] == "es" and data["settings"]["lang"] == "es"


# ---------------------------------------------------------------- the self-check


def form_fields(html: str) -> list[tuple]:
    """What the contract fixes: every input's type, name and value, and every element's
    data-* attributes and id inside the form."""
    start = html.index('<form id="selfcheck"')
    form = html[start:html.index("</form>", start)]
    parser = Tags()
    parser.feed(form)
    out = []
    for tag, attrs in parser.tags:
        if tag == "input":
            out.append(("input", attrs.get("type"), attrs.get("name"), attrs.get("value"), "required" in attrs))
        data = tuple(sorted((k, v) for k, v in attrs.items() if k.startswith("data-") or k == "id"))
        if data:
            out.append((tag, data))
    return out


def test_the_spanish_form_has_the_english_forms_names_values_and_data_attributes(built_site):
    english, spanish = html_of(built_site, "self-check/"), html_of(built_site, "es/self-check/")
    assert form_fields(spanish) == form_fields(english)
    assert len([f for f in form_fields(spanish) if f[0] == "input"]) > 60
    for page in (english, spanish):
        assert 'id="selfcheck-result"' in page and 'data-engine="loading"' in page


def test_the_spanish_form_shows_the_published_screener_wording(built_site):
    html = html_of(built_site, "es/self-check/")
    assert "Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?" in html
    assert "o lo contrario – muy inquieto(a) o agitado(a)" in html
    assert html.count("Ningún día") == 16  # 9 PHQ-9 items and 7 GAD-7 items
    assert ("Versión en español para EE. UU. Elaborado por los doctores Robert L. Spitzer, Janet B.W. Williams, "
            "Kurt Kroenke y colegas") in html


def test_the_spanish_crisis_banner_says_how_to_reach_988_in_spanish(built_site):
    for page in ("es/", "es/privacy/"):
        banner = html_of(built_site, page)
        banner = banner[banner.index('class="crisis-banner"'):]
        banner = banner[: banner.index("</p>")]
        assert 'href="tel:988">Llame al 988 y marque 2</a>' in banner
        assert 'href="tel:911">911 en una emergencia</a>' in banner
    english = html_of(built_site, "privacy/")
    assert "Call or text 988</a>" in english and "marque" not in english


def test_the_spanish_get_help_page_lists_spanish_lines_first_and_spain_and_mexico(built_site):
    html = html_of(built_site, "es/get-help-now/")
    us = html[html.index('data-country="US"'):]
    assert "Línea 988 de Prevención del Suicidio y Crisis" in us and "AYUDA al 741741" in us
    assert "Líneas de crisis en España" in html and 'href="tel:024"' in html and 'href="tel:112"' in html
    assert "Líneas de crisis en México" in html and 'href="tel:8009112000"' in html
    english = html_of(built_site, "get-help-now/")
    assert "988 Suicide &amp; Crisis Lifeline" in english and "Crisis lines in Spain" in english
    assert "Línea 988 de Prevención" not in english


# ---------------------------------------------------------------- what a clinic chooses


@pytest.fixture(scope="module")
def english_only_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("english-only")
    result = build_site(tmp / "site", clinic_config(tmp, {"country": "US", "languages": ["en"]}))
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp / "site"


def test_a_clinic_can_publish_english_only(english_only_site):
    assert not (english_only_site / "es").exists()
    html = html_of(english_only_site, "privacy/")
    assert "language-switch" not in html and 'hreflang="' not in html


def test_the_spanish_embed_page_gets_the_embed_pages_framing_rule(tmp_path):
    """es/embed/self-check/ may be framed by embed_origins, like the English embed page: in
    _headers (a rule of its own) and in nginx (the shipped location matches it)."""
    config = clinic_config(tmp_path, {"name": "C", "embed_origins": ["https://www.clinic.example"]})
    result = build_site(tmp_path / "site", config)
    assert result.returncode == 0, result.stderr[-3000:]
    rules = (tmp_path / "site" / "_headers").read_text(encoding="utf-8")
    english = rules.split("/embed/self-check/*\n", 1)[1].split("\n\n", 1)[0].strip()
    spanish = rules.split("/es/embed/self-check/*\n", 1)[1].split("\n\n", 1)[0].strip()
    assert spanish == english and "frame-ancestors https://www.clinic.example" in spanish
    location = re.search(r"location ~ (\S+) \{\n    include ketamine/embed-security-headers.conf;",
                         (ROOT / "deploy" / "nginx" / "ketamine-site.conf").read_text(encoding="utf-8")).group(1)
    for path in ("/clinic/embed/self-check/", "/clinic/es/embed/self-check/", "/es/embed/self-check/index.html"):
        assert re.search(location, path), path
    assert not re.search(location, "/clinic/es/self-check/")
