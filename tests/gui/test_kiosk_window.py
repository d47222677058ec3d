"""The lobby kiosk as an applicant and a supervisor meet it (offscreen, real SQLite)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.errors import DatabaseUnavailable
from kiosk.domain.staff import SIGN_IN_ATTEMPTS
from kiosk.office import Office
from kiosk.printing.status import PrinterState
from kiosk.ui.common.i18n import tr
from kiosk.ui.lobby.confirmation import FAILED, PRINTED, PRINTING
from kiosk.ui.lobby.ports import KioskOffice
from kiosk.ui.lobby.window import KioskWindow
from tests.staff import admin_session

from .printers import HangingPrinter, PaperOutPrinter
from .support import CALM, WindowFactory, office_config

CTRL_ALT_SHIFT = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ShiftModifier
)


def tap(qtbot: QtBot, widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def showing(window: KioskWindow, screen: QWidget) -> bool:
    return window.stack.currentWidget() is screen


def open_services(qtbot: QtBot, window: KioskWindow) -> None:
    """The home screen is the service tiles: wait until the office's status fills them."""
    assert showing(window, window.services)
    # New tiles show on the next turn of the event loop (Qt shows a laid-out child later).
    qtbot.waitUntil(lambda: "A" in window.services.tiles and window.services.tiles["A"].isVisible())


def take_ticket(qtbot: QtBot, window: KioskWindow, service: str = "A", priority: str = "") -> None:
    """Home -> the service's tile (regular); or Prioritas -> category -> service (this test
    office marks no priority service, so any is chosen). The confirmation follows."""
    open_services(qtbot, window)
    with qtbot.waitSignal(window.controller.ticket_issued):
        if priority:
            tap(qtbot, window.services.priority)
            tap(qtbot, window.priority.buttons[priority])
            assert showing(window, window.priority_services)
            qtbot.waitUntil(lambda: window.priority_services.tiles[service].isEnabled())
            tap(qtbot, window.priority_services.tiles[service])
        else:
            tap(qtbot, window.services.tiles[service])
    assert showing(window, window.confirmation)


def test_asked_per_service_a_priority_number_is_issued_once_and_printed(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office, tmp_path: Path
) -> None:
    """The per-service priority question (``[kiosk] ask_priority``, off by default)."""
    settings = settings_from_dict(office_config(tmp_path, ask_priority=True), "test")
    window = make_window(settings_=settings)
    open_services(qtbot, window)
    tap(qtbot, window.services.tiles["A"])
    assert showing(window, window.priority)
    assert window.priority.service.text() == "Layanan: Paspor Baru"
    with qtbot.waitSignal(window.controller.slip_recorded, timeout=10_000):
        tap(qtbot, window.priority.buttons["lansia"])
        tap(qtbot, window.priority.buttons["lansia"])  # an impatient double tap

    assert showing(window, window.confirmation)
    assert window.confirmation.number.text() == "A-001"
    assert window.confirmation.priority.text() == "Prioritas: Lansia"
    assert window.confirmation.print_state == PRINTED
    assert window.confirmation.status.text() == tr("confirm.printed", "id")
    assert window.confirmation.qr.payload()  # the signed token

    status = other_office.queue.status()
    assert sum(q.issued_today for q in status.services) == 1
    ticket = other_office.queue.get_ticket("A-001")
    assert ticket.priority == "lansia"
    assert ticket.slip_state == "printed"
    assert other_office.find_ticket(window.confirmation.qr.payload()).id == ticket.id
    slips = list(Path(str(settings.printer.preview_dir)).glob("*A-001.png"))
    assert len(slips) == 1


def test_a_service_tap_at_home_issues_at_once(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    window = make_window()  # by default no priority question per service
    open_services(qtbot, window)
    with qtbot.waitSignal(window.controller.slip_recorded, timeout=10_000):
        tap(qtbot, window.services.tiles["B"])
    assert window.confirmation.number.text() == "B-001"
    assert other_office.queue.get_ticket("B-001").priority is None


def test_a_closed_or_full_service_is_greyed_out_with_the_reason(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    other_office.issue_ticket("D")  # D's quota is one ticket a day
    window = make_window()
    open_services(qtbot, window)
    tiles = window.services.tiles
    assert tiles["A"].isEnabled()
    assert not tiles["C"].isEnabled()
    assert tiles["C"].reason.isVisibleTo(window)
    assert tiles["C"].reason.text() == "Hari ini tutup"
    assert not tiles["D"].isEnabled()
    assert tiles["D"].reason.text() == "Kuota hari ini sudah habis"
    tap(qtbot, tiles["C"])
    assert showing(window, window.services)  # nothing happens
    assert other_office.queue.status().services[2].issued_today == 0


def test_a_refused_ticket_greys_the_tile_out_with_the_reason(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    window = make_window()
    open_services(qtbot, window)
    assert window.services.tiles["D"].isEnabled()
    # Just before this applicant's tap, another kiosk takes D's last number.
    other_office.issue_ticket("D")
    with qtbot.waitSignal(window.controller.issue_refused):
        tap(qtbot, window.services.tiles["D"])
    assert showing(window, window.services)
    tile = window.services.tiles["D"]
    qtbot.waitUntil(lambda: not tile.isEnabled())
    assert tile.reason.text() == "Kuota hari ini sudah habis"
    assert window.services.message.isVisibleTo(window)


def test_a_screen_left_alone_returns_home_in_indonesian(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(timings=replace(CALM, idle_ms=300))
    tap(qtbot, window.top_bar.language)
    assert window.lang == "en"
    open_services(qtbot, window)
    tap(qtbot, window.services.priority)
    assert showing(window, window.priority)
    qtbot.waitUntil(lambda: showing(window, window.services), timeout=3000)
    assert window.lang == "id"
    assert window.services.title.text() == "Pilih layanan"


def test_english_left_alone_at_home_returns_to_indonesian(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(timings=replace(CALM, idle_ms=300))
    open_services(qtbot, window)
    tap(qtbot, window.top_bar.language)
    assert window.services.title.text() == "Choose a service"
    qtbot.waitUntil(lambda: window.lang == "id", timeout=3000)
    assert showing(window, window.services)
    assert window.services.title.text() == "Pilih layanan"


def test_touching_the_screen_keeps_it_from_going_home(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window(timings=replace(CALM, idle_ms=1000))
    open_services(qtbot, window)
    tap(qtbot, window.services.priority)
    qtbot.waitUntil(lambda: window.idle.remaining_ms() < 700)
    tap(qtbot, window.priority.title)  # any touch counts, even beside the buttons
    assert window.idle.remaining_ms() > 900
    assert showing(window, window.priority)
    qtbot.waitUntil(lambda: showing(window, window.services), timeout=3000)


def test_the_confirmation_returns_home_by_itself(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window(timings=replace(CALM, confirmation_ms=700))
    take_ticket(qtbot, window)
    assert window.confirmation.countdown.text()
    qtbot.waitUntil(lambda: showing(window, window.services), timeout=3000)


def test_the_language_toggle_changes_every_text(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    open_services(qtbot, window)
    assert window.services.priority.title.text() == "Prioritas"
    tap(qtbot, window.top_bar.language)  # one tap to English
    assert window.services.priority.title.text() == "Priority"
    assert window.services.survey.text() == "Satisfaction survey"
    assert window.services.title.text() == "Choose a service"
    assert window.services.tiles["A"].name.text() == "New Passport"
    assert window.services.tiles["C"].reason.text() == "Closed today"
    assert window.top_bar.language.text() == "Bahasa Indonesia"
    assert ":" in window.top_bar.clock.text()  # at once, not at the next second's tick
    tap(qtbot, window.top_bar.language)  # one tap back to Indonesian
    assert window.services.title.text() == "Pilih layanan"
    assert window.services.tiles["A"].name.text() == "Paspor Baru"
    assert window.top_bar.language.text() == "English"
    assert "." in window.top_bar.clock.text() and ":" not in window.top_bar.clock.text()


def test_the_number_is_shown_in_the_language_chosen(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    tap(qtbot, window.top_bar.language)
    with qtbot.waitSignal(window.controller.slip_recorded, timeout=10_000):
        take_ticket(qtbot, window, "B", "anak")
    assert window.confirmation.caption.text() == "Your queue number"
    assert window.confirmation.priority.text() == "Priority: Child / infant"
    assert window.confirmation.service.text() == "Passport Replacement"
    assert window.confirmation.status.text() == tr("confirm.printed", "en")


def test_a_printer_out_of_paper_still_shows_the_number_and_alerts_the_office(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office, settings: Settings
) -> None:
    printer = PaperOutPrinter()
    window = make_window(printer=printer)
    with qtbot.waitSignal(window.controller.slip_recorded, timeout=10_000):
        take_ticket(qtbot, window)
    assert window.confirmation.number.text() == "A-001"
    assert window.confirmation.print_state == FAILED
    assert window.confirmation.status.text() == (
        "Slip tidak dapat dicetak. Silakan catat nomor Anda; petugas dapat mencetak ulang."
    )
    assert len(printer.slips) == 1
    assert other_office.queue.get_ticket("A-001").slip_state == "failed"
    alerts = other_office.slips.alerts()
    assert [(a.source, a.state) for a in alerts] == [(settings.kiosk.name, "paper_out")]

    tap(qtbot, window.confirmation.done)
    assert showing(window, window.services)
    assert window.controller.printer_state is PrinterState.PAPER_OUT
    assert window.notice.isVisibleTo(window)  # a polite word for the next applicant
    assert window.notice.text() == tr("printer.notice", "id")


def test_a_hanging_printer_never_blocks_the_screen(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    printer = HangingPrinter()
    window = make_window(printer=printer)
    take_ticket(qtbot, window)
    assert printer.started.wait(5)
    assert window.confirmation.number.text() == "A-001"
    assert window.confirmation.print_state == PRINTING
    assert window.confirmation.status.text() == "Mencetak slip..."

    # The screen still answers, and the queue still refreshes, while the printer hangs.
    tap(qtbot, window.confirmation.done)
    assert showing(window, window.services)
    open_services(qtbot, window)
    other_office.issue_ticket("B")
    other_office.issue_ticket("B")
    qtbot.waitUntil(lambda: window.services.tiles["B"].waiting.text() == "2 menunggu")

    with qtbot.waitSignal(window.controller.slip_recorded, timeout=10_000):
        printer.release.set()
    assert other_office.queue.get_ticket("A-001").slip_state == "printed"


def test_a_slow_printer_is_reported_as_not_printed_after_a_while(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    printer = HangingPrinter()
    window = make_window(printer=printer, timings=replace(CALM, print_patience_ms=300))
    take_ticket(qtbot, window)
    assert window.confirmation.print_state == PRINTING
    qtbot.waitUntil(lambda: window.confirmation.print_state == FAILED, timeout=3000)
    assert window.confirmation.number.text() == "A-001"
    printer.release.set()


EXIT_PIN = "246810"


def open_pad(qtbot: QtBot, window: KioskWindow) -> None:
    """The supervisor's key chord, then the pad over the kiosk."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.controller.exit_pin_state):
        QTest.keyClick(window, Qt.Key.Key_Q, CTRL_ALT_SHIFT)
    assert window.pinpad.isVisible()


def enter_pin(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    """Tap the digits and Keluar; wait for the office's answer."""
    for digit in pin:
        tap(qtbot, window.pinpad.digits[digit])
    with qtbot.waitSignal(window.controller.exit_pin_checked):
        tap(qtbot, window.pinpad.ok)


def test_the_exit_chord_asks_for_the_pin_and_only_the_right_one_closes(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    other_office.kiosk_exit.set_pin(EXIT_PIN, session=admin_session(other_office))
    window = make_window()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint

    assert not window.close()  # Alt+F4 and the like do nothing
    assert window.isVisible()

    open_pad(qtbot, window)
    assert window.pinpad.message.text() == ""  # a PIN is set: nothing to warn of
    enter_pin(qtbot, window, "135790")
    assert window.pinpad.isVisible()
    assert window.pinpad.message.text() == "PIN salah. Coba lagi."
    assert window.isVisible()

    tap(qtbot, window.pinpad.cancel)
    assert not window.pinpad.isVisible()
    assert window.isVisible()

    open_pad(qtbot, window)
    with qtbot.waitSignal(window.closed):
        enter_pin(qtbot, window, EXIT_PIN)
    qtbot.waitUntil(lambda: not isValid(window))  # closed for good
    assert [e.detail for e in other_office.queue.audit_log(action="kiosk_exit")] == [
        {"station": "kiosk-uji"}
    ]


def test_a_kiosk_without_an_exit_pin_says_so_and_stays(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    """No default PIN: until an admin sets one, the chord opens a pad that says so."""
    window = make_window()
    open_pad(qtbot, window)
    not_set = tr("pin.not_set", "id")
    qtbot.waitUntil(lambda: window.pinpad.message.text() == not_set)
    enter_pin(qtbot, window, "246800")  # 2468, the old default, in any shape: nothing opens
    assert window.pinpad.message.text() == not_set
    assert window.isVisible()

    other_office.kiosk_exit.set_pin(EXIT_PIN, session=admin_session(other_office))  # another PC
    enter_pin(qtbot, window, EXIT_PIN)
    qtbot.waitUntil(lambda: not isValid(window))


def test_five_wrong_exit_pins_lock_the_pad_even_after_a_restart(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    other_office.kiosk_exit.set_pin(EXIT_PIN, session=admin_session(other_office))
    window = make_window()
    open_pad(qtbot, window)
    for _ in range(SIGN_IN_ATTEMPTS):
        enter_pin(qtbot, window, "111111")
    locked = tr("pin.locked", "id", wait="1 menit")
    assert window.pinpad.message.text() == locked
    enter_pin(qtbot, window, EXIT_PIN)  # right, but locked: refused
    assert window.pinpad.message.text() == locked
    assert window.isVisible()
    assert len(other_office.queue.audit_log(action="exit_pin_locked")) == 1

    # Pulled out of the socket and started again: the lock is in the database.
    window.unlock_and_close()
    again = make_window()
    open_pad(qtbot, again)
    enter_pin(qtbot, again, EXIT_PIN)
    assert again.pinpad.message.text() == locked
    assert again.isVisible()


def test_a_ticket_taken_elsewhere_updates_the_tiles(
    qtbot: QtBot, make_window: WindowFactory, sqlite_url: str, settings: Settings
) -> None:
    window = make_window()
    open_services(qtbot, window)
    tile = window.services.tiles["A"]
    assert tile.waiting.text() == "Tidak ada antrean"
    # Another kiosk (its own connection and engine) issues two tickets.
    with Office.open(sqlite_url, settings=settings) as elsewhere:
        elsewhere.issue_ticket("A")
        elsewhere.issue_ticket("A", priority="lansia")
    qtbot.waitUntil(lambda: tile.waiting.text() == "2 menunggu", timeout=5000)
    assert tile.wait.text().startswith("sekitar ")


def test_an_unreachable_database_shows_a_polite_message_and_retries(
    qtbot: QtBot, make_window: WindowFactory, sqlite_url: str, settings: Settings
) -> None:
    attempts: list[int] = []

    def flaky_open() -> KioskOffice:
        attempts.append(1)
        if len(attempts) < 3:
            raise DatabaseUnavailable("cannot reach the database (test)")
        return Office.open(sqlite_url, settings=settings)

    window = make_window(open_office=flaky_open, wait_ready=False)
    qtbot.waitUntil(lambda: showing(window, window.unavailable))
    assert window.unavailable.title_id.text() == (
        "Sistem antrean sedang tidak tersedia, silakan hubungi petugas"
    )
    assert not window.top_bar.isVisible()
    qtbot.waitUntil(lambda: showing(window, window.services), timeout=5000)
    assert len(attempts) == 3
    open_services(qtbot, window)


def test_buttons_are_large_enough_to_touch(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()  # 1366x768, the smallest supported screen

    def check(screen: QWidget) -> None:
        buttons = [b for b in screen.findChildren(QPushButton) if b.isVisibleTo(window)]
        assert buttons
        for button in buttons:
            assert button.height() >= 90, (button.objectName(), button.height())

    open_services(qtbot, window)
    check(window.services)
    check(window.top_bar)
    tap(qtbot, window.services.priority)
    check(window.priority)
    tap(qtbot, window.priority.buttons["lansia"])
    check(window.priority_services)
    with qtbot.waitSignal(window.controller.ticket_issued):
        tap(qtbot, window.priority_services.tiles["A"])
    check(window.confirmation)
    QTest.keyClick(window, Qt.Key.Key_Q, CTRL_ALT_SHIFT)  # the supervisor's chord
    assert window.pinpad.isVisible()
    check(window.pinpad)


def test_a_kiosk_without_a_printer_shows_the_number_and_raises_no_alarm(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office, tmp_path: Path
) -> None:
    config = office_config(tmp_path)
    config["printer"] = {"kind": "none"}
    window = make_window(settings_=settings_from_dict(config, "test"))
    with qtbot.waitSignal(window.controller.slip_recorded, timeout=10_000):
        take_ticket(qtbot, window)
    assert window.confirmation.number.text() == "A-001"
    assert window.confirmation.print_state == FAILED
    assert other_office.slips.alerts() == []
    tap(qtbot, window.confirmation.done)
    assert not window.notice.isVisibleTo(window)


def test_a_slip_asked_again_at_a_counter_is_reprinted_by_the_kiosk(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office, settings: Settings
) -> None:
    printer = PaperOutPrinter()
    window = make_window(printer=printer)
    with qtbot.waitSignal(window.controller.slip_recorded, timeout=10_000):
        take_ticket(qtbot, window)
    assert other_office.queue.get_ticket("A-001").slip_state == "failed"

    # Paper back in; an officer at a counter (another connection) asks for the slip again.
    printer.paper_out = False
    with qtbot.waitSignal(window.controller.slip_recorded, timeout=10_000) as recorded:
        other_office.request_reprint("A-001", actor="budi")
    assert recorded.args == [other_office.queue.get_ticket("A-001").id]
    assert other_office.queue.get_ticket("A-001").slip_state == "printed"
    assert [s.ticket_code for s in printer.slips] == ["A-001", "A-001"]
    assert len(printer.slips) == 2
    assert other_office.slips.take_reprints(other_office.today()) == []  # taken once, by this kiosk
