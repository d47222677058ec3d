"""The queue's repository: what issuing, calling and a counter's desk read and write.

Issuing a ticket is the hot path (every kiosk, every applicant): its statements are built once
(``_Statements``) and run as Core on the session's connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import cast

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    Table,
    bindparam,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from kiosk.domain.call_order import Candidate
from kiosk.domain.model import FINAL_STATES, Counter, Service, Ticket, TicketStatus
from kiosk.storage.rows import (
    AT_COUNTER,
    QUEUED,
    json_text,
    rows_changed,
    service_from_row,
    ticket_from_row,
)
from kiosk.storage.tables import (
    CounterRow,
    CounterServiceRow,
    DailySequenceRow,
    ServiceRow,
    TicketEventRow,
    TicketRow,
    UtcDateTime,
)


class _Statements:
    """The kiosk's hot-path statements, built once: constructing a SQLAlchemy statement
    costs more CPU than SQLite takes to run it, and issuing a ticket runs seven."""

    def __init__(self) -> None:
        t = cast(Table, TicketRow.__table__)
        seq = cast(Table, DailySequenceRow.__table__)
        svc = cast(Table, ServiceRow.__table__)
        counters = cast(Table, CounterRow.__table__)
        links = cast(Table, CounterServiceRow.__table__)
        day = bindparam("day", type_=Date())
        self.service = select(svc).where(svc.c.code == bindparam("code"))
        values = {"prefix": bindparam("prefix"), "office_day": day, "last_number": 1}
        bump = {"last_number": seq.c.last_number + 1}
        keys = [seq.c.prefix, seq.c.office_day]
        self.next_number_sqlite = (
            sqlite.insert(seq)
            .values(values)
            .on_conflict_do_update(index_elements=keys, set_=bump)
            .returning(seq.c.last_number)
        )
        self.next_number_pg = (
            postgresql.insert(seq)
            .values(values)
            .on_conflict_do_update(index_elements=keys, set_=bump)
            .returning(seq.c.last_number)
        )
        queued = select(func.count()).where(
            t.c.office_day == day,
            t.c.status.in_(QUEUED),
            t.c.service == bindparam("service"),
        )
        self.count_queued = queued
        self.count_queued_priority = queued.where(t.c.priority.is_not(None))
        self.recent_service = (
            select(t.c.called_at, t.c.finished_at)
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
            select(func.count(func.distinct(counters.c.number)))
            .join(links, links.c.counter == counters.c.number)
            .where(
                links.c.service == bindparam("service"),
                counters.c.active.is_(True),
                counters.c.paused.is_(False),
                counters.c.number.in_(recent_callers),
            )
        )
        self.add_ticket = insert(t).returning(t.c.id)
        self.add_event = insert(cast(Table, TicketEventRow.__table__))


_SQL = _Statements()


class SqlQueueRepository:
    """Implements services.ports.QueueRepository."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._dialect = session.get_bind().dialect.name

    @property
    def _conn(self) -> Connection:
        # The session's own connection and transaction: Core statements on the hot path
        # skip the ORM's per-statement work but commit or roll back with everything else.
        return self.session.connection()

    # -- services and counters ------------------------------------------------------------
    def get_service(self, code: str) -> Service | None:
        row = self._conn.execute(_SQL.service, {"code": code}).first()
        return service_from_row(row) if row is not None else None

    def list_services(self) -> list[Service]:
        rows = self.session.scalars(
            select(ServiceRow).order_by(ServiceRow.position, ServiceRow.code)
        )
        return [service_from_row(r) for r in rows]

    def get_counter(self, number: int, *, for_update: bool = False) -> Counter | None:
        stmt = select(CounterRow).where(CounterRow.number == number, CounterRow.active.is_(True))
        if for_update:
            stmt = stmt.with_for_update()
        row = self.session.scalars(stmt).one_or_none()
        if row is None:
            return None
        services = self.session.scalars(
            select(CounterServiceRow.service)
            .join(ServiceRow, ServiceRow.code == CounterServiceRow.service)
            .where(CounterServiceRow.counter == number)
            .order_by(ServiceRow.position, ServiceRow.code)
        ).all()
        return self._counter(row, tuple(services))

    def list_counters(self) -> list[Counter]:
        rows = self.session.scalars(
            select(CounterRow).where(CounterRow.active.is_(True)).order_by(CounterRow.number)
        ).all()
        links: dict[int, list[str]] = {}
        for counter, service in self.session.execute(
            select(CounterServiceRow.counter, CounterServiceRow.service)
            .join(ServiceRow, ServiceRow.code == CounterServiceRow.service)
            .order_by(ServiceRow.position, ServiceRow.code)
        ):
            links.setdefault(counter, []).append(service)
        return [self._counter(r, tuple(links.get(r.number, ()))) for r in rows]

    @staticmethod
    def _counter(row: CounterRow, services: tuple[str, ...]) -> Counter:
        return Counter(
            number=row.number,
            name=row.name,
            services=services,
            paused=row.paused,
            regular_since_priority=row.regular_since_priority,
        )

    def save_counter_state(
        self, number: int, *, regular_since_priority: int | None = None, paused: bool | None = None
    ) -> None:
        values: dict[str, object] = {}
        if regular_since_priority is not None:
            values["regular_since_priority"] = regular_since_priority
        if paused is not None:
            values["paused"] = paused
        if values:
            self.session.execute(
                update(CounterRow).where(CounterRow.number == number).values(**values)
            )

    # -- numbering and tickets ------------------------------------------------------------
    def next_number(self, prefix: str, day: dt.date) -> int:
        # One statement that creates or bumps the day's row and returns the new number: the
        # row stays locked until commit, so concurrent issuers queue behind each other.
        stmt = _SQL.next_number_pg if self._dialect == "postgresql" else _SQL.next_number_sqlite
        return int(self._conn.execute(stmt, {"prefix": prefix, "day": day}).scalar_one())

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
    ) -> Ticket:
        # Core INSERT ... RETURNING: one statement, none of the ORM flush machinery on the
        # kiosk's hot path.
        new_id = self._conn.execute(
            _SQL.add_ticket,
            {
                "prefix": prefix,
                "number": number,
                "code": code,
                "office_day": office_day,
                "service": prefix,
                "status": TicketStatus.WAITING.value,
                "priority": priority,
                "issued_at": issued_at,
                "recalls": 0,
                "people_ahead": people_ahead,
                "estimated_wait_seconds": estimated_wait_seconds,
            },
        ).scalar_one()
        return Ticket(
            id=new_id,
            code=code,
            service=prefix,
            number=number,
            office_day=office_day,
            status=TicketStatus.WAITING,
            priority=priority,
            issued_at=issued_at,
            people_ahead=people_ahead,
            estimated_wait_seconds=estimated_wait_seconds,
        )

    def get_ticket(self, ticket_id: int, *, for_update: bool = False) -> Ticket | None:
        stmt = select(TicketRow).where(TicketRow.id == ticket_id)
        if for_update:
            stmt = stmt.with_for_update()
        row = self.session.scalars(stmt.execution_options(populate_existing=True)).one_or_none()
        return ticket_from_row(row) if row else None

    def find_ticket(self, code: str, day: dt.date) -> Ticket | None:
        row = self.session.scalars(
            select(TicketRow).where(TicketRow.office_day == day, TicketRow.code == code)
        ).first()
        return ticket_from_row(row) if row else None

    def queue_head(
        self, services: Sequence[str], day: dt.date, *, priority: bool, for_update: bool
    ) -> Candidate | None:
        if not services:
            return None
        stmt = (
            select(TicketRow.id, TicketRow.issued_at)
            .where(
                TicketRow.office_day == day,
                TicketRow.status.in_(QUEUED),
                TicketRow.service.in_(list(services)),
                TicketRow.priority.is_not(None) if priority else TicketRow.priority.is_(None),
            )
            .order_by(TicketRow.issued_at, TicketRow.id)
            .limit(1)
        )
        if for_update:
            # PostgreSQL: two counters skip each other's locked head instead of waiting.
            # SQLite ignores this; BEGIN IMMEDIATE already serialises the writers.
            stmt = stmt.with_for_update(skip_locked=True, of=TicketRow)
        found = self.session.execute(stmt).first()
        if found is None:
            return None
        return Candidate(ticket_id=found.id, queued_at=found.issued_at, is_priority=priority)

    def update_ticket(
        self, ticket_id: int, expected: frozenset[TicketStatus], values: Mapping[str, object]
    ) -> bool:
        clean = {k: (v.value if isinstance(v, TicketStatus) else v) for k, v in values.items()}
        result = self.session.execute(
            update(TicketRow)
            .where(TicketRow.id == ticket_id, TicketRow.status.in_([s.value for s in expected]))
            .values(**clean)
            .execution_options(synchronize_session=False)
        )
        return rows_changed(result) == 1

    def counter_called_on(self, counter: int, day: dt.date, since: dt.datetime) -> bool:
        # ix_ticket_events_counter_kind_at: this counter's calls since the day began, not
        # every call ever recorded; each one's ticket then by its key.
        stmt = (
            select(TicketEventRow.id)
            .join(TicketRow, TicketRow.id == TicketEventRow.ticket_id)
            .where(
                TicketEventRow.counter == counter,
                TicketEventRow.kind == "called",
                TicketEventRow.at >= since,
                TicketRow.office_day == day,
            )
            .limit(1)
        )
        return self.session.execute(stmt).first() is not None

    def current_at_counter(
        self, counter: int, day: dt.date, exclude: int | None = None
    ) -> Ticket | None:
        stmt = select(TicketRow).where(
            TicketRow.office_day == day,
            TicketRow.counter == counter,
            TicketRow.status.in_(AT_COUNTER),
        )
        if exclude is not None:
            stmt = stmt.where(TicketRow.id != exclude)
        row = self.session.scalars(
            stmt.order_by(TicketRow.called_at.desc(), TicketRow.id.desc()).limit(1)
        ).first()
        return ticket_from_row(row) if row else None

    # -- what a counter sees of its queues ------------------------------------------------
    def waiting_heads(self, services: Sequence[str], day: dt.date, limit: int) -> list[Ticket]:
        """The first ``limit`` of each queue (regular and priority) of ``services``, by
        issue time: enough to know the counter's next ``limit`` calls, in one query."""
        if not services or limit < 1:
            return []
        place = (
            func.row_number()
            .over(
                partition_by=TicketRow.priority.is_(None),
                order_by=(TicketRow.issued_at, TicketRow.id),
            )
            .label("place")
        )
        ranked = (
            select(TicketRow, place)
            .where(
                TicketRow.office_day == day,
                TicketRow.status.in_(QUEUED),
                TicketRow.service.in_(list(services)),
            )
            .subquery()
        )
        row = aliased(TicketRow, ranked)
        rows = self.session.scalars(
            select(row).where(ranked.c.place <= limit).order_by(row.issued_at, row.id)
        )
        return [ticket_from_row(r) for r in rows]

    def last_closed_at_counter(self, counter: int, day: dt.date) -> Ticket | None:
        row = self.session.scalars(
            select(TicketRow)
            .where(
                TicketRow.office_day == day,
                TicketRow.counter == counter,
                TicketRow.status.in_([s.value for s in FINAL_STATES]),
                TicketRow.finished_at.is_not(None),  # PostgreSQL sorts NULL first in DESC
            )
            .order_by(TicketRow.finished_at.desc(), TicketRow.id.desc())
            .limit(1)
        ).first()
        return ticket_from_row(row) if row else None

    def count_waiting_for(self, services: Sequence[str], day: dt.date) -> int:
        if not services:
            return 0
        stmt = select(func.count()).where(
            TicketRow.office_day == day,
            TicketRow.status.in_(QUEUED),
            TicketRow.service.in_(list(services)),
        )
        return int(self.session.execute(stmt).scalar_one())

    # -- history --------------------------------------------------------------------------
    def add_event(
        self,
        ticket_id: int,
        at: dt.datetime,
        kind: str,
        counter: int | None = None,
        detail: Mapping[str, object] | None = None,
    ) -> None:
        self._conn.execute(
            _SQL.add_event,
            {
                "ticket_id": ticket_id,
                "at": at,
                "kind": kind,
                "counter": counter,
                "detail": json_text(detail),
            },
        )

    # -- estimates ------------------------------------------------------------------------
    def count_queued(self, service: str, day: dt.date, *, priority_only: bool) -> int:
        stmt = _SQL.count_queued_priority if priority_only else _SQL.count_queued
        return int(self._conn.execute(stmt, {"service": service, "day": day}).scalar_one())

    def recent_service_seconds(self, service: str, day: dt.date, limit: int) -> list[float]:
        rows = self._conn.execute(
            _SQL.recent_service, {"service": service, "day": day, "limit": limit}
        ).all()
        return [
            (finished - called).total_seconds()
            for called, finished in rows
            if called is not None and finished is not None
        ]

    def active_counters(self, service: str, day: dt.date, since: dt.datetime) -> int:
        params = {"service": service, "day": day, "since": since}
        return int(self._conn.execute(_SQL.active_counters, params).scalar_one())
