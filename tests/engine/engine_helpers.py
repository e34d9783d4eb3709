"""Shared helpers for the engine tests (imported as engine_helpers: a unique module name,
so they never clash with other test folders' helpers)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

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
