"""The composition root: config -> database -> services -> command (windows come later).

Exit status: 0 success; 2 a user error (bad input, unknown service, illegal action, bad
config); 3 the database cannot be reached or stayed locked; 130 interrupted.

Each command group is one module that owns its parser and its handlers (tickets: ticket,
queue, counter, audit; printer; db: db, config; survey: survey, report, export; staff:
staff, office, kiosk; windows: run, screens, screenshots, demo; tools: doctor, bench,
demo-data); _common holds what they share. This module puts the parser together, starts
the log and turns errors into exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from kiosk import __version__
from kiosk.cli import db, printer, staff, survey, tickets, tools, voice, windows
from kiosk.cli._common import EXIT_DATABASE, EXIT_USER, _Parser, make_parents
from kiosk.domain.errors import DatabaseUnavailable, KioskError

__all__ = ["EXIT_DATABASE", "EXIT_USER", "build_parser", "main"]

#: Every command in the order ``kiosk --help`` lists them.
_COMMANDS = (
    tickets.add_ticket,
    printer.add_printer,
    tickets.add_queue,
    tickets.add_counter,
    tickets.add_audit,
    db.add_db,
    db.add_config,
    tools.add_demo_data,
    windows.add_demo,
    tools.add_bench,
    windows.add_run,
    windows.add_screens,
    windows.add_screenshots,
    survey.add_survey,
    survey.add_report,
    staff.add_staff,
    survey.add_export,
    staff.add_office,
    staff.add_kiosk,
    tools.add_doctor,
    voice.add_voice,
)


def build_parser() -> argparse.ArgumentParser:
    parents = make_parents()
    parser = _Parser(
        prog="kiosk",
        description="Front-desk queueing and satisfaction-survey kiosk.",
        epilog=tools.DOCTOR_HELP,
        parents=[parents.common],
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    groups = parser.add_subparsers(dest="group", metavar="COMMAND", parser_class=_Parser)
    groups.required = True
    for add in _COMMANDS:
        add(groups, parents)
    return parser


#: Commands that only read or print: no log file for them (a status check every few
#: seconds from a script must not fill the disk or rotate away what matters).
_QUIET_COMMANDS = frozenset(
    {"config", "queue", "doctor", "report", "screens", "screenshots", "bench"}
)


def _start_log(args: argparse.Namespace, argv: Sequence[str] | None) -> None:
    """One log file per role: the window's name for ``run``, "cli" for the rest."""
    import logging

    from kiosk.bootstrap import setup_logging

    command = getattr(args, "group", None)
    if command in _QUIET_COMMANDS or command is None:
        return
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
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    args.config = getattr(args, "config", None)
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
