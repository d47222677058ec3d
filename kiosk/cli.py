"""The composition root: config -> database -> services -> command (windows come later).

Exit status: 0 success; 2 a user error (bad input, unknown service, illegal action, bad
config); 3 the database cannot be reached or stayed locked; 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from kiosk import __version__
from kiosk.domain.errors import DatabaseUnavailable, KioskError, UnknownCounter, UnknownService
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
    REASON_MAX_CHARS,
    ROWS_MAX,
    ROWS_MIN,
    SEED_MAX,
    SEED_MIN,
    STAFF_NAME_MAX_CHARS,
    TICKET_ID_MAX,
    TICKET_ID_MIN,
    one_line,
)
from kiosk.domain.model import TicketStatus
from kiosk.domain.staff import NEW_SECRET_MIN, Role
from kiosk.logo import FORMATS as LOGO_FORMATS
from kiosk.logo import MAX_BYTES as LOGO_MAX_BYTES
from kiosk.printing.slip import PAPER
from kiosk.survey.definitions import (
    AGE_BAND_CODES,
    AGE_MAX,
    AGE_MIN,
    EDUCATION,
    GENDERS,
    OCCUPATIONS,
)
from kiosk.survey.export import FORMATS as EXPORT_FORMATS
from kiosk.survey.export import Format as ExportFormat
from kiosk.survey.responses import SOURCES

if TYPE_CHECKING:
    from kiosk.config.settings import Settings
    from kiosk.domain.model import Ticket
    from kiosk.exports import RecapFormat
    from kiosk.office import Office
    from kiosk.survey.model import IkmResult, SurveyFilter

EXIT_USER = 2
EXIT_DATABASE = 3

STATUS_ID = {
    "waiting": "menunggu",
    "called": "dipanggil",
    "serving": "dilayani",
    "done": "selesai",
    "no_show": "tidak hadir",
    "cancelled": "dibatalkan",
    "transferred": "dialihkan",
}


#: The windows ``kiosk run`` starts, with what each is for: the one list the help texts,
#: the choices and the defaults of ``run`` and ``screenshots`` are drawn from.
WINDOWS: dict[str, str] = {
    "kiosk": "the lobby touch screen",
    "counter": "an officer's desk",
    "display": "the TV",
    "admin": "supervisors",
}


class UsageError(KioskError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, like every other user error; the usage is one --help away.
        self.exit(EXIT_USER, f"{self.prog}: error: {message} (see: {self.prog} --help)\n")


# -- output helpers ---------------------------------------------------------------------
def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, default=str))


def _minutes(seconds: int | None) -> str:
    if seconds is None:
        return "?"
    return f"{round(seconds / 60)} min"


def _ticket_line(t: Ticket) -> str:
    bits = [f"{t.code:<7}", f"[id {t.id}]", f"service {t.service}", STATUS_ID[t.status.value]]
    if t.priority:
        bits.append(f"priority {t.priority}")
    if t.counter is not None and t.status.value in ("called", "serving"):
        bits.append(f"-> counter {t.counter}")
    if t.recalls:
        bits.append(f"recalled {t.recalls}x")
    if t.origin_service:
        bits.append(f"(from service {t.origin_service})")
    if t.people_ahead is not None and t.status.value == "waiting":
        bits.append(f"{t.people_ahead} ahead, about {_minutes(t.estimated_wait_seconds)}")
    return "  ".join(bits)


def _show_ticket(t: Ticket | None, as_json: bool, none_text: str = "") -> None:
    if as_json:
        _print_json(t.to_dict() if t else None)
    elif t is None:
        print(none_text)
    else:
        print(_ticket_line(t))


# -- commands ---------------------------------------------------------------------------
def _settings(args: argparse.Namespace) -> Settings:
    from kiosk.config.settings import load_settings

    return load_settings(args.config)


def _office(args: argparse.Namespace) -> Office:
    from kiosk.office import Office

    return Office.open(args.db, config=args.config)


def cmd_issue(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.issue_ticket(args.service, priority=args.priority)
        if not args.print:
            _show_ticket(t, args.json)
            return 0
        outcome = _print_ticket(office, t, args)
    if args.json:
        slip_state = "printed" if outcome["printed"] else "failed"
        _print_json({**t.to_dict(), "slip_state": slip_state, "slip": outcome})
    else:
        print(_ticket_line(t))
    return 0


def _print_ticket(office: Office, t: Ticket, args: argparse.Namespace) -> dict[str, object]:
    """Print a ticket's slip; the ticket stands whatever the printer does."""
    from kiosk.app import make_printer

    printer = make_printer(office.settings, port=args.port, baudrate=args.baud)
    try:
        result = printer.print_slip(office.slip(t, lang=args.lang))
    finally:
        printer.close()
    office.record_slip(t.id, result.printed, result.message)
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
        t = office.ticket(_ref(args.ticket))
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


def cmd_printer_status(args: argparse.Namespace) -> int:
    from kiosk.app import make_printer

    settings = _settings(args)
    printer = make_printer(settings, port=args.port, baudrate=args.baud)
    try:
        state = printer.status()
        advice = printer.explain(state)
    finally:
        printer.close()
    kind = "serial" if args.port else settings.printer.kind
    where = args.port or settings.printer.port or settings.printer.host or ""
    if args.json:
        _print_json(
            {
                "state": state.value,
                "advice": advice,
                "kind": kind,
                "where": where,
                "can_print": state.can_print,
            }
        )
    else:
        print(f"printer ({kind}{' ' + where if where else ''}): {state.value} — {advice}")
    return 0 if state.can_print else 1


def cmd_printer_test(args: argparse.Namespace) -> int:
    from kiosk.app import make_printer

    settings = _settings(args)
    printer = make_printer(settings, port=args.port, baudrate=args.baud)
    try:
        outcome = printer.print_test(settings.office.name)
    finally:
        printer.close()
    if args.json:
        _print_json(
            {"printed": outcome.printed, "state": outcome.state.value, "message": outcome.message}
        )
    elif outcome.printed:
        print("test page printed" + (f" ({outcome.message})" if outcome.message else ""))
    else:
        print(f"kiosk: test page did not print: {outcome.message}", file=sys.stderr)
    return 0 if outcome.printed else 1


def cmd_printer_alerts(args: argparse.Namespace) -> int:
    with _office(args) as office:
        alerts = office.printer_alerts()
        tz = office.settings.timezone
    if args.json:
        _print_json({"alerts": [a.to_dict() for a in alerts]})
        return 0
    if not alerts:
        print("no printer alerts")
    for a in alerts:
        print(
            f"{a.at.astimezone(tz):%Y-%m-%d %H:%M}  {a.source:<12} {a.state:<15} {a.message or ''}"
        )
    return 0


def cmd_printer_preview(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.printing.preview import save_preview

    with _office(args) as office:
        t = office.ticket(_ref(args.ticket))
        slip = office.slip(t, lang=args.lang)
        paper = args.paper or office.settings.printer.paper_mm
    out = save_preview(slip, Path(args.out), paper)
    if args.json:
        _print_json({"ticket": t.code, "out": str(out), "paper_mm": paper})
    else:
        print(f"slip for {t.code} drawn to {out}")
    return 0


def cmd_call_next(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.call_next(args.counter, actor=args.officer)
    _show_ticket(t, args.json, f"nobody is waiting for counter {args.counter}")
    return 0


def _simple(action: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with _office(args) as office:
            method: Callable[..., Ticket] = getattr(office, action)
            t = method(_ref(args.ticket), actor=args.officer)
        _show_ticket(t, args.json)
        return 0

    return run


def cmd_transfer(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.transfer(_ref(args.ticket), args.to, actor=args.officer)
    _show_ticket(t, args.json)
    return 0


def cmd_call(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.call_ticket(_ref(args.ticket), args.counter, args.reason, actor=args.officer)
    _show_ticket(t, args.json)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.ticket(_ref(args.ticket))
    _show_ticket(t, args.json)
    return 0


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


#: What "issued" means per service, said wherever the figure is shown (the one count:
#: QueueRepository.issued_counts, the admin dashboard's "Diambil (di layanan awal)").
QUEUE_STATUS_ISSUED = (
    "tickets taken in the service at the kiosk; a transferred ticket still counts there "
    "(it keeps its number), while waiting counts it where it is now"
)


def cmd_queue_status(args: argparse.Namespace) -> int:
    with _office(args) as office:
        status = office.queue_status()
        name = office.settings.office.name
    if args.json:
        _print_json(status.to_dict())
        return 0
    print(f"{name} — {status.office_day:%A %d %B %Y}")
    print(f"{'service':<32} {'waiting':>7} {'prio':>4} {'issued':>6} {'est. wait':>9}  state")
    for q in status.services:
        state = "open" if q.open_now else ("inactive" if not q.service.active else "closed")
        if q.quota_left == 0:
            state = "quota used up"
        label = f"{q.service.code}  {q.service.name_id}"
        print(
            f"{label:<32} {q.waiting:>7} {q.priority_waiting:>4} {q.issued_today:>6} "
            f"{_minutes(q.estimated_wait_seconds):>9}  {state}"
        )
    print()
    print(textwrap.fill(f"issued: {QUEUE_STATUS_ISSUED}", 78, subsequent_indent=" " * 8))
    print()
    print(f"{'counter':<20} {'services':<10} {'now':<24} {'served':>6}")
    for c in status.counters:
        now = "paused" if c.counter.paused else "-"
        if c.current:
            now = f"{c.current.code} ({STATUS_ID[c.current.status.value]})"
        print(
            f"{c.counter.name:<20} {','.join(c.counter.services):<10} {now:<24} {c.served_today:>6}"
        )
    return 0


def cmd_counter_pause(args: argparse.Namespace) -> int:
    with _office(args) as office:
        if args.resume:
            counter = office.resume_counter(args.counter, actor=args.officer)
        else:
            counter = office.pause_counter(args.counter, actor=args.officer)
    if args.json:
        _print_json({"number": counter.number, "name": counter.name, "paused": counter.paused})
    else:
        state = "on a break (not counted as open)" if counter.paused else "open"
        print(f"{counter.name}: {state}")
    return 0


def cmd_counter_show(args: argparse.Namespace) -> int:
    with _office(args) as office:
        desk = office.counter_desk(args.counter, waiting_limit=args.limit)
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
    state = " (on a break)" if desk.counter.paused else ""
    print(f"{desk.counter.name}{state}: serves {', '.join(desk.counter.services)}")
    print(f"  now:     {_ticket_line(desk.current) if desk.current else '-'}")
    avg = desk.average_service_seconds
    print(
        f"  today:   {desk.served_today} served"
        + (f", {avg / 60:.1f} min on average" if avg is not None else "")
    )
    codes = " ".join(t.code for t in desk.waiting)
    more = desk.waiting_total - len(desk.waiting)
    print(f"  waiting: {desk.waiting_total}" + (f": {codes}" if codes else ""))
    if more > 0:
        print(f"           ... and {more} more")
    if desk.failed_slips:
        print(f"  slips to reprint: {' '.join(t.code for t in desk.failed_slips)}")
    for alert in desk.printer_alerts:
        print(f"  printer {alert.source}: {alert.state}")
    return 0


def cmd_queue_calls(args: argparse.Namespace) -> int:
    with _office(args) as office:
        calls = office.recent_calls(args.limit)
        tz = office.settings.timezone
    if args.json:
        _print_json({"calls": [c.to_dict() for c in calls]})
        return 0
    if not calls:
        print("no calls yet today")
    for c in calls:
        again = f" (recall {c.recall})" if c.recall else ""
        print(f"{c.at.astimezone(tz):%H:%M:%S}  {c.code:<8} -> {c.counter_name}{again}")
    return 0


def cmd_request_reprint(args: argparse.Namespace) -> int:
    with _office(args) as office:
        t = office.request_reprint(_ref(args.ticket), actor=args.officer)
    if args.json:
        _print_json(t.to_dict())
    else:
        print(f"the kiosk will print {t.code}'s slip again")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    if args.check == "verify":
        return _verify_audit(args)
    with _office(args) as office:
        entries = office.audit_log(limit=args.limit, action=args.action)
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
        check = office.verify_audit()
    if args.json:
        _print_json(check.to_dict())
    elif check.holds:
        print(f"the audit log holds: {check.entries} entries, every link verified")
    else:
        print(f"the audit log does NOT hold: {check.problem}")
        print(f"(entries verified before that: {check.entries})")
    return 0 if check.holds else 1


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from kiosk.config.settings import database_url
    from kiosk.storage import migrate
    from kiosk.storage.engine import make_engine, normalise_url

    url = normalise_url(database_url(_settings(args), args.db))
    engine = make_engine(url)
    try:
        before = _revision(engine)
        migrate.upgrade(engine)
        after = _revision(engine)
    except Exception as exc:
        from sqlalchemy.exc import DBAPIError

        from kiosk.storage.uow import describe_db_error

        if isinstance(exc, DBAPIError):
            raise DatabaseUnavailable(describe_db_error(exc)) from exc
        raise
    finally:
        engine.dispose()
    if before == after:
        print(f"database schema is up to date (revision {after})")
    else:
        print(f"database schema upgraded from {before or 'empty'} to {after}")
    return 0


def _revision(engine: Any) -> str | None:
    from kiosk.storage.migrate import current_revision

    with engine.connect() as conn:
        rev: str | None = current_revision(conn)
        return rev


def cmd_config_check(args: argparse.Namespace) -> int:
    from kiosk.config.settings import database_url
    from kiosk.storage.engine import redacted_url

    settings = _settings(args)
    url = database_url(settings, args.db)
    if args.json:
        _print_json(
            {
                "ok": True,
                "source": settings.source,
                "office": settings.office.name,
                "timezone": settings.office.timezone,
                "services": [s.code for s in settings.services],
                "counters": [c.number for c in settings.counters],
                "database": redacted_url(url),
            }
        )
        return 0
    print(f"configuration OK ({settings.source})")
    print(f"  office:    {settings.office.name} ({settings.office.timezone})")
    for s in settings.domain_services():
        quota = f", quota {s.daily_quota}/day" if s.daily_quota else ""
        hours = s.hours.describe() if s.hours else "any hour"
        state = "" if s.active else " [inactive]"
        print(f"  service {s.code}: {s.name_id} / {s.name_en}{quota}; {hours}{state}")
    for c in settings.domain_counters():
        print(f"  counter {c.number}: {c.name} serves {', '.join(c.services)}")
    policy = settings.queue.priority_policy.value
    if policy == "interleave":
        policy += f" (one priority call after every {settings.queue.priority_every} regular)"
    print(f"  priority:  {policy}; categories: {', '.join(p.code for p in settings.priority)}")
    print(f"  database:  {redacted_url(url)}")
    return 0


def _database_url(args: argparse.Namespace) -> str:
    from kiosk.config.settings import database_url
    from kiosk.storage.engine import normalise_url

    return normalise_url(database_url(_settings(args), args.db))


def cmd_db_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.config import paths
    from kiosk.storage.backup import backup_sqlite

    folder = Path(args.to) if args.to else paths.data_dir() / "backups"
    result = backup_sqlite(_database_url(args), folder, keep=args.keep)
    if args.json:
        _print_json(result.to_dict())
    else:
        print(f"backed up to {result.path} ({result.size_bytes / 1e6:.1f} MB)")
        for old in result.removed:
            print(f"removed the older backup {old}")
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    if not args.yes:
        raise UsageError(
            "restoring replaces today's data with the backup's; add --yes to go ahead "
            "(the current database is backed up first)"
        )
    admin_pin = _admin_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        safety = office.restore_backup(Path(args.backup), session=session)
    if safety is not None:
        print(f"the database as it was is kept in {safety}")
    print(f"restored from {args.backup}")
    return 0


def cmd_config_example(args: argparse.Namespace) -> int:
    from kiosk.config.defaults import EXAMPLE_TOML

    print(EXAMPLE_TOML, end="")
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from kiosk.demo import fill_demo_day

    with _office(args) as office:
        summary = fill_demo_day(office, force=args.force, seed=args.seed)
    if args.json:
        _print_json(summary.to_dict())
    else:
        print(summary.describe())
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.config import paths
    from kiosk.demo import DEMO_OFFICER, DEMO_STAFF, ensure_demo_staff, fill_demo_day
    from kiosk.launcher import DEMO_ROLES, SignIn, start_windows, supervise
    from kiosk.office import Office

    def say(msg: str) -> None:
        print(f"kiosk demo: {msg}", file=sys.stderr, flush=True)

    # Its own database unless told otherwise: the demo never mixes with an office's data.
    url = args.db or f"sqlite:///{paths.data_dir() / 'demo.db'}"
    with Office.open(url, settings=_settings(args)) as office:
        summary = fill_demo_day(office, seed=args.seed)
        ensure_demo_staff(office)
        printer = office.settings.printer
        counters = office.counters()
    say(summary.describe())
    username, _, _, pin = DEMO_OFFICER
    sign_in = SignIn(counters[0].number, username, pin) if counters else None
    if sign_in is not None:
        say(
            f"the counter window signs in as {username} (PIN {pin}) at "
            f"{counters[0].name}; demo accounts: "
            + ", ".join(f"{name} {secret}" for name, _, _, secret in DEMO_STAFF)
        )
    if printer.kind == "preview":
        where = printer.preview_dir or paths.data_dir() / "slips"
        say(f"no printer configured: slips are drawn to {where}")
    say(f"database: {url}; starting: {', '.join(DEMO_ROLES)} (Ctrl+C stops everything)")
    children = start_windows(url, args.config, DEMO_ROLES, counter_sign_in=sign_in)
    return supervise(children, say)


def cmd_bench(args: argparse.Namespace) -> int:
    from kiosk.bench import format_report, run_bench

    def progress(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    result = run_bench(
        args.db, quick=args.quick, history=args.history, progress=None if args.json else progress
    )
    if args.json:
        _print_json(result)
    else:
        print(format_report(result))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """A window, until it is closed (the kiosk: by the supervisor PIN)."""
    from kiosk.office import Office

    settings = _settings(args)
    url = args.db

    def open_office() -> Office:  # on the window's worker thread; retried while unreachable
        return Office.open(url, settings=settings)

    if args.window == "counter":
        from kiosk.ui.counter.app import run_counter

        sign_in = None
        if args.username:
            if args.counter is None:
                raise UsageError("--username needs --counter: which counter to sign in at")
            if not args.pin_stdin:
                raise UsageError("give the PIN on standard input with --pin-stdin")
            sign_in = (args.username, sys.stdin.readline().rstrip("\r\n"))
        return run_counter(
            settings, open_office, windowed=True, counter=args.counter, sign_in=sign_in
        )
    if args.counter is not None or args.username:
        raise UsageError("--counter and --username are for the counter window")
    if args.window == "display":
        from kiosk.ui.display.app import run_display

        return run_display(settings, open_office, windowed=args.windowed, screen=args.screen)
    if args.window == "admin":
        from kiosk.ui.admin.app import run_admin

        return run_admin(settings, open_office)
    from kiosk.app import make_printer
    from kiosk.ui.kiosk.app import run_kiosk

    return run_kiosk(
        settings, open_office, make_printer, windowed=args.windowed, screen=args.screen
    )


def cmd_screens(args: argparse.Namespace) -> int:
    from kiosk.ui.common.app import describe_screens

    for line in describe_screens():
        print(line)
    return 0


def cmd_screenshots(args: argparse.Namespace) -> int:
    """Every window's screens as PNG, from a throw-away demo office (offscreen)."""
    import tempfile
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app import make_printer
    from kiosk.demo import demo_admin, fill_demo_day
    from kiosk.logo import demo_logo
    from kiosk.office import Office
    from kiosk.ui.admin.screenshots import render_admin_screenshots
    from kiosk.ui.counter.screenshots import render_counter_screenshots
    from kiosk.ui.display.screenshots import render_display_screenshots
    from kiosk.ui.kiosk.screenshots import demo_settings, render_screenshots, use_up_quota

    windows = args.window or list(WINDOWS)
    out = Path(args.out)
    files: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-screens-") as tmp:
        settings = demo_settings(Path(tmp) / "slips")
        with Office.open(f"sqlite:///{Path(tmp) / 'demo.db'}", settings=settings) as office:
            fill_demo_day(office, seed=args.seed)
            with demo_admin(office) as admin:  # a made-up emblem, so every window shows one
                office.set_logo(demo_logo(), session=admin)
            # The display first: it shows the demo day's calls as they stand.
            if "display" in windows:
                files += render_display_screenshots(settings, office, out)
            if "counter" in windows:
                with demo_admin(office) as admin:  # it adds the demo officer
                    files += render_counter_screenshots(settings, office, out, admin=admin)
            if "admin" in windows:
                with demo_admin(office) as admin:  # it adds the window's account
                    files += render_admin_screenshots(settings, office, out, admin=admin)
            if "kiosk" in windows:
                use_up_quota(office)
                files += render_screenshots(settings, office, make_printer(settings), out)
    for path in files:
        print(path)
    return 0


# -- the satisfaction survey -------------------------------------------------------------
def _pairs(text: str, option: str) -> dict[str, str]:
    """``"U1=4,U2=3"`` -> {"U1": "4", "U2": "3"}; a malformed item is a usage error."""
    out: dict[str, str] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(
                f"{option}: expected KEY=VALUE items separated by commas, got {item!r}"
            )
        key = key.strip()
        if any(key.casefold() == seen.casefold() for seen in out):
            # A dict would keep the last one silently (U1=4,U1=1 stored U1=1).
            raise UsageError(f"{option}: {key} is given twice; give each once")
        out[key] = value.strip()
    return out


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option}: expected a date such as 2026-11-24, got {text!r}") from None


def cmd_survey_submit(args: argparse.Namespace) -> int:
    answers = _pairs(args.answers, "--answers")
    profile: dict[str, object] = dict(_pairs(args.profile, "--profile")) if args.profile else {}
    at = None
    if args.at:
        try:
            at = dt.datetime.fromisoformat(args.at.strip())
        except ValueError:
            raise UsageError(
                f"--at: expected a time such as 2026-11-24T10:30 (office time) or with an "
                f"offset, got {args.at!r}"
            ) from None
    source = args.source or ("paper" if at is not None else "cli")
    with _office(args) as office:
        receipt = office.submit_survey(
            answers=dict(answers),
            profile=profile or None,
            ticket=_ref(args.ticket, "--ticket") if args.ticket else None,
            survey=args.survey,
            at=at,
            source=source,
            suggestion=args.suggestion,
            service=args.service,
        )
    if args.json:
        _print_json(receipt.to_dict())
    else:
        linked = f" for ticket {receipt.ticket_code}" if receipt.ticket_code else ""
        where = f", service {receipt.service}" if receipt.service else ""
        desk = f", counter {receipt.counter}" if receipt.counter is not None else ""
        print(
            f"{receipt.survey.upper()} response {receipt.id}{linked} stored "
            f"(office day {receipt.office_day}{where}{desk})"
        )
    return 0


def cmd_report_ikm(args: argparse.Namespace) -> int:
    from kiosk.survey.ikm import LABELS_EN
    from kiosk.survey.model import SurveyFilter

    date_from = _date(args.date_from, "--from")
    date_to = _date(args.date_to, "--to") if args.date_to else date_from
    where = SurveyFilter(
        gender=args.gender,
        education=args.education,
        occupation=args.occupation,
        age_min=args.age_min,
        age_max=args.age_max,
    )
    recap_format: RecapFormat | None = None
    if args.format or args.out:
        if not args.out:
            raise UsageError("--format needs --out FILE (the report to write)")
        recap_format = _out_format(args.out, args.format, RECAP_FORMATS)
    with _office(args) as office:
        service = _known_service(office, args.service)
        _known_counter(office, args.counter)
        result = office.ikm(date_from, date_to, service, args.counter, args.survey, where=where)
        definition = office.survey_definition(args.survey)
        name = office.settings.office.name
        if recap_format is not None:
            return _write_ikm_report(office, args, result, recap_format, where)
    if args.json:
        _print_json(result.to_dict())
        return 0
    scope = [f"service {result.service}"] if result.service else []
    if result.counter is not None:
        scope.append(f"counter {result.counter}")
    period = f"{date_from}" if date_from == date_to else f"{date_from} .. {date_to}"
    extra = f" ({', '.join(scope)})" if scope else ""
    print(f"{definition.name_id} — {name} — {period}{extra}")
    if not result.has_data:
        print("no responses in this period (no data: no IKM)")
        return 0
    weight = f"x 1/{len(definition.elements)}"
    print(f"{'unsur':<46} {'answered':>8} {'sum':>8} {'NRR':>7} {weight:>9}")
    for e in result.elements:
        nrr = f"{e.nrr:.3f}" if e.nrr is not None else "-"
        weighted = f"{e.weighted:.3f}" if e.weighted is not None else "-"
        label = f"{e.code} {e.name_id}"[:46]
        print(f"{label:<46} {e.answered:>8} {e.total:>8} {nrr:>7} {weighted:>9}")
    print(f"respondents: {result.respondents}")
    if result.ikm is not None and result.ikm_raw is not None:
        print(
            f"IKM: {result.ikm_raw:.3f} (1-4) -> {result.ikm:.2f} (25-100); "
            f"mutu {result.grade}, kinerja {result.label} ({LABELS_EN.get(result.grade or '')})"
        )
    elif result.ikm_raw is not None:
        print(f"mean: {result.ikm_raw:.3f} on {definition.scale_min}-{definition.scale_max}")
    if result.sample is not None:
        s = result.sample
        state = "met" if s.met else "NOT met"
        print(
            f"sample: {s.respondents} respondents, Krejcie-Morgan minimum {s.required} "
            f"for {s.population} served: {state}"
        )
    return 0


# -- survey exports and the monthly recap (PDF, XLSX) ---------------------------------------
#: What ``report ikm --out`` writes, the first being the default for a name without an
#: extension (checked against kiosk.exports.RecapFormat by mypy).
RECAP_FORMATS: tuple[RecapFormat, ...] = ("pdf", "xlsx")
#: What ``export surveys`` and ``export tickets`` write (csv first: the default).
TABLE_FORMATS: tuple[ExportFormat, ...] = EXPORT_FORMATS
_F = TypeVar("_F", bound=str)


def _out_format(out: str, given: str | None, writable: Sequence[_F]) -> _F:
    """The format of the file ``--out`` names: ``--format`` if given, else the file's
    extension, else the command's default (``writable[0]``). Refused before anything is read
    or written: an extension the command cannot write, or one ``--format`` contradicts (a
    CSV named .pdf opens as a broken PDF)."""
    from pathlib import PurePath

    suffix = PurePath(out).suffix.lower().removeprefix(".")
    names = " or ".join(f".{f}" for f in writable)
    if suffix and suffix not in writable:
        raise UsageError(f"--out {out}: this command writes {names} files, not .{suffix}")
    if given is not None and suffix and given != suffix:
        raise UsageError(
            f"--format {given} does not match --out {out}: name the file .{given}, "
            f"or leave out --format to write {suffix.upper()}"
        )
    wanted = given or suffix or writable[0]
    for fmt in writable:
        if fmt == wanted:
            return fmt
    # Not reached from the command line: argparse's choices refuse any other --format.
    raise UsageError(f"--format {given}: this command writes {names} files")


def _known_service(office: Office, code: str | None) -> str | None:
    """A report's or export's --service, refused when the office has no such service: a
    typo would otherwise give an empty report that looks like a quiet day."""
    if code is None:
        return None
    known = [s.code for s in office.services()]
    if code.strip().upper() not in known:
        raise UnknownService(code, known)
    return code.strip().upper()


def _known_counter(office: Office, number: int | None) -> None:
    """A report's or export's --counter, refused when the office has no such counter."""
    if number is None:
        return
    known = [c.number for c in office.counters()]
    if number not in known:
        raise UnknownCounter(number, known)


def _check_out(office: Office, args: argparse.Namespace) -> None:
    """Refuse ``--out`` before its contents are made: never the office's database (or
    its -wal/-shm), a backup or the configuration; another existing file only with --force."""
    from pathlib import Path

    office.check_export_target(Path(args.out), replace=args.force)


def _write_output(path: str, data: bytes) -> None:
    from pathlib import Path

    from kiosk.survey.export import write_file

    try:
        write_file(Path(path), data)
    except OSError as exc:
        raise UsageError(f"--out: cannot write {path}: {exc.strerror or exc}") from None


def cmd_export_surveys(args: argparse.Namespace) -> int:
    fmt = _out_format(args.out, args.format, TABLE_FORMATS)
    with _office(args) as office:
        _check_out(office, args)
        day = _date(args.date, "--date") if args.date else office.today()
        responses = len(office.survey_responses(day, args.survey))
        data = office.export_survey_day(day, fmt, args.survey)
    _write_output(args.out, data)
    if args.json:
        _print_json(
            {"path": args.out, "format": fmt, "date": day.isoformat(), "responses": responses}
        )
    else:
        print(f"{responses} {args.survey.upper()} responses of {day} written to {args.out}")
    return 0


def cmd_export_tickets(args: argparse.Namespace) -> int:
    from kiosk.domain.model import TicketQuery

    fmt = _out_format(args.out, args.format, TABLE_FORMATS)
    with _office(args) as office:
        _check_out(office, args)
        date_from = _date(args.date_from, "--from") if args.date_from else office.today()
        date_to = _date(args.date_to, "--to") if args.date_to else date_from
        _known_counter(office, args.counter)
        query = TicketQuery(
            date_from,
            date_to,
            service=_known_service(office, args.service),
            counter=args.counter,
            status=TicketStatus(args.status) if args.status else None,
        )
        count = office.count_tickets(query)
        data = office.export_tickets(query, fmt)
    _write_output(args.out, data)
    if args.json:
        _print_json({"path": args.out, "format": fmt, "tickets": count})
    else:
        print(f"{count} tickets of {date_from} .. {date_to} written to {args.out}")
    return 0


def _write_ikm_report(
    office: Office,
    args: argparse.Namespace,
    result: IkmResult,
    fmt: RecapFormat,
    where: SurveyFilter,
) -> int:
    """``kiosk report ikm ... --out F``: the monthly recap (rekap) as offices file it. Called
    by cmd_report_ikm with the office still open and the IKM computed."""
    _check_out(office, args)
    data = office.export_ikm_recap(result, fmt, where)
    _write_output(args.out, data)
    if args.json:
        _print_json({"path": args.out, "format": fmt, **result.to_dict()})
    else:
        period = f"{result.date_from}" + (
            "" if result.date_from == result.date_to else f" .. {result.date_to}"
        )
        summary = (
            f"IKM {result.ikm:.2f} {result.grade} ({result.label})"
            if result.ikm is not None
            else "no responses"
        )
        print(f"recap of {period} ({result.respondents} respondents, {summary}) -> {args.out}")
    return 0


def _add_export_commands(groups: Any, common: argparse.ArgumentParser) -> None:
    export = groups.add_parser("export", help="export data to files", parents=[common])
    esub = export.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    esub.required = True
    p = esub.add_parser(
        "surveys",
        help="one day's survey responses, one row each (CSV for Excel, or XLSX)",
        parents=[common],
    )
    p.add_argument("--date", metavar="DATE", help="office day (default: today)")
    _add_out_options(p, TABLE_FORMATS, required=True)
    p.add_argument("--survey", default="skm", help="survey code (default skm)")
    p.add_argument("--json", action="store_true", help="print one JSON value on stdout")
    p.set_defaults(func=cmd_export_surveys)
    p = esub.add_parser(
        "tickets",
        help="the tickets of a period with their times (CSV for Excel, or XLSX)",
        parents=[common],
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="first day (default today)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day (default --from)")
    p.add_argument("--service", help="only this service")
    p.add_argument("--counter", type=_COUNTER, help="only this counter")
    p.add_argument("--status", choices=[s.value for s in TicketStatus])
    _add_out_options(p, TABLE_FORMATS, required=True)
    p.add_argument("--json", action="store_true", help="print one JSON value on stdout")
    p.set_defaults(func=cmd_export_tickets)


def _add_out_options(
    p: argparse.ArgumentParser, formats: Sequence[str], *, required: bool, what: str = "the file"
) -> None:
    """--out and --format alike for every command that writes a file (see _out_format)."""
    names = " or ".join(f".{f}" for f in formats)
    p.add_argument("--out", required=required, metavar="FILE", help=f"{what} to write ({names})")
    p.add_argument(
        "--format",
        choices=list(formats),
        help=f"default: from --out's extension, else {formats[0]} (an extension that does "
        "not match is refused)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace --out if it exists (never the office's database, a backup or the config)",
    )


# -- parser -----------------------------------------------------------------------------
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
_AGE = _whole("an age", AGE_MIN, AGE_MAX)
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


def build_parser() -> argparse.ArgumentParser:
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
    port.add_argument("--lang", choices=["id", "en"], default="id", help="slip language")
    officer = _Parser(add_help=False)
    officer.add_argument(
        "--officer",
        metavar="NAME",
        type=_line("--officer", ACTOR_MAX_CHARS),
        help=f"who does this (for the history; at most {ACTOR_MAX_CHARS} characters)",
    )

    parser = _Parser(
        prog="kiosk",
        description="Front-desk queueing and satisfaction-survey kiosk.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    groups = parser.add_subparsers(dest="group", metavar="COMMAND", parser_class=_Parser)
    groups.required = True

    # ticket ...
    ticket = groups.add_parser("ticket", help="issue and move tickets", parents=[common])
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

    # printer ...
    printer = groups.add_parser("printer", help="the slip printer", parents=[common])
    psub = printer.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    psub.required = True
    p = psub.add_parser(
        "status",
        help="ask the printer its state (exit 1 if it cannot print)",
        parents=[common, as_json, port],
    )
    p.set_defaults(func=cmd_printer_status)
    p = psub.add_parser("test", help="print a test page", parents=[common, as_json, port])
    p.set_defaults(func=cmd_printer_test)
    p = psub.add_parser(
        "alerts", help="open printer alerts from every kiosk", parents=[common, as_json]
    )
    p.set_defaults(func=cmd_printer_alerts)
    p = psub.add_parser(
        "preview", help="draw a ticket's slip to a PNG file", parents=[common, as_json]
    )
    p.add_argument("--ticket", required=True, help="ticket id or today's code (A-001)")
    p.add_argument("--out", required=True, help="the PNG file to write")
    p.add_argument("--lang", choices=["id", "en"], default="id")
    p.add_argument("--paper", type=int, choices=sorted(PAPER), help="paper width (default: config)")
    p.set_defaults(func=cmd_printer_preview)

    # queue status
    queue = groups.add_parser("queue", help="today's queue", parents=[common])
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

    # counter ...
    counter = groups.add_parser("counter", help="a counter (loket)", parents=[common])
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

    # audit
    p = groups.add_parser(
        "audit", help="the audit log (out-of-order calls...)", parents=[common, as_json]
    )
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

    # db ...
    db = groups.add_parser("db", help="database maintenance", parents=[common])
    dsub = db.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    dsub.required = True
    p = dsub.add_parser("upgrade", help="create or upgrade the schema", parents=[common])
    p.set_defaults(func=cmd_db_upgrade)
    p = dsub.add_parser(
        "backup",
        help="copy an SQLite database safely while it is in use",
        parents=[common, as_json],
    )
    p.add_argument("--to", metavar="DIR", help="backup folder (default: data dir/backups)")
    p.add_argument("--keep", type=_KEEP, default=14, help="copies to keep in the folder")
    p.set_defaults(func=cmd_db_backup)
    p = dsub.add_parser(
        "restore", help="put a backup back (the current database is kept)", parents=[common]
    )
    p.add_argument("backup", help="a kiosk-backup-*.db file")
    p.add_argument("--yes", action="store_true", help="really replace the data")
    _add_admin_options(p)
    p.set_defaults(func=cmd_db_restore)

    # config ...
    config = groups.add_parser("config", help="the configuration file", parents=[common])
    csub = config.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    csub.required = True
    p = csub.add_parser("check", help="validate the configuration", parents=[common, as_json])
    p.set_defaults(func=cmd_config_check)
    p = csub.add_parser("example", help="print an annotated example file", parents=[common])
    p.set_defaults(func=cmd_config_example)

    p = groups.add_parser(
        "demo-data", help="fill today with a realistic day of tickets", parents=[common, as_json]
    )
    p.add_argument("--force", action="store_true", help="add a day even if today has tickets")
    p.add_argument("--seed", type=_SEED, default=None, help="random seed (repeatable demo)")
    p.set_defaults(func=cmd_demo_data)

    p = groups.add_parser(
        "demo",
        help="fill a demo database and start the windows (Ctrl+C stops them)",
        parents=[common],
    )
    p.add_argument("--seed", type=_SEED, default=None, help="random seed for the demo day")
    p.set_defaults(func=cmd_demo)

    p = groups.add_parser(
        "bench", help="measure issue latency and call-next throughput", parents=[common, as_json]
    )
    p.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    p.add_argument(
        "--history", type=_HISTORY, default=None, help="tickets of history to add (default 200000)"
    )
    p.set_defaults(func=cmd_bench)
    _add_window_commands(groups, common)
    _add_survey_commands(groups, common, as_json)
    _add_staff_commands(groups, common, as_json)
    _add_export_commands(groups, common)
    _add_office_commands(groups, common)
    _add_kiosk_commands(groups, common)
    _add_doctor_command(groups, common, as_json, parser)
    return parser


def _add_window_commands(groups: Any, common: argparse.ArgumentParser) -> None:
    p = groups.add_parser("run", help=f"start a window ({', '.join(WINDOWS)})", parents=[common])
    p.add_argument(
        "window",
        choices=list(WINDOWS),
        help=", ".join(f"{name} ({purpose})" for name, purpose in WINDOWS.items()),
    )
    p.add_argument(
        "--windowed",
        action="store_true",
        help="kiosk and display: an ordinary 1366x768 window instead of the full screen",
    )
    p.add_argument(
        "--screen",
        metavar="N|NAME",
        default=os.environ.get("KIOSK_SCREEN") or None,
        help="kiosk and display: the screen to fill, by number or name (see: kiosk screens); "
        "default: KIOSK_SCREEN, else the main screen",
    )
    p.add_argument("--counter", type=_COUNTER, metavar="N", help="counter: preselect counter N")
    p.add_argument("--username", metavar="NAME", help="counter: sign in as NAME at start")
    p.add_argument(
        "--pin-stdin", action="store_true", help="counter: read NAME's PIN from standard input"
    )
    p.set_defaults(func=cmd_run)
    p = groups.add_parser(
        "screens",
        help="list this PC's screens, numbered as `kiosk run --screen` counts them",
        parents=[common],
    )
    p.set_defaults(func=cmd_screens)
    p = groups.add_parser(
        "screenshots",
        help="render every window's screens to PNG (id and en) from a demo office",
        parents=[common],
    )
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files")
    p.add_argument("--seed", type=_SEED, default=7, help="random seed for the demo day")
    p.add_argument(
        "--window",
        action="append",
        choices=list(WINDOWS),
        help="only this window (repeatable; default: all)",
    )
    p.set_defaults(func=cmd_screenshots)


def _add_survey_commands(
    groups: Any, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser
) -> None:
    survey = groups.add_parser("survey", help="the satisfaction survey (SKM)", parents=[common])
    ssub = survey.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    ssub.required = True
    p = ssub.add_parser(
        "submit",
        help="store one response (scripted entry, paper questionnaires with --at)",
        parents=[common, as_json],
    )
    p.add_argument(
        "--answers", required=True, metavar="U1=4,U2=3,...", help="answers by element code"
    )
    p.add_argument("--ticket", metavar="CODE|TOKEN", help="ticket id, code (A-001) or slip token")
    p.add_argument(
        "--profile",
        metavar="gender=L,age=34,...",
        help=f"gender ({'/'.join(GENDERS)}), age_band ({', '.join(AGE_BAND_CODES)}) or age "
        f"(a paper form's exact age, kept only as its band), education "
        f"({', '.join(EDUCATION)}), occupation ({', '.join(OCCUPATIONS)})",
    )
    p.add_argument("--suggestion", metavar="TEXT", help="the respondent's suggestion (saran)")
    p.add_argument("--service", metavar="CODE", help="service received (without a ticket)")
    p.add_argument(
        "--at",
        metavar="ISO-TIMESTAMP",
        help="when it was answered (paper questionnaires); without an offset: office time",
    )
    p.add_argument(
        "--source",
        choices=list(SOURCES),
        help="where it came from (default: paper with --at, else cli)",
    )
    p.add_argument("--survey", default="skm", help="survey code (default skm)")
    p.set_defaults(func=cmd_survey_submit)

    report = groups.add_parser("report", help="survey reports (IKM)", parents=[common])
    rsub = report.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    rsub.required = True
    p = rsub.add_parser(
        "ikm", help="the IKM of a period (PermenPANRB 14/2017)", parents=[common, as_json]
    )
    p.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="first day")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day (default: --from)")
    p.add_argument("--service", metavar="CODE", help="only this service")
    p.add_argument("--counter", type=_COUNTER, metavar="N", help="only this counter")
    p.add_argument("--gender", choices=list(GENDERS), help="only respondents of this gender")
    p.add_argument(
        "--education", metavar="LEVEL", help=f"only this education ({', '.join(EDUCATION)})"
    )
    p.add_argument(
        "--occupation", metavar="NAME", help=f"only this occupation ({', '.join(OCCUPATIONS)})"
    )
    p.add_argument("--age-min", type=_AGE, metavar="N", help="only respondents this old or older")
    p.add_argument("--age-max", type=_AGE, metavar="N", help="only respondents this old or younger")
    p.add_argument("--survey", default="skm", help="survey code (default skm)")
    _add_out_options(p, RECAP_FORMATS, required=False, what="the monthly recap (rekap)")
    p.set_defaults(func=cmd_report_ikm)


#: Commands that only read or print: no log file for them (a status check every few
#: seconds from a script must not fill the disk or rotate away what matters).
_QUIET_COMMANDS = frozenset(
    {"config", "queue", "doctor", "report", "screens", "screenshots", "bench"}
)


def _start_log(args: argparse.Namespace, argv: Sequence[str] | None) -> None:
    """One log file per role: the window's name for ``run``, "cli" for the rest."""
    import logging

    from kiosk.logs import setup_logging

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


# -- staff accounts ---------------------------------------------------------------------
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
def _signed_in(office: Office, args: argparse.Namespace, pin: str | None) -> Iterator[Any]:
    """The admin's session for one command (signed out at the end); None without --as,
    and then the service refuses whatever needs an admin (NotSignedIn, exit 2)."""
    if pin is None:
        yield None
        return
    session = office.sign_in(args.as_user, pin, roles=[Role.ADMIN], where="cli")
    try:
        yield session
    finally:
        office.sign_out(session)


def cmd_staff_add(args: argparse.Namespace) -> int:
    admin_pin = _admin_pin(args)
    pin = _read_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        account = office.add_staff(
            args.username, args.name or args.username, args.role, pin, session=session
        )
    if args.json:
        _print_json(account.to_dict())
    else:
        print(f"staff account {account.username} ({account.role.value}) added")
    return 0


def cmd_staff_disable(args: argparse.Namespace) -> int:
    admin_pin = _admin_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        if args.enable:
            office.enable_staff(args.username, session=session)
        else:
            office.disable_staff(args.username, session=session)
    print(f"staff account {args.username} {'enabled' if args.enable else 'disabled'}")
    return 0


def cmd_staff_reset_pin(args: argparse.Namespace) -> int:
    admin_pin = _admin_pin(args)
    pin = _read_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        office.reset_staff_pin(args.username, pin, session=session)
    print(f"PIN of {args.username} changed")
    return 0


def cmd_staff_unlock(args: argparse.Namespace) -> int:
    admin_pin = _admin_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        office.unlock_staff(args.username, session=session)
    print(f"staff account {args.username} unlocked: it may sign in again")
    return 0


def cmd_staff_list(args: argparse.Namespace) -> int:
    with _office(args) as office:
        accounts = office.staff()
    if args.json:
        _print_json({"staff": [a.to_dict() for a in accounts]})
        return 0
    if not accounts:
        print("no staff accounts yet: kiosk staff add --username NAME --role officer")
    now = dt.datetime.now(dt.UTC)
    for a in accounts:
        state = "" if a.active else "  [disabled]"
        if a.locked_until is not None and a.locked_until > now:
            state += f"  [locked after wrong PINs until {a.locked_until.astimezone():%H.%M}]"
        print(f"{a.username:<20} {a.role.value:<11} {a.name}{state}")
    return 0


def _add_staff_commands(
    groups: Any, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser
) -> None:
    roles = [r.value for r in Role]
    staff = groups.add_parser(
        "staff",
        help=f"staff accounts ({', '.join(roles)}); changes need an admin: --as USERNAME",
        parents=[common],
    )
    sub = staff.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    sub.required = True
    p = sub.add_parser(
        "add",
        help="add an account (the office's first admin needs no --as)",
        parents=[common, as_json],
    )
    p.add_argument("--username", required=True, help="sign-in name, e.g. budi")
    p.add_argument(
        "--name",
        type=_line("--name", STAFF_NAME_MAX_CHARS),
        help=f"full name shown in the windows (at most {STAFF_NAME_MAX_CHARS} characters)",
    )
    p.add_argument("--role", choices=roles, default=Role.OFFICER.value)
    _add_admin_options(p)
    p.set_defaults(func=cmd_staff_add)
    for name, text, enable in (
        ("disable", "disable an account (it can no longer sign in)", False),
        ("enable", "enable a disabled account again", True),
    ):
        p = sub.add_parser(name, help=text, parents=[common])
        p.add_argument("username")
        _add_admin_options(p)
        p.set_defaults(func=cmd_staff_disable, enable=enable)
    p = sub.add_parser("reset-pin", help="set a new PIN", parents=[common])
    p.add_argument("username")
    _add_admin_options(p)
    p.set_defaults(func=cmd_staff_reset_pin)
    p = sub.add_parser(
        "unlock",
        help="let an account locked after wrong PINs sign in again now",
        parents=[common],
    )
    p.add_argument("username")
    _add_admin_options(p)
    p.set_defaults(func=cmd_staff_unlock)
    p = sub.add_parser("list", help="list accounts", parents=[common, as_json])
    p.set_defaults(func=cmd_staff_list)


# -- the office (its logo) --------------------------------------------------------------
def cmd_office_logo(args: argparse.Namespace) -> int:
    from pathlib import Path

    data: bytes | None = None
    if args.set is not None:
        try:
            data = Path(args.set).read_bytes()
        except OSError as exc:
            raise UsageError(f"--set: cannot read {args.set}: {exc.strerror or exc}") from None
    admin_pin = _admin_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        office.set_logo(data, session=session)
        logo = office.logo()
    if logo is None:
        print("office logo removed")
    else:
        print(f"office logo set from {args.set} ({len(logo)} bytes as PNG)")
    return 0


# -- the lobby kiosk's way out --------------------------------------------------------------
def cmd_kiosk_set_exit_pin(args: argparse.Namespace) -> int:
    admin_pin = _admin_pin(args)
    pin = _read_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        if args.if_unset and office.exit_pin_is_set():
            print("the office already has a kiosk exit PIN; unchanged")
            return 0
        office.set_exit_pin(pin, session=session)
    print("kiosk exit PIN set for every kiosk of the office (kept only as a hash)")
    return 0


def _add_kiosk_commands(groups: Any, common: argparse.ArgumentParser) -> None:
    kiosk = groups.add_parser("kiosk", help="the lobby kiosk (its exit PIN)", parents=[common])
    sub = kiosk.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    sub.required = True
    p = sub.add_parser(
        "set-exit-pin",
        help=f"the PIN ({NEW_SECRET_MIN}-12 digits) that closes a kiosk after the exit chord; "
        "asked twice without echo, kept only as a hash",
        parents=[common],
    )
    _add_admin_options(p)
    p.add_argument(
        "--if-unset",
        action="store_true",
        help="only when the office has none yet (the installer: an office keeps its own)",
    )
    p.set_defaults(func=cmd_kiosk_set_exit_pin)


def _add_office_commands(groups: Any, common: argparse.ArgumentParser) -> None:
    office = groups.add_parser("office", help="the office itself (its logo)", parents=[common])
    sub = office.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    sub.required = True
    p = sub.add_parser("logo", help="set or remove the logo every window shows", parents=[common])
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--set",
        metavar="FILE",
        help=f"{', '.join(LOGO_FORMATS)}, at most {LOGO_MAX_BYTES // 1024 // 1024} MB",
    )
    which.add_argument("--remove", action="store_true", help="show no logo")
    _add_admin_options(p)
    p.set_defaults(func=cmd_office_logo)


# -- kiosk doctor -------------------------------------------------------------------------
DOCTOR_HELP = (
    "kiosk doctor: checks this PC's configuration file, database, slip printer (port, "
    "permissions, the printer's own state), log folder and whether Qt can open windows "
    "(the system libraries its X11 plugin needs), and prints each finding with a "
    "fix; exit status 1 when anything is a problem. Run it as the account that runs the "
    "windows, e.g. sudo -u kiosk kiosk doctor."
)


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.doctor import exit_code, format_findings, run_doctor

    findings = run_doctor(args.config, args.db)
    if args.json:
        _print_json([f.to_dict() for f in findings])
    else:
        print(format_findings(findings))
    return exit_code(findings)


def _add_doctor_command(
    groups: Any,
    common: argparse.ArgumentParser,
    as_json: argparse.ArgumentParser,
    parser: argparse.ArgumentParser,
) -> None:
    parser.epilog = DOCTOR_HELP
    p = groups.add_parser(
        "doctor",
        help="find what is wrong on this PC (config, database, printer, logs) and how to fix it",
        description=DOCTOR_HELP,
        parents=[common, as_json],
    )
    p.set_defaults(func=cmd_doctor)


# Last, so that every function above exists when ``python -m kiosk.cli`` runs it.
if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
