"""The queue service's shared core: settings, the clock, look-ups and checks every action uses."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo

from kiosk.domain import lifecycle, wait
from kiosk.domain.errors import (
    NoSuchTicket,
    UnknownCounter,
    UnknownPriority,
    UnknownService,
)
from kiosk.domain.lifecycle import Action
from kiosk.domain.limits import (
    ACTOR_MAX_CHARS,
    COUNTER_MAX,
    COUNTER_MIN,
    TICKET_ID_MAX,
    TICKET_ID_MIN,
    one_line,
)
from kiosk.domain.log import about
from kiosk.domain.model import (
    Counter,
    PriorityCategory,
    PriorityPolicy,
    Service,
    Ticket,
    TicketStatus,
)
from kiosk.domain.numbering import office_day, parse_ticket_code, ticket_code
from kiosk.domain.records import NewEvent
from kiosk.services.ports import Clock, QueueRepository, UnitOfWorkFactory

#: The package's name, as every log line of the queue shows it ("kiosk.services.queue:").
log = logging.getLogger("kiosk.services.queue")

TicketRef = int | str  # a ticket id, or today's code such as "A-001"


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


class QueueCore:
    """What every part of the queue service shares: the unit of work, live settings, the
    clock, and the look-ups and checks its actions have in common."""

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

    # -- shared helpers -------------------------------------------------------------------
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


def officer_name(actor: str | None) -> str | None:
    """Who acts, as kept in the history and the audit log: one line, at most
    ACTOR_MAX_CHARS (the audit log's column); blank is nobody."""
    return one_line("the officer's name", actor, ACTOR_MAX_CHARS) or None if actor else None


def actor_detail(actor: str | None) -> Mapping[str, object] | None:
    return {"actor": actor} if actor else None


def by_whom(actor: str | None) -> str:
    return f" by {actor}" if actor else ""


def log_closed(ticket: Ticket | None, counter: int) -> None:
    if ticket is not None:
        log.info("done at counter %d (closed by the next call)", counter, extra=about(ticket.code))
