"""The kiosk window under pytest-qt, offscreen, against real SQLite files.

``settings``      an office with A, B open, C closed all week, D with a quota of 1; the
                  preview printer drawing slips into tmp_path/slips.
``other_office``  a second Office on the same database (another connection, like another
                  PC or process), to look at what the window did and to change things.
``make_window``   builds a shown kiosk window (locked, as in the lobby) with short
                  timings; closes it at the end of the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.bootstrap import make_printer
from kiosk.config.settings import Settings, settings_from_dict
from kiosk.office import Office
from kiosk.printing.printer import Printer
from kiosk.ui.lobby.controller import Timings
from kiosk.ui.lobby.ports import KioskOffice
from kiosk.ui.lobby.window import KioskWindow

from .support import CALM, WindowFactory, office_config


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Any Qt warning (qWarning and up) fails a GUI test.
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return settings_from_dict(office_config(tmp_path), "test")


@pytest.fixture
def other_office(sqlite_url: str, settings: Settings) -> Iterator[Office]:
    with Office.open(sqlite_url, settings=settings) as office:
        yield office


@pytest.fixture
def make_window(qtbot: QtBot, sqlite_url: str, settings: Settings) -> Iterator[WindowFactory]:
    windows: list[KioskWindow] = []

    def make(
        *,
        printer: Printer | None = None,
        timings: Timings = CALM,
        settings_: Settings | None = None,
        open_office: Callable[[], KioskOffice] | None = None,
        wait_ready: bool = True,
    ) -> KioskWindow:
        s = settings_ or settings

        def default_open() -> KioskOffice:
            return Office.open(sqlite_url, settings=s)

        window = KioskWindow(
            s,
            open_office or default_open,
            printer or make_printer(s),
            timings=timings,
            locked=True,
        )
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        if wait_ready:
            qtbot.waitUntil(lambda: window.controller.last_status is not None)
        return window

    yield make
    for window in windows:
        if isValid(window):  # not closed (and deleted) by the test itself
            window.unlock_and_close()
    # Destroy the closed windows now, on the GUI thread.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
