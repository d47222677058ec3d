"""The supervisor's reads on SQLite and PostgreSQL: the day's figures, the tickets table
(filtered, sorted, paged), a ticket's history, and the audit log filtered."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from kiosk import Office
from kiosk.cli import main
from kiosk.config.settings import settings_from_dict
from kiosk.domain.errors import InvalidPeriod, NoSuchTicket
from kiosk.domain.model import AuditQuery, TicketQuery, TicketStatus

from .test_office import MONDAY, MONDAY_9AM, FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9AM)


@pytest.fixture
def office(db_url: str, clock: FakeClock) -> Iterator[Office]:
    with Office.open(db_url, settings=settings_from_dict({}), clock=clock) as office:
        yield office


def _day(office: Office, clock: FakeClock) -> None:
    """A small known day: A-001 served 4 min after waiting 10; A-002 no-show after 20;
    B-001 served 6 min (never started) after 30; B-002 at counter 2; A-003 waiting."""
    a1, a2, b1 = office.issue_ticket("A"), office.issue_ticket("A"), office.issue_ticket("B")
    clock.advance(minutes=10)
    assert office.call_next(1) == office.queue.get_ticket(a1.id)
    office.queue.start(a1.id)
    clock.advance(minutes=4)
    office.finish(a1.id)
    clock.advance(minutes=6)  # 09:20
    assert office.call_next(1) == office.queue.get_ticket(a2.id)
    office.queue.no_show(a2.id)
    clock.advance(minutes=10)  # 09:30
    assert office.call_next(2) == office.queue.get_ticket(b1.id)
    clock.advance(minutes=6)
    office.finish(b1.id)
    clock.advance(minutes=30)  # 10:06
    b2 = office.issue_ticket("B")
    office.issue_ticket("A")
    assert office.call_next(2) == office.queue.get_ticket(b2.id)


def test_day_summary(office: Office, clock: FakeClock) -> None:
    _day(office, clock)
    day = office.reports.day_summary()
    assert day.office_day == MONDAY
    assert day.totals.to_dict() == {
        "issued": 5, "waiting": 1, "at_counter": 1, "done": 2, "no_show": 1, "cancelled": 0,
    }  # fmt: skip
    per = dict(day.per_service)
    assert (per["A"].issued, per["A"].done, per["A"].no_show, per["A"].waiting) == (3, 1, 1, 1)
    assert (per["B"].issued, per["B"].at_counter) == (2, 1)
    assert per["P"].issued == 0
    # waits: 10, 20, 30 min and 0 (B-002 called at once)
    assert day.wait.n == 4
    assert day.wait.mean_seconds == pytest.approx(15 * 60)
    assert day.wait.p90_seconds == 30 * 60
    assert (day.service_time.n, day.service_time.p90_seconds) == (2, 6 * 60)
    assert day.issued_per_hour == {9: 3, 10: 2}
    desks = {c.number: c for c in day.counters}
    assert (desks[1].served, desks[1].current) == (1, None)
    assert desks[1].service_time.mean_seconds == pytest.approx(4 * 60)
    assert (desks[2].served, desks[2].current) == (1, "B-002")
    assert office.reports.day_summary(MONDAY - dt.timedelta(days=1)).totals.issued == 0


def test_issued_counts_where_taken_and_waiting_where_it_is_now(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dashboard's "Diambil" and `kiosk queue status` agree after a transfer: issued by
    the service a ticket was taken in (its code's prefix), waiting by where it is now."""
    with Office.open(db_url) as office:  # the real clock: the command below has it too
        a1 = office.issue_ticket("A")
        office.issue_ticket("A")
        office.queue.transfer(a1.code, "B")
        summary = office.reports.day_summary()
    per = dict(summary.per_service)
    assert (per["A"].issued, per["A"].waiting) == (2, 1)
    assert (per["B"].issued, per["B"].waiting) == (0, 1)
    assert sum(c.issued for c in per.values()) == summary.totals.issued == 2
    assert main(["queue", "status", "--json", "--db", db_url]) == 0
    status = {q["code"]: q for q in json.loads(capsys.readouterr().out)["services"]}
    assert {code: (q["issued_today"], q["waiting"]) for code, q in status.items()} == {
        code: (c.issued, c.waiting) for code, c in per.items()
    }
    assert main(["queue", "status", "--db", db_url]) == 0  # Indonesian unless --lang en
    assert "diambil: tiket yang diambil di layanan itu di anjungan" in capsys.readouterr().out
    assert main(["queue", "status", "--lang", "en", "--db", db_url]) == 0
    assert "issued: tickets taken in the service at the kiosk" in capsys.readouterr().out


def test_tickets_table_filters_sorts_and_pages(office: Office, clock: FakeClock) -> None:
    _day(office, clock)
    everything = TicketQuery(MONDAY, MONDAY)
    assert office.reports.count_tickets(everything) == 5
    assert [t.code for t in office.reports.tickets(everything)] == [
        "A-001", "A-002", "B-001", "B-002", "A-003",
    ]  # fmt: skip
    newest = TicketQuery(MONDAY, MONDAY, sort="issued_at", descending=True)
    pages = [office.reports.tickets(newest, offset=o, limit=2) for o in (0, 2, 4)]
    assert [[t.code for t in p] for p in pages] == [
        ["A-003", "B-002"],
        ["B-001", "A-002"],
        ["A-001"],
    ]
    a_only = TicketQuery(MONDAY, MONDAY, service="A", sort="code", descending=True)
    assert [t.code for t in office.reports.tickets(a_only)] == ["A-003", "A-002", "A-001"]
    done = TicketQuery(MONDAY, MONDAY, status=TicketStatus.DONE)
    assert {t.code for t in office.reports.tickets(done)} == {"A-001", "B-001"}
    at_2 = TicketQuery(MONDAY, MONDAY, counter=2)
    assert office.reports.count_tickets(at_2) == 2
    assert [t.code for t in office.reports.tickets(TicketQuery(MONDAY, MONDAY, code="b-00"))] == [
        "B-001", "B-002",
    ]  # fmt: skip
    assert office.reports.tickets(TicketQuery(MONDAY, MONDAY, code="%")) != []  # no wildcard games
    assert (
        office.reports.count_tickets(
            TicketQuery(MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=9))
        )
        == 0
    )
    with pytest.raises(InvalidPeriod):
        office.reports.count_tickets(TicketQuery(MONDAY, MONDAY - dt.timedelta(days=1)))
    with pytest.raises(ValueError, match="cannot sort"):
        TicketQuery(MONDAY, MONDAY, sort="secret_hash")


def test_ticket_history_and_audit_filters(office: Office, clock: FakeClock) -> None:
    _day(office, clock)
    history = office.reports.ticket_history(office.queue.get_ticket("A-001").id)
    assert [e.kind for e in history] == ["issued", "called", "serving", "done"]
    assert history[1].counter == 1
    with pytest.raises(NoSuchTicket):
        office.reports.ticket_history(office.queue.get_ticket(9999).id)

    office.queue.pause_counter(1, actor="siti")
    clock.advance(hours=1)
    office.queue.call_ticket("A-003", 3, reason="lansia", actor="budi")
    office.queue.resume_counter(1, actor="siti")
    assert [e.action for e in office.reports.audit(AuditQuery(actor="siti"))] == [
        "counter_resumed", "counter_paused",
    ]  # fmt: skip
    out_of_order = office.reports.audit(AuditQuery(action="call_out_of_order"))
    assert [(e.ticket_code, e.reason, e.actor) for e in out_of_order] == [
        ("A-003", "lansia", "budi")
    ]
    since = office.reports.audit(AuditQuery(date_from=clock.now - dt.timedelta(minutes=1)))
    assert [e.action for e in since] == ["counter_resumed", "call_out_of_order"]
    before = office.reports.audit(AuditQuery(date_to=clock.now - dt.timedelta(minutes=1)))
    assert [e.action for e in before] == ["counter_paused"]
    assert len(office.reports.audit(AuditQuery(), offset=1, limit=1)) == 1
