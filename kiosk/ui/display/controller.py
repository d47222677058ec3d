"""The board's work away from the screen: opening the office, reading the queue and the
latest calls on a worker thread whenever the change feed says something changed, and
telling the window which calls are new.

Nothing polls the database: the change feed (SQLite data_version, PostgreSQL LISTEN) wakes
the board when any process commits. A slow timer re-reads once a minute only so that the
board follows the office day and opening hours even when nothing happens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config.settings import Settings
from kiosk.domain.errors import DatabaseUnavailable
from kiosk.domain.model import CallEvent, QueueStatus
from kiosk.ui.common.changes import ChangeWatcher
from kiosk.ui.common.office_link import RETRY_MS, Availability, OfficeLink, SettingsWatch
from kiosk.ui.display.board import CallTracker
from kiosk.ui.display.ports import DisplayOffice

log = logging.getLogger(__name__)

#: The board reads at least this many of the latest calls, so a burst of calls between two
#: reads is still seen whole.
READ_CALLS = 12


@dataclass(frozen=True, slots=True)
class BoardTimings:
    """How often the board reads, in milliseconds (tests shorten them)."""

    #: Re-read even without a change (a new office day, opening hours).
    refresh_ms: int = 60_000
    #: While the database is unreachable, try again this often.
    retry_ms: int = RETRY_MS


@dataclass(frozen=True, slots=True)
class BoardData:
    status: QueueStatus
    calls: list[CallEvent]  # today's latest calls, newest first
    #: Settings a supervisor saved since the last read, else None.
    settings: Settings | None = None
    #: The office logo (PNG bytes or None), when it was read this time (logo_read).
    logo: bytes | None = None
    logo_read: bool = False


class DisplayController(QObject):
    #: What the board shows (BoardData), after every read.
    board_changed = Signal(object)
    #: Calls not seen before, oldest first (list[CallEvent]); never history from before
    #: the board started.
    new_calls = Signal(object)
    #: False while the database cannot be reached; True again once it answers.
    availability_changed = Signal(bool)
    #: The change feed is (re)open: from now on every commit wakes the board.
    feed_opened = Signal()
    #: A supervisor saved new settings (Settings): the board is rebuilt when quiet.
    settings_changed = Signal(object)

    def __init__(
        self,
        open_office: Callable[[], DisplayOffice],
        *,
        settings: Settings,
        last_calls: int,
        timings: BoardTimings | None = None,
        tracker: CallTracker | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``tracker``: the calls a previous board already announced (a rebuilt board
        carries on from there instead of starting afresh)."""
        super().__init__(parent)
        self.timings = timings or BoardTimings()
        self.link: OfficeLink[DisplayOffice] = OfficeLink(
            open_office, name="display-db", parent=self
        )
        self.link.changed.connect(self.refresh)
        # A call committed between the last read and the feed's opening would wake no one:
        # read once more as soon as it is open (again after the feed had to be reopened).
        self.link.feed_opened.connect(self.feed_opened)
        self.link.feed_opened.connect(self.refresh)
        self.link.feed_failed.connect(self._feed_failed)
        self._logo_read = False  # touched on the database thread only
        self._settings_watch = SettingsWatch(settings)  # likewise
        self._limit = max(last_calls, READ_CALLS)
        self._db = self.link.worker
        self.tracker = tracker or CallTracker()
        self._availability = Availability(self.availability_changed.emit, log, "queue")
        self._reading = False
        self._read_again = False
        self._closing = False
        self._reads = 0
        self.last: BoardData | None = None

        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(self.timings.retry_ms)
        self._retry.timeout.connect(self.refresh)
        self._periodic = QTimer(self)
        self._periodic.setInterval(self.timings.refresh_ms)
        self._periodic.timeout.connect(self.refresh)

    @property
    def available(self) -> bool:
        return bool(self._availability.value)

    @property
    def watcher(self) -> ChangeWatcher | None:
        return self.link.watcher

    @property
    def reads(self) -> int:
        """Reads completed (for tests)."""
        return self._reads

    def start(self) -> None:
        self.refresh()
        self._periodic.start()

    # -- reading --------------------------------------------------------------------------
    def _office_here(self) -> DisplayOffice:
        """The office, opened on first use (runs on the database thread)."""
        return self.link.here()

    def refresh(self) -> None:
        """Re-read (coalesced: one read in flight, at most one more queued)."""
        if self._closing:
            return
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        limit = self._limit
        watch = self._settings_watch

        def job() -> BoardData:
            office = self._office_here()
            settings = watch.news(office)
            # The logo: once, and again when the settings (the logo among them) changed.
            read_logo = not self._logo_read or settings is not None
            logo = office.logo() if read_logo else None
            self._logo_read = True
            # One job, so the counters and the calls shown together come from one moment.
            return BoardData(
                office.queue.status(), office.queue.recent_calls(limit), settings, logo, read_logo
            )

        self._db.submit(job, self._read, self._failed)

    def _read(self, data: BoardData) -> None:
        self._reading = False
        self._reads += 1
        self._retry.stop()
        self.last = data
        self._availability.set(True)
        self.link.watch()
        fresh = self.tracker.new_calls(data.calls)
        self.board_changed.emit(data)
        if fresh:
            self.new_calls.emit(fresh)
        if data.settings is not None:
            self.settings_changed.emit(data.settings)
        if self._read_again:
            self._read_again = False
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        self._reading = False
        self._read_again = False
        self._availability.failed(exc)
        if not self._closing:
            self._retry.start()

    def _feed_failed(self, message: str) -> None:
        """The change feed broke: show the notice now; the retry read brings it back."""
        self._availability.failed(DatabaseUnavailable(message))
        if not self._closing:
            self._retry.start()

    # -- the end --------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop timers and threads; close the office."""
        if self._closing:
            return
        self._closing = True
        self._retry.stop()
        self._periodic.stop()
        if not self.link.close(5.0):
            log.warning("the database worker did not finish in time")
