"""SIGTERM (systemd's stop, ``kill``) ends every window cleanly with exit status 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.common.app import application, stop_on_terminate
from tests.processes import wait_for_sigterm_handler

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows ends a process without a signal"
)


def test_sigterm_closes_the_window_and_ends_the_loop_with_0(qtbot: QtBot) -> None:
    app = application()
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    closed: list[bool] = []

    def close() -> None:
        closed.append(True)
        window.close()

    before = signal.getsignal(signal.SIGTERM)
    # Closing the last window would make Qt quit once more after exec() returned, and that
    # late quit would end every event loop of the tests after this one at once (qtbot's
    # waits among them). In a real window process the loop ends here anyway.
    app.setQuitOnLastWindowClosed(False)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: app.exit(99))  # the signal never arrived
    try:
        with stop_on_terminate(close):
            assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, signal.SIG_IGN, None)
            # From another thread, as from another process: the GUI thread is asleep in Qt's
            # loop (C++), where only the wake-up socket can reach it.
            sender = threading.Timer(0.2, os.kill, args=(os.getpid(), signal.SIGTERM))
            sender.start()
            guard.start(10_000)
            code = app.exec()
            guard.stop()
            sender.join()
    finally:
        app.setQuitOnLastWindowClosed(True)
    assert code == 0
    assert closed == [True]
    assert signal.getsignal(signal.SIGTERM) == before  # put back afterwards


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("role", ["kiosk", "display", "counter", "admin"])
def test_each_window_exits_0_on_sigterm(role: str, sqlite_url: str) -> None:
    cmd = [sys.executable, "-m", "kiosk", "--db", sqlite_url, "run", role, "--windowed"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        try:
            wait_for_sigterm_handler(proc)  # the window's loop is about to run
            proc.send_signal(signal.SIGTERM)
            _out, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
