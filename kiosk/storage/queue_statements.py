"""The queue's hot-path statements, built once.

Constructing a SQLAlchemy statement costs more CPU than SQLite takes to run it, and each
statement is a round trip to a PostgreSQL server: issuing a ticket sends four (number,
the service with its estimate's inputs, the ticket, its event) and calling the next
sends at most six (the counter, both queue heads, the call, closing the counter's
previous ticket, the counter's state, the events).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    Boolean,
    ColumnElement,
    Date,
    Insert,
    Integer,
    Select,
    Table,
    Update,
    bindparam,
    exists,
    func,
    insert,
    literal,
    select,
    union_all,
    update,
)
from sqlalchemy import (
    cast as sql_cast,
)
from sqlalchemy.dialects import postgresql, sqlite

from kiosk.domain.model import TicketStatus
from kiosk.storage.rows import AT_COUNTER, QUEUED
from kiosk.storage.tables import (
    CounterRow,
    CounterServiceRow,
    DailySequenceRow,
    ServiceRow,
    TicketEventRow,
    TicketRow,
    UtcDateTime,
)

T = cast(Table, TicketRow.__table__)
EVENTS = cast(Table, TicketEventRow.__table__)
SEQUENCES = cast(Table, DailySequenceRow.__table__)
SERVICES = cast(Table, ServiceRow.__table__)
COUNTERS = cast(Table, CounterRow.__table__)
LINKS = cast(Table, CounterServiceRow.__table__)

#: Multi-row event inserts prepared for these sizes (a call-next writes one or two).
_EVENT_BATCHES = (1, 2)


def _day() -> BindParameter[dt.date]:
    return bindparam("day", type_=Date())


def _queue(priority: bool, *columns: ColumnElement[object]) -> Select[Any]:
    """The earliest queued ticket of one queue of the counter's services (ix_tickets_queue)."""
    return (
        select(*(columns or (T.c.id,)))
        .where(
            T.c.office_day == _day(),
            T.c.status.in_(QUEUED),
            T.c.service.in_(bindparam("services", expanding=True)),
            T.c.priority.is_not(None) if priority else T.c.priority.is_(None),
        )
        .order_by(T.c.issued_at, T.c.id)
        .limit(1)
    )


def _upsert(postgres: bool) -> sqlite.Insert | postgresql.Insert:
    return postgresql.insert(SEQUENCES) if postgres else sqlite.insert(SEQUENCES)


def _number_upsert(postgres: bool) -> Insert:
    values = {"prefix": bindparam("prefix"), "office_day": _day(), "last_number": 1}
    bump = {"last_number": SEQUENCES.c.last_number + 1}
    keys = [SEQUENCES.c.prefix, SEQUENCES.c.office_day]
    return (
        _upsert(postgres)
        .values(values)
        .on_conflict_do_update(index_elements=keys, set_=bump)
        .returning(SEQUENCES.c.last_number)
    )


def _service_number(postgres: bool) -> Insert:
    """The day's next number of an existing service: the sequence row comes from the
    services row, so an unknown code takes nothing (and no RETURNING row)."""
    # PostgreSQL must be told the parameter is a date; on SQLite a CAST would make it a
    # number (dates are text there).
    day: ColumnElement[dt.date] = sql_cast(_day(), Date()) if postgres else _day()
    known = select(SERVICES.c.code, day, literal(1, Integer())).where(
        SERVICES.c.code == bindparam("code")
    )
    keys = [SEQUENCES.c.prefix, SEQUENCES.c.office_day]
    return (
        _upsert(postgres)
        .from_select(["prefix", "office_day", "last_number"], known)
        .on_conflict_do_update(
            index_elements=keys, set_={"last_number": SEQUENCES.c.last_number + 1}
        )
        .returning(SEQUENCES.c.last_number)
    )


class QueueStatements:
    def __init__(self) -> None:
        t = T
        day = _day()
        self.service = select(SERVICES).where(SERVICES.c.code == bindparam("code"))
        self.next_number_sqlite = _number_upsert(postgres=False)
        self.next_number_pg = _number_upsert(postgres=True)
        self.service_number_sqlite = _service_number(postgres=False)
        self.service_number_pg = _service_number(postgres=True)

        # -- the estimate's inputs ----------------------------------------------------------
        queued = select(func.count()).where(
            t.c.office_day == day,
            t.c.status.in_(QUEUED),
            t.c.service == bindparam("service"),
        )
        self.recent_service = (
            select(t.c.called_at, t.c.finished_at, t.c.service)
            .where(
                t.c.office_day == day,
                t.c.status == TicketStatus.DONE.value,
                t.c.service == bindparam("service"),
            )
            .order_by(t.c.finished_at.desc())
            .limit(bindparam("limit", type_=Integer()))
        )
        recent_callers = (
            select(t.c.counter)
            .where(
                t.c.office_day == day,
                t.c.called_at >= bindparam("since", type_=UtcDateTime()),
                t.c.counter.is_not(None),
            )
            .distinct()
        )
        self.active_counters = (
            select(func.count(func.distinct(COUNTERS.c.number)))
            .join(LINKS, LINKS.c.counter == COUNTERS.c.number)
            .where(
                LINKS.c.service == bindparam("service"),
                COUNTERS.c.active.is_(True),
                COUNTERS.c.paused.is_(False),
                COUNTERS.c.number.in_(recent_callers),
            )
        )
        # The service with everything an issue reads, in one query: one row per recent
        # service time (at least one row: an outer join). The counts are uncorrelated
        # subqueries, computed once.
        recent = self.recent_service.subquery("recent")
        self.issue_figures = {
            priority_only: (
                select(
                    SERVICES,
                    (queued.where(t.c.priority.is_not(None)) if priority_only else queued)
                    .scalar_subquery()
                    .label("ahead"),
                    self.active_counters.scalar_subquery().label("open_counters"),
                    recent.c.called_at,
                    recent.c.finished_at,
                )
                .select_from(SERVICES.outerjoin(recent, recent.c.service == SERVICES.c.code))
                .where(SERVICES.c.code == bindparam("service"))
            )
            for priority_only in (False, True)
        }

        # -- calling ----------------------------------------------------------------------
        # The counter, its services (a row each) and whether it called anyone today
        # (ix_ticket_events_counter_kind_at: that counter's calls since the day began).
        called_today = (
            exists()
            .where(
                EVENTS.c.counter == bindparam("number"),
                EVENTS.c.kind == "called",
                EVENTS.c.at >= bindparam("since", type_=UtcDateTime()),
                T.c.id == EVENTS.c.ticket_id,
                T.c.office_day == day,
            )
            .label("called_today")
        )
        served = LINKS.join(SERVICES, SERVICES.c.code == LINKS.c.service)
        counter = (
            select(COUNTERS, LINKS.c.service, called_today)
            .select_from(COUNTERS.outerjoin(served, LINKS.c.counter == COUNTERS.c.number))
            .where(COUNTERS.c.number == bindparam("number"), COUNTERS.c.active.is_(True))
            .order_by(SERVICES.c.position, SERVICES.c.code)
        )
        self.counter = counter
        # PostgreSQL: the counter's row stays locked until commit, so one counter's two
        # quick presses serialise. SQLite: BEGIN IMMEDIATE already did.
        self.counter_for_update = counter.with_for_update(of=COUNTERS)
        heads = [
            _queue(is_priority, T.c.id, T.c.issued_at).subquery(
                "priority_head" if is_priority else "regular_head"
            )
            for is_priority in (False, True)
        ]
        self.queue_heads = union_all(
            *(
                select(h.c.id, h.c.issued_at, literal(p, Boolean()).label("is_priority"))
                for h, p in zip(heads, (False, True), strict=True)
            )
        )
        # PostgreSQL: two counters skip each other's locked head instead of waiting on it.
        self.call_head = {
            is_priority: (
                update(t)
                .where(
                    t.c.id
                    == _queue(is_priority).with_for_update(skip_locked=True).scalar_subquery(),
                    t.c.status.in_(QUEUED),
                )
                .values(
                    status=TicketStatus.CALLED.value,
                    counter=bindparam("desk"),
                    called_at=bindparam("now", type_=UtcDateTime()),
                )
                .returning(*t.c)
            )
            for is_priority in (False, True)
        }
        current = (
            select(t.c.id)
            .where(
                t.c.office_day == day,
                t.c.counter == bindparam("desk"),
                t.c.status.in_(AT_COUNTER),
                t.c.id != bindparam("keep"),
            )
            .order_by(t.c.called_at.desc(), t.c.id.desc())
            .limit(1)
        )
        self.close_current = (
            update(t)
            .where(
                t.c.id == current.scalar_subquery(),
                t.c.status.in_(bindparam("expected", expanding=True)),
            )
            .values(
                status=bindparam("new_status"),
                finished_at=bindparam("now", type_=UtcDateTime()),
            )
            .returning(*t.c)
        )
        self.counter_state: Update = (
            update(COUNTERS)
            .where(COUNTERS.c.number == bindparam("number"))
            .values(
                regular_since_priority=bindparam("since_priority"),
                paused=bindparam("now_paused", type_=Boolean()),
            )
        )
        self.add_ticket = insert(t).returning(t.c.id)
        self.add_event = insert(EVENTS)
        self.add_events = {n: self.events_insert(n) for n in _EVENT_BATCHES}

    @staticmethod
    def events_insert(n: int) -> Insert:
        """One INSERT of ``n`` events; parameters ticket_id_0, at_0, kind_0, ..."""
        return insert(EVENTS).values(
            [
                {
                    "ticket_id": bindparam(f"ticket_id_{i}", type_=Integer()),
                    "at": bindparam(f"at_{i}", type_=UtcDateTime()),
                    "kind": bindparam(f"kind_{i}"),
                    "counter": bindparam(f"counter_{i}", type_=Integer()),
                    "detail": bindparam(f"detail_{i}"),
                }
                for i in range(n)
            ]
        )


SQL = QueueStatements()
