"""The officer's counter window as officers meet it (offscreen, real SQLite files).

Counters 1 and 2 both serve A and B; ``other_office`` is another connection to the same
database (another PC at the office), used to look at what the window did and to change
things behind its back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.config.settings import Settings, editable_document, settings_from_dict
from kiosk.domain.errors import DatabaseUnavailable
from kiosk.domain.model import CounterDesk, TicketStatus
from kiosk.office import Office
from kiosk.ui.common.i18n import tr
from kiosk.ui.counter.actions import DeskAction
from kiosk.ui.counter.controller import Timings
from kiosk.ui.counter.ports import CounterOffice
from kiosk.ui.counter.waiting import WaitingModel
from kiosk.ui.counter.window import CounterWindow
from tests.staff import admin_session

from .counter_support import (
    CounterFactory,
    add_staff,
    click,
    counter_config,
    counter_settings,
    counter_windows,
    focus,
    live,
    press,
    press_key,
    shown_code,
    sign_in,
    type_into,
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Overrides the kiosk tests' office: this one has counters."""
    return counter_settings(tmp_path)


@pytest.fixture
def staff(other_office: Office) -> Office:
    return add_staff(other_office)


@pytest.fixture
def make_counter(qtbot: QtBot, sqlite_url: str, settings: Settings) -> Iterator[CounterFactory]:
    yield from counter_windows(qtbot, sqlite_url, settings)


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
        add_staff(office)
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
    called = {c for c in issued if staff.queue.get_ticket(c).status is not TicketStatus.WAITING}
    assert called == set(shown)
    assert {staff.queue.get_ticket(c).counter for c in shown} == {1, 2}


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
    assert staff.queue.get_ticket("A-002").status is TicketStatus.WAITING


def test_the_buttons_follow_the_ticket_and_the_keys_work(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    staff.issue_ticket("A")
    staff.issue_ticket("B", "lansia")
    window = make_counter()
    sign_in(qtbot, window)
    focus(qtbot, window)
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
    assert staff.queue.get_ticket("B-001").status is TicketStatus.SERVING
    assert panel.state.text() == "Sedang dilayani"
    assert live(window) == always | {DeskAction.FINISH, DeskAction.TRANSFER}
    QTest.keyClick(window, Qt.Key.Key_F2)  # recall: not legal now, nothing happens
    assert not window.controller.busy

    with qtbot.waitSignal(window.controller.action_done):
        QTest.keyClick(window, Qt.Key.Key_F4)
    assert staff.queue.get_ticket("B-001").status is TicketStatus.DONE
    assert shown_code(window) == ""
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
        assert staff.queue.get_ticket("A-001").status is TicketStatus.CALLED

    press(qtbot, window, DeskAction.RECALL)  # one past the limit
    assert staff.queue.get_ticket("A-001").status is TicketStatus.NO_SHOW
    assert shown_code(window) == ""
    assert window.desk.status.text() == ("A-001 dicatat tidak hadir setelah 3 kali panggil ulang.")
    assert DeskAction.RECALL not in live(window)


def test_no_show_and_transfer(qtbot: QtBot, make_counter: CounterFactory, staff: Office) -> None:
    staff.issue_ticket("A")
    staff.issue_ticket("A")
    window = make_counter()
    sign_in(qtbot, window)
    press(qtbot, window, DeskAction.CALL_NEXT)
    press(qtbot, window, DeskAction.NO_SHOW)
    assert staff.queue.get_ticket("A-001").status is TicketStatus.NO_SHOW

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
    moved = staff.queue.get_ticket("A-002")
    assert moved.status is TicketStatus.TRANSFERRED
    assert moved.service == "D"
    assert shown_code(window) == ""
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
    focus(qtbot, dialog)

    QTest.keyClicks(dialog.code, "a-003")
    click(dialog.ok)  # no reason
    assert dialog.isVisible()
    assert dialog.message.isVisible()
    assert dialog.message.text() == tr("counter.error.reason", "id")
    assert staff.queue.get_ticket("A-003").status is TicketStatus.WAITING
    assert staff.queue.audit_log(action="call_out_of_order") == []

    type_into(dialog.code, "Z-999")  # over the typo
    QTest.keyClicks(dialog.reason, "Pemohon lansia kembali membawa dokumen")
    with qtbot.waitSignal(window.controller.action_refused):
        click(dialog.ok)
    assert dialog.isVisible()
    assert dialog.message.text() == "Nomor antrean Z-999 tidak ditemukan hari ini."

    type_into(dialog.code, "A-003")  # over the typo
    with qtbot.waitSignal(window.controller.action_done):
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert shown_code(window) == "A-003"
    called = staff.queue.get_ticket("A-003")
    assert called.status is TicketStatus.CALLED
    assert called.counter == 1
    assert staff.queue.get_ticket("A-001").status is TicketStatus.WAITING
    [entry] = staff.queue.audit_log(action="call_out_of_order")
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
    status = office.queue.status()
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
    assert staff.queue.counter_desk(1).counter.paused
    alone = _estimate(staff, "A")
    assert alone > both  # the same people now share one counter

    with qtbot.waitSignal(window.controller.action_done):
        click(window.desk.banner.resume)
    assert not window.desk.banner.isVisible()
    assert not staff.queue.counter_desk(1).counter.paused
    assert _estimate(staff, "A") == both
    actions = [(e.action, e.counter, e.actor) for e in staff.queue.audit_log()]
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
    assert not staff.queue.counter_desk(1).counter.paused


def test_running_times_are_redrawn_without_asking_the_database(
    qtbot: QtBot,
    sqlite_url: str,
    settings: Settings,
    staff: Office,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    staff.issue_ticket("A")
    staff.issue_ticket("A")
    reads: list[int] = []

    def open_office() -> CounterOffice:
        office = Office.open(sqlite_url, settings=settings)
        desk = office.queue.counter_desk

        def counting(counter: int, waiting_limit: int = 50) -> CounterDesk:
            reads.append(counter)
            return desk(counter, waiting_limit)

        monkeypatch.setattr(office.queue, "counter_desk", counting)
        return office

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
    assert model.index(0, WaitingModel.SERVICE).data() == "Paspor Baru · Lansia"
    assert window.desk.waiting.count.text() == "1 menunggu"
    assert not window.desk.waiting.empty.isVisible()

    staff.call_next(2)  # another counter takes it
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=10_000)


def test_printer_alerts_and_a_reprint(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    ticket = staff.issue_ticket("A")
    staff.slips.record(ticket.id, False, "printer out of paper")
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
    assert staff.queue.get_ticket(ticket.id).slip_state != "failed"
    assert alerts.rows == {}
    assert window.desk.status.text() == "Permintaan cetak ulang slip A-001 dikirim ke anjungan."
    assert [e.action for e in staff.queue.audit_log(action="reprint_requested")] == [
        "reprint_requested"
    ]

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


# -- the waiting list --------------------------------------------------------------------------
def test_the_waiting_list_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, make_counter: CounterFactory, staff: Office
) -> None:
    window = make_counter()
    sign_in(qtbot, window)
    model = window.desk.waiting.model
    qtmodeltester.check(model)  # empty; it keeps checking every change from here on
    qtbot.waitUntil(lambda: window.controller.watcher is not None)
    staff.issue_ticket("A")
    staff.issue_ticket("B", "lansia")
    moved = staff.issue_ticket("A")
    staff.queue.transfer(moved.id, "B")
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=10_000)
    qtmodeltester.check(model)
    services = [model.index(row, WaitingModel.SERVICE).data() for row in range(3)]
    assert services == [
        "Penggantian Paspor · Lansia",  # priority first: it is called next
        "Paspor Baru",
        "Penggantian Paspor (dialihkan)",
    ]
    click(window.desk.head.language)
    assert model.headerData(WaitingModel.CODE, Qt.Orientation.Horizontal) == "Number"
    assert model.index(0, WaitingModel.ORDER).data() == "Next"
    for _ in range(3):
        press(qtbot, window, DeskAction.CALL_NEXT)
    assert model.rowCount() == 0
    assert window.desk.waiting.empty.isVisible()


def _marked(window: CounterWindow) -> str:
    """The ticket the list marks as the next call (and checks the mark is there)."""
    model = window.desk.waiting.model
    assert model.index(0, WaitingModel.ORDER).data() == "Berikutnya"
    assert model.index(1, WaitingModel.ORDER).data() in (None, "2")
    code = model.index(0, WaitingModel.CODE).data()
    assert isinstance(code, str)
    return code


CALL_ORDERS: dict[str, tuple[dict[str, Any], list[str]]] = {
    # regular, A-003 lansia, all waiting; as Call next takes them.
    "priority_first": ({"priority_policy": "priority_first"}, ["A-003", "A-001", "A-002"]),
    # One priority call after every regular one: A-001, then A-003 (older A-002 waits).
    "interleave": (
        {"priority_policy": "interleave", "priority_every": 1},
        ["A-001", "A-003", "A-002"],
    ),
    "fifo": ({"priority_policy": "fifo"}, ["A-001", "A-002", "A-003"]),
}


@pytest.mark.parametrize("policy", list(CALL_ORDERS))
def test_the_list_marks_the_ticket_call_next_takes_and_f1_calls_it(
    qtbot: QtBot,
    make_counter: CounterFactory,
    staff: Office,
    sqlite_url: str,
    tmp_path: Path,
    policy: str,
) -> None:
    queue, expected = CALL_ORDERS[policy]
    office_settings = settings_from_dict(counter_config(tmp_path, **queue), "test")
    with Office.open(sqlite_url, settings=office_settings) as kiosk:  # as the kiosk issues
        kiosk.issue_ticket("A")
        kiosk.issue_ticket("A")
        kiosk.issue_ticket("A", "lansia")
    window = make_counter(settings_=office_settings)
    sign_in(qtbot, window)
    focus(qtbot, window)
    listed = [t.code for t in window.desk.waiting.model.tickets()]
    assert listed == expected  # the list in the order F1 calls, not oldest first

    called = []
    for _ in expected:
        marked = _marked(window)
        press_key(qtbot, window, DeskAction.CALL_NEXT)
        row = staff.queue.get_ticket(marked)  # exactly the marked ticket, at this counter
        assert (row.status, row.counter) == (TicketStatus.CALLED, 1)
        assert shown_code(window) == marked
        called.append(marked)
    assert called == expected
    assert window.desk.waiting.model.rowCount() == 0


# -- the desk with nobody at the counter -------------------------------------------------------
def _panel_texts(window: CounterWindow) -> list[str]:
    panel = window.desk.ticket
    return [w.text() for w in panel.findChildren(QLabel) if w.isVisibleTo(panel) and w.text()]


def _hhmm(moment: dt.datetime | None, sep: str = ".") -> str:
    assert moment is not None
    return moment.astimezone(ZoneInfo("Asia/Jakarta")).strftime(f"%H{sep}%M")


def test_after_a_finish_the_desk_says_which_ticket_was_served_last(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    staff.issue_ticket("A")
    staff.issue_ticket("A")
    window = make_counter()
    sign_in(qtbot, window)
    focus(qtbot, window)
    for action in (DeskAction.CALL_NEXT, DeskAction.START, DeskAction.FINISH):
        press_key(qtbot, window, action)
    done = staff.queue.get_ticket("A-001")
    assert done.status is TicketStatus.DONE

    texts = _panel_texts(window)
    assert f"Terakhir dilayani: A-001 (selesai {_hhmm(done.finished_at)})" in texts
    assert "Tekan F1 untuk memanggil nomor antrean berikutnya." in texts
    assert "Belum ada nomor antrean dipanggil" not in texts  # one was, and served
    assert shown_code(window) == ""  # no big dash or grey bar where a number would be

    click(window.desk.head.language)
    texts = _panel_texts(window)
    assert f"Last served: A-001 (done {_hhmm(done.finished_at, ':')})" in texts
    assert "Press F1 to call the next ticket." in texts
    click(window.desk.head.language)

    # A no-show is the last ticket too, and said as such.
    press_key(qtbot, window, DeskAction.CALL_NEXT)
    assert f"Terakhir dilayani: A-001 (selesai {_hhmm(done.finished_at)})" not in (
        _panel_texts(window)
    )  # a ticket at the counter: the desk shows it, not the last one
    press_key(qtbot, window, DeskAction.NO_SHOW)
    gone = staff.queue.get_ticket("A-002")
    assert gone.status is TicketStatus.NO_SHOW
    texts = _panel_texts(window)
    assert f"Terakhir dipanggil: A-002 (tidak hadir {_hhmm(gone.finished_at)})" in texts


def test_settings_saved_elsewhere_reach_a_signed_in_counter(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    window = make_counter()
    sign_in(qtbot, window)
    doc = editable_document(staff.settings)
    services = [
        {**s, "name_id": "Paspor Elektronik"} if s["code"] == "A" else s for s in doc["services"]
    ]
    admin = admin_session(staff, "admin")  # the admin window on another PC
    with qtbot.waitSignal(window.controller.settings_changed, timeout=10_000):
        staff.update_settings("services", services, session=admin)
        staff.update_settings("queue", {**doc["queue"], "recall_limit": 1}, session=admin)
    staff.staff.sign_out(admin)
    qtbot.waitUntil(lambda: window.settings.queue.recall_limit == 1, timeout=10_000)
    assert window.names.service("A", "id") == "Paspor Elektronik"
    assert window.signed_in  # nobody was signed out by it
    staff.issue_ticket("A")
    press(qtbot, window, DeskAction.CALL_NEXT)
    assert window.desk.ticket.service.text() == "Paspor Elektronik"
    assert "0 / 1" in window.desk.ticket.recalls.text()
