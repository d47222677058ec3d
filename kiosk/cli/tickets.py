"""``kiosk ticket``, ``queue``, ``counter`` and ``audit``: a ticket's way through the day."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.cli._common import (
    _COUNTER,
    _ROWS,
    Commands,
    Parents,
    _line,
    _minutes,
    _office,
    _Parser,
    _print_json,
    _ref,
    _show_ticket,
    _ticket_line,
)
from kiosk.cli.words import WORDS, say
from kiosk.domain.dates import decimal_text, long_date, time_of_day
from kiosk.domain.limits import REASON_MAX_CHARS, ROWS_MAX, ROWS_MIN

if TYPE_CHECKING:
    from kiosk.domain.model import Ticket
    from kiosk.office import Office


def summaries() -> dict[str, str]:
    """Each command's line in ``kiosk --help`` (the listing needs no parser of ours)."""
    return {
        "ticket": "issue and move tickets",
        "queue": "today's queue",
        "counter": "a counter (loket)",
        "audit": "the audit log (out-of-order calls...)",
    }


# -- ticket ... -----------------------------------------------------------------------------
def cmd_issue(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.issue_ticket(args.service, priority=args.priority)
        if not args.print:
            _show_ticket(t, args.json, args.lang)
            return 0
        outcome = _print_ticket(office, t, args)
    if args.json:
        slip_state = "printed" if outcome["printed"] else "failed"
        _print_json({**t.to_dict(), "slip_state": slip_state, "slip": outcome})
    else:
        print(_ticket_line(t, args.lang))
    return 0


def _print_ticket(office: Office, t: Ticket, args: argparse.Namespace) -> dict[str, object]:
    """Print a ticket's slip; the ticket stands whatever the printer does."""
    from kiosk.bootstrap import make_printer

    printer = make_printer(office.settings, port=args.port, baudrate=args.baud)
    try:
        result = printer.print_slip(office.slip(t, lang=args.lang))
    finally:
        printer.close()
    office.slips.record(t.id, result.printed, result.message)
    office.report_printer(office.settings.kiosk.name, result.state.value, result.message)
    _log_slip(t.code, result.printed, result.message)
    if not result.printed:
        print(
            f"kiosk: warning: ticket {t.code} was issued but its slip did not print: "
            f"{result.message}",
            file=sys.stderr,
        )
    elif result.message:
        print(f"kiosk: warning: {result.message}", file=sys.stderr)
    return {"printed": result.printed, "state": result.state.value, "message": result.message}


def _log_slip(code: str, printed: bool, message: str | None) -> None:
    import logging

    from kiosk.domain.log import about

    log = logging.getLogger("kiosk.cli")
    if printed:
        log.info("slip printed", extra=about(code))
    else:
        log.warning("slip not printed: %s", message, extra=about(code))


def cmd_reprint(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.queue.get_ticket(_ref(args.ticket))
        outcome = _print_ticket(office, t, args)
    if args.json:
        _print_json(
            {
                **t.to_dict(),
                "slip_state": "printed" if outcome["printed"] else "failed",
                "slip": outcome,
            }
        )
    elif outcome["printed"]:
        print(f"slip for {t.code} printed")
    return 0 if outcome["printed"] else 1


def cmd_call_next(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.call_next(args.counter, actor=args.officer)
    _show_ticket(t, args.json, args.lang, say("call.nobody", args.lang, n=args.counter))
    return 0


def _simple(action: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with _office(args) as office:
            method: Callable[..., Ticket] = getattr(office.queue, action)
            t = method(_ref(args.ticket), actor=args.officer)
        _show_ticket(t, args.json, args.lang)
        return 0

    return run


def cmd_transfer(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.queue.transfer(_ref(args.ticket), args.to, actor=args.officer)
    _show_ticket(t, args.json, args.lang)
    return 0


def cmd_call(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.queue.call_ticket(
            _ref(args.ticket), args.counter, args.reason, actor=args.officer
        )
    _show_ticket(t, args.json, args.lang)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.queue.get_ticket(_ref(args.ticket))
    _show_ticket(t, args.json, args.lang)
    return 0


def cmd_request_reprint(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.request_reprint(_ref(args.ticket), actor=args.officer)
    if args.json:
        _print_json(t.to_dict())
    else:
        print(f"the kiosk will print {t.code}'s slip again")
    return 0


def add_ticket(groups: Commands, parents: Parents) -> None:
    common, as_json, port, officer = parents.common, parents.as_json, parents.port, parents.officer
    ticket = groups.add_parser("ticket", help=summaries()["ticket"], parents=[common])
    tsub = ticket.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    tsub.required = True
    p = tsub.add_parser("issue", help="take a ticket", parents=[common, as_json, port])
    p.add_argument("--service", "-s", required=True, help="service code, e.g. A")
    p.add_argument("--priority", "-p", help="priority category, e.g. lansia")
    p.add_argument("--print", action="store_true", help="print the slip too")
    p.set_defaults(func=cmd_issue)
    p = tsub.add_parser(
        "reprint", help="print a ticket's slip again", parents=[common, as_json, port]
    )
    p.add_argument("ticket", help="ticket id or today's code (A-001)")
    p.set_defaults(func=cmd_reprint)
    p = tsub.add_parser(
        "request-reprint",
        help="ask the kiosk to print a failed slip again (from a counter)",
        parents=[common, as_json, officer],
    )
    p.add_argument("ticket", help="ticket id or today's code (A-001)")
    p.set_defaults(func=cmd_request_reprint)
    p = tsub.add_parser(
        "call-next", help="call the next ticket to a counter", parents=[common, as_json, officer]
    )
    p.add_argument("--counter", "-c", type=_COUNTER, required=True)
    p.set_defaults(func=cmd_call_next)
    for name, action, text in (
        ("recall", "recall", "announce a called ticket again (past the limit: no-show)"),
        ("start", "start", "the applicant arrived at the counter"),
        ("finish", "finish", "service finished (from called or serving)"),
        ("no-show", "no_show", "the applicant did not come"),
        ("cancel", "cancel", "cancel a ticket"),
    ):
        p = tsub.add_parser(name, help=text, parents=[common, as_json, officer])
        p.add_argument("ticket", help="ticket id or today's code (A-001)")
        p.set_defaults(func=_simple(action))
    p = tsub.add_parser(
        "transfer", help="move a ticket to another service", parents=[common, as_json, officer]
    )
    p.add_argument("ticket", help="ticket id or today's code (A-001)")
    p.add_argument("--to", required=True, metavar="SERVICE", help="service code to move it to")
    p.set_defaults(func=cmd_transfer)
    p = tsub.add_parser(
        "call",
        help="call a specific ticket out of order (needs --reason; audited)",
        parents=[common, as_json, officer],
    )
    p.add_argument("ticket", help="ticket id or today's code (A-001)")
    p.add_argument("--counter", "-c", type=_COUNTER, required=True)
    p.add_argument(
        "--reason",
        "-r",
        default="",
        type=_line("--reason", REASON_MAX_CHARS),
        help=f"why it is called out of order (at most {REASON_MAX_CHARS} characters)",
    )
    p.set_defaults(func=cmd_call)
    p = tsub.add_parser("show", help="show one ticket", parents=[common, as_json])
    p.add_argument("ticket", help="ticket id or today's code (A-001)")
    p.set_defaults(func=cmd_show)


# -- queue ... ------------------------------------------------------------------------------
#: What "issued" means per service, said wherever the figure is shown (the one count:
#: ReportRepository.issued_counts, the admin dashboard's "Diambil", "di layanan awal").
QUEUE_STATUS_ISSUED = WORDS["queue.issued_means"][1]


def cmd_queue_status(args: argparse.Namespace) -> int:
    from kiosk.domain.status_words import status_word

    with _office(args) as office:
        status = office.queue.status()
        name = office.settings.office.name
    if args.json:
        _print_json(status.to_dict())
        return 0
    lang = args.lang

    def head(key: str) -> str:
        return say(f"queue.head.{key}", lang)

    print(f"{name} — {long_date(status.office_day, lang)}")
    print(
        f"{head('service'):<32} {head('waiting'):>8} {head('priority'):>4} {head('issued'):>7} "
        f"{head('wait'):>12}  {head('state')}"
    )
    for q in status.services:
        state = "open" if q.open_now else ("inactive" if not q.service.active else "closed")
        if q.quota_left == 0:
            state = "quota"
        name_shown = q.service.name_en if lang == "en" else q.service.name_id
        label = f"{q.service.code}  {name_shown}"
        label = label if len(label) <= 32 else label[:31] + "…"
        print(
            f"{label:<32} {q.waiting:>8} {q.priority_waiting:>4} {q.issued_today:>7} "
            f"{_minutes(q.estimated_wait_seconds, lang):>12}  {say(f'queue.state.{state}', lang)}"
        )
    print()
    note = f"{head('issued')}: {say('queue.issued_means', lang)}"
    print(textwrap.fill(note, 78, subsequent_indent=" " * 8))
    print()
    print(f"{head('counter'):<20} {head('services'):<10} {head('now'):<24} {head('served'):>8}")
    for c in status.counters:
        now = say("queue.paused", lang) if c.counter.paused else "-"
        if c.current:
            now = f"{c.current.code} ({status_word(c.current.status, lang)})"
        print(
            f"{c.counter.name:<20} {','.join(c.counter.services):<10} {now:<24} {c.served_today:>8}"
        )
    return 0


def cmd_queue_calls(args: argparse.Namespace) -> int:
    with _office(args) as office:
        calls = office.queue.recent_calls(args.limit)
        tz = office.settings.timezone
    if args.json:
        _print_json({"calls": [c.to_dict() for c in calls]})
        return 0
    if not calls:
        print(say("calls.none", args.lang))
    for c in calls:
        again = say("calls.recall", args.lang, n=c.recall) if c.recall else ""
        at = time_of_day(c.at.astimezone(tz), args.lang, seconds=True)
        print(f"{at}  {c.code:<8} -> {c.counter_name}{again}")
    return 0


def add_queue(groups: Commands, parents: Parents) -> None:
    common, as_json = parents.common, parents.as_json
    queue = groups.add_parser("queue", help=summaries()["queue"], parents=[common])
    qsub = queue.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    qsub.required = True
    p = qsub.add_parser(
        "status",
        help="waiting per service and each counter",
        description=f"Today's queue per service and counter. issued (JSON: issued_today): "
        f"{QUEUE_STATUS_ISSUED}. waiting (JSON: waiting, of which priority_waiting): "
        "queued in the service now.",
        parents=[common, as_json],
    )
    p.set_defaults(func=cmd_queue_status)

    p = qsub.add_parser(
        "calls", help="today's last calls (what the display shows)", parents=[common, as_json]
    )
    p.add_argument("--limit", type=_ROWS, default=10, help=f"calls to list ({ROWS_MIN}-{ROWS_MAX})")
    p.set_defaults(func=cmd_queue_calls)


# -- counter ... ----------------------------------------------------------------------------
def cmd_counter_pause(args: argparse.Namespace) -> int:
    with _office(args) as office:
        if args.resume:
            counter = office.queue.resume_counter(args.counter, actor=args.officer)
        else:
            counter = office.queue.pause_counter(args.counter, actor=args.officer)
    if args.json:
        _print_json({"number": counter.number, "name": counter.name, "paused": counter.paused})
    else:
        state = say("counter.break" if counter.paused else "counter.open", args.lang)
        print(f"{counter.name}: {state}")
    return 0


def cmd_counter_show(args: argparse.Namespace) -> int:
    with _office(args) as office:
        desk = office.queue.counter_desk(args.counter, waiting_limit=args.limit)
    if args.json:
        _print_json(
            {
                "number": desk.counter.number,
                "name": desk.counter.name,
                "services": list(desk.counter.services),
                "paused": desk.counter.paused,
                "current": desk.current.to_dict() if desk.current else None,
                "waiting": [t.to_dict() for t in desk.waiting],
                "waiting_total": desk.waiting_total,
                "served_today": desk.served_today,
                "average_service_seconds": desk.average_service_seconds,
                "failed_slips": [t.code for t in desk.failed_slips],
                "printer_alerts": [a.to_dict() for a in desk.printer_alerts],
            }
        )
        return 0
    lang = args.lang
    state = say("counter.on_break", lang) if desk.counter.paused else ""
    services = ", ".join(desk.counter.services)
    print(say("counter.serves", lang, name=desk.counter.name, state=state, services=services))
    now = _ticket_line(desk.current, lang) if desk.current else "-"
    print(say("counter.now", lang, ticket=now))
    avg = desk.average_service_seconds
    average = (
        say("counter.average", lang, m=decimal_text(avg / 60, lang, 1)) if avg is not None else ""
    )
    print(say("counter.today", lang, n=desk.served_today) + average)
    codes = " ".join(t.code for t in desk.waiting)
    more = desk.waiting_total - len(desk.waiting)
    print(say("counter.waiting", lang, n=desk.waiting_total) + (f": {codes}" if codes else ""))
    if more > 0:
        print(say("counter.more", lang, n=more))
    if desk.failed_slips:
        print(say("counter.reprint", lang, codes=" ".join(t.code for t in desk.failed_slips)))
    for alert in desk.printer_alerts:
        print(say("counter.printer", lang, source=alert.source, state=alert.state))
    return 0


def add_counter(groups: Commands, parents: Parents) -> None:
    common, as_json, officer = parents.common, parents.as_json, parents.officer
    counter = groups.add_parser("counter", help=summaries()["counter"], parents=[common])
    ksub = counter.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    ksub.required = True
    for name, resume, text in (
        ("pause", False, "a break: not counted as open in wait estimates (audited)"),
        ("resume", True, "back from a break"),
    ):
        p = ksub.add_parser(name, help=text, parents=[common, as_json, officer])
        p.add_argument("counter", type=_COUNTER, help="counter number")
        p.set_defaults(func=cmd_counter_pause, resume=resume)
    p = ksub.add_parser(
        "show", help="the counter's ticket, queue and day", parents=[common, as_json]
    )
    p.add_argument("counter", type=_COUNTER, help="counter number")
    p.add_argument(
        "--limit", type=_ROWS, default=20, help=f"waiting tickets to list ({ROWS_MIN}-{ROWS_MAX})"
    )
    p.set_defaults(func=cmd_counter_show)


# -- audit ----------------------------------------------------------------------------------
def cmd_audit(args: argparse.Namespace) -> int:
    if args.check == "verify":
        return _verify_audit(args)
    with _office(args) as office:
        entries = office.queue.audit_log(limit=args.limit, action=args.action)
        tz = office.settings.timezone
    if args.json:
        _print_json({"entries": [e.to_dict() for e in entries]})
        return 0
    if not entries:
        print("the audit log is empty")
    for e in entries:
        who = e.actor or "-"
        print(
            f"{e.at.astimezone(tz):%Y-%m-%d %H:%M:%S}  {e.action:<18} {e.ticket_code or '-':<7} "
            f"counter {e.counter if e.counter is not None else '-':<3} by {who:<12} "
            f"{e.reason or ''}"
        )
    return 0


def _verify_audit(args: argparse.Namespace) -> int:
    """Exit 0 when the chain holds, 1 when a link is broken (the log was tampered with)."""
    with _office(args) as office:
        check = office.reports.verify_audit()
    if args.json:
        _print_json(check.to_dict())
    elif check.holds:
        print(f"the audit log holds: {check.entries} entries, every link verified")
    else:
        print(f"the audit log does NOT hold: {check.problem}")
        print(f"(entries verified before that: {check.entries})")
    return 0 if check.holds else 1


def add_audit(groups: Commands, parents: Parents) -> None:
    common, as_json = parents.common, parents.as_json
    p = groups.add_parser("audit", help=summaries()["audit"], parents=[common, as_json])
    p.add_argument(
        "check",
        nargs="?",
        choices=["verify"],
        help="verify: walk the log's hash chain and name the first broken link (exit 1)",
    )
    p.add_argument(
        "--limit", type=_ROWS, default=50, help=f"entries to list ({ROWS_MIN}-{ROWS_MAX})"
    )
    p.add_argument("--action", help="only this action, e.g. call_out_of_order")
    p.set_defaults(func=cmd_audit)
