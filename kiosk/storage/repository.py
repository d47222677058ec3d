"""The queue repository: every query the services need, and nothing else."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    Row,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from kiosk.domain.audit import AuditCheck
from kiosk.domain.call_order import Candidate
from kiosk.domain.model import (
    FINAL_STATES,
    QUEUED_STATES,
    AuditEntry,
    AuditQuery,
    CallEvent,
    Counter,
    OpeningHours,
    PrinterAlert,
    Service,
    Ticket,
    TicketEvent,
    TicketQuery,
    TicketStatus,
    TimeRange,
)
from kiosk.domain.stats import TicketTimes
from kiosk.storage.audit import SqlAuditLog
from kiosk.storage.tables import (
    AuditRow,
    CounterRow,
    CounterServiceRow,
    DailySequenceRow,
    OfficeSettingRow,
    PrinterAlertRow,
    ServiceRow,
    TicketEventRow,
    TicketRow,
    UtcDateTime,
)

_QUEUED = [s.value for s in QUEUED_STATES]
_AT_COUNTER = [TicketStatus.CALLED.value, TicketStatus.SERVING.value]


def hours_to_json(hours: OpeningHours | None) -> str | None:
    if hours is None:
        return None
    return json.dumps([[[_hhmm(r.start), _hhmm(r.end)] for r in day] for day in hours.weekly])


def _hhmm(moment: dt.time) -> str:
    # "24:00" is how a range that runs to midnight is written; time.max stands for it.
    return "24:00" if moment == dt.time.max else f"{moment:%H:%M}"


def _time(text: str) -> dt.time:
    return dt.time.max if text == "24:00" else dt.time.fromisoformat(text)


def hours_from_json(text: str | None) -> OpeningHours | None:
    if not text:
        return None
    days = json.loads(text)
    return OpeningHours(tuple(tuple(TimeRange(_time(a), _time(b)) for a, b in day) for day in days))


def service_from_row(row: ServiceRow | Row[Any]) -> Service:
    """From an ORM row or a Core row of the services table (same attribute names)."""
    return Service(
        code=row.code,
        name_id=row.name_id,
        name_en=row.name_en,
        hours=hours_from_json(row.hours),
        daily_quota=row.daily_quota,
        active=row.active,
        default_service_minutes=row.default_service_minutes,
    )


def ticket_from_row(row: TicketRow) -> Ticket:
    return Ticket(
        id=row.id,
        code=row.code,
        service=row.service,
        number=row.number,
        office_day=row.office_day,
        status=TicketStatus(row.status),
        priority=row.priority,
        issued_at=row.issued_at,
        called_at=row.called_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        counter=row.counter,
        recalls=row.recalls,
        origin_service=row.origin_service,
        people_ahead=row.people_ahead,
        estimated_wait_seconds=row.estimated_wait_seconds,
        slip_state=row.slip_state,
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
            t.c.status.in_(_QUEUED),
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
    def __init__(self, session: Session) -> None:
        self.session = session
        self._dialect = session.get_bind().dialect.name

    @property
    def _conn(self) -> Connection:
        # The session's own connection and transaction: Core statements on the hot path
        # skip the ORM's per-statement work but commit or roll back with everything else.
        return self.session.connection()

    # -- services and counters ----------------------------------------------------------
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

    # -- numbering and tickets ----------------------------------------------------------
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
                TicketRow.status.in_(_QUEUED),
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
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def counter_called_on(self, counter: int, day: dt.date) -> bool:
        stmt = (
            select(TicketEventRow.id)
            .join(TicketRow, TicketRow.id == TicketEventRow.ticket_id)
            .where(
                TicketRow.office_day == day,
                TicketEventRow.kind == "called",
                TicketEventRow.counter == counter,
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
            TicketRow.status.in_(_AT_COUNTER),
        )
        if exclude is not None:
            stmt = stmt.where(TicketRow.id != exclude)
        row = self.session.scalars(
            stmt.order_by(TicketRow.called_at.desc(), TicketRow.id.desc()).limit(1)
        ).first()
        return ticket_from_row(row) if row else None

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
                "detail": json.dumps(detail, ensure_ascii=False) if detail else None,
            },
        )

    def add_audit(
        self,
        *,
        at: dt.datetime,
        action: str,
        actor: str | None,
        ticket_id: int | None,
        counter: int | None,
        reason: str | None,
        detail: Mapping[str, object] | None = None,
    ) -> None:
        SqlAuditLog(self.session).append(
            at=at,
            action=action,
            actor=actor,
            ticket_id=ticket_id,
            counter=counter,
            reason=reason,
            detail=detail,
        )

    def verify_audit(self) -> AuditCheck:
        return SqlAuditLog(self.session).verify()

    def audit_entries(self, *, limit: int, action: str | None = None) -> list[AuditEntry]:
        return self.find_audit(AuditQuery(action=action), 0, limit)

    # -- estimates and status -------------------------------------------------------------
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

    def queue_counts(self, day: dt.date) -> dict[str, tuple[int, int]]:
        stmt = (
            select(
                TicketRow.service,
                func.count(),
                func.count(TicketRow.priority),
            )
            .where(TicketRow.office_day == day, TicketRow.status.in_(_QUEUED))
            .group_by(TicketRow.service)
        )
        return {svc: (int(n), int(p)) for svc, n, p in self.session.execute(stmt)}

    def issued_counts(self, day: dt.date) -> dict[str, int]:
        # The numbers given: a quota refusal or a crash rolls its bump back, so the last
        # number is the count of tickets taken in the service, wherever they are now.
        stmt = select(DailySequenceRow.prefix, DailySequenceRow.last_number).where(
            DailySequenceRow.office_day == day
        )
        return {prefix: int(n) for prefix, n in self.session.execute(stmt)}

    def current_tickets(self, day: dt.date) -> dict[int, Ticket]:
        rows = self.session.scalars(
            select(TicketRow)
            .where(TicketRow.office_day == day, TicketRow.status.in_(_AT_COUNTER))
            .order_by(TicketRow.called_at)
        )
        return {r.counter: ticket_from_row(r) for r in rows if r.counter is not None}

    def served_counts(self, day: dt.date) -> dict[int, int]:
        stmt = (
            select(TicketRow.counter, func.count())
            .where(TicketRow.office_day == day, TicketRow.status == TicketStatus.DONE.value)
            .group_by(TicketRow.counter)
        )
        return {c: int(n) for c, n in self.session.execute(stmt) if c is not None}

    def count_tickets(self, day: dt.date) -> int:
        stmt = select(func.count()).where(TicketRow.office_day == day)
        return int(self.session.execute(stmt).scalar_one())

    def recent_calls(self, since: dt.datetime, limit: int) -> list[CallEvent]:
        e = TicketEventRow
        stmt = (
            select(e.id, e.ticket_id, e.at, e.kind, e.counter, e.detail, TicketRow.code,
                   TicketRow.service, CounterRow.name)
            .join(TicketRow, TicketRow.id == e.ticket_id)
            .join(CounterRow, CounterRow.number == e.counter)
            .where(e.kind.in_(("called", "recalled")), e.at >= since)
            .order_by(e.at.desc(), e.id.desc())
            .limit(limit)
        )  # fmt: skip
        calls = []
        for row in self.session.execute(stmt):
            recall = 0
            if row.kind == "recalled" and row.detail:
                recall = int(json.loads(row.detail).get("recall", 1))
            calls.append(
                CallEvent(
                    event_id=row.id,
                    ticket_id=row.ticket_id,
                    code=row.code,
                    service=row.service,
                    counter=row.counter,
                    counter_name=row.name,
                    at=row.at,
                    recall=recall,
                )
            )
        return calls

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
                TicketRow.status.in_(_QUEUED),
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
            TicketRow.status.in_(_QUEUED),
            TicketRow.service.in_(list(services)),
        )
        return int(self.session.execute(stmt).scalar_one())

    def counter_service_times(self, counter: int, day: dt.date) -> list[float]:
        # Served from the start (or the call, if never started) to the finish.
        stmt = select(TicketRow.called_at, TicketRow.started_at, TicketRow.finished_at).where(
            TicketRow.office_day == day,
            TicketRow.counter == counter,
            TicketRow.status == TicketStatus.DONE.value,
        )
        times = []
        for called, started, finished in self.session.execute(stmt):
            begin = started or called
            if begin is not None and finished is not None:
                times.append((finished - begin).total_seconds())
        return times

    def slips_in_state(self, day: dt.date, state: str, limit: int) -> list[Ticket]:
        rows = self.session.scalars(
            select(TicketRow)
            .where(TicketRow.office_day == day, TicketRow.slip_state == state)
            .order_by(TicketRow.id)
            .limit(limit)
        )
        return [ticket_from_row(r) for r in rows]

    def move_slip_state(self, ticket_id: int, expected: Sequence[str], state: str) -> bool:
        """Set the slip state only from one of ``expected`` (a claim: one taker wins)."""
        result = self.session.execute(
            update(TicketRow)
            .where(TicketRow.id == ticket_id, TicketRow.slip_state.in_(list(expected)))
            .values(slip_state=state)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    # -- the supervisor's views (bounded by day or paged; never a whole table) ------------
    def day_ticket_times(self, date_from: dt.date, date_to: dt.date) -> list[TicketTimes]:
        stmt = select(
            TicketRow.service,
            TicketRow.status,
            TicketRow.counter,
            TicketRow.issued_at,
            TicketRow.called_at,
            TicketRow.started_at,
            TicketRow.finished_at,
        ).where(TicketRow.office_day >= date_from, TicketRow.office_day <= date_to)
        return [
            TicketTimes(
                service=r.service,
                status=TicketStatus(r.status),
                counter=r.counter,
                issued_at=r.issued_at,
                called_at=r.called_at,
                started_at=r.started_at,
                finished_at=r.finished_at,
            )
            for r in self.session.execute(stmt)
        ]

    @staticmethod
    def _ticket_filter(query: TicketQuery) -> list[Any]:
        where: list[Any] = [
            TicketRow.office_day >= query.date_from,
            TicketRow.office_day <= query.date_to,
        ]
        if query.service:
            where.append(TicketRow.service == query.service)
        if query.counter is not None:
            where.append(TicketRow.counter == query.counter)
        if query.status is not None:
            where.append(TicketRow.status == query.status.value)
        if query.code:
            like = query.code.strip().upper().replace("%", "").replace("_", "")
            where.append(TicketRow.code.like(f"{like}%"))
        return where

    def find_tickets(self, query: TicketQuery, offset: int, limit: int) -> list[Ticket]:
        column = getattr(TicketRow, query.sort)
        order = [column.desc() if query.descending else column.asc()]
        order.append(TicketRow.id.desc() if query.descending else TicketRow.id.asc())
        stmt = (
            select(TicketRow)
            .where(*self._ticket_filter(query))
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        )
        return [ticket_from_row(r) for r in self.session.scalars(stmt)]

    def count_tickets_matching(self, query: TicketQuery) -> int:
        stmt = select(func.count()).where(*self._ticket_filter(query))
        return int(self.session.execute(stmt).scalar_one())

    def ticket_events(self, ticket_id: int) -> list[TicketEvent]:
        rows = self.session.scalars(
            select(TicketEventRow)
            .where(TicketEventRow.ticket_id == ticket_id)
            .order_by(TicketEventRow.id)
        )
        return [
            TicketEvent(
                at=r.at,
                kind=r.kind,
                counter=r.counter,
                detail=json.loads(r.detail) if r.detail else {},
            )
            for r in rows
        ]

    def find_audit(self, query: AuditQuery, offset: int, limit: int) -> list[AuditEntry]:
        stmt = select(AuditRow, TicketRow.code).outerjoin(
            TicketRow, TicketRow.id == AuditRow.ticket_id
        )
        if query.date_from is not None:
            stmt = stmt.where(AuditRow.at >= query.date_from)
        if query.date_to is not None:
            stmt = stmt.where(AuditRow.at < query.date_to)
        if query.action:
            stmt = stmt.where(AuditRow.action == query.action)
        if query.actor:
            stmt = stmt.where(AuditRow.actor == query.actor)
        stmt = stmt.order_by(AuditRow.id.desc()).offset(offset).limit(limit)
        return [
            AuditEntry(
                id=row.id,
                at=row.at,
                action=row.action,
                actor=row.actor,
                ticket_code=code,
                counter=row.counter,
                reason=row.reason,
                detail=json.loads(row.detail) if row.detail else {},
            )
            for row, code in self.session.execute(stmt)
        ]

    # -- slips, printer alerts and office-wide values ------------------------------------
    def get_setting(self, key: str) -> str | None:
        row = self.session.get(OfficeSettingRow, key)
        return row.value if row else None

    def put_setting(self, key: str, value: str) -> None:
        row = self.session.get(OfficeSettingRow, key) or OfficeSettingRow(key=key)
        row.value = value
        self.session.add(row)
        self.session.flush()

    def settings_with_prefix(self, prefix: str) -> dict[str, str]:
        rows = self.session.execute(
            select(OfficeSettingRow.key, OfficeSettingRow.value).where(
                OfficeSettingRow.key.startswith(prefix, autoescape=True)
            )
        )
        return {k: v for k, v in rows}

    def delete_setting(self, key: str) -> bool:
        result = self.session.execute(
            delete(OfficeSettingRow)
            .where(OfficeSettingRow.key == key)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def set_slip_state(self, ticket_id: int, state: str, error: str | None) -> bool:
        result = self.session.execute(
            update(TicketRow)
            .where(TicketRow.id == ticket_id)
            .values(slip_state=state, slip_error=error)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def open_alerts(self, source: str | None = None) -> list[PrinterAlert]:
        stmt = select(PrinterAlertRow).where(PrinterAlertRow.resolved_at.is_(None))
        if source is not None:
            stmt = stmt.where(PrinterAlertRow.source == source)
        rows = self.session.scalars(stmt.order_by(PrinterAlertRow.id))
        return [PrinterAlert(r.id, r.at, r.source, r.state, r.message) for r in rows]

    def add_alert(self, at: dt.datetime, source: str, state: str, message: str | None) -> None:
        self.session.execute(
            insert(PrinterAlertRow).values(at=at, source=source, state=state, message=message)
        )

    def resolve_alerts(self, source: str, at: dt.datetime, keep_state: str | None) -> int:
        stmt = (
            update(PrinterAlertRow)
            .where(PrinterAlertRow.source == source, PrinterAlertRow.resolved_at.is_(None))
            .values(resolved_at=at)
            .execution_options(synchronize_session=False)
        )
        if keep_state is not None:
            stmt = stmt.where(PrinterAlertRow.state != keep_state)
        return int(self.session.execute(stmt).rowcount)  # type: ignore[attr-defined]
