"""Session fixtures for the quality checks. Each walks the site once and records everything,
so the many small tests that read the records stay fast:

- ``crawl``: every page at phone and desktop width (axe, requests, CSP, storage), plus a search.
- ``journey``: the whole self-check under the real CSP: empty, Tab walks, crisis panel, result.
- ``failed_journey``: the self-check in a browser without WebAssembly (its failure state).
"""

from __future__ import annotations

import pytest

from .support import (
    DESKTOP, STORAGE_SNAPSHOT_JS, VIEWPORTS, Recorder, built_pages, engine_state, poll, run_axe,
)

SELFCHECK = "self-check/"

# One record per Tab press: what has focus, where it is in the DOM, and where it is drawn
# relative to Material's sticky header.
FOCUS_JS = """async () => {
  // First let the page come to rest: a smooth scroll, or a closing search overlay, would
  // otherwise be measured half-way.
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  let lastY = -1, still = 0;
  for (let i = 0; i < 120 && still < 2; i++) {
    await frame();
    const moving = document.getAnimations().some((a) => a.playState === "running");
    still = !moving && scrollY === lastY ? still + 1 : 0;
    lastY = scrollY;
  }
  const el = document.activeElement;
  const header = document.querySelector(".md-header");
  const box = (el.closest && el.matches("input") && el.closest("label")) || el;
  const r = box.getBoundingClientRect(), h = header.getBoundingClientRect();
  const all = document.getElementsByTagName("*");
  // Which of nine points across the element, inside the viewport, the header is drawn over.
  const points = [], covered = [];
  for (const fx of [0.1, 0.5, 0.9]) for (const fy of [0.1, 0.5, 0.9]) {
    const x = r.left + fx * r.width, y = r.top + fy * r.height;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    points.push([x, y]);
    const top = document.elementFromPoint(x, y);
    if (top && header.contains(top) && !box.contains(top)) covered.push([Math.round(x), Math.round(y)]);
  }
  return {
    points: points.length, covered,
    index: Array.prototype.indexOf.call(all, el), tag: el.tagName, id: el.id, name: el.name || "",
    type: el.type || "", label: (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 50),
    in_header: header.contains(el), in_form: !!el.closest("form#selfcheck"),
    rect: { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
    header: { top: h.top, bottom: h.bottom, position: getComputedStyle(header).position },
    viewport: { width: innerWidth, height: innerHeight },
  };
}"""


def tab_walk(page, key: str = "Tab", limit: int = 600) -> list[dict]:
    """Press ``key`` (Tab or Shift+Tab) until focus leaves the page; one record per press.

    Walks chain: when focus has left the page, the next walk starts from its other end."""
    steps = []
    for _ in range(limit):
        page.keyboard.press(key)
        step = page.evaluate(FOCUS_JS)
        if step["tag"] == "BODY":
            if steps:
                break
            continue
        if steps and step["index"] == steps[0]["index"]:
            break  # wrapped round without leaving the page
        steps.append(step)
    return steps


def axe_at_both_widths(page) -> dict:
    out = {}
    for name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        out[name] = run_axe(page)
    page.set_viewport_size(DESKTOP)
    return out


def answer(page, name: str, value: str) -> None:
    page.click(f'label[for="{name}--{value}"]')


@pytest.fixture(scope="session")
def crawl(browser, site_url, built_site):
    context = browser.new_context(viewport=DESKTOP)
    recorder = Recorder(context)
    page = context.new_page()
    pages = {}
    for path in built_pages(built_site):
        entry = pages[path] = {"axe": {}, "violations": [], "writes": [], "fieldsets": []}
        for name, size in VIEWPORTS.items():
            page.set_viewport_size(size)
            page.goto(site_url + path, wait_until="load")
            entry["axe"][name] = run_axe(page)
            entry["violations"] += page.evaluate("() => window.__quality.violations")
            entry["writes"] += page.evaluate("() => window.__quality.writes")
        entry["fieldsets"] = page.evaluate(GROUPS_JS)
        entry["storage"] = page.evaluate(STORAGE_SNAPSHOT_JS)
    # Search: Material's search worker and index load only when someone searches.
    page.goto(site_url, wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type("ketamine")
    search_hits = poll(page, "() => document.querySelectorAll('.md-search-result__item').length", lambda n: n > 0, timeout=30)
    search = {
        "hits": search_hits,
        "violations": page.evaluate("() => window.__quality.violations"),
        "writes": page.evaluate("() => window.__quality.writes"),
        "storage": page.evaluate(STORAGE_SNAPSHOT_JS),
    }
    cookies = context.cookies()
    context.close()
    return {"pages": pages, "search": search, "recorder": recorder, "cookies": cookies}


# Every rendered radio button and checkbox, and the fieldset/legend it sits in.
GROUPS_JS = """() => [...document.querySelectorAll("input[type=radio], input[type=checkbox]")]
  .filter((i) => i.checkVisibility({ visibilityProperty: true }) || i.closest("label")?.checkVisibility({ visibilityProperty: true }))
  .map((i) => {
    const fieldset = i.closest("fieldset");
    const legend = fieldset && fieldset.querySelector(":scope > legend");
    return { name: i.name, id: i.id, type: i.type, fieldset: !!fieldset,
             legend: legend ? legend.textContent.replace(/\\s+/g, " ").trim() : "" };
  })"""


@pytest.fixture(scope="session")
def journey(browser, site_url):
    """The self-check from first view to result, in a CSP-enforcing context."""
    context = browser.new_context(viewport=DESKTOP)
    recorder = Recorder(context)
    page = context.new_page()
    urls = []
    page.on("framenavigated", lambda frame: urls.append(frame.url))
    page.goto(site_url + SELFCHECK, wait_until="load")
    out = {"states": {}, "recorder": recorder, "urls": urls}
    out["states"]["empty"] = axe_at_both_widths(page)
    out["groups"] = page.evaluate(GROUPS_JS)

    # Tab order and focus visibility, before any answer (focus alone never answers).
    # Backwards too: Shift+Tab scrolls each element in at the top, where the header is.
    out["tab_walks"], out["back_walks"] = {}, {}
    for name in ("desktop", "phone"):
        page.set_viewport_size(VIEWPORTS[name])
        out["tab_walks"][name] = tab_walk(page)
        out["back_walks"][name] = tab_walk(page, "Shift+Tab")
    page.set_viewport_size(DESKTOP)
    out["visible_questions"] = page.evaluate(
        "() => [...document.querySelectorAll('#selfcheck .selfcheck-question')].filter(q => !q.hidden && !q.closest('[hidden]')).map(q => q.dataset.name)"
    )

    out["engine"] = engine_state(page)

    # Crisis: PHQ-9 item 9 above 0 shows the panel at once.
    answer(page, "phq9-9", "1")
    out["crisis_panel"] = poll(page, "() => document.getElementById('selfcheck-crisis-now').children.length", bool, timeout=10)
    out["states"]["crisis"] = axe_at_both_widths(page)

    # Every other answer, then the result.
    for i in range(1, 9):
        answer(page, f"phq9-{i}", "2")
    answer(page, "safety_now", "no")
    for i in range(1, 8):
        answer(page, f"gad7-{i}", "1")
    answer(page, "diagnoses", "depression")
    answer(page, "antidepressant_trials", "2")
    answer(page, "psychotherapy", "yes")
    answer(page, "medical", "none")
    page.click("#selfcheck-submit")
    out["result"] = poll(
        page,
        "() => { const r = document.getElementById('selfcheck-result'); return r.hidden ? null : {tier: r.dataset.tier, crisis: r.dataset.crisis, text: r.innerText.slice(0, 200)}; }",
        lambda v: v is not None and v.get("tier"), timeout=60,
    )
    out["states"]["result"] = axe_at_both_widths(page)
    out["violations"] = page.evaluate("() => window.__quality.violations")
    out["writes"] = page.evaluate("() => window.__quality.writes")
    out["storage"] = page.evaluate(STORAGE_SNAPSHOT_JS)
    out["cookies"] = context.cookies()
    out["engine_after"] = page.evaluate("() => document.getElementById('selfcheck').dataset.engine")
    context.close()
    return out


@pytest.fixture(scope="session")
def failed_journey(nowasm_browser, site_url):
    """The self-check where WebAssembly does not exist (as in iOS Lockdown Mode).

    Uses the shared ``nowasm_browser`` (tests/conftest.py).
    """
    context = nowasm_browser.new_context(viewport=DESKTOP)
    recorder = Recorder(context)
    page = context.new_page()
    page.goto(site_url + SELFCHECK, wait_until="load")
    out = {"wasm": page.evaluate("() => typeof WebAssembly"), "engine": engine_state(page), "recorder": recorder}
    out["failed_visible"] = page.evaluate("() => !document.getElementById('selfcheck-failed').hidden")
    out["states"] = {"failed": axe_at_both_widths(page)}
    # The crisis panel must still work with no engine.
    answer(page, "phq9-9", "3")
    out["crisis_panel"] = poll(page, "() => document.getElementById('selfcheck-crisis-now').children.length", bool, timeout=10)
    out["states"]["failed+crisis"] = axe_at_both_widths(page)
    out["storage"] = page.evaluate(STORAGE_SNAPSHOT_JS)
    out["writes"] = page.evaluate("() => window.__quality.writes")
    context.close()
    return out
