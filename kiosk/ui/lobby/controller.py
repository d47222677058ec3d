"""The kiosk's work away from the screen: reading the queue, issuing, printing, and telling
the office how the printer is. Every office and printer call runs on a worker thread (one
for the database, one for the printer); the screens hear about results through signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config.settings import Settings
from kiosk.domain.errors import DatabaseUnavailable, KioskError, WalkUpTooSoon
from kiosk.domain.log import about
from kiosk.domain.model import QueueStatus, Ticket
from kiosk.printing.printer import ADVICE, Printer, PrintOutcome
from kiosk.printing.slip import Slip
from kiosk.printing.status import PrinterState
from kiosk.survey.model import Profile, SurveyReceipt
from kiosk.ui.common.changes import ChangeWatcher
from kiosk.ui.common.office_link import RETRY_MS, Availability, OfficeLink, SettingsWatch
from kiosk.ui.common.worker import Worker
from kiosk.ui.lobby.ports import KioskOffice
from kiosk.ui.lobby.survey_flow import SurveyFlow, SurveyStart

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Timings:
    """How long things take on the kiosk, in milliseconds (tests shorten them)."""

    idle_ms: int
    confirmation_ms: int
    printer_poll_ms: int = 30_000
    #: Re-read the queue this often even without a change (opening hours pass by).
    status_refresh_ms: int = 30_000
    #: While the database is unreachable, try again this often.
    retry_ms: int = RETRY_MS
    #: A slip still not printed after this long is reported to the applicant as not printed.
    print_patience_ms: int = 10_000
    #: A survey left alone this long is discarded (nothing stored).
    survey_idle_ms: int = 60_000

    @classmethod
    def from_settings(cls, settings: Settings) -> Timings:
        return cls(
            idle_ms=settings.kiosk.idle_seconds * 1000,
            confirmation_ms=settings.kiosk.confirmation_seconds * 1000,
            survey_idle_ms=settings.survey.idle_seconds * 1000,
        )


@dataclass(frozen=True, slots=True)
class Issued:
    ticket: Ticket
    slip: Slip | None  # None: the slip could not be prepared (the number still stands)
    lang: str
    #: An appointment checked in before: its ticket again, nothing new printed.
    again: bool = False


@dataclass(frozen=True, slots=True)
class _Read:
    """What one refresh brings back from the database thread."""

    status: QueueStatus
    reprints: list[tuple[Ticket, Slip | None]]
    test_print: bool
    settings: Settings | None  # new settings saved by a supervisor, else None
    #: The office logo (PNG bytes or None), when it was read this time (logo_read).
    logo: bytes | None = None
    logo_read: bool = False
    #: Appointments can check in today (the home screen's entry is shown).
    check_in_open: bool = False


class KioskController(QObject):
    status_changed = Signal(object)  # QueueStatus
    #: A supervisor changed the settings (Settings); the window is rebuilt when at rest.
    settings_changed = Signal(object)
    #: The printer worker has nothing left to do (a slip or a status question finished).
    printer_idle = Signal()
    #: False while the database cannot be reached; True again once it answers.
    availability_changed = Signal(bool)
    ticket_issued = Signal(object)  # Issued
    issue_refused = Signal(str, object)  # service code, KioskError
    print_finished = Signal(int, object)  # ticket id, PrintOutcome
    printer_state_changed = Signal(object)  # PrinterState
    #: The office logo was read (PNG bytes, or None: the office has none).
    logo_changed = Signal(object)
    #: The slip's outcome was written to the database (for tests and logs).
    slip_recorded = Signal(int)
    #: The survey may begin: SurveyStart (the definition, the verified ticket or None).
    survey_started = Signal(object)
    #: The ticket cannot answer: KioskError (InvalidToken, NoSuchTicket, SurveyAlreadyAnswered,
    #: SurveyNotServed), or a walk-up came too soon after the last (WalkUpTooSoon).
    survey_refused = Signal(object)
    #: Seconds before this kiosk takes another walk-up (read from the database).
    walk_up_wait_read = Signal(int)
    #: Whether the office has an exit PIN at all (asked when the exit chord opens the pad).
    exit_pin_state = Signal(bool)
    #: The exit PIN's answer: None (it opens the kiosk) or the refusal (KioskError).
    exit_pin_checked = Signal(object)
    survey_submitted = Signal(object)  # SurveyReceipt
    #: Whether appointments can check in today (bool, with every queue read).
    check_in_open = Signal(bool)
    #: A check-in was refused: KioskError (an AppointmentError carries the screen's words).
    check_in_refused = Signal(object)
    #: The answers were not stored: KioskError (e.g. SurveyAlreadyAnswered) or another error.
    survey_failed = Signal(object)

    def __init__(
        self,
        settings: Settings,
        open_office: Callable[[], KioskOffice],
        printer: Printer,
        timings: Timings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.timings = timings
        self.link: OfficeLink[KioskOffice] = OfficeLink(open_office, parent=self)
        self.link.changed.connect(self.refresh)
        self.link.feed_failed.connect(lambda msg: self._database_problem(DatabaseUnavailable(msg)))
        self._logo_read = False  # touched on the database thread only
        self._settings_watch = SettingsWatch(settings)  # likewise
        self._printer = printer
        #: An office may run a kiosk without a printer on purpose: nothing to watch then.
        self._has_printer = settings.printer.kind != "none"
        self._db = self.link.worker
        self._print = Worker("printer", self)
        self._print.busy_changed.connect(self._printer_busy)
        self._availability = Availability(self.availability_changed.emit, log, "queue")
        self._refreshing = False
        self._refresh_again = False
        self._issuing = False
        self._closing = False
        self.printer_state: PrinterState | None = None
        self.last_status: QueueStatus | None = None

        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(timings.retry_ms)
        self._retry.timeout.connect(self.refresh)
        self._periodic = QTimer(self)
        self._periodic.setInterval(timings.status_refresh_ms)
        self._periodic.timeout.connect(self.refresh)
        self._printer_poll = QTimer(self)
        self._printer_poll.setInterval(timings.printer_poll_ms)
        self._printer_poll.timeout.connect(self.poll_printer)

    # -- state ----------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """The database answered the last time it was asked (False before it was)."""
        return bool(self._availability.value)

    @property
    def issuing(self) -> bool:
        return self._issuing

    def _printer_busy(self, busy: bool) -> None:
        if not busy:
            self.printer_idle.emit()

    @property
    def printing(self) -> bool:
        """A slip or a status question is with the printer."""
        return self._print.pending > 0

    @property
    def watcher(self) -> ChangeWatcher | None:
        return self.link.watcher

    def start(self) -> None:
        self.refresh()
        self._periodic.start()
        self._printer_poll.start()
        self.poll_printer()

    # -- database thread helpers ------------------------------------------------------------
    def _office_here(self) -> KioskOffice:
        """The office, opened on first use (runs on the database thread)."""
        return self.link.here()

    def _database_problem(self, exc: Exception) -> None:
        self._availability.failed(exc)
        if not self._closing:
            self._retry.start()

    # -- reading the queue -------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the queue (coalesced: one read in flight, at most one more queued)."""
        if self._closing:
            return
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        has_printer = self._has_printer
        name = self.settings.kiosk.name
        watch = self._settings_watch

        def job() -> _Read:
            office = self._office_here()
            # Settings a supervisor saved meanwhile (one small read when there are none).
            settings = watch.news(office)
            status = office.queue.status()
            # Slips an officer asked to reprint: claimed here so only one kiosk prints each.
            asked = office.slips.take_reprints(office.today()) if has_printer else []
            test = has_printer and office.settings_store.take_printer_test(name)
            # The logo: once, and again when the settings (the logo among them) changed.
            read_logo = not self._logo_read or settings is not None
            logo = office.logo() if read_logo else None
            self._logo_read = True
            return _Read(
                status,
                [(t, self._slip_or_none(office, t)) for t in asked],
                test,
                settings,
                logo,
                read_logo,
                office.appointments.check_in_open(),
            )

        self._db.submit(job, self._read, self._status_failed)

    @staticmethod
    def _slip_or_none(office: KioskOffice, ticket: Ticket, lang: str = "id") -> Slip | None:
        try:
            return office.slip(ticket, lang)
        except Exception:
            # The ticket stands; only the slip (and its QR) is missing.
            log.exception("could not prepare the slip", extra=about(ticket.code))
            return None

    def _read(self, read: _Read) -> None:
        for ticket, slip in read.reprints:
            log.info("reprinting the slip (asked at a counter)", extra=about(ticket.code))
            self._print_slip(ticket, slip)
        if read.test_print:
            self.print_test_page()
        if read.logo_read:
            self.logo_changed.emit(read.logo)
        self.check_in_open.emit(read.check_in_open)
        self._status_read(read.status)
        if read.settings is not None:
            self.settings_changed.emit(read.settings)

    def print_test_page(self) -> None:
        """A test page (asked from the admin window); its outcome is reported as a state."""
        office_name = self.settings.office.name
        self._print.submit(
            lambda: self._printer.print_test(office_name),
            lambda outcome: self._printer_polled(outcome.state),
            lambda exc: self._printer_polled(PrinterState.NO_ANSWER),
        )

    def _status_read(self, status: QueueStatus) -> None:
        self._refreshing = False
        self._retry.stop()
        self.last_status = status
        self._availability.set(True)
        self.link.watch()
        self.status_changed.emit(status)
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _status_failed(self, exc: Exception) -> None:
        self._refreshing = False
        self._refresh_again = False
        self._database_problem(exc)

    # -- issuing -----------------------------------------------------------------------------
    def issue(self, service_code: str, priority: str | None, lang: str) -> bool:
        """Take a ticket (on the worker); False if one is already being taken."""
        if self._issuing or self._closing:
            return False
        self._issuing = True

        def job() -> Issued:
            office = self._office_here()
            ticket = office.queue.issue_ticket(service_code, priority)
            return Issued(ticket, self._slip_or_none(office, ticket, lang), lang)

        self._db.submit(job, self._issued, lambda exc: self._issue_failed(service_code, exc))
        return True

    def check_in(self, code: str, lang: str) -> bool:
        """An appointment's ticket for a scanned or typed code (on the worker); a code that
        checked in before gets its ticket again, with nothing printed."""
        if self._issuing or self._closing:
            return False
        self._issuing = True

        def job() -> Issued:
            office = self._office_here()
            done = office.appointments.check_in(code)
            # Again: the slip only for its QR on the screen (not printed a second time).
            slip = self._slip_or_none(office, done.ticket, lang)
            return Issued(done.ticket, slip, lang, again=done.again)

        self._db.submit(job, self._issued, self._check_in_failed)
        return True

    def _check_in_failed(self, exc: Exception) -> None:
        self._issuing = False
        if isinstance(exc, KioskError):
            self.check_in_refused.emit(exc)
        else:
            self._database_problem(exc)

    def _issued(self, issued: Issued) -> None:
        self._issuing = False
        self._availability.set(True)
        self.ticket_issued.emit(issued)
        if not issued.again:
            self._print_slip(issued.ticket, issued.slip)

    def _print_slip(self, ticket: Ticket, slip: Slip | None) -> None:
        if slip is None:
            outcome = PrintOutcome(False, PrinterState.NO_ANSWER, "the slip could not be prepared")
            self._printed(ticket, outcome, printer_involved=False)
            return
        involved = self._has_printer
        self._print.submit(
            lambda: self._printer.print_slip(slip),
            lambda outcome: self._printed(ticket, outcome, printer_involved=involved),
            lambda exc: self._printed(
                ticket, PrintOutcome(False, PrinterState.NO_ANSWER, f"printer error: {exc}")
            ),
        )

    def _issue_failed(self, service_code: str, exc: Exception) -> None:
        self._issuing = False
        if isinstance(exc, KioskError):
            self.issue_refused.emit(service_code, exc)
            self.refresh()
        else:
            self._database_problem(exc)

    # -- the satisfaction survey -------------------------------------------------------------
    def begin_survey(self, text: str | None, survey: str = "skm") -> None:
        """Check what was scanned or typed (None: a walk-up) before any question is asked."""
        if self._closing:
            return

        station = self.settings.kiosk.name

        def job() -> SurveyStart:
            office = self._office_here()
            definition = office.survey.definition(survey)
            # The submit still decides for good (UNIQUE per ticket) if two kiosks race.
            ticket = office.survey.ticket_for_survey(text, survey) if text else None
            if ticket is None:
                wait = office.survey.walk_up_wait(station)
                if wait:
                    raise WalkUpTooSoon(station, wait)
            return SurveyStart(definition, ticket)

        self._db.submit(job, self.survey_started.emit, self._survey_not_started)

    # -- the way out ------------------------------------------------------------------------
    def read_exit_pin_state(self) -> None:
        self._db.submit(
            lambda: self._office_here().kiosk_exit.is_set(),
            self.exit_pin_state.emit,
            self._database_problem,
        )

    def check_exit_pin(self, pin: str) -> None:
        """Ask the office (hash and lockout in the database) on the database thread."""
        station = self.settings.kiosk.name

        def job() -> None:
            self._office_here().kiosk_exit.check(pin, station)

        def refused(exc: Exception) -> None:
            if isinstance(exc, KioskError):
                self.exit_pin_checked.emit(exc)
            else:
                self._database_problem(exc)
                self.exit_pin_checked.emit(exc)

        self._db.submit(job, lambda _none: self.exit_pin_checked.emit(None), refused)

    def read_walk_up_wait(self) -> None:
        """How long this kiosk's walk-ups are still paused: the database keeps it, so a
        restarted kiosk (or one pulled out of its socket) does not start afresh."""
        if self._closing:
            return
        station = self.settings.kiosk.name
        self._db.submit(
            lambda: self._office_here().survey.walk_up_wait(station),
            self.walk_up_wait_read.emit,
            self._survey_not_started,
        )

    def _survey_not_started(self, exc: Exception) -> None:
        if isinstance(exc, KioskError):
            self.survey_refused.emit(exc)
        else:
            self._database_problem(exc)

    def submit_survey(self, flow: SurveyFlow) -> None:
        """Store the finished survey, once, on the database thread."""
        answers = dict(flow.answers)
        profile: Profile = flow.profile()
        ticket = flow.ticket.id if flow.ticket is not None else None
        service = flow.service if flow.ticket is None else None
        suggestion = flow.suggestion.strip() or None
        code = flow.definition.code
        station = self.settings.kiosk.name if flow.ticket is None else None

        def job() -> SurveyReceipt:
            return self._office_here().survey.submit(
                answers,
                profile,
                ticket,
                code,
                source="kiosk",
                suggestion=suggestion,
                service=service,
                station=station,
            )

        def failed(exc: Exception) -> None:
            if not isinstance(exc, KioskError):
                log.error("could not store a survey response", exc_info=exc)
            self.survey_failed.emit(exc)

        self._db.submit(job, self.survey_submitted.emit, failed)

    # -- printing ----------------------------------------------------------------------------
    def _printed(
        self, ticket: Ticket, outcome: PrintOutcome, *, printer_involved: bool = True
    ) -> None:
        self.print_finished.emit(ticket.id, outcome)
        if printer_involved:
            self._set_printer_state(outcome.state)
        source = self.settings.kiosk.name
        error = None if outcome.printed else (outcome.message or "not printed")
        if outcome.printed:
            log.info("slip printed", extra=about(ticket.code))
        else:
            log.warning("slip not printed: %s", error, extra=about(ticket.code))

        def job() -> None:
            office = self._office_here()
            office.slips.record(ticket.id, outcome.printed, error)
            if printer_involved:
                office.report_printer(source, outcome.state.value, outcome.message)

        self._db.submit(
            job,
            lambda _: self.slip_recorded.emit(ticket.id),
            lambda exc: log.warning(
                "could not record whether the slip printed: %s", exc, extra=about(ticket.code)
            ),
        )

    def poll_printer(self) -> None:
        """Ask the printer how it is (skipped while it is busy, or stuck, with a job)."""
        if self._closing or self._print.pending or not self._has_printer:
            return
        self._print.submit(
            self._printer.status,
            self._printer_polled,
            lambda exc: self._printer_polled(PrinterState.NO_ANSWER),
        )

    def _printer_polled(self, state: PrinterState) -> None:
        self._set_printer_state(state)
        source = self.settings.kiosk.name
        message = None if state is PrinterState.ONLINE else f"printer {ADVICE[state]}"
        self._db.submit(
            lambda: self._office_here().report_printer(source, state.value, message),
            None,
            lambda exc: log.warning("could not report the printer state: %s", exc),
        )

    def _set_printer_state(self, state: PrinterState) -> None:
        if state != self.printer_state:
            self.printer_state = state
            self.printer_state_changed.emit(state)

    # -- the end -----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop timers and threads; close the office. A hung printer is left behind."""
        if self._closing:
            return
        self._closing = True
        for timer in (self._retry, self._periodic, self._printer_poll):
            timer.stop()
        self._print.submit(self._printer.close)
        if not self.link.close(5.0):
            log.warning("the database worker did not finish in time")
        if not self._print.stop(1.0):
            log.warning("the printer did not answer; leaving it")
