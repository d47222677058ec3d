"""The reports' repository: read-only figures of a day or a period, and the paged tables.

Every read is bounded by a day, a period or a page; none loads a whole table.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.model import (
    AuditEntry,
    AuditQuery,
    CallEvent,
    Ticket,
    TicketEvent,
    TicketQuery,
    TicketStatus,
)
from kiosk.domain.stats import TicketTimes
from kiosk.storage.rows import AT_COUNTER, QUEUED, ticket_from_row
from kiosk.storage.tables import (
    AuditRow,
    CounterRow,
    DailySequenceRow,
    TicketEventRow,
    TicketRow,
)


class SqlReportRepository:
    """Implements services.ports.ReportRepository."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- a day's counts per service and per counter, and the board's last calls -----------
    def queue_counts(self, day: dt.date) -> dict[str, tuple[int, int]]:
        stmt = (
            select(
                TicketRow.service,
                func.count(),
                func.count(TicketRow.priority),
            )
            .where(TicketRow.office_day == day, TicketRow.status.in_(QUEUED))
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
            .where(TicketRow.office_day == day, TicketRow.status.in_(AT_COUNTER))
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
