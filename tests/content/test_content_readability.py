"""The text-extraction rules behind the reading grade (shared by every writer)."""

from __future__ import annotations

import textwrap

import pytest

from readability import body_text, flesch_kincaid_grade, paragraphs


def extract(markdown: str) -> str:
    return body_text(textwrap.dedent(markdown).lstrip("\n"))


def test_front_matter_is_removed():
    md = """
    ---
    title: A long technical title about pharmacology
    sources: [zanos-2018]
    ---

    Plain words here.
    """
    assert extract(md) == "Plain words here."


def test_headings_are_removed():
    assert extract("# Title\n\nText.\n\n## Section two\n\nMore text.\n") == "Text.\nMore text."


def test_setext_headings_are_removed():
    assert extract("Title\n=====\n\nText.\n") == "Text."


def test_tables_are_removed_with_or_without_outer_pipes():
    md = """
    Before.

    | Side effect | Esketamine |
    |---|---|
    | Dizziness | 38 in 100 |

    a | b
    --|--
    1 | 2

    After.
    """
    assert extract(md) == "Before.\nAfter."


def test_fenced_code_and_inline_code_are_removed():
    md = """
    Text with `code here` inside.

    ```python
    print("not prose")
    ```

    ~~~
    also not prose
    ~~~
    """
    assert extract(md) == "Text with inside."


def test_html_tags_and_comments_are_removed_but_their_text_kept():
    assert extract('<!-- a note -->\nSee <abbr title="x">this</abbr> <br> now.\n') == "See this now."


def test_admonition_marker_line_is_dropped_and_its_text_kept():
    md = """
    !!! warning "A very long and complicated admonition title"
        Do not drive until the next day.

    ??? question "Why?"
        Because it can make you sleepy.

    ???+ note
        Open by default.
    """
    assert extract(md) == (
        "Do not drive until the next day.\nBecause it can make you sleepy.\nOpen by default."
    )


def test_link_urls_are_removed_and_link_text_kept():
    md = "Read [the side effects page](side-effects-and-risks.md#blood-pressure) or <https://example.org/x>.\n"
    assert extract(md) == "Read the side effects page or."


def test_reference_links_and_bare_urls_are_removed():
    md = "See [the label][label] at https://example.org/label.\n\n[label]: https://example.org/label\n"
    assert extract(md) == "See the label at"


def test_images_are_removed():
    assert extract("![A chart of results](chart.png) Text.\n") == "Text."


def test_citations_are_removed():
    assert extract("It fades within days [@fava-2020]. Both [@zanos-2018; @fava-2020].\n") == (
        "It fades within days. Both."
    )


def test_attribute_lists_are_removed():
    assert extract("[Get help](../get-help-now.md){ .md-button }\n\nText.\n{ .lead }\n") == "Get help\nText."


def test_emphasis_markers_are_removed():
    assert extract("Some **bold** and *italic* and __strong__ words.\n") == "Some bold and italic and strong words."


def test_each_list_item_is_its_own_sentence():
    md = """
    You may feel:

    - dizzy
    - sick (nausea)
    - sleepy.
    1. First step
    2) Second step!
    """
    assert extract(md).splitlines() == [
        "You may feel:",
        "dizzy.",
        "sick (nausea).",
        "sleepy.",
        "First step.",
        "Second step!",
    ]


def test_list_item_ending_in_colon_or_comma_gets_a_period():
    assert extract("- a list item:\n- another,\n") == "a list item.\nanother."


def test_list_item_continuation_lines_join_the_item():
    md = """
    - first line
      continues here
    - second
    """
    assert extract(md) == "first line continues here.\nsecond."


def test_list_items_inside_admonitions_are_sentences_too():
    md = """
    !!! note "Before you go"
        - bring your medicines
        - plan a lift home
    """
    assert extract(md) == "bring your medicines.\nplan a lift home."


def test_paragraph_lines_are_joined():
    assert extract("One line\nand the next.\n\nNew paragraph.\n") == "One line and the next.\nNew paragraph."


def test_grade_ignores_everything_that_is_not_prose():
    prose = "You may feel sick. This will pass. Tell the nurse.\n"
    noisy = (
        "---\ntitle: Pharmacokinetic considerations of intravenous administration\n---\n\n"
        "# Pharmacokinetic considerations of intravenous administration\n\n"
        "You may feel sick [@spravato-label; @esketamine-pooled-pmc8407443]. "
        "This will pass. Tell the [nurse](https://example.org/extraordinarily-complicated-url-path).\n\n"
        "| Hypoesthesia | Dissociation |\n|---|---|\n| Administration | Bioavailability |\n"
    )
    assert flesch_kincaid_grade(noisy) == pytest.approx(flesch_kincaid_grade(prose))


def test_grade_is_higher_for_harder_text():
    easy = "You may feel sick. It will pass. Sit down and rest.\n"
    hard = "Administration frequently precipitates transient gastrointestinal disturbances necessitating observation.\n"
    assert flesch_kincaid_grade(hard) > flesch_kincaid_grade(easy) + 5


def test_paragraphs_are_split_into_sentences():
    md = """
    # A heading is not a paragraph

    One sentence. A second one? A third one! "A quoted fourth." (A fifth.)

    - A list item without a full stop
    - An item [@zanos-2018]. With two sentences.

    | Table | cells |
    |---|---|
    | are. | not prose. |
    """
    assert paragraphs(textwrap.dedent(md)) == [
        ["One sentence.", "A second one?", "A third one!", '"A quoted fourth."', "(A fifth.)"],
        ["A list item without a full stop."],
        ["An item.", "With two sentences."],
    ]


def test_a_number_or_abbreviation_without_a_following_space_does_not_end_a_sentence():
    assert paragraphs("It costs $31.60 a dose, or 0.5 mg for each kg.\n") == [
        ["It costs $31.60 a dose, or 0.5 mg for each kg."]
    ]
