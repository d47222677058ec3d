"""What the appointments tab shows, read on the worker (no widgets): the day's list with
each booking's state, and an import's preview as rows.

A booking's state at a moment: checked in (with its ticket's code), cancelled, missed (its
check-in window, ``[appointments] late_minutes`` after the slot, has closed without a
check-in) or not yet. The window is the domain's (``kiosk.domain.appointments.window``),
the same one the kiosk's check-in applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject

from kiosk.domain.appointments import Appointment, RowProblem, window
from kiosk.domain.dates import time_of_day
from kiosk.domain.staff import StaffSession
from kiosk.services.appointments import ImportResult
from kiosk.ui.admin import appointments_texts as _texts  # noqa: F401 (registers the words)
from kiosk.ui.admin.models import Names
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.table_models import RIGHT, Column, RowsModel
from kiosk.ui.common.i18n import tr


class BookingState(StrEnum):
    CHECKED_IN = "checked_in"
    NOT_YET = "not_yet"
    MISSED = "missed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class DayRow:
    appointment: Appointment
    state: BookingState
    ticket: str | None = None  # the checked-in ticket's code


@dataclass(frozen=True, slots=True)
class DayList:
    day: dt.date
    rows: tuple[DayRow, ...]


def state_of(a: Appointment, now: dt.datetime, tz: dt.tzinfo, late_minutes: int) -> BookingState:
    if a.cancelled:
        return BookingState.CANCELLED
    if a.checked_in:
        return BookingState.CHECKED_IN
    closes = window(a.office_day, a.slot, tz, 0, late_minutes).closes
    return BookingState.MISSED if now.astimezone(tz) > closes else BookingState.NOT_YET


def read_day(office: AdminOffice, day: dt.date, session: StaffSession | None) -> DayList:
    """The day's bookings by slot, each with its state by the office's clock (a worker's
    job: the list, then each checked-in ticket's code)."""
    settings = office.settings
    now = office.queue.now()
    late = settings.appointments.late_minutes
    rows = []
    for a in office.appointments.on_day(day, session):
        ticket = office.queue.get_ticket(a.ticket_id).code if a.ticket_id is not None else None
        rows.append(DayRow(a, state_of(a, now, settings.timezone, late), ticket))
    return DayList(day, tuple(rows))


def slot_text(a: Appointment, lang: str) -> str:
    start = time_of_day(a.slot, lang)
    return f"{start}–{time_of_day(a.slot_end, lang)}" if a.slot_end else start


def state_text(row: DayRow, lang: str) -> str:
    text = tr(f"admin.appt.state.{row.state.value}", lang, ticket=row.ticket or "")
    if not row.appointment.verified:
        text += tr("admin.appt.unverified", lang)
    return text


def day_columns(names: Names) -> tuple[Column[DayRow], ...]:
    return (
        Column("admin.appt.col.slot", lambda r, lang: slot_text(r.appointment, lang)),
        Column("admin.appt.col.code", lambda r, _lang: r.appointment.code),
        Column(
            "admin.appt.col.service",
            lambda r, lang: (
                f"{r.appointment.service} · {names.service(r.appointment.service, lang)}"
            ),
        ),
        Column("admin.appt.col.category", lambda r, lang: r.appointment.category or ""),
        Column("admin.appt.col.state", state_text),
    )


class DayModel(RowsModel[DayRow]):
    def __init__(self, names: Names, parent: QObject | None = None) -> None:
        super().__init__(day_columns(names), parent)


# -- the import's preview ---------------------------------------------------------------------
class Change(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    NOT_IN_FILE = "not_in_file"


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One line of the preview: a code and what the import does to it, or a refused row
    (its line in the file and the reason)."""

    what: str  # a Change's value, or "refused"
    code: str = ""
    line: int | None = None
    reason: str = ""


def preview_rows(result: ImportResult) -> list[PreviewRow]:
    """What changes, code by code (the unchanged ones are only counted)."""
    return [
        *(PreviewRow(Change.ADDED.value, code) for code in result.added),
        *(PreviewRow(Change.UPDATED.value, code) for code in result.updated),
        *(PreviewRow(Change.NOT_IN_FILE.value, code) for code in result.not_in_file),
    ]


def refused_rows(problems: tuple[RowProblem, ...]) -> list[PreviewRow]:
    return [PreviewRow("refused", line=p.line, reason=p.reason) for p in problems]


PREVIEW_COLUMNS: tuple[Column[PreviewRow], ...] = (
    Column("admin.appt.col.change", lambda r, lang: tr(f"admin.appt.change.{r.what}", lang)),
    Column("admin.appt.col.code", lambda r, _lang: r.code),
)
REFUSED_COLUMNS: tuple[Column[PreviewRow], ...] = (
    Column("admin.appt.col.line", lambda r, _lang: str(r.line), RIGHT),
    Column("admin.appt.col.reason", lambda r, _lang: r.reason),
)
