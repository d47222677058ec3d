"""What every command group shares: exit codes, the parser class and its parent parsers
(--db/--config, --json, --port/--baud/--lang, --officer, the admin's --as/--pin-stdin),
the option types that refuse a bad value before a database is opened, the output helpers
and the admin's PIN for one command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from kiosk.cli.words import ENV_LANG, LANGS, say
from kiosk.domain.errors import KioskError
from kiosk.domain.limits import (
    ACTOR_MAX_CHARS,
    BACKUPS_KEEP_MAX,
    BACKUPS_KEEP_MIN,
    BAUD_MAX,
    BAUD_MIN,
    COUNTER_MAX,
    COUNTER_MIN,
    HISTORY_MAX,
    HISTORY_MIN,
    ROWS_MAX,
    ROWS_MIN,
    SEED_MAX,
    SEED_MIN,
    TICKET_ID_MAX,
    TICKET_ID_MIN,
    one_line,
)

if TYPE_CHECKING:
    from kiosk.config.settings import Settings
    from kiosk.domain.model import Ticket
    from kiosk.domain.staff import Role
    from kiosk.office import Office

EXIT_USER = 2
EXIT_DATABASE = 3


class UsageError(KioskError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, like every other user error; the usage is one --help away.
        self.exit(EXIT_USER, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")


#: The ``kiosk`` parser's subcommands, which each group's ``add_*`` function adds to.
Commands: TypeAlias = "argparse._SubParsersAction[_Parser]"


@dataclass(frozen=True)
class Parents:
    """The parent parsers whose options several commands take (argparse copies them in)."""

    common: _Parser  # --db, --config and --lang, before or after the subcommand
    as_json: _Parser  # --json
    port: _Parser  # --port, --baud: the slip printer
    officer: _Parser  # --officer: who does it, for the history


def make_parents() -> Parents:
    # --db and --config are accepted before or after the subcommand.
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        type=_given("--db"),
        default=argparse.SUPPRESS,
        help="database URL (sqlite:///PATH or postgresql://...); "
        "default: KIOSK_DATABASE_URL, the config, or SQLite in the data folder",
    )
    common.add_argument(
        "--lang",
        choices=LANGS,
        default=argparse.SUPPRESS,
        help=f"the language of what the command prints for people and of slips: id "
        f"(default) or en; default: {ENV_LANG}, else id",
    )
    common.add_argument(
        "--config",
        metavar="PATH",
        type=_given("--config"),
        default=argparse.SUPPRESS,
        help="configuration file (TOML); default: KIOSK_CONFIG or the platform config folder",
    )
    as_json = _Parser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print one JSON value on stdout")
    port = _Parser(add_help=False)
    port.add_argument("--port", metavar="PATH", help="serial printer port (overrides the config)")
    port.add_argument("--baud", type=_BAUD, metavar="N", help="serial speed (overrides the config)")
    officer = _Parser(add_help=False)
    officer.add_argument(
        "--officer",
        metavar="NAME",
        type=_line("--officer", ACTOR_MAX_CHARS),
        help=f"who does this (for the history; at most {ACTOR_MAX_CHARS} characters)",
    )
    return Parents(common=common, as_json=as_json, port=port, officer=officer)


# -- option types ---------------------------------------------------------------------------
def _given(option: str) -> Callable[[str], str]:
    """An option that must name something: an empty --db or --config (an unset variable in
    a script) would otherwise fall back to the default office without a word."""

    def check(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"{option} is empty: give a value or leave it out")
        return text

    return check


def _shown(text: str) -> str:
    """A refused value as quoted back: a 100 000-digit number is not worth a screenful."""
    return text if len(text) <= 30 else text[:27] + "..."


def _whole(what: str, low: int, high: int) -> Callable[[str], int]:
    """An option's whole number within its bounds (domain.limits): past 64 bits SQLite
    cannot bind it, past 2**31-1 PostgreSQL answers "integer out of range"; a negative
    --limit meant nothing. Refused by argparse, naming the range."""

    def parse(text: str) -> int:
        try:
            value: int | None = int(text.strip())
        except ValueError:  # not digits, or too many for int() to read at all
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{_shown(text)} is not {what} ({low} to {high})")
        return value

    return parse


_COUNTER = _whole("a counter number", COUNTER_MIN, COUNTER_MAX)
_ROWS = _whole("a number of rows", ROWS_MIN, ROWS_MAX)
_KEEP = _whole("a number of backups", BACKUPS_KEEP_MIN, BACKUPS_KEEP_MAX)
_SEED = _whole("a random seed", SEED_MIN, SEED_MAX)
_HISTORY = _whole("a number of tickets", HISTORY_MIN, HISTORY_MAX)
_BAUD = _whole("a serial speed", BAUD_MIN, BAUD_MAX)


def _line(what: str, max_chars: int) -> Callable[[str], str]:
    """A free text option kept in the database: one line, at most ``max_chars`` (the same
    check the services make, here before a PIN is asked or a database opened)."""

    def check(text: str) -> str:
        try:
            return one_line(what, text, max_chars)
        except KioskError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return check


def _ref(text: str, option: str = "ticket") -> int | str:
    """A ticket id (digits) as a number, else the code or token as given; an id past the
    database's INTEGER is refused here, not by the database."""
    if not text.strip().isdecimal():
        return text
    number = int(text)
    if not TICKET_ID_MIN <= number <= TICKET_ID_MAX:
        raise UsageError(
            f"{option}: {_shown(text)} is not a ticket id ({TICKET_ID_MIN} to {TICKET_ID_MAX})"
        )
    return number


def _add_admin_options(p: argparse.ArgumentParser, *, pin_stdin: bool = True) -> None:
    """The admin a privileged command acts for (checked by the services, audited)."""
    p.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        help="an admin account: its PIN is asked without echo (or, with --pin-stdin, read "
        "as the first line of standard input); needed for staff, settings, the logo, the "
        "exit PIN and restore (only the office's first admin is added without one)",
    )
    if pin_stdin:
        p.add_argument(
            "--pin-stdin",
            action="store_true",
            help="read PINs from standard input, one a line: the --as admin's first, then "
            "a new one",
        )


# -- output helpers ---------------------------------------------------------------------
def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, default=str))


def _minutes(seconds: int | None, lang: str) -> str:
    if seconds is None:
        return "?"
    return say("minutes", lang, n=round(seconds / 60))


def _ticket_line(t: Ticket, lang: str) -> str:
    """One ticket in one line, in the run's language."""
    from kiosk.domain.status_words import status_word

    bits = [
        f"{t.code:<7}",
        f"[id {t.id}]",
        say("ticket.service", lang, code=t.service),
        status_word(t.status, lang),
    ]
    if t.priority:
        bits.append(say("ticket.priority", lang, code=t.priority))
    if t.counter is not None and t.status.value in ("called", "serving"):
        bits.append(say("ticket.counter", lang, n=t.counter))
    if t.recalls:
        bits.append(say("ticket.recalled", lang, n=t.recalls))
    if t.origin_service:
        bits.append(say("ticket.from", lang, code=t.origin_service))
    if t.people_ahead is not None and t.status.value == "waiting":
        wait = _minutes(t.estimated_wait_seconds, lang)
        bits.append(say("ticket.ahead", lang, n=t.people_ahead, wait=wait))
    return "  ".join(bits)


def _show_ticket(t: Ticket | None, as_json: bool, lang: str, none_text: str = "") -> None:
    if as_json:
        _print_json(t.to_dict() if t else None)
    elif t is None:
        print(none_text)
    else:
        print(_ticket_line(t, lang))


# -- the office and the admin a command acts for ----------------------------------------------
def _settings(args: argparse.Namespace) -> Settings:
    from kiosk.config.settings import load_settings

    return load_settings(args.config)


def _office(args: argparse.Namespace) -> Office:
    from kiosk.office import Office

    return Office.open(args.db, config=args.config)


def _read_pin(args: argparse.Namespace, prompt: str = "PIN or password", twice: bool = True) -> str:
    """From standard input with --pin-stdin (scripts: one line each), else asked without
    echo (twice for a new one)."""
    if args.pin_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError(
            "give the PIN on standard input with --pin-stdin (never on the command line)"
        )
    import getpass

    first = getpass.getpass(f"{prompt}: ")
    if twice and getpass.getpass("again: ") != first:
        raise UsageError("the two entries differ; nothing was changed")
    return first


def _admin_pin(args: argparse.Namespace) -> str | None:
    """The PIN of the admin named by --as (the first line of standard input with
    --pin-stdin, before any new PIN), or None without --as."""
    if not args.as_user:
        return None
    return _read_pin(args, f"PIN of {args.as_user}", twice=False)


@contextmanager
def _signed_in(
    office: Office,
    args: argparse.Namespace,
    pin: str | None,
    roles: frozenset[Role] | None = None,
) -> Iterator[Any]:
    """The admin's (or one of ``roles``') session for one command (signed out at the end);
    None without --as, and then the service refuses what needs one (NotSignedIn, exit 2)."""
    from kiosk.domain.staff import Role

    roles = roles if roles is not None else frozenset({Role.ADMIN})
    if pin is None:
        yield None
        return
    session = office.staff.sign_in(args.as_user, pin, allowed=roles, where="cli")
    try:
        yield session
    finally:
        office.staff.sign_out(session)
