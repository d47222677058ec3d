"""Staff accounts and sign-in through the facade and the CLI; who may manage them: a
signed-in admin, checked by the services against the database, named in the audit log."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import replace

import pytest

from kiosk import Office
from kiosk.config.settings import editable_document
from kiosk.domain.errors import (
    InvalidUsername,
    NotAllowed,
    NotSignedIn,
    SignInRefused,
    StaffExists,
    UnknownStaff,
)
from kiosk.domain.staff import Role, WeakSecret
from tests.processes import without_file_rights
from tests.staff import admin_session

COUNTER = ["officer", "supervisor", "admin"]
ADMIN = ["supervisor", "admin"]


def test_sign_in_rules_and_audit(db_url: str) -> None:
    with Office.open(db_url) as office:
        admin = admin_session(office)
        office.staff.add("budi", "Budi Santoso", Role("officer"), "246810", session=admin)
        office.staff.add("sari", "Sari Dewi", Role("supervisor"), "135790", session=admin)
        assert (
            office.staff.sign_in(
                "Budi", "246810", allowed=frozenset(Role(r) for r in COUNTER), where="counter 3"
            ).username
            == "budi"
        )
        with pytest.raises(SignInRefused):
            office.staff.sign_in(
                "budi", "000000", allowed=frozenset(Role(r) for r in COUNTER), where="counter 3"
            )
        with pytest.raises(SignInRefused):
            office.staff.sign_in(
                "nobody", "246810", allowed=frozenset(Role(r) for r in COUNTER), where="counter 3"
            )
        with pytest.raises(SignInRefused, match="wrong name or PIN"):
            office.staff.sign_in(
                "budi", "246810", allowed=frozenset(Role(r) for r in ADMIN), where="admin"
            )  # officers: no admin
        assert (
            office.staff.sign_in(
                "sari", "135790", allowed=frozenset(Role(r) for r in ADMIN), where="admin"
            ).role.value
            == "supervisor"
        )
        office.staff.disable("budi", session=admin)
        with pytest.raises(SignInRefused):
            office.staff.sign_in(
                "budi", "246810", allowed=frozenset(Role(r) for r in COUNTER), where="counter 3"
            )
        office.staff.enable("budi", session=admin)
        office.staff.reset_secret("budi", "864200", session=admin)
        with pytest.raises(SignInRefused):
            office.staff.sign_in(
                "budi", "246810", allowed=frozenset(Role(r) for r in COUNTER), where="counter 3"
            )
        assert office.staff.sign_in(
            "budi", "864200", allowed=frozenset(Role(r) for r in COUNTER), where="counter 3"
        ).account.active
        with pytest.raises(StaffExists):
            office.staff.add("BUDI", "x", Role("officer"), "111111", session=admin)
        with pytest.raises(UnknownStaff):
            office.staff.disable("ghost", session=admin)
        with pytest.raises(InvalidUsername):
            office.staff.add("1 bad name", "x", Role("officer"), "111111", session=admin)
        with pytest.raises(WeakSecret, match="at least 6 digits"):
            office.staff.add("tono", "Tono", Role("officer"), "1234", session=admin)
        entries = office.queue.audit_log(limit=50)
        actions = [e.action for e in entries]
        assert actions.count("sign_in") == 4  # the admin, budi, sari, budi again
        assert actions.count("sign_in_refused") == 5
        changes = [e for e in entries if e.action.startswith("staff_")]
        assert {e.action for e in changes} == {
            "staff_added", "staff_disabled", "staff_enabled", "staff_pin_reset"
        }  # fmt: skip
        # Every change names the admin who made it (the first admin made itself: None).
        assert {e.actor for e in changes if e.detail["username"] != "admin.uji"} == {"admin.uji"}


def test_only_a_signed_in_admin_manages_staff(db_url: str) -> None:
    with Office.open(db_url) as office:
        # The first admin needs nobody; the second does.
        office.staff.add("rina", "Rina", Role("admin"), "975310", session=None)
        with pytest.raises(NotSignedIn, match="--as USERNAME"):
            office.staff.add("joko", "Joko", Role("admin"), "975311", session=None)
        with pytest.raises(NotSignedIn):
            office.staff.add("tono", "Tono", Role("officer"), "975312", session=None)
        rina = office.staff.sign_in(
            "rina", "975310", allowed=frozenset(Role(r) for r in ADMIN), where="admin"
        )
        office.staff.add("sari", "Sari", Role("supervisor"), "135790", session=rina)
        office.staff.add("budi", "Budi", Role("officer"), "246810", session=rina)
        sari = office.staff.sign_in(
            "sari", "135790", allowed=frozenset(Role(r) for r in ADMIN), where="admin"
        )
        budi = office.staff.sign_in(
            "budi", "246810", allowed=frozenset(Role(r) for r in COUNTER), where="counter 1"
        )
        for session in (sari, budi):
            with pytest.raises(NotAllowed, match="may not manage staff accounts"):
                office.staff.add("tono", "Tono", Role("admin"), "975312", session=session)
            with pytest.raises(NotAllowed):
                office.staff.reset_secret("rina", "111111", session=session)
            with pytest.raises(NotAllowed, match="change the office's settings"):
                office.update_settings(
                    "office", editable_document(office.settings)["office"], session=session
                )
            with pytest.raises(NotAllowed):
                office.set_logo(None, session=session)
            with pytest.raises(NotAllowed):
                office.kiosk_exit.set_pin("246810", session=session)
        # A supervisor may ask for a test print; an officer may not.
        office.settings_store.request_printer_test("kiosk-1", session=sari)
        with pytest.raises(NotAllowed):
            office.settings_store.request_printer_test("kiosk-1", session=budi)

        # A session cannot be made up: a token the database does not know opens nothing.
        forged = replace(rina, token="x" * 43)
        with pytest.raises(NotSignedIn):
            office.staff.add("tono", "Tono", Role("officer"), "975312", session=forged)
        # Nor made up by role: a supervisor's session dressed as an admin's stays a supervisor's.
        dressed = replace(sari, account=replace(sari.account, role=Role.ADMIN))
        with pytest.raises(NotAllowed):
            office.staff.add("tono", "Tono", Role("officer"), "975312", session=dressed)
        # Signed out, or the account disabled meanwhile: the session opens nothing more.
        office.staff.sign_out(sari)
        with pytest.raises(NotSignedIn):
            office.settings_store.request_printer_test("kiosk-1", session=sari)
        office.staff.add("joko", "Joko", Role("admin"), "975311", session=rina)
        joko = office.staff.sign_in(
            "joko", "975311", allowed=frozenset(Role(r) for r in ADMIN), where="admin"
        )
        office.staff.disable("joko", session=rina)
        with pytest.raises(NotSignedIn):
            office.staff.add("tono", "Tono", Role("officer"), "975312", session=joko)
        assert "tono" not in {a.username for a in office.staff.accounts()}
        [made] = [e for e in office.queue.audit_log(limit=50) if e.action == "staff_added"][:1]
        assert made.actor == "rina" and made.detail["username"] == "joko"


def kiosk_cli(
    db: str, *args: str, stdin: str = "", deny: bool = False
) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "kiosk", "--db", db, *args]
    if deny:
        cmd = without_file_rights(cmd)
    return subprocess.run(
        cmd, input=stdin, capture_output=True, text=True, timeout=60, env=os.environ.copy()
    )


def test_staff_cli_takes_pins_from_stdin_only_and_needs_an_admin(sqlite_url: str) -> None:
    def staff(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return kiosk_cli(sqlite_url, "staff", *args, stdin=stdin)

    # The first run: the office's first admin, without --as.
    added = staff(
        "add", "--username", "rina", "--role", "admin", "--pin-stdin", "--json", stdin="975310\n"
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["role"] == "admin"
    refused = staff("add", "--username", "tono")
    assert refused.returncode == 2
    assert "--pin-stdin" in refused.stderr
    # Anyone with a shell and the database URL: no --as, no admin.
    for args in (
        ("add", "--username", "eve", "--role", "admin", "--pin-stdin"),
        ("reset-pin", "rina", "--pin-stdin"),
    ):
        proc = staff(*args, stdin="111111\n")
        assert proc.returncode == 2, proc.stderr
        assert "needs a signed-in admin" in proc.stderr and "--as" in proc.stderr
        assert "Traceback" not in proc.stderr
    # A wrong admin PIN: refused, counted towards the lockout like any sign-in.
    wrong = staff("add", "--username", "eve", "--as", "rina", "--pin-stdin", stdin="000000\n1\n")
    assert wrong.returncode == 2 and "sign-in refused" in wrong.stderr
    # The admin's PIN first, then the new account's.
    ok = staff("add", "--username", "budi", "--as", "rina", "--pin-stdin", stdin="975310\n246810\n")
    assert ok.returncode == 0, ok.stderr
    listed = json.loads(staff("list", "--json").stdout)["staff"]
    assert [(a["username"], a["active"]) for a in listed] == [("budi", True), ("rina", True)]
    assert staff("disable", "budi", "--as", "rina", "--pin-stdin", stdin="975310\n").returncode == 0
    assert json.loads(staff("list", "--json").stdout)["staff"][0]["active"] is False
    with Office.open(sqlite_url) as office:
        with pytest.raises(SignInRefused):
            office.staff.sign_in(
                "budi", "246810", allowed=frozenset(Role(r) for r in COUNTER), where="counter 1"
            )
        entries = office.queue.audit_log(limit=50)
    assert {e.actor for e in entries if e.action in ("staff_added", "staff_disabled")} == {
        None,  # rina, the first admin, made herself
        "rina",
    }
    assert not any(e.detail.get("username") == "eve" for e in entries)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX rights")
def test_a_lobby_account_cannot_make_itself_an_admin(sqlite_url: str) -> None:
    """The lobby PC's account reaches the database (it must: the kiosk runs as it), but
    the command line will not make it an admin, even as a non-root user (setpriv drops
    root's bypass of file rights, so this runs as the lobby account would)."""
    db_file = sqlite_url.removeprefix("sqlite:///")
    with Office.open(sqlite_url) as office:
        office.staff.add("rina", "Rina", Role("admin"), "975310", session=None)
        office.kiosk_exit.set_pin(
            "246810", session=None
        )  # the installer's (only the first is set without one)
    os.chmod(db_file, 0o666)  # the lobby account may write it (the kiosk writes tickets)
    for args in (
        ("staff", "add", "--username", "eve", "--role", "admin", "--pin-stdin"),
        ("kiosk", "set-exit-pin", "--pin-stdin"),
        ("staff", "unlock", "rina"),
    ):
        proc = kiosk_cli(sqlite_url, *args, stdin="111111\n", deny=True)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert "needs a signed-in admin" in proc.stderr
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("SELECT username, role FROM staff").fetchall() == [("rina", "admin")]
