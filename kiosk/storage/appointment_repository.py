"""Appointments: bookings by office day and code, and the check-in's claim.

The claim is one conditional UPDATE (``WHERE ticket_id IS NULL AND cancelled_at IS
NULL``) whose row count says who won, behind a UNIQUE ticket_id; the service also locks
the row first (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE writer holds the whole
database), so a second kiosk waits and then sees the first one's ticket.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult, RowMapping
from sqlalchemy.orm import Session

from kiosk.domain.appointments import Appointment, Arrival, Booking, parse_clock
from kiosk.storage.tables import AppointmentDayRow, AppointmentRow

_AP = cast(Table, AppointmentRow.__table__)
_DAYS = cast(Table, AppointmentDayRow.__table__)


def _hhmm(t: dt.time | None) -> str | None:
    return None if t is None else f"{t.hour:02d}:{t.minute:02d}"


def _appointment(row: RowMapping) -> Appointment:
    return Appointment(
        id=row["id"],
        code=row["code"],
        office_day=row["office_day"],
        slot=parse_clock(row["slot"]),
        slot_end=parse_clock(row["slot_end"]) if row["slot_end"] else None,
        service=row["service"],
        category=row["category"],
        verified=bool(row["verified"]),
        cancelled=row["cancelled_at"] is not None,
        ticket_id=row["ticket_id"],
        checked_in_at=row["checked_in_at"],
        arrival=Arrival(row["arrival"]) if row["arrival"] else None,
    )


class SqlAppointmentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session
        self._dialect = session.get_bind().dialect.name

    def find(self, code: str, day: dt.date, *, for_update: bool = False) -> Appointment | None:
        stmt = select(_AP).where(_AP.c.code == code, _AP.c.office_day == day)
        if for_update:
            stmt = stmt.with_for_update()
        row = self._session.execute(stmt).mappings().first()
        return None if row is None else _appointment(row)

    def for_ticket(self, ticket_id: int) -> Appointment | None:
        row = self._session.execute(select(_AP).where(_AP.c.ticket_id == ticket_id)).mappings()
        found = row.first()
        return None if found is None else _appointment(found)

    def days_of(self, code: str) -> list[dt.date]:
        stmt = select(_AP.c.office_day).where(_AP.c.code == code).order_by(_AP.c.office_day)
        return list(self._session.execute(stmt).scalars())

    def on_day(self, day: dt.date) -> list[Appointment]:
        stmt = select(_AP).where(_AP.c.office_day == day).order_by(_AP.c.slot, _AP.c.code)
        return [_appointment(r) for r in self._session.execute(stmt).mappings()]

    def has_list(self, day: dt.date) -> bool:
        stmt = select(_DAYS.c.office_day).where(_DAYS.c.office_day == day)
        return self._session.execute(stmt).first() is not None

    def mark_listed(self, day: dt.date, at: dt.datetime, rows: int) -> None:
        ins: Any = (
            postgresql.insert(_DAYS) if self._dialect == "postgresql" else sqlite.insert(_DAYS)
        )
        stmt = ins.values(office_day=day, imported_at=at, rows=rows).on_conflict_do_update(
            index_elements=[_DAYS.c.office_day], set_={"imported_at": at, "rows": rows}
        )
        self._session.execute(stmt)

    def add(
        self, day: dt.date, booking: Booking, at: dt.datetime, *, verified: bool = True
    ) -> bool:
        ins: Any = postgresql.insert(_AP) if self._dialect == "postgresql" else sqlite.insert(_AP)
        stmt = (
            ins.values(
                code=booking.code,
                office_day=day,
                slot=_hhmm(booking.slot),
                slot_end=_hhmm(booking.slot_end),
                service=booking.service,
                category=booking.category,
                verified=verified,
                imported_at=at,
            )
            .on_conflict_do_nothing(index_elements=[_AP.c.office_day, _AP.c.code])
            .returning(_AP.c.id)
        )
        return self._session.execute(stmt).scalar() is not None

    def update(self, appointment_id: int, booking: Booking) -> None:
        self._session.execute(
            update(_AP)
            .where(_AP.c.id == appointment_id)
            .values(
                slot=_hhmm(booking.slot),
                slot_end=_hhmm(booking.slot_end),
                service=booking.service,
                category=booking.category,
                verified=True,
            )
        )

    def cancel(self, appointment_id: int, at: dt.datetime) -> bool:
        result = self._session.execute(
            update(_AP)
            .where(
                _AP.c.id == appointment_id,
                _AP.c.ticket_id.is_(None),
                _AP.c.cancelled_at.is_(None),
            )
            .values(cancelled_at=at)
        )
        return cast(CursorResult[Any], result).rowcount == 1

    def claim(self, appointment_id: int, ticket_id: int, at: dt.datetime, arrival: Arrival) -> bool:
        result = self._session.execute(
            update(_AP)
            .where(
                _AP.c.id == appointment_id,
                _AP.c.ticket_id.is_(None),
                _AP.c.cancelled_at.is_(None),
            )
            .values(ticket_id=ticket_id, checked_in_at=at, arrival=arrival.value)
        )
        return cast(CursorResult[Any], result).rowcount == 1
