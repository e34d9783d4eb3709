"""Shared helpers for the engine tests (imported as engine_helpers: a unique module name,
so they never clash with other test folders' helpers)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from hypothesis import strategies as st

from selfcheck import questionnaire

ROOT = Path(__file__).resolve().parents[2]
VIGNETTES = Path(__file__).with_name("vignettes.toml")

# The contract's banned words, as whole words/phrases, case-insensitive. ("qualified
# clinician" is fine: "qualified" is not "qualify".)
BANNED = re.compile(
    r"\b(eligible|eligibility|ineligible|qualify|qualifies|you are a candidate|you are not a candidate)\b",
    re.IGNORECASE,
)


def load_vignettes() -> list[dict]:
    return tomllib.loads(VIGNETTES.read_text(encoding="utf-8"))["vignette"]


def valid_answers(**overrides) -> dict:
    """A minimal valid answers object (worth-discussing), with overrides."""
    answers = {"phq9": [2, 2, 1, 1, 1, 1, 1, 1, 0], "antidepressant_trials": 2, "medical": ["none"]}
    answers.update(overrides)
    return answers


def run_cli(*args: str, stdin: str | bytes | None = None) -> subprocess.CompletedProcess:
    """`python -m selfcheck ...` from the repository root, with this interpreter."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "selfcheck", *args],
        cwd=ROOT,
        input=data,
        capture_output=True,
        timeout=60,
    )


def result_text(result: dict) -> str:
    """Every piece of text a person sees in a result."""
    parts = [result["consult"], result["disclaimer"], result["headline"], result["summary"]]
    parts += result["next_steps"]
    parts += [r["text"] for r in result["reasons"]]
    parts += [s["label"] for s in result["scores"].values()]
    parts += [line["description"] for line in result["crisis_lines"]]
    parts += [result["care_card"]["label"], result["care_card"]["heading"]]
    return "\n".join(parts)


def all_strings(value) -> list[str]:
    """Every string anywhere in a result (ids and source ids too: they must pass as well)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


# --- Hypothesis: every valid answers object ------------------------------------------

FACTORS = list(questionnaire.MEDICAL_FACTORS) + ["recent-mania"]  # version 1's name for mania-history
DIAGNOSES = ["depression", "bipolar-depression", "anxiety", "ptsd", "ocd", "chronic-pain"]
item = st.integers(0, 3)


@st.composite
def answer_sets(draw) -> dict:
    """Any valid answers object, drawn so that every tier and urgency is reached."""
    phq9 = draw(st.lists(item, min_size=9, max_size=9))
    a: dict = {"phq9": phq9, "antidepressant_trials": draw(item)}
    if phq9[8] > 0 or draw(st.booleans()):
        a["safety_now"] = draw(st.sampled_from(["yes", "no"]))
    if draw(st.booleans()):
        a["gad7"] = draw(st.lists(item, min_size=7, max_size=7))
    diag = draw(st.sampled_from(["omit", "none", "some"]))
    if diag == "none":
        a["diagnoses"] = ["none-or-unsure"]
    elif diag == "some":
        a["diagnoses"] = draw(st.lists(st.sampled_from(DIAGNOSES), unique=True))
    if draw(st.booleans()):
        a["psychotherapy"] = draw(st.sampled_from(["yes", "no"]))
    if draw(st.booleans()):
        a["age_group"] = draw(st.sampled_from(["under-18", "18-64", "65-or-over"]))
    if draw(st.integers(0, 2)):  # mostly no medical factor, so every tier is reached
        a["medical"] = ["none"]
    else:
        a["medical"] = draw(st.lists(st.sampled_from(FACTORS), min_size=1, unique=True))
    return a
