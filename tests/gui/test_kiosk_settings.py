"""Settings a supervisor saves elsewhere reach a running kiosk: the window is rebuilt at a
quiet moment (never under an applicant's finger), and a test page asked from afar prints."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.config.settings import Settings, editable_document
from kiosk.office import Office
from kiosk.printing.printer import Printer
from kiosk.ui.lobby.host import KioskHost
from kiosk.ui.lobby.ports import KioskOffice
from kiosk.ui.lobby.window import KioskWindow
from tests.staff import admin_session

from .printers import PaperOutPrinter
from .support import CALM


@pytest.fixture
def host(qtbot: QtBot, sqlite_url: str, settings: Settings) -> Iterator[KioskHost]:
    printers: list[PaperOutPrinter] = []

    def printer_for(s: Settings) -> Printer:
        printer = PaperOutPrinter()
        printer.paper_out = False
        printers.append(printer)
        return printer

    def open_office() -> KioskOffice:
        return Office.open(sqlite_url, settings=settings)

    def show(window: KioskWindow) -> None:
        window.resize(1366, 768)
        window.show()

    host = KioskHost(settings, open_office, printer_for, show, timings=lambda s: CALM, check_ms=50)
    host.printers = printers  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: host.window.controller.last_status is not None)
    yield host
    if isValid(host.window):
        host.window.unlock_and_close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_new_settings_rebuild_the_kiosk_once_nobody_is_using_it(
    qtbot: QtBot, host: KioskHost, other_office: Office
) -> None:
    first = host.window
    assert first.top_bar.office.text() == "Kantor Imigrasi Uji"
    QTest.mouseClick(first.services.priority, Qt.MouseButton.LeftButton)  # an applicant
    assert first.stack.currentWidget() is first.priority  # is choosing a category
    doc = editable_document(other_office.settings)
    session = admin_session(other_office)
    with qtbot.waitSignal(first.settings_changed, timeout=10_000):
        other_office.update_settings(
            "office", {**doc["office"], "name": "Kanim Baru"}, session=session
        )
    assert host.window is first  # not under the applicant's finger

    with qtbot.waitSignal(host.rebuilt, timeout=5_000):
        QTest.mouseClick(first.priority.back, Qt.MouseButton.LeftButton)  # and goes home
    new = host.window
    assert new is not first
    assert new.settings.office.name == "Kanim Baru"
    assert new.top_bar.office.text() == "Kanim Baru"
    qtbot.waitUntil(lambda: not isValid(first) or not first.isVisible())


def test_a_test_page_asked_from_the_admin_window_prints(
    qtbot: QtBot, host: KioskHost, other_office: Office, settings: Settings
) -> None:
    printer = host.printers[-1]  # type: ignore[attr-defined]
    other_office.settings_store.request_printer_test(
        settings.kiosk.name, session=admin_session(other_office)
    )
    qtbot.waitUntil(lambda: printer.test_pages == [settings.office.name], timeout=10_000)
    qtbot.waitUntil(
        lambda: other_office.printer_states().get(settings.kiosk.name) is not None, timeout=5000
    )
    assert other_office.printer_states()[settings.kiosk.name].state == "online"
