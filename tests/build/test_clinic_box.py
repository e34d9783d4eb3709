"""The clinic's call to action: only on pages about ketamine treatment itself (front matter
``clinic_box: true``), and always with one line of disclosure before its buttons: the
clinic's interest (``extra.clinic.interest``) or, without it, who publishes the site, with a
link to who pays for it. The templates are rendered here with Jinja, as MkDocs renders them;
tests/build/test_examples.py checks the built pages of both example clinics."""

from __future__ import annotations

import html
import re

import jinja2
import pytest

from sitebuild.clinic import ClinicSettingsError, load_clinic
from sitebuild.context import load_site_text
from sitebuild.stage import ROOT

TEXT = load_site_text(ROOT, "en")
ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
ENV.filters["url"] = lambda path: "../" + path  # a page one folder down, as MkDocs makes it
CLINIC = {"name": "Riverside Mind Clinic", "phone": "020 7946 0000", "booking_url": "https://riverside.example/book",
          "country": "GB", "publisher": "Riverside Health Ltd"}
REVIEW = {"first": "22 November 2026", "first_iso": "2026-11-22", "last": "6 December 2026",
          "last_iso": "2026-12-06", "next": "6 June 2027", "next_iso": "2027-06-06", "overdue": False}


def render(template: str, clinic: dict | None, variables: dict | None = None, **meta) -> tuple[str, str]:
    """The template's words (tags removed) and its markup; ``variables``: what an includer sets before it."""
    site = {"clinic": load_clinic({"clinic": clinic} if clinic else {}).as_template_data(), "text": TEXT}
    markup = ENV.get_template(template).render(config={"extra": {"site": site}}, page={"meta": meta},
                                               **(variables or {}))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split()), markup


def box(markup: str) -> str:
    start = markup.index('<aside class="clinic-cta"')
    return markup[start: markup.index("</aside>", start)]


# ---------------------------------------------------------------- the setting


def test_interest_is_an_optional_line_of_text():
    assert load_clinic({"clinic": {**CLINIC, "interest": "  We offer ketamine treatment. "}}).interest == "We offer ketamine treatment."
    assert load_clinic({"clinic": CLINIC}).interest is None
    assert load_clinic({"clinic": {**CLINIC, "interest": "We offer it."}}).as_template_data()["interest"] == "We offer it."


@pytest.mark.parametrize("value", ["We offer\nketamine treatment.", "x" * 201, 42, ["We offer it."]])
def test_a_wrong_interest_stops_the_build_naming_the_setting(value):
    with pytest.raises(ClinicSettingsError, match=r"extra\.clinic\.interest"):
        load_clinic({"clinic": {**CLINIC, "interest": value}})


# ---------------------------------------------------------------- where the box appears


def test_the_box_appears_only_where_the_page_asks_for_it():
    _, with_box = render("partials/page-end.html", CLINIC, clinic_box=True, review=REVIEW)
    _, without = render("partials/page-end.html", CLINIC, review=REVIEW)
    assert 'class="clinic-cta"' in with_box and 'class="page-review"' in with_box
    assert 'class="clinic-cta"' not in without and 'class="page-review"' in without
    # "About this page" comes after the box, where it always was.
    assert with_box.index('class="clinic-cta"') < with_box.index('class="page-review"')


# ---------------------------------------------------------------- what it says


def test_the_clinics_interest_comes_before_any_button():
    words, markup = render("partials/clinic-cta.html", {**CLINIC, "interest": "We offer ketamine treatment."})
    cta = box(markup)
    assert "We offer ketamine treatment." in words
    assert cta.index("We offer ketamine treatment.") < cta.index("md-button")
    assert 'href="../editorial-policy/#who-pays-for-this-site"' in cta
    assert "Published by" not in words


def test_without_an_interest_it_names_the_publisher_and_links_to_who_pays():
    words, markup = render("partials/clinic-cta.html", CLINIC)
    cta = box(markup)
    assert "Published by Riverside Health Ltd. Who pays for this site" in words
    assert cta.index("Published by") < cta.index("md-button")
    assert 'href="../editorial-policy/#who-pays-for-this-site"' in cta


def test_without_a_clinic_the_box_still_links_to_who_pays_and_names_no_one():
    words, markup = render("partials/clinic-cta.html", None)
    assert "Who pays for this site" in words and "Published by" not in words and "tel:" not in markup


def test_markup_in_the_interest_stops_the_build_and_an_ampersand_is_escaped():
    # Markup never reaches the template (tests/build/test_hostile_settings.py has the rest);
    # what may (an ampersand) is printed as text.
    with pytest.raises(ClinicSettingsError, match=r"extra\.clinic\.interest"):
        load_clinic({"clinic": {**CLINIC, "interest": "We offer <b>ketamine</b>."}})
    _, markup = render("partials/clinic-cta.html", {**CLINIC, "interest": "We offer ketamine & more."})
    assert "We offer ketamine &amp; more." in box(markup)


def test_the_self_checks_failure_box_speaks_of_treatments_and_books_nothing():
    # Shown when the self-check cannot give a result, so to anyone: someone in crisis, a
    # young person. As on a result card: which treatments, and no booking page.
    words, markup = render("partials/clinic-cta.html", {**CLINIC, "interest": "We offer ketamine treatment."},
                           variables={"cta_for_anyone": True})
    assert "can say which treatments could help you" in words and "whether ketamine" not in words
    assert CLINIC["booking_url"] not in markup and "tel:" in markup
    assert "We offer ketamine treatment." in words  # the disclosure stays
    article_words, article = render("partials/clinic-cta.html", CLINIC)
    assert "whether ketamine treatment could help you" in article_words and CLINIC["booking_url"] in article
