"""The admin window's appointments tab, driven as a supervisor drives it: the day's list
with each booking's state, "Impor..." answered with a real XLSX (openpyxl), the preview
of what would change, the confirmed import checked in the database through another
Office, refused rows with their lines, a booking added and one cancelled by clicks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.config.settings import Settings
from kiosk.domain.appointments import Appointment
from kiosk.domain.dates import day_month_year
from kiosk.office import Office
from kiosk.ui.admin.appointments import AppointmentsTab
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.i18n import tr
from tests.staff import admin_session

from . import test_admin_fixtures as fx
from .test_admin_fixtures import (
    SUPERVISOR,
    AdminFactory,
    click,
    click_row,
    idle,
    pick,
    shown,
    sign_in,
    switch_language,
    type_date,
    type_into,
)

admin_settings = fx.admin_settings
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other

Row = tuple[object, ...]


def xlsx(
    path: Path, rows: list[Row], header: Row = ("code", "service", "time", "category")
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


class Chooser:
    """The open dialog, answered by the test with the file it holds now."""

    def __init__(self) -> None:
        self.answer: Path | None = None
        self.asked = 0

    def __call__(
        self, _parent: object, _title: str, _start: Path | None, _filter: str
    ) -> Path | None:
        self.asked += 1
        return self.answer


def _today(settings: Settings) -> dt.date:
    return dt.datetime.now(settings.timezone).date()


def _stored(office: Office, day: dt.date) -> dict[str, Appointment]:
    session = admin_session(office)
    try:
        return {a.code: a for a in office.appointments.on_day(day, session)}
    finally:
        office.staff.sign_out(session)


def _cells(tab: AppointmentsTab, row: int) -> list[str]:
    model = tab.model
    return [str(model.index(row, c).data()) for c in range(model.columnCount())]


def _preview(tab: AppointmentsTab) -> list[list[str]]:
    model = tab.preview.view.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _open_tab(qtbot: QtBot, window: AdminWindow) -> AppointmentsTab:
    sign_in(qtbot, window, SUPERVISOR)
    tab = shown(qtbot, window, "appointments")
    assert isinstance(tab, AppointmentsTab)
    return tab


def _written(qtbot: QtBot, window: AdminWindow, button: QWidget) -> None:
    """Press a button that writes, and wait until the list shows what it wrote."""
    with qtbot.waitSignal(window.appointments.written, timeout=10_000):
        click(qtbot, button)
    idle(qtbot, window)


def _press_import(qtbot: QtBot, tab: AppointmentsTab) -> None:
    with qtbot.waitSignal(tab.preview.previewed, timeout=10_000):
        click(qtbot, tab.import_button)
    assert tab.preview.isVisible()


def test_import_is_previewed_then_confirmed_and_stored(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, tmp_path: Path
) -> None:
    chooser = Chooser()
    window = make_admin(choose_open=chooser)
    tab = _open_tab(qtbot, window)
    day = _today(window.settings)
    assert tab.chosen_day() == day  # the picker starts at today
    assert tab.model.rowCount() == 0 and tab.empty.isVisible()

    chooser.answer = xlsx(
        tmp_path / "jadwal.xlsx",
        [
            ("MP-0001001", "A", "08.00", "lansia"),
            ("MP-0001002", "B", dt.time(10, 30), None),
            ("MP-0001003", "a", "14:00", None),
        ],
    )
    _press_import(qtbot, tab)
    assert chooser.asked == 1
    added = tr("admin.appt.change.added", "id")
    assert _preview(tab) == [
        [added, "MP-0001001"],
        [added, "MP-0001002"],
        [added, "MP-0001003"],
    ]
    assert tab.preview.summary.text() == tr(
        "admin.appt.preview_summary", "id", added=3, updated=0, unchanged=0
    )
    assert _stored(other, day) == {}  # a preview writes nothing
    _written(qtbot, window, tab.preview.confirm_button)
    assert not tab.preview.isVisible()
    stored = _stored(other, day)
    assert sorted(stored) == ["MP-0001001", "MP-0001002", "MP-0001003"]
    assert stored["MP-0001002"].slot == dt.time(10, 30)
    assert stored["MP-0001001"].category == "lansia"
    assert [_cells(tab, r)[:2] for r in range(3)] == [
        ["08.00", "MP-0001001"],
        ["10.30", "MP-0001002"],
        ["14.00", "MP-0001003"],
    ]
    assert "3 jadwal" in tab.count.text()

    # The same file again: nothing would change, and there is nothing to confirm.
    _press_import(qtbot, tab)
    assert tab.preview.summary.text() == tr("admin.appt.preview_same", "id")
    assert not tab.preview.confirm_button.isVisible()
    click(qtbot, tab.preview.close_button)
    assert not tab.preview.isVisible()

    # A moved slot and a booking the new export no longer has.
    chooser.answer = xlsx(
        tmp_path / "jadwal-2.xlsx",
        [("MP-0001001", "A", "09.00", "lansia"), ("MP-0001002", "B", "10.30", None)],
    )
    _press_import(qtbot, tab)
    assert _preview(tab) == [
        [tr("admin.appt.change.updated", "id"), "MP-0001001"],
        [tr("admin.appt.change.not_in_file", "id"), "MP-0001003"],
    ]
    assert "1 jadwal yang sudah terdaftar tidak ada di berkas" in tab.preview.summary.text()
    _written(qtbot, window, tab.preview.confirm_button)
    stored = _stored(other, day)
    assert stored["MP-0001001"].slot == dt.time(9, 0)
    assert "MP-0001003" in stored  # kept: not in the file is not cancelled
    assert tab.status.text() == tr(
        "admin.appt.imported",
        "id",
        file="jadwal-2.xlsx",
        day=day_month_year(day, "id"),
        added=0,
        updated=1,
        unchanged=1,
    )


def test_a_refused_file_shows_each_row_with_its_line_and_imports_nothing(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, tmp_path: Path
) -> None:
    chooser = Chooser()
    window = make_admin(choose_open=chooser)
    tab = _open_tab(qtbot, window)
    chooser.answer = xlsx(
        tmp_path / "salah.xlsx",
        [
            ("MP-0002001", "A", "08.00", None),
            ("MP-0002002", "Z", "09.00", None),
            ("MP-0002003", "A", "25.00", None),
        ],
    )
    _press_import(qtbot, tab)
    rows = _preview(tab)
    assert [r[0] for r in rows] == ["3", "4"]  # the header is line 1
    assert "unknown service 'Z'" in rows[0][1] and "25.00" in rows[1][1]
    assert tab.preview.summary.text() == tr("admin.appt.preview_refused", "id", n=2)
    assert not tab.preview.confirm_button.isVisible()
    assert _stored(other, _today(window.settings)) == {}


def test_the_list_shows_each_state_and_a_booking_is_added_and_cancelled_by_clicks(
    qtbot: QtBot,
    make_admin: AdminFactory,
    admin_url: str,
    admin_settings: Settings,
    tmp_path: Path,
) -> None:
    tz = admin_settings.timezone
    day = _today(admin_settings)
    # The office's clock stands at 10.00 today: 08.00 has passed its window (30 minutes).
    ten = dt.datetime.combine(day, dt.time(10, 0), tz).astimezone(dt.UTC)

    def clock() -> dt.datetime:
        return ten

    def open_office() -> AdminOffice:
        return Office.open(admin_url, settings=admin_settings, clock=clock)

    with Office.open(admin_url, settings=admin_settings, clock=clock) as desk:
        session = admin_session(desk)
        desk.appointments.import_file(
            xlsx(
                tmp_path / "hari-ini.xlsx",
                [
                    ("MP-0003001", "A", "08.00", None),
                    ("MP-0003002", "A", "10.00", None),
                    ("MP-0003003", "B", "14.00", None),
                ],
            ),
            day,
            session,
        )
        desk.staff.sign_out(session)
        ticket = desk.appointments.check_in("MP-0003002").ticket

        window = make_admin(open_office=open_office)
        tab = _open_tab(qtbot, window)
        states = [_cells(tab, r)[4] for r in range(tab.model.rowCount())]
        assert states == [
            tr("admin.appt.state.missed", "id"),
            tr("admin.appt.state.checked_in", "id", ticket=ticket.code),
            tr("admin.appt.state.not_yet", "id"),
        ]
        assert "1 sudah check-in · 1 terlewat" in tab.count.text()

        # Added by hand: a booking missing from the export.
        type_into(qtbot, tab.code, "MP-0003009")
        QTest.keyClick(tab.code, Qt.Key.Key_Tab)  # on to the time, its hour chosen
        assert tab.time.hasFocus()
        QTest.keyClicks(tab.time, "1115")
        assert tab.time.time().toString("HH:mm") == "11:15"
        pick(qtbot, tab.service, "C")
        type_into(qtbot, tab.category, "percepatan")
        _written(qtbot, window, tab.add_button)
        assert tab.status.text() == tr("admin.appt.added", "id", code="MP-0003009", time="11.15")
        added = _stored(desk, day)["MP-0003009"]
        assert (added.slot, added.service, added.category) == (dt.time(11, 15), "C", "percepatan")
        slot, code, service, category, _state = _cells(tab, 2)
        assert (slot, code, category) == ("11.15", "MP-0003009", "percepatan")
        assert service.startswith("C · ")

        # A checked-in booking cannot be cancelled; a not-yet one can, after the question.
        click_row(qtbot, tab.view, 1)
        assert not tab.cancel_button.isEnabled()
        click_row(qtbot, tab.view, 3)  # 14.00
        assert _cells(tab, 3)[1] == "MP-0003003"
        click(qtbot, tab.cancel_button)
        assert tab.cancel_bar.isVisible()
        assert "MP-0003003" in tab.cancel_question.text() and "14.00" in tab.cancel_question.text()
        click(qtbot, tab.cancel_no)  # "No": nothing happens
        assert not tab.cancel_bar.isVisible() and not _stored(desk, day)["MP-0003003"].cancelled
        click(qtbot, tab.cancel_button)
        _written(qtbot, window, tab.cancel_yes)
        assert _stored(desk, day)["MP-0003003"].cancelled
        assert _cells(tab, 3)[4] == tr("admin.appt.state.cancelled", "id")
        assert tab.status.text() == tr("admin.appt.cancelled", "id", code="MP-0003003")

        # In English the same list reads in English, its times with a colon.
        switch_language(qtbot, window, "en")
        assert [_cells(tab, r)[4] for r in (0, 3)] == ["missed", "cancelled"]
        assert _cells(tab, 2)[0] == "11:15" and tab.time.text() == "11:15"  # kept after adding
        assert tab.import_button.text() == "Import..."


def test_a_session_signed_out_elsewhere_is_refused_by_the_service(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    """The role check is the service's: a session signed out elsewhere is refused."""
    window = make_admin()
    tab = _open_tab(qtbot, window)
    session = window.ctx.session
    assert session is not None
    other.staff.sign_out(session)
    with qtbot.waitSignal(tab.data_shown, timeout=10_000):
        type_date(qtbot, tab.day, _today(window.settings) + dt.timedelta(days=1))
    assert tab.status.isVisible() and tab.status.property("state") == "error"
