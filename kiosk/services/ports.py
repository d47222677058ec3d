"""What the services need from storage, as protocols (storage implements them).

Keeping these here lets the services layer be tested against fakes and keeps it free of
SQLAlchemy; import-linter enforces that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Protocol, Self

from kiosk.domain.appointments import Appointment, Arrival, Booking
from kiosk.domain.audit import AuditCheck, AuditRecord
from kiosk.domain.call_order import Candidate
from kiosk.domain.model import (
    AuditEntry,
    AuditQuery,
    CallEvent,
    Counter,
    PrinterAlert,
    Service,
    Ticket,
    TicketEvent,
    TicketQuery,
    TicketStatus,
)
from kiosk.domain.records import IssueFigures, NewEvent
from kiosk.domain.staff import Role, SignInGuard, StaffAccount
from kiosk.domain.stats import TicketTimes
from kiosk.survey.model import Collection, ProfileBreakdown, ResponseRow, SurveyFilter
from kiosk.survey.model import Profile as SurveyProfile


class QueueRepository(Protocol):
    """What issuing and calling read and write: services, counters, numbering, tickets,
    their history events, and the queues' heads a counter sees. The hot actions (issue,
    call next) read and write with few statements: each is a round trip on PostgreSQL."""

    def get_service(self, code: str) -> Service | None: ...
    def list_services(self) -> list[Service]: ...
    def get_counter(self, number: int, *, for_update: bool = False) -> Counter | None: ...
    def counter_on(
        self, number: int, day: dt.date, since: dt.datetime, *, for_update: bool = False
    ) -> tuple[Counter, bool] | None:
        """The active counter and whether it has called any ticket of office day ``day``
        (``since``: the day's start, before which none was called), in one read."""
        ...

    def list_counters(self) -> list[Counter]: ...
    def save_counter_state(
        self, number: int, *, regular_since_priority: int | None = None, paused: bool | None = None
    ) -> None: ...

    def next_number(self, prefix: str, day: dt.date) -> int:
        """Take the day's next number for a prefix, atomically (held until commit)."""
        ...

    def take_number(self, service: str, day: dt.date) -> int | None:
        """Take the day's next number of ``service`` (its prefix) as next_number does;
        None, and nothing taken, when there is no such service."""
        ...

    def issue_figures(
        self,
        service: str,
        day: dt.date,
        *,
        priority_only: bool,
        sample: int,
        open_since: dt.datetime,
    ) -> IssueFigures | None:
        """The service and, for a ticket issued now, the queued ahead (only priority ones
        if ``priority_only``), the last ``sample`` service times of the day and the
        counters open for it (called since ``open_since``); None for no such service."""
        ...

    def add_ticket(
        self,
        *,
        prefix: str,
        number: int,
        code: str,
        office_day: dt.date,
        priority: str | None,
        issued_at: dt.datetime,
        people_ahead: int | None = None,
        estimated_wait_seconds: int | None = None,
    ) -> Ticket: ...
    def get_ticket(self, ticket_id: int, *, for_update: bool = False) -> Ticket | None: ...
    def find_ticket(self, code: str, day: dt.date) -> Ticket | None: ...
    def queue_heads(
        self, services: Sequence[str], day: dt.date
    ) -> tuple[Candidate | None, Candidate | None]:
        """The earliest queued regular and priority tickets for these services on ``day``."""
        ...

    def call_head(
        self,
        services: Sequence[str],
        day: dt.date,
        *,
        priority: bool,
        counter: int,
        at: dt.datetime,
    ) -> Ticket | None:
        """Call the earliest queued ticket of one queue (priority or regular) to ``counter``:
        skipping heads other counters are taking (PostgreSQL), changed only if still
        queued. The ticket as called, or None when none could be taken."""
        ...

    def update_ticket(
        self, ticket_id: int, expected: frozenset[TicketStatus], values: Mapping[str, object]
    ) -> bool:
        """Change a ticket only if it is still in one of ``expected``; False if it was not."""
        ...

    def close_current(
        self,
        counter: int,
        day: dt.date,
        *,
        expected: frozenset[TicketStatus],
        status: TicketStatus,
        at: dt.datetime,
        keep: int | None = None,
    ) -> Ticket | None:
        """Move the ticket ``counter`` is serving (its latest called or serving ticket of
        ``day`` other than ``keep``), if still in one of ``expected``, to ``status`` with
        ``finished_at`` = ``at``; the ticket as changed, or None if there was none."""
        ...

    def current_at_counter(
        self, counter: int, day: dt.date, exclude: int | None = None
    ) -> Ticket | None: ...
    def waiting_heads(self, services: Sequence[str], day: dt.date, limit: int) -> list[Ticket]:
        """The first ``limit`` tickets of each queue (regular, priority), by issue time."""
        ...

    def last_closed_at_counter(self, counter: int, day: dt.date) -> Ticket | None: ...
    def count_waiting_for(self, services: Sequence[str], day: dt.date) -> int: ...
    def add_event(
        self,
        ticket_id: int,
        at: dt.datetime,
        kind: str,
        counter: int | None = None,
        detail: Mapping[str, object] | None = None,
    ) -> None: ...
    def add_events(self, events: Sequence[NewEvent]) -> None:
        """Several history lines in one statement, in order."""
        ...

    def recent_service_seconds(self, service: str, day: dt.date, limit: int) -> list[float]: ...
    def active_counters(self, service: str, day: dt.date, since: dt.datetime) -> int:
        """Unpaused counters serving ``service`` that called a ticket since ``since``."""
        ...


class ReportRepository(Protocol):
    """Read-only figures of a day or a period, and the paged tables supervisors browse."""

    def queue_counts(self, day: dt.date) -> dict[str, tuple[int, int]]:
        """service -> (queued, of which priority)."""
        ...

    def issued_counts(self, day: dt.date) -> dict[str, int]:
        """Service -> tickets taken in it on ``day`` (their code's prefix, kept through a
        transfer): the one "issued" per service (quota, queue status, the dashboard)."""
        ...

    def current_tickets(self, day: dt.date) -> dict[int, Ticket]: ...
    def served_counts(self, day: dt.date) -> dict[int, int]: ...
    def count_tickets(self, day: dt.date) -> int: ...
    def counter_service_times(self, counter: int, day: dt.date) -> list[float]: ...
    def recent_calls(self, since: dt.datetime, limit: int) -> list[CallEvent]:
        """Calls and recalls since ``since``, newest first."""
        ...

    def day_ticket_times(self, date_from: dt.date, date_to: dt.date) -> list[TicketTimes]: ...
    def find_tickets(self, query: TicketQuery, offset: int, limit: int) -> list[Ticket]: ...
    def count_tickets_matching(self, query: TicketQuery) -> int: ...
    def ticket_events(self, ticket_id: int) -> list[TicketEvent]: ...
    def find_audit(self, query: AuditQuery, offset: int, limit: int) -> list[AuditEntry]: ...


class SlipRepository(Protocol):
    """Whether each ticket's slip printed (and reprints), and the printers' alerts."""

    def set_slip_state(self, ticket_id: int, state: str, error: str | None) -> bool: ...
    def slips_in_state(self, day: dt.date, state: str, limit: int) -> list[Ticket]: ...
    def move_slip_state(self, ticket_id: int, expected: Sequence[str], state: str) -> bool: ...
    def open_alerts(self, source: str | None = None) -> list[PrinterAlert]: ...
    def add_alert(self, at: dt.datetime, source: str, state: str, message: str | None) -> None: ...
    def resolve_alerts(self, source: str, at: dt.datetime, keep_state: str | None) -> int:
        """Close open alerts of ``source`` except one in ``keep_state``; how many closed."""
        ...


class SettingsRepository(Protocol):
    """Office-wide values by key, shared by every PC of the office."""

    def get(self, key: str) -> str | None: ...
    def put(self, key: str, value: str) -> None: ...
    def with_prefix(self, prefix: str) -> dict[str, str]: ...
    def delete(self, key: str) -> bool: ...


class AuditLog(Protocol):
    """The hash-chained, append-only log of privileged and out-of-order actions."""

    def append(self, record: AuditRecord) -> None: ...
    def verify(self) -> AuditCheck:
        """Walk the audit log's hash chain; the first link that does not hold."""
        ...


class SurveyRepository(Protocol):
    """Survey responses: stored by element code, aggregated in the database."""

    def add_response(
        self,
        *,
        survey: str,
        submitted_at: dt.datetime,
        office_day: dt.date,
        ticket_id: int | None,
        service: str | None,
        counter: int | None,
        profile: SurveyProfile,
        suggestion: str | None,
        source: str,
        answers: Mapping[str, int],
        station: str | None = None,
    ) -> int | None:
        """The new response's id; None when the ticket already answered this survey
        (decided by the database's unique constraint, so racing processes agree)."""
        ...

    def last_walk_up(self, station: str) -> dt.datetime | None:
        """When the kiosk ``station`` last stored a response without a ticket."""
        ...

    def element_totals(
        self,
        survey: str,
        elements: Sequence[str],
        date_from: dt.date,
        date_to: dt.date,
        where: SurveyFilter,
    ) -> dict[str, tuple[int, int]]:
        """element code -> (responses that answered it, sum of the values): GROUP BY in SQL."""
        ...

    def count_responses(
        self, survey: str, date_from: dt.date, date_to: dt.date, where: SurveyFilter
    ) -> int: ...
    def responses_between(
        self, survey: str, date_from: dt.date, date_to: dt.date, where: SurveyFilter
    ) -> list[ResponseRow]:
        """Every response of the period and slice, in time order, with its answers."""
        ...

    def value_counts(
        self,
        survey: str,
        elements: Sequence[str],
        date_from: dt.date,
        date_to: dt.date,
        where: SurveyFilter,
    ) -> dict[str, dict[int, int]]:
        """element code -> {value: how many gave it}: GROUP BY in SQL."""
        ...

    def collection(
        self, survey: str, date_from: dt.date, date_to: dt.date, where: SurveyFilter
    ) -> Collection:
        """First and last day with a response; responses per source (channel)."""
        ...

    def count_served(
        self, date_from: dt.date, date_to: dt.date, service: str | None, counter: int | None
    ) -> int:
        """Tickets finished (done) in the period: the sample check's population."""
        ...

    def has_answered(self, survey: str, ticket_id: int) -> bool: ...
    def responses_on(self, survey: str, day: dt.date) -> list[ResponseRow]:
        """One day's responses in time order; ``submitted_at`` aware UTC."""
        ...

    def profile_counts(
        self, survey: str, date_from: dt.date, date_to: dt.date, where: SurveyFilter
    ) -> ProfileBreakdown: ...
    def suggestions(
        self, survey: str, date_from: dt.date, date_to: dt.date, where: SurveyFilter
    ) -> list[str]: ...


class StaffRepository(Protocol):
    def find(self, username: str) -> tuple[StaffAccount, str] | None:
        """The account and its stored secret hash."""
        ...

    def add(
        self, username: str, name: str, role: Role, secret_hash: str, at: dt.datetime
    ) -> StaffAccount: ...
    def update(
        self, username: str, *, active: bool | None = None, secret_hash: str | None = None
    ) -> bool: ...
    def guard(self, username: str) -> SignInGuard | None:
        """The account's wrong PINs and lockout, locked for this transaction's update."""
        ...

    def set_guard(self, username: str, guard: SignInGuard) -> None: ...
    def open_session(
        self, account_id: int, token_hash: str, place: str, at: dt.datetime
    ) -> None: ...
    def session_account(self, token_hash: str) -> StaffAccount | None:
        """The account behind an open session, as it is now (role, active)."""
        ...

    def end_session(self, token_hash: str, at: dt.datetime) -> None: ...
    def has_role(self, role: Role) -> bool: ...
    def all(self) -> list[StaffAccount]: ...


class AppointmentRepository(Protocol):
    """Bookings by office day and code; the check-in's claim decided by the database."""

    def find(self, code: str, day: dt.date, *, for_update: bool = False) -> Appointment | None:
        """``for_update``: locked until commit (PostgreSQL; SQLite's writer holds it all)."""
        ...

    def for_ticket(self, ticket_id: int) -> Appointment | None: ...
    def days_of(self, code: str) -> list[dt.date]:
        """The office days ``code`` is booked on."""
        ...

    def on_day(self, day: dt.date) -> list[Appointment]: ...
    def has_list(self, day: dt.date) -> bool: ...
    def mark_listed(self, day: dt.date, at: dt.datetime, rows: int) -> None: ...
    def add(
        self, day: dt.date, booking: Booking, at: dt.datetime, *, verified: bool = True
    ) -> bool:
        """False when the day already has the code (a racing insert: nothing done)."""
        ...

    def update(self, appointment_id: int, booking: Booking) -> None: ...
    def cancel(self, appointment_id: int, at: dt.datetime) -> bool:
        """False when it was checked in or cancelled meanwhile."""
        ...

    def claim(self, appointment_id: int, ticket_id: int, at: dt.datetime, arrival: Arrival) -> bool:
        """Give the appointment its ticket only if it has none (and is not cancelled)."""
        ...


class UnitOfWork(Protocol):
    @property
    def queue(self) -> QueueRepository: ...
    @property
    def reports(self) -> ReportRepository: ...
    @property
    def slips(self) -> SlipRepository: ...
    @property
    def settings(self) -> SettingsRepository: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def staff(self) -> StaffRepository: ...
    @property
    def survey(self) -> SurveyRepository: ...
    @property
    def appointments(self) -> AppointmentRepository: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None:
        """Commit, and tell other processes watching the change feed."""
        ...


#: ``factory(write=True)`` starts a transaction that takes the write lock up front
#: (SQLite BEGIN IMMEDIATE), so a read-then-write cannot race another process.
UnitOfWorkFactory = Callable[..., UnitOfWork]
Clock = Callable[[], dt.datetime]
