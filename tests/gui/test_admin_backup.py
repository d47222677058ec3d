"""The admin window's backup tab: it shows the configured folder, how many are kept and the
last backup (made by the PC's scheduler, ``kiosk db backup``), and "Back up now" writes one;
the PostgreSQL case. The daily schedule itself is the OS's: the systemd timer and the Windows
task (tests/integration/test_backup_schedule.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.model import BackupResult, TicketQuery
from kiosk.office import Office
from kiosk.ui.admin.ports import AdminOffice

from . import test_admin_fixtures as fx
from .test_admin_fixtures import SUPERVISOR, AdminFactory, click, shown, sign_in

# The shared fixtures, found by pytest under these names.
admin_settings = fx.admin_settings
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other


def backup_settings(folder: Path, keep: int) -> Settings:
    return settings_from_dict({"backup": {"folder": str(folder), "keep": keep}}, "test")


def _today_query(office: Office) -> TicketQuery:
    return TicketQuery(office.today(), office.today())


def test_back_up_now_writes_a_copy_into_the_configured_folder(
    qtbot: QtBot, make_admin: AdminFactory, tmp_path: Path, other: Office
) -> None:
    folder = tmp_path / "cadangan"
    window = make_admin(settings=backup_settings(folder, keep=2))
    sign_in(qtbot, window, SUPERVISOR)
    tab = shown(qtbot, window, "backup")
    assert window.backup is tab
    backup = window.backup
    assert not backup.postgres.isVisible()
    assert backup.folder.text() == str(folder)
    assert backup.keep.text() == "2 cadangan terbaru"
    assert backup.last.text() == "Belum ada cadangan di folder ini."
    results = []
    for _ in range(3):
        with qtbot.waitSignal(backup.finished, timeout=30_000) as blocker:
            click(qtbot, backup.now_button)
        results.append(blocker.args[0])
    assert all(isinstance(r, BackupResult) for r in results)
    files = sorted(folder.glob("kiosk-backup-*.db"))
    assert len(files) == 2 and results[-1].path in files  # keeps the newest two
    qtbot.waitUntil(lambda: backup.list.count() == 2, timeout=10_000)
    with Office.open(f"sqlite:///{results[-1].path}", upgrade=False) as copy:
        assert copy.reports.count_tickets(_today_query(other)) == other.reports.count_tickets(
            _today_query(other)
        )
    assert "kiosk-backup-" in backup.status.text()


def test_the_tab_shows_the_schedulers_last_backup_and_the_button_makes_another(
    qtbot: QtBot, make_admin: AdminFactory, tmp_path: Path, admin_url: str
) -> None:
    # The daily backup, as the systemd timer or the Windows task runs it: the same command,
    # reading the folder and the number kept from the configuration file.
    folder = tmp_path / "cadangan"
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[backup]\nfolder = "{folder.as_posix()}"\nkeep = 5\n')
    scheduled = subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", admin_url, "db", "backup"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KIOSK_CONFIG": str(config)},
        check=False,
    )
    assert scheduled.returncode == 0, scheduled.stderr
    (first,) = folder.glob("kiosk-backup-*.db")

    window = make_admin(settings=backup_settings(folder, keep=5))
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "backup")
    backup = window.backup
    assert backup.folder.text() == str(folder)
    assert backup.keep.text() == "5 cadangan terbaru"
    assert first.name in backup.last.text()
    assert backup.list.count() == 1 and first.name in backup.list.item(0).text()
    assert "kiosk-backup.timer" in backup.schedule.text()

    with qtbot.waitSignal(backup.data_shown, timeout=30_000):  # the re-read after the backup
        click(qtbot, backup.now_button)
    files = sorted(folder.glob("kiosk-backup-*.db"))
    assert len(files) == 2 and first in files
    (made,) = [f for f in files if f != first]
    assert made.name in backup.last.text() and first.name not in backup.last.text()
    assert backup.list.count() == 2 and made.name in backup.list.item(0).text()  # newest first


class PostgresLike:
    def __init__(self, office: Office) -> None:
        self._office = office

    def __getattr__(self, name: str) -> Any:
        return getattr(self._office, name)

    @property
    def can_back_up(self) -> bool:
        return False


def test_a_postgresql_office_is_told_to_use_pg_dump(
    qtbot: QtBot, make_admin: AdminFactory, admin_url: str, admin_settings: Settings
) -> None:
    def open_office() -> AdminOffice:
        return PostgresLike(Office.open(admin_url, settings=admin_settings))

    window = make_admin(open_office=open_office)
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "backup")
    assert window.backup.postgres.isVisible()
    assert "pg_dump" in window.backup.postgres.text()
    assert not window.backup.form.isVisible()
    assert not window.backup.back_up_now()
