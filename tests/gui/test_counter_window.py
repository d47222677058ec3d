"""The officer's counter window as officers meet it (offscreen, real SQLite files).

Counters 1 and 2 both serve A and B; ``other_office`` is another connection to the same
database (another PC at the office), used to look at what the window did and to change
things behind its back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.errors import DatabaseUnavailable
from kiosk.domain.model import CounterDesk, TicketStatus
from kiosk.office import Office
from kiosk.ui.common.i18n import tr
from kiosk.ui.counter.actions import DeskAction
from kiosk.ui.counter.controller import Timings
from kiosk.ui.counter.ports import CounterOffice
from kiosk.ui.counter.texts import Names
from kiosk.ui.counter.waiting import WaitingModel
from kiosk.ui.counter.window import CounterWindow

from .support import office_config

SLOW = 60_000
#: Nothing happens by itself within a test, except retrying a database that failed.
TIMINGS = Timings(retry_ms=100, tick_ms=SLOW, list_tick_ms=SLOW)
PIN = "135790"

CounterFactory = Callable[..., CounterWindow]


def counter_config(tmp_path: Path) -> dict[str, Any]:
    config = office_config(tmp_path)
    config["counters"] = [
        {"number": 1, "name": "Loket 1", "services": ["A", "B"]},
        {"number": 2, "name": "Loket 2", "services": ["A", "B"]},
    ]
    return config


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Overrides the kiosk tests' office: this one has counters."""
    return settings_from_dict(counter_config(tmp_path), "test")


@pytest.fixture
def staff(other_office: Office) -> Office:
    """Siti (officer) and Budi (supervisor), both with PIN; Budi's second account disabled."""
    other_office.add_staff("siti", "Siti Aminah", "officer", PIN)
    other_office.add_staff("budi", "Budi Santoso", "supervisor", PIN)
    other_office.add_staff("rina", "Rina Wulandari", "officer", PIN)
    other_office.disable_staff("rina")
    return other_office


@pytest.fixture
def make_counter(qtbot: QtBot, sqlite_url: str, settings: Settings) -> Iterator[CounterFactory]:
    windows: list[CounterWindow] = []

    def make(
        *,
        counter: int | None = None,
        sign_in: tuple[str, str] | None = None,
        open_office: Callable[[], CounterOffice] | None = None,
        wait_ready: bool = True,
        url: str | None = None,
    ) -> CounterWindow:
        def default_open() -> CounterOffice:
            return Office.open(url or sqlite_url, settings=settings)

        window = CounterWindow(
            settings,
            open_office or default_open,
            timings=TIMINGS,
            counter=counter,
            sign_in=sign_in,
        )
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        if wait_ready:
            qtbot.waitUntil(lambda: window.controller.catalog is not None)
        return window

    yield make
    for window in windows:
        if isValid(window):
            window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def sign_in(
    qtbot: QtBot, window: CounterWindow, username: str = "siti", pin: str = PIN, counter: int = 1
) -> None:
    page = window.sign_in_page
    page.username.clear()
    QTest.keyClicks(page.username, username)
    QTest.keyClicks(page.pin, pin)
    assert page.select_counter(counter)
    with qtbot.waitSignal(window.controller.signed_in, timeout=10_000):
        click(page.submit_button)
    assert window.signed_in


def press(qtbot: QtBot, window: CounterWindow, action: DeskAction) -> None:
    """Click ``action``'s button and wait until it is done (and the desk re-read)."""
    button = window.desk.action_bar.buttons[action]
    assert button.isEnabled(), f"{action} is not enabled"
    with qtbot.waitSignal(window.controller.action_done, timeout=10_000):
        click(button)


def shown_code(window: CounterWindow) -> str:
    return window.desk.ticket.code.text()


def live(window: CounterWindow) -> set[DeskAction]:
    return {a for a, b in window.desk.action_bar.buttons.items() if b.isEnabled()}


# -- signing in --------------------------------------------------------------------------------
def test_sign_in_refuses_a_wrong_pin_a_disabled_account_and_a_stranger_alike(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    window = make_counter()
    page = window.sign_in_page
    assert page.pin.echoMode() == page.pin.EchoMode.Password
    assert [page.counter.itemData(i) for i in range(page.counter.count())] == [1, 2]
    refused = tr("counter.signin.refused", "id")

    for username, pin in (("siti", "999999"), ("rina", PIN), ("tamu", PIN)):
        page.username.clear()
        QTest.keyClicks(page.username, username)
        QTest.keyClicks(page.pin, pin)
        with qtbot.waitSignal(window.controller.sign_in_refused, timeout=10_000):
            QTest.keyClick(page.pin, Qt.Key.Key_Return)  # Enter signs in too
        assert not window.signed_in
        assert page.message.isVisible()
        assert page.message.text() == refused  # one text whatever the cause
        assert page.pin.text() == ""  # cleared for another try

    refusals = staff.audit_log(action="sign_in_refused")
    assert sorted(e.actor or "" for e in refusals) == ["rina", "siti", "tamu"]

    sign_in(qtbot, window, "siti", PIN, counter=2)
    assert window.stack.currentWidget() is window.desk
    assert window.desk.head.counter.text() == "Loket 2"
    assert window.desk.head.officer.text() == "Siti Aminah · petugas"
    assert window.desk.ticket.code.text() == "—"
    assert staff.audit_log(action="sign_in")[0].actor == "siti"

    click(window.desk.head.sign_out)
    assert window.stack.currentWidget() is window.sign_in_page
    assert page.pin.text() == ""
    assert not page.message.isVisible()
    assert not live(window)
    qtbot.waitUntil(lambda: bool(staff.audit_log(action="sign_out")), timeout=5000)
    out = staff.audit_log(action="sign_out")[0]
    assert (out.actor, out.detail["where"]) == ("siti", "counter 2")


def test_every_role_may_work_at_a_counter(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    window = make_counter()
    sign_in(qtbot, window, "budi")  # a supervisor
    assert window.desk.head.officer.text() == "Budi Santoso · supervisor"


def test_a_counter_can_open_signed_in(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    window = make_counter(counter=2, sign_in=("siti", PIN), wait_ready=False)
    qtbot.waitUntil(lambda: window.signed_in, timeout=10_000)
    assert window.desk.head.counter.text() == "Loket 2"
    assert window.sign_in_page.pin.text() == ""


# -- calling ---------------------------------------------------------------------------------
def test_two_counters_never_show_the_same_ticket(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    two_counters_calling(qtbot, make_counter, staff)


@pytest.mark.postgres
def test_two_counters_never_show_the_same_ticket_on_postgresql(
    qtbot: QtBot, make_counter: CounterFactory, postgres_url: str, settings: Settings
) -> None:
    with Office.open(postgres_url, settings=settings) as office:
        office.add_staff("siti", "Siti Aminah", "officer", PIN)
        office.add_staff("budi", "Budi Santoso", "supervisor", PIN)
        two_counters_calling(qtbot, make_counter, office, postgres_url)


def two_counters_calling(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office, url: str | None = None
) -> None:
    """Two windows press Call next alternately, then at once: never the same ticket."""
    issued = [staff.issue_ticket("A" if i % 3 else "B").code for i in range(12)]
    one, two = make_counter(url=url), make_counter(url=url)
    sign_in(qtbot, one, "siti", counter=1)
    sign_in(qtbot, two, "budi", counter=2)
    shown: list[str] = []

    for _ in range(2):  # alternately
        for window in (one, two):
            press(qtbot, window, DeskAction.CALL_NEXT)
            shown.append(shown_code(window))
    for _ in range(3):  # at once: both requests in flight together
        with qtbot.waitSignals(
            [one.controller.action_done, two.controller.action_done], timeout=10_000
        ):
            click(one.desk.action_bar.buttons[DeskAction.CALL_NEXT])
            click(two.desk.action_bar.buttons[DeskAction.CALL_NEXT])
        shown += [shown_code(one), shown_code(two)]

    assert len(shown) == 10
    assert len(set(shown)) == len(shown)
    called = {c for c in issued if staff.ticket(c).status is not TicketStatus.WAITING}
    assert called == set(shown)
    assert {staff.ticket(c).counter for c in shown} == {1, 2}


def test_a_double_press_of_call_next_calls_one_ticket(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    for _ in range(3):
        staff.issue_ticket("A")
    window = make_counter()
    sign_in(qtbot, window)
    button = window.desk.action_bar.buttons[DeskAction.CALL_NEXT]
    with qtbot.waitSignal(window.controller.action_done):
        click(button)
        assert not button.isEnabled()  # disabled while the request is in flight
        click(button)
        QTest.keyClick(window, Qt.Key.Key_F1)
    assert shown_code(window) == "A-001"
    assert window.controller.desk is not None
    assert window.controller.desk.waiting_total == 2
    assert staff.ticket("A-002").status is TicketStatus.WAITING


def test_the_buttons_follow_the_ticket_and_the_keys_work(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    staff.issue_ticket("A")
    staff.issue_ticket("B", "lansia")
    window = make_counter()
    sign_in(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    always = {DeskAction.CALL_NEXT, DeskAction.CALL_SPECIFIC, DeskAction.PAUSE}
    assert live(window) == always

    with qtbot.waitSignal(window.controller.action_done):
        QTest.keyClick(window, Qt.Key.Key_F1)
    assert shown_code(window) == "B-001"  # priority first
    panel = window.desk.ticket
    assert panel.state.text() == "Dipanggil"
    assert panel.service.text() == "Penggantian Paspor"
    assert panel.priority.text() == "Prioritas: Lansia"
    assert panel.recalls.text() == "Panggil ulang 0 / 3"
    assert panel.waited.text().startswith("Menunggu ")
    assert live(window) == always | {
        DeskAction.RECALL,
        DeskAction.START,
        DeskAction.FINISH,
        DeskAction.NO_SHOW,
        DeskAction.TRANSFER,
    }
    assert window.desk.status.text() == "B-001 dipanggil ke Loket 1."

    with qtbot.waitSignal(window.controller.action_done):
        QTest.keyClick(window, Qt.Key.Key_F3)
    assert staff.ticket("B-001").status is TicketStatus.SERVING
    assert panel.state.text() == "Sedang dilayani"
    assert live(window) == always | {DeskAction.FINISH, DeskAction.TRANSFER}
    QTest.keyClick(window, Qt.Key.Key_F2)  # recall: not legal now, nothing happens
    assert not window.controller.busy

    with qtbot.waitSignal(window.controller.action_done):
        QTest.keyClick(window, Qt.Key.Key_F4)
    assert staff.ticket("B-001").status is TicketStatus.DONE
    assert shown_code(window) == "—"
    assert live(window) == always
    assert window.desk.stats.values["served"].text() == "1"


def test_the_recall_limit_leads_to_no_show(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office, settings: Settings
) -> None:
    staff.issue_ticket("A")
    window = make_counter()
    sign_in(qtbot, window)
    press(qtbot, window, DeskAction.CALL_NEXT)
    limit = settings.queue.recall_limit
    assert limit == 3
    for n in range(1, limit + 1):
        press(qtbot, window, DeskAction.RECALL)
        assert window.desk.ticket.recalls.text() == f"Panggil ulang {n} / {limit}"
        assert staff.ticket("A-001").status is TicketStatus.CALLED

    press(qtbot, window, DeskAction.RECALL)  # one past the limit
    assert staff.ticket("A-001").status is TicketStatus.NO_SHOW
    assert window.current is None
    assert shown_code(window) == "—"
    assert window.desk.status.text() == ("A-001 dicatat tidak hadir setelah 3 kali panggil ulang.")
    assert DeskAction.RECALL not in live(window)


def test_no_show_and_transfer(qtbot: QtBot, make_counter: CounterFactory, staff: Office) -> None:
    staff.issue_ticket("A")
    staff.issue_ticket("A")
    window = make_counter()
    sign_in(qtbot, window)
    press(qtbot, window, DeskAction.CALL_NEXT)
    press(qtbot, window, DeskAction.NO_SHOW)
    assert staff.ticket("A-001").status is TicketStatus.NO_SHOW

    press(qtbot, window, DeskAction.CALL_NEXT)
    click(window.desk.action_bar.buttons[DeskAction.TRANSFER])
    dialog = window.transfer_dialog
    assert dialog.isVisible()
    assert "A" not in dialog.choices  # not to the service it is in
    assert not dialog.ok.isEnabled()
    click(dialog.choices["D"])
    with qtbot.waitSignal(window.controller.action_done):
        click(dialog.ok)
    assert not dialog.isVisible()
    moved = staff.ticket("A-002")
    assert moved.status is TicketStatus.TRANSFERRED
    assert moved.service == "D"
    assert window.current is None
    assert window.desk.status.text() == "A-002 dialihkan ke layanan Informasi."


# -- out of order --------------------------------------------------------------------------
def test_an_out_of_order_call_needs_a_reason_and_is_audited(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    for _ in range(3):
        staff.issue_ticket("A")
    window = make_counter()
    sign_in(qtbot, window)
    click(window.desk.action_bar.buttons[DeskAction.CALL_SPECIFIC])
    dialog = window.call_dialog
    assert dialog.isVisible()

    QTest.keyClicks(dialog.code, "a-003")
    click(dialog.ok)  # no reason
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert dialog.message.text() == tr("counter.error.reason", "id")
    assert staff.ticket("A-003").status is TicketStatus.WAITING
    assert staff.audit_log(action="call_out_of_order") == []

    dialog.code.clear()
    QTest.keyClicks(dialog.code, "Z-999")
    QTest.keyClicks(dialog.reason, "Pemohon lansia kembali membawa dokumen")
    with qtbot.waitSignal(window.controller.action_refused):
        click(dialog.ok)
    assert dialog.isVisible()
    assert dialog.message.text() == "Nomor antrean Z-999 tidak ditemukan hari ini."

    dialog.code.clear()
    QTest.keyClicks(dialog.code, "A-003")
    with qtbot.waitSignal(window.controller.action_done):
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert shown_code(window) == "A-003"
    called = staff.ticket("A-003")
    assert called.status is TicketStatus.CALLED
    assert called.counter == 1
    assert staff.ticket("A-001").status is TicketStatus.WAITING
    [entry] = staff.audit_log(action="call_out_of_order")
    assert entry.ticket_code == "A-003"
    assert entry.reason == "Pemohon lansia kembali membawa dokumen"
    assert entry.actor == "siti"
    assert entry.counter == 1
    assert "di luar urutan" in window.desk.status.text()


def test_a_double_click_in_the_list_offers_that_ticket(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    staff.issue_ticket("A")
    staff.issue_ticket("B")
    window = make_counter()
    sign_in(qtbot, window)
    view = window.desk.waiting.view
    where = view.visualRect(view.model().index(1, 0)).center()
    # A view takes a double click only on the row the first click pressed.
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.call_dialog.isVisible()
    assert window.call_dialog.code.text() == "B-001"
    click(window.call_dialog.cancel)
    assert not window.call_dialog.isVisible()


# -- breaks ------------------------------------------------------------------------------------
def _estimate(office: Office, code: str) -> int:
    status = office.queue_status()
    return next(q.estimated_wait_seconds for q in status.services if q.service.code == code)


def test_a_break_takes_the_counter_out_of_the_wait_estimate(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    for _ in range(8):
        staff.issue_ticket("A")
    assert staff.call_next(2, actor="budi") is not None  # counter 2 at work too
    window = make_counter()
    sign_in(qtbot, window)
    press(qtbot, window, DeskAction.CALL_NEXT)
    both = _estimate(staff, "A")

    press(qtbot, window, DeskAction.PAUSE)
    assert window.desk.banner.isVisible()
    assert window.desk.banner.title.text() == "ISTIRAHAT"
    assert window.desk.action_bar.buttons[DeskAction.PAUSE].caption.text() == "Lanjutkan"
    assert staff.counter_desk(1).counter.paused
    alone = _estimate(staff, "A")
    assert alone > both  # the same people now share one counter

    with qtbot.waitSignal(window.controller.action_done):
        click(window.desk.banner.resume)
    assert not window.desk.banner.isVisible()
    assert not staff.counter_desk(1).counter.paused
    assert _estimate(staff, "A") == both
    actions = [(e.action, e.counter, e.actor) for e in staff.audit_log()]
    assert ("counter_paused", 1, "siti") in actions
    assert ("counter_resumed", 1, "siti") in actions


def test_calling_next_ends_a_break(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    staff.issue_ticket("A")
    window = make_counter()
    sign_in(qtbot, window)
    press(qtbot, window, DeskAction.PAUSE)
    assert window.desk.banner.isVisible()
    press(qtbot, window, DeskAction.CALL_NEXT)
    assert not window.desk.banner.isVisible()
    assert not staff.counter_desk(1).counter.paused


def test_running_times_are_redrawn_without_asking_the_database(
    qtbot: QtBot, sqlite_url: str, settings: Settings, staff: Office
) -> None:
    staff.issue_ticket("A")
    staff.issue_ticket("A")
    reads: list[int] = []

    class Counting(Office):
        def counter_desk(self, counter: int, waiting_limit: int = 50) -> CounterDesk:
            reads.append(counter)
            return super().counter_desk(counter, waiting_limit)

    def open_office() -> CounterOffice:
        return Counting.open(sqlite_url, settings=settings)

    window = CounterWindow(
        settings, open_office, timings=Timings(retry_ms=100, tick_ms=50, list_tick_ms=50)
    )
    try:
        window.show()
        qtbot.waitUntil(lambda: window.controller.catalog is not None)
        sign_in(qtbot, window)
        press(qtbot, window, DeskAction.CALL_NEXT)
        watcher = window.controller.watcher
        assert watcher is not None
        watcher.stop()  # from here nothing in the office changes, so nothing needs reading
        QApplication.sendPostedEvents()  # the feed's last news, already on its way
        qtbot.waitUntil(lambda: window.controller.idle)
        before = len(reads)
        model = window.desk.waiting.model
        for _ in range(3):
            with qtbot.waitSignal(model.dataChanged):
                pass
        qtbot.waitUntil(lambda: window.desk.ticket.running.text().startswith("dipanggil 0:0"))
        assert len(reads) == before  # nothing changed in the office: nothing re-read
    finally:
        window.close()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- the change feed, printers ----------------------------------------------------------------
def test_a_ticket_issued_elsewhere_appears_in_the_list(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    window = make_counter()
    sign_in(qtbot, window)
    model = window.desk.waiting.model
    assert model.rowCount() == 0
    assert window.desk.waiting.empty.isVisible()
    qtbot.waitUntil(lambda: window.controller.watcher is not None)

    staff.issue_ticket("D")  # a service this counter does not serve: never listed
    staff.issue_ticket("A", "lansia")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
    assert [t.code for t in model.tickets()] == ["A-001"]
    assert model.index(0, WaitingModel.PRIORITY).data() == "Lansia"
    assert window.desk.waiting.count.text() == "1 menunggu"
    assert not window.desk.waiting.empty.isVisible()

    staff.call_next(2)  # another counter takes it
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=10_000)


def test_printer_alerts_and_a_reprint(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    ticket = staff.issue_ticket("A")
    staff.record_slip(ticket.id, False, "printer out of paper")
    staff.report_printer("kiosk-uji", "paper_out", "no paper")
    window = make_counter()
    sign_in(qtbot, window)
    alerts = window.desk.alerts
    assert "kiosk-uji: kertas habis" in alerts.alerts.text()
    assert list(alerts.rows) == [ticket.id]
    row = alerts.rows[ticket.id]
    assert row.text.text() == "A-001 · Paspor Baru"

    with qtbot.waitSignal(window.controller.action_done):
        click(row.reprint)
    assert staff.ticket(ticket.id).slip_state != "failed"
    assert alerts.rows == {}
    assert window.desk.status.text() == "Permintaan cetak ulang slip A-001 dikirim ke kiosk."
    assert [e.action for e in staff.audit_log(action="reprint_requested")] == ["reprint_requested"]

    staff.report_printer("kiosk-uji", "online")
    qtbot.waitUntil(lambda: "normal" in alerts.alerts.text(), timeout=10_000)


# -- language, the database away -------------------------------------------------------------
def test_english_is_one_click_away(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    staff.issue_ticket("A")
    window = make_counter()
    click(window.sign_in_page.language)
    assert window.sign_in_page.submit_button.text() == "Sign in"
    sign_in(qtbot, window)
    press(qtbot, window, DeskAction.CALL_NEXT)
    assert window.desk.status.text() == "A-001 called to Loket 1."
    assert window.desk.action_bar.buttons[DeskAction.CALL_NEXT].caption.text() == "Call next"
    click(window.desk.head.language)
    assert window.desk.status.text() == "A-001 dipanggil ke Loket 1."  # reworded
    assert window.desk.ticket.state.text() == "Dipanggil"


def test_an_unreachable_database_is_said_and_recovered_from(
    qtbot: QtBot, make_counter: CounterFactory, sqlite_url: str, settings: Settings
) -> None:
    attempts: list[int] = []

    def flaky_open() -> CounterOffice:
        attempts.append(1)
        if len(attempts) < 3:
            raise DatabaseUnavailable("the database server does not answer")
        return Office.open(sqlite_url, settings=settings)

    window = make_counter(open_office=flaky_open, wait_ready=False)
    qtbot.waitUntil(lambda: window.unavailable.isVisible())
    assert window.unavailable.text() == tr("counter.unavailable", "id")
    qtbot.waitUntil(lambda: window.controller.catalog is not None, timeout=10_000)
    assert not window.unavailable.isVisible()
    assert window.sign_in_page.counter.count() == 2


# -- the table model -------------------------------------------------------------------------
def test_the_waiting_model_passes_the_model_tester(
    qtmodeltester: Any, staff: Office, settings: Settings
) -> None:
    staff.issue_ticket("A")
    staff.issue_ticket("B", "lansia")
    moved = staff.issue_ticket("A")
    staff.transfer(moved.id, "B")
    model = WaitingModel(Names.of(settings))
    qtmodeltester.check(model)
    model.set_tickets(staff.counter_desk(1).waiting)
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    assert model.index(2, WaitingModel.SERVICE).data() == "Penggantian Paspor (dialihkan)"
    model.set_language("en")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Number"
    model.set_tickets([])
    qtmodeltester.check(model)


def test_settings_saved_elsewhere_reach_a_signed_in_counter(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    window = make_counter()
    sign_in(qtbot, window)
    doc = staff.settings_document()
    services = [
        {**s, "name_id": "Paspor Elektronik"} if s["code"] == "A" else s for s in doc["services"]
    ]
    with qtbot.waitSignal(window.controller.settings_changed, timeout=10_000):
        staff.update_settings("services", services, actor="budi")
        staff.update_settings("queue", {**doc["queue"], "recall_limit": 1}, actor="budi")
    qtbot.waitUntil(lambda: window.settings.queue.recall_limit == 1, timeout=10_000)
    assert window.names.service("A", "id") == "Paspor Elektronik"
    assert window.signed_in  # nobody was signed out by it
    staff.issue_ticket("A")
    press(qtbot, window, DeskAction.CALL_NEXT)
    assert window.desk.ticket.service.text() == "Paspor Elektronik"
    assert "0 / 1" in window.desk.ticket.recalls.text()
