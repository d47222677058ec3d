"""SQLite backups with the online backup API: consistent while in use, checked, pruned,
restorable; PostgreSQL and bad files get a clear refusal."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from kiosk import Office
from kiosk.storage.backup import BackupError, backup_sqlite, backups_in, restore_sqlite


def _tickets(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM tickets").fetchone()[0])
    finally:
        conn.close()


def test_backup_while_the_office_keeps_issuing(sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    with Office.open(sqlite_url) as office:
        for _ in range(50):
            office.issue_ticket("A")
        stop = threading.Event()

        def keep_issuing() -> None:
            with Office.open(sqlite_url) as other:
                while not stop.is_set():
                    other.issue_ticket("B")

        writer = threading.Thread(target=keep_issuing)
        writer.start()
        try:
            result = backup_sqlite(sqlite_url, folder, keep=3)
        finally:
            stop.set()
            writer.join()
    assert result.path.parent == folder
    assert sorted(p.name for p in folder.iterdir()) == [result.path.name]  # one file, no WAL
    assert _tickets(result.path) >= 50
    conn = sqlite3.connect(result.path)
    numbers = [n for (n,) in conn.execute("SELECT number FROM tickets WHERE prefix='B'")]
    conn.close()
    assert sorted(numbers) == list(range(1, len(numbers) + 1))  # a consistent snapshot


def test_keeps_the_newest_copies_and_leaves_other_files(sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("not ours")
    with Office.open(sqlite_url) as office:
        office.issue_ticket("A")
    start = dt.datetime(2026, 11, 23, 17, 0, 0)
    made = [
        backup_sqlite(sqlite_url, folder, keep=2, now=start + dt.timedelta(days=d)).path
        for d in range(4)
    ]
    assert backups_in(folder) == made[2:]
    assert (folder / "notes.txt").exists()
    twice = backup_sqlite(sqlite_url, folder, keep=5, now=start + dt.timedelta(days=3))
    assert twice.path != made[3]  # same second: a second name, not an overwrite


def test_restore_puts_the_data_back_and_keeps_the_current_one(
    sqlite_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    with Office.open(sqlite_url) as office:
        office.issue_ticket("A")
        saved = backup_sqlite(sqlite_url, folder).path
        office.issue_ticket("A")
        office.issue_ticket("A")
        safety = restore_sqlite(sqlite_url, saved)
        # The running office sees the restored data at its next read.
        assert office.queue.status().services[0].waiting == 1
    assert safety is not None and _tickets(safety) == 3
    with Office.open(sqlite_url) as office:
        assert office.issue_ticket("A").code == "A-002"


def test_refusals_are_clear(sqlite_url: str, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="pg_dump"):
        backup_sqlite("postgresql+psycopg://k@localhost/k", tmp_path)
    with pytest.raises(BackupError, match="no database file"):
        backup_sqlite(f"sqlite:///{tmp_path / 'missing.db'}", tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match="not a readable SQLite database"):
        restore_sqlite(sqlite_url, junk)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.close()
    with pytest.raises(BackupError, match="not a kiosk database"):
        restore_sqlite(sqlite_url, other)
    with Office.open(sqlite_url):
        pass
    with pytest.raises(BackupError, match="keep at least one"):
        backup_sqlite(sqlite_url, tmp_path / "b", keep=0)
