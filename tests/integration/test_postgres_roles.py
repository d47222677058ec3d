"""The several-PC setup of packaging/postgresql: its script, run by psql as the guide says,
gives the PCs' role exactly what the program needs and nothing more.

A server of the test's own (tests/pg_server.py): creating roles needs a superuser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from kiosk.config.settings import editable_document
from kiosk.domain.errors import DatabaseUnavailable, SignInRefused
from kiosk.domain.staff import Role
from kiosk.office import Office
from tests.pg_server import SUPERUSER, SUPERUSER_PASSWORD, PrivateServer, private_server

SETUP_SQL = Path(__file__).parents[2] / "packaging" / "postgresql" / "setup.sql"
OWNER_PASSWORD = "owner-secret"
APP_PASSWORD = "app-secret"
ADMIN_PASSWORD = "admin-secret"

pytestmark = pytest.mark.slow


def run_setup(server: PrivateServer) -> subprocess.CompletedProcess[str]:
    psql = shutil.which("psql") or str(server.bindir / "psql")
    return subprocess.run(
        [psql, "-X", "-h", "127.0.0.1", "-p", str(server.port), "-U", SUPERUSER,
         "-d", "postgres", "-v", f"owner_password={OWNER_PASSWORD}",
         "-v", f"app_password={APP_PASSWORD}", "-v", f"admin_password={ADMIN_PASSWORD}",
         "-f", str(SETUP_SQL)],
        env={**os.environ, "PGPASSWORD": SUPERUSER_PASSWORD},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def server() -> Iterator[PrivateServer]:
    with private_server() as srv:
        done = run_setup(srv)
        assert done.returncode == 0, done.stderr
        yield srv


def owner_url(server: PrivateServer) -> str:
    return server.url("kiosk", "kiosk_owner", OWNER_PASSWORD)


def app_url(server: PrivateServer) -> str:
    return server.url("kiosk", "kiosk_app", APP_PASSWORD)


def admin_url(server: PrivateServer) -> str:
    return server.url("kiosk", "kiosk_admin", ADMIN_PASSWORD)


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120
    )


def app_conn(server: PrivateServer) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        f"host=127.0.0.1 port={server.port} dbname=kiosk user=kiosk_app password={APP_PASSWORD}",
        autocommit=True,
    )


def test_the_app_role_cannot_create_the_schema_and_says_who_can(server: PrivateServer) -> None:
    with pytest.raises(DatabaseUnavailable, match=r"kiosk_owner.*db upgrade"):
        Office.open(app_url(server))


def test_the_owner_upgrades_and_the_app_role_runs_the_whole_office(
    server: PrivateServer,
) -> None:
    done = kiosk("--db", owner_url(server), "db", "upgrade")
    assert done.returncode == 0, done.stderr
    # Running the script again after an upgrade is harmless (the guide says to).
    again = run_setup(server)
    assert again.returncode == 0, again.stderr

    # The admin PC, as kiosk_admin: the office's first admin and the staff accounts.
    with Office.open(admin_url(server)) as office:
        office.staff.add("rina", "Rina", Role("admin"), "975310", session=None)
        rina = office.staff.sign_in(
            "rina", "975310", allowed=frozenset({Role("admin")}), where="admin"
        )
        office.staff.add("siti", "Siti Aminah", Role("officer"), "135790", session=rina)
        office.staff.reset_secret("siti", "135790", session=rina)
    # What every other PC does, as kiosk_app: the kiosk, a counter, the survey.
    with Office.open(app_url(server)) as office:
        feed = office.change_feed()
        try:
            ticket = office.issue_ticket("A")
            office.slips.record(ticket.id, printed=False, error="paper out")
            office.report_printer("kiosk-1", "paper_out", "paper out")
            office.request_reprint(ticket.code, actor="siti")
            assert [t.code for t in office.slips.take_reprints(office.today())] == [ticket.code]
            called = office.call_next(1, actor="siti")
            assert called is not None
            assert called.code == ticket.code
            assert feed.wait(5.0), "LISTEN/NOTIFY works for the app role"
            office.queue.start(called.code)
            office.finish(called.code)
            office.queue.pause_counter(1)
            office.queue.resume_counter(1)
            office.submit_survey({f"U{i}": 4 for i in range(1, 10)}, service="A")
            siti = office.staff.sign_in(
                "siti",
                "135790",
                allowed=frozenset({Role("officer")}),
                where="counter 1",
            )
            with pytest.raises(SignInRefused):  # a wrong PIN is still counted here
                office.staff.sign_in(
                    "siti",
                    "000000",
                    allowed=frozenset({Role("officer")}),
                    where="counter 1",
                )
            office.staff.sign_out(siti)
            rina = office.staff.sign_in(
                "rina", "975310", allowed=frozenset({Role("admin")}), where="admin"
            )
            document = editable_document(office.settings)
            office.update_settings(
                "office", {**document["office"], "name": "Kanim Uji"}, session=rina
            )
            office.set_logo(None, session=rina)
            office.settings_store.request_printer_test("kiosk-1", session=rina)
            assert office.settings_store.take_printer_test("kiosk-1")
            assert office.reports.day_summary().totals.issued == 1
            assert office.queue.audit_log()
        finally:
            feed.close()
    # A fresh PC sees what the others saved (settings are rows too).
    with Office.open(app_url(server)) as office:
        assert office.settings.office.name == "Kanim Uji"


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE intruder (id int)",
        "DROP TABLE tickets",
        "ALTER TABLE tickets ADD COLUMN intruder int",
        "TRUNCATE audit_log",
        "CREATE INDEX ix_intruder ON tickets (code)",
        "CREATE DATABASE intruder",
        "CREATE ROLE intruder",
    ],
)
def test_the_app_role_may_not_change_tables_or_the_server(
    server: PrivateServer, statement: str
) -> None:
    kiosk("--db", owner_url(server), "db", "upgrade")  # the tables exist (any test order)
    with app_conn(server) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement.encode())


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET reason = 'nothing happened'",
        "DELETE FROM audit_log",
        "INSERT INTO staff (username, name, role, secret_hash, active, created_at) "
        "VALUES ('eve', 'Eve', 'admin', 'x', true, now())",
        "UPDATE staff SET role = 'admin'",
        "UPDATE staff SET secret_hash = 'x'",
        "DELETE FROM staff",
    ],
)
def test_the_app_role_appends_to_the_audit_log_and_cannot_make_an_admin(
    server: PrivateServer, statement: str
) -> None:
    """The lobby PC's database role: an attacker with its password (it is in the PC's
    config) can neither rewrite the audit log nor add or promote an account."""
    kiosk("--db", owner_url(server), "db", "upgrade")
    again = run_setup(server)  # after an upgrade, as the guide says
    assert again.returncode == 0, again.stderr
    with app_conn(server) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement.encode())


def test_the_app_role_still_records_wrong_pins(server: PrivateServer) -> None:
    kiosk("--db", owner_url(server), "db", "upgrade")
    with app_conn(server) as conn:
        conn.execute(b"UPDATE staff SET failed_sign_ins = failed_sign_ins WHERE false")
        conn.execute(b"INSERT INTO audit_log (at, action) VALUES (now(), 'probe')")


def test_the_guides_pg_hba_lines_keep_the_app_role_to_its_database(
    server: PrivateServer,
) -> None:
    """README: ``host kiosk kiosk_app <LAN> scram-sha-256`` and a ``reject`` after it."""
    hba = server.data / "pg_hba.conf"
    original = hba.read_text()
    lines = [
        "host kiosk kiosk_app 127.0.0.1/32 scram-sha-256",
        "host all kiosk_app 127.0.0.1/32 reject",
    ]
    hba.write_text("\n".join(lines) + "\n" + original)
    server.execute("SELECT pg_reload_conf()")
    try:
        with pytest.raises(psycopg.OperationalError, match="rejects connection"):
            psycopg.connect(
                f"host=127.0.0.1 port={server.port} dbname=postgres user=kiosk_app "
                f"password={APP_PASSWORD}"
            ).close()
        with app_conn(server) as conn:
            assert conn.execute("SELECT current_user").fetchone() == ("kiosk_app",)
    finally:
        hba.write_text(original)
        server.execute("SELECT pg_reload_conf()")
