"""An appointment's check-in at the lobby kiosk, driven by what a person touches: the home
screen's "Sudah punya jadwal?" entry, then the booking's QR read by a USB scanner (it types
the code and Enter into the focused field) or the application number typed on the pad.
What was stored is read through another connection; what was printed is the bytes a real
pty received. The office's clock is injected: Monday 7 December 2026, 09.50 WIB."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.appointments import Booking
from kiosk.office import Office
from kiosk.storage.engine import make_engine
from kiosk.ui.lobby.confirmation import AGAIN, PRINTED
from kiosk.ui.lobby.window import KioskWindow
from tests.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.staff import admin_session

from .support import WindowFactory, office_config

DAY = dt.date(2026, 12, 7)
WIB = dt.timezone(dt.timedelta(hours=7))
CODE = "MP-0001001"
#: A booking known by its application number only (digits: typed on the pad).
NUMBER = "20261207001"


class Clock:
    def __init__(self, hour: int, minute: int) -> None:
        self.now = dt.datetime(2026, 12, 7, hour, minute, tzinfo=WIB).astimezone(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def tap(widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def scan(payload: str) -> None:
    """A USB barcode scanner: it types the payload and Enter into whatever has the focus."""
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClicks(focused, payload)
    QTest.keyClick(focused, Qt.Key.Key_Return)


def rows(url: str, sql: str) -> list[dict[str, Any]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


@pytest.fixture
def fake_printer() -> Iterator[FakePrinter]:
    printer = FakePrinter()
    yield printer
    printer.close()


@pytest.fixture
def serial_settings(tmp_path: Path, fake_printer: FakePrinter) -> Settings:
    config = office_config(tmp_path)
    config["printer"] = {"kind": "serial", "port": fake_printer.path}
    return settings_from_dict(config, "test")


@pytest.fixture
def clock() -> Clock:
    return Clock(9, 50)


@pytest.fixture
def front_desk(sqlite_url: str, serial_settings: Settings, clock: Clock) -> Iterator[Office]:
    """The front desk's PC: a staff member adds the day's appointment."""
    with Office.open(sqlite_url, settings=serial_settings, clock=clock) as office:
        session = admin_session(office)
        office.appointments.add(DAY, Booking(CODE, dt.time(10, 0), "B"), session)
        office.appointments.add(DAY, Booking(NUMBER, dt.time(10, 15), "A"), session)
        office.staff.sign_out(session)
        yield office


@pytest.fixture
def kiosk(
    make_window: WindowFactory,
    serial_settings: Settings,
    sqlite_url: str,
    clock: Clock,
    front_desk: Office,
) -> KioskWindow:
    window = make_window(
        settings_=serial_settings,
        open_office=lambda: Office.open(sqlite_url, settings=serial_settings, clock=clock),
    )
    assert showing(window, window.services)
    return window


def open_check_in(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.waitUntil(lambda: window.services.check_in.isVisible())
    assert window.services.check_in.text() == "Sudah punya jadwal?\nPindai kode QR"
    tap(window.services.check_in)
    assert showing(window, window.check_in)
    assert QApplication.focusWidget() is window.check_in.field  # the scanner types here


def showing(window: KioskWindow, screen: QWidget) -> bool:
    return window.stack.currentWidget() is screen


def refused(qtbot: QtBot, window: KioskWindow) -> str:
    screen = window.check_in
    qtbot.waitUntil(lambda: screen.message.isVisible() and not screen.busy)
    assert window.current is screen and screen.field.text() == ""
    return screen.message.text()


def test_a_booking_scanned_in_its_window_gets_a_ticket_with_the_slot_on_the_slip(
    qtbot: QtBot, kiosk: KioskWindow, fake_printer: FakePrinter, sqlite_url: str
) -> None:
    open_check_in(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.controller.slip_recorded, timeout=10_000):
        scan(CODE)
    assert showing(kiosk, kiosk.confirmation)
    assert kiosk.confirmation.number.text() == "B-001"
    assert kiosk.confirmation.print_state == PRINTED

    [ticket] = rows(sqlite_url, "SELECT id, code, service, slip_state FROM tickets")
    assert (ticket["code"], ticket["service"], ticket["slip_state"]) == ("B-001", "B", "printed")
    [booked] = rows(sqlite_url, "SELECT code, ticket_id FROM appointments WHERE ticket_id > 0")
    assert booked == {"code": CODE, "ticket_id": ticket["id"]}
    qtbot.waitUntil(lambda: decode(fake_printer.data()).cuts >= 1, timeout=5000)
    texts = decode(fake_printer.data()).texts()
    assert "B-001" in texts and "Jadwal: pukul 10.00" in texts, texts


def test_the_application_number_typed_on_the_pad_checks_in_too(
    qtbot: QtBot, kiosk: KioskWindow, sqlite_url: str
) -> None:
    open_check_in(qtbot, kiosk)
    screen = kiosk.check_in
    for ch in NUMBER:
        tap(screen.keys[ch])
    assert screen.field.text() == NUMBER
    with qtbot.waitSignal(kiosk.controller.slip_recorded, timeout=10_000):
        tap(screen.ok)
    assert kiosk.confirmation.number.text() == "A-001"
    [booked] = rows(sqlite_url, "SELECT code FROM appointments WHERE ticket_id IS NOT NULL")
    assert booked == {"code": NUMBER}


def test_too_early_says_the_slot_and_when_to_come_back(
    qtbot: QtBot, kiosk: KioskWindow, clock: Clock, sqlite_url: str
) -> None:
    clock.now = Clock(9, 0).now
    open_check_in(qtbot, kiosk)
    scan(CODE)
    assert refused(qtbot, kiosk) == "Jadwal Anda pukul 10.00; silakan kembali mulai pukul 09.30"
    assert rows(sqlite_url, "SELECT id FROM tickets") == []
    tap(kiosk.top_bar.language)  # English: the same refusal in its words
    assert kiosk.check_in.message.text() == (
        "Your appointment is at 10.00; please come back from 09.30."
    )
    tap(kiosk.check_in.back)
    assert showing(kiosk, kiosk.services)


def test_a_second_check_in_shows_the_same_ticket_and_issues_none(
    qtbot: QtBot, kiosk: KioskWindow, fake_printer: FakePrinter, sqlite_url: str
) -> None:
    open_check_in(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.controller.slip_recorded, timeout=10_000):
        scan(CODE)
    tap(kiosk.confirmation.done)
    assert showing(kiosk, kiosk.services)
    printed = fake_printer.data()

    open_check_in(qtbot, kiosk)
    with qtbot.waitSignal(kiosk.controller.ticket_issued, timeout=10_000):
        scan(CODE)
    assert showing(kiosk, kiosk.confirmation)
    assert kiosk.confirmation.number.text() == "B-001"
    assert kiosk.confirmation.print_state == AGAIN
    assert kiosk.confirmation.status.text().startswith("Anda sudah check-in sebelumnya.")
    assert len(rows(sqlite_url, "SELECT id FROM tickets")) == 1  # no second ticket
    assert fake_printer.data() == printed  # and no second slip


def test_an_unknown_code_is_refused_and_the_next_scan_may_follow(
    qtbot: QtBot, kiosk: KioskWindow, sqlite_url: str
) -> None:
    open_check_in(qtbot, kiosk)
    scan("MP-9999999")
    assert refused(qtbot, kiosk) == (
        "Jadwal ini tidak ditemukan untuk hari ini. Silakan tanyakan ke petugas."
    )
    assert rows(sqlite_url, "SELECT id FROM tickets") == []
    with qtbot.waitSignal(kiosk.controller.slip_recorded, timeout=10_000):
        scan(CODE)  # the right code next: the field was cleared for it
    assert kiosk.confirmation.number.text() == "B-001"


def test_the_check_in_entry_shows_once_the_day_has_an_appointment(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    window = make_window()  # the real clock's day: nothing booked, verify = list
    assert window.controller.last_status is not None  # read with whether check-in is open
    assert not window.services.check_in.isVisible()

    session = admin_session(other_office)
    other_office.appointments.add(other_office.today(), Booking(CODE, dt.time(10, 0), "A"), session)
    window.controller.refresh()
    qtbot.waitUntil(lambda: window.services.check_in.isVisible())
