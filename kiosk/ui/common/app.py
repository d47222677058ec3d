"""The one QApplication every window runs in (created once, with the windows' font), and
a clean stop on SIGTERM for every window."""

from __future__ import annotations

import logging
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.common.style import install_app_font

log = logging.getLogger(__name__)

WINDOWED_SIZE = (1366, 768)
#: The screen a full-screen window opens on, when the command line does not say.
ENV_SCREEN = "KIOSK_SCREEN"


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    app.setApplicationDisplayName("kiosk")
    app.setOrganizationName("kiosk")  # QSettings: the admin window remembers folders
    install_app_font(app)
    return app


def describe_screens() -> list[str]:
    """One line per screen, numbered as ``--screen`` counts them (for ``kiosk screens``)."""
    app = application()
    primary = app.primaryScreen()
    lines = []
    for number, screen in enumerate(QGuiApplication.screens(), start=1):
        g = screen.geometry()
        main = ", main" if screen is primary else ""
        lines.append(
            f"{number}  {screen.name()}  {g.width()}x{g.height()} at {g.x()},{g.y()}{main}"
        )
    return lines


def pick_screen(choice: str | None) -> QScreen | None:
    """The screen ``choice`` names: its number in ``kiosk screens`` (1 = the first) or its
    name (``HDMI-1``, as the system calls the output). None, or a screen that is not there
    (the TV switched off at boot), gives None: the main screen, with a log line."""
    if not choice:
        return None
    screens = QGuiApplication.screens()
    choice = choice.strip()
    if choice.isdigit() and 1 <= int(choice) <= len(screens):
        return screens[int(choice) - 1]
    for screen in screens:
        if screen.name() == choice:
            return screen
    log.warning(
        "there is no screen %r (screens: %s); using the main screen",
        choice,
        "; ".join(describe_screens()),
    )
    return None


def show_full_screen(window: QWidget, screen: QScreen | None) -> None:
    """Full screen on ``screen`` (None: the main one), with or without a window manager."""
    target = screen or QGuiApplication.primaryScreen()
    window.setScreen(target)
    # Full screen is a request to the window manager (_NET_WM_STATE_FULLSCREEN on X11),
    # and a bare X session, as kiosk PCs often run, has none: the window would open at its
    # own size in a corner. Standing on the whole screen means the same to a manager (which
    # makes a window full screen on the screen it stands on) and needs none.
    window.setGeometry(target.geometry())
    window.showFullScreen()
    shown = window.screen()
    g = shown.geometry()
    log.info(
        "full screen on %s (%dx%d at %d,%d)", shown.name(), g.width(), g.height(), g.x(), g.y()
    )


def show_windowed(window: QWidget, quarter: tuple[int, int] | None = None) -> None:
    """An ordinary window: WINDOWED_SIZE, or ``quarter`` (column, row: 0 or 1) of the main
    screen's free area, so ``kiosk demo`` lays its four windows side by side. A window whose
    least size is more than a quarter keeps it, from its quarter's outer corner: it overlaps
    its neighbours a little but stays whole on the screen."""
    if quarter is None:
        window.resize(*WINDOWED_SIZE)
    else:
        area = QGuiApplication.primaryScreen().availableGeometry()
        column, row = quarter
        least = window.minimumSize()  # not the layout's hint: the lobby scales to its size
        width = min(area.width(), max(area.width() // 2, least.width()))
        height = min(area.height(), max(area.height() // 2, least.height()))
        x = area.x() + (area.width() - width if column else 0)
        y = area.y() + (area.height() - height if row else 0)
        window.setGeometry(x, y, width, height)
    window.show()


@contextmanager
def stop_on_terminate(close: Callable[[], object]) -> Iterator[None]:
    """While inside, SIGTERM (``systemctl stop``, ``kill``) is a clean exit: ``close``
    runs on the GUI thread (the window closes as by its own way out, so its workers and
    the office are shut down), then the event loop ends with status 0.

    Qt's loop runs in C++, where Python's signal handlers cannot run, so the signal wakes
    the loop through ``signal.set_wakeup_fd`` and a socket notifier (no polling timer).
    Nothing is installed on Windows, which ends a process without a signal, or off the
    main thread (where Python cannot install handlers)."""
    if sys.platform == "win32" or threading.current_thread() is not threading.main_thread():
        yield
        return
    app = application()
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    stopping = False

    def stop() -> None:
        nonlocal stopping
        if stopping:
            return
        stopping = True
        log.info("SIGTERM received; closing the window")
        try:
            close()
        finally:
            app.quit()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        QTimer.singleShot(0, stop)  # leave the handler first; stop on the loop

    def on_wakeup() -> None:
        try:
            woken = reader.recv(64)
        except OSError:  # nothing there (a spurious wake-up)
            return
        if signal.SIGTERM in woken:  # the handler has run or runs next; either stops
            QTimer.singleShot(0, stop)

    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(on_wakeup)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous_handler = signal.signal(signal.SIGTERM, on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous_handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()
