"""``kiosk appointment``: the day's M-Paspor appointments (import, list, add, cancel: a
supervisor's or an admin's, with --as) and the check-in a front desk or a kiosk makes."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kiosk.cli._common import (
    Commands,
    Parents,
    _office,
    _Parser,
    _print_json,
    _read_pin,
    _signed_in,
    _ticket_line,
)
from kiosk.cli.words import say
from kiosk.domain.appointments import (
    Appointment,
    Booking,
    ImportRefused,
    check_code,
    parse_clock,
)
from kiosk.domain.dates import time_of_day
from kiosk.domain.errors import KioskError
from kiosk.domain.staff import RIGHTS, Right

_STAFF = RIGHTS[Right.APPOINTMENTS]


def summaries() -> dict[str, str]:
    """Each command's line in ``kiosk --help`` (the listing needs no parser of ours)."""
    return {"appointment": "M-Paspor appointments: the day's list and check-in"}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _time(text: str) -> dt.time:
    try:
        return parse_clock(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _code(text: str) -> str:
    try:
        return check_code(text)
    except KioskError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _pin(args: argparse.Namespace) -> str | None:
    if not args.as_user:
        return None
    return _read_pin(args, f"PIN of {args.as_user}", twice=False)


def _line(a: Appointment, ticket_codes: dict[int, str], lang: str) -> str:
    def clock(t: dt.time) -> str:
        return time_of_day(t, lang)

    slot = clock(a.slot) + (f"-{clock(a.slot_end)}" if a.slot_end else "")
    if a.cancelled:
        state = say("appt.cancelled", lang)
    elif a.ticket_id is not None:
        state = say("appt.checked_in", lang, ticket=ticket_codes.get(a.ticket_id, a.ticket_id))
        if a.arrival and a.arrival.value != "in_window":
            state += f" ({a.arrival.value.replace('_', ' ')})"
    else:
        state = say("appt.not_yet", lang)
    bits = [f"{slot:<11}", f"{a.code:<20}", say("ticket.service", lang, code=a.service)]
    if a.category:
        bits.append(a.category)
    if not a.verified:
        bits.append(say("appt.unverified", lang))
    bits.append(state)
    return "  ".join(bits)


def cmd_import(args: argparse.Namespace) -> int:
    pin = _pin(args)
    with _office(args) as office, _signed_in(office, args, pin, _STAFF) as session:
        try:
            result = office.appointments.import_file(
                Path(args.file), args.date, session, dry_run=args.dry_run
            )
        except ImportRefused as exc:
            if args.json:
                _print_json(
                    {"imported": False, "error": str(exc),
                     "problems": [p.to_dict() for p in exc.problems]}
                )  # fmt: skip
            if exc.problems:
                print(
                    f"kiosk: error: {Path(args.file).name}: nothing imported, "
                    f"{len(exc.problems)} rows refused:",
                    file=sys.stderr,
                )
                for p in exc.problems:
                    print(f"  line {p.line}: {p.reason}", file=sys.stderr)
                return 2
            raise
    if args.json:
        _print_json({"imported": result.saved, **result.to_dict()})
        return 0
    key = "appt.import_dry" if args.dry_run else "appt.import"
    counts = {"added": len(result.added), "updated": len(result.updated)}
    line = say(key, args.lang, day=args.date.isoformat(), unchanged=result.unchanged, **counts)
    if result.not_in_file:
        line += say("appt.not_in_file", args.lang, n=len(result.not_in_file))
    print(line)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    pin = _pin(args)
    with _office(args) as office, _signed_in(office, args, pin, _STAFF) as session:
        day = args.date or office.today()
        found = office.appointments.on_day(day, session)
        codes = {
            a.ticket_id: office.queue.get_ticket(a.ticket_id).code
            for a in found
            if a.ticket_id is not None
        }
    if args.json:
        _print_json(
            [{**a.to_dict(), "ticket": codes.get(a.ticket_id) if a.ticket_id else None}
             for a in found]
        )  # fmt: skip
    elif not found:
        print(say("appt.none", args.lang, day=day.isoformat()))
    else:
        for a in found:
            print(_line(a, codes, args.lang))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    pin = _pin(args)
    with _office(args) as office, _signed_in(office, args, pin, _STAFF) as session:
        day = args.date or office.today()
        booking = Booking(args.code, args.time, args.service, args.end, args.category)
        a = office.appointments.add(day, booking, session)
    if args.json:
        _print_json(a.to_dict())
    else:
        print(f"{day.isoformat()}: {_line(a, {}, args.lang)}")
    return 0


def cmd_cancel(args: argparse.Namespace) -> int:
    pin = _pin(args)
    with _office(args) as office, _signed_in(office, args, pin, _STAFF) as session:
        day = args.date or office.today()
        a = office.appointments.cancel(args.code, day, session)
    if args.json:
        _print_json(a.to_dict())
    else:
        print(say("appt.cancel_done", args.lang, code=a.code, day=day.isoformat()))
    return 0


def cmd_check_in(args: argparse.Namespace) -> int:
    with _office(args) as office:
        done = office.appointments.check_in(args.code)
    if args.json:
        _print_json(done.to_dict())
    else:
        again = say("appt.again", args.lang) if done.again else ""
        slot = say("appt.slot", args.lang, time=time_of_day(done.appointment.slot, args.lang))
        print(f"{_ticket_line(done.ticket, args.lang)}  {slot}{again}")
    return 0


def _staff_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        help="a supervisor or admin account: its PIN is asked without echo (or, with "
        "--pin-stdin, read as the first line of standard input)",
    )
    p.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")


def add_appointment(groups: Commands, parents: Parents) -> None:
    common, as_json = parents.common, parents.as_json
    group = groups.add_parser("appointment", help=summaries()["appointment"], parents=[common])
    sub = group.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    sub.required = True
    p = sub.add_parser(
        "import",
        help="import a day's list from CSV (UTF-8, ',' or ';') or XLSX; all or nothing",
        parents=[common, as_json],
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--dry-run", action="store_true", help="show what would change; save nothing")
    _staff_options(p)
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("list", help="a day's appointments by slot", parents=[common, as_json])
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="default: today")
    _staff_options(p)
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("add", help="add one appointment by hand", parents=[common, as_json])
    p.add_argument("code", type=_code, metavar="CODE", help="the booking code as printed")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="default: today")
    p.add_argument("--time", type=_time, required=True, metavar="HH:MM", help="the slot")
    p.add_argument("--end", type=_time, metavar="HH:MM", help="the slot's end")
    p.add_argument("--service", "-s", required=True, help="service code, e.g. A")
    p.add_argument("--category", help="the line, e.g. percepatan")
    _staff_options(p)
    p.set_defaults(func=cmd_add)
    p = sub.add_parser("cancel", help="take an appointment off the day", parents=[common, as_json])
    p.add_argument("code", type=_code, metavar="CODE")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="default: today")
    _staff_options(p)
    p.set_defaults(func=cmd_cancel)
    p = sub.add_parser(
        "check-in",
        help="a ticket for today's appointment (again: the same ticket)",
        parents=[common, as_json],
    )
    p.add_argument("code", type=_code, metavar="CODE")
    p.set_defaults(func=cmd_check_in)
