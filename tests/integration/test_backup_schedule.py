"""One backup scheduler, the OS's: the systemd timer on Linux and the Task Scheduler task on
Windows run the same command at the same time, and that command, the admin window and a
person typing it read the folder and the number kept from one place, ``[backup]``."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.config.example import example_toml
from kiosk.config.settings import ConfigError, load_settings, settings_from_dict
from kiosk.office import Office
from kiosk.storage.backup import backup_folder, backup_sqlite, backups_in

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
SERVICE = PACKAGING / "linux" / "kiosk-backup.service"
TIMER = PACKAGING / "linux" / "kiosk-backup.timer"
TASK = PACKAGING / "windows" / "kiosk-backup-task.xml"
NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}


def unit_value(path: Path, key: str) -> str:
    (value,) = [
        line.split("=", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(f"{key}=")
    ]
    return value


def task_text(path: str) -> str:
    found = ET.parse(TASK).getroot().find(path, NS)
    assert found is not None, path
    return (found.text or "").strip()


def test_the_timer_and_the_task_run_the_same_command() -> None:
    linux = shlex.split(unit_value(SERVICE, "ExecStart"))
    assert linux[0] == "/opt/kiosk/kiosk"
    assert task_text("t:Actions/t:Exec/t:Command") == r"C:\Kiosk\kioskw.exe"
    windows = task_text("t:Actions/t:Exec/t:Arguments").split()
    assert linux[1:] == windows == ["db", "backup"]
    args = build_parser().parse_args(windows)
    assert (args.group, args.action) == ("db", "backup")
    assert args.to is None and args.keep is None  # both from [backup]


def test_the_timer_and_the_task_fire_daily_at_the_same_time_and_catch_up() -> None:
    calendar = unit_value(TIMER, "OnCalendar")  # "*-*-* 17:30:00"
    assert calendar.startswith("*-*-* ")
    start = task_text("t:Triggers/t:CalendarTrigger/t:StartBoundary")
    assert start.split("T")[1] == calendar.split()[1]
    assert task_text("t:Triggers/t:CalendarTrigger/t:ScheduleByDay/t:DaysInterval") == "1"
    minutes = unit_value(TIMER, "RandomizedDelaySec").removesuffix("min")
    assert task_text("t:Triggers/t:CalendarTrigger/t:RandomDelay") == f"PT{minutes}M"
    # A PC that was off at the time backs up soon after it starts.
    assert unit_value(TIMER, "Persistent") == "true"
    assert task_text("t:Settings/t:StartWhenAvailable") == "true"
    # Whether anyone is signed in or not, as the account that owns the database, no admin.
    assert task_text("t:Principals/t:Principal/t:LogonType") == "S4U"
    assert task_text("t:Principals/t:Principal/t:RunLevel") == "LeastPrivilege"
    trigger = ET.parse(TASK).getroot().find("t:Triggers/t:CalendarTrigger", NS)
    assert trigger is not None
    # triggerBaseType's sequence (Enabled, StartBoundary), then calendarTriggerType's.
    names = [child.tag.split("}")[1] for child in trigger]
    assert names == ["Enabled", "StartBoundary", "RandomDelay", "ScheduleByDay"]


def test_the_installed_office_backs_up_beside_its_database_keeping_14(tmp_path: Path) -> None:
    # install.sh writes `kiosk config example` with the SQLite database in /var/lib/kiosk.
    config = tmp_path / "kiosk.toml"
    config.write_text(example_toml())
    settings = load_settings(config)
    url = "sqlite:////var/lib/kiosk/kiosk.db"
    assert backup_folder(url, settings.backup.path) == Path("/var/lib/kiosk/backups")
    assert settings.backup.keep == 14
    assert backup_folder("postgresql://kiosk@db/kiosk", settings.backup.path) is None


def test_a_folder_must_be_a_full_path() -> None:
    with pytest.raises(ConfigError, match=r"backup\.folder"):
        settings_from_dict({"backup": {"folder": "backups"}})
    with pytest.raises(ConfigError, match=r"backup\.keep"):
        settings_from_dict({"backup": {"keep": 0}})


def kiosk(*args: str, config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KIOSK_CONFIG": str(config)},
        check=False,
    )


def test_the_scheduled_command_writes_where_the_config_says_and_keeps_as_many(
    tmp_path: Path,
) -> None:
    db = tmp_path / "office.db"
    url = f"sqlite:///{db}"
    Office.open(url).close()
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[database]\nurl = "{url}"\n')
    done = kiosk("db", "backup", config=config)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "backups").glob("kiosk-backup-*.db"))) == 1  # beside the file

    folder = tmp_path / "cadangan"
    config.write_text(
        f'[database]\nurl = "{url}"\n[backup]\nfolder = "{folder.as_posix()}"\nkeep = 2\n'
    )
    for _ in range(3):
        done = kiosk("db", "backup", config=config)
        assert done.returncode == 0, done.stderr
    assert len(list(folder.glob("kiosk-backup-*.db"))) == 2
    # Given on the command line, --to and --keep still win.
    done = kiosk("db", "backup", "--to", str(tmp_path / "usb"), "--keep", "1", config=config)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "usb").glob("kiosk-backup-*.db"))) == 1
    assert len(list(folder.glob("kiosk-backup-*.db"))) == 2


def test_two_backups_in_one_second_keep_the_newer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    Office.open(url).close()
    folder = tmp_path / "cadangan"
    at = dt.datetime(2026, 11, 24, 17, 30)
    first = backup_sqlite(url, folder, keep=5, now=at)
    second = backup_sqlite(url, folder, keep=5, now=at)  # "Back up now" pressed twice
    third = backup_sqlite(url, folder, keep=2, now=at)
    assert backups_in(folder) == [second.path, third.path]  # oldest first
    assert third.removed == (first.path,)
