"""``kiosk bench``: how fast the queue is on this machine and database, and whether it stays right.

    result = run_bench(None, quick=True)      # a fresh SQLite file in a temporary folder
    print(format_report(result))

What it measures (timings are reported, never asserted):

1. floor: a bare one-row INSERT + COMMIT into a scratch table, through an engine made by
   ``make_engine`` (the same SQLite pragmas: WAL, synchronous=FULL). Nothing that commits
   can be faster on this disk or server.
2. issue: ``Office.issue_ticket`` latency on an empty database, and its p99 against the floor.
3. issue with history: the same after bulk-loading a year of finished tickets (with their
   events and daily sequences) over the 300 office days before today.
4. call-next throughput: 1, 4 and 16 processes (one counter each) racing to call and finish
   the same pre-issued tickets; then a check that each ticket was called exactly once.
5. issue race: processes issuing at once; then a check that the numbers of each service and
   day are exactly 1..n.

The database: ``url`` None means a new SQLite file in a temporary folder, deleted afterwards.
A PostgreSQL URL names the server: the bench creates a scratch database ``kiosk_bench_<hex>``
there and drops it afterwards; only if the role may not create databases does it use the
given one. A given SQLite file, or a PostgreSQL database used as-is, must hold no tickets;
whatever the bench adds to it is removed afterwards (tickets, events, sequences, the scratch
table; services and counters are put back as they were). Do not point it at a database that
an office is using at the same time.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import queue
import random
import secrets
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import (
    Column,
    Connection,
    Date,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    distinct,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from kiosk.config.defaults import DEFAULT_CONFIG
from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.errors import DatabaseUnavailable, KioskError
from kiosk.domain.model import QUEUED_STATES, TicketStatus
from kiosk.domain.numbering import ticket_code
from kiosk.office import Office
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

__all__ = ["format_report", "run_bench"]

Progress = Callable[[str], None]
Result = dict[str, Any]


@dataclass(frozen=True, slots=True)
class _Plan:
    samples: int  # timed inserts / issues per latency measurement
    warmup: int  # untimed ones before them (connections, statement caches)
    history: int  # tickets of history bulk-loaded before the second issue measurement
    call_tickets: int  # tickets pre-issued for each call-next run
    race_per_process: int  # tickets each process issues in the issue race


FULL = _Plan(samples=1000, warmup=20, history=200_000, call_tickets=1500, race_per_process=50)
QUICK = _Plan(samples=200, warmup=10, history=20_000, call_tickets=300, race_per_process=20)

#: The history spans this many office days (Monday to Friday) before today.
HISTORY_DAYS = 300
#: Chunks of this many days go into the database in one transaction each.
HISTORY_DAYS_PER_TRANSACTION = 30
#: At least this many counters, so that up to 16 processes each have their own.
MIN_COUNTERS = 16
#: How long the workers may take to start (spawned interpreters on a slow machine).
START_TIMEOUT_S = 300.0
#: How long one race may run once started.
RUN_TIMEOUT_S = 1800.0
#: Lock timeouts a worker tolerates (each waited busy_timeout) before it gives up.
MAX_LOCK_TIMEOUTS = 20

TARGET_ISSUE_P99_MS = 5.0
TARGET_ISSUE_TO_FLOOR = 2.0
TARGET_HISTORY_SLOWDOWN = 1.5

_QUEUED = sorted(s.value for s in QUEUED_STATES)
#: How the year's tickets split between the default services.
_SERVICE_MIX = {"A": 0.34, "B": 0.26, "C": 0.22, "D": 0.13, "P": 0.05}

_FLOOR = Table(
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


def _tables() -> tuple[Table, Table, Table]:
    t = Base.metadata.tables
    return t["tickets"], t["ticket_events"], t["daily_sequences"]


# -- the API ---------------------------------------------------------------------------------
def run_bench(
    url: str | None,
    *,
    quick: bool = False,
    history: int | None = None,
    processes: tuple[int, ...] = (1, 4, 16),
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Run every measurement on a scratch database; return plain, JSON-serialisable data.

    ``url`` None: a new SQLite file in a temporary folder. ``history``: tickets of history
    (default 200_000, quick 20_000). ``processes``: the process counts of the call-next race.
    ``progress`` receives short status lines. Raises KioskError if a given database already
    holds tickets, DatabaseUnavailable if it cannot be reached.
    """
    plan = QUICK if quick else FULL
    if history is not None:
        if history < 0:
            raise KioskError(f"--history must be 0 or more, not {history}")
        plan = replace(plan, history=history)
    counts = tuple(processes)
    if not counts or any(not isinstance(p, int) or p < 1 for p in counts):
        raise ValueError(f"processes must be positive process counts, not {processes!r}")
    say: Progress = progress or _quiet
    began = time.perf_counter()
    with _scratch_database(url, say) as target:
        result = _Bench(target, plan, counts, say).run()
    result["quick"] = quick
    result["total_seconds"] = round(time.perf_counter() - began, 1)
    say(f"bench: done in {result['total_seconds']:.0f} s")
    return result


def format_report(result: dict[str, Any]) -> str:
    """The result as text for a person: one line per measurement, then the verdicts."""
    lines: list[str] = []
    kind = "quick" if result.get("quick") else "full"
    lines.append(
        f"kiosk bench ({kind}) on {result.get('database', '?')}: {result.get('where', '')}"
    )
    env = result.get("environment", {})
    if env:
        lines.append(
            f"  Python {env.get('python')}, SQLAlchemy {env.get('sqlalchemy')}, "
            f"{env.get('cpus')} CPU(s), {env.get('platform')}"
        )
    lines.append("")
    lines.append("Latency (one transaction each)                    n     p50 ms   p99 ms   CPU ms")
    floor = result["floor"]
    issue = result["issue"]
    hist = result["issue_with_history"]
    lines.append(_latency_line("floor: bare INSERT + COMMIT", floor))
    lines.append(_latency_line("issue_ticket, empty database", issue))
    lines.append(
        _latency_line(f"issue_ticket, {hist['history_tickets']:,} tickets of history", hist)
    )
    lines.append(
        f"  issue p99 / floor p99: {issue['ratio_to_floor']:.2f}x;"
        f"  with history / without: p99 {hist['slowdown']:.2f}x, p50 {hist['slowdown_p50']:.2f}x"
    )
    lines.append(
        "  (CPU ms: this process's mean CPU time per operation; when wall times move and it "
        "does not, the disk or server did)"
    )
    if hist["history_tickets"]:
        lines.append(
            f"  history: {hist['history_tickets']:,} tickets and {hist['history_events']:,} "
            f"events over {hist['history_days']} office days, loaded in "
            f"{hist['insert_seconds']:.1f} s"
        )
    lines.append("")
    lines.append("Call next + finish, every process at its own counter")
    lines.append("  processes    calls   seconds   calls/s   calls per process")
    for run in result["call_next"]:
        spread = run.get("worker_calls", [])
        shares = f"{min(spread)}..{max(spread)}" if spread else "-"
        note = f"   ({run['lock_timeouts']} lock timeouts)" if run.get("lock_timeouts") else ""
        lines.append(
            f"  {run['processes']:>9} {run['calls']:>8} {run['seconds']:>9.2f} "
            f"{run['calls_per_s']:>9.1f}   {shares}{note}"
        )
    race = result.get("issue_race")
    if race:
        lines.append("")
        lines.append(
            f"Issue race: {race['processes']} processes x {race['per_process']} tickets = "
            f"{race['tickets']} in {race['seconds']:.2f} s ({race['tickets_per_s']:.1f}/s)"
        )
    lines.append("")
    integ = result["integrity"]
    if integ["ok"]:
        lines.append(
            "Integrity: ok (numbers 1..n per service and day with no duplicate or gap; "
            "every ticket called exactly once, by one worker)"
        )
    else:
        bad = ", ".join(f"{k}={v}" for k, v in integ.items() if k != "ok" and v)
        lines.append(f"Integrity: FAILED ({bad})")
    lines.append("")
    lines.append("Targets")
    for key, label in _TARGET_LABELS:
        if key in result["targets"]:
            mark = "met" if result["targets"][key] else "MISSED"
            lines.append(f"  {label:<52} {mark}")
    if result["database"] != "sqlite":
        lines.append("  (the 5 ms target is meant for local SQLite)")
    if "total_seconds" in result:
        lines.append("")
        lines.append(f"Took {result['total_seconds']:.0f} s.")
    return "\n".join(lines)


_TARGET_LABELS = (
    ("issue_p99_under_5ms", f"issue p99 < {TARGET_ISSUE_P99_MS:g} ms"),
    ("issue_p99_within_2x_floor", f"issue p99 within {TARGET_ISSUE_TO_FLOOR:g}x the floor p99"),
    ("history_slowdown_within_1_5x", f"issue p99 with history <= {TARGET_HISTORY_SLOWDOWN:g}x"),
    ("integrity", "no duplicate number, no ticket called twice"),
)


def _latency_line(label: str, stats: Mapping[str, Any]) -> str:
    return (
        f"  {label:<46} {stats['n']:>5} {stats['p50_ms']:>9.2f} {stats['p99_ms']:>8.2f}"
        f" {stats.get('cpu_mean_ms', 0.0):>8.2f}"
    )


def _quiet(_msg: str) -> None:
    pass


# -- the scratch database --------------------------------------------------------------------
@dataclass
class _Target:
    url: str
    database: str  # "sqlite" | "postgresql"
    where: str  # for the report: a path, or a redacted URL
    #: Last numbers already given per (prefix, day) in a database used as-is (normally none).
    number_base: dict[tuple[str, dt.date], int] = field(default_factory=dict)


@contextmanager
def _scratch_database(url: str | None, say: Progress) -> Iterator[_Target]:
    if url is None:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
        try:
            path = folder / "bench.db"
            say(f"bench: new SQLite database {path}")
            yield _Target(f"sqlite:///{path}", "sqlite", str(path))
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
def _given_sqlite(url: str, say: Progress) -> Iterator[_Target]:
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
        yield _Target(url, "sqlite", str(path), snapshot.number_base if snapshot else {})
    finally:
        if snapshot is None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        else:
            say("bench: removing what the bench added to the database")
            _restore(url, snapshot)


@contextmanager
def _postgres(url: str, say: Progress) -> Iterator[_Target]:
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
            yield _Target(scratch, "postgresql", redacted_url(scratch))
        finally:
            force = " WITH (FORCE)" if version >= 130000 else ""
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"{force}')
    finally:
        base.dispose()


@contextmanager
def _given_postgres(url: str, say: Progress) -> Iterator[_Target]:
    engine = make_engine(url)
    try:
        snapshot = _Snapshot.take(engine)
    finally:
        engine.dispose()
    try:
        yield _Target(url, "postgresql", redacted_url(url), snapshot.number_base)
    finally:
        say("bench: removing what the bench added to the database")
        _restore(url, snapshot)


_CATALOG = ("services", "counters", "counter_services")


@dataclass
class _Snapshot:
    """What a database used as-is held before the bench, to put back afterwards."""

    had_schema: bool
    rows: dict[str, list[dict[str, Any]]]
    number_base: dict[tuple[str, dt.date], int]
    last_audit_id: int
    serials: dict[str, tuple[int, bool]]

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
                last_audit = 0
                serials: dict[str, tuple[int, bool]] = {}
                if had_schema:
                    for name in (*_CATALOG, "daily_sequences"):
                        table = Base.metadata.tables[name]
                        rows[name] = [dict(r._mapping) for r in conn.execute(select(table))]
                    base = {
                        (r["prefix"], r["office_day"]): r["last_number"]
                        for r in rows["daily_sequences"]
                    }
                    last_audit = conn.execute(text("SELECT max(id) FROM audit_log")).scalar() or 0
                    if conn.dialect.name == "postgresql":
                        for name in ("tickets", "ticket_events"):
                            seq = _pg_sequence(conn, name)
                            value, called = conn.execute(
                                text(f"SELECT last_value, is_called FROM {seq}")
                            ).one()
                            serials[seq] = (int(value), bool(called))
        except DBAPIError as exc:
            raise DatabaseUnavailable(
                describe_db_error(exc, redacted_url(str(engine.url)))
            ) from exc
        return cls(had_schema, rows, base, last_audit, serials)


def _pg_sequence(conn: Connection, table: str) -> str:
    """The name of the sequence behind ``table.id`` (PostgreSQL)."""
    name = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
    if not name:
        raise RuntimeError(f"no id sequence found for table {table}")
    return str(name)


def _restore(url: str, snap: _Snapshot) -> None:
    engine = make_engine(url)
    try:
        with writer(engine).begin() as conn:
            _FLOOR.drop(conn, checkfirst=True)
            tables = Base.metadata.tables
            if not snap.had_schema:
                Base.metadata.drop_all(conn)
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
                return
            audit = tables["audit_log"]
            conn.execute(delete(tables["ticket_events"]))
            conn.execute(delete(audit).where(audit.c.id > snap.last_audit_id))
            conn.execute(delete(tables["tickets"]))
            conn.execute(delete(tables["daily_sequences"]))
            for name in reversed(_CATALOG):
                conn.execute(delete(tables[name]))
            for name in (*_CATALOG, "daily_sequences"):
                if snap.rows[name]:
                    conn.execute(insert(tables[name]), snap.rows[name])
            for seq, (value, called) in snap.serials.items():
                conn.execute(text("SELECT setval(:s, :v, :c)"), {"s": seq, "v": value, "c": called})
    finally:
        engine.dispose()


# -- the measurements ------------------------------------------------------------------------
def _bench_config(counters: int) -> dict[str, Any]:
    """The built-in office (open at any hour, no quotas) with every counter serving all."""
    codes = [s["code"] for s in DEFAULT_CONFIG["services"]]
    return {
        "office": {"name": "kiosk bench"},
        "counters": [
            {"number": n, "name": f"Loket {n}", "services": codes} for n in range(1, counters + 1)
        ],
    }


class _Bench:
    def __init__(
        self, target: _Target, plan: _Plan, processes: tuple[int, ...], say: Progress
    ) -> None:
        self.target = target
        self.plan = plan
        self.processes = processes
        self.say = say
        self.race_processes = max(processes)
        self.config = _bench_config(max(MIN_COUNTERS, self.race_processes))
        self.settings: Settings = settings_from_dict(self.config, "kiosk bench")
        self.codes = [s.code for s in self.settings.services]
        self.problems: dict[str, int] = {
            "duplicate_numbers": 0,
            "number_gaps": 0,
            "sequence_mismatches": 0,
            "tickets_called_twice": 0,
            "tickets_returned_twice": 0,
            "tickets_never_called": 0,
            "tickets_not_returned": 0,
            "tickets_left_waiting": 0,
            "duplicate_issued": 0,
        }

    def run(self) -> Result:
        url = self.target.url
        office = Office.open(url, settings=self.settings)
        engine = make_engine(url)
        try:
            floor = self._floor(engine)
            issue = self._issue(office, "issue: empty database")
            issue["ratio_to_floor"] = _ratio(issue["p99_ms"], floor["p99_ms"])
            self._clear_queue(engine, office.today())

            loaded = self._history(engine, office.today())
            with_history = self._issue(office, "issue: with history")
            with_history.update(loaded)
            with_history["slowdown"] = _ratio(with_history["p99_ms"], issue["p99_ms"])
            with_history["slowdown_p50"] = _ratio(with_history["p50_ms"], issue["p50_ms"])
            self._clear_queue(engine, office.today())

            race = self._issue_race(engine)
            self._clear_queue(engine, office.today())
            calls = [self._call_next(engine, office, n) for n in self.processes]
            self._final_checks(engine)
        finally:
            office.close()
            engine.dispose()

        integrity: dict[str, Any] = dict(self.problems)
        integrity["ok"] = not any(self.problems.values())
        return {
            "database": self.target.database,
            "where": self.target.where,
            "environment": {
                "python": platform.python_version(),
                "sqlalchemy": sqlalchemy.__version__,
                "platform": platform.platform(terse=True),
                "cpus": os.cpu_count(),
            },
            "floor": floor,
            "issue": issue,
            "issue_with_history": with_history,
            "call_next": calls,
            "issue_race": race,
            "integrity": integrity,
            "targets": {
                "issue_p99_under_5ms": issue["p99_ms"] < TARGET_ISSUE_P99_MS,
                "issue_p99_within_2x_floor": issue["ratio_to_floor"] <= TARGET_ISSUE_TO_FLOOR,
                "history_slowdown_within_1_5x": with_history["slowdown"] <= TARGET_HISTORY_SLOWDOWN,
                "integrity": integrity["ok"],
            },
        }

    # 1. the floor --------------------------------------------------------------------------
    def _floor(self, engine: Engine) -> dict[str, Any]:
        n, warm = self.plan.samples, self.plan.warmup
        self.say(f"floor: {n} single-row INSERT + COMMIT")
        _FLOOR.create(engine, checkfirst=True)
        stmt = insert(_FLOOR)
        today = dt.date.today()
        w = writer(engine)  # the same BEGIN IMMEDIATE as every write of the queue
        samples: list[int] = []
        cpu = 0
        for i in range(warm + n):
            row = {
                "prefix": "A",
                "number": i + 1,
                "office_day": today,
                "code": ticket_code("A", i + 1),
                "service": "A",
                "status": "waiting",
                "issued_at": dt.datetime.now(dt.UTC),
                "recalls": 0,
                "people_ahead": i,
                "estimated_wait_seconds": 60 * i,
            }
            started, cpu_started = time.perf_counter_ns(), time.process_time_ns()
            with w.begin() as conn:
                conn.execute(stmt, row)
            if i >= warm:
                samples.append(time.perf_counter_ns() - started)
                cpu += time.process_time_ns() - cpu_started
        return _stats(samples, cpu)

    # 2. and 3. issuing ---------------------------------------------------------------------
    def _issue(self, office: Office, label: str) -> dict[str, Any]:
        n, warm = self.plan.samples, self.plan.warmup
        self.say(f"{label}: {n} issue_ticket")
        samples: list[int] = []
        cpu = 0
        for i in range(warm + n):
            code = self.codes[i % len(self.codes)]
            started, cpu_started = time.perf_counter_ns(), time.process_time_ns()
            office.issue_ticket(code)
            if i >= warm:
                samples.append(time.perf_counter_ns() - started)
                cpu += time.process_time_ns() - cpu_started
        return _stats(samples, cpu)

    def _clear_queue(self, engine: Engine, day: dt.date) -> None:
        """Close today's queue (cancel whoever waits) so the next phase starts empty."""
        tickets, _, _ = _tables()
        with writer(engine).begin() as conn:
            conn.execute(
                update(tickets)
                .where(tickets.c.office_day == day, tickets.c.status.in_(_QUEUED))
                .values(status=TicketStatus.CANCELLED.value, finished_at=dt.datetime.now(dt.UTC))
            )

    def _history(self, engine: Engine, today: dt.date) -> dict[str, Any]:
        total = self.plan.history
        days = _office_days_before(today, HISTORY_DAYS) if total else []
        if not total:
            return {
                "history_tickets": 0,
                "history_events": 0,
                "history_days": 0,
                "insert_seconds": 0.0,
            }
        self.say(f"history: loading {total:,} tickets over {len(days)} office days")
        started = time.perf_counter()
        rng = random.Random(20_240_101)
        weights = [1.25 if d.weekday() == 0 else 0.8 if d.weekday() == 4 else 1.0 for d in days]
        per_day = [0] * len(days)
        for i in rng.choices(range(len(days)), weights=weights, k=total):
            per_day[i] += 1
        maker = _HistoryMaker(self.settings, rng)
        tickets, events, sequences = _tables()
        with engine.connect() as conn:
            next_id = int(
                conn.execute(select(func.coalesce(func.max(tickets.c.id), 0))).scalar_one()
            )
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
                _sync_serial(conn, "tickets")
                # A year-old database has statistics: autovacuum would have analysed it.
                conn.exec_driver_sql("ANALYZE tickets, ticket_events, daily_sequences")
        seconds = time.perf_counter() - started
        self.say(f"history: {total:,} tickets and {n_events:,} events in {seconds:.1f} s")
        return {
            "history_tickets": total,
            "history_events": n_events,
            "history_days": len(days),
            "insert_seconds": round(seconds, 2),
        }

    # 4. call next --------------------------------------------------------------------------
    def _call_next(self, engine: Engine, office: Office, processes: int) -> dict[str, Any]:
        m = self.plan.call_tickets
        day = office.today()
        ids = _preissue(engine, day, m, self.codes)
        self.say(f"call-next: {processes} process(es) calling {m} tickets")
        outs = _race("call", self.target.url, self.config, processes, 0)
        returned = [i for out in outs for i in out["ids"]]
        seconds = max(o["end"] for o in outs) - min(o["start"] for o in outs)
        calls = len(returned)

        self.problems["tickets_returned_twice"] += len(returned) - len(set(returned))
        tickets, events, _ = _tables()
        with engine.connect() as conn:
            called: dict[int, int] = dict(
                conn.execute(
                    select(events.c.ticket_id, func.count())
                    .where(events.c.kind == "called", events.c.ticket_id >= min(ids))
                    .group_by(events.c.ticket_id)
                ).all()
            )
            waiting = conn.execute(
                select(func.count()).where(
                    tickets.c.office_day == day, tickets.c.status.in_(_QUEUED)
                )
            ).scalar_one()
        self.problems["tickets_called_twice"] += sum(1 for c in called.values() if c > 1)
        self.problems["tickets_never_called"] += len(set(ids) - set(called))
        self.problems["tickets_not_returned"] += len(set(ids) - set(returned))
        self.problems["tickets_left_waiting"] += int(waiting)
        rate = calls / seconds if seconds > 0 else 0.0
        self.say(
            f"call-next: {processes} process(es): {calls} calls in {seconds:.2f} s, {rate:.0f}/s"
        )
        return {
            "processes": processes,
            "tickets": m,
            "calls": calls,
            "seconds": round(seconds, 3),
            "calls_per_s": round(rate, 1),
            "lock_timeouts": sum(o["lock_timeouts"] for o in outs),
            "worker_calls": [len(o["ids"]) for o in sorted(outs, key=lambda o: o["worker"])],
        }

    # 5. the issue race ---------------------------------------------------------------------
    def _issue_race(self, engine: Engine) -> dict[str, Any]:
        p, per = self.race_processes, self.plan.race_per_process
        self.say(f"issue race: {p} processes x {per} tickets")
        outs = _race("issue", self.target.url, self.config, p, per)
        issued = [tuple(t) for out in outs for t in out["tickets"]]
        seconds = max(o["end"] for o in outs) - min(o["start"] for o in outs)
        # Two workers handed the same (prefix, day, number), or the same ticket id.
        self.problems["duplicate_issued"] += len(issued) - len({t[1:] for t in issued})
        self.problems["duplicate_issued"] += len(issued) - len({t[0] for t in issued})
        self._check_numbers(engine)
        return {
            "processes": p,
            "per_process": per,
            "tickets": len(issued),
            "seconds": round(seconds, 3),
            "tickets_per_s": round(len(issued) / seconds, 1) if seconds > 0 else 0.0,
        }

    # checks --------------------------------------------------------------------------------
    def _check_numbers(self, engine: Engine) -> None:
        """Per (prefix, day): numbers base+1..n, no duplicate, no gap, sequence at n."""
        tickets, _, sequences = _tables()
        with engine.connect() as conn:
            groups = conn.execute(
                select(
                    tickets.c.prefix,
                    tickets.c.office_day,
                    func.count(),
                    func.count(distinct(tickets.c.number)),
                    func.min(tickets.c.number),
                    func.max(tickets.c.number),
                ).group_by(tickets.c.prefix, tickets.c.office_day)
            ).all()
            last = {
                (p, d): n
                for p, d, n in conn.execute(
                    select(sequences.c.prefix, sequences.c.office_day, sequences.c.last_number)
                )
            }
        dups = gaps = mismatches = 0
        for prefix, day, count, unique, low, high in groups:
            base = self.target.number_base.get((prefix, day), 0)
            # A number at or below the base was given before the bench: a duplicate.
            dups += count - unique + (1 if low <= base else 0)
            gaps += (high - low + 1 - unique) + max(0, low - base - 1)
            mismatches += int(last.get((prefix, day)) != high)
        self.problems["duplicate_numbers"] = dups
        self.problems["number_gaps"] = gaps
        self.problems["sequence_mismatches"] = mismatches

    def _final_checks(self, engine: Engine) -> None:
        self.say("checking: numbers and calls across the whole database")
        self._check_numbers(engine)
        _, events, _ = _tables()
        twice = (
            select(events.c.ticket_id)
            .where(events.c.kind == "called")
            .group_by(events.c.ticket_id)
            .having(func.count() > 1)
            .subquery()
        )
        with engine.connect() as conn:
            called_twice = conn.execute(select(func.count()).select_from(twice)).scalar_one()
        # Every 'called' event in the database, history included: the per-run counts are a
        # subset, so keep the larger.
        self.problems["tickets_called_twice"] = max(
            self.problems["tickets_called_twice"], int(called_twice)
        )


def _ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b > 0 else 0.0


def _stats(samples_ns: Sequence[int], cpu_ns: int) -> dict[str, Any]:
    """Wall-clock percentiles, and the mean CPU time of this process per operation.

    The CPU time leaves out waiting for the disk or the server: when the wall time moves
    and the CPU time does not, the machine's I/O changed, not the code's work.
    """
    ms = sorted(s / 1e6 for s in samples_ns)
    return {
        "n": len(ms),
        "p50_ms": round(_percentile(ms, 0.50), 3),
        "p99_ms": round(_percentile(ms, 0.99), 3),
        "mean_ms": round(sum(ms) / len(ms), 3) if ms else 0.0,
        "max_ms": round(ms[-1], 3) if ms else 0.0,
        "cpu_mean_ms": round(cpu_ns / 1e6 / len(ms), 3) if ms else 0.0,
    }


def _percentile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    if not ordered:
        return 0.0
    pos = (len(ordered) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


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


def _sync_serial(conn: Connection, table: str) -> None:
    """After inserting explicit ids on PostgreSQL, move the id sequence past them."""
    seq = _pg_sequence(conn, table)
    conn.execute(text(f"SELECT setval(:s, (SELECT max(id) FROM {table}))"), {"s": seq})


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


def _preissue(engine: Engine, day: dt.date, count: int, codes: Sequence[str]) -> list[int]:
    """``count`` waiting tickets for today in one transaction, numbered after the last.

    Bulk, because issue_ticket's own cost is measured elsewhere and thousands of single
    issues would make the bench slow; the numbers and the sequence stay exactly right.
    """
    tickets, events, sequences = _tables()
    now = dt.datetime.now(dt.UTC)
    with writer(engine).begin() as conn:
        last = {
            p: int(n)
            for p, n in conn.execute(
                select(sequences.c.prefix, sequences.c.last_number).where(
                    sequences.c.office_day == day
                )
            )
        }
        existed = set(last)
        first = int(conn.execute(select(func.coalesce(func.max(tickets.c.id), 0))).scalar_one()) + 1
        rows: list[dict[str, Any]] = []
        for i in range(count):
            code = codes[i % len(codes)]
            number = last.get(code, 0) + 1
            last[code] = number
            rows.append(
                {
                    "id": first + i,
                    "prefix": code,
                    "number": number,
                    "office_day": day,
                    "code": ticket_code(code, number),
                    "service": code,
                    "status": TicketStatus.WAITING.value,
                    "priority": None,
                    # Strictly increasing, all in the past: a well-defined queue order.
                    "issued_at": now - dt.timedelta(microseconds=count - i),
                    "recalls": 0,
                }
            )
        conn.execute(insert(tickets), rows)
        conn.execute(
            insert(events),
            [{"ticket_id": r["id"], "at": r["issued_at"], "kind": "issued"} for r in rows],
        )
        for code, number in last.items():
            if code in existed:
                conn.execute(
                    update(sequences)
                    .where(sequences.c.prefix == code, sequences.c.office_day == day)
                    .values(last_number=number)
                )
            else:
                conn.execute(
                    insert(sequences).values(prefix=code, office_day=day, last_number=number)
                )
        if conn.dialect.name == "postgresql":
            _sync_serial(conn, "tickets")
    return [r["id"] for r in rows]


# -- processes racing --------------------------------------------------------------------------
def _race(
    kind: str, url: str, config: dict[str, Any], processes: int, amount: int
) -> list[dict[str, Any]]:
    """Start ``processes`` workers, release them together, and collect what each did.

    The workers alone share the barrier; this process watches them, so a worker that dies
    before reaching it (a crash while starting) breaks the barrier at once instead of
    leaving the others waiting for the start timeout.
    """
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(processes)
    results: Queue[dict[str, Any]] = ctx.Queue()
    work = _call_next_worker if kind == "call" else _issue_worker
    procs = [
        ctx.Process(
            target=work,
            args=(url, config, i, amount, barrier, results),
            name=f"kiosk-bench-{kind}-{i}",
            daemon=True,
        )
        for i in range(processes)
    ]
    started: list[BaseProcess] = []
    try:
        for proc in procs:
            proc.start()
            started.append(proc)
        return _collect(procs, barrier, results)
    finally:
        for child in started:
            child.join(timeout=30)
        for child in started:
            if child.is_alive():
                child.terminate()
                child.join(timeout=10)
        results.close()


def _collect(
    procs: Sequence[BaseProcess], barrier: Barrier, results: Queue[dict[str, Any]]
) -> list[dict[str, Any]]:
    outs: dict[int, dict[str, Any]] = {}
    deadline = time.monotonic() + START_TIMEOUT_S + RUN_TIMEOUT_S
    gone_since: dict[int, float] = {}
    while len(outs) < len(procs):
        try:
            item = results.get(timeout=0.5)
        except queue.Empty:
            now = time.monotonic()
            if now > deadline:
                barrier.abort()
                raise RuntimeError("bench workers did not finish in time") from None
            for i, proc in enumerate(procs):
                if i in outs or proc.exitcode is None:
                    continue
                # Dead without a result: give its last message a moment to arrive.
                if now - gone_since.setdefault(i, now) > 5.0:
                    barrier.abort()
                    raise RuntimeError(
                        f"bench worker {i} exited (code {proc.exitcode}) without a result"
                    ) from None
            continue
        if not item["ok"]:
            barrier.abort()
            raise _as_error(_root_cause(item, results))
        outs[item["worker"]] = item
    return [outs[i] for i in sorted(outs)]


def _root_cause(item: dict[str, Any], results: Queue[dict[str, Any]]) -> dict[str, Any]:
    """A worker that only saw the barrier break was not the one that failed: find that one."""
    deadline = time.monotonic() + 5.0
    while item["error_type"] == "BrokenBarrierError" and time.monotonic() < deadline:
        try:
            other = results.get(timeout=0.5)
        except queue.Empty:
            continue
        if not other["ok"] and other["error_type"] != "BrokenBarrierError":
            return other
    return item


def _as_error(item: Mapping[str, Any]) -> Exception:
    if item["error_type"] == "DatabaseUnavailable":
        return DatabaseUnavailable(item["error"])
    return RuntimeError(f"bench worker {item['worker']} failed:\n{item['traceback']}")


def _call_next_worker(
    url: str,
    config: dict[str, Any],
    index: int,
    amount: int,
    barrier: Barrier,
    results: Queue[dict[str, Any]],
) -> None:
    """Counter ``index + 1``: call next and finish until nobody waits."""
    _in_worker(_call_loop, url, config, index, amount, barrier, results)


def _issue_worker(
    url: str,
    config: dict[str, Any],
    index: int,
    amount: int,
    barrier: Barrier,
    results: Queue[dict[str, Any]],
) -> None:
    """Issue ``amount`` tickets, going round the services."""
    _in_worker(_issue_loop, url, config, index, amount, barrier, results)


def _in_worker(
    loop: Callable[[Office, int, int], dict[str, Any]],
    url: str,
    config: dict[str, Any],
    index: int,
    amount: int,
    barrier: Barrier,
    results: Queue[dict[str, Any]],
) -> None:
    try:
        settings = settings_from_dict(config, "kiosk bench")
        with Office.open(url, settings=settings, upgrade=False) as office:
            office.counters()  # connect before the start, not after
            barrier.wait(timeout=START_TIMEOUT_S)
            out = loop(office, index, amount)
        results.put({"ok": True, "worker": index, **out})
    except BaseException as exc:
        barrier.abort()
        results.put(
            {
                "ok": False,
                "worker": index,
                "error": str(exc),
                "error_type": type(exc).__name__,
                "traceback": traceback.format_exc(),
            }
        )
    finally:
        results.close()
        results.join_thread()


def _call_loop(office: Office, index: int, amount: int) -> dict[str, Any]:
    counter = index + 1
    ids: list[int] = []
    timeouts = 0
    start = time.perf_counter()
    while True:
        try:
            ticket = office.call_next(counter)
        except DatabaseUnavailable:
            timeouts = _one_more_timeout(timeouts)
            continue
        if ticket is None:
            break
        ids.append(ticket.id)
        while True:
            try:
                office.finish(ticket.id)
                break
            except DatabaseUnavailable:
                timeouts = _one_more_timeout(timeouts)
    end = time.perf_counter()
    return {"ids": ids, "start": start, "end": end, "lock_timeouts": timeouts}


def _issue_loop(office: Office, index: int, amount: int) -> dict[str, Any]:
    codes = [s.code for s in office.settings.services]
    issued: list[list[Any]] = []
    timeouts = 0
    start = time.perf_counter()
    for k in range(amount):
        code = codes[(index + k) % len(codes)]
        while True:
            try:
                t = office.issue_ticket(code)
                break
            except DatabaseUnavailable:
                timeouts = _one_more_timeout(timeouts)
        issued.append([t.id, code, t.office_day.isoformat(), t.number])
    end = time.perf_counter()
    return {"tickets": issued, "start": start, "end": end, "lock_timeouts": timeouts}


def _one_more_timeout(timeouts: int) -> int:
    """A lock wait ran out (the transaction rolled back, so it is safe to retry)."""
    if timeouts + 1 > MAX_LOCK_TIMEOUTS:
        raise DatabaseUnavailable(f"gave up after {MAX_LOCK_TIMEOUTS} lock timeouts")
    return timeouts + 1
