"""Small positive and negative examples for each content rule."""

from __future__ import annotations

import pytest

from content_rules import (
    banned_phrases,
    cited_ids,
    claim_text,
    fda_approval_claims,
    links_to,
    malformed_citations,
    split_front_matter,
)

# ---------------------------------------------------------------- front matter and citations


def test_front_matter_is_split_from_the_body():
    meta, body = split_front_matter("---\ntitle: T\nsources: [a-2001, b-2002]\nnext_review: 2027-05-22\n---\n\n# T\n")
    assert meta["title"] == "T"
    assert meta["sources"] == ["a-2001", "b-2002"]
    assert str(meta["next_review"]) == "2027-05-22"
    assert body == "\n# T\n"


def test_page_without_front_matter():
    assert split_front_matter("# Just a page\n") == ({}, "# Just a page\n")


def test_cited_ids_single_and_grouped_in_order_without_repeats():
    body = "One [@b-2002]. Two [@a-2001; @b-2002]. Three [@c-2003;@a-2001]."
    assert cited_ids(body) == ["b-2002", "a-2001", "c-2003"]


def test_links_and_emails_are_not_citations():
    assert cited_ids("Mail me [at] x@y.org or see [this](link.md).") == []


@pytest.mark.parametrize("bad", ["[@Zanos-2018]", "[@a-2001, @b-2002]", "[@ a-2001]", "[@a-2001 p. 3]"])
def test_malformed_citations_are_found(bad):
    assert malformed_citations(f"Text {bad}.") == [bad]


def test_well_formed_citations_are_not_malformed():
    assert malformed_citations("A [@a-2001]. B [@a-2001; @b-2002].") == []


# ---------------------------------------------------------------- banned phrases


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Ketamine can cure depression.", "cure"),
        ("It CURES low mood.", "cure"),
        ("Results are guaranteed.", "guaranteed"),
        ("There are no side effects.", "no side effects"),
        ("There are no side-effects at all.", "no side effects"),
        ("Find out if you are eligible.", "eligible"),
        ("You may be ineligible.", "eligible"),
        ("See if you qualify.", "qualify"),
        ("Who qualifies for ketamine?", "qualifies"),
        ("You are a candidate for ketamine.", "you are a candidate"),
        ("You're a good candidate.", "you are a candidate"),
        ("You are not a suitable candidate.", "you are a candidate"),
    ],
)
def test_banned_phrases_are_found(text, phrase):
    assert [p for p, _ in banned_phrases(text)] == [phrase]


def test_banned_phrase_in_a_heading_or_admonition_title_is_found():
    assert banned_phrases("## Are you eligible?\n")
    assert banned_phrases('!!! note "No side effects"\n    Text.\n')


@pytest.mark.parametrize(
    "text",
    [
        "Keep your data secure.",
        "A procedure called curettage.",
        "There is no guarantee it will help.",
        "Side effects are common.",
        "A qualified clinician can help.",
        "Candidates for the job.",
        "Read [the page](eligible-people.md).",  # link URLs are not shown to readers
        "---\ntitle: Who qualifies\n---\nText.",  # front matter is not body text
    ],
)
def test_allowed_wording_is_not_flagged(text):
    assert banned_phrases(text) == []


# ---------------------------------------------------------------- "FDA approved" and IV ketamine


@pytest.mark.parametrize(
    "text",
    [
        "IV ketamine is FDA-approved for depression.",
        "Ketamine infusions are FDA approved to treat depression.",
        "Racemic ketamine is an FDA-approved treatment for depression.",
        "Ketamine is FDA approved for treatment-resistant depression.",
        "Our FDA-approved ketamine infusions treat depression.",
        "Unlike esketamine, IV ketamine is FDA approved for depression.",
        "Both esketamine and IV ketamine are FDA approved for depression.",
        "IV ketamine has FDA approval for depression.",
        "Intravenous ketamine is approved by the FDA for anxiety and PTSD.",
        "The FDA has approved ketamine infusions for mental health conditions.",
        "## Is IV ketamine FDA approved for depression? Yes",
        "- IV ketamine: FDA approved for depression",
    ],
)
def test_claims_that_iv_ketamine_is_fda_approved_are_found(text):
    assert fda_approval_claims(text), text


@pytest.mark.parametrize(
    "text",
    [
        "IV ketamine is not FDA approved for depression.",
        "IV ketamine isn't FDA-approved for depression.",
        "IV ketamine has never been FDA approved for depression.",
        "IV ketamine has no FDA approval for depression.",
        'FDA: "Ketamine is not FDA approved for the treatment of any psychiatric disorder."',
        "Esketamine nasal spray is FDA-approved for treatment-resistant depression.",
        "Spravato is FDA approved for depression.",
        "Esketamine is FDA approved for depression, but IV ketamine is not.",
        "Esketamine is FDA approved for depression; IV ketamine is used off-label.",
        "Unlike IV ketamine, esketamine is FDA approved for depression.",
        "IV ketamine is FDA approved as an anaesthetic.",
        "Esketamine is FDA approved. IV ketamine is used off-label for depression.",
        "The FDA has not approved IV ketamine for depression.",
        "Read why [IV ketamine is FDA approved](fda-approved-depression.md) only for anaesthesia.",
    ],
)
def test_accurate_or_unrelated_sentences_are_not_flagged(text):
    assert fda_approval_claims(text) == [], text


def test_a_claim_split_over_two_lines_is_found():
    assert fda_approval_claims("Our IV ketamine is FDA\napproved for depression.\n")


def test_a_claim_in_a_starred_list_item_is_found():
    assert fda_approval_claims("Why choose us:\n\n* **FDA-approved** ketamine infusions for depression\n")


def test_list_items_are_separate_sentences():
    md = "Options:\n\n- esketamine, FDA approved\n- IV ketamine for depression\n"
    assert fda_approval_claims(md) == []


def test_the_flagged_sentence_is_reported():
    md = "Ketamine helps some people. IV ketamine is FDA approved for depression. Ask a doctor."
    assert fda_approval_claims(md) == ["IV ketamine is FDA approved for depression."]


def test_claim_text_keeps_headings_and_table_cells_but_drops_urls_and_citations():
    text = claim_text("# Title\n\n| Cell A | Cell B |\n|---|---|\n\nSee [x](http://e.org/y) [@a-2001].\n")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert "Title" in lines
    assert "Cell A" in lines and "Cell B" in lines
    assert "See x." in lines
    assert "http" not in text and "@a-2001" not in text


# ---------------------------------------------------------------- links


@pytest.mark.parametrize(
    "page, link",
    [
        ("learn/a.md", "[take the self-check](../self-check/index.md)"),
        ("learn/a.md", "[take the self-check](../self-check/)"),
        ("learn/a.md", "[take the self-check](../self-check/index.md#start)"),
        ("index.md", "[self-check](self-check/index.md)"),
        ("learn/a.md", "[self-check](<../self-check/index.md> \"Self-check\")"),
    ],
)
def test_links_to_the_self_check_are_found(page, link):
    assert links_to(f"Text {link}.", page, "self-check/index.md")


@pytest.mark.parametrize(
    "page, text",
    [
        ("learn/a.md", "[self-check](self-check/index.md)"),  # wrong folder from learn/
        ("learn/a.md", "[how it works](../self-check/how-it-works.md)"),
        ("learn/a.md", "[self-check](https://example.org/self-check/)"),
        ("learn/a.md", "Take the self-check."),
        ("learn/a.md", "---\nx: '[s](../self-check/index.md)'\n---\nNo link."),
    ],
)
def test_missing_or_wrong_links_are_not_counted(page, text):
    assert not links_to(text, page, "self-check/index.md")
