"""Processes racing on one database: counters calling next at once, kiosks issuing at
once, each worker a spawned process of its own (as PCs are), started together at a
barrier; and the waiting tickets the call-next race is run on."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import queue
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any

from sqlalchemy import Engine, func, insert, select, update

from kiosk.config.settings import settings_from_dict
from kiosk.domain.errors import DatabaseUnavailable
from kiosk.domain.model import TicketStatus
from kiosk.domain.numbering import ticket_code
from kiosk.office import Office
from kiosk.storage.engine import writer
from kiosk.tools.bench.history import _tables, sync_serial

#: How long the workers may take to start (spawned interpreters on a slow machine).
START_TIMEOUT_S = 300.0
#: How long one race may run once started.
RUN_TIMEOUT_S = 1800.0
#: Lock timeouts a worker tolerates (each waited busy_timeout) before it gives up.
MAX_LOCK_TIMEOUTS = 20


def preissue(engine: Engine, day: dt.date, count: int, codes: Sequence[str]) -> list[int]:
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
            sync_serial(conn, "tickets")
    return [r["id"] for r in rows]


def race(
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
            office.queue.counters()  # connect before the start, not after
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
