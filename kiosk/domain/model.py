"""Entities and value objects of the queue, as plain immutable data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    # Moved to another service by an officer; waits there at its original place.
    TRANSFERRED = "transferred"


#: States in which a ticket stands in a queue and may be called.
QUEUED_STATES: frozenset[TicketStatus] = frozenset({TicketStatus.WAITING, TicketStatus.TRANSFERRED})
#: States after which nothing more happens to a ticket.
FINAL_STATES: frozenset[TicketStatus] = frozenset(
    {TicketStatus.DONE, TicketStatus.NO_SHOW, TicketStatus.CANCELLED}
)


class PolicyMode(StrEnum):
    #: Any waiting priority ticket goes before every regular one.
    PRIORITY_FIRST = "priority_first"
    #: One priority ticket after every N regular calls at a counter.
    INTERLEAVE = "interleave"
    #: Strict order of issue; priority only marks the ticket.
    FIFO = "fifo"


@dataclass(frozen=True, slots=True)
class PriorityPolicy:
    mode: PolicyMode = PolicyMode.PRIORITY_FIRST
    every: int = 3  # only for INTERLEAVE: regular calls between two priority calls

    def __post_init__(self) -> None:
        if self.every < 1:
            raise ValueError("PriorityPolicy.every must be at least 1")


@dataclass(frozen=True, slots=True)
class PriorityCategory:
    code: str
    name_id: str
    name_en: str


@dataclass(frozen=True, slots=True)
class TimeRange:
    start: dt.time
    end: dt.time

    def contains(self, moment: dt.time) -> bool:
        return self.start <= moment < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """Weekly hours in office-local time; a weekday with no ranges is closed all day."""

    weekly: tuple[tuple[TimeRange, ...], ...]  # index 0 = Monday ... 6 = Sunday

    def is_open(self, local: dt.datetime) -> bool:
        return any(r.contains(local.time()) for r in self.weekly[local.weekday()])

    def describe(self) -> str:
        parts: list[str] = []
        for day, ranges in zip(WEEKDAYS, self.weekly, strict=True):
            parts.append(f"{day} {', '.join(map(str, ranges)) if ranges else 'closed'}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Service:
    code: str  # also the ticket prefix: "A" gives A-001
    name_id: str
    name_en: str
    hours: OpeningHours | None = None  # None: open at any hour
    daily_quota: int | None = None  # None: no quota
    active: bool = True
    #: Service time assumed for estimates before the day has finished tickets of its own.
    default_service_minutes: float = 5.0


@dataclass(frozen=True, slots=True)
class Counter:
    number: int
    name: str
    services: tuple[str, ...]
    paused: bool = False
    #: Regular calls since this counter last called a priority ticket (interleave policy).
    regular_since_priority: int = 0


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int
    code: str  # "A-001": the issuing service's prefix and the day's number; never changes
    service: str  # the service whose queue it stands in now (changes on transfer)
    number: int
    office_day: dt.date
    status: TicketStatus
    priority: str | None
    issued_at: dt.datetime  # UTC, aware
    called_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    counter: int | None = None
    recalls: int = 0
    origin_service: str | None = None  # set once transferred: the service it was issued for
    #: Only on a freshly issued ticket: what the applicant is told at the kiosk.
    people_ahead: int | None = None
    estimated_wait_seconds: int | None = None
    #: None: no slip attempted; "printed"; "failed" (can be reprinted).
    slip_state: str | None = None

    @property
    def estimated_wait(self) -> dt.timedelta | None:
        if self.estimated_wait_seconds is None:
            return None
        return dt.timedelta(seconds=self.estimated_wait_seconds)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready view: the shape the CLI prints and scripts rely on."""

        def iso(v: dt.datetime | None) -> str | None:
            return v.isoformat() if v else None

        return {
            "id": self.id,
            "code": self.code,
            "service": self.service,
            "number": self.number,
            "office_day": self.office_day.isoformat(),
            "status": self.status.value,
            "priority": self.priority,
            "issued_at": iso(self.issued_at),
            "called_at": iso(self.called_at),
            "started_at": iso(self.started_at),
            "finished_at": iso(self.finished_at),
            "counter": self.counter,
            "recalls": self.recalls,
            "origin_service": self.origin_service,
            "people_ahead": self.people_ahead,
            "estimated_wait_seconds": self.estimated_wait_seconds,
            "slip_state": self.slip_state,
        }


@dataclass(frozen=True, slots=True)
class ServiceQueue:
    service: Service
    waiting: int
    priority_waiting: int
    issued_today: int
    estimated_wait_seconds: int
    open_now: bool
    quota_left: int | None


@dataclass(frozen=True, slots=True)
class CounterState:
    counter: Counter
    current: Ticket | None  # the ticket called or being served there
    served_today: int


@dataclass(frozen=True, slots=True)
class QueueStatus:
    office_day: dt.date
    services: tuple[ServiceQueue, ...]
    counters: tuple[CounterState, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "office_day": self.office_day.isoformat(),
            "services": [
                {
                    "code": q.service.code,
                    "name": q.service.name_id,
                    "waiting": q.waiting,
                    "priority_waiting": q.priority_waiting,
                    "issued_today": q.issued_today,
                    "estimated_wait_seconds": q.estimated_wait_seconds,
                    "open": q.open_now,
                    "active": q.service.active,
                    "quota_left": q.quota_left,
                }
                for q in self.services
            ],
            "counters": [
                {
                    "number": c.counter.number,
                    "name": c.counter.name,
                    "services": list(c.counter.services),
                    "paused": c.counter.paused,
                    "current": c.current.to_dict() if c.current else None,
                    "served_today": c.served_today,
                }
                for c in self.counters
            ],
        }


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: dt.datetime
    action: str
    actor: str | None
    ticket_code: str | None
    counter: int | None
    reason: str | None
    detail: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "action": self.action,
            "actor": self.actor,
            "ticket": self.ticket_code,
            "counter": self.counter,
            "reason": self.reason,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class PrinterAlert:
    id: int
    at: dt.datetime
    source: str  # which kiosk's printer
    state: str  # paper_near_end, paper_out, cover_open, offline, no_answer
    message: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "source": self.source,
            "state": self.state,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class CallEvent:
    """One call of a ticket to a counter (a first call or a recall), for the display board.

    ``event_id`` identifies the call itself, so a recall of the same ticket is a new event
    that the board announces again.
    """

    event_id: int
    ticket_id: int
    code: str
    service: str
    counter: int
    counter_name: str
    at: dt.datetime  # UTC, aware
    recall: int  # 0 for the first call, 1.. for recalls

    def to_dict(self) -> dict[str, object]:
        return {
            "event_id": self.event_id,
            "ticket_id": self.ticket_id,
            "code": self.code,
            "service": self.service,
            "counter": self.counter,
            "counter_name": self.counter_name,
            "at": self.at.isoformat(),
            "recall": self.recall,
        }


@dataclass(frozen=True, slots=True)
class CounterDesk:
    """What an officer's window shows: the counter, its ticket, its queue, its day."""

    counter: Counter
    current: Ticket | None
    #: The tickets this counter may call, in the order Call next would call them if
    #: nothing else happened (kiosk.domain.call_order.call_sequence): the first is the
    #: one it calls now (at most the limit asked for).
    waiting: tuple[Ticket, ...]
    waiting_total: int
    served_today: int
    #: Mean service time (start or call to finish) of this counter's tickets today.
    average_service_seconds: float | None
    #: Today's tickets whose slip failed to print (an officer may ask the kiosk to reprint).
    failed_slips: tuple[Ticket, ...]
    printer_alerts: tuple[PrinterAlert, ...]
    #: The ticket this counter closed last today (done, no-show or cancelled), if any.
    last_closed: Ticket | None = None

    @property
    def next_up(self) -> Ticket | None:
        """The ticket Call next takes now (unless another counter is quicker)."""
        return self.waiting[0] if self.waiting else None


#: Columns the tickets table may be sorted by (the admin window's header clicks).
TICKET_SORT_KEYS = (
    "issued_at", "code", "service", "status", "counter", "called_at", "finished_at",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TicketQuery:
    """Which tickets to list (office days ``date_from``..``date_to``) and in what order."""

    date_from: dt.date
    date_to: dt.date
    service: str | None = None
    counter: int | None = None
    status: TicketStatus | None = None
    #: The start of a ticket code ("A-01" finds A-010..A-019); case does not matter.
    code: str | None = None
    sort: str = "issued_at"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.sort not in TICKET_SORT_KEYS:
            raise ValueError(f"cannot sort tickets by {self.sort!r}")


@dataclass(frozen=True, slots=True)
class TicketEvent:
    """One step in a ticket's history (issued, called, recalled, serving, done...)."""

    at: dt.datetime
    kind: str
    counter: int | None
    detail: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditQuery:
    date_from: dt.datetime | None = None  # UTC bounds, inclusive / exclusive
    date_to: dt.datetime | None = None
    action: str | None = None
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class BackupResult:
    """A database backup just written."""

    path: Path
    size_bytes: int
    removed: tuple[Path, ...]  # older copies pruned to keep the number asked for

    def to_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "size_bytes": self.size_bytes,
            "removed": [str(p) for p in self.removed],
        }


@dataclass(frozen=True, slots=True)
class PrinterReport:
    """How a kiosk's printer was at its last report, and since when."""

    source: str
    state: str  # online, paper_near_end, paper_out, cover_open, offline, no_answer
    message: str | None
    since: dt.datetime

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "state": self.state,
            "message": self.message,
            "since": self.since.isoformat(),
        }
