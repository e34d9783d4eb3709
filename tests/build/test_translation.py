"""A translated page stays honest about what it translates (sitebuild/translation.py), and
its links to pages that exist only in English say so (sitebuild/other_language.py). Every
date is passed in: nothing here depends on the day the tests run."""

from __future__ import annotations

import datetime as dt
import glob
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from sitebuild import languages, other_language, stage, theme_fixes, translation

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 12, 6)


def spanish_text() -> dict:
    with (ROOT / "sitebuild" / "locales" / "es.toml").open("rb") as f:
        return tomllib.load(f)


ES = spanish_text()
ENGLISH = {"title": "Privacy", "first_published": dt.date(2026, 11, 22), "last_reviewed": dt.date(2026, 11, 22),
           "next_review": dt.date(2027, 5, 22)}


def info(meta: dict, english: dict | None = ENGLISH, where: str = "privacy.md") -> dict:
    return translation.translation_info(meta, where, english, ES["translation"], ES["dates"], "../../privacy/")


def sentence(parts: dict) -> str:
    return parts["before"] + parts["link"] + parts["after"]


# ---------------------------------------------------------------- the notice


def test_a_current_translation_names_the_english_review_it_was_made_from():
    result = info({"translation_of": "privacy.md", "translated_from_review": dt.date(2026, 11, 22)})
    notice = result["translation"]
    assert not notice["older"] and notice["older_notice"] is None
    assert sentence(notice["notice"]) == (
        "Esta página es una traducción de la página en inglés, tal como se revisó el 22 de noviembre de 2026. "
        "La página en inglés es la referencia.")
    assert notice["notice"]["link"] == "página en inglés" and notice["english_href"] == "../../privacy/"
    # Its dates are the English page's, as of that review, first publication included (the
    # build refuses a reviewed page without one).
    assert result["review_dates"] == {"first_published": dt.date(2026, 11, 22), "last_reviewed": dt.date(2026, 11, 22),
                                      "next_review": dt.date(2027, 5, 22)}


def test_a_translation_older_than_the_english_pages_last_review_says_so():
    english = {**ENGLISH, "last_reviewed": dt.date(2027, 2, 3), "next_review": dt.date(2027, 8, 3)}
    result = info({"translation_of": "privacy.md", "translated_from_review": "2026-11-22"}, english)
    notice = result["translation"]
    assert notice["older"] is True
    assert sentence(notice["older_notice"]) == (
        "Esta traducción se hizo a partir de la página en inglés revisada el 22 de noviembre de 2026. "
        "La página en inglés se revisó de nuevo el 3 de febrero de 2027, así que esta traducción puede no estar "
        "al día. La página en inglés es la referencia.")
    # The page's own dates stay those of the review it was translated from.
    assert result["review_dates"]["last_reviewed"] == dt.date(2026, 11, 22)


def test_an_english_page_without_review_dates_is_translated_without_one():
    result = info({"translation_of": "index.md"}, {"title": "Home"}, where="index.md")
    assert result["review_dates"] is None
    assert sentence(result["translation"]["notice"]) == (
        "Esta página es una traducción de la página en inglés. La página en inglés es la referencia.")


@pytest.mark.parametrize(("meta", "english", "message"), [
    ({"translated_from_review": "2026-11-22"}, ENGLISH, r"translation_of must name the English page it translates, at the same path \('privacy.md'\), got None"),
    ({"translation_of": "about.md", "translated_from_review": "2026-11-22"}, ENGLISH, r"got 'about.md'"),
    ({"translation_of": "privacy.md"}, ENGLISH, r"translated_from_review is missing: .* \(docs/privacy.md has 2026-11-22\)"),
    ({"translation_of": "privacy.md", "translated_from_review": "2026-12-01"}, ENGLISH, r"translated_from_review \(2026-12-01\) is after the English page's last_reviewed \(2026-11-22\)"),
    ({"translation_of": "privacy.md", "translated_from_review": "22/11/2026"}, ENGLISH, r"translated_from_review must be a date as YYYY-MM-DD"),
    ({"translation_of": "privacy.md", "translated_from_review": "2026-11-22", "last_reviewed": "2026-11-22"}, ENGLISH, r"last_reviewed is the English page's"),
    ({"translation_of": "privacy.md", "translated_from_review": "2026-11-22", "first_published": "2026-11-22"}, ENGLISH, r"first_published is the English page's"),
    ({"translation_of": "privacy.md", "translated_from_review": "2026-11-22"}, {"title": "Privacy"}, r"docs/privacy.md has no last_reviewed"),
    ({"translation_of": "privacy.md"}, None, r"must have an English page at the same path \(docs/privacy.md\)"),
])
def test_a_wrong_translation_front_matter_names_the_page_and_the_key(meta, english, message):
    with pytest.raises((translation.TranslationError, ValueError), match=message):
        info(meta, english)


def test_the_build_decides_older_from_the_english_pages_dates(tmp_path):
    """The prepare step, on a copy of the project whose English privacy page was reviewed
    again after its Spanish translation was made: the Spanish page's front matter says its
    translation is older, with the dates in Spanish; the current pages say they are not."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "docs-es", tmp_path / "docs-es")
    english = tmp_path / "docs" / "privacy.md"
    english.write_text(english.read_text(encoding="utf-8").replace("last_reviewed: 2026-11-22", "last_reviewed: 2026-12-02")
                       .replace("next_review: 2027-05-22", "next_review: 2027-06-02"), encoding="utf-8")
    main = {**stage.load_config(ROOT / "mkdocs.yml"), "docs_dir": str(tmp_path / "docs")}
    site_langs = languages.site_languages(main)
    stage.prepare(site_langs[1].config, tmp_path / "stage-es", runtime_root="../", today=DAY, site_langs=site_langs)
    meta, _ = stage.split_page((tmp_path / "stage-es" / "docs" / "privacy.md").read_text(encoding="utf-8"))
    assert meta["translation"]["older"] is True
    assert "se revisó de nuevo el 2 de diciembre de 2026" in meta["translation"]["older_notice"]["after"]
    assert meta["review"]["last"] == "22 de noviembre de 2026" and meta["review"]["next"] == "2 de junio de 2027"
    home, _ = stage.split_page((tmp_path / "stage-es" / "docs" / "index.md").read_text(encoding="utf-8"))
    assert home["translation"]["older"] is False
    # The home page is reviewed: its translation shows the English page's dates, in Spanish.
    assert home["review"]["first"] == "22 de noviembre de 2026" and home["review"]["last"] == "6 de diciembre de 2026"
    # An English page with no review dates gives its translation none.
    help_now, _ = stage.split_page((tmp_path / "stage-es" / "docs" / "get-help-now.md").read_text(encoding="utf-8"))
    assert help_now["translation"]["older"] is False and "review" not in help_now


# ---------------------------------------------------------------- links to English-only pages


def english_href(src: str) -> str:
    return "../../" + languages.page_path(src)


def test_links_to_pages_only_english_has_go_to_the_english_page():
    body = (
        "See [how it works](learn/how-ketamine-works.md#what-it-does) and [privacy](privacy.md).\n\n"
        "- [Learn](learn/how-ketamine-works.md){ .md-button .md-button--primary }\n"
        "Not this: `[code](learn/how-ketamine-works.md)`\n\n"
        "```\n[fenced](learn/how-ketamine-works.md)\n```\n"
        "Nor an image: ![chart](chart.md)\n"
    )
    out = translation.english_only_links(body, "privacy.md", frozenset({"privacy.md"}),
                                         frozenset({"privacy.md", "learn/how-ketamine-works.md"}), english_href)
    assert '<a href="../../learn/how-ketamine-works/#what-it-does">how it works</a>' in out
    assert "[privacy](privacy.md)" in out, "a translated page is linked as usual"
    assert '<a href="../../learn/how-ketamine-works/" class="md-button md-button--primary">Learn</a>' in out
    assert "`[code](learn/how-ketamine-works.md)`" in out and "[fenced](learn/how-ketamine-works.md)" in out
    assert "![chart](chart.md)" in out


def test_a_link_from_a_page_in_a_folder_is_resolved_from_that_folder():
    out = translation.english_only_links("[Side effects](../learn/side-effects-and-risks.md)", "self-check/how-it-works.md",
                                         frozenset(), frozenset({"learn/side-effects-and-risks.md"}), english_href)
    assert out == '<a href="../../learn/side-effects-and-risks/">Side effects</a>'


def site_with(tmp_path: Path, files: list[str]) -> Path:
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>")
    return tmp_path


def test_the_built_pages_mark_links_to_english_pages_and_send_missing_ones_there(tmp_path):
    site = site_with(tmp_path, ["index.html", "about/index.html", "privacy/index.html", "es/index.html",
                                "es/privacy/index.html", "assets/x.css"])
    html = (
        '<a href="../about/">Acerca de</a> '                       # a template link: no Spanish page
        '<a href="../privacy/#x">Privacidad</a> '                  # the Spanish page exists
        '<a href="../../about/">Acerca</a> '                        # already the English page
        '<a href="../../privacy/" hreflang="en">English</a> '      # says its language itself
        '<a href="../../assets/x.css">css</a> <a href="https://x.example/">x</a> <a href="#top">top</a>'
    )
    out, count = other_language.mark_links(html, "es/privacy/index.html", site, "es", set(), "(en inglés)", "en")
    assert count == 2
    assert '<a href="../../about/" hreflang="en">Acerca de (en inglés)</a>' in out
    assert '<a href="../privacy/#x">Privacidad</a>' in out
    assert '<a href="../../about/" hreflang="en">Acerca (en inglés)</a>' in out
    assert '<a href="../../privacy/" hreflang="en">English</a>' in out
    assert '<a href="../../assets/x.css">css</a>' in out and '<a href="#top">top</a>' in out


def test_the_spanish_not_found_page_is_rooted_at_its_folder(tmp_path):
    site = site_with(tmp_path, ["index.html", "about/index.html", "es/index.html", "es/privacy/index.html"])
    html = ('<link href="/assets/site.css" rel="stylesheet"><a href="/.">Inicio</a> <a href="/privacy/">Privacidad</a> '
            '<a href="/about/">Acerca de</a> <a href="/" hreflang="en" lang="en">English</a>')
    rerooted = other_language.reroot_not_found(html, "es", "/")
    assert '<link href="/es/assets/site.css"' in rerooted and '<a href="/es/">Inicio</a>' in rerooted
    assert '<a href="/es/privacy/">' in rerooted and '<a href="/" hreflang="en" lang="en">English</a>' in rerooted
    out, count = other_language.mark_links(rerooted, "es/404.html", site, "es", set(), "(en inglés)", "en", "/")
    assert count == 1 and '<a href="/about/" hreflang="en">Acerca de (en inglés)</a>' in out


# ---------------------------------------------------------------- the theme's script


@pytest.mark.parametrize("bundle", sorted(glob.glob(str(ROOT / ".venv/lib/python3*/site-packages/*/templates/assets/javascripts/bundle.*.min.js"))))
def test_the_themes_script_no_longer_fetches_a_sitemap_beside_each_hreflang_link(bundle):
    """Material 9.8's and Zensical's: the call that starts the fetch is gone, nothing else."""
    script = Path(bundle).read_text(encoding="utf-8")
    fixed = theme_fixes.fix_theme_script(script)
    name = theme_fixes._ALTERNATE_SITEMAP.search(script).group(1)
    call = re.compile(r"(?<![\w$.])" + re.escape(name) + r"\(\{document\$:[\w$]+\}\);")
    assert len(call.findall(script)) == 1 and not call.findall(fixed)
    assert 0 < len(script) - len(fixed) < 40
    assert theme_fixes.fix_theme_script(fixed) == fixed, "finishing a site twice changes nothing more"


def test_an_unknown_shape_of_the_script_stops_the_build():
    with pytest.raises(ValueError, match="update sitebuild/theme_fixes.py"):
        theme_fixes.fix_theme_script('function x(){return document.querySelectorAll("link[rel=alternate]")}')
    assert theme_fixes.fix_theme_script("var a=1;") == "var a=1;"
