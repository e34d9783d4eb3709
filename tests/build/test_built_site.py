"""The built site as a clinic and its visitors meet it: self-contained, under any sub-path,
with the clinic's details (or honest generic wording) and crisis lines on every page."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..conftest import ROOT, build_site, clinic_config

# Attributes through which a browser fetches something without a click.
FETCHING = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
    ("iframe", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"),
    ("link", "href"), ("input", "src"), ("track", "src"),
}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fetched: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            if (tag, name) in FETCHING:
                # A <link rel=canonical> or rel=alternate is not fetched; stylesheet,
                # preload, modulepreload and icon are.
                rel = dict(attrs).get("rel", "")
                if tag == "link" and not re.search(r"stylesheet|preload|icon|manifest|prefetch", rel or ""):
                    continue
                urls = [u.strip().split(" ")[0] for u in value.split(",")] if "srcset" in name else [value]
                self.fetched.extend(urls)
            if tag == "a" and name == "href":
                self.links.append(value)

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_parts(site: Path, page: Path) -> tuple[str, tuple[str, ...]]:
    """(the page's language, its path's parts below that language's folder): English at
    the site's root, a translation in its folder (es/...)."""
    parts = page.relative_to(site).parts
    if len(parts) > 1 and (ROOT / "sitebuild" / "locales" / f"{parts[0]}.toml").is_file():
        return parts[0], parts[1:]
    return "en", parts


def site_text(lang: str) -> dict:
    import tomllib

    with (ROOT / "sitebuild" / "locales" / f"{lang}.toml").open("rb") as f:
        return tomllib.load(f)


def is_other_origin(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("data",)) or url.startswith("//")


def test_site_has_home_selfcheck_help_and_articles(built_site):
    for page in ("index.html", "self-check/index.html", "get-help-now/index.html",
                 "learn/how-ketamine-works/index.html", "self-check/how-it-works/index.html"):
        assert (built_site / page).is_file(), page


def test_no_page_makes_the_browser_fetch_from_another_host(built_site):
    offenders = {}
    for page in pages(built_site):
        bad = [u for u in parse(page).fetched if is_other_origin(u)]
        if bad:
            offenders[str(page.relative_to(built_site))] = bad
    assert offenders == {}


def test_no_absolute_paths_so_any_sub_path_works(built_site):
    offenders = {}
    # 404.html is the exception: a host serves it at any depth, so MkDocs roots its URLs at
    # site_url's path ("/" without one). The README tells sub-path hosts to set site_url;
    # test_not_found_page_follows_site_url checks that it then works.
    for page in pages(built_site):
        if page.name == "404.html":
            continue
        collector = parse(page)
        bad = [u for u in collector.fetched + collector.links if u.startswith("/") and not u.startswith("//")]
        if bad:
            offenders[str(page.relative_to(built_site))] = bad
    assert offenders == {}


def test_project_scripts_and_styles_name_no_other_host(built_site):
    """Module imports, fetch() and worker URLs in our own JS/CSS stay on this site."""
    own = [p for p in (ROOT / "docs" / "assets").rglob("*") if p.suffix in (".js", ".mjs", ".css")]
    assert own, "expected the project's own assets"
    pattern = re.compile(r"""(?:import\s*\(?|from\s|fetch\s*\(|Worker\s*\(|importScripts\s*\(|url\()\s*['"]?(?:https?:)?//""")
    offenders = [str(p.relative_to(ROOT)) for p in own if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    # The theme's own CSS must not pull fonts or images from elsewhere either.
    for css in (built_site / "assets" / "stylesheets").glob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8")), css.name


def test_lockfile_hash_matches_the_wheel_it_names(built_site):
    (pyodide,) = (built_site / "assets" / "pyodide").iterdir()  # one version folder
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())
    assert set(lock["packages"]) == {"selfcheck"}
    entry = lock["packages"]["selfcheck"]
    wheel = pyodide / entry["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"]


def test_every_page_has_the_crisis_link_in_the_same_place(built_site):
    for page in pages(built_site):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        banner = html.find('class="crisis-banner"')
        # Before the header; the embeddable self-check has none, so before its content.
        first_after = html.find('<header class="md-header')
        if page_parts(built_site, page)[1][0] == "embed":
            assert first_after == -1, f"{page}: the embed page has no header"
            first_after = html.find("<main")
        assert 0 < banner < first_after, f"{page}: crisis link must come before the header (or the content)"
        assert re.search(r'class="crisis-banner__link" href="((\.\./)*get-help-now/|\./)"', html), page


def test_every_page_footer_links_to_the_editorial_policy(built_site):
    # How pages are written, checked and corrected is one tap away on every page
    # (the embed page has its own short footer, which links to the full site).
    for page in pages(built_site):
        lang, parts = page_parts(built_site, page)
        if parts[0] == "embed":
            continue
        text = site_text(lang)
        html = page.read_text(encoding="utf-8")
        footer = html[html.find('class="md-copyright site-footer"'):]
        # In a translation that has no such page yet, the link goes to the English page
        # and says so (sitebuild/other_language.py).
        words = re.escape(text["footer"]["editorial_policy"])
        english = re.escape(" " + text["translation"]["english_only"])
        # The not-found page links from its language's root ("/es/editorial-policy/").
        assert re.search(rf'<a href="(?:[./]*(?:{lang}/)?editorial-policy/|\./)"(?: hreflang="en">{words}{english}|>{words})</a>',
                         footer), page


def test_not_found_page_says_so_in_plain_words_and_links_home(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in html and "404 - Not found" not in html
    assert "Go to the home page</a>" in html


def test_get_help_page_lists_the_default_us_lines_as_links(built_site):
    html = (built_site / "get-help-now" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:988"' in html and 'href="sms:988"' in html and 'href="tel:911"' in html


def test_articles_show_generic_clinician_wording_without_a_clinic(built_site):
    html = (built_site / "learn" / "how-ketamine-works" / "index.html").read_text(encoding="utf-8")
    cta = html[html.index('class="clinic-cta"'):]
    assert "a qualified clinician" in cta
    assert "tel:" not in cta[: cta.index("</aside>")]
    assert "No clinician has reviewed this page yet" in html
    assert re.search(r"Last reviewed: <time datetime=\"\d{4}-\d{2}-\d{2}\">", html)


def test_articles_carry_medical_web_page_json_ld(built_site):
    html = (built_site / "learn" / "side-effects-and-risks" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "MedicalWebPage" and data["lastReviewed"]
    assert data["audience"]["audienceType"] == "Patient"
    assert "reviewedBy" not in data


config_with_clinic = clinic_config


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("clinic")
    config = config_with_clinic(tmp, site_url="https://riverside.example/ketamine/", clinic={
        "name": "Riverside Mind Clinic", "phone": "+44 20 7946 0000",
        "booking_url": "https://riverside.example/book", "country": "GB",
        "reviewer": {"name": "Dr Test Reviewer", "credentials": "MRCPsych", "reviewed_on": "2026-11-20"},
    })
    result = build_site(tmp / "site", config)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def test_configured_clinic_appears_on_every_page_about_ketamine_treatment(clinic_site):
    from .test_examples import clinic_box_pages

    for article in clinic_box_pages(clinic_site):
        html = article.read_text(encoding="utf-8")
        cta = html[html.index('class="clinic-cta"'):]
        cta = cta[: cta.index("</aside>")]
        assert "Riverside Mind Clinic" in cta, article
        assert 'href="tel:+442079460000"' in cta and 'href="https://riverside.example/book"' in cta, article
    for article in sorted((clinic_site / "learn").glob("*/index.html")):
        html = article.read_text(encoding="utf-8")
        assert "Reviewed by Dr Test Reviewer, MRCPsych, on 20 November 2026." in html, article


def test_configured_country_picks_its_crisis_lines(clinic_site):
    html = (clinic_site / "get-help-now" / "index.html").read_text(encoding="utf-8")
    # The configured country's own section comes first; other countries follow it.
    first = html[html.index('data-country="GB"'):html.index('data-country="US"')]
    assert 'href="tel:116123"' in first and 'href="tel:999"' in first
    assert 'href="tel:988"' not in first
    # The banner on every page gives the configured country's numbers.
    banner = html[html.index('class="crisis-banner"'):]
    banner = banner[:banner.index("</p>")]
    assert 'href="tel:116123"' in banner and 'href="tel:999"' in banner and "tel:988" not in banner


@pytest.mark.parametrize(
    ("clinic", "expected"),
    [
        ({"name": "C", "phone": "not a number"}, "extra.clinic.phone: expected a phone number"),
        ({"country": "Narnia"}, "extra.clinic.country: expected one of US, GB, CA, AU, ES, MX"),
        ({"colour": "blue"}, "extra.clinic.colour: unknown key"),
    ],
)
def test_a_wrong_setting_stops_the_build_with_a_clear_message(tmp_path, clinic, expected):
    result = build_site(tmp_path / "site", config_with_clinic(tmp_path, clinic))
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_not_found_page_follows_site_url(clinic_site):
    """With site_url set, the 404 page's styles and crisis link work under the sub-path."""
    html = (clinic_site / "404.html").read_text(encoding="utf-8")
    assert 'class="crisis-banner__link" href="/ketamine/get-help-now/"' in html
    assert 'href="/ketamine/assets/stylesheets/site.css"' in html
