"""`kiosk demo`: fills its database, starts the windows as processes, stops them together."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.qt_platform import apt_command
from kiosk.tools.demo.supervisor import DEMO_ROLES
from tests import hidden_library
from tests.processes import catches_sigterm

pytestmark = pytest.mark.skipif(
    not Path("/proc").exists(), reason="reads the process table from /proc"
)


def _children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for whoever adopted it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _demo_cmd(db: Path) -> list[str]:
    return [sys.executable, "-m", "kiosk", "--db", f"sqlite:///{db}", "demo", "--seed", "1"]


def _start_demo(cmd: list[str], tmp_path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(tmp_path / "logs")}
    return subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)


def _windows_up(proc: subprocess.Popen[str], timeout: float = 120) -> list[int]:
    """The four window processes, once each has taken SIGTERM over (its loop is about to
    run): from then on a stop is the window's clean one, not a kill during start-up."""
    deadline = time.monotonic() + timeout
    windows: list[int] = []
    while len(windows) < len(DEMO_ROLES) or not all(catches_sigterm(p) for p in windows):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"windows {windows} never all came up"
        windows = _children_of(proc.pid)
        time.sleep(0.1)
    return windows


def _gone(pids: list[int], timeout: float) -> list[int]:
    """The processes still running after ``timeout`` seconds (polled, so it ends early)."""
    deadline = time.monotonic() + timeout
    while (left := [p for p in pids if _running(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _no_orphans(windows: list[int]) -> None:
    """Whatever the test found, no window outlives it (nor holds its stderr pipe)."""
    for pid in windows:
        if _running(pid):
            os.kill(pid, signal.SIGKILL)


def test_demo_starts_every_window_and_ctrl_c_stops_everything(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    # Started as a script's background job is (`kiosk demo &`, a CI runner): SIGINT comes
    # in ignored, and Python then sets up no KeyboardInterrupt. Ctrl+C must stop it anyway.
    proc = _start_demo(["sh", "-c", 'trap "" INT; exec "$@"', "sh", *_demo_cmd(db)], tmp_path)
    windows: list[int] = []
    try:
        windows = _windows_up(proc)
        assert len(windows) == len(DEMO_ROLES), "one process per window"
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] > 0
        # The counter window signs the demo officer in by itself (PIN through a pipe).
        deadline = time.monotonic() + 60
        signed_in: list[tuple[str, str]] = []
        while time.monotonic() < deadline and not signed_in:
            with sqlite3.connect(db) as conn:
                signed_in = conn.execute(
                    # The counter window's (the demo itself signs its admin in to set up).
                    "SELECT actor, detail FROM audit_log WHERE action = 'sign_in' "
                    "AND detail LIKE '%counter%'"
                ).fetchall()
            time.sleep(0.2)
        assert signed_in and signed_in[0][0] == "petugas", signed_in
        assert '"counter 1"' in signed_in[0][1]
        assert all(_running(pid) for pid in windows)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        assert _gone(windows, 10) == [], "Ctrl+C must stop every demo window"
    finally:
        _no_orphans(windows)
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def test_killing_the_demo_takes_its_windows_with_it(tmp_path: Path) -> None:
    proc = _start_demo(_demo_cmd(tmp_path / "demo.db"), tmp_path)
    windows: list[int] = []
    try:
        windows = _windows_up(proc)
        proc.kill()  # SIGKILL: the launcher has no chance to stop anything itself
        proc.wait()  # not communicate(): orphans would hold its stderr pipe open
        assert _gone(windows, 15) == [], "windows outlived their launcher"
    finally:
        _no_orphans(windows)
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def test_a_window_that_cannot_load_qt_names_the_library_and_the_fix(tmp_path: Path) -> None:
    # As on a stock Debian desktop: Qt's xcb plugin lacks libxcb-icccm.so.4.
    demo = [*_demo_cmd(tmp_path / "demo.db")]
    cmd = hidden_library.command(["env", "-u", "DISPLAY", "QT_QPA_PLATFORM=xcb", *demo], tmp_path)
    if cmd is None:
        pytest.skip("needs Linux and root to hide a library in a mount namespace (unshare)")
    proc = _start_demo(cmd, tmp_path)
    try:
        _, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 1, err
    said = [line for line in err.splitlines() if "could not start" in line]
    assert len(said) == 1, err  # one clear line, not four windows' worth
    assert f"{hidden_library.HIDDEN} missing" in said[0], said
    assert said[0].endswith(f"install them with: {apt_command()}"), said
    assert "libxcb-icccm4" in apt_command()
