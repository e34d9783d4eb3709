"""A clinic's brand on the site: its colours (checked for contrast) and its logo.

``extra.clinic.colors`` ({primary, accent}, each ``#rrggbb``) override Material for MkDocs'
colour custom properties through a generated stylesheet (``assets/stylesheets/clinic-brand.css``;
the Content-Security-Policy allows only the site's own style files, no inline styles).
The primary colour is the header's background under white text and the colour of links on
white; the accent is the colour of links under the pointer and of buttons under the pointer
(white text). So each must reach WCAG AA's 4.5:1 against white, and the build stops, naming
the setting, when one does not. Focus rings stay visible: the self-check's are yellow and black
whatever the brand, and this stylesheet gives the header's controls a white ring (at least
4.5:1 against the checked primary).

``extra.clinic.logo`` is an SVG or PNG inside ``docs/`` (MkDocs copies it into the built
site); the build reads its size so the page reserves its space, and shows it in the header
and on the printed self-check summary with the clinic's name as its text alternative.

Plain functions of values and paths, so another generator can call them the same way.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

from .setting_values import yaml_hint

CSS_URI = "assets/stylesheets/clinic-brand.css"
PRINT_CSS_URI = "assets/stylesheets/brand.css"  # static: the logo on printouts
AA_TEXT = 4.5
AA_NON_TEXT = 3.0  # a focus ring against what it sits on (WCAG 1.4.11)
LOGO_SUFFIXES = (".svg", ".png")
LOGO_MAX_BYTES = 512 * 1024
LOGO_HEIGHT = 48  # CSS pixels the page reserves for the logo's height (the header shows 24)
WHITE = "#ffffff"

# Crisis contexts (see the module docstring): one palette, used by crisis_css and checked
# state by state by crisis_states.
CRISIS = {
    "band": "#7a1010",  # the banner above the header, and the emergency action button
    "band_hover": "#5c0b0b",  # the emergency action under the pointer
    "text": WHITE,
    "ring": "#ffdd00",  # the site's focus ring: yellow ...
    "halo": "#0b0c0c",  # ... with a black halo outside it, so one of the two shows on any colour
    "line": "#f5f5f5",  # a crisis line's box (Material's --md-code-bg-color)
    "page": WHITE,  # around a crisis panel and around the urgent card's emergency action
    "emergency_card": "#212b32",  # around the emergency card's emergency action
}
# Material's own colours when a clinic sets none (mkdocs.yml: the indigo palette).
MATERIAL_DEFAULT = {"primary": "#4051b5", "primary_dark": "#303fa1", "accent": "#526cfe"}
STATES = ("normal", "visited", "hover", "focus")

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_COLOR_KEYS = ("primary", "accent")


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.2's relative luminance of an sRGB colour given as ``#rrggbb``."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21 (the same either way)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_colors(value, problems: list[str]) -> dict | None:
    """Validate ``extra.clinic.colors``; append one message per problem, naming its key.

    Returns ``{"primary": "#rrggbb", "accent": "#rrggbb"}`` (accent defaults to primary)."""
    key = "extra.clinic.colors"
    if not isinstance(value, dict):
        problems.append(f"{key}: expected a mapping with primary and accent as #rrggbb colours, got {value!r}")
        return None
    before = len(problems)
    for unknown in sorted(set(value) - set(_COLOR_KEYS)):
        problems.append(f"{key}.{unknown}: unknown key (expected one of {', '.join(_COLOR_KEYS)})")
    if "primary" not in value:
        problems.append(f"{key}.primary: missing")
    colours = {}
    for name in _COLOR_KEYS:
        if name not in value:
            continue
        colour = value[name]
        if not isinstance(colour, str) or not _HEX.match(colour.strip()):
            problems.append(f"{key}.{name}: expected a colour as #rrggbb (six hex digits), got {colour!r}{yaml_hint(colour)}")
            continue
        colour = colour.strip().lower()
        ratio = contrast_ratio(colour, WHITE)
        if ratio < AA_TEXT:
            use = (
                "white text on it (the header) and links in it on white"
                if name == "primary"
                else "links under the pointer and buttons under the pointer (white text)"
            )
            problems.append(
                f"{key}.{name}: {colour} has a contrast of {ratio:.2f}:1 with white, under WCAG AA's "
                f"4.5:1; it is used for {use}. Choose a darker shade."
            )
            continue
        colours[name] = colour
    if len(problems) > before:
        return None
    colours.setdefault("accent", colours["primary"])
    problems += crisis_problems(colours)
    if len(problems) > before:
        return None
    return colours


def crisis_states(colors: dict | None = None) -> list[dict]:
    """Every state of every link in a crisis context that the site's stylesheets colour, as
    ``{"element", "state", "foreground", "background", "minimum", "setting"}``: text states
    need 4.5:1, a focus ring 3:1 against what it sits on (the ring is yellow with a black
    halo outside it: ``foreground`` is the pair, and the better of the two counts).
    ``setting`` names the clinic colour a state uses, or is None for the fixed crisis
    palette. ``colors``: the clinic's checked colours, or None for Material's defaults.

    The crisis lines' buttons are the site's buttons in the clinic's primary colour: call
    buttons white on it, text and chat buttons in it on white (not on the line's grey box,
    where a primary just dark enough for white would fall under 4.5:1); under the
    pointer and with focus both are white on its dark shade (with a clinic's colours, the
    primary itself), never on the accent, which crisis contexts do not use."""
    if colors:
        primary, dark, setting = colors["primary"], colors["primary"], "extra.clinic.colors.primary"
    else:
        primary, dark, setting = MATERIAL_DEFAULT["primary"], MATERIAL_DEFAULT["primary_dark"], None
    ring = (CRISIS["ring"], CRISIS["halo"])
    states = []

    def add(element, state, foreground, background, minimum=AA_TEXT, setting=None):
        states.append({"element": element, "state": state, "foreground": foreground, "background": background,
                       "minimum": minimum, "setting": setting})

    for state in STATES:
        add("crisis banner link", state, CRISIS["text"], CRISIS["band"])
        add("emergency action", state, CRISIS["text"], CRISIS["band_hover"] if state in ("hover", "focus") else CRISIS["band"])
    add("crisis banner link", "focus ring", ring, CRISIS["band"], AA_NON_TEXT)
    for around in ("page", "emergency_card"):
        add(f"emergency action (on {around.replace('_', ' ')})", "focus ring", ring, CRISIS[around], AA_NON_TEXT)
    for state in STATES:
        calm = state in ("normal", "visited")
        add("crisis line call button", state, WHITE, primary if calm else dark, setting=setting)
        add("crisis line text or chat button", state, primary if calm else WHITE, WHITE if calm else dark,
            setting=setting)
    add("crisis line button", "focus ring", ring, CRISIS["line"], AA_NON_TEXT)
    return states


def state_contrast(state: dict) -> float:
    """A state's contrast: for a focus ring (a pair of colours), the better of the two."""
    foreground = state["foreground"]
    pair = foreground if isinstance(foreground, tuple) else (foreground,)
    return max(contrast_ratio(colour, state["background"]) for colour in pair)


def crisis_problems(colors: dict | None = None) -> list[str]:
    """One message for each crisis state under its minimum, naming the clinic setting it
    comes from (or this module, for the fixed palette)."""
    problems = []
    for state in crisis_states(colors):
        ratio = state_contrast(state)
        if ratio >= state["minimum"]:
            continue
        foreground = state["foreground"]
        colours = foreground if isinstance(foreground, str) else " and ".join(foreground)
        what = (f"the {state['element']} ({state['state']}) is {ratio:.2f}:1, {colours} on {state['background']}, "
                f"under WCAG AA's {state['minimum']}:1")
        if state["setting"]:
            problems.append(f"{state['setting']}: {colors['primary']} is too light for crisis help: {what}. "
                            "Choose a darker shade.")
        else:
            problems.append(f"sitebuild/branding.py: the crisis palette fails: {what}")
    return problems


def check_logo_setting(value, problems: list[str]) -> str | None:
    """The shape of ``extra.clinic.logo``: a relative path inside docs/ to an .svg or .png.
    (Whether the file is there is checked by ``logo_info``, which knows the docs folder.)"""
    key = "extra.clinic.logo"
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{key}: expected a path to an .svg or .png file inside docs/, got {value!r}")
        return None
    path = PurePosixPath(value.strip())
    if path.is_absolute() or ".." in path.parts or "://" in value:
        problems.append(f"{key}: expected a path relative to docs/ (like images/logo.svg), got {value!r}")
        return None
    if path.suffix.lower() not in LOGO_SUFFIXES:
        problems.append(f"{key}: expected an .svg or .png file, got {value!r}")
        return None
    return path.as_posix()


class LogoError(ValueError):
    """The logo file cannot be used; the message names extra.clinic.logo."""


def _svg_size(data: bytes) -> tuple[float, float]:
    root = ET.fromstring(data)
    if not root.tag.endswith("svg"):
        raise ValueError("not an SVG document")

    def length(name):
        raw = (root.get(name) or "").strip()
        match = re.fullmatch(r"([0-9]*\.?[0-9]+)(px)?", raw)
        return float(match[1]) if match else None

    width, height = length("width"), length("height")
    if width and height:
        return width, height
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
        return float(box[2]), float(box[3])
    raise ValueError("it has neither width and height nor a viewBox")


def _png_size(data: bytes) -> tuple[float, float]:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise ValueError("it has no size")
    return float(width), float(height)


def logo_info(docs_dir: Path, logo: str, alt: str) -> dict:
    """The logo's address (relative to the site root), its size for ``LOGO_HEIGHT`` and its
    text alternative. Raises LogoError naming the setting when the file cannot be used."""
    key = "extra.clinic.logo"
    docs_dir = Path(docs_dir).resolve()
    path = (docs_dir / logo).resolve()
    if docs_dir not in path.parents or not path.is_file():
        raise LogoError(f"{key}: no file {logo!r} inside the docs folder ({docs_dir})")
    data = path.read_bytes()
    if len(data) > LOGO_MAX_BYTES:
        raise LogoError(f"{key}: {logo!r} is {len(data) // 1024} KB; a logo should be under {LOGO_MAX_BYTES // 1024} KB")
    try:
        width, height = _svg_size(data) if path.suffix.lower() == ".svg" else _png_size(data)
    except (ValueError, ET.ParseError) as error:
        raise LogoError(f"{key}: cannot read the size of {logo!r}: {error}") from None
    return {
        "src": PurePosixPath(logo).as_posix(),
        "height": LOGO_HEIGHT,
        "width": max(1, round(LOGO_HEIGHT * width / height)),
        "alt": alt,
    }


def site_brand(clinic: dict, docs_dir: Path) -> dict:
    """Everything the templates and the generator need from the clinic's brand settings
    (``clinic``: the validated clinic's template data): ``logo`` (see ``logo_info``) or None,
    ``css`` (the generated stylesheet's text, to write at ``CSS_URI``) or None, and
    ``stylesheets``, the URIs to add to the site's extra CSS. Raises LogoError."""
    brand = {"logo": None, "css": None, "stylesheets": []}
    if clinic.get("logo"):
        brand["logo"] = logo_info(Path(docs_dir), clinic["logo"], clinic["name"])
        brand["stylesheets"].append(PRINT_CSS_URI)
    # Always: the crisis colours do not depend on a brand (Material's own accent fails on
    # the red band too).
    brand["css"] = brand_css(clinic.get("colors"))
    brand["stylesheets"].append(CSS_URI)
    return brand


def brand_css(colors: dict | None) -> str:
    """The stylesheet with the crisis colours and, when the clinic sets ``colors``, the one
    that puts them into Material's custom properties."""
    problems = crisis_problems(colors)
    if problems:  # check_colors has refused such colours already: this is a palette error
        raise ValueError("; ".join(problems))
    css = crisis_css()
    return css + clinic_colour_css(colors) if colors else css


def crisis_css() -> str:
    """Crisis contexts' colours in every state (see ``crisis_states``). Selectors outrank
    Material's ``.md-typeset a:hover`` and ``.md-typeset a.focus-visible`` (accent colour)."""
    c = CRISIS
    ring = f"outline: 3px solid {c['ring']};\n  outline-offset: 0;\n  box-shadow: 0 0 0 6px {c['halo']};"
    return f"""/* Generated by sitebuild/branding.py (crisis contexts): do not edit.
   The same colours in every state, whatever the clinic's: white on {c['band']} is \
{contrast_ratio(c['text'], c['band']):.2f}:1; the focus ring is yellow {c['ring']} with a black {c['halo']} halo. */
.md-banner {{
  background-color: {c['band']};
  color: {c['text']};
}}
.md-banner .crisis-banner a,
.md-banner .crisis-banner a:visited,
.md-banner .crisis-banner a:hover,
.md-banner .crisis-banner a:focus {{
  color: {c['text']};
  text-decoration: underline;
  text-decoration-color: {c['text']};
}}
/* Under the pointer the underline thickens (the colour stays). */
.md-banner .crisis-banner a:hover {{
  text-decoration-thickness: 3px;
}}
.md-banner .crisis-banner a:is(:focus-visible, .focus-visible) {{
  outline: 3px solid {c['ring']};
  outline-offset: 2px;
}}
/* The one emergency action ("Call 999") of a crisis result and of the self-check's crisis panel. */
.md-typeset .crisis-emergency-action a.md-button,
.md-typeset .crisis-emergency-action a.md-button:visited {{
  color: {c['text']};
  background-color: {c['band']};
  border-color: {c['band']};
}}
.md-typeset .crisis-emergency-action a.md-button:hover,
.md-typeset .crisis-emergency-action a.md-button:focus {{
  color: {c['text']};
  background-color: {c['band_hover']};
  border-color: {c['band_hover']};
  text-decoration: underline;
}}
/* The crisis lines' text and chat buttons on white, not on the line's grey box; under the
   pointer and with focus every button is white on the primary's dark shade (Material would
   use the accent colour). */
.md-typeset .crisis-lines .md-button:not(.md-button--primary) {{
  background-color: {c['page']};
}}
.md-typeset .crisis-lines .md-button:hover,
.md-typeset .crisis-lines .md-button:focus {{
  color: {c['text']};
  background-color: var(--md-primary-fg-color--dark);
  border-color: var(--md-primary-fg-color--dark);
}}
.md-typeset .crisis-emergency-action a.md-button:is(:focus-visible, .focus-visible),
.md-typeset .crisis-lines a:is(:focus-visible, .focus-visible) {{
  {ring}
}}
"""


def clinic_colour_css(colors: dict) -> str:
    """The clinic's colours in Material's custom properties."""
    primary, accent = colors["primary"], colors["accent"]
    return f"""/* Generated by sitebuild/branding.py from extra.clinic.colors: do not edit.
   White on {primary} is {contrast_ratio(primary, WHITE):.2f}:1; {accent} on white is {contrast_ratio(accent, WHITE):.2f}:1. */
[data-md-color-primary][data-md-color-accent] {{
  --md-primary-fg-color: {primary};
  --md-primary-fg-color--light: {primary};
  --md-primary-fg-color--dark: {primary};
  --md-primary-bg-color: #ffffff;
  --md-primary-bg-color--light: #ffffff;
  --md-accent-fg-color: {accent};
  --md-accent-fg-color--transparent: {accent}1a;
  --md-accent-bg-color: #ffffff;
  --md-accent-bg-color--light: #ffffff;
  --md-typeset-a-color: {primary};
}}
/* Keyboard focus in the header (white text on the primary colour): a white ring. */
.md-header :focus-visible {{
  outline: 3px solid #ffffff;
  outline-offset: 2px;
}}
"""
