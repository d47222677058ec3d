"""Appointments (M-Paspor bookings) as plain data and the check-in rules as pure functions.

An appointment is a booking code (stored exactly as printed or scanned), an office day, a
slot, the service and an optional line. No names, no NIK: the office needs none of them to
hand out a queue number. Whether a code may check in now is decided here (``window``);
where the codes come from when no list was imported is a small pluggable verifier.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from kiosk.domain.dates import long_date, time_of_day
from kiosk.domain.errors import KioskError

#: A booking code as stored: what the QR carries or the pad types, at most this long.
CODE_MAX_CHARS = 64
#: A line/category as stored ("percepatan", "lansia"), at most this long.
CATEGORY_MAX_CHARS = 32
#: Bounds of the check-in window around a slot (minutes), stated once for the config.
WINDOW_MINUTES_MAX = 480
#: The default headers of an import file (case and spaces ignored).
DEFAULT_COLUMNS: dict[str, str] = {
    "code": "code",
    "service": "service",
    "time": "time",
    "end": "end",
    "category": "category",
}
REQUIRED_COLUMNS = ("code", "service", "time")


class LatePolicy(StrEnum):
    REFUSE = "refuse"  # past the window: no ticket, the reason and what to do
    WALK_IN = "walk_in"  # past the window: a normal ticket, the lateness noted


class VerifyMode(StrEnum):
    LIST = "list"  # only codes on the day's imported list
    FORMAT = "format"  # no list for the day: a code of the right shape, unverified


class Arrival(StrEnum):
    """How a checked-in appointment came (kept with it)."""

    IN_WINDOW = "in_window"
    LATE_WALK_IN = "late_walk_in"
    UNVERIFIED = "unverified"  # no list for the day; the code's format was accepted


@dataclass(frozen=True, slots=True)
class Appointment:
    id: int
    code: str
    office_day: dt.date
    slot: dt.time
    service: str
    slot_end: dt.time | None = None
    category: str | None = None
    #: False: accepted by its format only (no list was imported for the day).
    verified: bool = True
    cancelled: bool = False
    ticket_id: int | None = None
    checked_in_at: dt.datetime | None = None
    arrival: Arrival | None = None

    @property
    def checked_in(self) -> bool:
        return self.ticket_id is not None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "code": self.code,
            "office_day": self.office_day.isoformat(),
            # Machine-read: ISO 8601 (the words people read use clock_text: 10.00).
            "time": self.slot.strftime("%H:%M"),
            "end": self.slot_end.strftime("%H:%M") if self.slot_end else None,
            "service": self.service,
            "category": self.category,
            "verified": self.verified,
            "cancelled": self.cancelled,
            "ticket_id": self.ticket_id,
            "checked_in_at": self.checked_in_at.isoformat() if self.checked_in_at else None,
            "arrival": self.arrival.value if self.arrival else None,
        }


@dataclass(frozen=True, slots=True)
class Booking:
    """One row of an import (or an appointment added by hand), checked."""

    code: str
    slot: dt.time
    service: str
    slot_end: dt.time | None = None
    category: str | None = None


# -- times -----------------------------------------------------------------------------------
_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?\s*$")


def parse_clock(text: str) -> dt.time:
    """``10:00``, ``10.00`` (Indonesian), ``9.30``; seconds allowed and dropped."""
    m = _CLOCK.match(text)
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValueError(f"{text.strip()!r} is not a time (HH:MM or HH.MM)")
    return dt.time(int(m.group(1)), int(m.group(2)))


def clock_text(t: dt.time) -> str:
    """A time as Indonesian writes it (EYD V): 09.30."""
    return time_of_day(t, "id")


def check_category(category: str | None) -> str | None:
    """A line/category as stored: one line of at most CATEGORY_MAX_CHARS; blank is none."""
    category = (category or "").strip()
    if len(category) > CATEGORY_MAX_CHARS or any(not c.isprintable() for c in category):
        raise InvalidCategory(category)
    return category or None


def check_code(code: str) -> str:
    """The code as stored: exactly what was given, without surrounding spaces."""
    code = code.strip()
    if not code or len(code) > CODE_MAX_CHARS or any(not c.isprintable() for c in code):
        raise InvalidBookingCode(code)
    return code


# -- the window --------------------------------------------------------------------------------
class Timing(StrEnum):
    IN_WINDOW = "in_window"
    EARLY = "early"
    LATE = "late"


@dataclass(frozen=True, slots=True)
class Window:
    """When an appointment may check in, in office-local time."""

    opens: dt.datetime
    slot: dt.datetime
    closes: dt.datetime

    def timing(self, now_local: dt.datetime) -> Timing:
        if now_local < self.opens:
            return Timing.EARLY
        if now_local > self.closes:
            return Timing.LATE
        return Timing.IN_WINDOW


def window(
    day: dt.date, slot: dt.time, tz: dt.tzinfo, early_minutes: int, late_minutes: int
) -> Window:
    start = dt.datetime.combine(day, slot, tz)
    return Window(
        opens=start - dt.timedelta(minutes=early_minutes),
        slot=start,
        closes=start + dt.timedelta(minutes=late_minutes),
    )


# -- verifying a code without a list -----------------------------------------------------------
class BookingVerifier(Protocol):
    """Asked when no list was imported for the day. An integration with the central
    booking system would answer with the booking (its service and slot); the format check
    can only say the code looks right. None: not a booking."""

    def verify(self, code: str, day: dt.date) -> Booking | None: ...


@dataclass(frozen=True, slots=True)
class FormatVerifier:
    """A code matching ``pattern`` (whole) is taken as a booking of ``service`` for now:
    the office cannot ask the central system, so it is recorded as unverified."""

    pattern: str
    service: str

    def verify(self, code: str, day: dt.date) -> Booking | None:
        if re.fullmatch(self.pattern, code) is None:
            return None
        return Booking(code=code, slot=dt.time(0, 0), service=self.service)


# -- import rows -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int  # as the file counts: the header is line 1
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"line": self.line, "reason": self.reason}


def header_key(text: object) -> str:
    """Headers compared without case and spaces ("Jam Datang" == "jamdatang")."""
    return "".join(str(text or "").split()).lower().lstrip("\ufeff")


def column_positions(header: list[object], columns: dict[str, str]) -> dict[str, int]:
    """Field -> position in the header row, by the office's names (``columns``) falling
    back to the default ones; ImportRefused naming the missing required headers."""
    keys = [header_key(h) for h in header]
    found: dict[str, int] = {}
    for field, default in DEFAULT_COLUMNS.items():
        name = header_key(columns.get(field, default))
        if name in keys:
            found[field] = keys.index(name)
    missing = [columns.get(f, DEFAULT_COLUMNS[f]) for f in REQUIRED_COLUMNS if f not in found]
    if missing:
        raise ImportRefused(
            f"the header row lacks {', '.join(repr(m) for m in missing)} "
            f"(found: {', '.join(repr(str(h)) for h in header if str(h or '').strip())})"
        )
    return found


def read_bookings(
    rows: list[tuple[int, list[object]]],
    positions: dict[str, int],
    services: set[str],
) -> tuple[list[Booking], list[RowProblem]]:
    """Each data row checked: (line number, cells). Every problem is reported, with its
    line; a code twice in the file is a problem at its second line."""
    out: list[Booking] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}

    def cell(cells: list[object], field: str) -> str:
        at = positions.get(field)
        if at is None or at >= len(cells) or cells[at] is None:
            return ""
        value = cells[at]
        if isinstance(value, dt.datetime):
            value = value.time()
        if isinstance(value, dt.time):
            return f"{value.hour:02d}:{value.minute:02d}"
        return str(value).strip()

    for line, cells in rows:
        if all(str(c or "").strip() == "" for c in cells):
            continue  # a blank line (a spreadsheet's trailing rows)
        try:
            code = check_code(cell(cells, "code"))
        except InvalidBookingCode:
            problems.append(
                RowProblem(
                    line,
                    "no booking code"
                    if not cell(cells, "code")
                    else f"the booking code is not one line of at most {CODE_MAX_CHARS} characters",
                )
            )
            continue
        service = cell(cells, "service").upper()
        if service not in services:
            problems.append(
                RowProblem(
                    line,
                    f"{code}: unknown service {cell(cells, 'service')!r} "
                    f"(known: {', '.join(sorted(services))})",
                )
            )
            continue
        if not cell(cells, "time"):
            problems.append(RowProblem(line, f"{code}: no time"))
            continue
        try:
            category = check_category(cell(cells, "category"))
        except InvalidCategory as exc:
            problems.append(RowProblem(line, f"{code}: {exc}"))
            continue
        try:
            slot = parse_clock(cell(cells, "time"))
            end_text = cell(cells, "end")
            end = parse_clock(end_text) if end_text else None
        except ValueError as exc:
            problems.append(RowProblem(line, f"{code}: {exc}"))
            continue
        if end is not None and end <= slot:
            problems.append(RowProblem(line, f"{code}: the slot ends before it starts"))
            continue
        if code in seen:
            problems.append(RowProblem(line, f"{code}: also on line {seen[code]}"))
            continue
        seen[code] = line
        out.append(Booking(code, slot, service, end, category))
    return out, problems


# -- errors (each with its words for the kiosk's screen) ------------------------------------------
class AppointmentError(KioskError):
    """A refused check-in or change; ``words(lang)`` is what the kiosk's screen says."""

    def words(self, lang: str) -> str:
        return str(self)


class InvalidBookingCode(AppointmentError):
    def __init__(self, code: str) -> None:
        super().__init__(
            f"not a booking code: one line of at most {CODE_MAX_CHARS} characters, please"
        )
        self.code = code

    def words(self, lang: str) -> str:
        if lang == "en":
            return "This is not a booking code. Please scan the QR code on your proof."
        return "Ini bukan kode pemesanan. Silakan pindai kode QR pada bukti pemesanan Anda."


class InvalidCategory(AppointmentError):
    def __init__(self, category: str) -> None:
        super().__init__(f"the category is not one line of at most {CATEGORY_MAX_CHARS} characters")
        self.category = category


class UnknownAppointment(AppointmentError):
    def __init__(self, code: str, *, no_list: bool = False) -> None:
        why = " (no list of appointments was imported for today)" if no_list else ""
        super().__init__(f"no appointment {code!r} today{why}")
        self.code = code
        self.no_list = no_list

    def words(self, lang: str) -> str:
        if lang == "en":
            return "We cannot find this booking for today. Please ask the front desk."
        return "Jadwal ini tidak ditemukan untuk hari ini. Silakan tanyakan ke petugas."


class AppointmentOtherDay(AppointmentError):
    def __init__(self, code: str, day: dt.date) -> None:
        super().__init__(f"appointment {code!r} is for {day.isoformat()}, not today")
        self.code = code
        self.day = day

    def words(self, lang: str) -> str:
        when = long_date(self.day, lang)
        if lang == "en":
            return f"Your appointment is on {when}, not today."
        return f"Jadwal Anda pada {when}, bukan hari ini."


class AppointmentCancelled(AppointmentError):
    def __init__(self, code: str) -> None:
        super().__init__(f"appointment {code!r} was cancelled")
        self.code = code

    def words(self, lang: str) -> str:
        if lang == "en":
            return "This booking was cancelled. Please ask the front desk."
        return "Jadwal ini sudah dibatalkan. Silakan tanyakan ke petugas."


class TooEarly(AppointmentError):
    def __init__(self, code: str, slot: dt.time, opens: dt.time) -> None:
        super().__init__(
            f"appointment {code!r} is at {clock_text(slot)}; check in from {clock_text(opens)}"
        )
        self.code = code
        self.slot = slot
        self.opens = opens

    def words(self, lang: str) -> str:
        if lang == "en":
            return (
                f"Your appointment is at {clock_text(self.slot)}; please come back from "
                f"{clock_text(self.opens)}."
            )
        return (
            f"Jadwal Anda pukul {clock_text(self.slot)}; silakan kembali mulai pukul "
            f"{clock_text(self.opens)}"
        )


class TooLate(AppointmentError):
    def __init__(self, code: str, slot: dt.time, closed: dt.time) -> None:
        super().__init__(
            f"appointment {code!r} was at {clock_text(slot)}; check-in closed at "
            f"{clock_text(closed)}: book a new date in M-Paspor or ask the front desk"
        )
        self.code = code
        self.slot = slot
        self.closed = closed

    def words(self, lang: str) -> str:
        if lang == "en":
            return (
                f"Your appointment was at {clock_text(self.slot)} and check-in closed at "
                f"{clock_text(self.closed)}. Please book a new date in M-Paspor or ask the "
                "front desk."
            )
        return (
            f"Jadwal Anda pukul {clock_text(self.slot)} dan batas kedatangan pukul "
            f"{clock_text(self.closed)} sudah lewat. Silakan pesan jadwal baru di M-Paspor "
            "atau tanyakan ke petugas."
        )


class AppointmentCheckedIn(AppointmentError):
    """A cancel of an appointment that already has its ticket."""

    def __init__(self, code: str, ticket_code: str) -> None:
        super().__init__(
            f"appointment {code!r} already checked in as ticket {ticket_code}; cancel the "
            "ticket instead"
        )
        self.code = code


class ImportRefused(AppointmentError):
    """A file that cannot be read as appointments; nothing was imported."""

    def __init__(self, message: str, problems: tuple[RowProblem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems
