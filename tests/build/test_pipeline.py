"""The build's three steps (sitebuild/stage.py, the generator, sitebuild/finish.py) and its
command line, checked on the project's own pages and on small made-up projects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuild import stage
from sitebuild.finish import fix_theme_files

from ..conftest import content_day

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def staged(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("stage")
    stage.prepare(ROOT / "mkdocs.yml", out, today=content_day())
    return out


def staged_page(staged: Path, src: str) -> tuple[dict, str]:
    return stage.split_page((staged / "docs" / src).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the staged copy


def test_staged_config_needs_no_hook_and_carries_the_site_data(staged):
    config = yaml.safe_load((staged / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config
    assert config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "overrides"
    site = config["extra"]["site"]
    assert site["crisis_lines"] and site["text"]["crisis"] and site["questionnaire"]
    assert (staged / "overrides" / "main.html").is_file()


def test_staged_article_has_numbered_citations_sources_and_review(staged):
    meta, body = staged_page(staged, "learn/how-ketamine-works.md")
    original, raw = stage.split_page((ROOT / "docs/learn/how-ketamine-works.md").read_text(encoding="utf-8"))
    assert "[@" in raw and "[@" not in body, "citations are rendered in the staged page"
    assert '<sup class="citation">' in body
    # The sources list is in the page, numbered in citation order, one item per source.
    # The page's own sources, and those of the options block it shows (sitebuild/options_block.py).
    assert body.count('<li id="source-') == len(meta["sources"]) == len(set(meta["sources"]))
    assert set(meta["sources"]) >= set(original["sources"])
    assert meta["review"]["last_iso"] == str(original["last_reviewed"])
    assert meta["jsonld"]["@type"] == "MedicalWebPage"


def test_staged_rules_page_is_generated_from_the_engine(staged):
    meta, body = staged_page(staged, "self-check/how-it-works.md")
    assert meta["title"] and meta["sources"]
    assert '<li id="source-1">' in body


def test_selfcheck_page_carries_its_data_and_the_way_to_the_sites_root(staged):
    meta, _ = staged_page(staged, "self-check/index.md")
    data = meta["selfcheck_data"]
    # The engine's settings, with the articles' titles its card links to (site paths), and
    # the way from the page to the site's root, to make those links relative to the page.
    assert data["settings"]["articles"]["learn/side-effects-and-risks/"] == "Side effects and risks"
    assert data["root"] == "../"


def test_page_urls_follow_mkdocs():
    assert stage.page_url("index.md") == ""
    assert stage.page_url("learn/index.md") == "learn/"
    assert stage.page_url("learn/x.md") == "learn/x/"
    assert stage.page_url("learn/x.md", use_directory_urls=False) == "learn/x.html"


def test_short_text_cuts_at_a_word():
    assert stage.short_text("short") == "short"
    cut = stage.short_text("word " * 30)
    assert len(cut) <= 60 and cut.endswith("...") and "wor..." not in cut


def test_inherit_resolves_like_mkdocs(tmp_path):
    (tmp_path / "base.yml").write_text("site_name: Base\ntheme: {name: material, language: en}\nextra: {a: 1, clinic: {country: US}}\n")
    child = tmp_path / "clinics" / "x.yml"
    child.parent.mkdir()
    child.write_text("INHERIT: ../base.yml\ndocs_dir: ../docs\nextra: {clinic: {country: GB}}\n")
    config = stage.load_config(child)
    assert config["site_name"] == "Base"
    assert config["extra"] == {"a": 1, "clinic": {"country": "GB"}}
    assert config["docs_dir"] == str((tmp_path / "docs").resolve())


# ---------------------------------------------------------------- problems name what is wrong


def small_project(tmp_path: Path, page: str, extra: str = "") -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(page)
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: T\ntheme: {{name: material, language: en}}\nnav: [index.md]\n{extra}")
    return config


def test_unknown_citation_names_the_page_and_the_id(tmp_path):
    config = small_project(tmp_path, "---\ntitle: T\nsources: []\n---\nA claim [@no-such-source].\n")
    with pytest.raises(stage.StageError, match=r"index\.md.*no-such-source"):
        stage.prepare(config, tmp_path / "out", today=content_day())


def test_command_line_reports_bad_settings_without_a_traceback(tmp_path):
    config = small_project(tmp_path, "# T\n", "extra:\n  clinic:\n    country: XX\n    colour: red\n")
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild", "prepare", "-f", str(config), "--stage", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "extra.clinic.country" in result.stderr and "extra.clinic.colour" in result.stderr
    assert "Traceback" not in result.stderr


def test_finish_refuses_a_folder_without_a_generated_site(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild", "finish", str(tmp_path), "--stage", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 2 and "no index.html" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("language", ["en", "", "../es"])
def test_a_language_config_needs_its_own_language_code(tmp_path, language):
    # The code names the language's folder (site/es/): the main language's own, none, or a
    # path would overwrite or escape the main site. Checked before anything is built.
    config = tmp_path / "mkdocs.xx.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ntheme:\n  language: '{language}'\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild", "build", "-d", str(tmp_path / "site"), "--stage", str(tmp_path / "stage"),
         "--language", str(config)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "theme.language must be a language code" in result.stderr
    assert not (tmp_path / "site").exists()


def test_theme_fixes_run_over_every_html_file(tmp_path):
    bad = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    (tmp_path / "a").mkdir()
    for path in (tmp_path / "index.html", tmp_path / "a" / "index.html"):
        path.write_text(bad)
    assert fix_theme_files(tmp_path) == 2
    assert "autocomplete" not in (tmp_path / "a" / "index.html").read_text()
