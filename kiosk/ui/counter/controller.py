"""The counter window's work away from the screen: signing in, reading the desk, and the
officer's actions, all on one database worker thread; the widgets hear through signals.

Reading is coalesced: one ``counter_desk`` read in flight and at most one more queued, so a
burst of fifty changes from the feed costs two reads, not fifty. An action runs and then
re-reads the desk in the same worker job, so the buttons come back with the state the
action left. Only one action is in flight at a time (``busy``), whatever is pressed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config.settings import Settings
from kiosk.domain.errors import DatabaseUnavailable, KioskError
from kiosk.domain.model import Counter, CounterDesk, Service, Ticket
from kiosk.domain.staff import Role, StaffAccount, StaffSession
from kiosk.ui.common.changes import ChangeWatcher
from kiosk.ui.common.office_link import RETRY_MS, Availability, OfficeLink, SettingsWatch
from kiosk.ui.counter.actions import DeskAction
from kiosk.ui.counter.ports import CounterOffice

log = logging.getLogger(__name__)

#: Every role may work at a counter (a supervisor covers a counter on a busy day).
COUNTER_ROLES = (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN)


@dataclass(frozen=True, slots=True)
class Timings:
    """How often things happen by themselves, in milliseconds (tests shorten them)."""

    #: While the database is unreachable, try again this often.
    retry_ms: int = RETRY_MS
    #: The current ticket's running times (called / served for) are redrawn this often.
    tick_ms: int = 1_000
    #: The waiting list's "waiting for" column is redrawn this often (it shows minutes).
    list_tick_ms: int = 15_000


@dataclass(frozen=True, slots=True)
class Catalog:
    counters: tuple[Counter, ...]
    services: tuple[Service, ...]


@dataclass(frozen=True, slots=True)
class Session:
    """Who works at which counter: the office's session (signed out with it) and the
    counter chosen at sign-in."""

    staff: StaffSession
    counter: int

    @property
    def account(self) -> StaffAccount:
        return self.staff.account


@dataclass(frozen=True, slots=True)
class Outcome:
    """An action done: what the office returned, and the desk read right after."""

    action: DeskAction
    value: Ticket | Counter | None
    desk: CounterDesk
    #: The current ticket the action was pressed on (None for call next, pause...).
    subject: Ticket | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    action: DeskAction
    error: Exception
    subject: Ticket | None = None


Job = Callable[[CounterOffice, str, int], Ticket | Counter | None]


class DeskController(QObject):
    catalog_loaded = Signal(object)  # Catalog
    #: A supervisor saved new settings (Settings); the catalog is re-sent right after.
    settings_changed = Signal(object)
    signed_in = Signal(object)  # Session
    sign_in_refused = Signal(object)  # Exception (SignInRefused, or the database's)
    desk_changed = Signal(object)  # CounterDesk
    action_done = Signal(object)  # Outcome
    action_refused = Signal(object)  # Refusal
    #: False while the database cannot be reached; True again once it answers.
    availability_changed = Signal(bool)
    #: An action (or a sign-in) is in flight: nothing else may be pressed.
    busy_changed = Signal(bool)

    def __init__(
        self,
        open_office: Callable[[], CounterOffice],
        timings: Timings,
        parent: QObject | None = None,
        *,
        settings: Settings,
    ) -> None:
        super().__init__(parent)
        self.timings = timings
        self._settings_watch = SettingsWatch(settings)  # used on the database thread
        self.link: OfficeLink[CounterOffice] = OfficeLink(open_office, parent=self)
        self.link.changed.connect(self.refresh)
        # Cut off: say so at once (an idle desk would otherwise learn it at the next press);
        # back: read the desk, since what others did meanwhile woke no one.
        self.link.feed_failed.connect(lambda msg: self._database_problem(DatabaseUnavailable(msg)))
        self.link.feed_opened.connect(self.refresh)
        self._db = self.link.worker
        self._availability = Availability(self.availability_changed.emit, log, "queue")
        self._closing = False
        self._busy = False
        self._refreshing = False
        self._refresh_again = False
        #: Bumped on every sign-in and sign-out: late answers for an old session are dropped.
        self._generation = 0
        self.catalog: Catalog | None = None
        self.session: Session | None = None
        self.desk: CounterDesk | None = None
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(timings.retry_ms)
        self._retry.timeout.connect(self._retry_now)

    # -- state ------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self._availability.value is not False

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def idle(self) -> bool:
        """Nothing in flight: no action, no read, no job queued (for tests and screenshots)."""
        return not self._busy and not self._refreshing and self._db.pending == 0

    @property
    def watcher(self) -> ChangeWatcher | None:
        return self.link.watcher

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    # -- database thread helpers --------------------------------------------------------------
    def _office_here(self) -> CounterOffice:
        """The office, opened on first use (runs on the database thread)."""
        return self.link.here()

    def _answered(self) -> None:
        self._retry.stop()
        self._availability.set(True)
        self.link.watch()

    def _database_problem(self, exc: Exception) -> None:
        self._availability.failed(exc)
        if not self._closing:
            self._retry.start()

    def _retry_now(self) -> None:
        if self.session is None:
            self.load_catalog()  # the sign-in page's counters; also proves the way back
        else:
            self.refresh()

    # -- counters and services ------------------------------------------------------------------
    def load_catalog(self) -> None:
        if self._closing:
            return

        def job() -> Catalog:
            office = self._office_here()
            return Catalog(tuple(office.queue.counters()), tuple(office.queue.services()))

        self._db.submit(job, self._catalog_read, self._database_problem)

    def _catalog_read(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._answered()
        self.catalog_loaded.emit(catalog)

    # -- signing in and out ---------------------------------------------------------------------
    def sign_in(self, username: str, pin: str, counter: int) -> bool:
        """Check the account on the worker (a slow hash); False if something is in flight."""
        if self._busy or self._closing:
            return False
        self._set_busy(True)
        self._generation += 1
        generation = self._generation

        def job() -> tuple[StaffSession, CounterDesk]:
            office = self._office_here()
            staff = office.staff.sign_in(
                username, pin, allowed=frozenset(COUNTER_ROLES), where=f"counter {counter}"
            )
            return staff, office.queue.counter_desk(counter)

        def done(result: tuple[StaffSession, CounterDesk]) -> None:
            self._set_busy(False)
            if generation != self._generation:
                return
            staff, desk = result
            self._answered()
            self.session = Session(staff, counter)
            self.desk = desk
            self.signed_in.emit(self.session)
            self.desk_changed.emit(desk)

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            if not isinstance(exc, KioskError):
                self._database_problem(exc)
            self.sign_in_refused.emit(exc)

        self._db.submit(job, done, failed)
        return True

    def sign_out(self) -> None:
        session = self.session
        if session is not None and not self._closing:
            staff = session.staff
            self._db.submit(
                lambda: self._office_here().staff.sign_out(staff),
                None,
                lambda exc: log.warning("could not record the sign-out: %s", exc),
            )
        self._generation += 1
        self.session = None
        self.desk = None
        self._refresh_again = False

    # -- reading the desk ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the desk (coalesced: one read in flight, at most one more queued)."""
        session = self.session
        if self._closing or session is None:
            return
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        generation = self._generation
        counter = session.counter
        watch = self._settings_watch

        def job() -> tuple[CounterDesk, tuple[Settings, Catalog] | None]:
            office = self._office_here()
            # Settings a supervisor saved meanwhile (services renamed, a new counter...).
            news = None
            newer = watch.news(office)
            if newer is not None:
                catalog = Catalog(tuple(office.queue.counters()), tuple(office.queue.services()))
                news = (newer, catalog)
            return office.queue.counter_desk(counter), news

        def done(result: tuple[CounterDesk, tuple[Settings, Catalog] | None]) -> None:
            desk, news = result
            self._refreshing = False
            self._answered()
            if news is not None:
                self.settings_changed.emit(news[0])
                self._catalog_read(news[1])
            if generation == self._generation:
                self._show_desk(desk)
            if self._refresh_again:
                self._refresh_again = False
                self.refresh()

        def failed(exc: Exception) -> None:
            self._refreshing = False
            self._refresh_again = False
            self._database_problem(exc)

        self._db.submit(job, done, failed)

    def _show_desk(self, desk: CounterDesk) -> None:
        self.desk = desk
        self.desk_changed.emit(desk)

    # -- the officer's actions -------------------------------------------------------------------
    def act(self, action: DeskAction, job: Job, subject: Ticket | None = None) -> bool:
        """Run ``job(office, actor, counter)`` then re-read the desk, on the worker.

        False (and nothing done) while another action is in flight or nobody is signed in.
        """
        session = self.session
        if self._busy or self._closing or session is None:
            return False
        self._set_busy(True)
        generation = self._generation
        actor = session.account.username
        counter = session.counter

        def work() -> tuple[Ticket | Counter | None, CounterDesk]:
            office = self._office_here()
            value = job(office, actor, counter)
            return value, office.queue.counter_desk(counter)

        def done(result: tuple[Ticket | Counter | None, CounterDesk]) -> None:
            self._set_busy(False)
            self._answered()
            if generation != self._generation:
                return
            value, desk = result
            self._show_desk(desk)
            self.action_done.emit(Outcome(action, value, desk, subject))

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            if generation != self._generation:
                return
            if isinstance(exc, KioskError):
                self.refresh()  # someone else may have changed the ticket: show how it is
            else:
                self._database_problem(exc)
            self.action_refused.emit(Refusal(action, exc, subject))

        self._db.submit(work, done, failed)
        return True

    def call_next(self) -> bool:
        return self.act(DeskAction.CALL_NEXT, lambda o, a, c: o.queue.call_next(c, actor=a))

    def recall(self, ticket: Ticket) -> bool:
        return self.act(
            DeskAction.RECALL, lambda o, a, c: o.queue.recall(ticket.id, actor=a), ticket
        )

    def start_serving(self, ticket: Ticket) -> bool:
        return self.act(DeskAction.START, lambda o, a, c: o.queue.start(ticket.id, actor=a), ticket)

    def finish(self, ticket: Ticket) -> bool:
        return self.act(
            DeskAction.FINISH, lambda o, a, c: o.queue.finish(ticket.id, actor=a), ticket
        )

    def no_show(self, ticket: Ticket) -> bool:
        return self.act(
            DeskAction.NO_SHOW, lambda o, a, c: o.queue.no_show(ticket.id, actor=a), ticket
        )

    def transfer(self, ticket: Ticket, service: str) -> bool:
        return self.act(
            DeskAction.TRANSFER,
            lambda o, a, c: o.queue.transfer(ticket.id, service, actor=a),
            ticket,
        )

    def call_ticket(self, text: str, reason: str) -> bool:
        """Call the ticket typed or scanned (code, id or slip token) out of order."""

        def job(office: CounterOffice, actor: str, counter: int) -> Ticket:
            found = office.find_ticket(text)
            return office.queue.call_ticket(found.id, counter, reason, actor=actor)

        return self.act(DeskAction.CALL_SPECIFIC, job)

    def set_paused(self, paused: bool) -> bool:
        def job(office: CounterOffice, actor: str, counter: int) -> Counter:
            if paused:
                return office.queue.pause_counter(counter, actor=actor)
            return office.queue.resume_counter(counter, actor=actor)

        return self.act(DeskAction.PAUSE, job)

    def reprint(self, ticket: Ticket) -> bool:
        return self.act(
            DeskAction.REPRINT, lambda o, a, c: o.request_reprint(ticket.id, actor=a), ticket
        )

    # -- the end -----------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Sign out (the session would stay open behind a closed window: the database has
        no other way to know the officer left); stop the timer, the feed and the worker;
        close the office."""
        if self._closing:
            return
        if self.available:  # cut off, the sign-out would only hold up the closing
            self.sign_out()
        self._closing = True
        self._retry.stop()
        if not self.link.close(5.0):
            log.warning("the database worker did not finish in time")
