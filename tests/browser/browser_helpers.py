"""Helpers for the self-check page's browser tests (a unique module name, so they never
clash with other test folders' helpers). They drive the page as a person would: click the
answer's label, press the submit button, read what is shown."""

from __future__ import annotations

import tomllib
from pathlib import Path

from playwright.sync_api import Page, expect

from selfcheck import questionnaire

ROOT = Path(__file__).resolve().parents[2]
with (ROOT / "sitebuild" / "locales" / "en.toml").open("rb") as _f:
    TEXT_PAGE = tomllib.load(_f)["selfcheck_page"]
VIGNETTES = ROOT / "tests" / "engine" / "vignettes.toml"
SELF_CHECK = "self-check/"
# Pyodide starts in about 5 s here; allow for a loaded CI machine.
ENGINE_TIMEOUT_MS = 60_000

SCREENERS = ("phq9", "gad7")
CHECK_BOXES = ("diagnoses", "medical")
SINGLES = ("age_group", "safety_now", "antidepressant_trials", "psychotherapy")


def load_vignettes() -> list[dict]:
    return tomllib.loads(VIGNETTES.read_text(encoding="utf-8"))["vignette"]


def wait_for_engine(page: Page, state: str, timeout: int = ENGINE_TIMEOUT_MS) -> None:
    expect(page.locator("#selfcheck")).to_have_attribute("data-engine", state, timeout=timeout)


def as_a_person_can_answer(answers: dict) -> dict:
    """The answers a person can give on the page. The "right now" question (safety_now)
    is only shown while PHQ-9 item 9 is above 0; otherwise it cannot be answered and the
    page does not send it, so it is dropped here too."""
    out = dict(answers)
    if out.get("phq9", [0] * 9)[8] == 0:
        out.pop("safety_now", None)
    # Older values the engine still accepts (version 1's "recent-mania") are ticked as the
    # check box that stands for them now ("mania-history").
    for key in CHECK_BOXES:
        if key in out:
            out[key] = list(dict.fromkeys(questionnaire.question(key).canonical(v) or v for v in out[key]))
    return out


def form_choices(answers: dict) -> list[tuple[str, str]]:
    """(field name, value) pairs to tick for a contract answers object, in page order."""
    choices: list[tuple[str, str]] = []
    if "age_group" in answers:  # asked first
        choices.append(("age_group", answers["age_group"]))
    for key in SCREENERS:
        for i, value in enumerate(answers.get(key) or []):
            choices.append((f"{key}-{i + 1}", str(value)))
            if key == "phq9" and i == 8 and "safety_now" in answers:
                choices.append(("safety_now", answers["safety_now"]))
    for key in ("diagnoses",):
        choices += [(key, v) for v in answers.get(key) or []]
    for key in ("antidepressant_trials", "psychotherapy"):
        if key in answers:
            choices.append((key, str(answers[key])))
    choices += [("medical", v) for v in answers.get("medical") or []]
    return choices


def answer(page: Page, name: str, value: str) -> None:
    """Tick one answer by clicking its label, as a person taps the row."""
    page.locator(f'label[for="{name}--{value}"]').click()


def fill(page: Page, answers: dict) -> None:
    for name, value in form_choices(answers):
        answer(page, name, value)


def submit(page: Page) -> None:
    page.locator("#selfcheck-submit").click()


def shown_result(page: Page) -> dict:
    result = page.locator("#selfcheck-result")
    expect(result).to_have_attribute("data-tier", _any(), timeout=15_000)
    return {
        "tier": result.get_attribute("data-tier"),
        "urgency": result.get_attribute("data-urgency"),
        "crisis": result.get_attribute("data-crisis"),
    }


def _any():
    import re

    return re.compile(r".+")


def storage_dump(page: Page) -> str:
    """Everything in the page's cookies, web storage and IndexedDB, as one string."""
    return page.evaluate(
        """async () => {
            const parts = [document.cookie];
            for (const store of [localStorage, sessionStorage]) {
                for (let i = 0; i < store.length; i++) {
                    const key = store.key(i);
                    parts.push(key, store.getItem(key));
                }
            }
            const names = indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [];
            parts.push(...names);
            return JSON.stringify({count: parts.filter(Boolean).length, parts});
        }"""
    )


# The result as the page rendered it, read back into the card's own shape (selfcheck/card.py),
# so a test can compare it with the engine's card for the same answers: every heading, every
# item in order, every citation number, every action. Links are compared as the page writes
# them (relative to the page), so the expected card's site paths go through ``card_as_shown``.
RENDERED_CARD = """() => {
  const r = document.getElementById("selfcheck-result");
  const text = (node) => node ? node.textContent.replace(/\\s+/g, " ").trim() : null;
  // Visible words only (without the visually hidden "opens in a new tab" notes).
  const words = (node) => {
    if (!node) return null;
    const copy = node.cloneNode(true);
    for (const hidden of copy.querySelectorAll(".md-visually-hidden")) hidden.remove();
    return text(copy);
  };
  const action = (a) => ({kind: a.dataset.kind, text: words(a), label: a.getAttribute("aria-label"), href: a.getAttribute("href")});
  const card = r.querySelector(":scope > .care-card");
  const heading = card.querySelector(".care-card__heading");
  const emergency = card.querySelector(".care-card__action a");
  const panel = card.querySelector(".selfcheck-crisis-panel");
  let crisis = null;
  if (panel) {
    const groups = [];
    let pending = null;
    for (const child of panel.children) {
      if (child.matches(".selfcheck-crisis-panel__group")) pending = text(child);
      if (child.matches("ul.crisis-lines")) {
        groups.push({heading: pending, lines: [...child.children].map((li) => ({
          id: li.dataset.line, name: text(li.querySelector(".crisis-lines__name")),
          description: text(li.querySelector(".crisis-lines__description")),
          emergency: li.classList.contains("crisis-lines__item--emergency"),
          actions: [...li.querySelectorAll("a")].map(action)}))});
        pending = null;
      }
    }
    crisis = {lead: text(panel.querySelector(".selfcheck-crisis-panel__lead")), groups};
  }
  const sections = [...r.querySelectorAll(":scope > .selfcheck-result-section")]
    .filter((s) => s.dataset.section !== "sources")
    .map((s) => ({id: s.dataset.section, heading: text(s.querySelector("h3")),
      items: [...s.querySelectorAll(":scope > ul > li")].map((li) => {
        const link = li.querySelector(".selfcheck-item__links a:not(.selfcheck-cite)");
        return {text: text(li.querySelector(".selfcheck-item__text")), note: text(li.querySelector(".selfcheck-item__note")),
                link: link ? {href: link.getAttribute("href"), text: words(link)} : null,
                citations: [...li.querySelectorAll(".selfcheck-cite")].map((a) => ({
                  n: Number(words(a).replace(/\\D/g, "")), label: a.getAttribute("aria-label"), href: a.getAttribute("href")}))};
      })}));
  const clinicBox = r.querySelector(":scope > .clinic-cta");
  let clinic = null;
  if (clinicBox) {
    const disclosure = clinicBox.querySelector(".clinic-cta__disclosure");
    const dlink = disclosure && disclosure.querySelector("a");
    clinic = {heading: text(clinicBox.querySelector("h2")), text: text(clinicBox.querySelector(":scope > p:not([class])")),
              disclosure: disclosure ? {text: dlink ? text(disclosure.firstChild) : text(disclosure),
                                        link: dlink ? {href: dlink.getAttribute("href"), text: words(dlink)} : null} : null,
              actions: [...clinicBox.querySelectorAll(".clinic-cta__actions a")].map(action)};
  }
  const sourcesBox = r.querySelector(":scope > [data-section='sources']");
  const sources = sourcesBox ? {heading: text(sourcesBox.querySelector("h3")), items: [...sourcesBox.querySelectorAll("li")].map((li) => ({
    n: Number(li.getAttribute("value")), id: li.id, citation: text(li.firstChild),
    url: li.querySelector("a") ? li.querySelector("a").getAttribute("href") : null}))} : null;
  return {
    style: [...card.classList].find((c) => c.startsWith("care-card--")).slice("care-card--".length),
    urgency: card.dataset.urgency,
    label: text(heading.querySelector(".md-visually-hidden")),
    heading: text(heading.lastChild),
    emergency_action: emergency ? action(emergency) : null,
    crisis,
    headline: text(card.querySelector(".care-card__headline")),
    summary: text(card.querySelector(".care-card__summary")),
    sections,
    consult: text(r.querySelector(":scope > .selfcheck-consult")),
    clinic,
    sources,
    disclaimer: text(r.querySelector(":scope > .selfcheck-disclaimer")),
  };
}"""


def rendered_card(page) -> dict:
    return page.evaluate(RENDERED_CARD)


def _site_href(root: str, link: dict | None) -> dict | None:
    if link is None:
        return None
    href = root + link["path"] + (f"#{link['fragment']}" if link.get("fragment") else "")
    return {"href": href, "text": link["text"]}


def card_as_shown(card: dict, root: str = "../") -> dict:
    """The engine's card in the shape ``rendered_card`` reads back: links as the page
    writes them (relative to the page, through ``root``), citations as links to the
    sources with their accessible names, whitespace as the page shows it."""
    def squash(value):
        return " ".join(value.split()) if isinstance(value, str) else value

    def action(a):
        # The label is the accessible name; a web page's also says it opens in a new tab.
        label = a.get("label")
        if label and a["kind"] in ("chat", "book"):
            label = f"{label} {TEXT_PAGE['new_tab']}"
        return {"kind": a["kind"], "text": squash(a["text"]), "label": label, "href": a["href"]}

    def line(l):
        return {"id": l["id"], "name": squash(l["name"]), "description": squash(l["description"]),
                "emergency": bool(l["emergency"]), "actions": [action(a) for a in l["actions"]]}

    cite_label = TEXT_PAGE["cite_label"]
    return {
        "style": card["style"],
        "urgency": card["urgency"],
        "label": squash(card["label"]),
        "heading": squash(card["heading"]),
        "emergency_action": action(card["emergency_action"]) if card["emergency_action"] else None,
        "crisis": None if card["crisis"] is None else {
            "lead": squash(card["crisis"]["lead"]),
            "groups": [{"heading": squash(g["heading"]), "lines": [line(l) for l in g["lines"]]}
                       for g in card["crisis"]["groups"]],
        },
        "headline": squash(card["headline"]),
        "summary": squash(card["summary"]),
        "sections": [
            {"id": s["id"], "heading": squash(s["heading"]), "items": [
                {"text": squash(i["text"]), "note": squash(i["note"]), "link": _site_href(root, i["link"]),
                 "citations": [{"n": n, "label": cite_label.format(n=n), "href": f"#result-source-{n}"}
                               for n in i["citations"]]}
                for i in s["items"]]}
            for s in card["sections"]
        ],
        "consult": squash(card["consult"]),
        "clinic": None if card["clinic"] is None else {
            "heading": squash(card["clinic"]["heading"]),
            "text": squash(card["clinic"]["text"]),
            "disclosure": None if card["clinic"]["disclosure"] is None else {
                "text": squash(card["clinic"]["disclosure"]["text"]),
                "link": _site_href(root, card["clinic"]["disclosure"]["link"]),
            },
            "actions": [action(a) for a in card["clinic"]["actions"]],
        },
        "sources": None if card["sources"] is None else {
            "heading": squash(card["sources"]["heading"]),
            "items": [{"n": s["n"], "id": f"result-source-{s['n']}", "citation": squash(s["citation"]), "url": s["url"]}
                      for s in card["sources"]["items"]],
        },
        "disclaimer": squash(card["disclaimer"]),
    }


def page_settings(page) -> dict:
    """The settings the page hands the engine (its data block), so a test can evaluate the
    same answers in Python with exactly the page's settings."""
    import json

    return json.loads(page.locator("#selfcheck-data").text_content())
