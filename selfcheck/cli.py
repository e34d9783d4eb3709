"""The command line.

    python -m selfcheck evaluate FILE|-   [--form] [--lang L] [--country C] [--today YYYY-MM-DD]
                                          [--clinic-name N] [--clinic-phone P]
                                          [--clinic-booking-url U] [--clinic-interest T]
                                          [--publisher P]
    python -m selfcheck questions         [--lang L]
    python -m selfcheck describe          [--lang L]
    python -m selfcheck crisis-lines      [--country C] [--lang L]

Output is JSON (UTF-8, not ASCII-escaped) on standard output, exit 0. Bad input of
any kind (answers, JSON, file, settings) gives one line per problem on standard error
(at most 50, then "and N more problems") and exit 2, never a traceback. So do a closed
standard input or output and a full disk: one message on standard error, exit 2.
``--form`` reads flat form values (``{"phq9-1": "2", ...}``) instead of an answers object.
The settings options are checked as the engine checks a site's settings
(``selfcheck.settings``): a phone number that is not one, or a clinic's phone without its
name, is bad input (exit 2, naming the option).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from . import crisis, rules, settings, text
from .engine import parse_today, prepare
from .questionnaire import questions
from .validation import AnswersError

EXIT_OK = 0
EXIT_BAD_INPUT = 2
# Answers are a few hundred bytes; anything near this is not an answers file.
MAX_INPUT_BYTES = 1_000_000
# No valid answer needs a long number; refusing early avoids int() limits and slowness.
MAX_INT_DIGITS = 100


class InputError(Exception):
    """The input could not be read or parsed; the message says why."""


class OutputError(Exception):
    """The output could not be written (standard output closed, disk full)."""


def _write(stream, s: str) -> None:
    if stream is None:  # the file descriptor was closed when Python started
        raise OutputError("cannot write the output: standard output is closed")
    try:
        stream.buffer.write(s.encode("utf-8", errors="backslashreplace"))
        stream.buffer.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # ENOSPC, EBADF, a closed file object
        raise OutputError(f"cannot write the output: {getattr(exc, 'strerror', None) or exc}") from None


def _fail(lines: list[str]) -> int:
    try:
        _write(sys.stderr, "".join(line + "\n" for line in lines))
    except (OutputError, BrokenPipeError):
        pass  # nowhere left to say it: the exit status still says it
    return EXIT_BAD_INPUT


def _silence(stream) -> None:
    """Point a stream's file descriptor at devnull, so the interpreter's final flush
    cannot fail again (Python docs recipe for SIGPIPE)."""
    if stream is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError):
        pass


def _read(path: str) -> bytes:
    try:
        if path == "-":
            if sys.stdin is None:  # the file descriptor was closed when Python started
                raise InputError("cannot read standard input: it is closed")
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(path, "rb") as f:
                data = f.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read {path}: it is a directory") from None
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{_name(path)}: input is larger than {MAX_INPUT_BYTES} bytes")
    return data


def _name(path: str) -> str:
    """How a message names the input: "standard input" for -, else the file's path."""
    return "standard input" if path == "-" else path


def _parse_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise InputError(f"invalid JSON: a number has more than {MAX_INT_DIGITS} digits")
    return int(digits)


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            # json.loads would silently keep the last one; an answer given twice is a mistake.
            raise InputError(f"invalid JSON: key {json.dumps(key, ensure_ascii=False)[:60]} appears more than once")
        out[key] = value
    return out


def _load_json(data: bytes, path: str) -> object:
    try:
        doc = data.decode("utf-8-sig")  # tolerate a byte-order mark
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(doc, parse_int=_parse_int, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON in {path}: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise InputError(f"invalid JSON in {path}: nested too deeply") from None
    except ValueError as exc:  # e.g. the int digit limit, whatever the Python version
        raise InputError(f"invalid JSON in {path}: {exc}") from None


# Each engine setting, and the option that sets it (for messages).
_OPTIONS = {
    "settings.clinic.name": "--clinic-name",
    "settings.clinic.phone": "--clinic-phone",
    "settings.clinic.booking_url": "--clinic-booking-url",
    "settings.clinic.interest": "--clinic-interest",
    "settings.clinic.publisher": "--publisher",
    "phone": "--clinic-phone",
    "booking_url": "--clinic-booking-url",
}


def _settings(args: argparse.Namespace) -> dict:
    out: dict = {"lang": args.lang, "country": args.country}
    clinic = {
        "name": args.clinic_name,
        "phone": args.clinic_phone,
        "booking_url": args.clinic_booking_url,
        "interest": args.clinic_interest,
        "publisher": args.publisher,
    }
    if any(v is not None for v in clinic.values()):
        out["clinic"] = clinic
    return out


def _option_names(message: str) -> str:
    """A settings message in the command line's words: options, not setting keys."""
    for key, option in _OPTIONS.items():
        if key.startswith("settings."):
            message = message.replace(key, option)
    if message.startswith(_OPTIONS["settings.clinic.name"] + " is needed when"):
        for key, option in _OPTIONS.items():
            if not key.startswith("settings."):
                message = message.replace(key, option)
    return message


def _print_json(value: object) -> int:
    _write(sys.stdout, json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    # Settings first: a wrong option is reported even before the input is read.
    try:
        engine = prepare(_settings(args))
    except settings.SettingsError as exc:
        return _fail([_option_names(str(exc))])
    if args.today is not None and parse_today(args.today) is None:
        return _fail([f"--today: expected a date as YYYY-MM-DD, got {args.today[:40]!r}"])
    try:
        payload = _load_json(_read(args.file), _name(args.file))
        run = engine.evaluate_form if args.form else engine.evaluate
        result = run(payload, args.today)
    except InputError as exc:
        return _fail([str(exc)])
    except AnswersError as exc:
        return _fail(exc.lines())
    return _print_json(result)


def _cmd_questions(args: argparse.Namespace) -> int:
    return _print_json(questions(args.lang))


def _cmd_describe(args: argparse.Namespace) -> int:
    return _print_json(rules.describe(args.lang))


def _cmd_crisis_lines(args: argparse.Namespace) -> int:
    return _print_json(crisis.lines_for(args.country, args.lang))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m selfcheck", description="Non-binding ketamine-therapy self-check.")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, country: bool = False) -> None:
        p.add_argument("--lang", default=text.DEFAULT_LANG, help="language of the text (default: en)")
        if country:
            p.add_argument("--country", default=crisis.DEFAULT_COUNTRY, help="country for crisis lines (default: US)")

    p = sub.add_parser("evaluate", help="evaluate an answers JSON file ('-' for standard input)")
    p.add_argument("file", metavar="FILE", help="answers JSON file, or - for standard input")
    p.add_argument("--form", action="store_true", help="the file holds flat form values, not an answers object")
    p.add_argument("--clinic-name", help="hosting clinic's name, for the consult prompt")
    p.add_argument("--clinic-phone", help="hosting clinic's phone number (7 to 15 digits; needs --clinic-name)")
    p.add_argument("--clinic-booking-url", help="hosting clinic's https:// booking page (needs --clinic-name)")
    p.add_argument("--clinic-interest", help="one line on the clinic's interest, e.g. 'We offer ketamine treatment.'")
    p.add_argument("--publisher", help="who publishes the site (defaults to --clinic-name)")
    p.add_argument("--today", help="the date to print on the result, as YYYY-MM-DD (default: none)")
    common(p, country=True)
    p.set_defaults(run=_cmd_evaluate)

    p = sub.add_parser("questions", help="print the questionnaire as JSON")
    common(p)
    p.set_defaults(run=_cmd_questions)

    p = sub.add_parser("describe", help="print the rules in words, with sources, as JSON")
    common(p)
    p.set_defaults(run=_cmd_describe)

    p = sub.add_parser("crisis-lines", help="print the crisis lines for a country as JSON")
    common(p, country=True)
    p.set_defaults(run=_cmd_crisis_lines)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # usage errors: argparse prints them and exits 2
    try:
        if args.lang not in text.available_languages():
            return _fail([f"unknown language {args.lang!r}; available: {', '.join(text.available_languages())}"])
        if hasattr(args, "country"):
            try:
                args.country = crisis.normalise_country(args.country)
            except ValueError as exc:
                return _fail([str(exc)])
        return args.run(args)
    except OutputError as exc:
        _silence(sys.stdout)
        return _fail([str(exc)])
    except BrokenPipeError:
        # e.g. `python -m selfcheck questions | head`: stop quietly. Point stdout at
        # devnull so the interpreter's final flush does not complain (Python docs recipe).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
