"""Start the lobby board: ``kiosk run display`` ends up here."""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance

from kiosk.config.settings import Settings
from kiosk.ui.common.app import (
    application,
    pick_screen,
    show_full_screen,
    show_windowed,
    stop_on_terminate,
)
from kiosk.ui.common.host import RebuildingHost
from kiosk.ui.display.ports import DisplayOffice
from kiosk.ui.display.window import DisplayWindow

log = logging.getLogger(__name__)


class DisplayHost(RebuildingHost[DisplayWindow]):
    """Keeps the board up; rebuilds it (same calls seen) when the settings change, once no
    announcement is under way, so none is cut short and none is lost."""

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
        self._open_office = open_office
        self._make_window = make
        super().__init__(settings, show, check_ms=check_ms, parent=parent)

    def make(self, settings: Settings, previous: DisplayWindow | None) -> DisplayWindow:
        tracker = previous.controller.tracker if previous is not None else None
        return self._make_window(settings, self._open_office, tracker=tracker)

    def settings_signal(self, window: DisplayWindow) -> SignalInstance:
        return window.controller.settings_changed

    def closed_signal(self, window: DisplayWindow) -> SignalInstance:
        return window.closed

    def at_rest(self, window: DisplayWindow) -> bool:
        return window.at_rest


def run_display(
    settings: Settings,
    open_office: Callable[[], DisplayOffice],
    *,
    windowed: bool = False,
    screen: str | None = None,
    quarter: tuple[int, int] | None = None,
) -> int:
    """Show the board until it is closed; returns the exit status.

    Full screen, frameless, without a pointer by default (a TV nobody touches);
    ``windowed`` gives an ordinary 1366x768 window (for trying it on a desktop). ``screen``:
    which screen to fill (number or name; see ``kiosk screens``): the TV beside a kiosk.
    """
    app = application()
    target = None if windowed else pick_screen(screen)
    previous_sigint = signal.getsignal(signal.SIGINT)
    # Ctrl+C (or the service manager's SIGINT) ends the board; Qt's loop would swallow it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)

    def show(window: DisplayWindow) -> None:
        if windowed:
            show_windowed(window, quarter)
        else:
            window.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
            show_full_screen(window, target)

    if not windowed:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
    host = DisplayHost(settings, open_office, show)

    def close(host: DisplayHost = host) -> None:  # on SIGTERM
        host.window.close()

    try:
        with stop_on_terminate(close):
            return app.exec()
    finally:
        del close, host
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the closed window, here
        signal.signal(signal.SIGINT, previous_sigint)
        if not windowed:
            app.restoreOverrideCursor()
