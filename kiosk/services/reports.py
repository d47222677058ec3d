"""What supervisors read: the day's figures, the tickets table, a ticket's history, the audit.

Every read is bounded: a day (or a period the supervisor picked) for the figures, a page for
the tables. With a year of history (200,000 tickets) nothing here loads a whole table.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from kiosk.domain.audit import AuditCheck
from kiosk.domain.errors import InvalidPeriod, NoSuchTicket
from kiosk.domain.model import AuditEntry, AuditQuery, Ticket, TicketEvent, TicketQuery
from kiosk.domain.numbering import office_day
from kiosk.domain.stats import DaySummary, summarise_day
from kiosk.services.ports import Clock, UnitOfWorkFactory

#: The most rows one page may ask for (a table view fetches more as it scrolls).
MAX_PAGE = 1000


class ReportService:
    def __init__(self, uow: UnitOfWorkFactory, timezone: ZoneInfo, clock: Clock) -> None:
        self._uow = uow
        self._tz = timezone
        self._clock = clock

    def day_summary(self, day: dt.date | None = None) -> DaySummary:
        day = day or office_day(self._clock(), self._tz)
        with self._uow() as uow:
            repo = uow.queue
            tickets = repo.day_ticket_times(day, day)
            services = [s.code for s in repo.list_services()]
            desks = repo.list_counters()
            current = {n: t.code for n, t in repo.current_tickets(day).items()}
            # Per service by the service taken in, as `kiosk queue status` counts them.
            issued = repo.issued_counts(day)
        return summarise_day(
            day,
            tickets,
            services,
            [(c.number, c.name, c.paused) for c in desks],
            current,
            self._tz,
            issued,
        )

    def tickets(self, query: TicketQuery, offset: int = 0, limit: int = 200) -> list[Ticket]:
        _check_period(query)
        with self._uow() as uow:
            return uow.queue.find_tickets(query, max(0, offset), _page(limit))

    def count_tickets(self, query: TicketQuery) -> int:
        _check_period(query)
        with self._uow() as uow:
            return uow.queue.count_tickets_matching(query)

    def ticket_history(self, ticket_id: int) -> list[TicketEvent]:
        with self._uow() as uow:
            if uow.queue.get_ticket(ticket_id) is None:
                raise NoSuchTicket(ticket_id)
            return uow.queue.ticket_events(ticket_id)

    def audit(self, query: AuditQuery, offset: int = 0, limit: int = 200) -> list[AuditEntry]:
        with self._uow() as uow:
            return uow.queue.find_audit(query, max(0, offset), _page(limit))

    def verify_audit(self) -> AuditCheck:
        with self._uow() as uow:
            return uow.queue.verify_audit()


def _page(limit: int) -> int:
    return max(1, min(limit, MAX_PAGE))


def _check_period(query: TicketQuery) -> None:
    if query.date_to < query.date_from:
        raise InvalidPeriod(query.date_from, query.date_to)
