"""The admin window's work away from the screen: opening the office, reading, exporting.

Two worker threads: ``db`` for every read and every small write the window asks for, and
``files`` for exports and backups, which can take seconds with a year of history and must
never delay a dashboard read. The office is opened on first use by whichever thread needs
it first (once; the facade's engine is thread-safe).

Reads are coalesced by a key ("dashboard", "tickets.count"...): one read per key in flight
and only the newest one queued behind it; an answer that a newer request of the same key
has already overtaken is dropped, so a burst of fifty change-feed wake-ups or a user
clicking through filters costs two reads, not fifty, and never shows a stale answer.

A database that cannot be reached (or an unexpected error) marks the office unavailable;
the failed read is retried every ``retry_ms`` until it answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.domain.errors import DatabaseUnavailable, KioskError
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.common.office_link import RETRY_MS, Availability, OfficeLink
from kiosk.ui.common.worker import Worker

log = logging.getLogger(__name__)

T = TypeVar("T")
OfficeJob = Callable[[AdminOffice], T]


@dataclass(frozen=True, slots=True)
class Timings:
    """How often things happen by themselves, in milliseconds (tests shorten them)."""

    #: While the database is unreachable, try again this often.
    retry_ms: int = RETRY_MS
    #: Change-feed wake-ups are gathered this long before the visible tab re-reads.
    settle_ms: int = 200
    #: Re-read the visible tab at least this often even without a change (a new day).
    refresh_ms: int = 60_000


@dataclass(slots=True)
class _Pending:
    job: Callable[[AdminOffice], Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception], None] | None


class AdminBackend(QObject):
    #: False while the database cannot be reached; True again once it answers.
    availability_changed = Signal(bool)
    #: Another process (or this one) committed something: re-read what is shown.
    changed = Signal()
    #: The first answer from the database (the office is open).
    ready = Signal()

    def __init__(
        self,
        open_office: Callable[[], AdminOffice],
        timings: Timings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.timings = timings or Timings()
        self.link: OfficeLink[AdminOffice] = OfficeLink(open_office, parent=self)
        self.link.changed.connect(self.changed)
        self.link.feed_failed.connect(lambda msg: self._problem(DatabaseUnavailable(msg), None))
        self._db = self.link.worker
        self._files = Worker("files", self)
        self._availability = Availability(self.availability_changed.emit, log, "office")
        self._closing = False
        self._in_flight: dict[str, int] = {}  # key -> generation of the read in flight
        self._queued: dict[str, _Pending] = {}
        self._generation: dict[str, int] = {}
        self._failed: list[Callable[[], None]] = []
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(self.timings.retry_ms)
        self._retry.timeout.connect(self._retry_now)

    # -- state --------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self._availability.value is not False

    @property
    def opened(self) -> bool:
        return self.link.opened

    @property
    def busy(self) -> bool:
        """Reads, writes or file jobs still on their way (for tests and screenshots)."""
        return bool(self._db.pending or self._files.pending or self._queued)

    @property
    def db_worker(self) -> Worker:
        return self._db

    @property
    def files_worker(self) -> Worker:
        return self._files

    # -- the office, on a worker thread ----------------------------------------------------------
    def office_here(self) -> AdminOffice:
        """The office, opened on first use (runs on a worker thread)."""
        return self.link.here()

    def _answered(self) -> None:
        first = self._availability.value is None
        self._retry.stop()
        self._availability.set(True)
        self.link.watch()
        if first:
            self.ready.emit()

    def _problem(self, exc: Exception, again: Callable[[], None] | None) -> None:
        self._availability.failed(exc)
        if again is not None:
            self._failed.append(again)
        if not self._closing:
            self._retry.start()

    def _retry_now(self) -> None:
        again, self._failed = self._failed, []
        if not again:  # nothing was waiting: prove the way back with a cheap read
            self.read("ping", lambda o: o.today(), lambda _d: None)
        for job in again:
            job()

    # -- reads, coalesced by key -------------------------------------------------------------
    def read(
        self,
        key: str,
        job: OfficeJob[T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run ``job(office)`` on the db worker; ``on_done(result)`` on the GUI thread.

        ``on_error`` gets a KioskError (the user's to fix); database problems go to the
        unavailable banner and the read is retried. A newer read of the same key replaces
        one still queued and drops the answer of the one in flight.
        """
        if self._closing:
            return
        generation = self._generation.get(key, 0) + 1
        self._generation[key] = generation
        if key in self._in_flight:
            self._queued[key] = _Pending(job, on_done, on_error)
            return
        self._submit(key, generation, _Pending(job, on_done, on_error))

    def _submit(self, key: str, generation: int, pending: _Pending) -> None:
        self._in_flight[key] = generation

        def work() -> Any:
            return pending.job(self.office_here())

        def next_one() -> None:
            del self._in_flight[key]
            queued = self._queued.pop(key, None)
            if queued is not None and not self._closing:
                self._submit(key, self._generation[key], queued)

        def done(result: Any) -> None:
            current = self._generation.get(key) == generation
            next_one()
            self._answered()
            if current:
                pending.on_done(result)

        def failed(exc: Exception) -> None:
            current = self._generation.get(key) == generation
            next_one()
            if isinstance(exc, KioskError):
                self._answered()
                if current and pending.on_error is not None:
                    pending.on_error(exc)
                elif current:
                    log.warning("%s: %s", key, exc)
                return
            again = None
            if current:

                def again() -> None:
                    self.read(key, pending.job, pending.on_done, pending.on_error)

            self._problem(exc, again)

        self._db.submit(work, done, failed)

    def write(
        self,
        job: OfficeJob[T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """A change the user asked for (never coalesced, never retried by itself): every
        error goes to ``on_error`` (database problems also to the banner)."""
        if self._closing:
            return

        def failed(exc: Exception) -> None:
            if isinstance(exc, KioskError):
                self._answered()
            else:
                self._problem(exc, None)
            on_error(exc)

        def done(result: T) -> None:
            self._answered()
            on_done(result)

        self._db.submit(lambda: job(self.office_here()), done, failed)

    def file_job(
        self,
        job: OfficeJob[T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """A long job (an export, a backup) on the files worker."""
        if self._closing:
            return
        self._files.submit(lambda: job(self.office_here()), on_done, on_error)

    # -- the end ----------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the timer, the feed and the workers; close the office (idempotent)."""
        if self._closing:
            return
        self._closing = True
        self._retry.stop()
        self._queued.clear()
        if not self._files.stop(5.0):
            log.warning("the files worker did not finish in time")
        if not self.link.close(5.0):
            log.warning("the database worker did not finish in time")
