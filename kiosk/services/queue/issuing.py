"""Issuing a ticket: the kiosk's hot path (four statements)."""

from __future__ import annotations

from kiosk.domain.errors import (
    QuotaReached,
    ServiceClosed,
    ServiceInactive,
    UnknownService,
)
from kiosk.domain.log import about
from kiosk.domain.model import (
    PolicyMode,
    Ticket,
)
from kiosk.domain.numbering import office_day, ticket_code
from kiosk.services.queue.core import (
    QueueCore,
    log,
)


class Issuing(QueueCore):
    # -- issuing ------------------------------------------------------------------------
    def issue_ticket(self, service_code: str, priority: str | None = None) -> Ticket:
        priority = self._check_priority(priority)
        now = self._clock()
        day = office_day(now, self._settings.timezone)
        code = service_code.strip().upper()
        settings = self._settings
        with self._uow(write=True) as uow:
            repo = uow.queue
            # Four statements: the number (taken only for a known service; any refusal
            # below rolls it back), the service with the estimate's inputs, the ticket,
            # its event. The number first: on PostgreSQL concurrent issuers of a service
            # then wait on its sequence row, and each counts the ones before it.
            number = repo.take_number(code, day)
            figures = (
                None
                if number is None
                else repo.issue_figures(
                    code,
                    day,
                    # Everyone already queued for the service came earlier; with
                    # priority_first a priority ticket only queues behind priority tickets.
                    priority_only=priority is not None
                    and settings.policy.mode is PolicyMode.PRIORITY_FIRST,
                    sample=settings.service_time_sample,
                    open_since=now - settings.open_counter_window,
                )
            )
            if number is None or figures is None:
                raise UnknownService(
                    service_code, [s.code for s in repo.list_services() if s.active]
                )
            service = figures.service
            if not service.active:
                raise ServiceInactive(service.code)
            if service.hours is not None and not service.hours.is_open(
                now.astimezone(settings.timezone)
            ):
                raise ServiceClosed(service.code, service.hours.describe())
            if service.daily_quota is not None and number > service.daily_quota:
                raise QuotaReached(service.code, service.daily_quota)  # rolls the number back
            ahead = figures.ahead
            wait_s = self._wait(
                service, ahead, figures.recent_service_seconds, figures.open_counters
            )
            ticket = repo.add_ticket(
                prefix=service.code,
                number=number,
                code=ticket_code(service.code, number),
                office_day=day,
                priority=priority,
                issued_at=now,
                people_ahead=ahead,
                estimated_wait_seconds=wait_s,
            )
            repo.add_event(
                ticket.id, now, "issued", detail={"priority": priority} if priority else None
            )
            uow.commit()
        log.info(
            "issued for service %s%s, %d ahead",
            service.code,
            f", priority {priority}" if priority else "",
            ahead,
            extra=about(ticket.code),
        )
        return ticket
