"""The queue against a pure-Python reference model, on a real SQLite file.

A hypothesis state machine issues tickets, calls the next one, recalls, starts, finishes,
marks no-shows, cancels, transfers and calls out of order, at random, and tries illegal
actions too. After every step the database must agree with the model: who was called,
every ticket's state, the numbering, and that no counter ever has two applicants at once.
The machine runs once per priority policy.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from kiosk import Office
from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.errors import (
    IllegalTransition,
    KioskError,
    QuotaReached,
    ReasonRequired,
    SameService,
    ServiceInactive,
)
from kiosk.domain.model import Ticket, TicketStatus
from kiosk.domain.numbering import ticket_code

S = TicketStatus
QUEUED = frozenset({S.WAITING, S.TRANSFERRED})
AT_COUNTER = frozenset({S.CALLED, S.SERVING})

RECALL_LIMIT = 1  # the second recall of a ticket makes it a no-show
QUOTA_C = 4
COUNTERS: dict[int, tuple[str, ...]] = {1: ("A",), 2: ("A", "B"), 3: ("B", "C"), 4: ("A", "B", "C")}
SERVICES = ["A", "B", "C", "D"]  # D is switched off
PRIORITIES = ["lansia", "disabilitas"]
DAY = dt.date(2026, 11, 23)
START = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)  # Monday 08:00 WIB

#: Office method -> (states it is allowed from, state it leads to)
MOVES = {
    "start": (frozenset({S.CALLED}), S.SERVING),
    "finish": (frozenset({S.CALLED, S.SERVING}), S.DONE),
    "no_show": (frozenset({S.CALLED}), S.NO_SHOW),
    "cancel": (frozenset({S.WAITING, S.TRANSFERRED, S.CALLED}), S.CANCELLED),
}
TRANSFERABLE = frozenset({S.WAITING, S.TRANSFERRED, S.CALLED, S.SERVING})

#: The columns the model is compared with, as the database stores them.
TICKET_COLUMNS = "id, code, number, service, status, counter, recalls, priority, origin_service"
#: Everything a refused action must leave exactly as it was.
WHOLE_STATE = {
    "tickets": "SELECT * FROM tickets ORDER BY id",
    "counters": "SELECT * FROM counters ORDER BY number",
    "sequences": "SELECT * FROM daily_sequences ORDER BY prefix, office_day",
    "events": "SELECT count(*) FROM ticket_events",
    "audit": "SELECT count(*) FROM audit_log",
}


def office_settings(policy: str, every: int) -> Settings:
    def service(code: str, **extra: Any) -> dict[str, Any]:
        return {"code": code, "name_id": f"Layanan {code}", "name_en": f"Service {code}", **extra}

    return settings_from_dict(
        {
            "office": {"name": "Kanim Uji", "timezone": "Asia/Jakarta"},
            "queue": {
                "recall_limit": RECALL_LIMIT,
                "priority_policy": policy,
                "priority_every": every,
            },
            "priority": [{"code": p, "name_id": p, "name_en": p} for p in PRIORITIES],
            "services": [
                service("A"),
                service("B"),
                service("C", daily_quota=QUOTA_C),
                service("D", active=False),
            ],
            "counters": [{"number": n, "services": list(s)} for n, s in COUNTERS.items()],
        }
    )


_template: dict[str, bytes] = {}


def fresh_database(path: Path) -> None:
    """A migrated, catalogued database file: made once, then copied for every example."""
    if "db" not in _template:
        with tempfile.TemporaryDirectory() as tmp:
            made = Path(tmp) / "template.db"
            Office.open(f"sqlite:///{made}", settings=office_settings("fifo", 3)).close()
            wal = Path(f"{made}-wal")
            assert not wal.exists() or wal.stat().st_size == 0  # all in the main file
            _template["db"] = made.read_bytes()
    path.write_bytes(_template["db"])


@dataclass
class Model:
    """What the reference model knows of one ticket."""

    id: int
    code: str
    number: int
    service: str
    priority: str | None
    issued_at: dt.datetime
    status: TicketStatus = S.WAITING
    counter: int | None = None
    recalls: int = 0
    origin_service: str | None = None

    @property
    def key(self) -> tuple[dt.datetime, int]:
        return (self.issued_at, self.id)

    def row(self) -> tuple[Any, ...]:
        return (self.id, self.code, self.number, self.service, self.status.value,
                self.counter, self.recalls, self.priority, self.origin_service)  # fmt: skip


# A ticket is picked by a number (any ticket) and a preference for a state, so that legal
# moves are common while illegal ones are still tried.
pick_index = st.integers(0, 10_000)
prefer = st.sampled_from([None, S.WAITING, S.CALLED, S.SERVING, S.TRANSFERRED])
ref_style = st.sampled_from(["id", "id-text", "code", "typed"])
counter_number = st.sampled_from(sorted(COUNTERS))
arrivals = st.lists(
    st.tuples(st.sampled_from(SERVICES), st.sampled_from([None, None, *PRIORITIES])),
    min_size=1,
    max_size=3,
)


class QueueMachine(RuleBasedStateMachine):
    POLICY: ClassVar[str] = "priority_first"
    EVERY: ClassVar[int] = 3

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-props-"))
        path = self.dir / "kiosk.db"
        fresh_database(path)
        self.now = START
        self.office = Office.open(
            f"sqlite:///{path}",
            settings=office_settings(self.POLICY, self.EVERY),
            clock=lambda: self.now,
        )
        # A second, plain connection reads the database after each step (autocommit: each
        # read sees what the office last committed).
        self.peek = sqlite3.connect(path, isolation_level=None)
        self.tickets: list[Model] = []
        self.numbers: dict[str, int] = {}
        self.since_priority: dict[int, int] = dict.fromkeys(COUNTERS, 0)

    def teardown(self) -> None:
        self.office.close()
        self.peek.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- helpers ------------------------------------------------------------------------
    def tick(self, seconds: int = 2) -> None:
        self.now += dt.timedelta(seconds=seconds)

    def pick(self, index: int, status: TicketStatus | None) -> Model:
        pool = [t for t in self.tickets if t.status is status] or self.tickets
        return pool[index % len(pool)]

    @staticmethod
    def ref(t: Model, style: str) -> int | str:
        if style == "id":
            return t.id
        if style == "id-text":
            return f" {t.id} "
        if style == "code":
            return t.code
        return t.code.lower().replace("-", "")  # "a007", as typed at a counter

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with contextlib.closing(self.peek.execute(sql, params)) as cur:
            return cur.fetchall()

    def whole_state(self) -> dict[str, list[tuple[Any, ...]]]:
        return {name: self.rows(sql) for name, sql in WHOLE_STATE.items()}

    def refused(self, error: type[KioskError], action: Any, *args: Any) -> None:
        """``action`` must raise ``error`` and change nothing at all."""
        before = self.whole_state()
        with pytest.raises(error):
            action(*args)
        assert self.whole_state() == before

    def at_counter(self, counter: int) -> Model | None:
        here = [t for t in self.tickets if t.counter == counter and t.status in AT_COUNTER]
        assert len(here) <= 1
        return here[0] if here else None

    def finish_current(self, counter: int) -> None:
        current = self.at_counter(counter)
        if current is not None:
            current.status = S.DONE

    def expected_next(self, counter: int) -> Model | None:
        """The reference call order, written independently of kiosk.domain.call_order."""
        queued = [t for t in self.tickets if t.status in QUEUED and t.service in COUNTERS[counter]]
        regular = min((t for t in queued if t.priority is None), key=lambda t: t.key, default=None)
        prio = min((t for t in queued if t.priority is not None), key=lambda t: t.key, default=None)
        if regular is None or prio is None:
            return prio or regular
        if self.POLICY == "priority_first":
            return prio
        if self.POLICY == "interleave":
            return prio if self.since_priority[counter] >= self.EVERY else regular
        return min(regular, prio, key=lambda t: t.key)

    @staticmethod
    def check(got: Ticket, t: Model) -> None:
        assert (got.id, got.code, got.number) == (t.id, t.code, t.number)
        assert got.status is t.status, f"{t.code}: {got.status} != {t.status}"
        assert (got.service, got.origin_service) == (t.service, t.origin_service)
        assert (got.counter, got.recalls) == (t.counter, t.recalls)
        assert got.priority == t.priority
        assert got.issued_at == t.issued_at
        assert got.office_day == DAY

    # -- issuing ------------------------------------------------------------------------
    @rule(people=arrivals, seconds=st.integers(0, 3))
    def issue(self, people: list[tuple[str, str | None]], seconds: int) -> None:
        """One to three applicants take tickets, sometimes within the same second."""
        for service, priority in people:
            self.tick(seconds)
            self.issue_one(service, priority)

    def issue_one(self, service: str, priority: str | None) -> None:
        if service == "D":
            self.refused(ServiceInactive, self.office.issue_ticket, service, priority)
            return
        number = self.numbers.get(service, 0) + 1
        if service == "C" and number > QUOTA_C:
            self.refused(QuotaReached, self.office.issue_ticket, service, priority)
            return
        ahead = [t for t in self.tickets if t.status in QUEUED and t.service == service]
        if self.POLICY == "priority_first" and priority is not None:
            ahead = [t for t in ahead if t.priority is not None]

        got = self.office.issue_ticket(service, priority)

        assert all(got.id > t.id for t in self.tickets)
        t = Model(got.id, ticket_code(service, number), number, service, priority, self.now)
        self.check(got, t)
        assert got.people_ahead == len(ahead)
        assert got.estimated_wait_seconds is not None
        assert (got.estimated_wait_seconds == 0) is (not ahead)
        assert got.estimated_wait_seconds % 60 == 0
        self.tickets.append(t)
        self.numbers[service] = number

    # -- calling ------------------------------------------------------------------------
    @rule(counter=counter_number, times=st.integers(1, 4))
    def call_next(self, counter: int, times: int) -> None:
        for _ in range(times):
            self.tick()
            expected = self.expected_next(counter)
            got = self.office.call_next(counter)
            if expected is None:
                assert got is None  # and the counter's current applicant stays there
                return
            assert got is not None, f"counter {counter}: expected {expected.code}, got nobody"
            assert got.code == expected.code, f"counter {counter}: {got.code} != {expected.code}"
            self.finish_current(counter)
            expected.status, expected.counter = S.CALLED, counter
            if expected.priority is None:
                self.since_priority[counter] += 1
            else:
                self.since_priority[counter] = 0
            self.check(got, expected)
            assert got.called_at == self.now

    @precondition(lambda self: self.tickets)
    @rule(
        index=pick_index,
        status=prefer,
        counter=counter_number,
        reason=st.sampled_from(["", "   ", "pemohon lansia kembali dari fotokopi"]),
        style=ref_style,
    )
    def call_ticket(
        self, index: int, status: TicketStatus | None, counter: int, reason: str, style: str
    ) -> None:
        self.tick()
        t = self.pick(index, status)
        ref = self.ref(t, style)
        if not reason.strip():
            self.refused(ReasonRequired, self.office.queue.call_ticket, ref, counter, reason)
            return
        if t.status not in QUEUED:
            self.refused(IllegalTransition, self.office.queue.call_ticket, ref, counter, reason)
            return
        audited = len(self.office.queue.audit_log(action="call_out_of_order"))
        got = self.office.queue.call_ticket(ref, counter, reason)
        self.finish_current(counter)
        t.status, t.counter = S.CALLED, counter  # the interleave count is left alone
        self.check(got, t)
        log = self.office.queue.audit_log(action="call_out_of_order")
        assert len(log) == audited + 1
        assert (log[0].ticket_code, log[0].counter, log[0].reason) == (t.code, counter, reason)

    @precondition(lambda self: self.tickets)
    @rule(index=pick_index, status=prefer, style=ref_style, times=st.integers(1, 3))
    def recall(self, index: int, status: TicketStatus | None, style: str, times: int) -> None:
        """The officer announces a ticket again, perhaps several times in a row."""
        t = self.pick(index, status)
        for _ in range(times):
            self.tick()
            if t.status is not S.CALLED:
                self.refused(IllegalTransition, self.office.queue.recall, self.ref(t, style))
                continue
            got = self.office.queue.recall(self.ref(t, style))
            if t.recalls >= RECALL_LIMIT:
                t.status = S.NO_SHOW
            else:
                t.recalls += 1
            self.check(got, t)

    # -- moving a ticket along ----------------------------------------------------------
    @precondition(lambda self: self.tickets)
    @rule(action=st.sampled_from(sorted(MOVES)), index=pick_index, status=prefer, style=ref_style)
    def move(self, action: str, index: int, status: TicketStatus | None, style: str) -> None:
        """start, finish, no_show or cancel: legal from some states, refused from others."""
        self.tick()
        t = self.pick(index, status)
        method = getattr(self.office.queue, action)
        sources, target = MOVES[action]
        if t.status not in sources:
            self.refused(IllegalTransition, method, self.ref(t, style))
            return
        got = method(self.ref(t, style))
        t.status = target
        self.check(got, t)

    @precondition(lambda self: self.tickets)
    @rule(
        index=pick_index,
        status=prefer,
        to_service=st.sampled_from(SERVICES),
        style=ref_style,
    )
    def transfer(
        self, index: int, status: TicketStatus | None, to_service: str, style: str
    ) -> None:
        self.tick()
        t = self.pick(index, status)
        ref = self.ref(t, style)
        if to_service == "D":
            self.refused(ServiceInactive, self.office.queue.transfer, ref, to_service)
            return
        if to_service == t.service:
            self.refused(SameService, self.office.queue.transfer, ref, to_service)
            return
        if t.status not in TRANSFERABLE:
            self.refused(IllegalTransition, self.office.queue.transfer, ref, to_service)
            return
        got = self.office.queue.transfer(ref, to_service)
        t.origin_service = t.origin_service or t.service
        t.status, t.service, t.counter, t.recalls = S.TRANSFERRED, to_service, None, 0
        self.check(got, t)
        assert got.called_at is None and got.started_at is None

    # -- what the board shows -----------------------------------------------------------
    @rule()
    def queue_status(self) -> None:
        status = self.office.queue.status()
        assert status.office_day == DAY
        current = {c.counter.number: c.current for c in status.counters}
        assert set(current) == set(COUNTERS)
        for number in COUNTERS:
            here, shown = self.at_counter(number), current[number]
            assert (shown.code if shown else None) == (here.code if here else None), number
        by_service = {q.service.code: q for q in status.services}
        for service in SERVICES:
            queued = [t for t in self.tickets if t.status in QUEUED and t.service == service]
            prio = [t for t in queued if t.priority is not None]
            q = by_service[service]
            assert (q.waiting, q.priority_waiting) == (len(queued), len(prio)), service
            assert q.issued_today == self.numbers.get(service, 0)
            assert (q.estimated_wait_seconds == 0) is (not queued)
        assert by_service["C"].quota_left == QUOTA_C - self.numbers.get("C", 0)
        assert not by_service["D"].open_now

    # -- invariants ---------------------------------------------------------------------
    @invariant()
    def database_matches_the_model(self) -> None:
        stored = self.rows(f"SELECT {TICKET_COLUMNS} FROM tickets ORDER BY id")
        assert stored == [t.row() for t in self.tickets]
        desks = self.rows("SELECT number, regular_since_priority FROM counters ORDER BY number")
        assert desks == sorted(self.since_priority.items())

    @invariant()
    def numbers_run_one_to_n_per_service(self) -> None:
        taken = dict(self.rows("SELECT prefix, last_number FROM daily_sequences"))
        assert taken == self.numbers  # a refused issue gave its number back
        for prefix, last in taken.items():
            numbers = self.rows(
                "SELECT number FROM tickets WHERE prefix = ? ORDER BY number", prefix
            )
            assert [n for (n,) in numbers] == list(range(1, last + 1)), prefix
        codes = self.rows("SELECT code FROM tickets")
        assert len(set(codes)) == len(codes) == len(self.tickets)

    @invariant()
    def one_applicant_per_counter(self) -> None:
        crowded = self.rows(
            "SELECT counter, count(*) FROM tickets WHERE status IN ('called', 'serving') "
            "GROUP BY counter HAVING count(*) > 1 OR counter IS NULL"
        )
        assert crowded == [], f"(counter, applicants at it): {crowded}"


RUN = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class PriorityFirstMachine(QueueMachine):
    POLICY = "priority_first"


class InterleaveMachine(QueueMachine):
    POLICY = "interleave"
    EVERY = 2


class FifoMachine(QueueMachine):
    POLICY = "fifo"


TestPriorityFirst = PriorityFirstMachine.TestCase
TestPriorityFirst.settings = RUN
TestInterleaveEvery2 = InterleaveMachine.TestCase
TestInterleaveEvery2.settings = RUN
TestFifo = FifoMachine.TestCase
TestFifo.settings = RUN
