"""Start the lobby board: ``kiosk run display`` ends up here."""

from __future__ import annotations

import signal
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt

from kiosk.config.settings import Settings
from kiosk.ui.common.app import application
from kiosk.ui.display.ports import DisplayOffice
from kiosk.ui.display.window import DisplayWindow

WINDOWED_SIZE = (1366, 768)


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
    window = DisplayWindow(settings, open_office)
    previous_sigint = signal.getsignal(signal.SIGINT)
    # Ctrl+C (or the service manager's SIGINT) ends the board; Qt's loop would swallow it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if windowed:
        window.resize(*WINDOWED_SIZE)
        window.show()
    else:
        window.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)
        window.showFullScreen()
    try:
        return app.exec()
    finally:
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the closed window, here
        signal.signal(signal.SIGINT, previous_sigint)
        if not windowed:
            app.restoreOverrideCursor()
