"""A window's way to the office: opened on its database worker, watched, closed.

Every window does the same three things with the office it is handed: open it on the
worker thread the first time a job needs it (and again after a failure, by the job that
needs it), start the change feed once it is open so other processes' commits arrive as a
signal, and at the end stop the feed, close the office on the worker and stop the worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, Signal

from kiosk.config.settings import Settings
from kiosk.domain.errors import DatabaseUnavailable
from kiosk.ui.common.changes import ChangeFeed, ChangeWatcher
from kiosk.ui.common.worker import Worker

#: A window's read that found the database unreachable is tried again this often, until
#: one answers (every window alike; the change feed reopens on its own, every 2 s).
RETRY_MS = 5_000


class Availability:
    """Whether the office answered the last time it was asked (None: not asked yet).

    Every window keeps this the same way: a change is passed to ``changed`` (the window's
    ``availability_changed`` signal), and an outage is logged once when it starts and once
    when it ends, not at every retry a few seconds apart.
    """

    def __init__(self, changed: Callable[[bool], None], log: logging.Logger, what: str) -> None:
        self.value: bool | None = None
        self._changed = changed
        self._log = log
        self._what = what  # "queue" or "office": the window's word for its database

    def set(self, available: bool) -> None:
        if available != self.value:
            if available and self.value is False:
                self._log.info("database reachable again")
            self.value = available
            self._changed(available)

    def failed(self, exc: Exception) -> None:
        """A job (or the change feed) failed: log it and mark the office unavailable."""
        if isinstance(exc, DatabaseUnavailable):
            self._log.log(
                logging.DEBUG if self.value is False else logging.WARNING,
                "%s database unavailable: %s (retrying)",
                self._what,
                exc,
            )
        else:
            self._log.error("unexpected error from the office", exc_info=exc)
        self.set(False)


class _HasSettings(Protocol):
    @property
    def settings(self) -> Settings: ...
    def reload_settings(self, *, sync: bool = False) -> bool: ...


class SettingsWatch:
    """Whether the office's settings are newer than the ones a window was built with.

    Asked on the database thread at each read. The first time it also compares: a window
    rebuilt for one save may open its office after the next save (or start after a save),
    and then no reload reports a change, so the window would keep older settings."""

    def __init__(self, mine: Settings) -> None:
        self._mine = mine
        self._compared = False

    def news(self, office: _HasSettings) -> Settings | None:
        changed = office.reload_settings()
        if not self._compared:
            self._compared = True
            changed = changed or office.settings != self._mine
        return office.settings if changed else None


class _Office(Protocol):
    def change_feed(self) -> ChangeFeed: ...
    def close(self) -> None: ...


OfficeT = TypeVar("OfficeT", bound=_Office)


class OfficeLink(QObject, Generic[OfficeT]):
    #: Another process (or this one) committed a change: re-read what is shown.
    changed = Signal()
    #: The change feed is (re)open: from now on every commit wakes the window.
    feed_opened = Signal()
    #: The change feed broke (the server stopped, the network dropped); it is retried.
    #: Windows show they are cut off at once instead of at their next read.
    feed_failed = Signal(str)

    def __init__(
        self, open_office: Callable[[], OfficeT], *, name: str = "db", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.worker = Worker(name, self)
        self._open_office = open_office
        self._office: OfficeT | None = None  # touched on worker threads only
        self._lock = threading.Lock()
        self.watcher: ChangeWatcher | None = None
        self._closing = False

    @property
    def opened(self) -> bool:
        return self._office is not None

    def here(self) -> OfficeT:
        """The office, opened on first use. Call it on a worker thread only (a window with
        a second worker, for files, may call it from both: hence the lock)."""
        with self._lock:
            if self._office is None:
                self._office = self._open_office()
            return self._office

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self.worker.submit(fn, on_done, on_error)

    def watch(self) -> None:
        """Start the change feed once the office is open (idempotent; GUI thread)."""
        office = self._office
        if self.watcher is not None or office is None or self._closing:
            return

        def open_feed() -> ChangeFeed:  # on the watcher's thread
            feed = office.change_feed()
            self.feed_opened.emit()
            return feed

        self.watcher = ChangeWatcher(open_feed, parent=self)
        self.watcher.changed.connect(self.changed)
        self.watcher.failed.connect(self.feed_failed)
        self.watcher.start()

    def close(self, timeout: float = 5.0) -> bool:
        """Stop the feed, close the office on the worker, stop the worker; False if the
        worker did not finish in time."""
        if self._closing:
            return True
        self._closing = True
        if self.watcher is not None:
            self.watcher.stop()

        def close_office() -> None:
            if self._office is not None:
                self._office.close()

        self.worker.submit(close_office)
        return self.worker.stop(timeout)
