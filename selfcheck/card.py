"""The result card: everything the self-check page shows for a result, in order, decided
here so that tests see it (contract version 3). The page only turns it into HTML.

Shape (``result["card"]``)::

    {"urgency": "today",                      # = result["urgency"]
     "style": "emergency" | "urgent" | "non-urgent",   # the NHS care-card variant
     "label": "Urgent:",                      # read first by a screen reader (hidden)
     "heading": "Talk to someone today",      # the card's <h2>
     "emergency_action": Action | None,       # crisis results: the ONE emergency action
     "crisis": None | {"lead": str,
                       "groups": [{"heading": str | None, "lines": [Line, ...]}, ...]},
     "headline": str, "summary": str,
     "sections": [{"id": "scores" | "reasons" | "steps", "heading": str,
                   "items": [Item, ...]}, ...],            # in display order
     "consult": str,                          # = result["consult"]; always shown
     "clinic": None | {"heading": str, "text": str,
                       "disclosure": None | {"text": str, "link": Link | None},
                       "actions": [Action, ...]},
     "sources": None | {"heading": str,
                        "items": [{"n": 1, "id": str, "citation": str, "url": str | None}]},
     "disclaimer": str,
     "print": {"title": str, "date": str | None, "answers_heading": str,
               "answers": [{"section": str, "rows": [{"question": str, "answer": str}]}],
               "notes_heading": str,
               "contact": None | {"name": str, "phone": str | None, "address": str | None,
                                  "website": str | None},
               "not_diagnosis": str}}

    Item   = {"text": str, "note": str | None, "link": Link | None, "citations": [int, ...]}
    Link   = {"path": "learn/x/", "fragment": str | None, "text": str}   # a site path
    Action = {"kind": "call" | "text" | "chat" | "book", "text": str, "label": str | None,
              "href": str}
    Line   = {"id": str, "name": str, "number": str, "description": str, "emergency": bool,
              "actions": [Action, ...]}            # number: as dialled ("" for the last line)

The decisions, each covered by the engine's tests:

* ``urgent`` (in danger now): crisis help only. No clinic box, no printed answers (they
  can name ketamine), no clinic contact on paper; the consult line "When you are safe,
  talk to ..." stays.
* ``under-18``: no clinic box and no clinic contact; the consult line sends the young
  person to a GP or a young people's service, with an adult they trust.
* Otherwise the clinic box says "which treatments could help you", with the clinic's
  call and booking actions when it has them, and a one-line disclosure: the clinic's
  ``interest``, or else "Published by <publisher>." with a link to the editorial policy's
  "Who pays for this site" section; none when the site names no publisher.
* Crisis results: ``emergency_action`` is the country's emergency number ("Call 999"),
  then ``crisis.groups`` (``selfcheck.crisis.grouped``): 2 or 3 main lines, "Other
  helplines", "or your local emergency number". The first step then points at the lines
  "listed above" instead of repeating every number.
* Citations are numbered in order of first use (scores, then reasons); ``sources`` lists
  them once each.
* ``print.date`` is ``today`` in the result's language; None when no date was given.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import bibliography, crisis, scores, text
from . import questionnaire as qn

if TYPE_CHECKING:  # only for type hints: engine imports this module
    from .engine import Decision
    from .settings import Settings

# The NHS care-card variant for each urgency. "soon" (PHQ-9 20 or more, a doctor within
# days) is announced as urgent advice, so it is styled as urgent too.
STYLES = {"emergency": "emergency", "today": "urgent", "soon": "urgent", "routine": "non-urgent"}
# Where the site says who pays for it (docs/editorial-policy.md's heading id).
FUNDING_PATH = "editorial-policy/"
FUNDING_FRAGMENT = "who-pays-for-this-site"


class _Citations:
    """Source ids numbered in order of first use."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def numbers(self, source_ids) -> list[int]:
        out = []
        for sid in source_ids:
            if sid not in self.order:
                self.order.append(sid)
            out.append(self.order.index(sid) + 1)
        return out


def _item(text_: str, note: str | None = None, link: dict | None = None, citations: list[int] | None = None) -> dict:
    return {"text": text_, "note": note, "link": link, "citations": citations or []}


def _article_link(path: str | None, config: Settings, msgs: text.Catalog) -> dict | None:
    title = config.articles.get(path) if path else None
    if not title:
        return None  # no title known (e.g. on the command line): no link
    return {"path": path, "fragment": None, "text": msgs.get("card.read_more", title=title)}


def format_date(day: dt.date, msgs: text.Catalog) -> str:
    """``day`` in the catalog's language ("6 December 2026")."""
    return msgs.get("date.format", day=str(day.day), month=msgs.get(f"date.month.{day.month}"), year=str(day.year))


def _score_items(result: dict, msgs: text.Catalog, cite: _Citations) -> list[dict]:
    items = []
    for key, screener in scores.SCREENERS.items():
        name = msgs.get(f"{key}.name")
        score = result["scores"].get(key)
        if score is None:
            items.append(_item(msgs.get("card.score_not_answered", name=name)))
            continue
        line = msgs.get("card.score_line", name=name, total=str(score["total"]), max=str(score["max"]),
                        band=score["label"])
        items.append(_item(line, note=score.get("note"), citations=cite.numbers(screener.sources)))
    return items


def _reason_items(d: Decision, result: dict, config: Settings, msgs: text.Catalog, cite: _Citations) -> list[dict]:
    return [
        _item(r["text"], link=_article_link(r["article"], config, msgs), citations=cite.numbers(r["sources"]))
        for r in result["reasons"]
    ]


def _crisis_block(d: Decision, msgs: text.Catalog) -> tuple[dict | None, dict | None]:
    if not d.crisis:
        return None, None
    shown = crisis.grouped(list(d.lines), msgs.lang)
    lead = msgs.get("crisis.lead.now" if d.urgent else "crisis.lead.today")
    return shown["emergency_action"], {"lead": lead, "groups": shown["groups"]}


def _disclosure(config: Settings, msgs: text.Catalog) -> dict | None:
    """One line on the clinic's interest: its own statement, or who publishes the site
    with a link to who pays for it."""
    if config.interest:
        return {"text": config.interest, "link": None}
    if config.publisher:
        return {
            "text": msgs.get("card.clinic.published_by", publisher=config.publisher),
            "link": {"path": FUNDING_PATH, "fragment": FUNDING_FRAGMENT, "text": msgs.get("card.clinic.who_pays")},
        }
    return None


def _clinic_actions(config: Settings, msgs: text.Catalog) -> list[dict]:
    clinic = config.clinic
    if clinic is None:
        return []
    actions = []
    if clinic.phone:
        actions.append({
            "kind": "call",
            "text": msgs.get("card.clinic.call", phone=clinic.phone),
            "label": msgs.get("card.clinic.call_label", name=clinic.name, phone=clinic.phone),
            "href": "tel:" + crisis_tel(clinic.phone),
        })
    if clinic.booking_url:
        actions.append({
            "kind": "book",
            "text": msgs.get("card.clinic.book"),
            "label": msgs.get("card.clinic.book_label", name=clinic.name),
            "href": clinic.booking_url,
        })
    return actions


def crisis_tel(number: str) -> str:
    """Digits and a leading + only, as phones dial them."""
    return ("+" if number.strip().startswith("+") else "") + crisis.digits(number)


def _clinic_box(d: Decision, config: Settings, msgs: text.Catalog) -> dict | None:
    if d.urgent or d.under_18:
        return None
    clinic = config.clinic
    body = (msgs.get("card.clinic.text_named", name=clinic.name) if clinic
            else msgs.get("card.clinic.text_generic"))
    return {
        "heading": msgs.get("card.clinic.heading"),
        "text": body,
        "disclosure": _disclosure(config, msgs),
        "actions": _clinic_actions(config, msgs),
    }


def _answer_rows(a, msgs: text.Catalog) -> list[dict]:
    """The person's answers in the questions' and options' own words, by section."""
    not_answered = msgs.get("card.print.not_answered")
    out = []
    for section in qn.SECTIONS:
        rows = []
        for q in section.questions:
            value = getattr(a, q.answer_key)
            if q.index is not None:
                value = None if value is None else value[q.index]
            if q.show_when is not None and value is None:
                continue  # a question the page did not show ("right now ..." after item 9 = 0)
            labels = {o.value: msgs.get(o.label) for o in q.options}
            if q.type == "multiple":
                chosen = list(value) or ([qn.MEDICAL_NONE] if q.answer_key == "medical" else [])
                answer = "; ".join(labels[v] for v in chosen) if chosen else not_answered
            else:
                answer = not_answered if value is None else labels[str(value)]
            rows.append({"question": msgs.get(q.label), "answer": answer})
        out.append({"section": msgs.get(section.title), "rows": rows})
    return out


def _contact(d: Decision, config: Settings) -> dict | None:
    clinic = config.clinic
    if clinic is None or d.urgent or d.under_18:
        return None
    return {"name": clinic.name, "phone": clinic.phone, "address": clinic.address, "website": clinic.booking_url}


def build(d: Decision, result: dict, steps: list[str], config: Settings, msgs: text.Catalog,
          today: dt.date | None) -> dict:
    """The card for decision ``d`` and its worded ``result`` (the v2 keys); ``steps`` are
    the card's next steps (the first one points at the crisis lines shown above it)."""
    cite = _Citations()
    sections = [
        {"id": "scores", "heading": msgs.get("card.scores_heading"), "items": _score_items(result, msgs, cite)},
        {"id": "reasons", "heading": msgs.get("card.reasons_heading"),
         "items": _reason_items(d, result, config, msgs, cite)},
        {"id": "steps", "heading": msgs.get("card.steps_heading"), "items": [_item(s) for s in steps]},
    ]
    sources = None
    if cite.order:
        sources = {
            "heading": msgs.get("card.sources_heading"),
            "items": [
                {"n": n, "id": s.id, "citation": s.citation, "url": s.url}
                for n, s in enumerate(bibliography.resolve(cite.order), start=1)
            ],
        }
    emergency_action, crisis_block = _crisis_block(d, msgs)
    return {
        "urgency": d.urgency,
        "style": STYLES[d.urgency],
        "label": result["care_card"]["label"],
        "heading": result["care_card"]["heading"],
        "emergency_action": emergency_action,
        "crisis": crisis_block,
        "headline": result["headline"],
        "summary": result["summary"],
        "sections": sections,
        "consult": result["consult"],
        "clinic": _clinic_box(d, config, msgs),
        "sources": sources,
        "disclaimer": result["disclaimer"],
        "print": {
            "title": msgs.get("card.print.title"),
            "date": format_date(today, msgs) if today else None,
            "answers_heading": msgs.get("card.print.answers_heading"),
            # An urgent result carries crisis help only (answers can name ketamine).
            "answers": [] if d.urgent else _answer_rows(d.answers, msgs),
            "notes_heading": msgs.get("card.print.notes_heading"),
            "contact": _contact(d, config),
            "not_diagnosis": msgs.get("card.print.not_diagnosis"),
        },
    }
