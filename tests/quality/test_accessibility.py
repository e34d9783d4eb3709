"""Accessibility: axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA, target-size on) on every
page at phone and desktop width and on the self-check in each state, with zero violations;
and what axe cannot see: radio/checkbox groups need a fieldset and legend, Tab follows the
DOM, and the sticky header never hides the focused element."""

from __future__ import annotations

import pytest

from .support import VIEWPORTS, built_pages, describe_violations, source_pages

PAGES = source_pages()


WIDTHS = list(VIEWPORTS)

pytestmark = pytest.mark.browser


def test_every_built_page_is_checked(built_site):
    assert built_pages(built_site) == PAGES


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_axe_finds_nothing_on_the_page(crawl, path, width):
    violations = crawl["pages"][path]["axe"][width]
    assert not violations, f"/{path} at {width} width:\n{describe_violations(violations)}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("state", ["empty", "crisis", "result"])
def test_axe_finds_nothing_on_the_self_check(journey, state, width):
    violations = journey["states"][state][width]
    assert not violations, f"self-check, {state}, at {width} width:\n{describe_violations(violations)}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("state", ["failed", "failed+crisis"])
def test_axe_finds_nothing_on_the_failed_self_check(failed_journey, state, width):
    assert failed_journey["engine"] == "failed"
    violations = failed_journey["states"][state][width]
    assert not violations, f"self-check, {state}, at {width} width:\n{describe_violations(violations)}"


def test_every_radio_and_checkbox_group_has_a_fieldset_and_legend(crawl, journey):
    """axe-core dropped its fieldset/radiogroup rules in 4.0; checked here instead."""
    groups = [(path, g) for path, entry in crawl["pages"].items() for g in entry["fieldsets"]]
    groups += [("self-check/ (with script)", g) for g in journey["groups"]]
    assert any(g["type"] == "radio" for _, g in groups), "the self-check's radio buttons were not found"
    bad = [f"/{path}: {g['type']} {g['id'] or g['name']}" for path, g in groups if not (g["fieldset"] and g["legend"])]
    assert not bad, "radio buttons and checkboxes outside a fieldset with a non-empty legend:\n" + "\n".join(bad)


@pytest.mark.parametrize("width", WIDTHS)
def test_tab_order_follows_dom_order_on_the_self_check(journey, width):
    steps = journey["tab_walks"][width]
    assert len(steps) > 10
    order = [s["index"] for s in steps]
    jumps = [(a, b) for a, b in zip(steps, steps[1:]) if b["index"] <= a["index"]]
    assert not jumps, "Tab moved backwards in the DOM:\n" + "\n".join(
        f"  {a['tag']}#{a['id']} '{a['label']}' -> {b['tag']}#{b['id']} '{b['label']}'" for a, b in jumps)
    assert order == sorted(order)
    backwards = [s["index"] for s in journey["back_walks"][width]]
    assert backwards == sorted(order, reverse=True), "Shift+Tab does not retrace Tab's order"


@pytest.mark.parametrize("width", WIDTHS)
def test_tab_reaches_every_question_and_the_submit_button(journey, width):
    steps = journey["tab_walks"][width]
    reached = {s["name"] for s in steps if s["in_form"]}
    missing = [q for q in journey["visible_questions"] if q not in reached]
    assert not missing, f"questions Tab never reaches: {missing}"
    assert any(s["id"] == "selfcheck-submit" for s in steps)


@pytest.mark.parametrize("walk", ["tab_walks", "back_walks"])
@pytest.mark.parametrize("width", WIDTHS)
def test_focus_is_never_hidden_behind_the_sticky_header(journey, width, walk):
    """WCAG 2.2 SC 2.4.11 (and stricter: not even partly). Shift+Tab scrolls each element in
    at the top, where the header is. For each focused element, nine points across its box
    are hit-tested: the header must not be the topmost thing drawn at any of them."""
    steps = journey[walk][width]
    assert steps and steps[0]["header"]["position"] in ("sticky", "fixed")
    assert sum(s["points"] for s in steps) > 100  # most focused elements were on screen
    hidden = [s for s in steps if not s["in_header"] and s["covered"]]
    assert not hidden, "focused elements (partly) behind the sticky header:\n" + "\n".join(
        f"  {s['tag']}#{s['id']} '{s['label']}' top={s['rect']['top']:.0f} header bottom={s['header']['bottom']:.0f} covered at {s['covered']}"
        for s in hidden)




@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_focus_is_on_screen(journey, width):
    """Every element Tab reaches is drawn inside the viewport (focus never goes invisible)."""
    steps = journey["tab_walks"][width]
    off = [s for s in steps if s["rect"]["right"] <= 0 or s["rect"]["left"] >= s["viewport"]["width"]
           or s["rect"]["bottom"] <= 0 or s["rect"]["top"] >= s["viewport"]["height"]]
    assert not off, "Tab focuses elements drawn off screen:\n" + "\n".join(
        f"  {s['tag']} '{s['label']}' at x={s['rect']['left']:.0f}" for s in off)
