"""A year of an office's history, bulk-loaded: finished tickets with their events and
daily sequences over the office days before today, numbered as the queue numbers them.
Also used by tests/bench/admin_responsiveness.py."""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, text

from kiosk.config.settings import Settings
from kiosk.domain.model import TicketStatus
from kiosk.domain.numbering import ticket_code
from kiosk.storage.engine import writer
from kiosk.storage.tables import Base

#: The history spans this many office days (Monday to Friday) before today.
HISTORY_DAYS = 300
#: Chunks of this many days go into the database in one transaction each.
HISTORY_DAYS_PER_TRANSACTION = 30
#: How the year's tickets split between the default services.
_SERVICE_MIX = {"A": 0.34, "B": 0.26, "C": 0.22, "D": 0.13, "P": 0.05}


def _tables() -> tuple[Table, Table, Table]:
    t = Base.metadata.tables
    return t["tickets"], t["ticket_events"], t["daily_sequences"]


def load_history(
    engine: Engine, settings: Settings, today: dt.date, total: int, say: Callable[[str], None]
) -> dict[str, Any]:
    """``total`` finished tickets, with their events and daily sequences, over the
    HISTORY_DAYS office days before ``today``: a year-old office's database."""
    days = _office_days_before(today, HISTORY_DAYS) if total else []
    if not total:
        return {
            "history_tickets": 0,
            "history_events": 0,
            "history_days": 0,
            "insert_seconds": 0.0,
        }
    say(f"history: loading {total:,} tickets over {len(days)} office days")
    started = time.perf_counter()
    rng = random.Random(20_240_101)
    weights = [1.25 if d.weekday() == 0 else 0.8 if d.weekday() == 4 else 1.0 for d in days]
    per_day = [0] * len(days)
    for i in rng.choices(range(len(days)), weights=weights, k=total):
        per_day[i] += 1
    maker = _HistoryMaker(settings, rng)
    tickets, events, sequences = _tables()
    with engine.connect() as conn:
        next_id = int(conn.execute(select(func.coalesce(func.max(tickets.c.id), 0))).scalar_one())
    next_id += 1
    n_events = 0
    step = HISTORY_DAYS_PER_TRANSACTION
    for lo in range(0, len(days), step):
        t_rows: list[dict[str, Any]] = []
        e_rows: list[dict[str, Any]] = []
        s_rows: list[dict[str, Any]] = []
        for day, count in zip(days[lo : lo + step], per_day[lo : lo + step], strict=True):
            next_id = maker.day(day, count, next_id, t_rows, e_rows, s_rows)
        with writer(engine).begin() as conn:
            for rows, table in ((t_rows, tickets), (e_rows, events), (s_rows, sequences)):
                _bulk_insert(conn, table, rows)
        n_events += len(e_rows)
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            sync_serial(conn, "tickets")
            # A year-old database has statistics: autovacuum would have analysed it.
            conn.exec_driver_sql("ANALYZE tickets, ticket_events, daily_sequences")
    seconds = time.perf_counter() - started
    say(f"history: {total:,} tickets and {n_events:,} events in {seconds:.1f} s")
    return {
        "history_tickets": total,
        "history_events": n_events,
        "history_days": len(days),
        "insert_seconds": round(seconds, 2),
    }


def _office_days_before(today: dt.date, count: int) -> list[dt.date]:
    """The ``count`` weekdays before ``today`` (strictly), oldest first."""
    days: list[dt.date] = []
    day = today
    while len(days) < count:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days[::-1]


def _bulk_insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Core executemany, through the table's types (so UtcDateTime still applies).

    SQLite: with RETURNING, SQLAlchemy sends ~1000 rows per INSERT ("insertmanyvalues"),
    much faster than sqlite3's row-by-row executemany. PostgreSQL: psycopg's pipelined
    executemany is the faster of the two (measured: about twice).
    """
    batch = 20_000
    for k in range(0, len(rows), batch):
        chunk = rows[k : k + batch]
        if conn.dialect.name == "sqlite":
            conn.execute(insert(table).returning(*table.primary_key.columns), chunk).all()
        else:
            conn.execute(insert(table), chunk)


def sync_serial(conn: Connection, table: str) -> None:
    """After inserting explicit ids on PostgreSQL, move the id sequence past them."""
    seq = pg_sequence(conn, table)
    conn.execute(text(f"SELECT setval(:s, (SELECT max(id) FROM {table}))"), {"s": seq})


def pg_sequence(conn: Connection, table: str) -> str:
    """The name of the sequence behind ``table.id`` (PostgreSQL)."""
    name = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
    if not name:
        raise RuntimeError(f"no id sequence found for table {table}")
    return str(name)


class _HistoryMaker:
    """Rows of one past office day: tickets, their events, the day's sequences."""

    def __init__(self, settings: Settings, rng: random.Random) -> None:
        self.rng = rng
        self.tz = settings.timezone
        services = settings.domain_services()
        self.codes = [s.code for s in services]
        self.weights = [_SERVICE_MIX.get(c, 0.1) for c in self.codes]
        self.minutes = {s.code: s.default_service_minutes for s in services}
        self.priorities = [p.code for p in settings.priority_categories()]
        self.counters = [c.number for c in settings.domain_counters()][:8]

    def day(
        self,
        day: dt.date,
        count: int,
        next_id: int,
        tickets: list[dict[str, Any]],
        events: list[dict[str, Any]],
        sequences: list[dict[str, Any]],
    ) -> int:
        rng = self.rng
        opens = dt.datetime.combine(day, dt.time(8, 0), tzinfo=self.tz).astimezone(dt.UTC)
        offsets = sorted(rng.uniform(0, 7 * 3600) for _ in range(count))
        chosen = rng.choices(self.codes, weights=self.weights, k=count)
        last: dict[str, int] = {}
        for offset, code in zip(offsets, chosen, strict=True):
            number = last.get(code, 0) + 1
            last[code] = number
            tid = next_id
            next_id += 1
            issued = opens + dt.timedelta(seconds=offset)
            priority = rng.choice(self.priorities) if rng.random() < 0.05 else None
            ahead = rng.randint(0, 30)
            roll = rng.random()
            desk = rng.choice(self.counters)
            call_at = issued + dt.timedelta(seconds=rng.uniform(60, 3600))
            called: dt.datetime | None = call_at
            counter: int | None = desk
            started: dt.datetime | None = None
            recalls = 0
            ev: list[tuple[dt.datetime, str, int | None, str | None]] = [
                (issued, "issued", None, json.dumps({"priority": priority}) if priority else None),
            ]
            if roll < 0.90:  # served
                status = TicketStatus.DONE
                begin = call_at + dt.timedelta(seconds=rng.uniform(10, 90))
                finished = begin + dt.timedelta(minutes=self.minutes[code] * rng.uniform(0.5, 1.6))
                ev.append((call_at, "called", desk, None))
                if rng.random() < 0.3:  # most officers finish straight from "called"
                    started = begin
                    ev.append((begin, "serving", desk, None))
                ev.append((finished, "done", desk, None))
            elif roll < 0.98:  # called, recalled, never came
                status = TicketStatus.NO_SHOW
                recalls = 3
                finished = call_at + dt.timedelta(minutes=4)
                ev += [
                    (call_at, "called", desk, None),
                    (finished, "no_show", desk, json.dumps({"after_recalls": 3})),
                ]
            else:  # left before being called
                status = TicketStatus.CANCELLED
                finished = issued + dt.timedelta(minutes=20)
                called = counter = None
                ev.append((finished, "cancelled", None, None))
            tickets.append(
                {
                    "id": tid,
                    "prefix": code,
                    "number": number,
                    "office_day": day,
                    "code": ticket_code(code, number),
                    "service": code,
                    "origin_service": None,
                    "status": status.value,
                    "priority": priority,
                    "issued_at": issued,
                    "called_at": called,
                    "started_at": started,
                    "finished_at": finished,
                    "counter": counter,
                    "recalls": recalls,
                    "people_ahead": ahead,
                    "estimated_wait_seconds": ahead * 240,
                }
            )
            events.extend(
                {"ticket_id": tid, "at": at, "kind": kind, "counter": desk, "detail": detail}
                for at, kind, desk, detail in ev
            )
        sequences.extend(
            {"prefix": code, "office_day": day, "last_number": n} for code, n in last.items()
        )
        return next_id
