"""Render the lobby board to PNG (``kiosk screenshots``): the board as it stands, and the
moment a new call flashes, at 1920x1080 and 1366x768; plus the "database unreachable"
notice. Silent: no chime or voice is started.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QEvent

from kiosk.config.settings import Settings
from kiosk.ui.common.app import application
from kiosk.ui.common.shots import settle, spin
from kiosk.ui.display.board import Announcement
from kiosk.ui.display.controller import BoardTimings
from kiosk.ui.display.parts import Flasher
from kiosk.ui.display.ports import DisplayOffice
from kiosk.ui.display.sound import Chime, Voice
from kiosk.ui.display.window import DisplayTimings, DisplayWindow

FULL_HD = (1920, 1080)
SMALL = (1366, 768)
SLOW = 600_000  # nothing changes by the clock while the pictures are taken


class _Borrowed:
    """The caller's office, lent to the window: the window's close() must not close it."""

    def __init__(self, office: DisplayOffice) -> None:
        self._office = office

    def __getattr__(self, name: str) -> Any:
        return getattr(self._office, name)

    def close(self) -> None:
        """Not ours to close."""


def _lent(office: DisplayOffice) -> DisplayOffice:
    # Everything but close() is the office's own, so it is the office's shape.
    return cast(DisplayOffice, _Borrowed(office))


def _flashers(window: DisplayWindow) -> list[Flasher]:
    return [window.hero.flasher, *(tile.flasher for tile in window.tiles.tiles.values())]


def _call_someone(office: DisplayOffice, settings: Settings) -> bool:
    """Call the next ticket at the first counter that has one (through the facade the CLI
    passed in, which can call: ``DisplayOffice`` itself only reads)."""
    call_next = getattr(office, "call_next", None)
    if call_next is None:
        return False
    return any(call_next(counter.number) is not None for counter in settings.counters)


def render_display_screenshots(
    settings: Settings,
    office: DisplayOffice,
    out: Path,
    *,
    sizes: Sequence[tuple[int, int]] = (FULL_HD, SMALL),
) -> list[Path]:
    """The board (``display-board-WxH.png``) and a call flashing (``display-call-WxH.png``)
    at each size, and ``display-unavailable-1920x1080.png``. Returns the files written.

    ``office`` should be a full ``kiosk.Office``: the flashing picture calls a ticket (the
    next one waiting at the first counter that has one) to show a real new call.
    """
    app = application()
    out.mkdir(parents=True, exist_ok=True)
    timings = DisplayTimings(
        board=BoardTimings(refresh_ms=SLOW, retry_ms=1000),
        announce=DisplayTimings.from_settings(settings).announce,
        flash_ms=SLOW,
        heading_ms=SLOW,
    )
    window = DisplayWindow(
        settings, lambda: _lent(office), timings=timings, voice=Voice(), chime=Chime(0)
    )
    written: list[Path] = []
    started: list[Announcement] = []
    window.announcer.announcement_started.connect(started.append)

    def grab(name: str, size: tuple[int, int]) -> None:
        settle(app)
        path = out / f"display-{name}-{size[0]}x{size[1]}.png"
        window.grab().save(str(path), "PNG")
        written.append(path)

    try:
        window.resize(*sizes[0])
        window.show()
        spin(app, lambda: window.controller.last is not None)
        spin(app, lambda: window.controller.watcher is not None)
        for size in sizes:
            window.resize(*size)
            grab("board", size)
        before = len(started)
        if _call_someone(office, settings):
            spin(app, lambda: len(started) > before)
            for size in sizes:
                window.resize(*size)
                # Flashing alternates; show its bright half in the picture.
                for flasher in _flashers(window):
                    if flasher.active:
                        flasher.start(SLOW)
                grab("call", size)
        window.resize(*FULL_HD)
        for flasher in _flashers(window):
            flasher.stop()
        window.controller.availability_changed.emit(False)
        grab("unavailable", FULL_HD)
        window.controller.availability_changed.emit(True)
    finally:
        window.close()
        # Delete it now, on this (the GUI) thread.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return written
