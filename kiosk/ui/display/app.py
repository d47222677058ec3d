"""Start the lobby board: ``kiosk run display`` ends up here."""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal

from kiosk.config.settings import Settings
from kiosk.ui.common.app import WINDOWED_SIZE, application
from kiosk.ui.display.board import CallTracker
from kiosk.ui.display.ports import DisplayOffice
from kiosk.ui.display.window import DisplayWindow

log = logging.getLogger(__name__)


class DisplayHost(QObject):
    """Keeps the board up; rebuilds it (same calls seen) when the settings change, once no
    announcement is under way, so none is cut short and none is lost."""

    rebuilt = Signal(object)  # DisplayWindow

    def __init__(
        self,
        settings: Settings,
        open_office: Callable[[], DisplayOffice],
        show: Callable[[DisplayWindow], None],
        *,
        check_ms: int = 500,
        make: Callable[..., DisplayWindow] = DisplayWindow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_office = open_office
        self._show = show
        self._make_window = make
        self._pending: Settings | None = None
        self._wait = QTimer(self)
        self._wait.setInterval(check_ms)
        self._wait.timeout.connect(self._try_rebuild)
        self.window = self._make(settings, None)
        show(self.window)

    def _make(self, settings: Settings, tracker: CallTracker | None) -> DisplayWindow:
        window = self._make_window(settings, self._open_office, tracker=tracker)
        window.controller.settings_changed.connect(self._settings_changed)
        window.closed.connect(self._closed)
        return window

    def _closed(self) -> None:
        if self.sender() is self.window:
            self._wait.stop()

    def _settings_changed(self, settings: Settings) -> None:
        log.info("new settings from the database; the board is rebuilt when quiet")
        self._pending = settings
        self._try_rebuild()
        if self._pending is not None:
            self._wait.start()

    def _try_rebuild(self) -> None:
        settings = self._pending
        if settings is None or not self.window.at_rest:
            return
        self._pending = None
        self._wait.stop()
        old = self.window
        self.window = self._make(settings, old.controller.tracker)
        self._show(self.window)
        old.close()
        self.rebuilt.emit(self.window)


def run_display(
    settings: Settings,
    open_office: Callable[[], DisplayOffice],
    *,
    windowed: bool = False,
) -> int:
    """Show the board until it is closed; returns the exit status.

    Full screen, frameless, without a pointer by default (a TV nobody touches);
    ``windowed`` gives an ordinary 1366x768 window (for trying it on a desktop).
    """
    app = application()
    previous_sigint = signal.getsignal(signal.SIGINT)
    # Ctrl+C (or the service manager's SIGINT) ends the board; Qt's loop would swallow it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)

    def show(window: DisplayWindow) -> None:
        if windowed:
            window.resize(*WINDOWED_SIZE)
            window.show()
        else:
            window.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
            window.showFullScreen()

    if not windowed:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    host = DisplayHost(settings, open_office, show)
    try:
        return app.exec()
    finally:
        del host
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the closed window, here
        signal.signal(signal.SIGINT, previous_sigint)
        if not windowed:
            app.restoreOverrideCursor()
