"""The change feed as a Qt signal: ``changed`` fires when any process commits a change.

The feed itself (``office.change_feed()``: SQLite data_version or PostgreSQL LISTEN) is
plain Python; this thread waits on it in short slices so it can stop promptly, and emits
``changed`` once per burst. Windows connect ``changed`` to "re-read what I show".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QThread, Signal

log = logging.getLogger(__name__)


class ChangeFeed(Protocol):
    """What the windows need of ``kiosk.Office.change_feed()``."""

    def wait(self, timeout: float) -> bool: ...
    def close(self) -> None: ...


class ChangeWatcher(QThread):
    changed = Signal()
    #: The feed could not be opened or broke (it is retried); for logs and tests.
    failed = Signal(str)

    def __init__(
        self,
        open_feed: Callable[[], ChangeFeed],
        *,
        slice_seconds: float = 0.5,
        retry_seconds: float = 2.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kiosk-change-feed")
        self._open_feed = open_feed
        self._slice = slice_seconds
        self._retry = retry_seconds

    def run(self) -> None:
        feed: ChangeFeed | None = None
        failing = False
        while not self.isInterruptionRequested():
            try:
                if feed is None:
                    feed = self._open_feed()
                    if failing:
                        log.info("change feed: open again")
                        failing = False
                if feed.wait(self._slice):
                    self.changed.emit()
            except Exception as exc:
                # Once per outage; the retries every few seconds go to the debug level.
                log.log(logging.DEBUG if failing else logging.WARNING, "change feed: %s", exc)
                failing = True
                self.failed.emit(str(exc))
                if feed is not None:
                    self._close(feed)
                    feed = None
                self._pause(self._retry)
        if feed is not None:
            self._close(feed)

    def _pause(self, seconds: float) -> None:
        left = seconds
        while left > 0 and not self.isInterruptionRequested():
            self.msleep(int(min(left, 0.1) * 1000))
            left -= 0.1

    @staticmethod
    def _close(feed: ChangeFeed) -> None:
        try:
            feed.close()
        except Exception:
            log.debug("change feed: error while closing", exc_info=True)

    def stop(self, timeout_ms: int = 3000) -> None:
        """Ask the thread to end and wait for it (it looks every ``slice_seconds``)."""
        self.requestInterruption()
        self.wait(timeout_ms)
