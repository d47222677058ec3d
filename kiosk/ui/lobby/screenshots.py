"""Render every kiosk screen to PNG (``kiosk screenshots --out DIR``), so people can look
at the kiosk without a touch screen: home (the service tiles: one closed, one with its
quota used up; the appointment check-in's entry), the priority categories, confirmation
(printed / not printed), the appointment check-in (refused; a booking shown again), the PIN
pad, the "unavailable" message, the survey, in Bahasa Indonesia and English.

The CLI prepares a demo office (``demo_settings``, a demo day, ``use_up_quota``,
``book_demo_appointment``); this
module drives a real kiosk window through it offscreen and grabs each screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.config.defaults import DEFAULT_CONFIG
from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.appointments import Booking
from kiosk.domain.errors import KioskError
from kiosk.domain.model import WEEKDAYS, Ticket
from kiosk.domain.staff import StaffSession
from kiosk.printing.printer import Printer, PrintOutcome
from kiosk.printing.status import PrinterState
from kiosk.ui.common.app import application
from kiosk.ui.common.shots import settle, spin
from kiosk.ui.lobby.confirmation import AGAIN
from kiosk.ui.lobby.controller import Issued, Timings
from kiosk.ui.lobby.ports import KioskOffice
from kiosk.ui.lobby.window import KioskWindow

OFFICE_NAME = "Kantor Imigrasi Kelas I TPI Jakarta Selatan"
CLOSED_SERVICE, FULL_SERVICE = "D", "C"
QUOTA = 40
#: The demo day's booking the kiosk checks in (its slot: the minute it was booked).
DEMO_BOOKING = "MP-2026-0001234"


def demo_settings(preview_dir: Path, now: dt.datetime | None = None) -> Settings:
    """The built-in immigration office where, right now, service D is closed (it opens
    later today when there is a later hour left) and service C has a daily quota."""
    tz_name = DEFAULT_CONFIG["office"]["timezone"]
    local = now or dt.datetime.now(ZoneInfo(tz_name))
    today = WEEKDAYS[local.weekday()]
    tomorrow = WEEKDAYS[(local.weekday() + 1) % 7]
    if local.hour <= 21:
        hours: dict[str, str | list[str]] = {
            today: f"{local.hour + 1:02d}:30-{local.hour + 2:02d}:30",
            tomorrow: "08:00-15:00",
        }
    else:
        hours = {tomorrow: "08:00-15:00"}
    services: list[dict[str, Any]] = []
    for service in DEFAULT_CONFIG["services"]:
        entry = dict(service)
        if entry["code"] == CLOSED_SERVICE:
            entry["hours"] = hours
        if entry["code"] == FULL_SERVICE:
            entry["daily_quota"] = QUOTA
        services.append(entry)
    return settings_from_dict(
        {
            "office": {"name": OFFICE_NAME, "timezone": tz_name},
            "services": services,
            "counters": DEFAULT_CONFIG["counters"],
            "printer": {"kind": "preview", "preview_dir": str(preview_dir)},
        },
        "screenshot demo",
    )


def use_up_quota(office: KioskOffice, code: str = FULL_SERVICE) -> None:
    """Take tickets for ``code`` until the office refuses (its quota is used up)."""
    for _ in range(10_000):
        try:
            office.queue.issue_ticket(code)
        except KioskError:
            return


def book_demo_appointment(office: KioskOffice, session: StaffSession | None) -> None:
    """An M-Paspor booking for now (inside its check-in window) in an open service, so the
    home screen shows the check-in and the tour can check it in."""
    now = office.queue.now().astimezone(office.settings.timezone)
    service = next(
        s.code
        for s in office.settings.services
        if s.code not in (CLOSED_SERVICE, FULL_SERVICE) and not s.priority
    )
    booking = Booking(DEMO_BOOKING, dt.time(now.hour, now.minute), service)
    office.appointments.add(office.today(), booking, session)


def _check_in_screens(app: QApplication, window: KioskWindow, visit: Visit) -> None:
    """The check-in from the home screen's entry: an unknown code refused, then the demo
    booking checked in and scanned again (its ticket shown again, nothing printed)."""
    spin(app, lambda: window.services.check_in.isVisible())
    window.services.check_in.click()
    visit("check-in")
    screen = window.check_in
    screen.field.setText("MP-0000000")
    screen.submit()
    spin(app, lambda: screen.message.isVisible() and not screen.busy)
    visit("check-in-refused")
    for _ in range(2):  # the first may be new or (later rounds) already checked in
        window.go_check_in()
        screen.field.setText(DEMO_BOOKING)
        screen.submit()
        spin(app, lambda: window.current is window.confirmation)
    spin(app, lambda: window.confirmation.print_state == AGAIN)
    visit("confirmation-again")


def _issue_and_print(app: QApplication, window: KioskWindow) -> None:
    """Tap the first tile at home (one tap: a regular ticket); wait until it has printed."""
    printed: list[int] = []

    def note(ticket_id: int, outcome: object) -> None:
        printed.append(ticket_id)

    window.controller.print_finished.connect(note)
    next(iter(window.services.tiles.values())).click()
    spin(app, lambda: bool(printed))
    window.controller.print_finished.disconnect(note)


#: The renderer also does what officers and the admin do elsewhere (serve the ticket that
#: then answers the survey; set the exit PIN): through the same handle's services.
ScreenshotOffice = KioskOffice


def _serve(office: ScreenshotOffice, ticket: Ticket) -> None:
    counter = next(c.number for c in office.queue.counters() if ticket.service in c.services)
    office.queue.call_ticket(ticket.id, counter, "screenshots: this ticket's survey")


#: A screen reached: its name ("home", "survey-question-8", ...); the caller looks at the
#: window (grabs it to PNG, or checks its layout).
Visit = Callable[[str], None]

#: Every size the lobby supports: landscape kiosks and desktop panels, a 10" netbook panel
#: (the smallest sold for kiosks), and the portrait floor kiosks.
FULL_HD, SMALL, WXGA, NETBOOK = (1920, 1080), (1366, 768), (1280, 800), (1024, 600)
PORTRAIT_FULL_HD, PORTRAIT_SMALL = (1080, 1920), (768, 1366)
SIZES = (FULL_HD, SMALL, WXGA, NETBOOK, PORTRAIT_FULL_HD, PORTRAIT_SMALL)


def _survey_screens(
    app: QApplication, window: KioskWindow, office: ScreenshotOffice, visit: Visit
) -> None:
    """The survey with a typed ticket number, a refused number, and a walk-up's profile."""
    lang = window.lang
    window.go_survey()
    visit("survey-entry")
    window.survey_entry.field.setText("Z-999")
    window.survey_entry.submit()
    spin(app, lambda: window.survey_entry.message.isVisible() and not window.survey_entry.busy)
    visit("survey-entry-refused")

    ticket = office.queue.issue_ticket("A")
    _serve(office, ticket)  # only a ticket that has been at a counter answers
    for ch in ticket.code:
        window.survey_entry.keys[ch].click()
    window.survey_entry.ok.click()
    spin(app, lambda: window.current is window.survey_profile)
    for name, value in (("gender", "P"), ("age", "30-39"), ("education", "D4/S1")):
        window.survey_profile.buttons[name][value].click()
    window.survey_profile.buttons["occupation"]["Swasta"].click()
    visit("survey-profile")
    window.survey_profile.next.click()
    for answer in (4, 3):
        window.survey_question.answers[answer - 1].click()
    visit("survey-question")
    while window.current is window.survey_question:
        if window.survey_question.number == 8:  # the longest element's name
            visit("survey-question-8")
        window.survey_question.answers[3].click()
    text = "Ruang tunggu nyaman, terima kasih" if lang == "id" else "Friendly staff, thank you"
    for ch in text.lower():
        window.survey_keyboard.type(ch)
    visit("survey-keyboard")
    window.survey_keyboard.send.click()
    spin(app, lambda: window.survey_thanks.state != "sending")
    visit("survey-thanks")

    window.go_home()
    window.set_language(lang)
    window.go_survey()
    window.survey_entry.walk_up.click()
    spin(app, lambda: window.current is window.survey_profile)
    window.survey_profile.buttons["service"]["B"].click()
    visit("survey-profile-walkup")


def tour(app: QApplication, window: KioskWindow, office: ScreenshotOffice, visit: Visit) -> None:
    """Every lobby screen in the window's current size, in each of its languages, through
    what a visitor (and, for the PIN pad and the outage, the office) does."""
    for lang in window.languages:
        window.go_home()
        window.set_language(lang)
        spin(app, lambda: bool(window.services.tiles))
        visit("home")
        window.go_priority()
        visit("priority")
        chosen = next(iter(window.priority.buttons.values()), None)
        if chosen is not None and len(window.priority_services.codes or []) > 1:
            chosen.click()
            spin(app, lambda: window.current is window.priority_services)
            visit("priority-services")
        window.go_home()
        window.set_language(lang)

        _issue_and_print(app, window)
        visit("confirmation-printed")

        ticket = office.queue.issue_ticket("B", "lansia")
        slip = office.slip(ticket, lang)
        window.controller.ticket_issued.emit(Issued(ticket, slip, lang))
        window.controller.print_finished.emit(
            ticket.id,
            PrintOutcome(False, PrinterState.PAPER_OUT, "printer out of paper"),
        )
        visit("confirmation-print-failed")

        window.go_home()
        window.set_language(lang)
        _check_in_screens(app, window, visit)

        window.go_home()
        window.set_language(lang)
        window.request_exit()
        for digit in "13":
            window.pinpad.press(digit)
        visit("pinpad")
        window.pinpad.press("5")
        window.pinpad.submit()
        spin(app, lambda: not window.pinpad.busy)  # the office's answer
        visit("pinpad-wrong")
        window.pinpad.close_pad()

        _survey_screens(app, window, office, visit)
        window.go_home()
        window.set_language(lang)

        window.controller.printer_state = PrinterState.PAPER_OUT
        window.controller.printer_state_changed.emit(PrinterState.PAPER_OUT)
        visit("home-printer-problem")
        window.controller.printer_state = PrinterState.ONLINE
        window.controller.printer_state_changed.emit(PrinterState.ONLINE)

        window.controller.availability_changed.emit(False)
        visit("unavailable")
        window.controller.availability_changed.emit(True)


def walk_lobby(
    settings: Settings,
    office: ScreenshotOffice,
    printer: Printer,
    sizes: Sequence[tuple[int, int]],
    visit: Callable[[KioskWindow, str, str, tuple[int, int]], None],
) -> None:
    """A real kiosk window (unlocked), shown offscreen, through the ``tour`` at each size;
    ``visit(window, screen, lang, size)`` at each screen once layouts have settled."""
    app = application()
    timings = Timings.from_settings(settings)
    window = KioskWindow(settings, lambda: office, printer, timings=timings, locked=False)
    if not office.kiosk_exit.is_set():
        office.kiosk_exit.set_pin("246810", session=None)  # the throw-away office's own
    try:
        window.show()
        spin(app, lambda: window.controller.last_status is not None)
        for size in sizes:
            window.resize(*size)

            def at(name: str, size_: tuple[int, int] = size) -> None:
                settle(app)
                visit(window, name, window.lang, size_)

            tour(app, window, office, at)
    finally:
        window.close()
        # Delete it now, on this (the GUI) thread.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def render_screenshots(
    settings: Settings,
    office: ScreenshotOffice,
    printer: Printer,
    out_dir: Path,
    *,
    sizes: Sequence[tuple[int, int]] = SIZES,
) -> list[Path]:
    """Every screen in every language at each size. Returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def grab(window: KioskWindow, name: str, lang: str, size: tuple[int, int]) -> None:
        path = out_dir / f"kiosk-{name}-{lang}-{size[0]}x{size[1]}.png"
        window.grab().save(str(path), "PNG")
        written.append(path)

    walk_lobby(settings, office, printer, sizes, grab)
    return written
