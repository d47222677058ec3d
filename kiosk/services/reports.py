"""What supervisors read: the day's figures, the tickets table, a ticket's history, the audit.

Every read is bounded: a day (or a period the supervisor picked) for the figures, a page for
the tables. With a year of history (200,000 tickets) nothing here loads a whole table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
    def __init__(
        self, uow: UnitOfWorkFactory, timezone: ZoneInfo | Callable[[], ZoneInfo], clock: Clock
    ) -> None:
        """``timezone``: fixed, or a provider of the office's current one."""
        self._uow = uow
        self._tz_now = timezone if callable(timezone) else lambda: timezone
        self._clock = clock

    @property
    def _tz(self) -> ZoneInfo:
        return self._tz_now()

    def day_summary(self, day: dt.date | None = None) -> DaySummary:
        day = day or office_day(self._clock(), self._tz)
        with self._uow() as uow:
            figures = uow.reports
            tickets = figures.day_ticket_times(day, day)
            services = [s.code for s in uow.queue.list_services()]
            desks = uow.queue.list_counters()
            current = {n: t.code for n, t in figures.current_tickets(day).items()}
            # Per service by the service taken in, as `kiosk queue status` counts them.
            issued = figures.issued_counts(day)
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
            return uow.reports.find_tickets(query, max(0, offset), _page(limit))

    def count_tickets(self, query: TicketQuery) -> int:
        _check_period(query)
        with self._uow() as uow:
            return uow.reports.count_tickets_matching(query)

    def ticket_history(self, ticket_id: int) -> list[TicketEvent]:
        with self._uow() as uow:
            if uow.queue.get_ticket(ticket_id) is None:
                raise NoSuchTicket(ticket_id)
            return uow.reports.ticket_events(ticket_id)

    def audit(self, query: AuditQuery, offset: int = 0, limit: int = 200) -> list[AuditEntry]:
        with self._uow() as uow:
            return uow.reports.find_audit(query, max(0, offset), _page(limit))

    def verify_audit(self) -> AuditCheck:
        with self._uow() as uow:
            return uow.audit.verify()


def _page(limit: int) -> int:
    return max(1, min(limit, MAX_PAGE))


def _check_period(query: TicketQuery) -> None:
    if query.date_to < query.date_from:
        raise InvalidPeriod(query.date_from, query.date_to)
