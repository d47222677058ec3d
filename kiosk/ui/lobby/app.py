"""Start the kiosk window: ``kiosk run kiosk`` ends up here."""

from __future__ import annotations

import signal
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt

from kiosk.config.settings import Settings
from kiosk.printing.printer import Printer
from kiosk.ui.common.app import (
    application,
    pick_screen,
    show_full_screen,
    show_windowed,
    stop_on_terminate,
)
from kiosk.ui.lobby.host import KioskHost
from kiosk.ui.lobby.ports import KioskOffice
from kiosk.ui.lobby.window import KioskWindow


def run_kiosk(
    settings: Settings,
    open_office: Callable[[], KioskOffice],
    printer_for: Callable[[Settings], Printer],
    *,
    windowed: bool = False,
    screen: str | None = None,
    quarter: tuple[int, int] | None = None,
) -> int:
    """Show the kiosk until the supervisor closes it; returns the exit status.

    Full screen, frameless and locked by default; ``windowed`` gives an ordinary window of
    1366x768 that the window manager may close (for trying it on a desktop). ``screen``: which
    screen to fill (number or name; see ``kiosk screens``). New settings
    saved by a supervisor rebuild the window (and its printer) at a quiet moment.
    """
    app = application()
    target = None if windowed else pick_screen(screen)
    previous_sigint = signal.getsignal(signal.SIGINT)

    def show(window: KioskWindow) -> None:
        if windowed:
            show_windowed(window, quarter)
        else:
            show_full_screen(window, target)

    if windowed:
        # Ctrl+C in the terminal ends a windowed trial run (Qt's loop would swallow it).
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    else:
        app.setOverrideCursor(Qt.CursorShape.BlankCursor)  # a touch screen: no pointer
    host = KioskHost(settings, open_office, printer_for, show, locked=not windowed)

    def close(host: KioskHost = host) -> None:
        # SIGTERM (the service manager's stop) closes as the supervisor PIN does.
        host.window.unlock_and_close()

    try:
        with stop_on_terminate(close):
            return app.exec()
    finally:
        del close, host
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the closed window, here
        signal.signal(signal.SIGINT, previous_sigint)
        if not windowed:
            app.restoreOverrideCursor()
