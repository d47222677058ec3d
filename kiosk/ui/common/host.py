"""Keeps one window up and rebuilds it when a supervisor saves new settings.

A rebuilt window is the simplest way for every widget, device and timer to take new
settings up alike. The rebuild waits for the window's quiet moment (the kiosk's welcome
screen with nothing printing; the board with no announcement under way), shows the new
window first and then retires the old one, so the screen never goes blank.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QWidget

from kiosk.config.settings import Settings

log = logging.getLogger(__name__)

W = TypeVar("W", bound=QWidget)


class RebuildingHost(QObject, Generic[W]):
    #: A new window replaced the old one (for tests and logs).
    rebuilt = Signal(object)

    def __init__(
        self,
        settings: Settings,
        show: Callable[[W], None],
        *,
        check_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._show = show
        self._pending: Settings | None = None
        self._wait = QTimer(self)
        self._wait.setInterval(check_ms)
        self._wait.timeout.connect(self._try_rebuild)
        self.window: W = self._adopt(settings, None)
        show(self.window)

    # -- what each kind of window says ---------------------------------------------------
    def make(self, settings: Settings, previous: W | None) -> W:
        raise NotImplementedError

    def settings_signal(self, window: W) -> SignalInstance:
        """The window's signal carrying new Settings."""
        raise NotImplementedError

    def closed_signal(self, window: W) -> SignalInstance:
        raise NotImplementedError

    def at_rest(self, window: W) -> bool:
        raise NotImplementedError

    def rest_signals(self, window: W) -> Sequence[SignalInstance]:
        """Signals after which the window may have come to rest (the rebuild is tried then,
        not only on the timer: a timer can keep landing on the same busy moment)."""
        return ()

    def retire(self, window: W) -> None:
        window.close()

    # -- the rebuild -----------------------------------------------------------------------
    def _adopt(self, settings: Settings, previous: W | None) -> W:
        window = self.make(settings, previous)
        self.settings_signal(window).connect(self._settings_changed)
        self.closed_signal(window).connect(self._closed)
        for signal in self.rest_signals(window):
            signal.connect(self._rested)
        return window

    def _rested(self) -> None:
        if self._pending is not None:
            # After the emitter's own call stack has unwound (it may be the window's worker
            # delivering a result).
            QTimer.singleShot(0, self._try_rebuild)

    def _closed(self) -> None:
        if self.sender() is self.window:
            self._wait.stop()

    def _settings_changed(self, settings: Settings) -> None:
        log.info("new settings from the database; the window is rebuilt when quiet")
        self._pending = settings
        self._try_rebuild()
        if self._pending is not None:
            self._wait.start()

    def _try_rebuild(self) -> None:
        settings = self._pending
        if settings is None or not self.at_rest(self.window):
            return
        self._pending = None
        self._wait.stop()
        old = self.window
        self.window = self._adopt(settings, old)
        self._show(self.window)
        self.retire(old)
        self.rebuilt.emit(self.window)
