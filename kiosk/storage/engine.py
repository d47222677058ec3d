"""Engines for SQLite (file) and PostgreSQL, with the settings the queue relies on."""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry

from kiosk.domain.errors import KioskError
from kiosk.storage.files import create_private

log = logging.getLogger(__name__)

#: How long a writer waits for another process's write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 15_000
#: Execution option naming how a transaction begins on SQLite.
BEGIN_OPTION = "kiosk_sqlite_begin"
#: After a checkpoint the WAL file is cut back to this size. Without a limit a WAL that
#: once grew (a long report reading while counters wrote) keeps its size for good, and on
#: a small kiosk disk that is space nobody gets back.
SQLITE_JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024
#: ``PRAGMA optimize`` samples about this many rows per index (SQLite's advice): the
#: planner's statistics of a year-old office in milliseconds, not a full ANALYZE.
SQLITE_ANALYSIS_LIMIT = 400
#: A closing connection waits at most this long for the write lock its statistics need:
#: a window must not hang on close behind a busy office (they are taken next time).
SQLITE_OPTIMIZE_BUSY_MS = 100


#: libpq settings for a database across a LAN. A pulled cable or a dead switch sends no
#: "connection closed": without these a query (or the LISTEN connection) would wait for
#: the kernel's retransmission timeout, about 15 minutes, before a window could say it is
#: cut off. With them an idle connection is found dead in ~25 s (10 s idle, then 3 probes
#: 5 s apart) and a query whose bytes go unacknowledged fails after 20 s.
PG_CONNECT_ARGS: dict[str, Any] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 20_000,  # ms
}


class BadDatabaseUrl(KioskError):
    pass


def normalise_url(url: str) -> str:
    """Accept the URLs people type: ``postgres://`` and ``postgresql://`` use psycopg 3."""
    url = url.strip()
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def redacted_url(url: str) -> str:
    """The URL as shown in messages and logs: the password replaced by ``***``, also when
    the URL does not parse (a typo must not put a password on the screen)."""
    try:
        return make_url(normalise_url(url)).render_as_string(hide_password=True)
    except Exception:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def is_sqlite(url: str) -> bool:
    return normalise_url(url).startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(normalise_url(url))
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        raise BadDatabaseUrl(
            f"database URL {redacted_url(url)!r} is not valid: expected sqlite:///PATH or "
            "postgresql://USER:PASSWORD@HOST[:PORT]/NAME (PORT a number)"
        ) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(url)
        if path is None:
            raise BadDatabaseUrl(
                "an in-memory SQLite database cannot be shared between windows; "
                "give a file: sqlite:///PATH"
            )
        _prepare_sqlite_file(path)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    if backend == "postgresql":
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={**PG_CONNECT_ARGS, "application_name": "kiosk"},
        )
    raise BadDatabaseUrl(
        f"database {backend!r} is not supported: use sqlite:///PATH or postgresql://..."
    )


def _prepare_sqlite_file(path: Path) -> None:
    """Create the database file private (0600) before SQLite does (with the umask's mode).

    The folder must exist: a typo in an explicit ``--db sqlite:///...`` would otherwise
    start a new, empty office (numbering again at A-001 on the same day). The default data
    folder is created by whoever chose it (``Office.open``)."""
    folder = path.parent
    if not folder.is_dir():
        raise BadDatabaseUrl(
            f"the database folder {folder} does not exist (or is not a folder): "
            "correct the database URL, or create the folder first"
        )
    if path.exists():
        return
    try:
        create_private(path)
    except OSError as exc:
        raise BadDatabaseUrl(
            f"cannot create the database file {path}: {exc.strerror or exc}; "
            "choose a folder this account may write, or fix the folder's rights"
        ) from exc


def disk_free(path: Path) -> int | None:
    """Free bytes on the disk holding ``path`` (its nearest existing folder), or None."""
    for folder in (path, *path.parents):
        try:
            return shutil.disk_usage(folder).free
        except OSError:
            continue
    return None


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself, so writers can say IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        _ensure_wal(cur)
        cur.execute(f"PRAGMA journal_size_limit={SQLITE_JOURNAL_SIZE_LIMIT}")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "close")
    def _on_close(dbapi_conn: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        # Statistics for the tables this connection's queries used, where they are missing
        # or stale (SQLite's advice for every closing connection).
        try:
            dbapi_conn.execute(f"PRAGMA busy_timeout={SQLITE_OPTIMIZE_BUSY_MS}")
            optimize(dbapi_conn)
        except sqlite3.Error as exc:  # busy, read-only, or the connection is already gone
            log.debug("no PRAGMA optimize at close: %s", exc)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode: Any = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def optimize(conn: sqlite3.Connection | Connection, *, all_tables: bool = False) -> None:
    """``PRAGMA optimize`` with a bounded sample. ``all_tables`` (after migrations) asks
    for every table, not only those this connection queried (SQLite 3.46 and later)."""
    run = conn.exec_driver_sql if isinstance(conn, Connection) else conn.execute
    run(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
    run("PRAGMA optimize=0x10002" if all_tables else "PRAGMA optimize")


def _ensure_wal(cur: sqlite3.Cursor) -> None:
    """Switch a new database file to WAL (it stays so: only the first opener does this).

    Changing the journal mode needs an exclusive lock, and SQLite answers "locked" at once
    rather than waiting when several processes create the file together: retry briefly.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def checkpoint(engine: Engine) -> None:
    """Fold what this process wrote into the database file. PASSIVE never waits for the
    other windows (a closing window must not hang on a busy office); with
    ``journal_size_limit`` the WAL is then cut back when it is next reused."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    except Exception as exc:  # closing must not fail because the disk is busy or full
        log.debug("no checkpoint at close: %s", exc)


def writer(engine: Engine) -> Engine:
    """The same pool, but transactions take the write lock at BEGIN (SQLite).

    A read-then-write (take the next number, pick the next ticket) must not start as a
    reader: two processes could read the same state before either writes.
    """
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
    return engine
