"""A counter's actions on tickets: call next (at most six statements), call out of order,
recall, start, finish, no-show, cancel, transfer."""

from __future__ import annotations

from kiosk.domain import call_order, lifecycle
from kiosk.domain.audit import AuditRecord
from kiosk.domain.errors import (
    ReasonRequired,
    SameService,
    ServiceInactive,
)
from kiosk.domain.lifecycle import Action
from kiosk.domain.limits import (
    REASON_MAX_CHARS,
    one_line,
)
from kiosk.domain.log import about
from kiosk.domain.model import (
    QUEUED_STATES,
    Ticket,
    TicketStatus,
)
from kiosk.domain.numbering import office_day
from kiosk.domain.records import NewEvent
from kiosk.services.queue.core import (
    QueueCore,
    TicketRef,
    actor_detail,
    by_whom,
    log,
    log_closed,
    officer_name,
)

#: Bounded retries when racing counters keep taking the head we looked at.
CALL_ATTEMPTS = 50


class Calling(QueueCore):
    # -- calling ------------------------------------------------------------------------
    def call_next(self, counter: int, actor: str | None = None) -> Ticket | None:
        """Call the next eligible ticket to ``counter``; None when nobody waits.

        The counter's current ticket, if still called or being served, is finished first:
        a counter serves one applicant at a time.
        """
        actor = officer_name(actor)
        now = self._clock()
        day = office_day(now, self._settings.timezone)
        with self._uow(write=True) as uow:
            repo = uow.queue
            # At most six statements: the counter (with its day so far), both queue heads,
            # the call, closing the counter's previous ticket, its state, the events.
            desk = self._counter_today(repo, counter, day, for_update=True)
            head: call_order.Candidate | None = None
            ticket: Ticket | None = None
            for _attempt in range(CALL_ATTEMPTS):
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
                [*events, NewEvent(ticket.id, now, "called", desk.number, actor_detail(actor))]
            )
            uow.commit()
        assert ticket is not None
        log_closed(closed, desk.number)
        log.info("called to counter %d%s", desk.number, by_whom(actor), extra=about(ticket.code))
        return ticket

    def call_ticket(
        self, ref: TicketRef, counter: int, reason: str, actor: str | None = None
    ) -> Ticket:
        """Call one ticket out of order. Needs a reason; audited for the supervisor."""
        reason = one_line("the reason", reason or "", REASON_MAX_CHARS)
        if not reason:
            raise ReasonRequired()
        actor = officer_name(actor)
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
        log_closed(closed, desk.number)
        log.info(
            "called out of order to counter %d%s, reason: %s",
            desk.number,
            by_whom(actor),
            reason,
            extra=about(result.code),
        )
        return result

    def recall(self, ref: TicketRef, actor: str | None = None) -> Ticket:
        """Announce a called ticket again; past the recall limit it becomes a no-show."""
        actor = officer_name(actor)
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
                by_whom(actor),
                extra=about(result.code),
            )
        else:
            log.info(
                "recalled (%d) to counter %s%s",
                result.recalls,
                ticket.counter,
                by_whom(actor),
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
        actor = officer_name(actor)
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
            by_whom(actor),
            extra=about(result.code),
        )
        return result

    # -- helpers ------------------------------------------------------------------------
    def _move(self, ref: TicketRef, action: Action, stamp: str, actor: str | None) -> Ticket:
        actor = officer_name(actor)
        now = self._clock()
        day = office_day(now, self._settings.timezone)
        with self._uow(write=True) as uow:
            repo = uow.queue
            ticket = self._ticket(repo, ref, day, for_update=True)
            new_status = lifecycle.next_status(ticket.code, ticket.status, action)
            repo.update_ticket(
                ticket.id, lifecycle.allowed_from(action), {"status": new_status, stamp: now}
            )
            repo.add_event(ticket.id, now, new_status.value, ticket.counter, actor_detail(actor))
            result = repo.get_ticket(ticket.id)
            uow.commit()
        assert result is not None
        log.info(
            "%s at counter %s%s",
            new_status.value.replace("_", "-"),
            ticket.counter,
            by_whom(actor),
            extra=about(result.code),
        )
        return result
