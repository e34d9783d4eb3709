"""The command line: exit 0 with JSON, or exit 2 with one line per problem; no traceback."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from engine_helpers import ROOT, dumps, run_cli, valid_answers

import selfcheck


def assert_bad(proc, *must_mention: str) -> list[str]:
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert proc.stdout == b""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines
    for m in must_mention:
        assert any(m in line for line in lines), (m, lines)
    return lines


def test_good_input_from_stdin_and_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(dumps(valid_answers()), encoding="utf-8")
    from_file = run_cli("evaluate", str(path))
    from_stdin = run_cli("evaluate", "-", stdin=dumps(valid_answers()))
    for proc in (from_file, from_stdin):
        assert proc.returncode == 0 and proc.stderr == b""
        assert json.loads(proc.stdout) == selfcheck.evaluate(valid_answers())


def test_result_has_the_contract_keys():
    result = json.loads(run_cli("evaluate", "-", stdin=dumps(valid_answers())).stdout)
    assert {"tier", "crisis", "scores", "reasons", "next_steps", "consult", "disclaimer"} <= set(result)


def test_bad_values_one_line_per_problem_naming_keys():
    answers = valid_answers(phq9=[0, 0, 0, "x", 0, 0, 0, 0, 9], medical=["none", "heart-disease"], colour="blue")
    lines = assert_bad(run_cli("evaluate", "-", stdin=dumps(answers)), "phq9[3]", "phq9[8]", "medical", "colour")
    assert len(lines) == 4
    assert 'phq9[3]: must be an integer from 0 to 3, got "x"' in lines


def test_missing_safety_now_is_named():
    assert_bad(run_cli("evaluate", "-", stdin=dumps(valid_answers(phq9=[0] * 8 + [2]))), "safety_now")


@pytest.mark.parametrize(
    "data,mention",
    [
        (b"{", "invalid JSON"),
        (b"", "invalid JSON"),
        (b"not json", "invalid JSON"),
        (b'{"phq9": [0,0,0,0,0,0,0,0,0],}', "invalid JSON"),
        (b"\xff\xfe{}", "UTF-8"),
        (b"[" * 100_000, "invalid JSON"),
        (b'{"phq9": ' + b"9" * 5000 + b"}", "digits"),
        (b'{"medical": ["none"], "medical": ["none"]}', "more than once"),
        (b"null", "answers"),
        (b"[]", "answers"),
        (b'"text"', "answers"),
        (b"NaN", "answers"),
        (b'{"phq9": [NaN, Infinity, -Infinity, 1e999, 0, 0, 0, 0, 0], "antidepressant_trials": 1, "medical": ["none"]}', "phq9[0]"),
    ],
)
def test_bad_input_never_tracebacks(data, mention):
    assert_bad(run_cli("evaluate", "-", stdin=data), mention)


def test_byte_order_mark_is_tolerated():
    proc = run_cli("evaluate", "-", stdin=b"\xef\xbb\xbf" + dumps(valid_answers()).encode())
    assert proc.returncode == 0


def test_missing_file_and_directory(tmp_path):
    assert_bad(run_cli("evaluate", str(tmp_path / "nope.json")), "no such file")
    assert_bad(run_cli("evaluate", str(tmp_path)), "directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.json"
    path.write_text("{}")
    path.chmod(0)
    assert_bad(run_cli("evaluate", str(path)), "permission denied")


def test_too_large_input():
    # Standard input is called "standard input", never "-" (review R15).
    lines = assert_bad(run_cli("evaluate", "-", stdin=b" " * 1_000_001 + b"{}"), "larger than")
    assert lines == ["standard input: input is larger than 1000000 bytes"]


def test_settings_flags():
    answers = dumps(valid_answers(phq9=[0] * 8 + [1], safety_now="yes"))
    proc = run_cli("evaluate", "-", "--country", "gb", "--clinic-name", "Example Clinic", "--clinic-phone", "020 7946 0000", stdin=answers)
    result = json.loads(proc.stdout)
    assert result["tier"] == "urgent"
    assert result["next_steps"][0].startswith("Now, call 999")
    assert result["urgency"] == "emergency" and len(result["reasons"]) == 1
    assert "Example Clinic" in result["consult"] and "020 7946 0000" in result["consult"]
    assert_bad(run_cli("evaluate", "-", "--country", "FR", stdin=answers), "FR")
    assert_bad(run_cli("evaluate", "-", "--lang", "xx", stdin=answers), "xx")


@pytest.mark.parametrize(("options", "message"), [
    (("--clinic-name", "X", "--clinic-phone", "abc"), "--clinic-phone: expected a phone number of 7 to 15 digits"),
    (("--clinic-name", "X", "--clinic-phone", "12"), "--clinic-phone: expected a phone number"),
    (("--clinic-phone", "020 7946 0000"), "--clinic-name is needed when --clinic-phone is set"),
    (("--clinic-booking-url", "https://x.example/book"), "--clinic-name is needed when --clinic-booking-url is set"),
    (("--clinic-name", "X", "--clinic-booking-url", "http://x.example"), "--clinic-booking-url: expected an https://"),
    (("--clinic-name", "Line\nbreak"), "--clinic-name must be one line of text"),
    (("--clinic-interest", "x" * 201), "--clinic-interest must be at most 200 characters"),
    (("--today", "6/12/2026"), "--today: expected a date as YYYY-MM-DD"),
    (("--today", "2026-02-30"), "--today: expected a date as YYYY-MM-DD"),
    (("--country", ""), "no crisis lines for country"),
])
def test_settings_options_are_checked_before_anything_is_read(options, message):
    """F9: the settings options are checked as a site's settings are: exit 2, naming the
    option, even when the answers are fine (or not read at all)."""
    answers = dumps(valid_answers())
    lines = assert_bad(run_cli("evaluate", "-", *options, stdin=answers), message)
    assert len(lines) == 1


def test_settings_options_reach_the_result():
    answers = dumps(valid_answers(antidepressant_trials=3))
    proc = run_cli("evaluate", "-", "--country", "GB", "--clinic-name", "Example Clinic", "--clinic-phone",
                   "020 7946 0000", "--clinic-booking-url", "https://clinic.example/book", "--clinic-interest",
                   "We offer ketamine treatment.", "--today", "2026-12-06", stdin=answers)
    assert proc.returncode == 0, proc.stderr
    card = json.loads(proc.stdout)["card"]
    assert card["clinic"]["disclosure"] == {"text": "We offer ketamine treatment.", "link": None}
    assert [a["kind"] for a in card["clinic"]["actions"]] == ["call", "book"]
    assert card["print"]["date"] == "6 December 2026"
    published = json.loads(run_cli("evaluate", "-", "--publisher", "Example Group", stdin=answers).stdout)["card"]
    assert published["clinic"]["disclosure"]["text"] == "Published by Example Group."
    assert published["clinic"]["actions"] == []


@pytest.mark.parametrize(("mode", "data"), [
    ((), {**valid_answers(), "phq9-1": 1}),
    ((), {**valid_answers(), "gad7-3": 1}),
    ((), {**valid_answers(), "phq9[0]": 1}),
    ((), {**valid_answers(), "medical[x]": 1}),
    ((), {**valid_answers(), "safety_now[x": "yes", "age_group[]": "18-64"}),
    (("--form",), {f"phq9-{n}": "1" for n in range(1, 10)} | {"phq9": "1", "antidepressant_trials": "0",
                                                                "medical": "none", "safety_now": "no"}),
    (("--form",), {"gad7": ["1"], "phq9[2]": "1", "medical[0]": "none", "diagnoses[x": "ptsd"}),
    (("--form",), valid_answers()),  # an answers object where form values were expected
])
def test_keys_shaped_like_questions_are_problems_not_tracebacks(mode, data):
    """F6 / R4: keys shaped like form fields, or answer keys in a form: exit 2, one line each."""
    assert_bad(run_cli("evaluate", *mode, "-", stdin=dumps(data)), "is not a question in this self-check")


def test_form_flag():
    form = {f"phq9-{n}": "1" for n in range(1, 10)} | {"safety_now": "no", "antidepressant_trials": "0", "medical": "none"}
    result = json.loads(run_cli("evaluate", "--form", "-", stdin=dumps(form)).stdout)
    assert result["tier"] == "other-options-first" and result["crisis"] is True
    assert_bad(run_cli("evaluate", "--form", "-", stdin=dumps({"phq9-1": "1"})), "phq9-2", "medical")


def test_usage_errors_exit_2():
    for args in ((), ("evaluate",), ("frobnicate",)):
        proc = run_cli(*args)
        assert proc.returncode == 2 and b"Traceback" not in proc.stderr and b"usage" in proc.stderr


def test_describe_and_crisis_lines_commands():
    assert json.loads(run_cli("describe").stdout) == selfcheck.describe()
    assert json.loads(run_cli("crisis-lines", "--country", "AU").stdout) == selfcheck.lines_for("AU")


def test_output_is_utf8_even_with_an_ascii_locale():
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii"}
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "selfcheck", "questions"], cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert proc.returncode == 0
    assert "—".encode() in proc.stdout


def test_broken_pipe_is_quiet():
    import subprocess
    import sys

    # Close our end before the child has started up, so its first write hits a closed pipe.
    proc = subprocess.Popen([sys.executable, "-m", "selfcheck", "describe"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == b""


# --- closed streams, a full disk, too many problems (version 2) ----------------------

def _shell(command: str, tmp_path) -> subprocess.CompletedProcess:
    """Run ``python -m selfcheck ...`` through the shell, for redirections like <&-."""
    answers = tmp_path / "answers.json"
    answers.write_text(dumps(valid_answers()), encoding="utf-8")
    return subprocess.run(
        ["bash", "-c", f"{shlex.quote(sys.executable)} -m selfcheck {command}"],
        cwd=ROOT, env={**os.environ, "ANSWERS": str(answers)}, capture_output=True, timeout=60,
    )


@pytest.mark.parametrize(
    "command,says",
    [
        ('evaluate - <&-', "standard input: it is closed"),
        ('evaluate "$ANSWERS" >&-', "standard output is closed"),
        ('evaluate "$ANSWERS" >/dev/full', "No space left on device"),
        ('evaluate - <"$ANSWERS" >/dev/full', "No space left on device"),
        ('questions >/dev/full', "No space left on device"),
        ('describe >&-', "standard output is closed"),
    ],
)
def test_closed_streams_and_a_full_disk_give_one_message_and_no_traceback(command, says, tmp_path):
    if not Path("/dev/full").exists() and "/dev/full" in command:
        pytest.skip("no /dev/full here")
    proc = _shell(command, tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert err.count("\n") == 1 and says in err, err


def test_at_most_50_problems_then_and_n_more():
    answers = {f"extra-{n}": n for n in range(60)} | valid_answers()
    lines = assert_bad(run_cli("evaluate", "-", stdin=dumps(answers)), "extra-0")
    assert len(lines) == 51
    assert lines[-1] == "and 10 more problems"
    assert all(line.startswith("extra-") for line in lines[:50])
