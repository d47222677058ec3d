"""Schema upgrades with Alembic, safe when several processes start at once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from kiosk.storage.engine import writer

#: The newest migration. Checked against the scripts by a test, so that opening an
#: up-to-date database costs one query and never imports Alembic.
HEAD = "0006"
MIGRATIONS = Path(__file__).with_name("migrations")
_PG_LOCK = 0x6B696F736B  # an arbitrary advisory-lock key ("kiosk")


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_current(engine: Engine) -> bool:
    with engine.connect() as conn:
        return current_revision(conn) == HEAD


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, holding a lock so concurrent starters wait."""
    from alembic import command
    from alembic.config import Config

    with writer(engine).begin() as conn:  # SQLite: BEGIN IMMEDIATE takes the write lock
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        if revision == "head" and current_revision(conn) == HEAD:
            return  # another process did it while we waited for the lock
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def script_head() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()
