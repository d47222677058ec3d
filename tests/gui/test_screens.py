"""One PC, two screens: the kiosk on the touch screen, the board on the TV (``--screen``).

Qt's offscreen platform takes a description of the screens, so these run the real
windows as processes on a made-up pair: a 1366x768 touch screen and a 1920x1080 TV. Where
each window went is read from its log file (the line it writes when it goes full screen).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.processes import wait_for_sigterm_handler

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="stops the windows with SIGTERM"),
]

SCREENS = {
    "synchronousWindowSystemEvents": True,
    "windowFrameMargins": False,
    "screens": [
        {"name": "Touch", "x": 0, "y": 0, "width": 1366, "height": 768,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "TV", "x": 1366, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ],
}  # fmt: skip


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS))
    return {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "KIOSK_LOG_DIR": str(tmp_path / "logs"),
    }


def kiosk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip


def full_screen_line(log: Path, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists():
            for line in log.read_text(encoding="utf-8").splitlines():
                if "full screen on" in line:
                    return line
        time.sleep(0.1)
    raise AssertionError(f"{log.name} never said where it went full screen")


def test_kiosk_screens_lists_them_as_run_screen_counts_them(env: dict[str, str]) -> None:
    lines = kiosk(env, "screens").stdout.splitlines()
    assert len(lines) == 2
    names = [line.split()[1] for line in lines]
    assert sorted(names) == ["TV", "Touch"]
    assert any("1920x1080 at 1366,0" in line for line in lines)


def test_the_kiosk_and_the_board_share_a_pc_each_on_its_screen(
    env: dict[str, str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    kiosk(env, "--db", url, "db", "upgrade")
    touch = kiosk(env, "screens").stdout.splitlines()
    touch_number = next(line.split()[0] for line in touch if line.split()[1] == "Touch")
    windows = {
        # By number for the kiosk, by name (from the environment) for the board.
        "kiosk": subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--db", url, "run", "kiosk", "--screen", touch_number],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        ),
        "display": subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--db", url, "run", "display"],
            env={**env, "KIOSK_SCREEN": "TV"}, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True,
        ),
    }  # fmt: skip
    logs = Path(env["KIOSK_LOG_DIR"])
    try:
        assert "full screen on Touch (1366x768 at 0,0)" in full_screen_line(logs / "kiosk.log")
        assert "full screen on TV (1920x1080 at 1366,0)" in full_screen_line(logs / "display.log")
    finally:
        for window in windows.values():
            wait_for_sigterm_handler(window)
            window.send_signal(signal.SIGTERM)
        for role, window in windows.items():
            _, err = window.communicate(timeout=60)
            assert window.returncode == 0, f"{role}: {err}"


def test_a_screen_that_is_not_there_falls_back_to_the_main_one_and_says_so(
    env: dict[str, str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    board = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--db", url, "run", "display", "--screen", "HDMI-9"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    log = Path(env["KIOSK_LOG_DIR"]) / "display.log"
    try:
        full_screen_line(log)
        text = log.read_text(encoding="utf-8")
        assert "there is no screen 'HDMI-9'" in text
        assert re.search(r"TV +1920x1080", text)  # the warning lists the screens there are
    finally:
        wait_for_sigterm_handler(board)
        board.send_signal(signal.SIGTERM)
        _, err = board.communicate(timeout=60)
    assert board.returncode == 0, err
