"""The queue's hot queries use an index on a database with history, with and without
the planner's statistics: no step of their plans reads the tickets or their events whole
(SCAN), nor searches an index without holding it to a day, a ticket or a time.

The statements are the ones issuing, calling and a counter's desk really send (caught by
the execute hook), explained with their own parameters on the same SQLite file. A year of
history made call-next walk every "called" event ever recorded (issue 16).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from kiosk import Office
from kiosk.config.settings import settings_from_dict
from kiosk.storage.engine import make_engine
from kiosk.tools.bench.history import load_history
from tests.statements import Statement, captured, work

from .test_office import MONDAY_9AM, FakeClock

#: Enough history that a scan would be the biggest step; small enough to load in a moment.
HISTORY_TICKETS = 3_000
WATCHED = ("tickets", "ticket_events")


def _tables_and_aliases(sql: str) -> set[str]:
    names = set(WATCHED)
    for _table, alias in re.findall(r"\b(tickets|ticket_events)\s+AS\s+(\w+)", sql):
        names.add(alias)
    return names


#: A step over a watched table is bounded when its index search pins one of these: the
#: office day, a ticket (its key, or the events of one ticket), or a start time.
_BOUND = re.compile(r"\b(office_day|rowid|ticket_id|at)(=|>|<)")
_STEP = re.compile(r"^(SCAN|SEARCH) (\w+)(.*?)(?: \((.*)\))?$")


def _unbounded(conn: sqlite3.Connection, statement: Statement) -> list[str]:
    """The plan steps that read a watched table (or its alias) whole, or through an index
    whose search is not held to a day, a ticket or a time: such a step grows with history."""
    names = _tables_and_aliases(statement.sql)
    plan = conn.execute("EXPLAIN QUERY PLAN " + statement.sql, statement.parameters).fetchall()
    bad = []
    for *_ids, detail in plan:
        step = _STEP.match(detail)
        if step is None or step.group(2) not in names:
            continue
        if step.group(1) == "SCAN" or not _BOUND.search(step.group(4) or ""):
            bad.append(detail)
    return bad


@pytest.fixture
def office_with_history(tmp_path: Path) -> Iterator[tuple[Office, Path]]:
    path = tmp_path / "kiosk.db"
    url = f"sqlite:///{path}"
    clock = FakeClock(MONDAY_9AM)
    settings = settings_from_dict({})
    office = Office.open(url, settings=settings, clock=clock)
    engine = make_engine(url)
    try:
        load_history(engine, settings, office.today(), HISTORY_TICKETS, lambda _msg: None)
    finally:
        engine.dispose()
    try:
        yield office, path
    finally:
        office.close()


def _hot_statements(office: Office) -> list[Statement]:
    """What a busy morning sends: issues (regular, priority) into queues that already
    have people, calls that close the counter's current ticket and consult its day, a
    finish, and the desk an officer sees."""
    priority = "lansia"  # one of the default priority groups
    for code in ("A", "B", "A", "C"):
        office.issue_ticket(code)
    office.issue_ticket("A", priority)
    with captured() as seen:
        office.issue_ticket("A")
        office.issue_ticket("B", priority)
        # From a counter's second regular call on, a call asks whether the counter has
        # called anyone today (a new day restarts its interleave count).
        called = [office.call_next(counter) for counter in (1, 2, 1, 2, 1, 2)]
        last = called[-1]
        assert last is not None and None not in called
        office.finish(last.id)
        office.queue.counter_desk(1)
    return [s for s in work(seen) if any(t in s.sql for t in WATCHED)]


def _assert_no_scan(path: Path, statements: Sequence[Statement]) -> None:
    conn = sqlite3.connect(path)
    try:
        found = {s.sql: scans for s in statements if (scans := _unbounded(conn, s))}
    finally:
        conn.close()
    assert not found, "hot queries whose plans grow with history:\n" + "\n".join(
        f"{' '.join(sql.split())}\n  -> {scans}" for sql, scans in found.items()
    )


def test_hot_queries_search_by_index_without_statistics(
    office_with_history: tuple[Office, Path],
) -> None:
    office, path = office_with_history
    statements = _hot_statements(office)
    assert any("ticket_events" in s.sql and s.sql.lstrip().startswith("SELECT") for s in statements)
    _assert_no_scan(path, statements)


def test_hot_queries_search_by_index_once_closing_took_statistics(
    office_with_history: tuple[Office, Path],
) -> None:
    office, path = office_with_history
    statements = _hot_statements(office)
    office.close()  # PRAGMA optimize as each connection closes
    conn = sqlite3.connect(path)
    try:
        analysed = {t for (t,) in conn.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
    finally:
        conn.close()
    assert {"tickets", "ticket_events"} <= analysed
    _assert_no_scan(path, statements)
