"""The facade as the windows and office scripts use it, on SQLite and on PostgreSQL.

Time is a fake clock: the office is in Asia/Jakarta (WIB, UTC+7), so its day changes at
17:00 UTC. 2026-03-02 is a Monday.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from kiosk import Office
from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.errors import (
    IllegalTransition,
    KioskError,
    NoSuchTicket,
    QuotaReached,
    ReasonRequired,
    SameService,
    ServiceClosed,
    UnknownCounter,
    UnknownPriority,
    UnknownService,
)
from kiosk.domain.model import Ticket, TicketStatus

UTC = dt.UTC
MONDAY = dt.date(2026, 3, 2)
#: 09:00 WIB on Monday 2 March 2026.
MONDAY_9AM = dt.datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand; always aware UTC, like the real one."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now

    def set(self, moment: dt.datetime) -> None:
        self.now = moment


OpenOffice = Callable[..., Office]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9AM)


@pytest.fixture
def open_office(db_url: str, clock: FakeClock) -> Iterator[OpenOffice]:
    """``open_office(config_dict=None)`` opens the test database; all are closed afterwards."""
    opened: list[Office] = []

    def _open(config: dict[str, Any] | None = None, **kwargs: Any) -> Office:
        settings: Settings = settings_from_dict(config or {})
        office = Office.open(db_url, settings=settings, clock=clock, **kwargs)
        opened.append(office)
        return office

    yield _open
    for office in opened:
        office.close()


@pytest.fixture
def office(open_office: OpenOffice) -> Office:
    """The built-in immigration office: services A B C D P, counters 1-5, priority first."""
    return open_office()


def _codes(tickets: list[Ticket | None]) -> list[str | None]:
    return [t.code if t else None for t in tickets]


def _drain(office: Office, counter: int) -> list[str]:
    """Call (and finish) at ``counter`` until nobody waits; the codes in call order."""
    called: list[str] = []
    for _ in range(100):
        t = office.call_next(counter)
        if t is None:
            return called
        assert t.status is TicketStatus.CALLED
        assert t.counter == counter
        called.append(t.code)
        office.finish(t.id)
    raise AssertionError(f"counter {counter} never ran out of tickets: {called}")


# -- numbering ------------------------------------------------------------------------------
def test_numbers_count_per_service(office: Office, clock: FakeClock) -> None:
    issued = [office.issue_ticket(s) for s in ("A", "A", "B", "A", "b", "P")]

    assert [t.code for t in issued] == ["A-001", "A-002", "B-001", "A-003", "B-002", "P-001"]
    assert [t.number for t in issued] == [1, 2, 1, 3, 2, 1]
    assert [t.service for t in issued] == ["A", "A", "B", "A", "B", "P"]
    for t in issued:
        assert t.status is TicketStatus.WAITING
        assert t.office_day == MONDAY
        assert t.issued_at == clock.now
        assert t.issued_at.tzinfo is not None
        assert t.priority is None
        assert t.counter is None
    assert len({t.id for t in issued}) == len(issued)
    assert office.queue.tickets_on(MONDAY) == 6


def test_numbers_restart_on_the_next_office_day(office: Office, clock: FakeClock) -> None:
    # 23:59:59 WIB on Monday is still Monday for the office, though 16:59 UTC.
    clock.set(dt.datetime(2026, 3, 2, 16, 59, 59, tzinfo=UTC))
    assert office.today() == MONDAY
    monday = [office.issue_ticket("A"), office.issue_ticket("A"), office.issue_ticket("B")]
    assert [t.code for t in monday] == ["A-001", "A-002", "B-001"]
    assert {t.office_day for t in monday} == {MONDAY}

    clock.set(dt.datetime(2026, 3, 2, 17, 0, 0, tzinfo=UTC))  # 00:00 WIB Tuesday
    tuesday = dt.date(2026, 3, 3)
    assert office.today() == tuesday
    t = office.issue_ticket("A")
    assert (t.code, t.number, t.office_day) == ("A-001", 1, tuesday)
    assert office.issue_ticket("B").code == "B-001"
    assert office.issue_ticket("A").code == "A-002"
    assert office.queue.tickets_on(MONDAY) == 3
    assert office.queue.tickets_on(tuesday) == 3

    # A code names today's ticket; yesterday's stays reachable by id.
    assert office.queue.get_ticket("A-001").id == t.id
    assert office.queue.get_ticket(monday[0].id).office_day == MONDAY

    # Yesterday's leftovers are not called today.
    assert _drain(office, 1) == ["A-001", "B-001", "A-002"]
    assert office.queue.get_ticket(monday[0].id).status is TicketStatus.WAITING

    status = office.queue.status()
    assert status.office_day == tuesday
    by_code = {q.service.code: q for q in status.services}
    assert by_code["A"].issued_today == 2
    assert by_code["A"].waiting == 0


# -- quotas and opening hours ----------------------------------------------------------------
QUOTA_CONFIG: dict[str, Any] = {
    "services": [
        {"code": "A", "name_id": "Paspor Baru", "name_en": "New Passport", "daily_quota": 2},
        {"code": "B", "name_id": "Penggantian", "name_en": "Replacement"},
    ],
}


def test_quota_refuses_and_does_not_use_up_a_number(
    open_office: OpenOffice, clock: FakeClock
) -> None:
    office = open_office(QUOTA_CONFIG)
    assert [office.issue_ticket("A").code for _ in range(2)] == ["A-001", "A-002"]

    with pytest.raises(QuotaReached) as info:
        office.issue_ticket("A")
    assert info.value.code == "A"
    assert info.value.quota == 2
    assert "2" in str(info.value)
    assert "'A'" in str(info.value)
    with pytest.raises(QuotaReached):
        office.issue_ticket("a")

    # Nothing of the refused tickets is left behind; other services go on.
    assert office.queue.tickets_on(MONDAY) == 2
    with pytest.raises(NoSuchTicket):
        office.queue.get_ticket("A-003")
    assert office.issue_ticket("B").code == "B-001"
    a = next(q for q in office.queue.status().services if q.service.code == "A")
    assert (a.issued_today, a.quota_left, a.waiting) == (2, 0, 2)

    # The supervisor raises the quota: the next number is 3, not 5 -- the refusals did
    # not consume numbers.
    raised = {
        "services": [dict(QUOTA_CONFIG["services"][0], daily_quota=3), QUOTA_CONFIG["services"][1]]
    }
    office.close()
    office = open_office(raised)
    assert office.issue_ticket("A").code == "A-003"
    with pytest.raises(QuotaReached):
        office.issue_ticket("A")

    # The quota is per office day.
    clock.advance(days=1)
    assert office.issue_ticket("A").code == "A-001"


HOURS_CONFIG: dict[str, Any] = {
    "services": [
        {
            "code": "A",
            "name_id": "Paspor Baru",
            "name_en": "New Passport",
            "hours": {"mon-thu": "08:00-15:00", "fri": ["08:00-11:30", "13:30-15:00"]},
        },
        {"code": "B", "name_id": "Penggantian", "name_en": "Replacement"},
    ],
}


def _wib(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """Office-local (UTC+7) wall time as an aware UTC instant."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - dt.timedelta(
        hours=7
    )


def test_opening_hours(open_office: OpenOffice, clock: FakeClock) -> None:
    office = open_office(HOURS_CONFIG)
    friday, saturday = dt.date(2026, 3, 6), dt.date(2026, 3, 7)
    closed = [
        _wib(MONDAY, 7, 59),
        _wib(MONDAY, 15, 0),  # the end of a range is closed
        _wib(friday, 12, 0),  # Friday prayers
        _wib(saturday, 10, 0),  # a day not named is closed
    ]
    for moment in closed:
        clock.set(moment)
        with pytest.raises(ServiceClosed) as info:
            office.issue_ticket("A")
        assert info.value.code == "A"
        assert "08:00-15:00" in str(info.value)
        assert "sat closed" in str(info.value)
        a = next(q for q in office.queue.status().services if q.service.code == "A")
        assert a.open_now is False
        # A service with no hours is open whenever the office is.
        assert office.issue_ticket("B").status is TicketStatus.WAITING

    clock.set(_wib(MONDAY, 8, 0))
    assert office.issue_ticket("A").code == "A-001"  # refusals took no number
    a = next(q for q in office.queue.status().services if q.service.code == "A")
    assert a.open_now is True
    clock.set(_wib(MONDAY, 14, 59))
    assert office.issue_ticket("A").code == "A-002"
    clock.set(_wib(friday, 13, 30))
    assert office.issue_ticket("A").code == "A-001"


# -- bad input ----------------------------------------------------------------------------
def test_unknown_service_priority_counter_and_ticket(office: Office) -> None:
    with pytest.raises(UnknownService) as svc:
        office.issue_ticket("Z")
    assert "'Z'" in str(svc.value)
    assert "A, B, C, D, P" in str(svc.value)

    with pytest.raises(UnknownPriority) as prio:
        office.issue_ticket("A", priority="vip")
    assert "lansia" in str(prio.value)

    with pytest.raises(UnknownCounter) as desk:
        office.call_next(99)
    assert "99" in str(desk.value)
    assert "1, 2, 3, 4, 5" in str(desk.value)
    t = office.issue_ticket("A")
    with pytest.raises(UnknownCounter):
        office.queue.call_ticket(t.id, counter=99, reason="test")
    with pytest.raises(UnknownService):
        office.queue.transfer(t.id, to_service="Z")
    with pytest.raises(SameService):
        office.queue.transfer(t.id, to_service="A")

    for ref in (9999, "9999", "A-002", "Z-001", "not a code"):
        with pytest.raises(NoSuchTicket):
            office.queue.get_ticket(ref)
    with pytest.raises(NoSuchTicket):
        office.finish(9999)

    # Every refusal above left the database as it was: one ticket, still waiting.
    assert office.queue.tickets_on(MONDAY) == 1
    assert office.queue.get_ticket(t.id).status is TicketStatus.WAITING
    # All are errors the user can fix, with a message fit to show.
    assert issubclass(UnknownService, KioskError)
    assert issubclass(UnknownCounter, KioskError)


def test_priority_codes_are_case_insensitive(office: Office) -> None:
    t = office.issue_ticket("a", priority=" LANSIA ")
    assert (t.code, t.priority) == ("A-001", "lansia")
    assert office.issue_ticket("A", priority="").priority is None


# -- calling order ----------------------------------------------------------------------------
def test_call_next_priority_first_by_default(office: Office, clock: FakeClock) -> None:
    for service, prio in [("A", None), ("B", None), ("A", "lansia"), ("A", None), ("B", "anak")]:
        office.issue_ticket(service, priority=prio)
        clock.advance(seconds=30)
    office.issue_ticket("C")  # counter 1 does not serve C

    # Counter 1 serves A and B: priority tickets first (by issue time), then the rest.
    assert _drain(office, 1) == ["A-002", "B-002", "A-001", "B-001", "A-003"]
    assert office.call_next(1) is None
    assert office.call_next(4) is not None  # C is still there for counter 4


def test_call_next_interleave(open_office: OpenOffice, clock: FakeClock) -> None:
    office = open_office({"queue": {"priority_policy": "interleave", "priority_every": 2}})
    for _ in range(5):
        office.issue_ticket("A")
        clock.advance(seconds=10)
    for _ in range(3):
        office.issue_ticket("A", priority="ibu_hamil")
        clock.advance(seconds=10)

    # One priority call after every two regular calls at the counter; then whatever is left.
    assert _drain(office, 1) == [
        "A-001", "A-002", "A-006", "A-003", "A-004", "A-007", "A-005", "A-008",
    ]  # fmt: skip


def test_call_next_fifo(open_office: OpenOffice, clock: FakeClock) -> None:
    office = open_office({"queue": {"priority_policy": "fifo"}})
    for prio in (None, "lansia", None, "anak"):
        office.issue_ticket("B", priority=prio)
        clock.advance(seconds=10)
    assert _drain(office, 2) == ["B-001", "B-002", "B-003", "B-004"]


def test_call_next_returns_none_when_nobody_waits(office: Office) -> None:
    assert office.call_next(1) is None
    office.issue_ticket("D")
    assert office.call_next(1) is None  # counter 1 serves A and B only
    t = office.call_next(4)
    assert t is not None
    assert t.code == "D-001"
    assert office.call_next(4) is None
    # An empty call leaves the current ticket alone.
    assert office.queue.get_ticket(t.id).status is TicketStatus.CALLED


def test_call_next_finishes_the_counters_current_ticket(office: Office, clock: FakeClock) -> None:
    first, second = office.issue_ticket("A"), office.issue_ticket("A")
    assert office.call_next(1) == office.queue.get_ticket(first.id)
    clock.advance(minutes=4)
    called = office.call_next(1)
    assert called is not None
    assert called.id == second.id
    done = office.queue.get_ticket(first.id)
    assert done.status is TicketStatus.DONE
    assert done.finished_at == clock.now


# -- the lifecycle ----------------------------------------------------------------------------
def test_finish_from_called_and_from_serving(office: Office, clock: FakeClock) -> None:
    a, b = office.issue_ticket("A"), office.issue_ticket("A")
    with pytest.raises(IllegalTransition):
        office.finish(a.id)  # still waiting

    called = office.call_next(1)
    assert called is not None
    assert called.id == a.id
    assert called.called_at == clock.now
    clock.advance(minutes=3)
    done = office.finish(a.id)
    assert done.status is TicketStatus.DONE
    assert done.finished_at == clock.now
    assert done.counter == 1

    assert office.call_next(2) is not None
    clock.advance(minutes=1)
    serving = office.queue.start(b.code)
    assert serving.status is TicketStatus.SERVING
    assert serving.started_at == clock.now
    clock.advance(minutes=5)
    done_b = office.finish("A-002")
    assert (done_b.status, done_b.finished_at, done_b.counter) == (
        TicketStatus.DONE,
        clock.now,
        2,
    )

    with pytest.raises(IllegalTransition) as info:
        office.finish(a.id)
    assert "A-001" in str(info.value)
    assert "done" in str(info.value)
    served = {c.counter.number: c.served_today for c in office.queue.status().counters}
    assert served[1] == 1
    assert served[2] == 1


def test_recall_limit_turns_into_no_show(open_office: OpenOffice, clock: FakeClock) -> None:
    office = open_office({"queue": {"recall_limit": 2}})
    t = office.issue_ticket("A")
    with pytest.raises(IllegalTransition):
        office.queue.recall(t.id)  # not called yet
    office.call_next(3)
    for n in (1, 2):
        clock.advance(minutes=1)
        again = office.queue.recall(t.id)
        assert (again.status, again.recalls, again.called_at) == (
            TicketStatus.CALLED,
            n,
            clock.now,
        )
    clock.advance(minutes=1)
    gone = office.queue.recall("A-001")
    assert gone.status is TicketStatus.NO_SHOW
    assert gone.finished_at == clock.now
    assert gone.recalls == 2
    with pytest.raises(IllegalTransition):
        office.queue.recall(t.id)
    assert office.call_next(3) is None


def test_no_show_and_cancel(office: Office) -> None:
    a, b = office.issue_ticket("A"), office.issue_ticket("A")
    office.call_next(1)
    assert office.queue.no_show(a.id).status is TicketStatus.NO_SHOW
    assert office.queue.cancel(b.id).status is TicketStatus.CANCELLED
    assert office.call_next(1) is None


def test_call_ticket_needs_a_reason_and_is_audited(office: Office, clock: FakeClock) -> None:
    first, second, third = (office.issue_ticket("A") for _ in range(3))
    for reason in ("", "   "):
        with pytest.raises(ReasonRequired):
            office.queue.call_ticket(third.id, counter=2, reason=reason)
    assert office.queue.get_ticket(third.id).status is TicketStatus.WAITING
    assert office.queue.audit_log() == []

    called = office.queue.call_ticket(
        "A-003", counter=2, reason="  petugas: wheelchair  ", actor="budi"
    )
    assert (called.id, called.status, called.counter) == (third.id, TicketStatus.CALLED, 2)
    assert called.called_at == clock.now

    [entry] = office.queue.audit_log()
    assert entry.action == "call_out_of_order"
    assert entry.reason == "petugas: wheelchair"
    assert entry.ticket_code == "A-003"
    assert entry.counter == 2
    assert entry.actor == "budi"
    assert entry.at == clock.now
    assert office.queue.audit_log(action="call_out_of_order") == [entry]
    assert office.queue.audit_log(action="something_else") == []

    with pytest.raises(IllegalTransition):
        office.queue.call_ticket(third.id, counter=1, reason="twice")  # already called
    # The rest of the queue keeps its order.
    assert _drain(office, 1) == [first.code, second.code]


def test_transfer_keeps_the_place_by_issue_time(open_office: OpenOffice, clock: FakeClock) -> None:
    office = open_office(
        {
            "counters": [
                {"number": 1, "services": ["A"]},
                {"number": 2, "services": ["B"]},
            ]
        }
    )
    b1 = office.issue_ticket("B")
    clock.advance(minutes=1)
    a1 = office.issue_ticket("A")
    clock.advance(minutes=1)
    b2 = office.issue_ticket("B")

    called = office.call_next(1)
    assert called is not None
    assert called.id == a1.id
    clock.advance(minutes=2)
    moved = office.queue.transfer(a1.id, to_service="b", actor="siti")
    assert moved.status is TicketStatus.TRANSFERRED
    assert (moved.code, moved.service, moved.origin_service) == ("A-001", "B", "A")
    assert (moved.counter, moved.called_at) == (None, None)
    assert moved.issued_at == a1.issued_at
    clock.advance(minutes=1)
    b3 = office.issue_ticket("B")

    # Between B-001 and B-002, where its issue time puts it; before later B tickets.
    assert _drain(office, 2) == [b1.code, "A-001", b2.code, b3.code]
    assert office.call_next(1) is None
    done = office.queue.get_ticket(a1.id)
    assert (done.status, done.counter, done.service) == (TicketStatus.DONE, 2, "B")


# -- what the applicant is told ------------------------------------------------------------
def test_people_ahead_and_estimated_wait_at_issue(office: Office, clock: FakeClock) -> None:
    # Service A assumes 5 minutes a ticket until today has finished tickets; no counter
    # has called anyone yet, so one counter is assumed.
    regular = [office.issue_ticket("A") for _ in range(3)]
    assert [t.people_ahead for t in regular] == [0, 1, 2]
    assert [t.estimated_wait_seconds for t in regular] == [0, 300, 600]
    assert regular[2].estimated_wait == dt.timedelta(minutes=10)

    elderly = office.issue_ticket("A", priority="lansia")
    assert (elderly.people_ahead, elderly.estimated_wait_seconds) == (0, 0)  # priority first
    late = office.issue_ticket("A")
    assert (late.people_ahead, late.estimated_wait_seconds) == (4, 1200)
    # What the slip said is kept with the ticket.
    stored = office.queue.get_ticket(late.id)
    assert (stored.people_ahead, stored.estimated_wait_seconds) == (4, 1200)

    # Two counters at work, each taking 2 minutes a ticket.
    assert office.call_next(1) == office.queue.get_ticket(elderly.id)
    assert office.call_next(2) == office.queue.get_ticket(regular[0].id)
    clock.advance(minutes=2)
    office.finish(elderly.id)
    office.finish(regular[0].id)

    t = office.issue_ticket("A")  # behind
    assert t.people_ahead == 3
    assert t.estimated_wait_seconds == 3 * 120 // 2
    a = next(q for q in office.queue.status().services if q.service.code == "A")
    assert a.waiting == 4
    assert a.estimated_wait_seconds == 4 * 120 // 2


def test_queue_status(office: Office, clock: FakeClock) -> None:
    office.issue_ticket("A")
    office.issue_ticket("A", priority="disabilitas")
    office.issue_ticket("B")
    office.issue_ticket("C")
    called = office.call_next(5)  # the priority desk
    assert called is not None
    assert called.code == "A-002"

    status = office.queue.status()
    assert status.office_day == MONDAY
    assert [q.service.code for q in status.services] == ["A", "B", "C", "D", "P"]
    by_code = {q.service.code: q for q in status.services}
    assert (by_code["A"].waiting, by_code["A"].priority_waiting, by_code["A"].issued_today) == (
        1,
        0,
        2,
    )
    assert (by_code["B"].waiting, by_code["B"].issued_today) == (1, 1)
    assert (
        by_code["D"].waiting,
        by_code["D"].issued_today,
        by_code["D"].estimated_wait_seconds,
    ) == (
        0,
        0,
        0,
    )
    assert by_code["C"].estimated_wait_seconds == 120  # C assumes 2 minutes
    assert all(q.open_now and q.quota_left is None for q in status.services)
    assert by_code["A"].service.name_en == "New Passport"

    assert [c.counter.number for c in status.counters] == [1, 2, 3, 4, 5]
    desks = {c.counter.number: c for c in status.counters}
    assert desks[5].current is not None
    assert desks[5].current.code == "A-002"
    assert desks[5].counter.services == ("A", "B", "P")
    assert desks[1].current is None
    assert all(c.served_today == 0 for c in status.counters)

    office.finish(called.id)
    desks = {c.counter.number: c for c in office.queue.status().counters}
    assert desks[5].current is None
    assert desks[5].served_today == 1

    # The JSON view the CLI prints.
    data = json.loads(json.dumps(office.queue.status().to_dict()))
    assert data["office_day"] == "2026-03-02"
    assert data["services"][0]["code"] == "A"
    assert data["counters"][4]["served_today"] == 1


def test_ticket_lookup_by_id_and_code(office: Office) -> None:
    office.issue_ticket("B")
    t = office.issue_ticket("A", priority="anak")

    assert office.queue.get_ticket(t.id) == t
    for ref in (t.code, "a-1", "A001", "a 001", str(t.id)):
        assert office.queue.get_ticket(ref) == t, ref
    assert office.queue.get_ticket("B-001").service == "B"
    assert office.queue.get_ticket(t.id).to_dict()["code"] == "A-001"


def test_interleave_count_starts_again_each_office_day(sqlite_url: str) -> None:
    """One priority call after every 2 regular ones, counted per counter per day."""
    now = [dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)]  # 09:00 in Jakarta

    def clock() -> dt.datetime:
        now[0] += dt.timedelta(seconds=1)
        return now[0]

    settings = settings_from_dict({"queue": {"priority_policy": "interleave", "priority_every": 2}})
    with Office.open(sqlite_url, settings=settings, clock=clock) as office:
        office.issue_ticket("A")
        office.issue_ticket("A")
        assert _priority(office.call_next(1)) is None
        assert _priority(office.call_next(1)) is None  # two regular calls: a priority is due
        now[0] += dt.timedelta(days=1)  # next office day
        office.issue_ticket("A")
        office.issue_ticket("A")
        office.issue_ticket("A", priority="lansia")
        # Yesterday's two regular calls do not count today: regular, regular, then priority.
        assert _priority(office.call_next(1)) is None
        assert _priority(office.call_next(1)) is None
        assert _priority(office.call_next(1)) == "lansia"


def _priority(ticket: Ticket | None) -> str | None:
    assert ticket is not None, "somebody was waiting"
    return ticket.priority
