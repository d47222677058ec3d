"""What the windows read of the queue (status, a counter's desk, the board's last calls,
the audit log) and pausing a counter."""

from __future__ import annotations

import datetime as dt

from kiosk.domain import call_order
from kiosk.domain.audit import AuditRecord
from kiosk.domain.errors import (
    NoSuchTicket,
)
from kiosk.domain.limits import (
    ROWS_MAX,
    ROWS_MIN,
    check_number,
)
from kiosk.domain.model import (
    AuditEntry,
    AuditQuery,
    CallEvent,
    Counter,
    CounterDesk,
    CounterState,
    QueueStatus,
    Service,
    ServiceQueue,
    Ticket,
)
from kiosk.domain.numbering import office_day
from kiosk.services.queue.core import (
    QueueCore,
    TicketRef,
    day_start,
    officer_name,
)


class Reading(QueueCore):
    # -- reading ------------------------------------------------------------------------
    def get_ticket(self, ref: TicketRef) -> Ticket:
        with self._uow() as uow:
            return self._ticket(uow.queue, ref, self.today())

    def get_ticket_on(self, code: str, day: dt.date) -> Ticket:
        with self._uow() as uow:
            ticket = uow.queue.find_ticket(code, day)
        if ticket is None:
            raise NoSuchTicket(f"{code} of {day}")
        return ticket

    def services(self) -> list[Service]:
        with self._uow() as uow:
            return uow.queue.list_services()

    def counters(self) -> list[Counter]:
        with self._uow() as uow:
            return uow.queue.list_counters()

    def status(self) -> QueueStatus:
        """Today per service and counter. ``issued_today`` counts the tickets taken in a
        service (kept through a transfer: the quota's count, and the dashboard's "Diambil");
        ``waiting`` counts those queued in it now, transferred ones included."""
        now = self._clock()
        day = office_day(now, self._settings.timezone)
        local = now.astimezone(self._settings.timezone)
        with self._uow() as uow:
            repo, figures = uow.queue, uow.reports
            counts = figures.queue_counts(day)
            issued = figures.issued_counts(day)
            queues = []
            for service in repo.list_services():
                queued, prio = counts.get(service.code, (0, 0))
                taken = issued.get(service.code, 0)
                queues.append(
                    ServiceQueue(
                        service=service,
                        waiting=queued,
                        priority_waiting=prio,
                        issued_today=taken,
                        estimated_wait_seconds=self._estimate(repo, service, day, now, queued),
                        open_now=service.active
                        and (service.hours is None or service.hours.is_open(local)),
                        quota_left=None
                        if service.daily_quota is None
                        else max(0, service.daily_quota - taken),
                    )
                )
            current = figures.current_tickets(day)
            served = figures.served_counts(day)
            desks = tuple(
                CounterState(
                    counter=c, current=current.get(c.number), served_today=served.get(c.number, 0)
                )
                for c in repo.list_counters()
            )
        return QueueStatus(office_day=day, services=tuple(queues), counters=desks)

    def pause_counter(self, counter: int, actor: str | None = None) -> Counter:
        """A break (Friday prayers, lunch): the counter stops counting as open for waits."""
        return self._set_paused(counter, True, actor)

    def resume_counter(self, counter: int, actor: str | None = None) -> Counter:
        return self._set_paused(counter, False, actor)

    def _set_paused(self, counter: int, paused: bool, actor: str | None) -> Counter:
        actor = officer_name(actor)
        now = self._clock()
        with self._uow(write=True) as uow:
            repo = uow.queue
            desk = self._counter(repo, counter, for_update=True)
            if desk.paused != paused:
                repo.save_counter_state(desk.number, paused=paused)
                uow.audit.append(
                    AuditRecord(
                        now,
                        "counter_paused" if paused else "counter_resumed",
                        actor,
                        counter=desk.number,
                    )
                )
            result = repo.get_counter(desk.number)
            uow.commit()
        assert result is not None
        return result

    def counter_desk(self, counter: int, waiting_limit: int = 50) -> CounterDesk:
        """Everything an officer's window shows, read in one transaction."""
        check_number("waiting_limit", waiting_limit, 0, ROWS_MAX)  # 0: the desk without a list
        day = self.today()
        with self._uow() as uow:
            repo = uow.queue
            desk = self._counter_today(repo, counter, day)
            current = repo.current_at_counter(desk.number, day)
            times = uow.reports.counter_service_times(desk.number, day)
            # In the order call_next would take them: the same domain rule, applied to
            # each queue's first tickets (one query), so the list's first is the next call.
            heads = {t.id: t for t in repo.waiting_heads(desk.services, day, waiting_limit)}
            queued = [
                call_order.Candidate(t.id, t.issued_at, t.priority is not None)
                for t in heads.values()
            ]
            order = call_order.call_sequence(
                queued, self._settings.policy, desk.regular_since_priority
            )
            return CounterDesk(
                counter=desk,
                current=current,
                waiting=tuple(heads[c.ticket_id] for c in order[:waiting_limit]),
                waiting_total=repo.count_waiting_for(desk.services, day),
                served_today=len(times),
                average_service_seconds=sum(times) / len(times) if times else None,
                failed_slips=tuple(uow.slips.slips_in_state(day, "failed", 20)),
                printer_alerts=tuple(uow.slips.open_alerts()),
                last_closed=repo.last_closed_at_counter(desk.number, day),
            )

    def recent_calls(self, limit: int = 10) -> list[CallEvent]:
        """Today's calls and recalls, newest first (the display board's "last calls")."""
        check_number("limit", limit, ROWS_MIN, ROWS_MAX)
        since = day_start(self.today(), self._settings.timezone)
        with self._uow() as uow:
            return uow.reports.recent_calls(since, limit)

    def audit_log(self, limit: int = 100, action: str | None = None) -> list[AuditEntry]:
        check_number("limit", limit, ROWS_MIN, ROWS_MAX)
        with self._uow() as uow:
            return uow.reports.find_audit(AuditQuery(action=action), 0, limit)

    def tickets_on(self, day: dt.date) -> int:
        with self._uow() as uow:
            return uow.reports.count_tickets(day)
