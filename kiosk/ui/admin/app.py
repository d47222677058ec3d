"""Start the supervisors' admin window: ``kiosk run admin`` ends up here."""

from __future__ import annotations

import signal
from collections.abc import Callable

from PySide6.QtCore import QEvent

from kiosk.config.settings import Settings
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.app import application, show_windowed, stop_on_terminate


def run_admin(
    settings: Settings,
    open_office: Callable[[], AdminOffice],
    *,
    quarter: tuple[int, int] | None = None,
) -> int:
    """Show the admin window (an ordinary desktop window, 1366x768 or ``quarter`` of the
    screen to start with) until it is closed; returns the exit status. ``open_office`` runs
    on the window's worker thread and is retried while the database cannot be reached."""
    app = application()
    window = AdminWindow(settings, open_office)
    previous_sigint = signal.getsignal(signal.SIGINT)
    # Ctrl+C in the terminal ends it (Qt's loop would swallow it).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    show_windowed(window, quarter)
    try:
        with stop_on_terminate(window.close):
            return app.exec()
    finally:
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the closed window, here
        signal.signal(signal.SIGINT, previous_sigint)
