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
        f"# {d['title']}",
        "",
        d["intro"],
        "",
        t["sources_note"],
        "",
        f"## {d['headings']['tiers']}",
        "",
    ]
    for tier in d["tiers"]:
        out += [f"### {tier['order']}. {tier['headline']}", "", tier["summary"], ""]
        if tier["crisis_summary"] and tier["crisis_summary"] != tier["summary"]:
            out += [d["headings"]["crisis_wording"], "", f"> **{tier['crisis_headline']}** {tier['crisis_summary']}", ""]
        out += [t["when"], ""]
        out += [f"- {c}" for c in tier["conditions"]] + [""]
        why = " ".join(reasons[r]["text"] + _cite(reasons[r]["sources"]) for r in tier["reasons"])
        out += [f"**{t['why']}** {why}", "", _article_link(tier["article"], t["read_more"]), ""]
    urgency = d["urgency"]
    out += [f"## {d['headings']['urgency']}", "", urgency["intro"], ""]
    for level in urgency["levels"]:
        out += [f"{level['order']}. **{level['label']} {level['heading']}.** {level['condition']}"]
    out += [""]
    crisis = d["crisis"]
    out += [f"## {d['headings']['crisis']}", ""]
    out += [f"- {c}" for c in crisis["conditions"]] + [""]
    out += [crisis["explanation"] + _cite(reasons["crisis-item-9"]["sources"]), ""]
    out += [reasons["esketamine-not-crisis-care"]["text"] + _cite(reasons["esketamine-not-crisis-care"]["sources"]), ""]
    out += [crisis["lines"], ""]
    out += [f"## {d['headings']['scores']}", ""]
    for score in d["scores"]:
        out += [f"### {score['name']}", "", score["about"] + _cite(score["sources"]), ""]
        out += [f"| {t['score']} | {t['band']} |", "|---|---|"]
        out += [f"| {b['low']}–{b['high']} | {b['label']} |" for b in score["bands"]] + [""]
    out += [f"## {d['headings']['medical']}", "", d["medical_note"], ""]
    for factor in d["medical_factors"]:
        out += [f"- **{factor['label']}** {factor['reason']}{_cite(factor['sources'])}"]
    out += ["", f"## {d['headings']['other_answers']}", ""]
    for item in d["other_answers"]:
        out += [f"- **{item['when']}** {item['text']}{_cite(item['sources'])}"]
    out += ["", f"## {d['headings']['not_used']}", ""]
    for item in d["not_used"]:
        out += [item["text"] + _cite(item["sources"]), "", _article_link(item["article"], t["read_more"]), ""]
    out += [d["credit"], "", d["disclaimer"], ""]
    return "\n".join(out)
