"""The windows on a real X server with no window manager (Xvfb), as on a bare kiosk PC.

The full-screen windows must cover their screen with nobody to honour "full screen"; the
demo's four windows must map and stop together; nothing may fail to load Qt's xcb plugin.
Screenshots of the root windows are saved under the test's tmp_path (the path is printed).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.qt_platform import PLUGIN_FAILED
from kiosk.tools.demo.supervisor import DEMO_ROLES
from tests.processes import wait_for_sigterm_handler
from tests.xvfb.xserver import (
    mapped_windows,
    screenshot,
    wait_for_windows,
    wait_until_covered,
    xvfb,
)

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb is an X11 server"),
]

TOUCH, TV = (1366, 768), (1920, 1080)


def x_env(tmp_path: Path, display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
            "KIOSK_LOG_DIR": str(tmp_path / "logs")}  # fmt: skip


def saved(image_name: str, tmp_path: Path, image: object) -> Path:
    path = tmp_path / image_name
    image.save(path)  # type: ignore[attr-defined]
    print(f"screenshot: {path}")
    return path


def stopped(proc: subprocess.Popen[str], sig: int, timeout: float = 60) -> str:
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=timeout)
    return err


def test_the_kiosk_and_the_board_cover_their_screens_without_a_window_manager(
    tmp_path: Path,
) -> None:
    with xvfb([TOUCH, TV], tmp_path / "xvfb.log") as display:
        env = x_env(tmp_path, display)
        url = f"sqlite:///{tmp_path / 'kiosk.db'}"
        kiosk_cmd = [sys.executable, "-m", "kiosk", "--db", url]
        subprocess.run([*kiosk_cmd, "db", "upgrade"], env=env, check=True, timeout=120,
                       capture_output=True)  # fmt: skip
        touch_root, tv_root = f"{display}.0", f"{display}.1"
        bare = {touch_root: screenshot(touch_root), tv_root: screenshot(tv_root)}
        windows = {
            "kiosk": subprocess.Popen([*kiosk_cmd, "run", "kiosk", "--screen", "1"], env=env,
                                      stderr=subprocess.PIPE, text=True),
            "display": subprocess.Popen([*kiosk_cmd, "run", "display", "--screen", "2"],
                                        env=env, stderr=subprocess.PIPE, text=True),
        }  # fmt: skip
        try:
            for proc in windows.values():
                wait_for_sigterm_handler(proc)
            on_touch = wait_for_windows(touch_root, 1, list(windows.values()))
            on_tv = wait_for_windows(tv_root, 1, list(windows.values()))
            assert [w.geometry for w in on_touch] == [(0, 0, *TOUCH)], on_touch
            assert [w.geometry for w in on_tv] == [(0, 0, *TV)], on_tv
            # What the server shows: the window's pixels in every corner of each screen.
            for root, size in ((touch_root, TOUCH), (tv_root, TV)):
                done, shot = wait_until_covered(root, bare[root], (0, 0, *size))
                saved(f"screen-{root.rsplit('.', 1)[1]}.png", tmp_path, shot)
                assert done, f"{root} is not covered"
            assert all(proc.poll() is None for proc in windows.values())
        finally:
            errors = {role: stopped(proc, signal.SIGTERM) for role, proc in windows.items()}
        for role, proc in windows.items():
            assert proc.returncode == 0, f"{role}: {errors[role]}"
            assert PLUGIN_FAILED not in errors[role]


def test_the_demo_maps_its_four_windows_and_ctrl_c_stops_them_all(tmp_path: Path) -> None:
    with xvfb([TV], tmp_path / "xvfb.log") as display:
        env = x_env(tmp_path, display)
        bare = screenshot(display)
        demo = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--db", f"sqlite:///{tmp_path / 'demo.db'}",
             "demo", "--seed", "1"],
            env=env, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            windows = wait_for_windows(display, len(DEMO_ROLES), [demo], timeout=240)
            assert len(windows) == len(DEMO_ROLES), windows
            # Side by side: each window whole on the screen, at least a quarter of it, from
            # its own corner (a window whose least size is more overlaps a little).
            half_w, half_h = TV[0] // 2, TV[1] // 2
            corners = set()
            for window in windows:
                assert window.x >= 0 and window.y >= 0, window
                assert window.x + window.width <= TV[0], window
                assert window.y + window.height <= TV[1], window
                assert window.width >= half_w and window.height >= half_h, window
                right, bottom = window.x + window.width, window.y + window.height
                corners.add((0 if window.x == 0 else right, 0 if window.y == 0 else bottom))
            assert corners == {(0, 0), (TV[0], 0), (0, TV[1]), (TV[0], TV[1])}, windows
            top = windows[-1]  # the last child of the root is drawn on top
            done, shot = wait_until_covered(display, bare, top.geometry)
            saved("demo.png", tmp_path, shot)
            assert done, f"nothing drawn where {top} stands"
            assert demo.poll() is None
        finally:
            err = stopped(demo, signal.SIGINT)
        assert demo.returncode == 0, err
        assert PLUGIN_FAILED not in err, err
        assert "stopping the demo windows" in err
        assert mapped_windows(display) == [], "a demo window outlived Ctrl+C"
