"""A clinic's brand and embedding settings: colour contrast, the logo, embed origins.

Unit checks of sitebuild/branding.py and the clinic settings, then real builds: a poor
colour stops the build naming the key; a good brand reaches the header, the stylesheet and
the printout; the embed page gets its own frame-ancestors while every other page keeps 'none'.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
import yaml

from sitebuild import branding
from sitebuild.clinic import ClinicSettingsError, load_clinic
from tests.conftest import ROOT, build_site, clinic_config


# --- contrast ------------------------------------------------------------------------------

def test_contrast_ratio_matches_wcag_reference_values():
    assert branding.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert branding.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # #767676 is the lightest grey that passes AA on white; #777777 just fails.
    assert branding.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert branding.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert branding.contrast_ratio("#1d4f91", "#ffffff") == branding.contrast_ratio("#ffffff", "#1d4f91")


def problems_for(colors) -> tuple[dict | None, list[str]]:
    problems: list[str] = []
    return branding.check_colors(colors, problems), problems


def test_good_colours_pass_and_accent_defaults_to_primary():
    assert problems_for({"primary": "#1D4F91", "accent": "#8a3b12"}) == ({"primary": "#1d4f91", "accent": "#8a3b12"}, [])
    assert problems_for({"primary": "#767676"}) == ({"primary": "#767676", "accent": "#767676"}, [])


@pytest.mark.parametrize(("colors", "expected"), [
    ({"primary": "#777777"}, "extra.clinic.colors.primary: #777777 has a contrast of 4.48:1 with white, under WCAG AA's 4.5:1"),
    ({"primary": "#ffcc00"}, "extra.clinic.colors.primary: #ffcc00 has a contrast of"),
    ({"primary": "#1d4f91", "accent": "#ff9800"}, "extra.clinic.colors.accent: #ff9800 has a contrast of"),
    ({"primary": "blue"}, "extra.clinic.colors.primary: expected a colour as #rrggbb"),
    ({"primary": "#12345"}, "extra.clinic.colors.primary: expected a colour as #rrggbb"),
    ({"accent": "#1d4f91"}, "extra.clinic.colors.primary: missing"),
    ({"primary": "#1d4f91", "text": "#000000"}, "extra.clinic.colors.text: unknown key"),
    ("#1d4f91", "extra.clinic.colors: expected a mapping"),
])
def test_poor_or_malformed_colours_are_named(colors, expected):
    result, problems = problems_for(colors)
    assert result is None
    assert any(p.startswith(expected) for p in problems), problems


def test_brand_stylesheet_sets_materials_colour_properties():
    css = branding.brand_css({"primary": "#1d4f91", "accent": "#8a3b12"})
    for line in ("--md-primary-fg-color: #1d4f91;", "--md-typeset-a-color: #1d4f91;",
                 "--md-accent-fg-color: #8a3b12;", "--md-primary-bg-color: #ffffff;"):
        assert line in css
    assert ".md-header :focus-visible" in css  # focus stays visible on the coloured header


# --- crisis contexts -----------------------------------------------------------------------
# Every state of every crisis link keeps WCAG AA whatever the clinic's colours: the review's
# GB example gave 1.25:1 for its accent on the red band, under the pointer and with focus.

EXAMPLE_COLOURS = {
    path.parent.name: yaml.safe_load(path.read_text(encoding="utf-8"))["extra"]["clinic"]["colors"]
    for path in sorted((ROOT / "examples").glob("*/mkdocs.yml"))
}


def test_both_examples_are_checked():
    assert set(EXAMPLE_COLOURS) == {"gb-clinic", "us-clinic"}


def test_the_crisis_states_cover_every_state_of_every_crisis_link():
    states = branding.crisis_states(None)
    by_element = {}
    for state in states:
        by_element.setdefault(state["element"], set()).add(state["state"])
    for element in ("crisis banner link", "emergency action", "crisis line call button", "crisis line text or chat button"):
        assert by_element[element] >= {"normal", "visited", "hover", "focus"}, element
    assert "focus ring" in by_element["crisis banner link"]
    assert any(element.startswith("emergency action (on") for element in by_element)


@pytest.mark.parametrize("name", sorted(EXAMPLE_COLOURS))
def test_example_clinics_crisis_links_keep_their_contrast_in_every_state(name):
    colours, problems = problems_for(EXAMPLE_COLOURS[name])
    assert problems == [] and colours
    for state in branding.crisis_states(colours):
        assert branding.state_contrast(state) >= state["minimum"], state
        # The clinic's accent colour never colours a crisis link: the red band's hover and
        # focus were 1.25:1 with the GB accent.
        assert colours["accent"] != colours["primary"] and colours["accent"] not in (state["foreground"], state["background"])
    # With the GB example's accent as the band's link colour, the failure the review found.
    if name == "gb-clinic":
        assert branding.contrast_ratio(colours["accent"], branding.CRISIS["band"]) < 1.5


@pytest.mark.parametrize("colors", [
    None,  # Material's own indigo (whose accent is 4.26:1 with white text)
    {"primary": "#767676", "accent": "#767676"},  # just dark enough for white text
    {"primary": "#000000", "accent": "#000000"},
    {"primary": "#1d4f91", "accent": "#595959"},
])
def test_crisis_links_keep_their_contrast_whatever_the_clinics_colours(colors):
    assert branding.crisis_problems(colors) == []
    assert all(branding.state_contrast(state) >= state["minimum"] for state in branding.crisis_states(colors))


def test_the_crisis_stylesheet_gives_every_state_its_colour():
    css = branding.crisis_css()
    band, text = branding.CRISIS["band"], branding.CRISIS["text"]
    assert f"background-color: {band};" in css
    # The band's links: white in every state, never the accent colour Material would use.
    block = css[css.index(".md-banner .crisis-banner a,"):]
    rule = block[:block.index("}")]
    for state in ("a,", "a:visited,", "a:hover,", "a:focus {"):
        assert f".md-banner .crisis-banner {state}" in rule
    assert f"color: {text};" in rule
    assert "outline: 3px solid #ffdd00;" in css and "box-shadow: 0 0 0 6px #0b0c0c;" in css
    assert "--md-accent-fg-color" not in css
    assert branding.brand_css(None) == css
    assert branding.brand_css({"primary": "#1d4f91", "accent": "#8a3b12"}).startswith(css)


def test_a_failing_crisis_palette_stops_the_build_naming_the_module(monkeypatch):
    monkeypatch.setitem(branding.CRISIS, "band", "#dd7777")  # too light for white text (3.0:1)
    problems = branding.crisis_problems(None)
    assert problems and all(p.startswith("sitebuild/branding.py: the crisis palette fails: ") for p in problems)
    assert any("crisis banner link (hover)" in p for p in problems)
    with pytest.raises(ValueError, match="crisis palette fails"):
        branding.brand_css(None)


def test_a_clinic_colour_too_light_for_a_crisis_state_is_named(monkeypatch):
    # Were a crisis line's text and chat buttons on the line's grey box, a primary colour
    # just dark enough for white text would fall under 4.5:1 there: the check names it.
    original = branding.crisis_states

    def on_grey(colors=None):
        return [{**s, "background": branding.CRISIS["line"]} if s["element"] == "crisis line text or chat button"
                and s["state"] in ("normal", "visited") else s for s in original(colors)]

    monkeypatch.setattr(branding, "crisis_states", on_grey)
    colours, problems = problems_for({"primary": "#767676"})
    assert colours is None
    assert problems[0].startswith("extra.clinic.colors.primary: #767676 is too light for crisis help: "
                                  "the crisis line text or chat button (normal) is 4.17:1"), problems


# --- logo ----------------------------------------------------------------------------------

def png(width: int, height: int) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50"><rect width="200" height="50" fill="#1d4f91"/></svg>'


def test_logo_size_is_read_from_svg_and_png(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo.svg").write_text(SVG)
    (tmp_path / "img" / "logo.png").write_bytes(png(120, 40))
    assert branding.logo_info(tmp_path, "img/logo.svg", "Example Clinic") == {
        "src": "img/logo.svg", "height": 48, "width": 192, "alt": "Example Clinic"}
    assert branding.logo_info(tmp_path, "img/logo.png", "Example Clinic")["width"] == 144


@pytest.mark.parametrize(("setting", "expected"), [
    ("../secret.svg", "expected a path relative to docs/"),
    ("/etc/logo.svg", "expected a path relative to docs/"),
    ("https://cdn.example/logo.svg", "expected a path relative to docs/"),
    ("logo.gif", "expected an .svg or .png file"),
    ("", "expected a path to an .svg or .png file"),
])
def test_logo_setting_must_be_an_svg_or_png_inside_docs(setting, expected):
    problems: list[str] = []
    assert branding.check_logo_setting(setting, problems) is None
    assert problems and problems[0].startswith("extra.clinic.logo: " + expected), problems


def test_missing_or_unreadable_logo_is_named(tmp_path):
    with pytest.raises(branding.LogoError, match=r"^extra\.clinic\.logo: no file 'nope\.svg'"):
        branding.logo_info(tmp_path, "nope.svg", "C")
    (tmp_path / "bad.png").write_bytes(b"not a png at all, really")
    with pytest.raises(branding.LogoError, match=r"^extra\.clinic\.logo: cannot read the size of 'bad\.png'"):
        branding.logo_info(tmp_path, "bad.png", "C")


# --- clinic settings -----------------------------------------------------------------------

def test_embed_origins_are_normalised():
    clinic = load_clinic({"clinic": {"embed_origins": ["https://www.Clinic.example/", "https://clinic.example:8443"]}})
    assert clinic.embed_origins == ["https://clinic.example:8443", "https://www.clinic.example"]
    assert load_clinic({"clinic": {}}).embed_origins == []


@pytest.mark.parametrize("origin", [
    "http://clinic.example", "https://clinic.example/page", "https://*.clinic.example", "*",
    "clinic.example", "https://clinic.example?x=1", "'self'",
])
def test_embed_origin_must_be_a_bare_https_origin(origin):
    with pytest.raises(ClinicSettingsError) as error:
        load_clinic({"clinic": {"embed_origins": [origin]}})
    assert f"extra.clinic.embed_origins: expected an https:// origin such as https://clinic.example (no path, no wildcard), got {origin!r}" in str(error.value)


def test_embed_origins_must_be_a_list():
    with pytest.raises(ClinicSettingsError, match="extra.clinic.embed_origins: expected a list"):
        load_clinic({"clinic": {"embed_origins": "https://clinic.example"}})


def test_a_logo_needs_the_clinics_name():
    with pytest.raises(ClinicSettingsError, match="extra.clinic.name: missing \\(needed when logo is set"):
        load_clinic({"clinic": {"logo": "logo.svg"}})


# --- real builds ---------------------------------------------------------------------------

def config_for(tmp: Path, clinic: dict, docs_dir: Path | None = None) -> Path:
    return clinic_config(tmp, clinic, docs_dir=str(docs_dir or ROOT / "docs"))


@pytest.mark.parametrize(("colors", "key"), [
    ({"primary": "#8fa8d6"}, "extra.clinic.colors.primary"),
    ({"primary": "#1d4f91", "accent": "#f4a300"}, "extra.clinic.colors.accent"),
])
def test_a_poor_brand_colour_stops_the_build_naming_the_key(tmp_path, colors, key):
    result = build_site(tmp_path / "site", config_for(tmp_path, {"name": "C", "colors": colors}))
    assert result.returncode != 0
    assert f"{key}: " in result.stderr and "under WCAG AA's 4.5:1" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory) -> Path:
    """The site built with a logo (in a copy of docs/), colours and an embed origin."""
    tmp = tmp_path_factory.mktemp("branded")
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "images").mkdir()
    (docs / "images" / "clinic-logo.svg").write_text(SVG)
    config = config_for(tmp, {
        "name": "Riverside Mind Clinic", "country": "GB",
        "logo": "images/clinic-logo.svg",
        "colors": {"primary": "#1d4f91", "accent": "#8a3b12"},
        "embed_origins": ["https://www.riverside.example"],
    }, docs_dir=docs)
    result = build_site(tmp / "site", config)
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp / "site"


def test_logo_is_in_the_header_with_the_clinics_name(branded_site):
    html = (branded_site / "learn" / "how-ketamine-works" / "index.html").read_text(encoding="utf-8")
    header = html[html.index('<header class="md-header'):html.index("</header>")]
    assert '<img src="../../images/clinic-logo.svg" alt="Riverside Mind Clinic" width="192" height="48">' in header
    assert (branded_site / "images" / "clinic-logo.svg").is_file()


def test_logo_and_name_are_on_the_printed_self_check(branded_site):
    html = (branded_site / "self-check" / "index.html").read_text(encoding="utf-8")
    assert '<p class="clinic-print-brand"><img src="../images/clinic-logo.svg" alt="" width="192" height="48"> Riverside Mind Clinic</p>' in html
    assert '<link rel="stylesheet" href="../assets/stylesheets/brand.css">' in html


def test_brand_colours_reach_every_page_through_a_stylesheet(branded_site):
    css = (branded_site / branding.CSS_URI).read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #1d4f91;" in css and "--md-accent-fg-color: #8a3b12;" in css
    for page in ("index.html", "learn/legal-status/index.html", "embed/self-check/index.html"):
        html = (branded_site / page).read_text(encoding="utf-8")
        assert "assets/stylesheets/clinic-brand.css" in html, page


def test_only_the_embed_page_may_be_framed_and_only_by_the_clinic(branded_site):
    pages = (branded_site / "_nginx-security-headers.conf").read_text()
    embed = (branded_site / "_nginx-embed-security-headers.conf").read_text()
    assert "frame-ancestors 'none'" in pages and 'X-Frame-Options "DENY"' in pages
    assert "frame-ancestors https://www.riverside.example" in embed and "X-Frame-Options" not in embed
    rule = (branded_site / "_headers").read_text().split("/embed/self-check/*\n", 1)[1]
    assert rule.startswith("  ! Content-Security-Policy\n  ! X-Frame-Options\n  Content-Security-Policy: ")
    assert "frame-ancestors https://www.riverside.example" in rule


def test_site_brand_gives_the_generator_what_to_write_and_link(tmp_path):
    (tmp_path / "logo.svg").write_text(SVG)
    clinic = {"name": "Riverside Mind Clinic", "logo": "logo.svg", "colors": {"primary": "#1d4f91", "accent": "#1d4f91"}}
    brand = branding.site_brand(clinic, tmp_path)
    assert brand["logo"]["alt"] == "Riverside Mind Clinic"
    assert brand["stylesheets"] == [branding.PRINT_CSS_URI, branding.CSS_URI]
    assert brand["css"] == branding.brand_css(clinic["colors"])
    # Without a brand: the crisis colours alone (they do not depend on a brand).
    assert branding.site_brand({"name": None, "logo": None, "colors": None}, tmp_path) == {
        "logo": None, "css": branding.crisis_css(), "stylesheets": [branding.CSS_URI]}
