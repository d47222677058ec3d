"""How many statements one issue and one call-next send, on SQLite and PostgreSQL.

Every statement is a round trip to a PostgreSQL server across the office LAN, and on
SQLite a call-next runs inside the write lock every counter waits on (issue 16): an issue
sends at most 4 and a call-next at most 6, not counting BEGIN, COMMIT, savepoints and the
change notification. Counted by the execute hook on the real statements, so a regression
fails here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk import Office
from kiosk.config.settings import settings_from_dict
from kiosk.domain.model import TicketStatus
from tests.statements import captured, listing, work

from .test_office import MONDAY_9AM, FakeClock

ISSUE_MAX = 4
CALL_NEXT_MAX = 6


@pytest.fixture
def office(db_url: str) -> Iterator[Office]:
    clock = FakeClock(MONDAY_9AM)
    with Office.open(db_url, settings=settings_from_dict({}), clock=clock) as office:
        # A morning under way: people waiting in both queues, a finished ticket (so the
        # estimate has a service time), a counter that has called today.
        for code in ("A", "A", "B"):
            office.issue_ticket(code)
        office.issue_ticket("A", "lansia")
        first = office.call_next(1)
        assert first is not None
        clock.advance(minutes=4)
        office.finish(first.id)
        office.issue_ticket("A")
        yield office


def test_an_issue_sends_at_most_four_statements(office: Office) -> None:
    with captured() as seen:
        ticket = office.issue_ticket("A")
    assert ticket.people_ahead and ticket.estimated_wait_seconds  # the estimate was made
    sent = work(seen)
    assert len(sent) <= ISSUE_MAX, f"{len(sent)} statements:\n{listing(sent)}"


def test_a_priority_issue_sends_at_most_four_statements(office: Office) -> None:
    with captured() as seen:
        office.issue_ticket("B", "lansia")
    sent = work(seen)
    assert len(sent) <= ISSUE_MAX, f"{len(sent)} statements:\n{listing(sent)}"


def test_a_call_next_sends_at_most_six_statements(office: Office) -> None:
    """The fullest call: the counter still serves someone (closed first), has called today
    (its interleave count stands), and both queues have people."""
    current = office.call_next(1)
    assert current is not None and current.priority is None  # the count is now above 0
    office.issue_ticket("B", "lansia")
    with captured() as seen:
        called = office.call_next(1)
    assert called is not None and called.status is TicketStatus.CALLED and called.priority
    assert office.queue.get_ticket(current.id).status is TicketStatus.DONE
    sent = work(seen)
    assert len(sent) <= CALL_NEXT_MAX, f"{len(sent)} statements:\n{listing(sent)}"


def test_a_call_next_with_nobody_waiting_reads_twice(office: Office) -> None:
    while office.call_next(2) is not None:
        pass
    with captured() as seen:
        assert office.call_next(2) is None
    sent = work(seen)
    assert len(sent) <= 2, f"{len(sent)} statements:\n{listing(sent)}"
