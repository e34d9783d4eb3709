""""Your options at a glance" (sitebuild/options_block.py): one block from one data file, the
same fields in the same order for every option, waiting included; its citations numbered with
the page's own, and its sources listed on the page."""

from __future__ import annotations

import copy
import re

import pytest

from selfcheck import bibliography
from sitebuild import options_block, stage
from sitebuild.context import load_site_text
from sitebuild.options_block import FIELDS, MARKER, OptionsError

TEXT = load_site_text(stage.ROOT, "en")
BIB = {sid: s.as_dict() for sid, s in bibliography.load().items()}
OPTIONS = options_block.load("en", BIB)
LABELS = [TEXT["options"]["labels"][field] for field in FIELDS]


def site() -> dict:
    return {"text": TEXT, "clinic": {}, "lang": "en", "bibliography": BIB}


def option_blocks(markdown: str) -> list[str]:
    return re.split(r'(?m)^\?\?\? option "', markdown)[1:]


# ---------------------------------------------------------------- the data


def test_every_option_a_reader_weighs_is_there_waiting_included():
    names = " | ".join(o["name"] for o in OPTIONS)
    for expected in ("antidepressant|medicine", "Talking therapy", "TMS", "ECT", "Esketamine", "IV ketamine",
                     "No new treatment"):
        assert re.search(expected, names), f"no option matching {expected!r} in: {names}"


def test_every_field_cites_a_source_or_says_plainly_it_is_unchecked():
    for option in OPTIONS:
        for field in FIELDS:
            cited = options_block.citations.cited_ids(option[field])
            if field not in option.get("unchecked", []):
                assert cited, (option["id"], field)
            else:
                assert cited or "not checked" in option[field] or field in ("how", "involves"), (option["id"], field)
        # Every option states at least its figure or its risks from a source.
        assert set(option.get("unchecked", [])) != set(FIELDS), option["id"]


def test_ketamine_and_ect_options_give_a_sourced_figure():
    for option in OPTIONS:
        if option["id"] in ("medicines", "esketamine", "iv-ketamine", "ect"):
            assert "can_do" not in option.get("unchecked", [])
            assert re.search(r"\d+ in 100", option["can_do"]), option["id"]


# ---------------------------------------------------------------- rendering


def test_every_option_shows_the_same_fields_in_the_same_order():
    markdown = options_block.render(OPTIONS, TEXT["options"], "learn/other-treatments.md")
    blocks = option_blocks(markdown)
    assert len(blocks) == len(OPTIONS) >= 7
    for block, option in zip(blocks, OPTIONS):
        assert block.startswith(option["name"] + '"')
        labels = re.findall(r"(?m)^    (\S.*)\n    :   ", block)
        assert labels == LABELS, option["id"]
    assert markdown.startswith("## Your options at a glance { #options-at-a-glance }")


def test_read_more_links_are_relative_to_the_page_showing_the_block():
    learn = options_block.render(OPTIONS, TEXT["options"], "learn/who-may-benefit.md")
    home = options_block.render(OPTIONS, TEXT["options"], "index.md")
    assert "(other-treatments.md#ect)" in learn and "(without-treatment.md)" in learn
    assert "(learn/other-treatments.md#ect)" in home


def test_the_marker_is_replaced_once_and_the_blocks_sources_are_returned_in_order():
    page = f"# T {{ #t }}\n\nIntro [@rush-2006].\n\n{MARKER}\n\n## Next {{ #next }}\n"
    out, cited = options_block.expand(page, OPTIONS, TEXT["options"], "learn/t.md")
    assert MARKER not in out and out.count("#options-at-a-glance") == 1
    assert cited[0] == "rush-2006" and len(cited) == len(set(cited))
    assert out.index("Intro") < out.index("Your options at a glance") < out.index("## Next")
    assert options_block.expand("No marker here.", OPTIONS, TEXT["options"], "p.md") == ("No marker here.", [])
    with pytest.raises(OptionsError, match="appears 2 times"):
        options_block.expand(f"{MARKER}\n{MARKER}\n", OPTIONS, TEXT["options"], "learn/t.md")


def test_the_page_numbers_the_blocks_citations_with_its_own_and_lists_its_sources():
    meta = {"title": "T", "sources": ["anand-2023"]}
    page = f"Before the block [@anand-2023].\n\n{MARKER}\n\nAfter the block [@anand-2023].\n"
    staged, body = stage.process_page(meta, page, "learn/t.md", site(), today=None)
    block_ids = options_block.citations.cited_ids(options_block.render(OPTIONS, TEXT["options"], "learn/t.md"))
    # The page's own source keeps number 1; the block's follow in the order a reader meets them.
    assert staged["sources"][0] == "anand-2023"
    assert set(staged["sources"]) == {"anand-2023", *block_ids}
    assert staged["sources"][1:] == [s for s in block_ids if s != "anand-2023"]
    assert body.count('<li id="source-') == len(staged["sources"])
    assert "[@" not in body
    # ELEKT-D in the IV ketamine option links to the page's number for it, 1.
    iv = body[body.index('??? option "Ketamine through a drip'):]
    assert 'href="#source-1"' in iv[: iv.index("??? option", 10)]


# ---------------------------------------------------------------- mistakes stop the build


def broken(change) -> list[dict]:
    options = copy.deepcopy(OPTIONS)
    change(options)
    return options


@pytest.mark.parametrize(("change", "message"), [
    (lambda o: o[0].pop("risks"), "risks must be one line of text"),
    (lambda o: o[0].update(risks="It has risks [@no-such-source]."), "cites 'no-such-source', which is not in the bibliography"),
    (lambda o: o[0].update(risks="It has risks."), "risks cites no source"),
    (lambda o: o[0].update(can_do="It helps some people [@rush-2006]."), "can_do gives no figure"),
    (lambda o: o[0].update(how="It works [@ rush-2006]."), "a citation the build cannot read"),
    (lambda o: o[0].update(unchecked=["everything"]), "unchecked must list fields"),
    (lambda o: o[1].update(id=o[0]["id"]), "a second option with this id"),
    (lambda o: o[0].update(colour="blue"), "unknown keys ['colour']"),
])
def test_a_mistake_in_the_options_data_stops_the_build_naming_the_option(change, message):
    with pytest.raises(OptionsError, match=re.escape(message)) as error:
        options_block.check(broken(change), BIB, "treatment_options.toml")
    assert "treatment_options.toml: option " in str(error.value)


def test_a_language_without_its_options_stops_the_build_naming_the_file():
    with pytest.raises(OptionsError, match=r"treatment_options\.xx\.toml"):
        options_block.load("xx", BIB)


def test_a_page_with_the_marker_and_no_options_in_its_language_stops_the_build():
    with pytest.raises(stage.StageError, match="no treatment options in language 'xx'"):
        stage.process_page({"title": "T"}, f"{MARKER}\n", "learn/t.md", {**site(), "lang": "xx"}, today=None)
