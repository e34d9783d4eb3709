"""Crisis help in one place: the banner on every page shows a number to call for the
configured country (US here, the default build), the get-help page lists every country's
lines after the configured one's, and every list of lines is the engine's, in its order,
ending with "or your local emergency number" as text without a link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from selfcheck import crisis
from sitebuild.context import load_site_text
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

CRISIS_TEXT = load_site_text(ROOT, "en")["crisis"]
DEFAULT_COUNTRY = "US"


def _pages(site) -> list:
    return sorted(p for p in site.rglob("index.html") if "pyodide" not in p.parts)


def _first_reachable(lines: list[dict]) -> dict:
    return next(l for l in lines if not l["emergency"] and l["number"] and {"call", "text"} & set(l["how"]))


def test_every_page_banner_gives_a_number_to_call(built_site):
    lines = crisis.lines_for(DEFAULT_COUNTRY, "en")
    first = _first_reachable(lines)
    emergency = next(l for l in lines if l["emergency"] and l["number"])
    pages = _pages(built_site)
    assert len(pages) > 10
    spanish = load_site_text(ROOT, "es")["crisis"]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        start = html.index('<p class="crisis-banner">')
        banner = html[start:html.index("</p>", start)]
        numbers = re.findall(r'<a class="crisis-banner__number[^"]*" href="(tel:[^"]+)">([^<]+)</a>', banner)
        assert numbers, page
        if page.relative_to(built_site).parts[0] == "es":
            # In Spanish, 988 is called and then 2 pressed for help in Spanish.
            assert numbers[0] == (f"tel:{first['tel']}", spanish["banner_call_press"].format(number="988", press="2")), page
            assert numbers[-1] == (f"tel:{emergency['tel']}", spanish["banner_emergency"].format(number="911")), page
            continue
        # 988 can be called or texted, and its name already holds the number.
        assert numbers[0] == (f"tel:{first['tel']}", CRISIS_TEXT["banner_call_or_text"].format(number="988")), page
        assert numbers[-1] == (f"tel:{emergency['tel']}", CRISIS_TEXT["banner_emergency"].format(number="911")), page


@pytest.mark.parametrize("path", ["", "learn/how-ketamine-works/", "self-check/", "get-help-now/"])
def test_banner_numbers_are_readable_and_tappable_on_a_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + path)
        numbers = page.locator(".crisis-banner .crisis-banner__number")
        expect(numbers).to_have_count(2)
        for i in range(2):
            link = numbers.nth(i)
            expect(link).to_be_visible()
            box = link.bounding_box()
            assert box["height"] >= 24 and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
            assert link.get_attribute("href").startswith("tel:")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # White on the banner's dark red, as the stylesheet says.
        colour = numbers.first.evaluate("a => getComputedStyle(a).color")
        assert colour == "rgb(255, 255, 255)"
    finally:
        context.close()


def test_get_help_page_lists_every_country_configured_first(page, site_url):
    page.goto(site_url + "get-help-now/")
    sections = page.locator("section.crisis-country")
    codes = sections.evaluate_all("s => s.map(x => x.dataset.country)")
    assert codes[0] == DEFAULT_COUNTRY
    assert sorted(codes) == sorted(crisis.countries()) and len(codes) == len(set(codes))
    # The configured country's section comes before the page's own words and is an h2;
    # the others follow under one heading, each its own h3 section named from locale data.
    names = CRISIS_TEXT["countries"]
    for i, code in enumerate(codes):
        section = sections.nth(i)
        heading = section.locator("h2, h3").first
        expect(heading).to_have_text(CRISIS_TEXT["lines_in"].format(country=names[code]))
        assert heading.evaluate("h => h.tagName") == ("H2" if i == 0 else "H3")
        assert section.get_attribute("aria-labelledby") == heading.get_attribute("id")
        # Each country's lines are the engine's, in the engine's order.
        ids = section.locator(".crisis-lines__item").evaluate_all("items => items.map(i => i.dataset.line)")
        expected = crisis.lines_for(code, "en")
        assert ids == [line["id"] for line in expected]
        for line in expected:
            item = section.locator(f"[data-line='{line['id']}']")
            expect(item).to_contain_text(line["description"])
            if line["number"]:
                expect(item.locator(f"a[href='tel:{line['tel']}'], a[href='sms:{line['tel']}']").first).to_be_attached()
            else:  # "or your local emergency number": text, no link
                expect(item.locator("a")).to_have_count(0)
    expect(page.locator("#crisis-lines-other")).to_have_text(CRISIS_TEXT["other_countries_heading"])
    order = page.evaluate(
        """() => [...document.querySelectorAll('article h2')].map(h => h.id || h.textContent.trim())"""
    )
    assert order[0] == f"crisis-lines-{DEFAULT_COUNTRY.lower()}-heading"
    assert order[-1] == "crisis-lines-other"


def test_self_check_panel_lists_the_same_lines_as_the_get_help_page(page, site_url):
    page.goto(site_url + "get-help-now/")
    configured = page.locator(f"section[data-country='{DEFAULT_COUNTRY}'] .crisis-lines__item")
    help_page = configured.evaluate_all("items => items.map(i => i.innerText.trim())")
    page.goto(site_url + "self-check/")
    panel = page.locator("#selfcheck-help-now .crisis-lines__item")
    page.locator("#selfcheck-help-now > summary").click()
    assert panel.evaluate_all("items => items.map(i => i.innerText.trim())") == help_page
    assert help_page and len(help_page) == len(crisis.lines_for(DEFAULT_COUNTRY, "en"))
