"""Ready for a second language: a build with a generated pseudo-locale (every string from a
locale file accented and wrapped in ⟦ ⟧, sitebuild/pseudo_locale.py) shows no English
outside the pages' own text, and its self-check runs on the one shared Pyodide copy.

The pages' own Markdown is translated as pages, so it stays English in this build; it is
marked by two HTML comments (``pseudo_locale.mark_page_text``) and left out, along with the
table of contents (the page's headings). What else may stay as it is: data that is not
words of this site (source citations, crisis services' own names, page titles, which come
from the pages).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import urljoin

from sitebuild import pseudo_locale
from sitebuild.stage import ROOT

from .pseudo_scan import CODE, ReadText, allowed_data, english_left


def language_pages(site: Path) -> list[Path]:
    return sorted((site / CODE).rglob("*.html"))


def test_pseudo_locale_wraps_every_letter_and_keeps_placeholders():
    wrapped = pseudo_locale.pseudo("Call {number} now")
    assert wrapped.startswith(pseudo_locale.OPEN) and wrapped.endswith(pseudo_locale.CLOSE)
    assert "{number}" in wrapped
    assert english_left(wrapped, []) == []
    assert english_left(f"{wrapped} today", []) == ["today"]


def test_no_english_is_left_outside_the_pages_own_text(pseudo_site):
    allowed = allowed_data()
    pages = language_pages(pseudo_site)
    assert len(pages) > 20
    left = {}
    for page in pages:
        parser = ReadText()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not parser.in_page_text, f"{page}: the page text's end marker is missing"
        found = sorted({t for t in parser.read if english_left(t, allowed)})
        if found:
            left[page.relative_to(pseudo_site).as_posix()] = found
    assert not left, "English words not from a locale file:\n" + json.dumps(left, indent=1, ensure_ascii=False)


def test_the_scan_finds_english_written_into_a_template(pseudo_site):
    # The check above would see a template's stray English word (it is not only passing
    # because it reads nothing).
    page = (pseudo_site / CODE / "self-check" / "index.html").read_text(encoding="utf-8")
    parser = ReadText()
    parser.feed(page.replace("</main>", "<p>Please try again</p></main>", 1))
    assert any(english_left(t, allowed_data()) == ["Please", "try", "again"] for t in parser.read)


def test_the_self_checks_page_data_is_in_the_language(pseudo_site):
    page = (pseudo_site / CODE / "self-check" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="selfcheck-data">(.*?)</script>',
                                page, re.DOTALL).group(1))
    assert data["lang"] == CODE and data["settings"]["lang"] == CODE
    words = [*data["text"].values(), *(a["title"] for a in data["articles"].values())]
    allowed = allowed_data()
    assert words and all(not english_left(w, allowed) for w in words), words


def test_review_dates_use_the_languages_month_names(pseudo_site):
    page = (pseudo_site / CODE / "learn" / "how-ketamine-works" / "index.html").read_text(encoding="utf-8")
    year, month, day, shown = re.search(r'<time datetime="(\d{4})-(\d\d)-(\d\d)">([^<]*)</time>', page).groups()
    with (ROOT / "sitebuild" / "locales" / "en.toml").open("rb") as f:
        dates = tomllib.load(f)["dates"]
    english_month = dates["months"][int(month) - 1]
    pseudo = pseudo_locale.pseudo
    expected = (pseudo(dates["format"]).replace("{day}", str(int(day)))
                .replace("{month}", pseudo(english_month)).replace("{year}", year))
    assert shown == expected and english_month not in shown


def test_one_pyodide_copy_serves_every_language(pseudo_site):
    assert [p.relative_to(pseudo_site).as_posix() for p in pseudo_site.rglob("pyodide.asm.wasm")] == [
        "assets/pyodide/314.0.7/pyodide.asm.wasm"]
    assert not list((pseudo_site / CODE).rglob("selfcheck-worker.js"))
    for page in ("self-check/index.html", "embed/self-check/index.html"):
        html = (pseudo_site / CODE / page).read_text(encoding="utf-8")
        here = f"https://clinic.example/sub/{CODE}/{page}"
        scripts = re.findall(r'<script type="module"[^>]*src="([^"]+)"', html)
        assert scripts
        for src in scripts:
            # Each engine script resolves to the main site's copy, which exists.
            url = urljoin(here, src)
            assert url.startswith("https://clinic.example/sub/assets/javascripts/"), (page, src)
            assert (pseudo_site / url.removeprefix("https://clinic.example/sub/")).is_file()


def test_the_language_pages_say_their_language(pseudo_site):
    # Screen readers pick their voice from it.
    for page in ("index.html", "self-check/index.html", "404.html"):
        assert f'<html lang="{CODE}"' in (pseudo_site / CODE / page).read_text(encoding="utf-8"), page


# Card fields that hold data, not words (selfcheck/card.py): ids, links, numbers, and the
# clinic's own details.
CARD_DATA_KEYS = {"urgency", "style", "id", "href", "kind", "path", "fragment", "url", "number", "phone",
                  "address", "website"}
_EVALUATE_IN_LANGUAGE = """
import json, sys
import selfcheck
cases = json.load(sys.stdin)
print(json.dumps([selfcheck.evaluate(c["answers"], {**c["settings"], "lang": sys.argv[1]}, today="2026-12-06")
                  for c in cases]))
"""


def _card_words(value, key=None):
    if key in CARD_DATA_KEYS:
        return []
    if isinstance(value, dict):
        return [w for k, v in value.items() for w in _card_words(v, k)]
    if isinstance(value, list):
        return [w for v in value for w in _card_words(v)]
    return [value] if isinstance(value, str) else []


def test_the_result_card_is_in_the_language_for_every_vignette(pseudo_site):
    """The result card (selfcheck/card.py), worded by the pseudo project's own engine for
    every vignette (each tier, wording, urgency and country; crisis or not; with a clinic
    or without): every word on it comes from a locale file. The browser test of the
    pseudo self-check reads one result on the page; this reads them all."""
    with (ROOT / "tests" / "engine" / "vignettes.toml").open("rb") as f:
        vignettes = tomllib.load(f)["vignette"]
    cases = [{"answers": v["answers"], "settings": v.get("settings") or {}} for v in vignettes]
    run = subprocess.run([sys.executable, "-c", _EVALUATE_IN_LANGUAGE, CODE], cwd=pseudo_site.parent / "project",
                         input=json.dumps(cases), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    assert {r["tier"] for r in results} == {"urgent", "medical-review-first", "low-symptoms", "other-options-first",
                                            "worth-discussing"}
    allowed = allowed_data()
    left = {}
    for case, result in zip(cases, results):
        # A clinic's own words (its name, its line on its interest) are its settings'.
        own = sorted((str(v) for v in (case["settings"].get("clinic") or {}).values()), key=len, reverse=True)
        found = sorted({w for text in _card_words(result["card"]) for w in english_left(text, own + allowed)})
        if found:
            left[json.dumps(case["answers"])] = found
    assert not left, "English words on the card not from a locale file:\n" + json.dumps(left, indent=1)
