"""Schema upgrades with Alembic, safe when several processes start at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from kiosk.domain.errors import KioskError
from kiosk.storage.engine import optimize, writer

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest migration. Checked against the scripts by a test, so that opening an
#: up-to-date database costs one query and never imports Alembic.
HEAD = "0010"
MIGRATIONS = Path(__file__).with_name("migrations")
_PG_LOCK = 0x6B696F736B  # an arbitrary advisory-lock key ("kiosk")


class NewerSchema(KioskError):
    """The database was upgraded by a newer program than this one: using it could damage it."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            f"this database was made by a newer version of kiosk (revision {revision}; this "
            f"program knows up to {HEAD}): install that version on this PC"
        )
        self.revision = revision


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_current(engine: Engine) -> bool:
    with engine.connect() as conn:
        return current_revision(conn) == HEAD


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, holding a lock so concurrent starters wait.

    Raises NewerSchema for a revision these scripts do not know (a newer program upgraded
    the database): Alembic would only say it cannot locate it."""
    from alembic import command

    with writer(engine).begin() as conn:  # SQLite: BEGIN IMMEDIATE takes the write lock
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        found = current_revision(conn)
        if revision == "head" and found == HEAD:
            return  # another process did it while we waited for the lock
        if found is not None and found not in known_revisions():
            raise NewerSchema(found)
        cfg = _alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        if conn.dialect.name == "sqlite":
            optimize(conn, all_tables=True)  # new indexes get the planner's statistics


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()
