"""The composition root: config -> database -> services -> command (windows come later).

Exit status: 0 success; 2 a user error (bad input, unknown service, illegal action, bad
config); 3 the database cannot be reached or stayed locked; 130 interrupted.

Each command group is one module that owns its parser and its handlers (tickets: ticket,
queue, counter, audit; printer; db: db, config; survey: survey, report, export; staff:
staff, office, kiosk; appointments: appointment; windows: run, screens, screenshots,
demo; tools: doctor, bench, demo-data); _common holds what they share. This module puts
the parser together, starts the log and turns errors into exit codes.

Start-up: a command builds its own group's parser in full and the others only as a name
and a line of help, so that ``kiosk ticket issue`` never imports the survey's definitions
or the printer's tables; the group modules import nothing heavy at import time (each
``add_*`` imports what its options list, each command what it runs), and nothing here
imports SQLAlchemy, pydantic or Qt before a command runs (tested in a subprocess).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.cli._common import EXIT_DATABASE, EXIT_USER, _Parser, make_parents
from kiosk.cli.words import run_lang
from kiosk.domain.errors import DatabaseUnavailable, KioskError

__all__ = ["EXIT_DATABASE", "EXIT_USER", "build_parser", "main"]

#: Every command in the order ``kiosk --help`` lists them: (command, its group's module,
#: the function there that adds its parser). Each module's SUMMARIES has its one line.
_COMMANDS = (
    ("ticket", "tickets", "add_ticket"),
    ("printer", "printer", "add_printer"),
    ("queue", "tickets", "add_queue"),
    ("counter", "tickets", "add_counter"),
    ("audit", "tickets", "add_audit"),
    ("appointment", "appointments", "add_appointment"),
    ("db", "db", "add_db"),
    ("config", "db", "add_config"),
    ("demo-data", "tools", "add_demo_data"),
    ("demo", "windows", "add_demo"),
    ("bench", "tools", "add_bench"),
    ("run", "windows", "add_run"),
    ("screens", "windows", "add_screens"),
    ("screenshots", "windows", "add_screenshots"),
    ("survey", "survey", "add_survey"),
    ("report", "survey", "add_report"),
    ("staff", "staff", "add_staff"),
    ("export", "survey", "add_export"),
    ("office", "staff", "add_office"),
    ("kiosk", "staff", "add_kiosk"),
    ("doctor", "tools", "add_doctor"),
    ("voice", "voice", "add_voice"),
)
_NAMES = frozenset(name for name, _, _ in _COMMANDS)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``kiosk`` parser. ``only`` None: every command in full (tests, documentation);
    a command's name: that one in full, the others as their name and one line (all that
    ``kiosk --help`` and an unknown command's error show); "": every one as a line."""
    from kiosk.cli.tools import DOCTOR_HELP

    parents = make_parents()
    parser = _Parser(
        prog="kiosk",
        description="Front-desk queueing and satisfaction-survey kiosk.",
        epilog=DOCTOR_HELP,
        parents=[parents.common],
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    groups = parser.add_subparsers(dest="group", metavar="COMMAND", parser_class=_Parser)
    groups.required = True
    for name, module_name, adder in _COMMANDS:
        module = importlib.import_module(f"kiosk.cli.{module_name}")
        if only is None or only == name:
            getattr(module, adder)(groups, parents)
        else:
            groups.add_parser(name, help=module.summaries()[name], add_help=False)
    return parser


def _valued() -> tuple[str, ...]:
    """The top-level options that take a value (the command word is not their value)."""
    common = make_parents().common
    return tuple(o for a in common._actions if a.nargs != 0 for o in a.option_strings)


def command_word(words: Sequence[str]) -> str:
    """The command a command line names ("ticket" in ``kiosk --db X ticket issue``), or ""
    when it names none that exists (then argparse says so, listing them)."""
    skip = False
    valued = _valued()
    for word in words:
        if skip:
            skip = False
        elif word == "--":
            return ""
        elif word.startswith("--"):
            # argparse also takes a unique prefix of a long option ("--conf PATH").
            skip = "=" not in word and any(o.startswith(word) for o in valued)
        elif not word.startswith("-"):
            return word if word in _NAMES else ""
    return ""


#: Commands that only read or print: no log file for them (a status check every few
#: seconds from a script must not fill the disk or rotate away what matters).
_QUIET_COMMANDS = frozenset(
    {"config", "queue", "doctor", "report", "screens", "screenshots", "bench"}
)


def _start_log(args: argparse.Namespace, argv: Sequence[str] | None) -> None:
    """One log file per role: the window's name for ``run``, "cli" for the rest."""
    command = getattr(args, "group", None)
    if command in _QUIET_COMMANDS or command is None:
        return
    import logging

    from kiosk.bootstrap import setup_logging

    role = args.window if command == "run" else "cli"
    setup_logging(role)
    words = list(sys.argv[1:] if argv is None else argv)
    logging.getLogger("kiosk").info("kiosk %s: %s", __version__, " ".join(_safe_words(words)))


#: Options whose value is an applicant's own words: the log says one was given, not what.
_PRIVATE_OPTIONS = ("--suggestion",)


def _safe_words(words: list[str]) -> list[str]:
    """The command line as logged: database passwords hidden, applicants' words left out."""
    from kiosk.storage.engine import redacted_url

    safe: list[str] = []
    hide_next = False
    for word in words:
        option, eq, _value = word.partition("=")
        if hide_next:
            safe.append("(given)")
            hide_next = False
        elif option in _PRIVATE_OPTIONS:
            safe.append(f"{option}=(given)" if eq else word)
            hide_next = not eq
        else:
            safe.append(redacted_url(word) if "://" in word else word)
    return safe


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(command_word(words))
    args = parser.parse_args(words)
    args.db = getattr(args, "db", None)
    args.config = getattr(args, "config", None)
    # The language given on the command line (None: not given; ``voice render`` then says
    # the board's languages), and the run's language for what it prints.
    args.lang_given = getattr(args, "lang", None)
    args.lang = run_lang(args.lang_given)
    _start_log(args, argv)
    try:
        code: int = args.func(args)
        return code
    except KioskError as exc:
        print(f"kiosk: error: {exc}", file=sys.stderr)
        return EXIT_USER
    except DatabaseUnavailable as exc:
        print(f"kiosk: database error: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    except KeyboardInterrupt:
        print("kiosk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (kiosk ... | head): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
