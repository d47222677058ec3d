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

from kiosk.launcher import DEMO_ROLES


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


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads the process table from /proc")
def test_demo_starts_every_window_and_ctrl_c_stops_everything(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--db", f"sqlite:///{db}", "demo", "--seed", "1"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        windows: list[int] = []
        while time.monotonic() < deadline and len(windows) < len(DEMO_ROLES):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            windows = _children_of(proc.pid)
            time.sleep(0.2)
        assert len(windows) == len(DEMO_ROLES), "one process per window"
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] > 0
        # The counter window signs the demo officer in by itself (PIN through a pipe).
        deadline = time.monotonic() + 30
        signed_in: list[tuple[str, str]] = []
        while time.monotonic() < deadline and not signed_in:
            with sqlite3.connect(db) as conn:
                signed_in = conn.execute(
                    "SELECT actor, detail FROM audit_log WHERE action = 'sign_in'"
                ).fetchall()
            time.sleep(0.2)
        assert signed_in and signed_in[0][0] == "petugas", signed_in
        assert '"counter 1"' in signed_in[0][1]
        time.sleep(2)  # let the windows come up fully before stopping them
        assert all(Path(f"/proc/{pid}").exists() for pid in windows)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(
            Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text()
            for pid in windows
        ):
            time.sleep(0.1)
        leftover = [
            pid
            for pid in windows
            if Path(f"/proc/{pid}").exists()
            and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        ]
        assert leftover == [], "Ctrl+C must stop every demo window"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
