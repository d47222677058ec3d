"""Render the counter window to PNG (``kiosk screenshots``), so people can look at it
without a counter PC: sign-in (and a refused sign-in), the desk with a called ticket, a
waiting list, a printer alert and a failed slip, the desk in English, the desk after a
finish (the last ticket served, a priority ticket marked as the next call), cut off from
the database and on a break, and the call-specific and transfer dialogs; at 1366x768 and
1920x1080.

The office given is a throw-away demo office: this adds a demo officer (by the admin the
caller signed in), calls tickets, reports a printer alert and a failed slip in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QDialog

from kiosk.config.settings import Settings
from kiosk.domain.errors import StaffExists
from kiosk.domain.staff import Role, StaffSession
from kiosk.ui.common.app import application
from kiosk.ui.common.shots import settle, spin
from kiosk.ui.counter.controller import Timings
from kiosk.ui.counter.ports import CounterDemoOffice, CounterOffice
from kiosk.ui.counter.window import CounterWindow

SIZES = ((1366, 768), (1920, 1080))
OFFICER = ("siti.rahma", "Siti Rahmawati", "officer", "482915")


def _with_dialog(window: CounterWindow, dialog: QDialog) -> QPixmap:
    """The window dimmed, with the dialog over its middle (as the officer sees it)."""
    shot = window.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(13, 27, 42, 110))
    box = dialog.grab()
    at = QPoint((shot.width() - box.width()) // 2, (shot.height() - box.height()) // 2)
    painter.drawPixmap(at, box)
    painter.end()
    return shot


def _set_scene(settings: Settings, office: CounterDemoOffice, admin: StaffSession) -> None:
    """A demo officer (added by ``admin``), a printer near the end of its paper, and a slip
    that failed."""
    username, name, role, pin = OFFICER
    try:
        office.staff.add(username, name, Role(role), pin, session=admin)
    except StaffExists:
        office.staff.reset_secret(username, pin, session=admin)
    office.report_printer(settings.kiosk.name, "paper_near_end", "paper near end")
    counter = office.queue.counters()[0]
    failed = office.queue.issue_ticket(counter.services[-1])
    office.slips.record(failed.id, False, "printer out of paper")
    for _ in range(3):  # a queue to look at, whatever the demo day left
        office.queue.issue_ticket(counter.services[0])


def _issue_priority(settings: Settings, office: CounterDemoOffice, window: CounterWindow) -> None:
    desk = window.controller.desk
    if desk is not None and settings.priority:
        office.queue.issue_ticket(desk.counter.services[0], settings.priority[0].code)


def render_counter_screenshots(
    settings: Settings,
    office: CounterDemoOffice,
    out: Path,
    *,
    admin: StaffSession,
    sizes: Sequence[tuple[int, int]] = SIZES,
) -> list[Path]:
    """Drive a real counter window offscreen through its screens; returns the files.
    ``admin``: a signed-in admin of ``office``, who adds the demo officer."""
    app = application()
    out.mkdir(parents=True, exist_ok=True)
    _set_scene(settings, office, admin)
    counter = office.queue.counters()[0].number
    username, _, _, pin = OFFICER
    written: list[Path] = []

    def open_office() -> CounterOffice:
        return office

    window = CounterWindow(settings, open_office, timings=Timings(), counter=counter)

    def save(name: str, size: tuple[int, int], dialog: QDialog | None = None) -> None:
        settle(app)  # first: layouts catch up with the last change
        path = out / f"counter-{name}-{size[0]}x{size[1]}.png"
        shot = window.grab() if dialog is None else _with_dialog(window, dialog)
        shot.save(str(path), "PNG")
        written.append(path)

    def idle() -> bool:
        return not window.controller.busy

    page = window.sign_in_page
    try:
        window.show()
        spin(app, lambda: window.controller.catalog is not None)
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
            spin(app, lambda: window.signed_in and idle())
            window.controller.call_next()
            spin(app, idle)
            save("desk", size)
            window.set_language("en")
            save("desk-en", size)
            window.set_language("id")
            # The database server away (the banner a network drop brings, signed in still).
            window.controller._availability.set(False)  # as a failed read would
            save("desk-unavailable", size)
            window.controller._availability.set(True)

            # Finished, with a priority ticket just issued: Call next takes it before the
            # older regular ones, and the list says so.
            current = window.current
            if current is not None:
                _issue_priority(settings, office, window)
                window.controller.finish(current)
                spin(app, lambda: idle() and window.current is None)
                save("desk-finished", size)
                window.controller.call_next()
                spin(app, idle)

            window.call_dialog.open_for(window.lang)
            window.call_dialog.code.setText("A-0")
            window.call_dialog.submit()  # no reason yet: refused in place
            save("call-specific", size, window.call_dialog)
            window.call_dialog.reject()
            current = window.current
            if current is not None:
                window.transfer_dialog.open_for(
                    current.code, window.transfer_targets(), window.lang
                )
                save("transfer", size, window.transfer_dialog)
                window.transfer_dialog.reject()

            window.controller.set_paused(True)
            spin(app, lambda: idle() and window.desk.banner.isVisible())
            save("desk-paused", size)
            window.controller.set_paused(False)
            spin(app, lambda: idle() and not window.desk.banner.isVisible())
            window.sign_out()
    finally:
        window.close()
        # Delete it now, on this (the GUI) thread.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return written
