"""The self-check page's script data: links relative to the page, every source's citation."""

from types import SimpleNamespace

from sitebuild.selfcheck_page import page_data, relative_href


def test_links_are_relative_to_the_page_so_sub_paths_work():
    assert relative_href("learn/who-may-benefit/", "self-check/") == "../learn/who-may-benefit/"
    assert relative_href("", "self-check/") == "../"
    assert relative_href("self-check/how-it-works/", "self-check/") == "how-it-works/"


def test_page_data_carries_settings_text_articles_and_sources():
    site = {"lang": "en", "engine_settings": {"country": "US"}, "text": {"selfcheck_page": {"why": "Why"}},
            "bibliography": {"a-2001": {"citation": "A.", "url": "https://a.example", "status": "verified"}}}
    pages = [SimpleNamespace(url="get-help-now/", title="Get help now")]
    data = page_data(site, "self-check/", pages)
    # The engine gets the articles' titles (site path -> title) for its "Read more" links.
    assert data["settings"] == {"country": "US", "articles": {"get-help-now/": "Get help now"}}
    assert data["text"] == {"why": "Why"}
    assert data["articles"] == {"get-help-now/": {"href": "../get-help-now/", "title": "Get help now"}}
    assert data["sources"] == {"a-2001": {"citation": "A.", "url": "https://a.example"}}


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
