"""The audit log is append-only (triggers, for every role) and hash-chained: `kiosk audit
verify` says it holds, or names the first entry that was changed, removed or slipped in.
On both databases, with PCs writing at once."""

from __future__ import annotations

import contextlib
import json
import multiprocessing.synchronize
import os
import subprocess
import sys
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from kiosk import Office
from kiosk.domain.errors import SignInRefused
from kiosk.domain.staff import Role
from kiosk.storage import migrate
from kiosk.storage.engine import make_engine
from tests.processes import run_together
from tests.staff import add_staff

WRITERS = 4
ENTRIES_EACH = 6


def verify(db_url: str) -> tuple[int, dict[str, Any]]:
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", db_url, "audit", "verify", "--json"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def sql(db_url: str, statement: str, **params: object) -> None:
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement), params)
    finally:
        engine.dispose()


def some_entries(office: Office, username: str = "siti") -> None:
    add_staff(office, username, "Siti Aminah", "officer", "135790")
    for pin in ("000000", "135790"):
        with contextlib.suppress(SignInRefused):
            office.staff.sign_in(username, pin, allowed=frozenset({Role.OFFICER}), where="Loket 1")
    ticket = office.issue_ticket("A")
    office.queue.call_ticket(ticket.code, counter=2, reason="Pemohon lansia")


def test_the_chain_holds_and_the_log_cannot_be_changed_or_emptied(db_url: str) -> None:
    with Office.open(db_url) as office:
        some_entries(office)
        count = len(office.queue.audit_log(limit=100))
    assert verify(db_url) == (0, {"entries": count, "holds": True, "broken_at": None,
                                  "problem": None})  # fmt: skip
    for statement in (
        "UPDATE audit_log SET reason = 'nothing happened'",
        "DELETE FROM audit_log WHERE action = 'sign_in_refused'",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            sql(db_url, statement)
    if db_url.startswith("postgresql"):
        with pytest.raises(DBAPIError, match="append-only"):
            sql(db_url, "TRUNCATE audit_log CASCADE")
    assert verify(db_url)[1]["holds"]


def _drop_the_guard(db_url: str) -> None:
    """What only the database's owner can do: take the triggers away first."""
    if db_url.startswith("postgresql"):
        sql(db_url, "DROP TRIGGER audit_log_append_only ON audit_log")
    else:
        sql(db_url, "DROP TRIGGER audit_log_no_update")
        sql(db_url, "DROP TRIGGER audit_log_no_delete")


def test_an_entry_changed_behind_the_triggers_is_named(db_url: str) -> None:
    with Office.open(db_url) as office:
        some_entries(office)
        [call] = office.queue.audit_log(action="call_out_of_order")
    _drop_the_guard(db_url)
    sql(db_url, "UPDATE audit_log SET reason = 'tidak ada' WHERE id = :id", id=call.id)
    code, check = verify(db_url)
    assert (code, check["holds"], check["broken_at"]) == (1, False, call.id)
    assert f"entry {call.id} (call_out_of_order)" in check["problem"]


def test_a_removed_entry_is_named_and_so_is_a_removed_tail(db_url: str) -> None:
    with Office.open(db_url) as office:
        some_entries(office)
        entries = sorted(e.id for e in office.queue.audit_log(limit=100))
    _drop_the_guard(db_url)
    sql(db_url, "DELETE FROM audit_log WHERE id = :id", id=entries[1])
    code, check = verify(db_url)
    assert (code, check["broken_at"]) == (1, entries[2])  # the next link no longer holds

    # A fresh log, then its newest entry removed.
    sql(db_url, "DELETE FROM audit_log")
    sql(db_url, "DELETE FROM office_settings WHERE key = 'audit.head'")
    with Office.open(db_url) as office:
        some_entries(office, "rina")
        newest = max(e.id for e in office.queue.audit_log(limit=100))
    sql(db_url, "DELETE FROM audit_log WHERE id = :id", id=newest)
    code, check = verify(db_url)
    assert code == 1 and check["broken_at"] is None
    assert f"names entry {newest}" in check["problem"]
    # And the text form says so in words.
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", db_url, "audit", "verify"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip
    assert proc.returncode == 1 and "does NOT hold" in proc.stdout


def _write_entries(url: str, barrier: multiprocessing.synchronize.Barrier, results: Any) -> None:
    try:
        with Office.open(url) as office:
            barrier.wait(timeout=60)
            for _ in range(ENTRIES_EACH):
                with contextlib.suppress(SignInRefused):
                    office.staff.sign_in(
                        "nobody", "000000", allowed=frozenset({Role.OFFICER}), where="race"
                    )
        results.put(("ok", None))
    except Exception as exc:  # reported to the test, which fails on it
        results.put(("error", repr(exc)))


@pytest.mark.slow
def test_pcs_writing_at_once_make_one_chain(db_url: str) -> None:
    Office.open(db_url).close()
    outcomes, exitcodes = run_together(_write_entries, (db_url,), WRITERS)
    assert outcomes == [("ok", None)] * WRITERS, outcomes
    assert exitcodes == [0] * WRITERS
    code, check = verify(db_url)
    assert (code, check["entries"]) == (0, WRITERS * ENTRIES_EACH)


def test_the_upgrade_chains_the_entries_already_there(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    migrate.upgrade(engine, "0007")
    with engine.begin() as conn:
        for n in range(3):
            conn.execute(
                text(
                    "INSERT INTO audit_log (at, action, actor, reason, detail) "
                    "VALUES (:at, 'settings_changed', 'admin', NULL, :detail)"
                ),
                {"at": f"2026-11-2{n} 02:00:00.000000", "detail": json.dumps({"n": n})},
            )
    engine.dispose()
    with Office.open(sqlite_url) as office:
        office.issue_ticket("A")
        assert office.reports.verify_audit().holds
        assert office.reports.verify_audit().entries == 3
