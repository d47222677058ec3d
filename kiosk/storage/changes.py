"""The change feed: how a process learns cheaply that another one changed the queue.

SQLite: ``PRAGMA data_version`` on a dedicated connection changes whenever another
connection commits; reading it costs microseconds and touches no table.
PostgreSQL: writers ``NOTIFY kiosk_changes`` in their transaction; a dedicated
connection LISTENs. No Qt here: the windows wrap this in a signal.
"""

from __future__ import annotations

import select
import sqlite3
import time
from pathlib import Path
from typing import Protocol

from sqlalchemy.engine import make_url

from kiosk.domain.errors import DatabaseUnavailable
from kiosk.storage.engine import PG_CONNECT_ARGS, normalise_url, sqlite_path
from kiosk.storage.uow import CHANGE_CHANNEL


class ChangeFeed(Protocol):
    def poll(self) -> bool:
        """True if another connection committed since the last poll. Never blocks long."""
        ...

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds for a change; True if one came."""
        ...

    def close(self) -> None: ...


#: How often an SQLite feed looks at data_version. The read itself costs microseconds, but
#: waking a thread 50 times a second costs an idle window nearly 1% of a core; ten looks a
#: second keep a call on the display board well under its 300 ms target.
SQLITE_POLL_SECONDS = 0.1


class SqliteChangeFeed:
    def __init__(self, path: Path, interval: float = SQLITE_POLL_SECONDS) -> None:
        self.interval = interval
        self._conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._last = self._version()

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def poll(self) -> bool:
        now = self._version()
        changed = now != self._last
        self._last = now
        return changed

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            if self.poll():
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(self.interval, left))

    def close(self) -> None:
        self._conn.close()


class PostgresChangeFeed:
    def __init__(self, url: str) -> None:
        import psycopg

        parsed = make_url(normalise_url(url)).set(drivername="postgresql")
        dsn = parsed.render_as_string(hide_password=False)
        try:
            self._conn = psycopg.connect(
                dsn, autocommit=True, application_name="kiosk-feed", **PG_CONNECT_ARGS
            )
            self._conn.execute(f"LISTEN {CHANGE_CHANNEL}")
        except psycopg.Error as exc:
            where = parsed.render_as_string(hide_password=True)
            raise DatabaseUnavailable(f"cannot reach the database at {where}: {exc}") from exc

    def _drain(self, timeout: float) -> bool:
        got = False
        for _ in self._conn.notifies(timeout=timeout, stop_after=1):
            got = True
        if got:  # swallow the rest of a burst: one wake-up per batch
            for _ in self._conn.notifies(timeout=0, stop_after=1000):
                pass
        return got

    def poll(self) -> bool:
        # Cheap readiness check first: no round trip when nothing arrived.
        ready, _, _ = select.select([self._conn.fileno()], [], [], 0)
        if not ready:
            return False
        return self._drain(0)

    def wait(self, timeout: float) -> bool:
        return self._drain(timeout)

    def close(self) -> None:
        self._conn.close()


def open_change_feed(url: str, poll_seconds: float = SQLITE_POLL_SECONDS) -> ChangeFeed:
    """SQLite: polled every ``poll_seconds``; PostgreSQL: woken by NOTIFY (no polling)."""
    path = sqlite_path(url)
    if path is not None:
        return SqliteChangeFeed(path, poll_seconds)
    return PostgresChangeFeed(url)
