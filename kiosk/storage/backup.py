"""Back up and restore an SQLite office database with SQLite's online backup API.

The backup API copies a consistent snapshot page by page while the kiosk, counters and
display keep working (it never holds a lock for long), unlike copying the file, which can
catch a half-written WAL. A copy is written under a temporary name, checked with
``PRAGMA integrity_check`` and only then renamed into place, so a folder never holds a
broken backup under a good name. PostgreSQL offices use pg_dump; these functions say so.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from kiosk.domain.errors import KioskError
from kiosk.domain.model import BackupResult
from kiosk.storage.engine import sqlite_path
from kiosk.storage.files import create_private, make_private_folder

PREFIX = "kiosk-backup-"
_NAME = re.compile(rf"^{PREFIX}(\d{{8}}-\d{{6}})(?:-(\d+))?\.db$")
#: Pages copied per step: small steps let writers in between (a step takes milliseconds).
_PAGES_PER_STEP = 256


class BackupError(KioskError):
    pass


def _database_file(url: str) -> Path:
    path = sqlite_path(url)
    if path is None:
        raise BackupError(
            "backups here are for an SQLite database; back up PostgreSQL with pg_dump "
            "(e.g. pg_dump -Fc kiosk > kiosk.dump) on the server"
        )
    if not path.exists():
        raise BackupError(f"no database file at {path}")
    return path


def _check(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a readable SQLite database: {exc}") from exc
    finally:
        conn.close()
    if result != "ok":
        raise BackupError(f"{path} failed the integrity check: {result}")
    if not {"tickets", "alembic_version"} <= tables:
        raise BackupError(f"{path} is an SQLite file but not a kiosk database")


def backup_folder(url: str, configured: Path | None = None) -> Path | None:
    """Where backups go: ``configured`` (``[backup] folder``), else the folder "backups"
    beside the SQLite database file; None for a database backed up elsewhere (PostgreSQL).

    Beside the file, so every account of a PC (the windows, the daily task) and every way
    in (the scheduler, the admin window, the command line) agree on one folder."""
    if configured is not None:
        return configured
    path = sqlite_path(url)
    return None if path is None else _beside(path)


def _beside(database: Path) -> Path:
    return database.parent / "backups"


def backups_in(folder: Path) -> list[Path]:
    """This program's backups in ``folder``, oldest first (other files are left alone)."""
    if not folder.is_dir():
        return []
    found = [(m, p) for p in folder.iterdir() if (m := _NAME.match(p.name))]
    # By time, then by the number a second backup in the same second gets: by name alone,
    # "...-1.db" sorts before "....db" and the newer copy would be pruned first.
    found.sort(key=lambda mp: (mp[0][1], int(mp[0][2] or 0)))
    return [p for _, p in found]


def backup_sqlite(
    url: str, folder: Path | None = None, *, keep: int = 14, now: dt.datetime | None = None
) -> BackupResult:
    """Copy the database into ``folder`` (None: :func:`backup_folder`'s default) as
    kiosk-backup-YYYYMMDD-HHMMSS.db; keep the newest ``keep``."""
    if keep < 1:
        raise BackupError("keep at least one backup")
    source = _database_file(url)
    folder = folder or _beside(source)
    try:
        make_private_folder(folder)
    except OSError as exc:
        raise BackupError(f"cannot create the backup folder {folder}: {exc}") from exc
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{PREFIX}{stamp}.db"
    n = 1
    while target.exists():  # two backups in one second (a button pressed twice)
        target = folder / f"{PREFIX}{stamp}-{n}.db"
        n += 1
    partial = target.with_name(target.name + ".partial")
    try:
        # A copy of every record and PIN hash: private, whatever the umask.
        partial.unlink(missing_ok=True)
        create_private(partial)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=_PAGES_PER_STEP)
            # The copy would inherit WAL mode and leave -wal/-shm files beside it: one
            # self-contained file is what an IT officer copies to a USB stick.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        _check(partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"the backup to {folder} failed: {exc}") from exc
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    removed = []
    for old in backups_in(folder)[:-keep]:
        old.unlink(missing_ok=True)
        removed.append(old)
    return BackupResult(target, target.stat().st_size, tuple(removed))


def restore_sqlite(url: str, backup: Path, *, safety_folder: Path | None = None) -> Path | None:
    """Put ``backup`` back as the office database; returns the safety copy made first.

    The backup is checked before anything is touched; the current database is backed up
    (to ``safety_folder``, default: the backup's folder) so a wrong restore can be undone.
    Restoring goes through the backup API into the live file, so windows still running
    simply see the restored data at their next read.
    """
    if not backup.exists():
        raise BackupError(f"no backup file at {backup}")
    _check(backup)
    target = sqlite_path(url)
    if target is None:
        raise BackupError("restore here is for an SQLite database; use pg_restore for PostgreSQL")
    safety = None
    if target.exists():
        safety = backup_sqlite(url, safety_folder or backup.parent, keep=10_000).path
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst, pages=_PAGES_PER_STEP)
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(f"the restore into {target} failed: {exc}") from exc
    return safety
