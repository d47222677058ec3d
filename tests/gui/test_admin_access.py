"""The admin window acts with the session its sign-in returned: the kiosk's exit PIN, a
locked account unlocked, a refusal of who asks in the window's words; and the audit log's
hash chain shown above the log."""

from __future__ import annotations

import sqlite3
from contextlib import suppress

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.config.settings import Settings, editable_document
from kiosk.domain.errors import ExitPinRefused, NotAllowed, NotSignedIn, SignInRefused
from kiosk.domain.model import AuditQuery
from kiosk.domain.staff import SIGN_IN_ATTEMPTS, Role
from kiosk.office import Office
from kiosk.storage.engine import sqlite_path
from kiosk.tools.demo import DEMO_STAFF
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.exit_pin import ExitPinBox
from kiosk.ui.admin.settings.pages import FormPage
from kiosk.ui.admin.staff import StaffPage
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.i18n import tr
from tests.staff import add_staff, admin_session

from . import test_admin_fixtures as fx
from .test_admin_fixtures import (
    ADMIN,
    OFFICER,
    SUPERVISOR,
    AdminFactory,
    click,
    click_row,
    open_section,
    shown,
    sign_in,
    type_into,
)

# The shared fixtures, found by pytest under these names.
admin_settings = fx.admin_settings
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other

NEW_EXIT_PIN = "80241357"


def settings_window(qtbot: QtBot, make_admin: AdminFactory, who: tuple[str, str]) -> AdminWindow:
    window = make_admin()
    sign_in(qtbot, window, who)
    shown(qtbot, window, "settings")
    return window


def exit_pin_box(qtbot: QtBot, window: AdminWindow) -> ExitPinBox:
    open_section(qtbot, window, "kiosk")
    box = window.settings_tab.exit_pin
    qtbot.waitUntil(lambda: box.is_set is not None, timeout=10_000)
    return box


# -- the kiosk's exit PIN ------------------------------------------------------------------------
def test_an_admin_sets_the_kiosks_exit_pin_in_a_dialog_typed_twice(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    set_before = other.reports.audit(AuditQuery(action="exit_pin_set"), 0, 10)
    window = settings_window(qtbot, make_admin, ADMIN)
    kiosk = window.settings_tab.pages["kiosk"]
    assert isinstance(kiosk, FormPage)
    assert "supervisor_pin" not in kiosk.widgets  # a setting that no longer exists
    box = exit_pin_box(qtbot, window)
    assert box.state.text() == tr("admin.exit_pin.is_set", "id")  # the demo office has one

    click(qtbot, box.change)
    dialog = box.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    for edit in (dialog.pin, dialog.again):
        assert edit.echoMode() is QLineEdit.EchoMode.Password
    type_into(qtbot, dialog.pin, "12ab34")  # letters are not taken
    assert dialog.pin.text() == "1234"
    type_into(qtbot, dialog.again, "1234")
    click(qtbot, dialog.ok)
    assert dialog.message.text() == tr("admin.exit_pin.short", "id")
    type_into(qtbot, dialog.pin, NEW_EXIT_PIN)
    type_into(qtbot, dialog.again, NEW_EXIT_PIN[:-1] + "0")
    click(qtbot, dialog.ok)
    assert dialog.message.text() == tr("admin.exit_pin.mismatch", "id")
    assert dialog.isVisible()

    type_into(qtbot, dialog.again, NEW_EXIT_PIN)
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, dialog.ok)
    assert blocker.args[0] == "exit_pin"
    assert box.dialog is None  # closed (and let go)
    assert box.message.text() == tr("admin.exit_pin.saved", "id")

    other.kiosk_exit.check(NEW_EXIT_PIN, "kiosk-1")  # the new one opens every kiosk
    with pytest.raises(ExitPinRefused):
        other.kiosk_exit.check("246810", "kiosk-1")  # the demo's old one no longer does
    entry, *older = other.reports.audit(AuditQuery(action="exit_pin_set"), 0, 10)
    assert older == set_before
    assert entry.actor == "admin"
    assert NEW_EXIT_PIN not in str(entry.detail)


def test_a_supervisor_sees_whether_there_is_an_exit_pin_but_cannot_set_it(
    qtbot: QtBot, make_admin: AdminFactory
) -> None:
    window = settings_window(qtbot, make_admin, SUPERVISOR)
    box = exit_pin_box(qtbot, window)
    assert box.state.text() == tr("admin.exit_pin.is_set", "id")
    assert not box.change.isEnabled()


# -- lockouts --------------------------------------------------------------------------------------
def lock(office: Office, who: tuple[str, str]) -> None:
    for _ in range(SIGN_IN_ATTEMPTS):
        with suppress(SignInRefused):
            office.staff.sign_in(
                who[0], "000000", allowed=frozenset(Role(r) for r in list(Role)), where="counter"
            )


def test_a_locked_account_shows_its_lockout_and_an_admin_unlocks_it_with_a_click(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, admin_settings: Settings
) -> None:
    window = settings_window(qtbot, make_admin, ADMIN)
    staff = open_section(qtbot, window, "staff")
    assert isinstance(staff, StaffPage)
    usernames = [a.username for a in staff.model.rows]
    row = usernames.index(OFFICER[0])
    active = tr("admin.staff.active", "id")
    assert staff.model.index(row, 3).data() == active

    lock(other, OFFICER)  # five wrong PINs at a counter, another PC
    until = next(a for a in other.staff.accounts() if a.username == OFFICER[0]).locked_until
    assert until is not None
    local = until.astimezone(admin_settings.timezone)
    locked = f"Terkunci sampai {local:%H}.{local:%M}"
    qtbot.waitUntil(lambda: staff.model.index(row, 3).data() == locked, timeout=10_000)

    click_row(qtbot, staff.view, row)
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, staff.unlock)
    assert blocker.args[0] == "staff"
    qtbot.waitUntil(lambda: staff.model.index(row, 3).data() == active, timeout=10_000)
    other.staff.sign_out(
        other.staff.sign_in(*OFFICER, allowed=frozenset({Role.OFFICER}), where="counter")
    )
    [entry] = other.reports.audit(AuditQuery(action="account_unlocked"), 0, 10)
    assert (entry.actor, entry.detail) == ("admin", {"username": OFFICER[0]})


# -- refusals ------------------------------------------------------------------------------------
def test_an_admin_disabled_meanwhile_is_refused_in_one_line_and_nothing_is_saved(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, admin_settings: Settings
) -> None:
    add_staff(other, "admin.dua", "Admin Kedua", "admin", "864209")
    window = settings_window(qtbot, make_admin, ("admin.dua", "864209"))
    page = window.settings_tab.pages["office"]
    assert isinstance(page, FormPage)
    name = page.widgets["name"]
    assert isinstance(name, QLineEdit)
    type_into(qtbot, name, "Kanim Baru")
    other.staff.disable("admin.dua", session=admin_session(other))  # the other admin, elsewhere

    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, page.save)
    assert blocker.args[0].__class__.__name__ == "NotSignedIn"
    expected = tr("admin.settings.refused", "id", message=tr("admin.error.not_signed_in", "id"))
    assert page.message.text() == expected
    assert "\n" not in expected
    other.reload_settings()
    assert other.settings.office.name == admin_settings.office.name


def test_a_supervisor_session_is_refused_settings_and_staff_by_the_office(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, admin_settings: Settings
) -> None:
    window = settings_window(qtbot, make_admin, SUPERVISOR)
    assert window.settings_tab.read_only.isVisible()
    assert not window.settings_tab.pages["office"].save.isEnabled()
    staff = open_section(qtbot, window, "staff")
    assert isinstance(staff, StaffPage)
    assert not staff.add.isEnabled() and not staff.unlock.isEnabled()

    # The window offers a supervisor nothing to change; the office refuses it all the same.
    session = other.staff.sign_in(*SUPERVISOR, allowed=frozenset({Role.SUPERVISOR}), where="admin")
    document = editable_document(other.settings)
    with pytest.raises(NotAllowed) as refused:
        other.update_settings("office", {**document["office"], "name": "X"}, session=session)
    with pytest.raises(NotAllowed):
        other.staff.add("siapa.saja", "Siapa Saja", Role("admin"), "102938", session=session)
    with pytest.raises(NotAllowed):
        other.kiosk_exit.set_pin("135792", session=session)
    assert other.settings.office.name == admin_settings.office.name
    assert "siapa.saja" not in {a.username for a in other.staff.accounts()}
    supervisor = next(s for s in DEMO_STAFF if s[2] == "supervisor")[0]
    assert tx.error_text(refused.value, "id") == (
        f"Akun {supervisor} tidak berhak melakukannya; hanya akun admin yang dapat."
    )


def test_closing_the_window_signs_its_session_out(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    session = window.ctx.session
    assert session is not None
    window.close()
    entries = other.reports.audit(AuditQuery(action="sign_out", actor=ADMIN[0]), 0, 50)
    assert [e.detail for e in entries if e.detail.get("where") == "admin"] == [{"where": "admin"}]
    with pytest.raises(NotSignedIn):  # what it might still have done is refused now
        other.update_settings(
            "office", editable_document(other.settings)["office"], session=session
        )


# -- the audit log's chain ------------------------------------------------------------------------
def test_the_audit_tab_says_the_chain_holds_and_names_an_entry_changed_behind_its_back(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, admin_url: str
) -> None:
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    audit = shown(qtbot, window, "audit")
    assert audit is window.audit
    qtbot.waitUntil(lambda: audit.chain is not None, timeout=10_000)
    assert audit.chain is not None and audit.chain.holds
    count = tx.count(audit.chain.entries, "id")
    assert audit.chain_line.text() == f"Rantai log audit utuh ({count} entri)."
    assert audit.chain_line.property("state") == "ok"

    # Someone with the database file edits an entry (the triggers that forbid it dropped).
    entry = other.reports.audit(AuditQuery(action="sign_in", actor=SUPERVISOR[0]), 0, 1)[0]
    path = sqlite_path(admin_url)
    assert path is not None
    with sqlite3.connect(path) as db:
        db.execute("DROP TRIGGER audit_log_no_update")
        db.execute("DROP TRIGGER audit_log_no_delete")
        db.execute("UPDATE audit_log SET reason = 'tidak ada' WHERE id = ?", (entry.id,))
    db.close()

    click(qtbot, window.sign_out_button)
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "audit")
    qtbot.waitUntil(
        lambda: audit.chain is not None and audit.chain.broken_at == entry.id, timeout=10_000
    )
    assert audit.chain_line.text().startswith(f"Log audit TIDAK utuh mulai entri {entry.id}:")
    assert audit.chain_line.property("state") == "error"
