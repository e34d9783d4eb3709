"""The self-check page's script data: the engine's settings with the articles' titles, the
page's own words, and the way from the page to the site's root (for the card's links)."""

from types import SimpleNamespace

from sitebuild.selfcheck_page import page_data, relative_href


def test_links_are_relative_to_the_page_so_sub_paths_work():
    assert relative_href("learn/who-may-benefit/", "self-check/") == "../learn/who-may-benefit/"
    assert relative_href("", "self-check/") == "../"
    assert relative_href("", "embed/self-check/") == "../../"
    assert relative_href("self-check/how-it-works/", "self-check/") == "how-it-works/"


def test_page_data_carries_settings_with_article_titles_text_and_root():
    site = {"lang": "en", "engine_settings": {"country": "US"}, "text": {"selfcheck_page": {"why": "Why"}}}
    pages = [SimpleNamespace(url="get-help-now/", title="Get help now"), SimpleNamespace(url="untitled/", title="")]
    data = page_data(site, "embed/self-check/", pages)
    assert data == {
        "lang": "en",
        "settings": {"country": "US", "articles": {"get-help-now/": "Get help now"}},
        "text": {"why": "Why"},
        "root": "../../",
        "elsewhere": {},
    }
    assert site["engine_settings"] == {"country": "US"}  # the site's own settings are not changed


def test_a_page_a_translation_lacks_is_linked_in_the_main_language():
    # es/self-check/ -> the English learn/who-may-benefit/ (the main site is one folder up).
    site = {"lang": "es", "engine_settings": {}, "text": {"selfcheck_page": {}}}
    pages = [SimpleNamespace(url="learn/who-may-benefit/", title="¿A quién? (en inglés)", other_root="../"),
             SimpleNamespace(url="learn/legal-status/", title="¿Es legal?")]
    data = page_data(site, "self-check/", pages)
    assert data["elsewhere"] == {"learn/who-may-benefit/": "../../learn/who-may-benefit/"}
    assert data["root"] == "../"


def test_page_settings_are_valid_engine_settings_with_every_nav_title():
    import selfcheck

    site = {"lang": "en", "engine_settings": {"lang": "en", "country": "GB", "clinic": None},
            "text": {"selfcheck_page": {}}, "bibliography": {}}
    pages = [SimpleNamespace(url="", title="Home"), SimpleNamespace(url="learn/who-may-benefit/", title="Who?"),
             SimpleNamespace(url="untitled/", title=None)]
    settings = page_data(site, "self-check/", pages)["settings"]
    assert settings["articles"] == {"": "Home", "learn/who-may-benefit/": "Who?"}
    engine = selfcheck.prepare(settings)
    assert engine.settings.articles["learn/who-may-benefit/"] == "Who?"
