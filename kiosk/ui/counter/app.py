"""Start the counter window: ``kiosk run counter`` ends up here."""

from __future__ import annotations

import signal
from collections.abc import Callable

from PySide6.QtCore import QEvent

from kiosk.config.settings import Settings
from kiosk.ui.common.app import WINDOWED_SIZE, application, show_windowed, stop_on_terminate
from kiosk.ui.counter.ports import CounterOffice
from kiosk.ui.counter.window import CounterWindow


def run_counter(
    settings: Settings,
    open_office: Callable[[], CounterOffice],
    *,
    windowed: bool = True,
    counter: int | None = None,
    sign_in: tuple[str, str] | None = None,
    quarter: tuple[int, int] | None = None,
) -> int:
    """Show the officer's window until it is closed; returns the exit status.

    An ordinary desktop window: maximised, or 1366x768 (``quarter`` of the screen) when
    ``windowed``. ``counter``
    preselects the counter; with ``sign_in`` (user name, PIN: from stdin in the CLI, never
    argv) it signs in at start (``kiosk demo`` opens a counter already signed in).
    """
    app = application()
    window = CounterWindow(settings, open_office, counter=counter, sign_in=sign_in)
    previous_sigint = signal.getsignal(signal.SIGINT)
    # Ctrl+C in the terminal ends it (Qt's loop would swallow it).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if windowed:
        show_windowed(window, quarter)
    else:
        window.resize(*WINDOWED_SIZE)
        window.showMaximized()
    try:
        with stop_on_terminate(window.close):
            return app.exec()
    finally:
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the closed window, here
        signal.signal(signal.SIGINT, previous_sigint)
