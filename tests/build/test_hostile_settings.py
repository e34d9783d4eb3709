"""Hostile or mistaken clinic settings, as a clinic would type them into mkdocs.yml: each one
either stops the build with a message naming its key, or is proven harmless in the built
site (no injected element, no extra CSP hash, no broken header, every number shown exactly
as written).

The cases come from the reliability and security review of 6 December 2026 (its Test 6:
settings that ran as script, split every response header, or changed a phone number) and
more. Each is YAML text, read as the build reads it, because several traps are YAML's own:
an unquoted 0123456701 is an octal number, +44... an integer, 000 is 0, yes is true, and a
# starts a comment.

Stopping is checked through ``load_clinic`` (what ``prepare`` calls first, so the build
stops there, before any page is generated), plus one case through the command line. The
harmless cases share one build per generator.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sitebuild import inline_scripts
from sitebuild import security_headers as sh
from sitebuild.clinic import ClinicSettingsError, load_clinic

from ..conftest import ROOT, build_site, content_day
from .test_security_headers import parse_csp

TODAY = dt.date(2026, 12, 6)
LONG_URL = "https://clinic.example/book?" + "x" * 100_000

# (id, the YAML under extra.clinic, the key the message names, words the message holds)
STOPS = [
    ("name-script", """name: '"><script>alert(1)</script>'""", "extra.clinic.name", "may not hold < >"),
    ("name-bold", "name: <b>Example Clinic</b>", "extra.clinic.name", "could be read as HTML"),
    ("name-rtl-override", 'name: "Example \\u202eClinic"', "extra.clinic.name", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("name-zero-width-space", 'name: "Example\\u200bClinic"', "extra.clinic.name", "U+200B (ZERO WIDTH SPACE)"),
    ("name-byte-order-mark", 'name: "\\ufeffExample Clinic"', "extra.clinic.name", "U+FEFF"),
    ("name-two-lines", "name: |\n  Example\n  Clinic", "extra.clinic.name", "line break; write it on one line"),
    ("name-unquoted-yes", "name: yes", "extra.clinic.name", "truth value: write it in quotes"),
    ("address-meta-refresh", """address: '<meta http-equiv="refresh" content="5;url=https://evil.example/">'""",
     "extra.clinic.address", "could be read as HTML"),
    ("address-img-onerror", "address: <img src=x onerror=alert(1)>", "extra.clinic.address", "< >"),
    ("address-bell", 'address: "1 Example Street\\a"', "extra.clinic.address", "U+0007"),
    ("publisher-script-src", """publisher: '<script src="/assets/javascripts/crisis.js"></script>'""",
     "extra.clinic.publisher", "< >"),
    ("publisher-placeholder", "publisher: Example {phone} Group", "extra.clinic.publisher", "placeholder"),
    ("funding-form", "funding: <form action=https://evil.example/collect><button>Go</button></form>",
     "extra.clinic.funding", "< >"),
    ("funding-line-separator", 'funding: "We pay.\\u2028Nobody else does."', "extra.clinic.funding", "U+2028"),
    ("booking-url-breakout", """booking_url: 'https://clinic.example/"><script>alert(document.domain)</script>'""",
     "extra.clinic.booking_url", "characters a web address cannot"),
    ("booking-url-handler", """booking_url: 'https://clinic.example/" onmouseover="alert(1)'""",
     "extra.clinic.booking_url", "characters a web address cannot"),
    ("booking-url-user-name", "booking_url: https://clinic.example@evil.example/", "extra.clinic.booking_url",
     "user name (the part before @)"),
    ("booking-url-port", "booking_url: https://clinic.example:99999/book", "extra.clinic.booking_url", "port outside 1 to 65535"),
    ("booking-url-no-host", "booking_url: https:evil.example", "extra.clinic.booking_url", "does not start with https://"),
    ("booking-url-javascript", "booking_url: javascript:alert(1)", "extra.clinic.booking_url", "does not start with https://"),
    ("booking-url-dots", "booking_url: https://../book", "extra.clinic.booking_url", "no valid host name"),
    ("booking-url-space", "booking_url: https://clinic.example/book now", "extra.clinic.booking_url", "characters"),
    ("booking-url-not-ascii", "booking_url: https://clinic.example/büro", "extra.clinic.booking_url", "percent-encode"),
    ("booking-url-100-kb", f"booking_url: {LONG_URL}", "extra.clinic.booking_url", "longer than 2000 characters"),
    ("phone-octal", "phone: 0123456701", "extra.clinic.phone", "0123456701 becomes 21913025"),
    ("phone-plus-lost", "phone: +442079460321", "extra.clinic.phone", "a leading + is dropped; got 442079460321"),
    ("phone-two-numbers", 'phone: "0123 456 701 / 0123 456 702"', "extra.clinic.phone", "7 to 15 digits"),
    ("crisis-number-000", "crisis_lines: [{name: Emergency, number: 000, description: Call 000., emergency: true}]",
     "extra.clinic.crisis_lines[0].number", 'like number: "000"'),
    ("crisis-number-988", "crisis_lines: [{name: Lifeline, number: 988, description: Call 988., emergency: true}]",
     "extra.clinic.crisis_lines[0].number", "write the number in quotes"),
    ("crisis-name-script", """crisis_lines: [{name: '<script>alert(3)</script>Samaritans', number: "116 123", description: d, emergency: true}]""",
     "extra.clinic.crisis_lines[0].name", "< >"),
    ("crisis-url-breakout", """crisis_lines: [{name: Chat, number: "988", how: [chat], url: 'https://x.example/"><script>alert(2)</script>', description: d, emergency: true}]""",
     "extra.clinic.crisis_lines[0].url", "characters"),
    ("crisis-url-port", """crisis_lines: [{name: Chat, number: "988", how: [chat], url: "https://x.example:65536/", description: d, emergency: true}]""",
     "extra.clinic.crisis_lines[0].url", "port"),
    ("crisis-description-nul", """crisis_lines: [{name: Team, number: "999", description: "Call us.\\0", emergency: true}]""",
     "extra.clinic.crisis_lines[0].description", "U+0000"),
    ("reviewer-in-the-future", "{reviewer: {name: Dr A. Example, credentials: MD, reviewed_on: 2099-01-01}}",
     "extra.clinic.reviewer.reviewed_on", "2099-01-01 is after today (2026-12-06)"),
    ("reviewer-tomorrow", "{reviewer: {name: Dr A. Example, credentials: MD, reviewed_on: 2026-12-07}}",
     "extra.clinic.reviewer.reviewed_on", "is after today"),
    ("reviewer-with-a-time", "{reviewer: {name: Dr A. Example, credentials: MD, reviewed_on: 2026-11-01 10:00:00}}",
     "extra.clinic.reviewer.reviewed_on", "without a time"),
    ("reviewer-name-placeholder", "{reviewer: {name: 'Dr {date}', credentials: MD, reviewed_on: 2026-11-01}}",
     "extra.clinic.reviewer.name", "placeholder"),
    ("author-credentials-quote", """author: {name: A. Writer, credentials: 'MA "Health"'}""",
     "extra.clinic.author.credentials", '"'),
    ("frame-ancestors-two-lines", "frame_ancestors: |\n  https://a.example\n  https://b.example",
     "extra.clinic.frame_ancestors", "characters"),
    ("frame-ancestors-space", "frame_ancestors: ['https://a.example https://evil.example']",
     "extra.clinic.frame_ancestors", "characters"),
    ("frame-ancestors-port-0", "frame_ancestors: ['https://clinic.example:0']", "extra.clinic.frame_ancestors", "port"),
    ("embed-origin-port", "embed_origins: ['https://clinic.example:99999']", "extra.clinic.embed_origins", "port outside 1 to 65535"),
    ("embed-origin-dots", "embed_origins: ['https://..']", "extra.clinic.embed_origins", "no valid host name"),
    ("embed-origin-wildcard", "embed_origins: ['https://*.clinic.example']", "extra.clinic.embed_origins", "no valid host name"),
    ("embed-origin-user-name", "embed_origins: ['https://clinic.example@evil.example']", "extra.clinic.embed_origins", "user name"),
    ("colour-unquoted", "colors:\n  primary: #1d4f91", "extra.clinic.colors.primary", "a # starts a comment"),
]


def read(snippet: str) -> dict:
    """The settings as the build reads them: YAML under extra.clinic (reviewer cases need a name)."""
    clinic = yaml.safe_load(snippet)
    if "reviewer" in clinic or "phone" in clinic or "booking_url" in clinic:
        clinic.setdefault("name", "Example Clinic")
    return clinic


def test_there_are_at_least_30_cases():
    assert len(STOPS) >= 30 and len({case[0] for case in STOPS}) == len(STOPS)


@pytest.mark.parametrize("snippet, key, words", [case[1:] for case in STOPS], ids=[case[0] for case in STOPS])
def test_a_hostile_or_mistaken_setting_stops_the_build_naming_its_key(snippet, key, words):
    with pytest.raises(ClinicSettingsError) as error:
        load_clinic({"clinic": read(snippet)}, today=TODAY)
    named = [p for p in error.value.problems if p.startswith(key + ":")]
    assert named, error.value.problems
    assert any(words in p for p in named), named
    # One message per problem, each short enough to read (never the 100 KB value itself).
    assert all(len(p) < 600 for p in error.value.problems), error.value.problems


def test_the_command_line_stops_before_building_with_the_message(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nextra:\n  clinic:\n    name: Example Clinic\n    phone: 0123456701\n",
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sitebuild", "prepare", "-f", str(config), "--stage", str(tmp_path / "stage"),
                             "--today", TODAY.isoformat()], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "extra.clinic.phone: write the number in quotes" in result.stderr and "21913025" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "stage" / "mkdocs.yml").exists()


# --- values that are odd but harmless: accepted, normalised, and shown exactly ----------------

ODD_BUT_HARMLESS = """\
name: St John's & Partners — Clinic
phone: "+44 20 7946 0321"
address: Flat 2, 10 Rue de l'Église, Montréal
booking_url: HTTPS://Clinic.Example:443/book?ref=site&lang=en#slot
publisher: Zoë O'Brien‑Smith & Co
funding: |
  St John's & Partners pays for this site.
  It offers ketamine treatment, so it could gain
  if you choose that treatment.
author:
  name: A. Writer
  credentials: MA (Health & Science), 'plain words' editor
reviewer:
  name: Dr R. Example
  credentials: MD
  reviewed_on: {today}
country: AU
crisis_lines:
  - name: Lifeline & Friends
    number: "13 11 14"
    how: [call, chat]
    url: https://Chat.Example/start?a=1&b=2
    description: >
      Any time, day or night.
      Free from most phones.
  - name: Emergency services
    number: "000"
    emergency: true
    description: Call 000 if you are in immediate danger.
frame_ancestors: |
  https://Portal.Example:443/
embed_origins:
  - HTTPS://WWW.Clinic.Example:443/
  - https://clinic.example:8443
"""


def test_odd_but_harmless_values_are_accepted_and_normalised():
    clinic = load_clinic({"clinic": yaml.safe_load(ODD_BUT_HARMLESS.format(today=TODAY.isoformat()))}, today=TODAY)
    assert clinic.name == "St John's & Partners — Clinic"
    assert clinic.phone == "+44 20 7946 0321" and clinic.phone_href == "tel:+442079460321"
    assert clinic.booking_url == "https://clinic.example/book?ref=site&lang=en#slot"
    assert clinic.funding == ("St John's & Partners pays for this site. It offers ketamine treatment, "
                              "so it could gain if you choose that treatment.")
    assert clinic.crisis_lines[0]["url"] == "https://chat.example/start?a=1&b=2"
    assert clinic.crisis_lines[0]["description"] == "Any time, day or night. Free from most phones."
    assert clinic.crisis_lines[1]["number"] == "000"
    assert clinic.frame_ancestors == ["https://portal.example"]
    assert clinic.embed_origins == ["https://clinic.example:8443", "https://www.clinic.example"]
    assert clinic.reviewer["reviewed_on"] == TODAY.isoformat()  # today itself is not the future


class _Page(HTMLParser):
    """A built page's text, its links and its elements, as the browser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.form_actions: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("form", "button", "input"):
            self.form_actions += [value or "" for name, value in attrs if name in ("action", "formaction")]
        self.hrefs += [value for name, value in attrs if name == "href" and value]

    def handle_data(self, data):
        self.text.append(data)


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    page.text = " ".join(" ".join(page.text).split())
    return page


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def odd_site(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"odd-{request.param}")
    config = tmp / "mkdocs.yml"
    clinic = "\n".join("    " + line for line in ODD_BUT_HARMLESS.format(today=content_day().isoformat()).splitlines())
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\nextra:\n  clinic:\n{clinic}\n", encoding="utf-8")
    result = build_site(tmp / "site", config, generator=request.param)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def test_every_value_is_shown_exactly_as_written(odd_site):
    cta = read_page(odd_site / "learn" / "how-ketamine-works" / "index.html")
    assert "St John's & Partners — Clinic" in cta.text
    assert "Call +44 20 7946 0321" in cta.text and "tel:+442079460321" in cta.hrefs
    assert "https://clinic.example/book?ref=site&lang=en#slot" in cta.hrefs
    assert "Flat 2, 10 Rue de l'Église, Montréal" in cta.text
    assert "Zoë O'Brien‑Smith & Co" in cta.text
    assert "St John's & Partners pays for this site. It offers ketamine treatment, so it could gain if you choose that treatment." in cta.text
    assert "A. Writer, MA (Health & Science), 'plain words' editor" in cta.text
    help_page = read_page(odd_site / "get-help-now" / "index.html")
    assert "Lifeline & Friends" in help_page.text and "Call 13 11 14" in help_page.text
    assert "Call 000" in help_page.text and "tel:000" in help_page.hrefs and "tel:131114" in help_page.hrefs
    assert "https://chat.example/start?a=1&b=2" in help_page.hrefs


def test_no_element_or_script_is_injected_and_the_policy_allows_only_known_scripts(odd_site):
    pages = sorted(odd_site.rglob("*.html"))
    # Every inline script is one the project or its theme wrote; none holds a setting's text.
    allowed = inline_scripts.AllowedScripts(ROOT / "overrides")
    policy = dict(re.findall(r'add_header ([A-Za-z-]+) "([^"]*)" always;', (odd_site / sh.NGINX_FILE).read_text()))
    hashes = {source for source in parse_csp(policy["Content-Security-Policy"])["script-src"] if source.startswith("'sha256-")}
    found = set()
    for page in pages:
        scripts, blocked = sh.scan_html(page.read_text(encoding="utf-8"))
        assert blocked == [], page  # no inline handler, javascript: URL, inline style or meta refresh
        assert all(allowed.allows(text) for text in scripts), page
        found |= {sh.script_hash(text) for text in scripts}
        parsed = read_page(page)
        assert parsed.form_actions == [], page  # the search and self-check forms send nothing anywhere
        assert not [t for t in parsed.tags if t in ("iframe", "object", "embed", "base")], page
    assert hashes == found  # no extra hash, and none missing


def test_the_headers_carry_the_normalised_origins_on_one_line(odd_site):
    for name, origins in [(sh.NGINX_FILE, "https://portal.example"),
                          (sh.EMBED_NGINX_FILE, "https://clinic.example:8443 https://www.clinic.example")]:
        text = (odd_site / name).read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line and not line.startswith("#")]
        assert all(re.fullmatch(r'add_header [A-Za-z-]+ "[ -!#-~]*" always;', line) for line in lines), lines
        csp = next(line for line in lines if line.startswith("add_header Content-Security-Policy"))
        assert csp.endswith(f'frame-ancestors {origins}" always;'), csp
    headers_file = (odd_site / sh.HEADERS_FILE).read_text(encoding="utf-8")
    assert "frame-ancestors https://portal.example\n" in headers_file
    assert all(" " <= c <= "~" for line in headers_file.splitlines() if not line.startswith("#") for c in line)
