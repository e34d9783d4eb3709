"""The same project built with Zensical (Material for MkDocs' successor) instead of MkDocs:
`make build-zensical` runs the same prepare and finish steps around it. These tests build it,
serve it through the production nginx config and check what a visitor would meet.

Known differences from the MkDocs build:
- the search index is `search.json` at the root (MkDocs: `search/search_index.json`), and
  Zensical writes no `sitemap.xml`; neither is a page;
- it matters once: Zensical 0.0.73's script builds its search dialog in a shadow root with an
  inline <style>, which the site's Content-Security-Policy (style-src 'self') blocks, so the
  search dialog opens unstyled. `test_no_csp_violation_or_console_error` allows exactly that
  one violation and nothing else; the fix (a hash for that style, or Zensical shipping it as a
  file) waits for a Zensical that installs here.
"""

from __future__ import annotations

import pytest

from ..conftest import NginxServer, build_site
from ..quality.support import DESKTOP, Recorder, built_pages, engine_state, poll, same_origin

SELFCHECK = "self-check/"


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("site-zensical")
    result = build_site(dest, generator="zensical")
    if result.returncode != 0:
        pytest.fail(f"the Zensical build failed:\n{result.stdout}\n{result.stderr}")
    return dest


@pytest.fixture(scope="session")
def zensical_server(zensical_site, tmp_path_factory):
    with NginxServer(zensical_site, tmp_path_factory.mktemp("nginx-zensical")) as server:
        yield server


@pytest.fixture(scope="session")
def zensical_visit(browser, zensical_site, zensical_server):
    """Every page in a CSP-enforcing browser, then the self-check to a crisis result."""
    context = browser.new_context(viewport=DESKTOP)
    recorder = Recorder(context)
    page = context.new_page()
    base = zensical_server.url
    violations = {}
    for path in built_pages(zensical_site):
        page.goto(base + path, wait_until="load")
        found = page.evaluate("() => window.__quality.violations")
        if found:
            violations[path] = found
    page.goto(base + SELFCHECK, wait_until="load")
    out = {"engine": engine_state(page), "base": base, "recorder": recorder}
    for name, value in [("phq9-9", "1"), *[(f"phq9-{i}", "2") for i in range(1, 9)], ("safety_now", "no"),
                        ("antidepressant_trials", "2"), ("medical", "none")]:
        page.click(f'label[for="{name}--{value}"]')
    out["crisis_panel"] = page.evaluate("() => document.getElementById('selfcheck-crisis-now').children.length")
    page.click("#selfcheck-submit")
    out["result"] = poll(
        page,
        "() => { const r = document.getElementById('selfcheck-result'); return r.hidden ? null : {...r.dataset}; }",
        lambda v: v is not None and v.get("tier"), timeout=60,
    )
    violations.update({SELFCHECK + "(used)": v} if (v := page.evaluate("() => window.__quality.violations")) else {})
    out["violations"] = violations
    context.close()
    return out


def test_every_page_of_the_mkdocs_build_is_present(built_site, zensical_site):
    assert built_pages(zensical_site) == built_pages(built_site)


def test_pages_carry_the_prepared_data(zensical_site):
    article = (zensical_site / "learn" / "how-ketamine-works" / "index.html").read_text(encoding="utf-8")
    assert '<sup class="citation">' in article and 'id="source-1"' in article
    assert 'class="page-review"' in article and "application/ld+json" in article
    assert 'class="crisis-banner' in article


def test_the_self_check_reaches_a_result(zensical_visit):
    assert zensical_visit["engine"] == "ready"
    assert zensical_visit["crisis_panel"] > 0
    result = zensical_visit["result"]
    assert result["tier"] == "worth-discussing" and result["crisis"] == "true" and result["urgency"] == "today"


def test_no_request_leaves_the_site(zensical_visit):
    foreign = [r["url"] for r in zensical_visit["recorder"].requests if not same_origin(r["url"], zensical_visit["base"])]
    assert not foreign


def zensical_search_style(violation: dict) -> bool:
    return (violation["directive"] == "style-src-elem" and violation["blocked"] == "inline"
            and "/assets/javascripts/bundle." in (violation["source"] or ""))


def test_no_csp_violation_or_console_error(zensical_visit):
    others = {path: [v for v in found if not zensical_search_style(v)] for path, found in zensical_visit["violations"].items()}
    assert not any(others.values()), others
    problems = [p for p in zensical_visit["recorder"].problems() if "violates the following Content Security Policy directive 'style-src" not in p]
    assert not problems


def test_articles_render_the_options_block_and_source_kinds(zensical_site):
    from ..build.article_checks import leftover_markers, options_problems, pages_with_the_block, source_list_problems

    for path in pages_with_the_block():
        markup = (zensical_site / path / "index.html").read_text(encoding="utf-8")
        assert options_problems(markup) == [], path
        assert source_list_problems(markup) == [], path
    assert leftover_markers(zensical_site) == []
