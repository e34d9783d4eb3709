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
    assert data["settings"] == {"country": "US"} and data["text"] == {"why": "Why"}
    assert data["articles"] == {"get-help-now/": {"href": "../get-help-now/", "title": "Get help now"}}
    assert data["sources"] == {"a-2001": {"citation": "A.", "url": "https://a.example"}}
