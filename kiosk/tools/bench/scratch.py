"""The database the bench runs on: a new SQLite file, a scratch PostgreSQL database
(created and dropped), or a given empty one put back as it was afterwards."""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from kiosk.domain.errors import DatabaseUnavailable, KioskError
from kiosk.storage.engine import (
    is_sqlite,
    make_engine,
    normalise_url,
    redacted_url,
    sqlite_path,
    writer,
)
from kiosk.storage.tables import Base, UtcDateTime
from kiosk.storage.uow import describe_db_error
from kiosk.tools.bench.history import pg_sequence

Progress = Callable[[str], None]

#: The floor measurement's scratch table (runner), dropped again when the bench ends.
FLOOR = Table(
    "kiosk_bench_floor",
    MetaData(),
    # About the width of a ticket row: an id, short codes, a date, a time, two numbers.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("prefix", String(8), nullable=False),
    Column("number", Integer, nullable=False),
    Column("office_day", Date, nullable=False),
    Column("code", String(16), nullable=False),
    Column("service", String(8), nullable=False),
    Column("status", String(16), nullable=False),
    Column("issued_at", UtcDateTime(), nullable=False),
    Column("recalls", Integer, nullable=False),
    Column("people_ahead", Integer),
    Column("estimated_wait_seconds", Integer),
)


@dataclass
class Target:
    url: str
    database: str  # "sqlite" | "postgresql"
    where: str  # for the report: a path, or a redacted URL
    #: Last numbers already given per (prefix, day) in a database used as-is (normally none).
    number_base: dict[tuple[str, dt.date], int] = field(default_factory=dict)


@contextmanager
def scratch_database(url: str | None, say: Progress) -> Iterator[Target]:
    if url is None:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
        try:
            path = folder / "bench.db"
            say(f"bench: new SQLite database {path}")
            yield Target(f"sqlite:///{path}", "sqlite", str(path))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    url = normalise_url(url)
    if is_sqlite(url):
        with _given_sqlite(url, say) as target:
            yield target
        return
    with _postgres(url, say) as target:
        yield target


@contextmanager
def _given_sqlite(url: str, say: Progress) -> Iterator[Target]:
    path = sqlite_path(url)
    engine = make_engine(url)  # refuses :memory: with a message
    assert path is not None
    existed = path.exists()  # even an empty file is the user's: keep it, restore it
    try:
        snapshot = _Snapshot.take(engine) if existed else None
    finally:
        engine.dispose()
    say(f"bench: using SQLite database {path} ({'no tickets' if existed else 'new'})")
    try:
        yield Target(url, "sqlite", str(path), snapshot.number_base if snapshot else {})
    finally:
        if snapshot is None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        else:
            say("bench: removing what the bench added to the database")
            _restore(url, snapshot)


@contextmanager
def _postgres(url: str, say: Progress) -> Iterator[Target]:
    base = make_engine(url)
    admin = base.execution_options(isolation_level="AUTOCOMMIT")
    name = f"kiosk_bench_{secrets.token_hex(4)}"
    try:
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
                version = int(conn.exec_driver_sql("SHOW server_version_num").scalar_one())
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
                raise DatabaseUnavailable(describe_db_error(exc, redacted_url(url))) from exc
            version = 0
        if not version:
            say("bench: may not create a scratch database here; using the given one")
            with _given_postgres(url, say) as target:
                yield target
            return
        scratch = make_url(url).set(database=name).render_as_string(hide_password=False)
        say(f"bench: scratch database {name} on {make_url(url).host or 'localhost'}")
        try:
            yield Target(scratch, "postgresql", redacted_url(scratch))
        finally:
            force = " WITH (FORCE)" if version >= 130000 else ""
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"{force}')
    finally:
        base.dispose()


@contextmanager
def _given_postgres(url: str, say: Progress) -> Iterator[Target]:
    engine = make_engine(url)
    try:
        snapshot = _Snapshot.take(engine)
    finally:
        engine.dispose()
    try:
        yield Target(url, "postgresql", redacted_url(url), snapshot.number_base)
    finally:
        say("bench: removing what the bench added to the database")
        _restore(url, snapshot)


_CATALOG = ("services", "counters", "counter_services")
#: Small tables the windows the bench starts (first paint) may write to: put back whole.
_KEPT = (*_CATALOG, "daily_sequences", "office_settings", "printer_alerts")


@dataclass
class _Snapshot:
    """What a database used as-is held before the bench, to put back afterwards."""

    had_schema: bool
    rows: dict[str, list[dict[str, Any]]]
    number_base: dict[tuple[str, dt.date], int]
    last_audit_id: int
    serials: dict[str, tuple[int, bool]]
    #: The last survey response before the bench (the bench adds a year's after it).
    last_response_id: int = 0

    @classmethod
    def take(cls, engine: Engine) -> _Snapshot:
        try:
            with engine.connect() as conn:
                names = set(inspect(conn).get_table_names())
                if "tickets" in names:
                    count = conn.execute(text("SELECT count(*) FROM tickets")).scalar_one()
                    if count:
                        raise KioskError(
                            f"the database holds {count} ticket(s): the bench needs an empty "
                            "database (give none for a temporary one, or a new file)"
                        )
                had_schema = "alembic_version" in names
                rows: dict[str, list[dict[str, Any]]] = {}
                base: dict[tuple[str, dt.date], int] = {}
                last_audit = last_response = 0
                serials: dict[str, tuple[int, bool]] = {}
                if had_schema:
                    for name in _KEPT:
                        table = Base.metadata.tables[name]
                        rows[name] = [dict(r._mapping) for r in conn.execute(select(table))]
                    base = {
                        (r["prefix"], r["office_day"]): r["last_number"]
                        for r in rows["daily_sequences"]
                    }
                    last_audit = conn.execute(text("SELECT max(id) FROM audit_log")).scalar() or 0
                    last_response = (
                        conn.execute(text("SELECT max(id) FROM survey_responses")).scalar() or 0
                    )
                    if conn.dialect.name == "postgresql":
                        for name in ("tickets", "ticket_events", "survey_responses"):
                            seq = pg_sequence(conn, name)
                            value, called = conn.execute(
                                text(f"SELECT last_value, is_called FROM {seq}")
                            ).one()
                            serials[seq] = (int(value), bool(called))
        except DBAPIError as exc:
            raise DatabaseUnavailable(
                describe_db_error(exc, redacted_url(str(engine.url)))
            ) from exc
        return cls(had_schema, rows, base, last_audit, serials, last_response)


def _restore(url: str, snap: _Snapshot) -> None:
    engine = make_engine(url)
    try:
        with writer(engine).begin() as conn:
            FLOOR.drop(conn, checkfirst=True)
            tables = Base.metadata.tables
            if not snap.had_schema:
                Base.metadata.drop_all(conn)
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
                return
            audit = tables["audit_log"]
            responses, answers = tables["survey_responses"], tables["survey_answers"]
            conn.execute(delete(answers).where(answers.c.response_id > snap.last_response_id))
            conn.execute(delete(responses).where(responses.c.id > snap.last_response_id))
            conn.execute(delete(tables["ticket_events"]))
            conn.execute(delete(audit).where(audit.c.id > snap.last_audit_id))
            conn.execute(delete(tables["tickets"]))
            for name in reversed(_KEPT):
                conn.execute(delete(tables[name]))
            for name in _KEPT:
                if snap.rows[name]:
                    conn.execute(insert(tables[name]), snap.rows[name])
            for seq, (value, called) in snap.serials.items():
                conn.execute(text("SELECT setval(:s, :v, :c)"), {"s": seq, "v": value, "c": called})
    finally:
        engine.dispose()
