"""The example clinics in examples/ build the way a clinic builds its own copy
(`python -m sitebuild build -f examples/<name>/mkdocs.yml`), and their pages say who publishes the
site, who wrote the pages and who pays for them. The default build names no one, and never
shows an example's made-up names."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml

from sitebuild.context import load_site_text

from ..conftest import ROOT, build_site

EXAMPLES = ROOT / "examples"
# Each example's country: the first crisis number on every page, and numbers that must not
# be offered first there.
COUNTRY = {
    "us-clinic": {"country": "US", "first": "tel:988", "emergency": "tel:911", "not": "tel:116123"},
    "gb-clinic": {"country": "GB", "first": "tel:116123", "emergency": "tel:999", "not": "tel:988"},
}
# What a clinic's copy may set besides extra.clinic: the paths MkDocs reads relative to the
# file it was given, pointed back at the project.
PATH_KEYS = {"INHERIT", "docs_dir", "site_dir", "theme"}


def example_config(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / name / "mkdocs.yml").read_text(encoding="utf-8"))


def clinic_of(name: str) -> dict:
    return example_config(name)["extra"]["clinic"]


def text_of(fragment: str) -> str:
    """What a reader reads: tags dropped, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def review_block(page: Path) -> str:
    markup = page.read_text(encoding="utf-8")
    start = markup.index('<aside class="page-review"')
    return text_of(markup[start: markup.index("</aside>", start)])


def json_ld(page: Path) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert match, f"{page}: no JSON-LD"
    return json.loads(match.group(1))


def articles(site: Path) -> list[Path]:
    found = sorted((site / "learn").glob("*/index.html"))
    assert len(found) >= 4, f"{site}: expected the articles under learn/"
    return found + [site / "editorial-policy" / "index.html"]


def section(page: Path, heading_id: str) -> str:
    """The HTML from the h2 with this id to the next h2."""
    markup = page.read_text(encoding="utf-8")
    start = markup.index(f'<h2 id="{heading_id}"')
    end = markup.find("<h2", start + 1)
    return markup[start: end if end > 0 else None]


@pytest.fixture(scope="module", params=sorted(COUNTRY))
def example(request, tmp_path_factory) -> tuple[str, dict, Path]:
    """(name, its extra.clinic settings, the built site), built as a clinic would build it."""
    name = request.param
    dest = tmp_path_factory.mktemp(name)
    result = build_site(dest, EXAMPLES / name / "mkdocs.yml")
    if result.returncode != 0:
        pytest.fail(f"examples/{name} does not build with --strict:\n{result.stdout}\n{result.stderr}")
    return name, clinic_of(name), dest


# ------------------------------------------------------------------ the example files


@pytest.mark.parametrize("name", sorted(COUNTRY))
def test_example_sets_only_clinic_settings_and_paths_back_to_the_project(name):
    config = example_config(name)
    path = EXAMPLES / name
    assert set(config) - PATH_KEYS == {"extra"}, f"examples/{name}: only extra.clinic besides paths"
    assert set(config["extra"]) == {"clinic"}
    assert set(config["theme"]) == {"custom_dir"}
    assert (path / config["INHERIT"]).resolve() == ROOT / "mkdocs.yml"
    assert (path / config["docs_dir"]).resolve() == ROOT / "docs"
    assert (path / config["theme"]["custom_dir"]).resolve() == ROOT / "overrides"
    # Without -d, the site goes to build/ (ignored by git), not into examples/.
    assert (path / config["site_dir"]).resolve().is_relative_to(ROOT / "build")


@pytest.mark.parametrize("name", sorted(COUNTRY))
def test_example_is_plainly_fictional_and_names_no_reviewer(name):
    clinic = clinic_of(name)
    for value in (clinic["name"], clinic["publisher"], clinic["author"]["name"]):
        assert "(fictional)" in value, f"examples/{name}: {value!r} must say it is fictional"
    digits = re.sub(r"[^0-9]", "", str(clinic["phone"]))
    if clinic["country"] == "US":  # 555-0100 to 555-0199: reserved for fiction
        assert re.fullmatch(r"1?[2-9][0-9]{2}55501[0-9]{2}", digits), clinic["phone"]
    else:  # Ofcom's drama range, 020 7946 0000 to 0999
        assert re.fullmatch(r"(44|0)2079460[0-9]{3}", digits), clinic["phone"]
    assert re.match(r"https://[a-z0-9.-]+\.example/", clinic["booking_url"]), clinic["booking_url"]
    assert "reviewer" not in clinic, "a reviewer is shown as a real clinician: leave it out of the examples"
    assert clinic["country"] == COUNTRY[name]["country"]


def test_a_wrong_setting_in_a_copy_like_the_examples_stops_the_build_naming_it(tmp_path):
    config = example_config("gb-clinic")
    config["INHERIT"] = str(ROOT / "mkdocs.yml")
    config["docs_dir"] = str(ROOT / "docs")
    config["site_dir"] = str(tmp_path / "unused")
    config["theme"] = {"custom_dir": str(ROOT / "overrides")}
    config["extra"]["clinic"]["author"] = {"name": "Sam Example (fictional)"}
    config["extra"]["clinic"]["funding"] = ["not", "text"]
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = build_site(tmp_path / "site", path)
    assert result.returncode != 0
    assert "extra.clinic.author.credentials: missing" in result.stderr
    assert "extra.clinic.funding: expected non-empty text" in result.stderr
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------ the built examples


def test_every_article_says_who_publishes_wrote_and_funds_it(example):
    name, clinic, site = example
    author = clinic["author"]
    for page in articles(site):
        block = review_block(page)
        assert f"Published by {clinic['publisher']}." in block, page
        assert f"Written by {author['name']}, {author['credentials']}." in block, page
        assert f"Funding and conflicts of interest: {' '.join(clinic['funding'].split())}" in block, page
        assert "No clinician has reviewed this page yet." in block, page
        assert "not name its publisher" not in block and "No author is named" not in block, page


def language_roots(site: Path) -> dict[Path, Path]:
    """Each built language's folder and its pages' folder: English at the root, Spanish in
    es/ when the site has it."""
    roots = {site: ROOT / "docs"}
    if (site / "es" / "index.html").is_file():
        roots[site / "es"] = ROOT / "docs-es"
    return roots


def clinic_box_pages(site: Path) -> list[Path]:
    """The built pages whose Markdown asks for the clinic's call to action (clinic_box: true),
    in every language the site has (a translated page copies its English page's setting)."""
    pages = []
    for root, docs in language_roots(site).items():
        for source in sorted(docs.rglob("*.md")):
            front = source.read_text(encoding="utf-8").split("---", 2)[1]
            if (yaml.safe_load(front) or {}).get("clinic_box") is True:
                stem = source.relative_to(docs).with_suffix("").as_posix()
                pages.append(root / (stem[: -len("index")] if stem.endswith("index") else stem + "/") / "index.html")
    return pages


def clinic_box(page: Path) -> str:
    markup = page.read_text(encoding="utf-8")
    start = markup.index('class="clinic-cta"')
    return markup[start: markup.index("</aside>", start)]


# Pages that are not about ketamine treatment itself: a call to book must never appear there.
NEVER_A_CLINIC_BOX = ["learn/without-treatment", "learn/other-treatments", "learn/reporting-side-effects",
                      "learn/for-family-and-friends", "get-help-now", "", "about", "editorial-policy",
                      "privacy", "glossary", "learn/guidelines", "learn/legal-status"]


def test_the_clinic_box_is_only_on_pages_about_ketamine_treatment_itself(example):
    name, clinic, site = example
    expected = set(clinic_box_pages(site))
    assert len(expected) >= 8 and all(page.is_file() for page in expected)
    # Every built page except the self-check's own two (the result and failure views carry
    # their own box, decided by the self-check).
    self_check_homes = {home for root in language_roots(site) for home in (root, root / "embed")}
    for page in sorted(site.rglob("index.html")):
        if page.parent.name == "self-check" and page.parent.parent in self_check_homes:
            continue
        has_box = 'class="clinic-cta"' in page.read_text(encoding="utf-8")
        assert has_box == (page in expected), (name, page)
    for path in NEVER_A_CLINIC_BOX:
        for root in language_roots(site):
            assert (root / path / "index.html") not in expected, path


def test_the_clinic_box_names_the_clinic_its_interest_and_its_contact(example):
    name, clinic, site = example
    published_by = {lang: load_site_text(ROOT, lang)["credits"]["published_by"] for lang in ("en", "es")}
    for page in clinic_box_pages(site):
        cta = clinic_box(page)
        assert clinic["name"] in text_of(cta), page
        assert 'href="tel:' in cta and f'href="{clinic["booking_url"]}"' in cta, page
        # One line of disclosure before any button, in the page's language: the clinic's
        # interest, or who publishes ("Published by ...", "Publicado por ...").
        lang = "es" if site / "es" in page.parents else "en"
        disclosure = clinic.get("interest") or published_by[lang].replace("{publisher}", clinic["publisher"])
        assert disclosure in text_of(cta) and cta.index("clinic-cta__interest") < cta.index("md-button"), page
        assert 'editorial-policy/#who-pays-for-this-site"' in cta, page


def test_json_ld_names_the_author_and_publisher_and_no_reviewer(example):
    name, clinic, site = example
    for page in articles(site):
        data = json_ld(page)
        assert data["author"] == {"@type": "Person", "name": clinic["author"]["name"],
                                  "description": clinic["author"]["credentials"]}, page
        assert data["publisher"] == {"@type": "Organization", "name": clinic["publisher"]}, page
        assert "reviewedBy" not in data, page


def test_every_page_offers_the_examples_countrys_crisis_number_first(example):
    name, clinic, site = example
    expected = COUNTRY[name]
    pages = [site / "index.html", site / "get-help-now" / "index.html", *articles(site)]
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        banner = markup[markup.index('class="crisis-banner"'):]
        banner = banner[: banner.index("</p>")]
        numbers = re.findall(r'href="(tel:[^"]+)"', banner)
        assert numbers and numbers[0] == expected["first"], (page, numbers)
        assert expected["emergency"] in numbers and expected["not"] not in numbers, (page, numbers)
    help_page = (site / "get-help-now" / "index.html").read_text(encoding="utf-8")
    content = help_page[help_page.index("<article"):]
    assert re.findall(r'href="(tel:[^"]+)"', content)[0] == expected["first"]


def test_editorial_policy_names_the_people_and_how_to_report_a_mistake(example):
    name, clinic, site = example
    page = site / "editorial-policy" / "index.html"
    who = text_of(section(page, "who-writes-and-reviews-the-pages"))
    assert f"Published by {clinic['publisher']}." in who
    assert f"Written by {clinic['author']['name']}" in who
    report = section(page, "how-to-report-a-mistake")
    assert f"To report a mistake, contact {clinic['name']}." in text_of(report)
    digits = re.sub(r"[^0-9+]", "", str(clinic["phone"]))
    assert f'href="tel:{digits}"' in report
    assert clinic["address"] in text_of(report)
    assert " ".join(clinic["funding"].split()) in text_of(section(page, "who-pays-for-this-site"))


# ------------------------------------------------------------------ the default build


def test_default_articles_name_no_author_reviewer_or_publisher(built_site):
    for page in articles(built_site):
        block = review_block(page)
        assert "This site does not name its publisher." in block, page
        assert "No author is named." in block, page
        assert "No clinician has reviewed this page yet." in block, page
        assert "gives no statement about who pays for it" in block, page
        assert not re.search(r"\b(Published|Written|Reviewed) by\b", block), page
        data = json_ld(page)
        assert not {"author", "publisher", "reviewedBy"} & set(data), page


def test_default_editorial_policy_says_plainly_who_to_tell(built_site):
    page = built_site / "editorial-policy" / "index.html"
    report = section(page, "how-to-report-a-mistake")
    assert "Tell the clinic or person who gave you the link to this site." in text_of(report)
    assert "tel:" not in report


def test_default_build_never_shows_an_examples_names(built_site):
    names = set()
    for example_name in COUNTRY:
        clinic = clinic_of(example_name)
        names |= {clinic["name"], clinic["publisher"], clinic["author"]["name"], str(clinic["phone"])}
    names.add("(fictional)")
    for page in sorted(built_site.rglob("*.html")):
        markup = html.unescape(page.read_text(encoding="utf-8"))
        shown = [n for n in names if n in markup]
        assert not shown, f"{page}: shows {shown}"


def test_example_brand_colours_and_embed_origin_reach_the_site(example):
    """Each example sets brand colours and the one site that may embed its self-check
    (tests/build/test_branding.py and tests/browser/test_embed.py test what they do)."""
    name, clinic, site = example
    css = (site / "assets" / "stylesheets" / "clinic-brand.css").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color: {clinic['colors']['primary']};" in css
    assert "assets/stylesheets/clinic-brand.css" in (site / "index.html").read_text(encoding="utf-8")
    embed = (site / "_nginx-embed-security-headers.conf").read_text(encoding="utf-8")
    assert f"frame-ancestors {clinic['embed_origins'][0]}" in embed
    assert "frame-ancestors 'none'" in (site / "_nginx-security-headers.conf").read_text(encoding="utf-8")


COUNTRY_PAGES = ("legal-status", "cost-and-insurance", "guidelines", "reporting-side-effects")


def test_country_sections_put_the_clinics_own_country_first(example):
    name, clinic, site = example
    for page in COUNTRY_PAGES:
        markup = (site / "learn" / page / "index.html").read_text(encoding="utf-8")
        order = re.findall(r'<h[23][^>]*\sdata-country="([A-Z]{2})"', markup)
        assert order and order[0] == clinic["country"], (name, page, order)
        assert sorted(order) == ["AU", "CA", "GB", "US"], (name, page, order)
        assert "by-country" not in markup, f"{page}: the region's markers are build instructions, not page content"
    # Every heading keeps its id wherever its section lands (links into the page still work).
    legal = (site / "learn" / "legal-status" / "index.html").read_text(encoding="utf-8")
    for anchor in ("united-states", "united-kingdom", "canada", "australia", "getting-a-prescription-online"):
        assert f'id="{anchor}"' in legal, anchor


# ------------------------------------------------------------------ home, self-check and first-published dates


def ordered_buttons(markup: str) -> list[tuple[str, str]]:
    article = markup[markup.index("<article"):]
    found = []
    for tag in re.finditer(r"<a\s[^>]*>", article):
        classes = re.search(r'class="([^"]*)"', tag.group(0))
        href = re.search(r'href="([^"]*)"', tag.group(0))
        if classes and "md-button" in classes.group(1):
            found.append((href.group(1), classes.group(1)))
    return found


def test_the_home_pages_main_action_is_to_learn_and_the_self_check_comes_second(built_site):
    markup = (built_site / "index.html").read_text(encoding="utf-8")
    found = ordered_buttons(markup)
    assert found[0][0].startswith("learn/how-ketamine-works/") and "md-button--primary" in found[0][1], found
    assert found[1][0].startswith("self-check/") and "md-button--primary" not in found[1][1], found
    assert [href for href, _ in found].count("get-help-now/") == 1
    assert sum("md-button--primary" in classes for _, classes in found) == 1


def test_home_and_self_check_pages_say_when_and_by_whom(example):
    name, clinic, site = example
    for page in (site / "index.html", site / "self-check" / "index.html"):
        block = review_block(page)
        assert re.search(r"First published: \d{1,2} \w+ \d{4} · Last reviewed: \d{1,2} \w+ \d{4} · Next review due:", block), page
        assert f"Published by {clinic['publisher']}." in block, page
        assert f"Written by {clinic['author']['name']}" in block, page
        assert f"Funding and conflicts of interest: {' '.join(clinic['funding'].split())}" in block, page
        data = json_ld(page)
        assert data["datePublished"] and data["lastReviewed"] and data["publisher"]["name"] == clinic["publisher"], page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'class="clinic-cta"' not in home, "the home page is not a page about ketamine treatment itself"


def test_articles_show_when_they_were_first_published(example):
    name, clinic, site = example
    for page in sorted((site / "learn").glob("*/index.html")):
        block = review_block(page)
        assert "First published: 22 November 2026 · Last reviewed:" in block, page
        assert json_ld(page)["datePublished"] == "2026-11-22", page


def test_each_example_publishes_the_languages_it_names(example):
    """The US example publishes Spanish in es/ as well; the GB example, English only."""
    name, clinic, site = example
    assert (site / "es" / "index.html").is_file() is ("es" in clinic["languages"])
    assert ("language-switch" in (site / "index.html").read_text(encoding="utf-8")) is ("es" in clinic["languages"])
