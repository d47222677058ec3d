"""Render the admin window to PNG (``kiosk screenshots``), so people can look at it without
a supervisor's PC: the sign-in page (and a refused sign-in), then every tab: today's
dashboard (also in English), tickets with one ticket's history, the day's appointments (and
an import's preview), the survey's IKM, exports
after a tickets export, settings (office, services, counters, printer, survey, staff), the
audit log and backups; at 1366x768 and 1920x1080.

The office given is a throw-away demo office: this adds a demo admin account (as the
office's first admin, or by the signed-in admin ``admin`` the caller gives), reports a
printer alert, calls a ticket out of order (for the audit log), lists today's appointments
around the present hour (one checked in, one cancelled), writes an export and an appointment
list into a temporary folder and a backup into the office's backup folder (beside its database).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QWidget

from kiosk.config.settings import Settings
from kiosk.domain.appointments import Booking
from kiosk.domain.errors import KioskError, StaffExists
from kiosk.domain.model import BackupResult
from kiosk.domain.staff import Role, StaffSession
from kiosk.ui.admin.backup import BackupTab
from kiosk.ui.admin.chrome import Tab
from kiosk.ui.admin.controller import Timings
from kiosk.ui.admin.ports import AdminDemoOffice, AdminOffice
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.app import application
from kiosk.ui.common.shots import settle, spin

SIZES = ((1366, 768), (1920, 1080))
ADMIN = ("rina.kasubsi", "Rina Wulandari", "admin", "735160")
SETTINGS_SECTIONS = ("office", "services", "counters", "printer", "kiosk", "survey", "staff")


def _set_scene(settings: Settings, office: AdminDemoOffice, admin: StaffSession | None) -> None:
    """A demo admin, a printer near the end of its paper, and a call out of order."""
    username, name, role, pin = ADMIN
    try:
        office.staff.add(username, name, Role(role), pin, session=admin)
    except StaffExists:
        office.staff.reset_secret(username, pin, session=admin)
    office.report_printer(settings.kiosk.name, "paper_near_end", "paper near end")
    counter = office.queue.counters()[0]
    ticket = office.queue.issue_ticket(counter.services[0])
    with contextlib.suppress(KioskError):  # the demo day may have called it already
        office.queue.call_ticket(
            ticket.id, counter.number, "Pemohon lansia, didahulukan", actor="siti.rahma"
        )


#: Today's demo bookings: minutes from the present quarter hour, and what becomes of each.
BOOKINGS: tuple[tuple[int, str], ...] = (
    (-120, ""), (-90, ""), (-60, "cancel"), (0, "check_in"), (30, ""), (60, ""), (90, ""),
    (120, ""), (150, ""),
)  # fmt: skip


def _appointments(office: AdminDemoOffice, admin: StaffSession | None) -> list[Booking]:
    """Today's bookings around now (so every state shows at any hour): the ones before now
    missed but one checked in and one cancelled; returns them for the import's preview."""
    tz = office.settings.timezone
    now = office.queue.now().astimezone(tz)
    quarter = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    services = [s.code for s in office.queue.services() if s.active]
    issued = office.queue.counters()[0].services[0]  # the scene's ticket was issued there
    day = now.date()
    made: list[Booking] = []
    for i, (minutes, then) in enumerate(BOOKINGS):
        slot = quarter + dt.timedelta(minutes=minutes)
        if slot.date() != day:
            continue
        booking = Booking(
            f"MP-{day:%y%m%d}{i + 1:04d}",
            slot.time(),
            issued if then == "check_in" else services[i % len(services)],
            category="lansia" if i == 4 else None,
        )
        made.append(booking)
        with contextlib.suppress(KioskError):  # added on an earlier run of the same day
            office.appointments.add(day, booking, admin)
        with contextlib.suppress(KioskError):
            if then == "cancel":
                office.appointments.cancel(booking.code, day, admin)
            elif then == "check_in":
                office.appointments.check_in(booking.code)
    return made


def _list_file(folder: Path, bookings: list[Booking]) -> Path:
    """An export as M-Paspor's would be: today's bookings, one moved, two new."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "service", "time", "category"])
    for i, b in enumerate(bookings):
        slot = (
            b.slot.replace(minute=(b.slot.minute + 15) % 60) if i == len(bookings) - 1 else b.slot
        )
        sheet.append([b.code, b.service, slot.strftime("%H.%M"), b.category])
    if bookings:
        last = bookings[-1]
        for n in (1, 2):
            sheet.append([f"{last.code}-{n}", last.service, last.slot.strftime("%H.%M"), None])
    path = folder / "jadwal-m-paspor.xlsx"
    book.save(path)
    return path


def _shows_last(tab: BackupTab, result: object) -> bool:
    """The tab shows the backup just made as its last one (or the backup failed)."""
    shown = tab.shown_backups
    if not isinstance(result, BackupResult):
        return True
    return shown is not None and shown.last is not None and shown.last.path == result.path


def render_admin_screenshots(
    settings: Settings,
    office: AdminDemoOffice,
    out: Path,
    *,
    sizes: Sequence[tuple[int, int]] = SIZES,
    admin: StaffSession | None = None,
) -> list[Path]:
    """Drive a real admin window offscreen through its tabs; returns the files. ``admin``:
    a signed-in admin who adds the window's account (None: the office has no admin yet)."""
    app = application()
    out.mkdir(parents=True, exist_ok=True)
    _set_scene(settings, office, admin)
    bookings = _appointments(office, admin)
    username, _, _, pin = ADMIN
    written: list[Path] = []

    with tempfile.TemporaryDirectory(prefix="kiosk-admin-shots-") as tmp:
        folder = Path(tmp)
        prefs = QSettings(str(folder / "admin.ini"), QSettings.Format.IniFormat)
        appointment_list = _list_file(folder, bookings)

        def open_office() -> AdminOffice:
            return office

        window = AdminWindow(
            settings,
            open_office,
            timings=Timings(),
            prefs=prefs,
            choose_save=lambda _p, _t, suggested, _f: folder / suggested.name,
            # Each size exports again to the same scratch file: replacing it is expected.
            confirm_replace=lambda *_asked: True,
            choose_open=lambda *_asked: appointment_list,
        )

        def idle() -> bool:
            return not window.backend.busy

        def save(name: str, size: tuple[int, int], widget: QWidget | None = None) -> None:
            settle(app)
            path = out / f"admin-{name}-{size[0]}x{size[1]}.png"
            (widget or window).grab().save(str(path), "PNG")
            written.append(path)

        def show(key: str) -> Tab:
            tab = window.show_tab(key)
            spin(app, lambda: not tab.stale and idle())
            return tab

        page = window.sign_in_page
        exports = window.exports
        backup = window.backup
        made: list[object] = []  # what each backup finished with
        backup.finished.connect(made.append)
        appointments = window.appointments
        previews: list[object] = []  # what each import's preview showed
        appointments.preview.previewed.connect(previews.append)
        try:
            window.show()
            spin(app, lambda: window.backend.opened and idle())
            for size in sizes:
                window.resize(*size)
                window.set_language("id")
                page.username.setText(username)
                page.pin.setText("000000")
                save("signin", size)
                page.submit()
                spin(app, lambda: idle() and page.message.isVisible())
                save("signin-refused", size)
                page.pin.setText(pin)
                page.submit()
                spin(app, lambda: window.is_signed_in and idle())

                show("dashboard")
                spin(app, lambda: window.dashboard.data is not None and idle())
                save("dashboard", size)
                window.set_language("en")
                save("dashboard-en", size)
                window.set_language("id")

                show("tickets")
                window.tickets.view.selectRow(3)
                spin(app, lambda: idle() and window.tickets.events.rowCount() > 0)
                save("tickets", size)

                show("appointments")
                save("appointments", size)
                previews.clear()
                appointments.import_button.click()  # the preview only (a dry run)
                spin(app, lambda: bool(previews) and idle())
                save("appointments-import", size)
                appointments.preview.close_button.click()

                show("survey")
                save("survey", size)

                show("exports")
                exports.tickets_save.click()  # the button, as pressed: its slot is tested too
                spin(app, lambda: not exports.running and idle())
                save("exports", size)

                settings_tab = window.settings_tab
                show("settings")
                for section in SETTINGS_SECTIONS:
                    settings_tab.show_section(section)
                    save(f"settings-{section}", size)

                show("audit")
                save("audit", size)

                show("backup")
                made.clear()
                backup.now_button.click()  # as pressed, like the export above
                spin(app, lambda: bool(made) and idle() and _shows_last(backup, made[0]))
                save("backup", size)
                window.sign_out()
        finally:
            window.close()
            # Delete it now, on this (the GUI) thread.
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return written
