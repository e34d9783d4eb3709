"""The "How the self-check works" page, generated at build time from the engine's own rules.

It is rendered from ``selfcheck.rules.describe`` (the data ``evaluate`` runs on), so it can
never drift from the code. Citations use the same ``[@id]`` form as the articles, so the page
gets numbered sources like any other.
"""

from __future__ import annotations

from pathlib import Path

from selfcheck import rules

from .context import load_site_text

SRC_URI = "self-check/how-it-works.md"
ROOT = Path(__file__).resolve().parent.parent

# Every heading's id is fixed here, never made from its (translated) text, so a link into
# the page works in every language. They are the ids the English headings gave before the
# ids were fixed, so no link changed; a tier or score added later gets one from its key.
PAGE_ID = "how-the-self-check-works"
SECTION_IDS = {
    "tiers": "the-results-in-the-order-they-are-checked",
    "urgency": "how-soon-to-talk-to-someone",
    "crisis": "when-crisis-contacts-come-first",
    "scores": "how-the-questionnaires-are-scored",
    "medical": "health-conditions-a-doctor-should-check-first",
    "other_answers": "other-answers-that-shape-the-result",
    "not_used": "what-the-self-check-does-not-use",
    "card": "what-the-result-shows",
}
TIER_IDS = {
    "urgent": "1-please-get-help-now",
    "medical-review-first": "2-a-doctor-should-assess-you-first",
    "low-symptoms": "3-few-symptoms-over-the-last-2-weeks",
    "other-options-first": "4-other-treatments-are-usually-tried-first",
    "worth-discussing": "5-ketamine-may-be-one-option-to-discuss-with-a-psychiatrist",
}
SCORE_IDS = {"phq9": "phq-9", "gad7": "gad-7"}


def _heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading with an explicit id (attr_list), so no id comes from the text."""
    return f"{'#' * level} {text} {{ #{anchor} }}"


def _tier_id(tier: dict) -> str:
    return TIER_IDS.get(tier["id"], f"tier-{tier['id']}")


def _score_id(score: dict) -> str:
    return SCORE_IDS.get(score["id"], f"score-{score['id']}")


def _cite(ids: list[str]) -> str:
    return f" [@{'; @'.join(ids)}]" if ids else ""


def _article_link(article: str, read_more: str) -> str:
    """A link naming its article, so a screen reader's list of links makes sense alone.

    Engine article paths are site paths ("learn/x/"); the link goes to the Markdown source
    so MkDocs checks it and makes it relative, from self-check/.
    """
    source = ROOT / "docs" / (article.rstrip("/") + ".md")
    title = _front_matter_title(source)
    return f"[{read_more}: {title}](../{article.rstrip('/')}.md)"


def _front_matter_title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("title:"):
            return line.split(":", 1)[1].strip()
        if line == "---":
            break
    raise ValueError(f"{path} has no title in its front matter")


def _section(d: dict, key: str) -> str:
    return _heading(2, d["headings"][key], SECTION_IDS[key])


def render(lang: str, bibliography: dict) -> str:
    d = rules.describe(lang)
    t = load_site_text(ROOT, lang)["rules_page"]
    unknown = [s for s in d["sources"] if s not in bibliography]
    if unknown:
        raise ValueError(f"the self-check's rules cite sources missing from the bibliography: {unknown}")
    reasons = {r["id"]: r for r in d["reasons"]}
    out = [
        "---",
        f"title: {d['title']}",
        f"description: {t['description']}",
        f"sources: [{', '.join(d['sources'])}]",
        "---",
        "",
        _heading(1, d["title"], PAGE_ID),
        "",
        d["intro"],
        "",
        t["sources_note"],
        "",
        _section(d, "tiers"),
        "",
    ]
    for tier in d["tiers"]:
        out += [_heading(3, f"{tier['order']}. {tier['headline']}", _tier_id(tier)), "", tier["summary"], ""]
        if tier["crisis_summary"] and tier["crisis_summary"] != tier["summary"]:
            out += [d["headings"]["crisis_wording"], "", f"> **{tier['crisis_headline']}** {tier['crisis_summary']}", ""]
        out += [t["when"], ""]
        out += [f"- {c}" for c in tier["conditions"]] + [""]
        why = " ".join(reasons[r]["text"] + _cite(reasons[r]["sources"]) for r in tier["reasons"])
        out += [f"**{t['why']}** {why}", ""]
        if tier["variants"]:
            out += [d["headings"]["variants"], ""]
            for v in tier["variants"]:
                out += [f"- {v['when']} {t['variant_reads']} **{v['headline']}** {v['summary']}"]
            out += [""]
        if tier["id"] == "worth-discussing":
            out += [d["headings"]["access"], ""]
            out += [f"- {a['text']}{_cite(a['sources'])}" for a in d["access"]] + [""]
        out += [_article_link(tier["article"], t["read_more"]), ""]
    urgency = d["urgency"]
    out += [_section(d, "urgency"), "", urgency["intro"], ""]
    for level in urgency["levels"]:
        out += [f"{level['order']}. **{level['label']} {level['heading']}.** {level['condition']}{_cite(level['sources'])}"]
    out += [""]
    crisis = d["crisis"]
    out += [_section(d, "crisis"), ""]
    out += [f"- {c}" for c in crisis["conditions"]] + [""]
    out += [crisis["explanation"] + _cite(reasons["crisis-item-9"]["sources"]), ""]
    out += [reasons["esketamine-not-crisis-care"]["text"] + _cite(reasons["esketamine-not-crisis-care"]["sources"]), ""]
    out += [crisis["lines"], ""]
    out += [_section(d, "scores"), ""]
    for score in d["scores"]:
        out += [_heading(3, score["name"], _score_id(score)), "", score["about"] + _cite(score["sources"]), ""]
        out += [f"| {t['score']} | {t['band']} |", "|---|---|"]
        out += [f"| {b['low']}–{b['high']} | {b['label']} |" for b in score["bands"]] + [""]
    out += [_section(d, "medical"), "", d["medical_note"], ""]
    for factor in d["medical_factors"]:
        out += [f"- **{factor['label']}** {factor['reason']}{_cite(factor['sources'])}"]
    out += ["", _section(d, "other_answers"), ""]
    for item in d["other_answers"]:
        out += [f"- **{item['when']}** {item['text']}{_cite(item['sources'])}"]
    out += ["", _section(d, "not_used"), ""]
    for item in d["not_used"]:
        out += [item["text"] + _cite(item["sources"]), "", _article_link(item["article"], t["read_more"]), ""]
    out += [note for n in d["not_used_notes"] for note in (n, "")]
    out += [_section(d, "card"), ""]
    out += [f"- {rule}" for rule in d["card"]] + [""]
    out += [d["credit"], "", d["disclaimer"], ""]
    return "\n".join(out)
