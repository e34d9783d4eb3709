"""The site's languages (sitebuild/languages.py), worked out before anything is built: which
are built, from which pages and words, and how each page links to itself in the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from sitebuild import languages, stage
from sitebuild.clinic import ClinicSettingsError, load_clinic

ROOT = Path(__file__).resolve().parents[2]
NAV = [
    {"Home": "index.md"},
    {"Get help now": "get-help-now.md"},
    {"Learn": [{"How ketamine works": "learn/how-ketamine-works.md"}, {"Side effects": "learn/side-effects.md"}]},
    {"About": [{"Privacy": "privacy.md"}, "glossary.md"]},
]
WORDS = {
    "sections": {"Learn": "Aprenda", "About": "Acerca de"},
    "pages": {"index.md": "Inicio", "learn/how-ketamine-works.md": "Cómo funciona la ketamina", "privacy.md": "Privacidad"},
}


def main_config() -> dict:
    return stage.load_config(ROOT / "mkdocs.yml")


def language(code: str, folder: str, pages: set[str], name: str) -> languages.Language:
    return languages.Language(code, folder, {}, frozenset(pages), name)


EN = language("en", "", {"index.md", "privacy.md", "learn/how-ketamine-works.md"}, "English")
ES = language("es", "es", {"index.md", "privacy.md"}, "Español")


# ---------------------------------------------------------------- which languages


def test_a_clinic_chooses_its_languages_and_english_always_comes_first():
    assert load_clinic({"clinic": {"languages": ["en"]}}).languages == ("en",)
    assert load_clinic({"clinic": {"languages": ["en", "es"]}}).languages == ("en", "es")
    assert load_clinic({"clinic": {}}).languages is None  # not set: every translation that is there
    for bad in (["es"], ["es", "en"], ["en", "fr"], ["en", "en"], "es", [], ["en", 3]):
        with pytest.raises(ClinicSettingsError, match=r"extra\.clinic\.languages: expected a list of language codes"):
            load_clinic({"clinic": {"languages": bad}})


def test_the_project_builds_english_and_spanish_and_a_clinic_can_build_english_only():
    main = main_config()
    assert [(x.code, x.folder) for x in languages.site_languages(main)] == [("en", ""), ("es", "es")]
    english_only = {**main, "extra": {**main["extra"], "clinic": {**main["extra"]["clinic"], "languages": ["en"]}}}
    assert [x.code for x in languages.site_languages(english_only)] == ["en"]


def test_a_translation_listed_without_its_pages_stops_the_build_naming_the_folder(tmp_path):
    (tmp_path / "docs").mkdir()
    config = {"docs_dir": str(tmp_path / "docs"), "theme": {"language": "en"},
              "extra": {"clinic": {"languages": ["en", "es"]}}}
    with pytest.raises(languages.LanguageError, match=r"docs-es is missing: extra\.clinic\.languages lists es"):
        languages.site_languages(config)
    # Without the setting, a project that has no Spanish pages is built in English.
    config["extra"]["clinic"] = {}
    assert [x.code for x in languages.site_languages(config)] == ["en"]


def test_the_spanish_pages_are_beside_the_english_ones():
    assert languages.pages_folder(Path("/p/docs"), "es") == Path("/p/docs-es")
    assert languages.pages_folder(Path("/p/site-pages"), "es") == Path("/p/site-pages-es")


# ---------------------------------------------------------------- the translation's config


def test_the_spanish_config_is_the_main_config_with_spanish_pages_words_and_search():
    main = {**main_config(), "site_url": "https://clinic.example/learn/"}
    config = languages.translation_config(main, "es")
    assert config["docs_dir"] == str(ROOT / "docs-es")
    assert config["theme"]["language"] == "es" and config["theme"]["custom_dir"] == main["theme"]["custom_dir"]
    assert config["site_name"] == "La ketamina explicada"
    assert config["site_url"] == "https://clinic.example/learn/es/"
    assert {"search": {"lang": "es"}} in config["plugins"]
    # The clinic's settings are the main config's: one place for both languages.
    assert config["extra"]["clinic"] == main["extra"]["clinic"]
    assert main["theme"]["language"] == "en", "the main config is left as it was"


def test_the_spanish_nav_holds_the_translated_pages_with_their_spanish_titles():
    nav = languages.translated_nav(NAV, frozenset({"index.md", "privacy.md", "glossary.md"}), WORDS, Path("x"))
    # Learn has no translated page yet: it is left out, and so are its pages.
    assert nav == [{"Inicio": "index.md"}, {"Acerca de": [{"Privacidad": "privacy.md"}, "glossary.md"]}]


def test_a_section_without_a_spanish_title_names_itself(tmp_path):
    with pytest.raises(languages.LanguageError, match=r"language\.yml: nav\.sections needs a title for the nav's section 'Learn'"):
        languages.translated_nav(NAV, frozenset({"learn/how-ketamine-works.md"}), {"pages": {}}, tmp_path / "language.yml")


def test_the_words_file_is_checked(tmp_path):
    (tmp_path / "language.yml").write_text(yaml.safe_dump({"site_name": "", "nav": {"sections": {"Learn": 3}}, "x": 1}))
    with pytest.raises(languages.LanguageError) as error:
        languages.language_words(tmp_path)
    message = str(error.value)
    assert "site_name: expected text" in message and "site_description: expected text" in message
    assert "nav.sections: expected titles as text" in message and "x: unknown key" in message


def test_every_nav_page_has_a_spanish_title_and_every_section_too():
    """docs-es/language.yml names every page of mkdocs.yml's nav, so a page linked before it
    is translated already has its Spanish name."""
    main = main_config()
    words = languages.language_words(ROOT / "docs-es")
    assert {src for _, src in stage.nav_entries(main["nav"])} <= set(words["nav"]["pages"])
    sections = [title for item in main["nav"] for title, value in item.items() if isinstance(value, list)]
    assert set(sections) <= set(words["nav"]["sections"])


# ---------------------------------------------------------------- links between languages


def test_a_page_in_both_languages_links_to_itself_both_ways():
    english = languages.page_links("privacy.md", EN, [EN, ES])
    spanish = languages.page_links("privacy.md", ES, [EN, ES])
    assert english["switch"] == [{"code": "es", "name": "Español", "href": "../es/privacy/", "same_page": True}]
    assert spanish["switch"] == [{"code": "en", "name": "English", "href": "../../privacy/", "same_page": True}]
    assert english["alternates"] == [{"hreflang": "en", "href": "./"}, {"hreflang": "es", "href": "../es/privacy/"},
                                     {"hreflang": "x-default", "href": "./"}]
    assert spanish["alternates"] == [{"hreflang": "en", "href": "../../privacy/"}, {"hreflang": "es", "href": "./"},
                                     {"hreflang": "x-default", "href": "../../privacy/"}]


def test_the_home_pages_link_to_each_other():
    assert languages.page_links("index.md", EN, [EN, ES])["switch"][0]["href"] == "es/"
    assert languages.page_links("index.md", ES, [EN, ES])["switch"][0]["href"] == "../"


def test_a_page_not_yet_translated_has_no_alternates_and_its_switch_goes_home():
    links = languages.page_links("learn/how-ketamine-works.md", EN, [EN, ES])
    assert links["alternates"] == []
    assert links["switch"] == [{"code": "es", "name": "Español", "href": "../../es/", "same_page": False}]


def test_alternates_are_absolute_when_the_site_has_an_address():
    links = languages.page_links("privacy.md", ES, [EN, ES], site_url="https://clinic.example/learn")
    assert [a["href"] for a in links["alternates"]] == [
        "https://clinic.example/learn/privacy/", "https://clinic.example/learn/es/privacy/",
        "https://clinic.example/learn/privacy/"]
    assert links["switch"][0]["href"] == "../../privacy/", "the switch stays relative, as every link"


def test_the_not_found_page_switches_to_each_home_from_the_sites_root():
    assert languages.home_links(EN, [EN, ES], None) == [{"code": "es", "name": "Español", "href": "/es/", "same_page": False}]
    assert languages.home_links(ES, [EN, ES], "https://c.example/learn/")[0]["href"] == "/learn/"


def test_a_clinics_own_pages_folder_gets_its_own_spanish_folder(tmp_path):
    """A clinic with its own docs_dir builds Spanish from the folder beside it."""
    shutil.copytree(ROOT / "docs-es", tmp_path / "pages-es")
    (tmp_path / "pages").mkdir()
    config = {**main_config(), "docs_dir": str(tmp_path / "pages")}
    assert languages.translation_config(config, "es")["docs_dir"] == str(tmp_path / "pages-es")
