"""What the repositories share: rows to the domain's values, and the few SQL facts they all use."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy import CursorResult, Result, Row

from kiosk.domain.model import (
    QUEUED_STATES,
    OpeningHours,
    Service,
    Ticket,
    TicketStatus,
    TimeRange,
)
from kiosk.storage.tables import ServiceRow, TicketRow

#: Status values of a ticket still in its queue, and of one at a counter (called or served).
QUEUED = [s.value for s in QUEUED_STATES]
AT_COUNTER = [TicketStatus.CALLED.value, TicketStatus.SERVING.value]


def json_text(detail: Mapping[str, object] | None) -> str | None:
    """A history event's or audit entry's detail as stored: JSON text, None when empty."""
    return json.dumps(detail, ensure_ascii=False) if detail else None


def rows_changed(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE matched (1 for a conditional write that won)."""
    return int(cast(CursorResult[Any], result).rowcount)


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


def ticket_from_row(row: TicketRow | Row[Any]) -> Ticket:
    """From an ORM row or a Core row of the tickets table (RETURNING *, say)."""
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
