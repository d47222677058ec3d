"""The queue's repository: what issuing, calling and a counter's desk read and write.

Issuing a ticket and calling the next are the hot paths (every kiosk, every counter): their
statements are built once (``queue_statements``) and run as Core on the session's
connection, a few per action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Row, func, select, update
from sqlalchemy.orm import Session, aliased

from kiosk.domain.call_order import Candidate
from kiosk.domain.model import FINAL_STATES, Counter, Service, Ticket, TicketStatus
from kiosk.domain.records import IssueFigures, NewEvent
from kiosk.storage.queue_statements import SQL, QueueStatements
from kiosk.storage.rows import (
    AT_COUNTER,
    QUEUED,
    json_text,
    rows_changed,
    service_from_row,
    ticket_from_row,
)
from kiosk.storage.tables import CounterRow, CounterServiceRow, ServiceRow, TicketRow


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
        row = self._conn.execute(SQL.service, {"code": code}).first()
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

    def counter_on(
        self, number: int, day: dt.date, since: dt.datetime, *, for_update: bool = False
    ) -> tuple[Counter, bool] | None:
        stmt = SQL.counter_for_update if for_update else SQL.counter
        rows = self._conn.execute(stmt, {"number": number, "day": day, "since": since}).all()
        if not rows:
            return None
        services = tuple(r.service for r in rows if r.service is not None)
        return self._counter(rows[0], services), bool(rows[0].called_today)

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
    def _counter(row: CounterRow | Row[Any], services: tuple[str, ...]) -> Counter:
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
        stmt = SQL.next_number_pg if self._dialect == "postgresql" else SQL.next_number_sqlite
        return int(self._conn.execute(stmt, {"prefix": prefix, "day": day}).scalar_one())

    def take_number(self, service: str, day: dt.date) -> int | None:
        pg = self._dialect == "postgresql"
        stmt = SQL.service_number_pg if pg else SQL.service_number_sqlite
        found = self._conn.execute(stmt, {"code": service, "day": day}).scalar()
        return None if found is None else int(found)

    def issue_figures(
        self,
        service: str,
        day: dt.date,
        *,
        priority_only: bool,
        sample: int,
        open_since: dt.datetime,
    ) -> IssueFigures | None:
        params = {"service": service, "day": day, "limit": sample, "since": open_since}
        rows = self._conn.execute(SQL.issue_figures[priority_only], params).all()
        if not rows:
            return None
        return IssueFigures(
            service=service_from_row(rows[0]),
            ahead=int(rows[0].ahead),
            recent_service_seconds=_durations((r.called_at, r.finished_at) for r in rows),
            open_counters=int(rows[0].open_counters),
        )

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
            SQL.add_ticket,
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

    def queue_heads(
        self, services: Sequence[str], day: dt.date
    ) -> tuple[Candidate | None, Candidate | None]:
        heads: dict[bool, Candidate] = {}
        if services:
            params = {"services": list(services), "day": day}
            for row in self._conn.execute(SQL.queue_heads, params):
                heads[bool(row.is_priority)] = Candidate(
                    ticket_id=row.id, queued_at=row.issued_at, is_priority=bool(row.is_priority)
                )
        return heads.get(False), heads.get(True)

    def call_head(
        self,
        services: Sequence[str],
        day: dt.date,
        *,
        priority: bool,
        counter: int,
        at: dt.datetime,
    ) -> Ticket | None:
        if not services:
            return None
        params = {"services": list(services), "day": day, "desk": counter, "now": at}
        row = self._conn.execute(SQL.call_head[priority], params).first()
        return ticket_from_row(row) if row is not None else None

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
        params = {
            "day": day,
            "desk": counter,
            "keep": 0 if keep is None else keep,  # ids start at 1
            "expected": [s.value for s in expected],
            "new_status": status.value,
            "now": at,
        }
        row = self._conn.execute(SQL.close_current, params).first()
        return ticket_from_row(row) if row is not None else None

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
            SQL.add_event,
            {
                "ticket_id": ticket_id,
                "at": at,
                "kind": kind,
                "counter": counter,
                "detail": json_text(detail),
            },
        )

    def add_events(self, events: Sequence[NewEvent]) -> None:
        if not events:
            return
        stmt = SQL.add_events.get(len(events))
        if stmt is None:
            stmt = QueueStatements.events_insert(len(events))
        params: dict[str, object] = {}
        for i, e in enumerate(events):
            params[f"ticket_id_{i}"] = e.ticket_id
            params[f"at_{i}"] = e.at
            params[f"kind_{i}"] = e.kind
            params[f"counter_{i}"] = e.counter
            params[f"detail_{i}"] = json_text(e.detail)
        self._conn.execute(stmt, params)

    # -- estimates ------------------------------------------------------------------------
    def recent_service_seconds(self, service: str, day: dt.date, limit: int) -> list[float]:
        rows = self._conn.execute(
            SQL.recent_service, {"service": service, "day": day, "limit": limit}
        ).all()
        return list(_durations((r.called_at, r.finished_at) for r in rows))

    def active_counters(self, service: str, day: dt.date, since: dt.datetime) -> int:
        params = {"service": service, "day": day, "since": since}
        return int(self._conn.execute(SQL.active_counters, params).scalar_one())


def _durations(
    pairs: Iterable[tuple[dt.datetime | None, dt.datetime | None]],
) -> tuple[float, ...]:
    """Service times in seconds, from called to finished (rows without both left out)."""
    return tuple(
        (finished - called).total_seconds()
        for called, finished in pairs
        if called is not None and finished is not None
    )
