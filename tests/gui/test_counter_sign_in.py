"""Signing in and out at the counter window, as officers do it (offscreen, real SQLite
files): refusals and lockouts, every role, opening signed in, and that a sign-out (by the
button, or by closing the window) ends the office's session so its token opens nothing.

``staff`` is another connection to the same database (another PC at the office), used to
look at what the window did.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.config.settings import Settings
from kiosk.domain.errors import NotSignedIn
from kiosk.domain.model import AuditEntry
from kiosk.domain.staff import LOCKOUT_MINUTES, SIGN_IN_ATTEMPTS, Role
from kiosk.office import Office
from kiosk.ui.common.i18n import locked_text, tr
from tests.staff import TEST_ADMIN

from .counter_support import (
    PIN,
    CounterFactory,
    add_staff,
    click,
    counter_settings,
    counter_windows,
    focus,
    live,
    shown_code,
    sign_in,
    type_into,
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return counter_settings(tmp_path)


@pytest.fixture
def staff(other_office: Office) -> Office:
    return add_staff(other_office)


@pytest.fixture
def make_counter(qtbot: QtBot, sqlite_url: str, settings: Settings) -> Iterator[CounterFactory]:
    yield from counter_windows(qtbot, sqlite_url, settings)


# -- signing in --------------------------------------------------------------------------------
def test_five_wrong_pins_lock_the_account_and_the_page_says_so(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    """The sixth try, even with the right PIN, is refused with the lock's own words; the
    lockout is in the database and the audit log."""
    window = make_counter()
    page = window.sign_in_page
    focus(qtbot, window)
    for _ in range(SIGN_IN_ATTEMPTS):
        type_into(page.username, "siti")
        type_into(page.pin, "999999")
        with qtbot.waitSignal(window.controller.sign_in_refused, timeout=10_000):
            QTest.keyClick(page.pin, Qt.Key.Key_Return)
    locked = locked_text(LOCKOUT_MINUTES[0], SIGN_IN_ATTEMPTS, "id")
    assert page.message.text() == locked
    assert "dikunci sementara" in locked and "1 menit" in locked

    type_into(page.username, "siti")
    type_into(page.pin, PIN)  # the right one, too late
    with qtbot.waitSignal(window.controller.sign_in_refused, timeout=10_000):
        QTest.keyClick(page.pin, Qt.Key.Key_Return)
    assert not window.signed_in
    assert page.message.text() == locked
    [lock] = staff.queue.audit_log(action="account_locked")
    assert (lock.actor, lock.detail["minutes"]) == ("siti", 1)
    [account] = [a for a in staff.staff.accounts() if a.username == "siti"]
    assert account.locked_until is not None


def test_sign_in_refuses_a_wrong_pin_a_disabled_account_and_a_stranger_alike(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office
) -> None:
    window = make_counter()
    page = window.sign_in_page
    assert page.pin.echoMode() == page.pin.EchoMode.Password
    assert [page.counter.itemData(i) for i in range(page.counter.count())] == [1, 2]
    refused = tr("counter.signin.refused", "id")

    for username, pin in (("siti", "999999"), ("rina", PIN), ("tamu", PIN)):
        type_into(page.username, username)
        type_into(page.pin, pin)
        with qtbot.waitSignal(window.controller.sign_in_refused, timeout=10_000):
            QTest.keyClick(page.pin, Qt.Key.Key_Return)  # Enter signs in too
        assert not window.signed_in
        assert page.message.isVisible()
        assert page.message.text() == refused  # one text whatever the cause
        assert page.pin.text() == ""  # cleared for another try

    refusals = staff.queue.audit_log(action="sign_in_refused")
    assert sorted(e.actor or "" for e in refusals) == ["rina", "siti", "tamu"]

    sign_in(qtbot, window, "siti", PIN, counter=2)
    assert window.stack.currentWidget() is window.desk
    assert window.desk.head.counter.text() == "Loket 2"
    assert window.desk.head.officer.text() == "Siti Aminah · petugas"
    assert shown_code(window) == ""
    assert window.desk.ticket.state.text() == "Tidak ada nomor antrean di loket"
    assert not window.desk.ticket.last_line.isVisible()  # nothing closed here today
    assert staff.queue.audit_log(action="sign_in")[0].actor == "siti"

    click(window.desk.head.sign_out)
    assert window.stack.currentWidget() is window.sign_in_page
    assert page.pin.text() == ""
    assert not page.message.isVisible()
    assert not live(window)
    qtbot.waitUntil(lambda: bool(sign_outs(staff, "siti")), timeout=5000)
    [out] = sign_outs(staff, "siti")
    assert out.detail["where"] == "counter 2"


def sign_outs(office: Office, username: str) -> list[AuditEntry]:
    """``username``'s sign-outs, newest first (the tests' admin signs out too)."""
    return [e for e in office.queue.audit_log(action="sign_out") if e.actor == username]


def sessions_of(db_file: Path, username: str) -> list[tuple[str, str | None]]:
    """``username``'s sessions as the database keeps them: (token hash, ended at)."""
    with closing(sqlite3.connect(db_file)) as db:
        rows = db.execute(
            "SELECT s.token_hash, s.ended_at FROM staff_sessions s"
            " JOIN staff a ON a.id = s.staff_id WHERE a.username = ?",
            (username,),
        ).fetchall()
    return [(str(h), None if e is None else str(e)) for h, e in rows]


def test_signing_out_ends_the_session_so_its_token_opens_nothing(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office, tmp_path: Path
) -> None:
    """An admin covering counter 1 signs out by the button: the session's row is ended
    and its token, which could add an account a moment before, is refused."""
    admin, _, admin_pin = TEST_ADMIN
    window = make_counter()
    sign_in(qtbot, window, admin, admin_pin, counter=1)
    assert window.controller.session is not None
    session = window.controller.session.staff
    digest = hashlib.sha256(session.token.encode()).hexdigest()
    db_file = tmp_path / "kiosk.db"
    assert (digest, None) in sessions_of(db_file, admin)
    staff.staff.add("dewi", "Dewi Lestari", Role("officer"), PIN, session=session)  # it opens now

    click(window.desk.head.sign_out)
    assert window.stack.currentWidget() is window.sign_in_page
    qtbot.waitUntil(lambda: dict(sessions_of(db_file, admin))[digest] is not None)
    with pytest.raises(NotSignedIn):
        staff.staff.add("eko", "Eko Saputra", Role("officer"), PIN, session=session)
    assert "eko" not in {a.username for a in staff.staff.accounts()}
    [out] = [e for e in sign_outs(staff, admin) if e.detail["where"] == "counter 1"]
    assert out.actor == admin


def test_closing_the_window_signs_the_officer_out(
    qtbot: QtBot, make_counter: CounterFactory, staff: Office, tmp_path: Path
) -> None:
    """The PC shut down at the end of the day: the session does not stay open behind it."""
    window = make_counter()
    sign_in(qtbot, window, "siti", counter=2)
    db_file = tmp_path / "kiosk.db"
    [(_, ended)] = sessions_of(db_file, "siti")
    assert ended is None

    window.close()  # waits for the database worker to finish what is queued
    [(_, ended)] = sessions_of(db_file, "siti")
    assert ended is not None
    [out] = sign_outs(staff, "siti")
    assert out.detail["where"] == "counter 2"


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
