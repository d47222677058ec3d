"""An officer's day at the counter, as the officer does it: from the sign-in page, with
the keyboard and the mouse only (typing into the fields, Tab, the arrow keys, F1-F8,
clicking the buttons), to what the office stored.

Every check on the result reads the database through ``staff``: a separate Office on the
same SQLite file (another PC). Tickets come from it too, issued as the kiosk issues them,
and a failed slip is reported through it as the kiosk reports one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.config.settings import Settings
from kiosk.domain.model import TicketStatus
from kiosk.office import Office
from kiosk.ui.counter.actions import DeskAction
from kiosk.ui.counter.window import CounterWindow

from .counter_support import (
    ACTION_MS,
    CounterFactory,
    add_staff,
    click,
    counter_settings,
    counter_windows,
    key_for,
    press_key,
    shown_code,
    sign_in,
)

S = TicketStatus


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return counter_settings(tmp_path)


@pytest.fixture
def staff(other_office: Office) -> Office:
    return add_staff(other_office)


@pytest.fixture
def make_counter(qtbot: QtBot, sqlite_url: str, settings: Settings) -> Iterator[CounterFactory]:
    yield from counter_windows(qtbot, sqlite_url, settings)


def at_the_desk(qtbot: QtBot, make_counter: CounterFactory, counter: int = 1) -> CounterWindow:
    """A counter PC showing the sign-in page; Siti signs in at ``counter``."""
    window = make_counter()
    assert window.stack.currentWidget() is window.sign_in_page
    sign_in(qtbot, window, "siti", counter=counter)
    return window


def kinds(office: Office, code: str) -> list[str]:
    return [e.kind for e in office.reports.ticket_history(office.queue.get_ticket(code).id)]


# -- signing in ----------------------------------------------------------------------------
def test_signing_in_shows_the_desk_and_is_audited(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    window = at_the_desk(qtbot, make_counter, counter=2)
    assert window.desk.head.counter.text() == "Loket 2"
    assert window.desk.head.officer.text() == "Siti Aminah · petugas"
    assert window.sign_in_page.pin.text() == ""  # the PIN does not stay behind

    [entry] = [e for e in staff.queue.audit_log(action="sign_in") if e.actor == "siti"]
    assert entry.detail["where"] == "counter 2"


# -- calling -------------------------------------------------------------------------------
def test_f1_calls_the_next_ticket_to_this_counter(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    staff.issue_ticket("A")
    staff.issue_ticket("B")
    window = at_the_desk(qtbot, make_counter, counter=2)
    press_key(qtbot, window, DeskAction.CALL_NEXT)

    called = staff.queue.get_ticket("A-001")
    assert (called.status, called.counter) == (S.CALLED, 2)
    assert called.called_at is not None
    [event] = [
        e
        for e in staff.reports.ticket_history(staff.queue.get_ticket("A-001").id)
        if e.kind == "called"
    ]
    assert (event.counter, event.detail.get("actor")) == (2, "siti")
    assert staff.queue.get_ticket("B-001").status is S.WAITING
    assert shown_code(window) == "A-001"


def test_f2_recalls_until_the_ticket_is_a_no_show(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office, settings: Settings
) -> None:
    staff.issue_ticket("A")
    window = at_the_desk(qtbot, make_counter)
    press_key(qtbot, window, DeskAction.CALL_NEXT)
    limit = settings.queue.recall_limit
    for n in range(1, limit + 1):
        press_key(qtbot, window, DeskAction.RECALL)
        assert (
            staff.queue.get_ticket("A-001").status,
            staff.queue.get_ticket("A-001").recalls,
        ) == (S.CALLED, n)

    press_key(qtbot, window, DeskAction.RECALL)  # one past the limit
    ticket = staff.queue.get_ticket("A-001")
    assert ticket.status is S.NO_SHOW
    assert ticket.finished_at is not None
    history = kinds(staff, "A-001")
    assert history.count("recalled") == limit
    assert history[-1] == "no_show"
    assert shown_code(window) == ""


def test_f3_starts_and_f4_finishes_with_their_times(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    staff.issue_ticket("B", "lansia")
    window = at_the_desk(qtbot, make_counter)
    press_key(qtbot, window, DeskAction.CALL_NEXT)
    press_key(qtbot, window, DeskAction.START)
    serving = staff.queue.get_ticket("B-001")
    assert (serving.status, serving.counter) == (S.SERVING, 1)
    assert serving.started_at is not None

    press_key(qtbot, window, DeskAction.FINISH)
    done = staff.queue.get_ticket("B-001")
    assert done.status is S.DONE
    assert done.called_at is not None and done.started_at is not None
    assert done.finished_at is not None
    assert done.called_at <= done.started_at <= done.finished_at
    assert kinds(staff, "B-001")[-2:] == ["serving", "done"]
    assert staff.queue.counter_desk(1).served_today == 1
    # The desk goes on from the ticket just served.
    assert window.desk.ticket.last_line.text().startswith("Terakhir dilayani: B-001 (selesai ")


def test_f6_transfers_the_ticket_to_the_service_chosen(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    staff.issue_ticket("A")
    window = at_the_desk(qtbot, make_counter)
    press_key(qtbot, window, DeskAction.CALL_NEXT)

    QTest.keyClick(window, key_for(DeskAction.TRANSFER))
    dialog = window.transfer_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert "A" not in dialog.choices  # not to the service it is already in
    click(dialog.choices["B"])
    with qtbot.waitSignal(window.controller.action_done, timeout=ACTION_MS):
        click(dialog.ok)

    moved = staff.queue.get_ticket("A-001")
    assert (moved.status, moved.service, moved.origin_service) == (S.TRANSFERRED, "B", "A")
    assert moved.counter is None
    [event] = [
        e
        for e in staff.reports.ticket_history(staff.queue.get_ticket("A-001").id)
        if e.kind == "transferred"
    ]
    assert (event.detail["from"], event.detail["to"]) == ("A", "B")
    assert shown_code(window) == ""


def test_f7_calls_a_number_out_of_order_with_a_reason(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    for _ in range(3):
        staff.issue_ticket("A")
    window = at_the_desk(qtbot, make_counter)

    QTest.keyClick(window, key_for(DeskAction.CALL_SPECIFIC))
    dialog = window.call_dialog
    qtbot.waitUntil(dialog.isVisible)
    QTest.keyClicks(dialog.code, "a-003")
    QTest.keyClick(dialog.code, Qt.Key.Key_Return)  # Enter goes on to the reason
    QTest.keyClicks(dialog.reason, "Pemohon lansia kembali membawa dokumen")
    with qtbot.waitSignal(window.controller.action_done, timeout=ACTION_MS):
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()

    called = staff.queue.get_ticket("A-003")
    assert (called.status, called.counter) == (S.CALLED, 1)
    assert staff.queue.get_ticket("A-001").status is S.WAITING
    [entry] = staff.queue.audit_log(action="call_out_of_order")
    assert (entry.ticket_code, entry.counter, entry.actor) == ("A-003", 1, "siti")
    assert entry.reason == "Pemohon lansia kembali membawa dokumen"


def test_f8_takes_a_break_and_f8_ends_it(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    window = at_the_desk(qtbot, make_counter)

    def paused() -> bool:
        return next(c.paused for c in staff.queue.counters() if c.number == 1)

    press_key(qtbot, window, DeskAction.PAUSE)
    assert paused()
    assert window.desk.banner.isVisible()
    press_key(qtbot, window, DeskAction.PAUSE)  # the same key: Lanjutkan
    assert not paused()
    assert not window.desk.banner.isVisible()

    entries = [(e.action, e.counter, e.actor) for e in reversed(staff.queue.audit_log())]
    breaks = [e for e in entries if e[0] in ("counter_paused", "counter_resumed")]
    assert breaks == [("counter_paused", 1, "siti"), ("counter_resumed", 1, "siti")]


# -- a slip that did not print ---------------------------------------------------------------
def test_a_failed_slip_is_reprinted_from_the_alerts(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    window = at_the_desk(qtbot, make_counter)
    qtbot.waitUntil(lambda: window.controller.watcher is not None)
    # The kiosk issued a ticket and its printer failed on the slip; it says so.
    ticket = staff.issue_ticket("A")
    staff.slips.record(ticket.id, False, "kertas habis")
    alerts = window.desk.alerts
    qtbot.waitUntil(lambda: ticket.id in alerts.rows, timeout=ACTION_MS)
    row = alerts.rows[ticket.id]
    assert row.text.text() == "A-001 · Paspor Baru"
    assert row.reprint.text() == "Cetak ulang"

    with qtbot.waitSignal(window.controller.action_done, timeout=ACTION_MS):
        click(row.reprint)
    assert staff.queue.get_ticket(ticket.id).slip_state == "reprint"
    [entry] = staff.queue.audit_log(action="reprint_requested")
    assert (entry.ticket_code, entry.actor) == ("A-001", "siti")
    assert ticket.id not in alerts.rows

    # A kiosk takes the request (once), and prints it.
    assert [t.code for t in staff.slips.take_reprints(staff.today())] == ["A-001"]
    assert staff.slips.take_reprints(staff.today()) == []
    assert staff.queue.get_ticket(ticket.id).slip_state == "printing"
