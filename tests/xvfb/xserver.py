"""A real X server (Xvfb) with no window manager, and what it shows.

Kiosk PCs often run a bare X session: nothing but the kiosk's own windows, so nobody acts
on "full screen" requests. Xvfb started here is the same: no window manager, and each
``-screen`` its own X screen (Qt lists them as screens 1, 2...). What the windows did is
read back from the server itself: ``xwininfo`` (mapped? where? how large?) and a root
window screenshot (``xwd -root``, decoded here; saved as PNG for a person to look at).

CI installs Xvfb (.ci/run); without it these tests skip, except where CI=true or
KIOSK_REQUIRE_XVFB=1 says that a skip would hide them.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

TOOLS = ("Xvfb", "xwininfo", "xwd")


def require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    why = f"needs {', '.join(missing)} (apt-get install xvfb x11-utils x11-apps)"
    if os.environ.get("CI") == "true" or os.environ.get("KIOSK_REQUIRE_XVFB") == "1":
        pytest.fail(f"{why}: required here (CI / KIOSK_REQUIRE_XVFB=1)")
    pytest.skip(why)


@contextmanager
def xvfb(screens: Sequence[tuple[int, int]], log: Path) -> Iterator[str]:
    """An Xvfb with one X screen per (width, height); yields its display (":N")."""
    require_tools()
    args = ["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-noreset"]
    for number, (width, height) in enumerate(screens):
        args += ["-screen", str(number), f"{width}x{height}x24"]
    with log.open("w") as errors:
        server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        assert server.stdout is not None
        said = server.stdout.readline().strip()  # its number, once it accepts clients
        assert said.isdigit(), f"Xvfb did not start: {log.read_text()}"
        yield f":{said}"
    finally:
        server.terminate()
        try:
            server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


@dataclass(frozen=True)
class XWindow:
    id: str
    title: str
    x: int
    y: int
    width: int
    height: int

    @property
    def geometry(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.width, self.height)


_CHILD = re.compile(r"^\s+(0x[0-9a-f]+) (.*?):.*?\s(\d+)x(\d+)\+(-?\d+)\+(-?\d+)\s")


def mapped_windows(display: str) -> list[XWindow]:
    """The root window's children that are mapped (viewable), as the server has them."""
    tree = subprocess.run(
        ["xwininfo", "-root", "-children", "-display", display],
        capture_output=True, text=True, check=True, timeout=30,
    ).stdout  # fmt: skip
    found = []
    for line in tree.splitlines():
        match = _CHILD.match(line)
        if match is None:
            continue
        wid, title = match.group(1), match.group(2).strip('"')
        info = subprocess.run(
            ["xwininfo", "-id", wid, "-display", display],
            capture_output=True, text=True, check=False, timeout=30,
        ).stdout  # fmt: skip
        if "Map State: IsViewable" not in info:
            continue
        w, h, x, y = (int(v) for v in match.group(3, 4, 5, 6))
        found.append(XWindow(wid, title, x, y, w, h))
    return found


def wait_for_windows(
    display: str, count: int, alive: Sequence[subprocess.Popen[str]], timeout: float = 120
) -> list[XWindow]:
    """Until ``count`` sizeable windows are mapped; fails at once if a process ends."""
    deadline = time.monotonic() + timeout
    while True:
        for proc in alive:
            assert proc.poll() is None, f"{proc.args!r} ended: {proc.communicate()}"
        windows = [w for w in mapped_windows(display) if w.width > 100 and w.height > 100]
        if len(windows) >= count:
            return windows
        assert time.monotonic() < deadline, f"{len(windows)} of {count} windows mapped"
        time.sleep(0.25)


def screenshot(display: str) -> Image.Image:
    """The root window as the server shows it (xwd's ZPixmap, 24/32 bits a pixel)."""
    raw = subprocess.run(
        ["xwd", "-root", "-silent", "-display", display],
        capture_output=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    header = struct.unpack(">25I", raw[:100])
    header_size, fmt, width, height = header[0], header[2], header[4], header[5]
    byte_order, bits_per_pixel, bytes_per_line, ncolors = (
        header[7], header[11], header[12], header[19]
    )  # fmt: skip
    assert fmt == 2 and bits_per_pixel in (24, 32), f"xwd format {fmt}, {bits_per_pixel} bits"
    start = header_size + 12 * ncolors
    data = raw[start : start + bytes_per_line * height]
    lsb_first = byte_order == 0
    mode = {(32, True): "BGRX", (32, False): "XRGB", (24, True): "BGR", (24, False): "RGB"}[
        (bits_per_pixel, lsb_first)
    ]
    return Image.frombuffer("RGB", (width, height), data, "raw", mode, bytes_per_line, 1)


def covered(before: Image.Image, after: Image.Image, box: tuple[int, int, int, int]) -> bool:
    """Whether ``after`` shows something else than the bare root in every corner and the
    middle of ``box`` (x, y, width, height): a window stands on all of it."""
    x, y, w, h = box
    size = 24
    spots = [(x, y), (x + w - size, y), (x, y + h - size), (x + w - size, y + h - size),
             (x + (w - size) // 2, y + (h - size) // 2)]  # fmt: skip
    for sx, sy in spots:
        area = (sx, sy, sx + size, sy + size)
        if before.crop(area).tobytes() == after.crop(area).tobytes():
            return False
    return True


def wait_until_covered(
    display: str, before: Image.Image, box: tuple[int, int, int, int], timeout: float = 60
) -> tuple[bool, Image.Image]:
    """The screen once a window has drawn all over ``box`` (mapped comes before painted),
    or as it is after ``timeout``; and whether it was covered."""
    deadline = time.monotonic() + timeout
    while True:
        shot = screenshot(display)
        if covered(before, shot, box) or time.monotonic() > deadline:
            return covered(before, shot, box), shot
        time.sleep(0.2)
