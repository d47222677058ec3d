"""What the counter window and the display board ask of the facade, on SQLite and PostgreSQL.

Pause/resume and the wait estimate, the counter's desk view, the board's last calls (a
recall is a new call), and reprint requests that exactly one kiosk takes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from kiosk import Office
from kiosk.config.settings import settings_from_dict
from kiosk.domain.errors import NothingToReprint, UnknownCounter
from kiosk.domain.model import TicketStatus

from .test_office import MONDAY_9AM, FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9AM)


@pytest.fixture
def office(db_url: str, clock: FakeClock) -> Iterator[Office]:
    with Office.open(db_url, settings=settings_from_dict({}), clock=clock) as office:
        yield office


def _estimate(office: Office, service: str) -> int:
    return next(
        q.estimated_wait_seconds
        for q in office.queue.status().services
        if q.service.code == service
    )


def test_pause_takes_the_counter_out_of_the_estimate(office: Office, clock: FakeClock) -> None:
    # Counters 1 and 2 both serve A in the default office; both at work, 2 min a ticket.
    for _ in range(6):
        office.issue_ticket("A")
    for desk in (1, 2):
        t = office.call_next(desk)
        assert t is not None
        clock.advance(minutes=2)
        office.finish(t.id)
    both = _estimate(office, "A")

    paused = office.queue.pause_counter(2, actor="siti")
    assert paused.paused
    alone = _estimate(office, "A")
    assert alone > both  # the same people now share one counter

    office.queue.pause_counter(2, actor="siti")  # twice is harmless and audited once
    resumed = office.queue.resume_counter(2, actor="siti")
    assert not resumed.paused
    assert _estimate(office, "A") == both

    actions = [(e.action, e.counter, e.actor) for e in office.queue.audit_log(action=None)]
    assert actions.count(("counter_paused", 2, "siti")) == 1
    assert actions.count(("counter_resumed", 2, "siti")) == 1
    with pytest.raises(UnknownCounter):
        office.queue.pause_counter(99)


def test_calling_next_ends_a_break(office: Office) -> None:
    office.issue_ticket("A")
    office.queue.pause_counter(1)
    assert office.queue.counter_desk(1).counter.paused
    assert office.call_next(1) is not None
    assert not office.queue.counter_desk(1).counter.paused


def test_counter_desk(office: Office, clock: FakeClock) -> None:
    a1 = office.issue_ticket("A")
    office.issue_ticket("B")
    a2 = office.issue_ticket("A", priority="lansia")
    office.issue_ticket("P")  # counter 1 does not serve P
    first = office.call_next(1)
    assert first is not None
    office.queue.start(first.id)
    clock.advance(minutes=4)
    office.finish(first.id)
    second = office.call_next(1)
    assert second is not None

    desk = office.queue.counter_desk(1)
    assert desk.counter.number == 1
    assert desk.current is not None and desk.current.id == second.id
    assert desk.served_today == 1
    assert desk.average_service_seconds == pytest.approx(240.0)
    assert {t.id for t in desk.waiting} | {first.id, second.id} >= {a1.id, a2.id}
    assert all(t.status is TicketStatus.WAITING for t in desk.waiting)
    assert all(t.service in desk.counter.services for t in desk.waiting)
    assert desk.waiting_total == len(desk.waiting)
    assert office.queue.counter_desk(1, waiting_limit=0).waiting == ()
    assert desk.failed_slips == ()
    assert desk.printer_alerts == ()
    assert desk.last_closed is not None and desk.last_closed.id == first.id
    assert desk.last_closed.status is TicketStatus.DONE

    clock.advance(minutes=1)
    office.queue.no_show(second.id)
    closed = office.queue.counter_desk(1).last_closed
    assert closed is not None
    assert (closed.id, closed.status) == (second.id, TicketStatus.NO_SHOW)
    assert office.queue.counter_desk(2).last_closed is None  # counter 2 closed nothing today

    office.report_printer("kiosk-1", "paper_out", "no paper")
    t = office.issue_ticket("A")
    office.slips.record(t.id, printed=False, error="paper out")
    desk = office.queue.counter_desk(1)
    assert [s.code for s in desk.failed_slips] == [t.code]
    assert [a.state for a in desk.printer_alerts] == ["paper_out"]


POLICIES = {
    "priority_first": {"priority_policy": "priority_first"},
    "interleave": {"priority_policy": "interleave", "priority_every": 2},
    "fifo": {"priority_policy": "fifo"},
}


@pytest.mark.parametrize("policy", list(POLICIES))
def test_the_waiting_list_is_the_order_call_next_takes(
    db_url: str, clock: FakeClock, policy: str
) -> None:
    """Read the desk once, then press Call next until nobody waits: the calls come in the
    list's order, whatever the policy, transfers and the counter's interleave count."""
    settings = settings_from_dict({"queue": POLICIES[policy]})
    with Office.open(db_url, settings=settings, clock=clock) as office:
        for service, priority in [
            ("A", None),
            ("B", None),
            ("A", "lansia"),
            ("A", None),
            ("B", "lansia"),
            ("A", None),
            ("B", None),
            ("A", "anak"),
        ]:
            office.issue_ticket(service, priority=priority)
            clock.advance(seconds=30)
        moved = office.issue_ticket("D", priority="lansia")  # counter 1 serves A and B
        office.queue.transfer(moved.id, "B")
        assert office.call_next(1) is not None  # the interleave count is now under way
        desk = office.queue.counter_desk(1)
        listed = [t.code for t in desk.waiting]
        assert desk.next_up is not None and desk.next_up.code == listed[0]
        assert len(listed) == desk.waiting_total == 8

        called = []
        while (t := office.call_next(1)) is not None:
            called.append(t.code)
        assert called == listed


def test_the_list_starts_a_new_day_with_a_new_interleave_count(
    db_url: str, clock: FakeClock
) -> None:
    settings = settings_from_dict({"queue": POLICIES["interleave"]})  # one in every 2
    with Office.open(db_url, settings=settings, clock=clock) as office:
        for _ in range(2):
            office.issue_ticket("A")
            assert office.call_next(1) is not None  # two regular calls: a priority is due
        clock.advance(days=1)  # ... but a new day starts the count again
        office.issue_ticket("A")
        office.issue_ticket("A", priority="lansia")
        desk = office.queue.counter_desk(1)
        assert [t.priority for t in desk.waiting] == [None, "lansia"]
        called = office.call_next(1)
        assert called is not None and desk.next_up is not None
        assert called.id == desk.next_up.id


def test_a_short_list_still_shows_the_next_call(office: Office) -> None:
    """Many regular tickets before one priority ticket: with room for three rows, the
    list must still start with the priority ticket Call next takes (priority first)."""
    for _ in range(5):
        office.issue_ticket("A")
    office.issue_ticket("A", priority="lansia")
    desk = office.queue.counter_desk(1, waiting_limit=3)
    assert [t.code for t in desk.waiting] == ["A-006", "A-001", "A-002"]
    assert desk.waiting_total == 6
    called = office.call_next(1)
    assert called is not None and called.code == "A-006"


def test_recent_calls_newest_first_and_a_recall_is_a_new_call(
    office: Office, clock: FakeClock
) -> None:
    tickets = [office.issue_ticket("A") for _ in range(3)]
    assert office.queue.recent_calls() == []
    called = []
    for desk in (1, 2):
        t = office.call_next(desk)
        assert t is not None
        called.append(t)
        clock.advance(seconds=5)
    office.queue.recall(called[0].id)
    clock.advance(seconds=5)
    out_of_order = office.queue.call_ticket(tickets[2].id, 3, reason="lansia, dokumen lengkap")

    calls = office.queue.recent_calls(10)
    assert [(c.code, c.counter, c.recall) for c in calls] == [
        (out_of_order.code, 3, 0),
        (called[0].code, 1, 1),
        (called[1].code, 2, 0),
        (called[0].code, 1, 0),
    ]
    assert calls[0].counter_name == "Loket 3"
    assert len({c.event_id for c in calls}) == 4
    assert [c.at for c in calls] == sorted((c.at for c in calls), reverse=True)
    assert office.queue.recent_calls(2) == calls[:2]

    # Yesterday's calls are not on today's board.
    clock.advance(days=1)
    assert office.queue.recent_calls() == []


def test_reprint_request_is_taken_by_one_kiosk(db_url: str, office: Office) -> None:
    t = office.issue_ticket("A")
    with pytest.raises(NothingToReprint):
        office.request_reprint(t.id)  # never failed
    office.slips.record(t.id, printed=False, error="paper out")
    asked = office.request_reprint(t.code, actor="budi")
    assert asked.slip_state == "reprint"
    with pytest.raises(NothingToReprint):
        office.request_reprint(t.id)  # already asked

    with Office.open(db_url, settings=office.settings) as other_kiosk:
        first = office.slips.take_reprints(office.today())
        second = other_kiosk.slips.take_reprints(other_kiosk.today())
    assert [x.id for x in first] + [x.id for x in second] == [t.id]
    assert office.queue.get_ticket(t.id).slip_state == "printing"
    office.slips.record(t.id, printed=True)
    assert office.queue.get_ticket(t.id).slip_state == "printed"
    audit = office.queue.audit_log(action="reprint_requested")
    assert [(e.actor, e.ticket_code) for e in audit] == [("budi", t.code)]


def test_history_does_not_slow_the_last_calls(office: Office, clock: FakeClock) -> None:
    # Many calls yesterday; none today: the board's query must not walk them (index).
    clock.set(MONDAY_9AM - dt.timedelta(days=1))
    for _ in range(30):
        office.issue_ticket("A")
        t = office.call_next(1)
        assert t is not None
        office.finish(t.id)
    clock.set(MONDAY_9AM)
    assert office.queue.recent_calls() == []
