"""Many processes against one real database: numbers, calls, crashes and locks.

Every child is a fresh interpreter (spawn), as a kiosk, a counter PC or the display would
be. Targets are module-level so that spawn can import them.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import queue
import signal
import sqlite3
import time
import traceback
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk import Office
from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.errors import DatabaseUnavailable, NoSuchTicket
from kiosk.domain.model import TicketStatus
from kiosk.domain.numbering import ticket_code
from kiosk.storage import engine as engine_module
from kiosk.storage.engine import make_engine, sqlite_path, writer
from kiosk.storage.queue_repository import SqlQueueRepository
from kiosk.storage.tables import DailySequenceRow, TicketEventRow, TicketRow

PROCESSES = 16
#: Tickets each of the 16 processes issues. Every call through the facade is a full
#: transaction (about 5-15 ms of Python and SQL on a small machine, serialised by the
#: database), and starting 16 interpreters takes ~10 s on 2 cores: these sizes keep each race
#: around 20-40 s. KIOSK_TEST_RACE_TICKETS=200 makes a longer soak run.
PER_PROCESS = {"sqlite": 40, "postgres": 30}
#: 10:00 WIB on a Monday: a fixed instant, so parent and children agree on the office day.
NOW = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 3, 2)
CHILD_TIMEOUT = 90.0


def fixed_clock() -> dt.datetime:
    return NOW


def race_settings() -> Settings:
    """The default office, but with 16 counters that all serve service A."""
    return settings_from_dict(
        {"counters": [{"number": n, "services": ["A"]} for n in range(1, PROCESSES + 1)]}
    )


def _collect(procs: list[Any], results: Any, expected: int, timeout: float) -> list[Any]:
    """``expected`` messages from the children (fewer on error or timeout); then join them."""
    got: list[Any] = []
    deadline = time.monotonic() + timeout
    try:
        while len(got) < expected:
            try:
                got.append(results.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                break
            if got[-1][0] == "error":  # the others give up at their barrier: hear them out
                deadline = min(deadline, time.monotonic() + 10)
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
                p.join(timeout=10)
    return got


def _errors(messages: list[Any]) -> str:
    """The children's tracebacks, the cause first (others then only saw a broken barrier)."""
    tracebacks = [m[-1] for m in messages if m[0] == "error"]
    tracebacks.sort(key=lambda tb: "BrokenBarrierError" in tb)
    return "\n".join(tracebacks)


# -- 16 kiosks issuing, then 16 counters calling -------------------------------------------
def _kiosk_then_counter(
    url: str, index: int, per_process: int, start: Any, issued_all: Any, results: Any
) -> None:
    """Child: issue ``per_process`` A tickets, wait for every kiosk, then work as a counter."""
    try:
        with Office.open(url, settings=race_settings(), clock=fixed_clock) as office:
            start.wait(timeout=CHILD_TIMEOUT)
            numbers = [office.issue_ticket("A").number for _ in range(per_process)]
            results.put(("issued", index, numbers))
            issued_all.wait(timeout=CHILD_TIMEOUT)
            counter = index + 1
            called: list[int] = []
            while (ticket := office.call_next(counter)) is not None:
                if ticket.counter != counter or ticket.status is not TicketStatus.CALLED:
                    raise AssertionError(f"counter {counter} got {ticket}")
                called.append(ticket.id)
                office.finish(ticket.id)
            results.put(("called", index, called))
    except BaseException:
        start.abort()
        issued_all.abort()
        results.put(("error", index, traceback.format_exc()))


def _per_process(backend: str) -> int:
    return int(os.environ.get("KIOSK_TEST_RACE_TICKETS") or PER_PROCESS[backend])


def _race(url: str, per_process: int) -> None:
    with Office.open(url, settings=race_settings(), clock=fixed_clock):
        pass  # schema and catalog in place before the race starts

    ctx = multiprocessing.get_context("spawn")
    start, issued_all = ctx.Barrier(PROCESSES), ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=_kiosk_then_counter,
            args=(url, i, per_process, start, issued_all, results),
            name=f"kiosk-{i}",
        )
        for i in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    messages = _collect(procs, results, 2 * PROCESSES, timeout=240)
    results.close()
    results.join_thread()

    errors = _errors(messages)
    assert not errors, f"child processes failed:\n{errors}"
    assert [p.exitcode for p in procs] == [0] * PROCESSES
    issued = [m for m in messages if m[0] == "issued"]
    called = [m for m in messages if m[0] == "called"]
    assert len(issued) == len(called) == PROCESSES

    total = PROCESSES * per_process
    numbers = [n for _, _, ns in issued for n in ns]
    duplicates = sorted(n for n, k in Counter(numbers).items() if k > 1)
    assert duplicates == []
    assert sorted(numbers) == list(range(1, total + 1))

    ids = [i for _, _, got in called for i in got]
    assert len(ids) == total
    assert len(set(ids)) == total, "a ticket was handed to two counters"
    assert sum(1 for _, _, got in called if got) > 1, "only one counter ever got a ticket"

    engine = make_engine(url)
    try:
        with Session(engine) as session:
            rows = session.execute(select(TicketRow.id, TicketRow.number, TicketRow.status)).all()
            assert sorted(r.number for r in rows) == list(range(1, total + 1))
            assert {r.id for r in rows} == set(ids)
            assert {r.status for r in rows} == {TicketStatus.DONE.value}
            calls = dict(
                session.execute(
                    select(TicketEventRow.ticket_id, func.count())
                    .where(TicketEventRow.kind == "called")
                    .group_by(TicketEventRow.ticket_id)
                ).all()
            )
            assert calls == {i: 1 for i in ids}, "some ticket was called more than once"
            last = session.scalar(
                select(DailySequenceRow.last_number).where(
                    DailySequenceRow.prefix == "A", DailySequenceRow.office_day == DAY
                )
            )
            assert last == total
    finally:
        engine.dispose()


@pytest.mark.slow
def test_sixteen_kiosks_and_sixteen_counters_on_sqlite(sqlite_url: str) -> None:
    _race(sqlite_url, _per_process("sqlite"))


@pytest.mark.slow
@pytest.mark.postgres
def test_sixteen_kiosks_and_sixteen_counters_on_postgres(postgres_url: str) -> None:
    _race(postgres_url, _per_process("postgres"))


# -- a kiosk dies in the middle of issuing ---------------------------------------------------
def _die_mid_issue(url: str, in_transaction: Any, results: Any) -> None:
    """Child: do what issue_ticket does, up to the commit; then hang until killed."""
    try:
        engine = make_engine(url)
        session = Session(writer(engine))
        repo = SqlQueueRepository(session)
        number = repo.next_number("A", DAY)
        ticket = repo.add_ticket(
            prefix="A",
            number=number,
            code=ticket_code("A", number),
            office_day=DAY,
            priority=None,
            issued_at=NOW,
        )
        repo.add_event(ticket.id, NOW, "issued")
        session.flush()
        results.put(("in_transaction", number))
        in_transaction.set()
        time.sleep(CHILD_TIMEOUT)
        results.put(("error", "the parent did not kill me"))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def test_a_kiosk_killed_mid_issue_leaves_no_trace(db_url: str) -> None:
    with Office.open(db_url, settings=settings_from_dict({}), clock=fixed_clock) as office:
        assert [office.issue_ticket("A").code for _ in range(2)] == ["A-001", "A-002"]

        ctx = multiprocessing.get_context("spawn")
        in_transaction, results = ctx.Event(), ctx.Queue()
        child = ctx.Process(target=_die_mid_issue, args=(db_url, in_transaction, results))
        child.start()
        try:
            got_in = in_transaction.wait(timeout=60)
            message = results.get(timeout=5)
            assert got_in, f"the child never got into its transaction: {message}"
            assert message == ("in_transaction", 3)
            # Nobody sees the uncommitted ticket...
            assert office.queue.tickets_on(DAY) == 2
            assert child.pid is not None
            os.kill(child.pid, signal.SIGKILL)
        finally:
            if child.is_alive():
                child.kill()  # already SIGKILLed above unless something failed first
            child.join(timeout=30)
        assert child.exitcode == -signal.SIGKILL
        results.close()
        results.join_thread()

        # ...and nothing of it survives: no half ticket, the number is not used up.
        assert office.queue.tickets_on(DAY) == 2
        with pytest.raises(NoSuchTicket):
            office.queue.get_ticket("A-003")
        assert [office.issue_ticket("A").code for _ in range(3)] == ["A-003", "A-004", "A-005"]

    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            numbers = session.scalars(select(TicketRow.number).order_by(TicketRow.number)).all()
            assert numbers == [1, 2, 3, 4, 5]
            events = session.scalars(select(TicketEventRow.ticket_id)).all()
            assert sorted(events) == sorted(
                session.scalars(select(TicketRow.id)).all()
            )  # one "issued" event per real ticket, none for the dead one
            last = session.scalar(select(DailySequenceRow.last_number))
            assert last == 5
    finally:
        engine.dispose()


# -- the database is locked or unreachable ----------------------------------------------------
def _hold_sqlite_write_lock(path: str, locked: Any, release: Any) -> None:
    """Child: take SQLite's write lock (as a backup tool or a stuck writer would) and keep it."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    try:
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(timeout=CHILD_TIMEOUT)
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def test_a_write_lock_held_too_long_gives_a_readable_error(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Office.open(sqlite_url, settings=settings_from_dict({}), clock=fixed_clock):
        pass  # schema in place
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 300)
    path = sqlite_path(sqlite_url)
    assert path is not None

    ctx = multiprocessing.get_context("spawn")
    locked, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_sqlite_write_lock, args=(str(path), locked, release))
    with Office.open(sqlite_url, settings=settings_from_dict({}), clock=fixed_clock) as office:
        holder.start()
        try:
            assert locked.wait(timeout=60), "the lock holder never took the lock"
            began = time.monotonic()
            with pytest.raises(DatabaseUnavailable) as info:
                office.issue_ticket("A")
            waited = time.monotonic() - began
            message = str(info.value)
            assert "locked" in message
            assert "Traceback" not in message
            assert "sqlite3" not in message
            assert 0.25 <= waited < 5, f"gave up after {waited:.2f}s, busy timeout is 0.3s"
            # Readers are not blocked by the writer (WAL): the display keeps working.
            assert office.queue.status().office_day == DAY
        finally:
            release.set()
            holder.join(timeout=30)
            if holder.is_alive():
                holder.kill()
                holder.join(timeout=10)
        assert holder.exitcode == 0
        # Once the lock is gone, issuing works, and the failure took no number.
        assert office.issue_ticket("A").code == "A-001"


def test_an_unreachable_postgres_server_gives_database_unavailable() -> None:
    url = "postgresql+psycopg://kiosk:s3cret-pw@127.0.0.1:1/kiosk"
    began = time.monotonic()
    with pytest.raises(DatabaseUnavailable) as info:
        Office.open(url, settings=settings_from_dict({}))
    assert time.monotonic() - began < 15
    message = str(info.value)
    assert "cannot reach the database" in message
    assert "127.0.0.1:1" in message
    assert "s3cret-pw" not in message  # never show the password
    assert "\n" not in message
    assert "Traceback" not in message
