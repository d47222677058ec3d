"""The queue's use cases: issue, call, recall, start, finish, no-show, transfer, status."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from kiosk.domain import call_order, lifecycle, wait
from kiosk.domain.audit import AuditRecord
from kiosk.domain.errors import (
    NoSuchTicket,
    QuotaReached,
    ReasonRequired,
    SameService,
    ServiceClosed,
    ServiceInactive,
    UnknownCounter,
    UnknownPriority,
    UnknownService,
)
from kiosk.domain.lifecycle import Action
from kiosk.domain.limits import (
    ACTOR_MAX_CHARS,
    COUNTER_MAX,
    COUNTER_MIN,
    REASON_MAX_CHARS,
    ROWS_MAX,
    ROWS_MIN,
    TICKET_ID_MAX,
    TICKET_ID_MIN,
    check_number,
    one_line,
)
from kiosk.domain.log import about
from kiosk.domain.model import (
    QUEUED_STATES,
    AuditEntry,
    AuditQuery,
    CallEvent,
    Counter,
    CounterDesk,
    CounterState,
    PolicyMode,
    PriorityCategory,
    PriorityPolicy,
    QueueStatus,
    Service,
    ServiceQueue,
    Ticket,
    TicketStatus,
)
from kiosk.domain.numbering import office_day, parse_ticket_code, ticket_code
from kiosk.domain.records import NewEvent
from kiosk.services.ports import Clock, QueueRepository, UnitOfWorkFactory

log = logging.getLogger(__name__)

TicketRef = int | str  # a ticket id, or today's code such as "A-001"
#: Bounded retries when racing counters keep taking the head we looked at.
_CALL_ATTEMPTS = 50


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def day_start(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    """The instant (UTC) office day ``day`` began: nothing of the day happened before."""
    return dt.datetime.combine(day, dt.time(), tz).astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class QueueSettings:
    timezone: ZoneInfo
    policy: PriorityPolicy = field(default_factory=PriorityPolicy)
    priorities: tuple[PriorityCategory, ...] = ()
    recall_limit: int = 3
    #: A counter that called someone within this window counts as open for estimates.
    open_counter_window: dt.timedelta = dt.timedelta(minutes=30)
    #: How many of today's finished tickets the average service time is taken over.
    service_time_sample: int = 20


class QueueService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        settings: QueueSettings | Callable[[], QueueSettings],
        clock: Clock = utc_now,
    ) -> None:
        """``settings``: fixed, or a provider of the current ones (the office's, which a
        supervisor may change while the service lives)."""
        self._uow = uow
        self._settings_now = settings if callable(settings) else lambda: settings
        self._clock = clock

    @property
    def _settings(self) -> QueueSettings:
        return self._settings_now()

    # -- time ---------------------------------------------------------------------------
    def now(self) -> dt.datetime:
        return self._clock()

    def today(self) -> dt.date:
        return office_day(self._clock(), self._settings.timezone)

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

    # -- calling ------------------------------------------------------------------------
    def call_next(self, counter: int, actor: str | None = None) -> Ticket | None:
        """Call the next eligible ticket to ``counter``; None when nobody waits.

        The counter's current ticket, if still called or being served, is finished first:
        a counter serves one applicant at a time.
        """
        actor = _officer(actor)
        now = self._clock()
        day = office_day(now, self._settings.timezone)
        with self._uow(write=True) as uow:
            repo = uow.queue
            # At most six statements: the counter (with its day so far), both queue heads,
            # the call, closing the counter's previous ticket, its state, the events.
            desk = self._counter_today(repo, counter, day, for_update=True)
            head: call_order.Candidate | None = None
            ticket: Ticket | None = None
            for _attempt in range(_CALL_ATTEMPTS):
                # Decide which queue (priority or regular) to call from, then take only
                # that queue's head. PostgreSQL: SKIP LOCKED lets racing counters take
                # different tickets instead of waiting on one; SQLite: BEGIN IMMEDIATE
                # already made this transaction the only writer.
                regular, prio = repo.queue_heads(desk.services, day)
                head = call_order.choose_next(
                    regular, prio, self._settings.policy, desk.regular_since_priority
                )
                if head is None:
                    break
                ticket = repo.call_head(
                    desk.services, day, priority=head.is_priority, counter=desk.number, at=now
                )
                if ticket is not None:
                    break
                # Every head of that queue was taken by other counters; look again.
            if head is None or ticket is None:
                if desk.paused:
                    repo.save_counter_state(desk.number, paused=False)
                    uow.commit()
                return None
            # The ticket is ours now; close the one this counter was still serving.
            closed, events = self._close_current(repo, desk.number, day, now, keep=ticket.id)
            chosen = call_order.Candidate(ticket.id, ticket.issued_at, head.is_priority)
            repo.save_counter_state(
                desk.number,
                regular_since_priority=call_order.regular_count_after(
                    chosen, desk.regular_since_priority
                ),
                paused=False,
            )
            repo.add_events(
                [*events, NewEvent(ticket.id, now, "called", desk.number, _actor(actor))]
            )
            uow.commit()
        assert ticket is not None
        _log_closed(closed, desk.number)
        log.info("called to counter %d%s", desk.number, _by(actor), extra=about(ticket.code))
        return ticket

    def call_ticket(
        self, ref: TicketRef, counter: int, reason: str, actor: str | None = None
    ) -> Ticket:
        """Call one ticket out of order. Needs a reason; audited for the supervisor."""
        reason = one_line("the reason", reason or "", REASON_MAX_CHARS)
        if not reason:
            raise ReasonRequired()
        actor = _officer(actor)
        now = self._clock()
        day = office_day(now, self._settings.timezone)
        with self._uow(write=True) as uow:
            repo = uow.queue
            desk = self._counter(repo, counter, for_update=True)
            ticket = self._ticket(repo, ref, day, for_update=True)
            lifecycle.next_status(ticket.code, ticket.status, Action.CALL)
            closed, events = self._close_current(repo, desk.number, day, now)
            repo.add_events(events)
            repo.update_ticket(
                ticket.id,
                QUEUED_STATES,
                {"status": TicketStatus.CALLED, "counter": desk.number, "called_at": now},
            )
            detail: dict[str, object] = {"out_of_order": True, "reason": reason}
            if actor:
                detail["actor"] = actor
            repo.add_event(ticket.id, now, "called", desk.number, detail)
            audited = {
                "code": ticket.code,
                "service": ticket.service,
                # Allowed (it is the exception path), but the supervisor should see it.
                "counter_serves_service": ticket.service in desk.services,
            }
            uow.audit.append(
                AuditRecord(
                    now,
                    "call_out_of_order",
                    actor,
                    ticket_id=ticket.id,
                    counter=desk.number,
                    reason=reason,
                    detail=audited,
                )
            )
            result = repo.get_ticket(ticket.id)
            uow.commit()
        assert result is not None
        _log_closed(closed, desk.number)
        log.info(
            "called out of order to counter %d%s, reason: %s",
            desk.number,
            _by(actor),
            reason,
            extra=about(result.code),
        )
        return result

    def recall(self, ref: TicketRef, actor: str | None = None) -> Ticket:
        """Announce a called ticket again; past the recall limit it becomes a no-show."""
        actor = _officer(actor)
        now = self._clock()
        day = office_day(now, self._settings.timezone)
        with self._uow(write=True) as uow:
            repo = uow.queue
            ticket = self._ticket(repo, ref, day, for_update=True)
            lifecycle.next_status(ticket.code, ticket.status, Action.RECALL)
            if ticket.recalls >= self._settings.recall_limit:
                values: dict[str, object] = {"status": TicketStatus.NO_SHOW, "finished_at": now}
                kind = "no_show"
                detail: dict[str, object] = {"after_recalls": ticket.recalls}
            else:
                values = {"recalls": ticket.recalls + 1, "called_at": now}
                kind = "recalled"
                detail = {"recall": ticket.recalls + 1}
            if actor:
                detail["actor"] = actor
            repo.update_ticket(ticket.id, frozenset({TicketStatus.CALLED}), values)
            repo.add_event(ticket.id, now, kind, ticket.counter, detail)
            result = repo.get_ticket(ticket.id)
            uow.commit()
        assert result is not None
        if kind == "no_show":
            log.info(
                "no-show after %d recalls at counter %s%s",
                ticket.recalls,
                ticket.counter,
                _by(actor),
                extra=about(result.code),
            )
        else:
            log.info(
                "recalled (%d) to counter %s%s",
                result.recalls,
                ticket.counter,
                _by(actor),
                extra=about(result.code),
            )
        return result

    def start(self, ref: TicketRef, actor: str | None = None) -> Ticket:
        return self._move(ref, Action.START, "started_at", actor)

    def finish(self, ref: TicketRef, actor: str | None = None) -> Ticket:
        return self._move(ref, Action.FINISH, "finished_at", actor)

    def no_show(self, ref: TicketRef, actor: str | None = None) -> Ticket:
        return self._move(ref, Action.NO_SHOW, "finished_at", actor)

    def cancel(self, ref: TicketRef, actor: str | None = None) -> Ticket:
        return self._move(ref, Action.CANCEL, "finished_at", actor)

    def transfer(self, ref: TicketRef, to_service: str, actor: str | None = None) -> Ticket:
        """Move a ticket to another service's queue, at its original place (issue time)."""
        actor = _officer(actor)
        now = self._clock()
        day = office_day(now, self._settings.timezone)
        with self._uow(write=True) as uow:
            repo = uow.queue
            ticket = self._ticket(repo, ref, day, for_update=True)
            target = self._service(repo, to_service)
            if not target.active:
                raise ServiceInactive(target.code)
            if target.code == ticket.service:
                raise SameService(ticket.code, target.code)
            new_status = lifecycle.next_status(ticket.code, ticket.status, Action.TRANSFER)
            repo.update_ticket(
                ticket.id,
                lifecycle.allowed_from(Action.TRANSFER),
                {
                    "status": new_status,
                    "service": target.code,
                    "origin_service": ticket.origin_service or ticket.service,
                    "counter": None,
                    "called_at": None,
                    "started_at": None,
                    "recalls": 0,
                },
            )
            detail: dict[str, object] = {"from": ticket.service, "to": target.code}
            if actor:
                detail["actor"] = actor
            repo.add_event(ticket.id, now, "transferred", ticket.counter, detail)
            result = repo.get_ticket(ticket.id)
            uow.commit()
        assert result is not None
        log.info(
            "transferred from service %s to %s%s",
            ticket.service,
            target.code,
            _by(actor),
            extra=about(result.code),
        )
        return result

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
        actor = _officer(actor)
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

    # -- helpers ------------------------------------------------------------------------
    def _move(self, ref: TicketRef, action: Action, stamp: str, actor: str | None) -> Ticket:
        actor = _officer(actor)
        now = self._clock()
        day = office_day(now, self._settings.timezone)
        with self._uow(write=True) as uow:
            repo = uow.queue
            ticket = self._ticket(repo, ref, day, for_update=True)
            new_status = lifecycle.next_status(ticket.code, ticket.status, action)
            repo.update_ticket(
                ticket.id, lifecycle.allowed_from(action), {"status": new_status, stamp: now}
            )
            repo.add_event(ticket.id, now, new_status.value, ticket.counter, _actor(actor))
            result = repo.get_ticket(ticket.id)
            uow.commit()
        assert result is not None
        log.info(
            "%s at counter %s%s",
            new_status.value.replace("_", "-"),
            ticket.counter,
            _by(actor),
            extra=about(result.code),
        )
        return result

    @staticmethod
    def _close_current(
        repo: QueueRepository,
        counter: int,
        day: dt.date,
        now: dt.datetime,
        keep: int | None = None,
    ) -> tuple[Ticket | None, list[NewEvent]]:
        """Close the ticket ``counter`` was still serving: it (None if none) and the
        history line to write for it."""
        closed = repo.close_current(
            counter,
            day,
            expected=lifecycle.allowed_from(Action.FINISH),
            status=TicketStatus.DONE,
            at=now,
            keep=keep,
        )
        if closed is None:
            return None, []
        return closed, [NewEvent(closed.id, now, "done", counter, {"auto": "next call at counter"})]

    def _estimate(
        self, repo: QueueRepository, service: Service, day: dt.date, now: dt.datetime, ahead: int
    ) -> int:
        if ahead <= 0:
            return 0
        recent = repo.recent_service_seconds(service.code, day, self._settings.service_time_sample)
        open_desks = repo.active_counters(
            service.code, day, now - self._settings.open_counter_window
        )
        return self._wait(service, ahead, recent, open_desks)

    @staticmethod
    def _wait(service: Service, ahead: int, recent: Sequence[float], open_desks: int) -> int:
        if ahead <= 0:
            return 0
        avg = wait.average_service_seconds(recent, service.default_service_minutes)
        return wait.estimate_wait_seconds(ahead, avg, open_desks)

    def _check_priority(self, priority: str | None) -> str | None:
        if priority is None or priority == "":
            return None
        known = [p.code for p in self._settings.priorities]
        code = priority.strip().lower()
        if code not in known:
            raise UnknownPriority(priority, known)
        return code

    @staticmethod
    def _service(repo: QueueRepository, code: str) -> Service:
        service = repo.get_service(code.strip().upper())
        if service is None:
            raise UnknownService(code, [s.code for s in repo.list_services() if s.active])
        return service

    @staticmethod
    def _counter(repo: QueueRepository, number: int, *, for_update: bool = False) -> Counter:
        # Out of the database's range is no counter either (not "integer out of range").
        known = COUNTER_MIN <= number <= COUNTER_MAX
        desk = repo.get_counter(number, for_update=for_update) if known else None
        if desk is None:
            raise UnknownCounter(number, [c.number for c in repo.list_counters()])
        return desk

    def _counter_today(
        self, repo: QueueRepository, number: int, day: dt.date, *, for_update: bool = False
    ) -> Counter:
        """The counter as its calls today see it (call_next and the desk alike), in one read."""
        since = day_start(day, self._settings.timezone)
        known = COUNTER_MIN <= number <= COUNTER_MAX  # out of range is no counter either
        found = repo.counter_on(number, day, since, for_update=for_update) if known else None
        if found is None:
            raise UnknownCounter(number, [c.number for c in repo.list_counters()])
        desk, called_today = found
        if desk.regular_since_priority and not called_today:
            # A new office day starts a new interleave count.
            desk = replace(desk, regular_since_priority=0)
        return desk

    @staticmethod
    def _ticket(
        repo: QueueRepository, ref: TicketRef, day: dt.date, *, for_update: bool = False
    ) -> Ticket:
        ticket: Ticket | None
        if isinstance(ref, int) or (isinstance(ref, str) and ref.strip().isdecimal()):
            number = int(ref)
            if not TICKET_ID_MIN <= number <= TICKET_ID_MAX:
                raise NoSuchTicket(ref)  # past the database's INTEGER: no such id either
            ticket = repo.get_ticket(number, for_update=for_update)
        else:
            parsed = parse_ticket_code(ref)
            if parsed is None:
                raise NoSuchTicket(ref)
            found = repo.find_ticket(ticket_code(*parsed), day)
            ticket = (
                repo.get_ticket(found.id, for_update=for_update)
                if found is not None and for_update
                else found
            )
        if ticket is None:
            raise NoSuchTicket(ref)
        return ticket


def _officer(actor: str | None) -> str | None:
    """Who acts, as kept in the history and the audit log: one line, at most
    ACTOR_MAX_CHARS (the audit log's column); blank is nobody."""
    return one_line("the officer's name", actor, ACTOR_MAX_CHARS) or None if actor else None


def _actor(actor: str | None) -> Mapping[str, object] | None:
    return {"actor": actor} if actor else None


def _by(actor: str | None) -> str:
    return f" by {actor}" if actor else ""


def _log_closed(ticket: Ticket | None, counter: int) -> None:
    if ticket is not None:
        log.info("done at counter %d (closed by the next call)", counter, extra=about(ticket.code))
