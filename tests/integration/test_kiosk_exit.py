"""The kiosk's exit PIN: no default, never in clear (not in the configuration file, not in
the settings saved in the database, not in a backup), set by an admin, and checked with a
lockout after wrong tries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk import Office
from kiosk.config.settings import ConfigError, load_settings
from kiosk.domain.errors import ExitPinLocked, ExitPinNotSet, ExitPinRefused, NotSignedIn
from kiosk.domain.staff import SIGN_IN_ATTEMPTS, WeakSecret
from kiosk.storage import migrate
from kiosk.storage.engine import make_engine
from tests.staff import admin_session

PIN = "246810"


def kiosk(db: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", db, *args],
        input=stdin, capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip


def test_an_office_starts_without_an_exit_pin_and_an_admin_sets_one(db_url: str) -> None:
    with Office.open(db_url) as office:
        assert not office.kiosk_exit.is_set()
        with pytest.raises(ExitPinNotSet):
            office.kiosk_exit.check("2468", "kiosk-1")  # the old default opens nothing
        with pytest.raises(WeakSecret):
            office.kiosk_exit.set_pin("2468", session=None)  # 6 digits at least
        with pytest.raises(WeakSecret):
            office.kiosk_exit.set_pin("24681a", session=None)  # the pad has digits only
        office.kiosk_exit.set_pin(
            PIN, session=None
        )  # the first one: the installer, before any account
        with pytest.raises(NotSignedIn):
            office.kiosk_exit.set_pin("135790", session=None)  # a change is an admin's
        admin = admin_session(office)
        office.kiosk_exit.set_pin(PIN, session=admin)
        assert office.kiosk_exit.is_set()
        office.kiosk_exit.check(PIN, "kiosk-1")
        with pytest.raises(ExitPinRefused):
            office.kiosk_exit.check("135790", "kiosk-1")
        entries = office.queue.audit_log(action="exit_pin_set")
        assert [e.actor for e in entries] == ["admin.uji", None]
        assert not any(PIN in json.dumps(e.detail) for e in entries)


def test_the_pin_is_nowhere_in_clear(sqlite_url: str, tmp_path: Path) -> None:
    proc = kiosk(sqlite_url, "kiosk", "set-exit-pin", "--pin-stdin", stdin=PIN + "\n")
    assert proc.returncode == 0, proc.stderr
    assert PIN not in proc.stdout + proc.stderr
    with Office.open(sqlite_url) as office:
        office.kiosk_exit.check(PIN, "kiosk-1")
        backup = office.backup(tmp_path / "backups", keep=2).path
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        values = [v for (v,) in conn.execute(text("SELECT value FROM office_settings"))]
    engine.dispose()
    assert values and not any(PIN in v for v in values)
    assert any(v.startswith("scrypt$") for v in values)
    assert PIN.encode() not in backup.read_bytes()
    assert PIN.encode() not in Path(sqlite_url.removeprefix("sqlite:///")).read_bytes()


def test_a_short_pin_from_the_cli_is_one_line(sqlite_url: str) -> None:
    proc = kiosk(sqlite_url, "kiosk", "set-exit-pin", "--pin-stdin", stdin="1234\n")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "at least 6 digits" in proc.stderr


def test_a_pin_left_in_the_configuration_is_refused_with_the_way_to_fix_it(
    tmp_path: Path,
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[kiosk]\nsupervisor_pin = "2468"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="kiosk kiosk set-exit-pin"):
        load_settings(config)


def test_wrong_pins_lock_one_kiosk_s_pad_and_a_new_pin_ends_it(db_url: str) -> None:
    with Office.open(db_url) as office:
        office.kiosk_exit.set_pin(PIN, session=None)
        for _ in range(SIGN_IN_ATTEMPTS - 1):
            with pytest.raises(ExitPinRefused):
                office.kiosk_exit.check("111111", "kiosk-1")
        with pytest.raises(ExitPinLocked) as locked:
            office.kiosk_exit.check("111111", "kiosk-1")
        assert locked.value.minutes == 1
        with pytest.raises(ExitPinLocked):
            office.kiosk_exit.check(PIN, "kiosk-1")  # right, but locked
        office.kiosk_exit.check(PIN, "kiosk-2")  # the other kiosk's pad is not locked
        office.kiosk_exit.set_pin("135790", session=admin_session(office))  # the admin, a new one
        office.kiosk_exit.check("135790", "kiosk-1")


def test_the_upgrade_takes_a_saved_pin_out_of_the_settings(sqlite_url: str) -> None:
    """Before, the admin window saved [kiosk] supervisor_pin in clear in office_settings
    (and so in every backup). The upgrade keeps the office's PIN, as a hash only."""
    engine = make_engine(sqlite_url)
    migrate.upgrade(engine, "0007")
    saved = {"kiosk": {"name": "kiosk-1", "supervisor_pin": "4321"}, "office": {"name": "X"}}
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO office_settings (key, value) VALUES ('settings.overrides', :v)"),
            {"v": json.dumps(saved)},
        )
    engine.dispose()
    with Office.open(sqlite_url) as office:
        office.kiosk_exit.check("4321", "kiosk-1")  # the office's own PIN still opens
        assert office.settings.office.name == "X"
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT key, value FROM office_settings")).all()
        values: dict[str, str] = {key: value for key, value in rows}
    engine.dispose()
    overrides = json.loads(values["settings.overrides"])
    assert overrides == {"kiosk": {"name": "kiosk-1"}, "office": {"name": "X"}}
    assert not any("4321" in v for v in values.values())
