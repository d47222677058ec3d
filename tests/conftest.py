"""Shared fixtures: isolation from the user's folders, and fresh databases per test.

``sqlite_url``    a new SQLite file in the test's tmp_path.
``postgres_url``  a new, uniquely named PostgreSQL database (dropped afterwards) on the
                  server named by KIOSK_TEST_POSTGRES_URL; the test is skipped without it.
``db_url``        each test that uses it runs twice: on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never look for a display, whichever test first imports it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ENV_TEST_POSTGRES = "KIOSK_TEST_POSTGRES_URL"
POSTGRES_SKIP_REASON = (
    "PostgreSQL tests need KIOSK_TEST_POSTGRES_URL=postgresql+psycopg://user:pw@host/db "
    "(a role with CREATEDB); .ci/run sets it"
)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real config, data or state folders of whoever runs it."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        folder = home / sub
        folder.mkdir()
        monkeypatch.setenv(var, str(folder))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.delenv("KIOSK_DATABASE_URL", raising=False)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh (not yet existing) SQLite database file."""
    return f"sqlite:///{tmp_path / 'kiosk.db'}"


def _libpq_conninfo(sqlalchemy_url: str) -> str:
    """``postgresql+psycopg://...`` -> a URI psycopg itself accepts."""
    from sqlalchemy.engine import make_url

    return (
        make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)
    )


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test alone, dropped (WITH FORCE) afterwards."""
    base = os.environ.get(ENV_TEST_POSTGRES)
    if not base:
        pytest.skip(POSTGRES_SKIP_REASON)
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    base = base.strip()
    if base.startswith(("postgres://", "postgresql://")):
        base = "postgresql+psycopg://" + base.split("://", 1)[1]
    name = f"kiosk_t_{uuid.uuid4().hex[:16]}"
    admin = _libpq_conninfo(base)
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
            # An autovacuum worker busy in the database cannot be ended by a role that is
            # not a superuser (PostgreSQL 15 says "must be a member of the role whose process
            # is being terminated"); it finishes in moments: try again, a bounded few times.
            for attempt in range(20):
                try:
                    conn.execute(drop)
                    break
                except psycopg.errors.InsufficientPrivilege:
                    if attempt == 19:
                        raise
                    time.sleep(0.25)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on a fresh SQLite file and on a fresh PostgreSQL database."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url
