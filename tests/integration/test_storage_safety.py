"""The office's data files on a real disk: private, never created by a typo, and the
failures people meet (a newer program's database, a folder without rights, a full disk)
each said in one line, with nothing already saved lost."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk import Office
from kiosk.bootstrap import setup_logging
from kiosk.storage import migrate
from kiosk.storage.engine import SQLITE_JOURNAL_SIZE_LIMIT, BadDatabaseUrl, make_engine
from tests.processes import RUNNING_AS_ROOT, without_file_rights


def kiosk(
    *args: str, db: str | None = None, deny: bool = False
) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "kiosk", *(["--db", db] if db else []), *args]
    if deny:
        cmd = without_file_rights(cmd)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=dict(os.environ))


def one_line(proc: subprocess.CompletedProcess[str], status: int, *words: str) -> str:
    assert proc.returncode == status, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    line = proc.stderr.strip()
    assert len(line.splitlines()) == 1, line
    for word in words:
        assert word in line, line
    return line


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The desktop default, under which a plain open() makes world-readable files."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# -- private files ---------------------------------------------------------------------------
@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
@pytest.mark.usefixtures("umask_022")
def test_database_wal_shm_backups_and_logs_are_private_under_umask_022(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    with Office.open(url) as office:
        office.issue_ticket("A")
        # While a connection is open the WAL and its index exist beside the file.
        files = [tmp_path / n for n in ("office.db", "office.db-wal", "office.db-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: oct(mode(f)) for f in files} == {f.name: "0o600" for f in files}
        result = office.backup(tmp_path / "backups", keep=3)
    assert oct(mode(result.path)) == "0o600"
    assert oct(mode(tmp_path / "backups")) == "0o700"

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    log_dir = tmp_path / "logs"
    try:
        path = setup_logging("cli", folder=log_dir)
        logging.getLogger("kiosk.test").warning("a line")
        assert path is not None and oct(mode(path)) == "0o600"
        assert oct(mode(log_dir)) == "0o700"
    finally:  # setup_logging changes the root logger: put it back for the next tests
        for handler in root.handlers:
            if handler not in handlers:
                handler.close()
        root.handlers[:] = handlers
        root.setLevel(level)


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
@pytest.mark.usefixtures("umask_022")
def test_an_installer_s_group_read_mode_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    Office.open(f"sqlite:///{db}").close()
    db.chmod(0o640)  # packaging: the kiosk group may read
    with Office.open(f"sqlite:///{db}") as office:
        office.issue_ticket("A")
    assert oct(mode(db)) == "0o640"


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
def test_the_default_data_folder_is_created_private() -> None:
    data = Path(os.environ["XDG_DATA_HOME"]) / "kiosk"
    assert not data.exists()
    with Office.open() as office:  # no URL: the account's data folder
        office.issue_ticket("A")
    assert (data / "kiosk.db").exists()
    assert oct(mode(data)) == "0o700"


# -- a typo never starts a new office --------------------------------------------------------
def test_an_explicit_database_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "ofice" / "kiosk.db"  # the typo of a real folder
    with pytest.raises(BadDatabaseUrl, match="does not exist"):
        Office.open(f"sqlite:///{missing}")
    assert not missing.parent.exists()
    proc = kiosk("queue", "status", db=f"sqlite:///{missing}")
    one_line(proc, 2, str(missing.parent), "does not exist")
    assert not missing.parent.exists()


def test_a_database_under_proc_is_refused_in_one_line() -> None:
    one_line(kiosk("queue", "status", db="sqlite:////proc/x/y.db"), 2, "/proc/x")


@pytest.mark.parametrize("option", ["--db", "--config"])
def test_an_empty_db_or_config_is_refused_not_taken_as_the_default(option: str) -> None:
    """``--db "$KIOSK_DB"`` with the variable unset must not quietly use another office."""
    proc = kiosk(option, "", "queue", "status")
    one_line(proc, 2, f"{option} is empty")
    assert not (Path(os.environ["XDG_DATA_HOME"]) / "kiosk").exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")
def test_a_folder_without_write_rights_is_refused_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        proc = kiosk("queue", "status", db=f"sqlite:///{folder / 'kiosk.db'}", deny=True)
    finally:
        folder.chmod(0o755)
    one_line(proc, 2, "cannot create the database file", "Permission denied")
    assert not (folder / "kiosk.db").exists()


# -- a newer program's database --------------------------------------------------------------
def test_a_database_from_a_newer_version_is_named_not_a_traceback(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    with Office.open(url) as office:
        code = office.issue_ticket("A").code
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()

    with pytest.raises(migrate.NewerSchema, match="revision 0099"):
        Office.open(url)
    for args in (("queue", "status"), ("db", "upgrade"), ("ticket", "show", code)):
        one_line(kiosk(*args, db=url), 2, "newer version of kiosk", "revision 0099")
    # Nothing was touched: the ticket and the newer revision are as they were.
    with sqlite3.connect(tmp_path / "office.db") as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0099",)
        assert conn.execute("SELECT count(*) FROM tickets").fetchone() == (1,)


# -- the WAL and a full disk -----------------------------------------------------------------
def test_the_wal_is_bounded(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'office.db'}")
    with engine.connect() as conn:
        limit = conn.exec_driver_sql("PRAGMA journal_size_limit").scalar()
        autocheckpoint = conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    engine.dispose()
    assert limit == SQLITE_JOURNAL_SIZE_LIMIT
    assert autocheckpoint and autocheckpoint > 0  # SQLite's checkpoints stay on


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB file system of its own (tmpfs), so the test can fill a disk for real."""
    if not RUNNING_AS_ROOT or not sys.platform.startswith("linux"):
        if os.environ.get("CI"):
            pytest.fail("CI runs as root on Linux: the full-disk test must run there")
        pytest.skip("mounting a small file system needs root on Linux")
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_said_and_nothing_saved_is_lost(small_disk: Path) -> None:
    url = f"sqlite:///{small_disk / 'office.db'}"
    issued = []
    for _ in range(3):
        proc = kiosk("ticket", "issue", "--service", "A", db=url)
        assert proc.returncode == 0, proc.stderr
        issued.append(proc.stdout.split()[0])
    # Fill what is left, as a runaway log or slip folder would.
    filler = small_disk / "filler"
    with filler.open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    failures = []
    for _ in range(40):  # the WAL has a little room left: write until the disk says no
        proc = kiosk("ticket", "issue", "--service", "A", db=url)
        if proc.returncode == 0:
            issued.append(proc.stdout.split()[0])
            continue
        failures.append(proc)
        break
    assert failures, "the disk never filled"
    line = one_line(failures[0], 3, "the disk is full", "free", "nothing of this action")
    assert "disk I/O error" not in line and "cannot reach" not in line

    filler.unlink()
    proc = kiosk("ticket", "issue", "--service", "A", db=url)
    assert proc.returncode == 0, proc.stderr
    issued.append(proc.stdout.split()[0])
    with sqlite3.connect(small_disk / "office.db") as conn:
        codes = [r[0] for r in conn.execute("SELECT code FROM tickets ORDER BY id")]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # Every ticket that was issued is there, numbered without a gap or a repeat.
    assert codes == issued == [f"A-{n:03d}" for n in range(1, len(issued) + 1)]
