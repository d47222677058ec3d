"""Appointments: the day's list (import, add, cancel, list: a supervisor's or an admin's)
and the check-in at the kiosk (anyone at the kiosk: not privileged).

A check-in is one transaction: the appointment row is locked, the ticket issued through
the queue's own issue path (QueueService.issue_ticket, joined to this transaction) and
claimed by the row (``ticket_id``, unique, set only where still empty). Two kiosks scanning
one code at once: the second waits for the first's commit and is shown the same ticket.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self
from zoneinfo import ZoneInfo

from kiosk.domain.appointments import (
    Appointment,
    AppointmentCancelled,
    AppointmentCheckedIn,
    AppointmentError,
    AppointmentOtherDay,
    Arrival,
    Booking,
    BookingVerifier,
    FormatVerifier,
    ImportRefused,
    LatePolicy,
    RowProblem,
    Timing,
    TooEarly,
    TooLate,
    UnknownAppointment,
    VerifyMode,
    check_category,
    check_code,
    column_positions,
    read_bookings,
    window,
)
from kiosk.domain.audit import AuditRecord
from kiosk.domain.errors import KioskError, UnknownService
from kiosk.domain.log import about
from kiosk.domain.model import Ticket
from kiosk.domain.numbering import office_day
from kiosk.domain.staff import Right, Role, StaffSession
from kiosk.services.access import require
from kiosk.services.appointment_files import read_table
from kiosk.services.ports import (
    AppointmentRepository,
    AuditLog,
    Clock,
    QueueRepository,
    ReportRepository,
    SettingsRepository,
    SlipRepository,
    StaffRepository,
    SurveyRepository,
    UnitOfWork,
    UnitOfWorkFactory,
)

log = logging.getLogger(__name__)

#: Issue a ticket of ``service`` through the queue's issue path, inside the unit of work
#: the factory hands out (the office composes it from QueueService.issue_ticket).
Issuer = Callable[[UnitOfWorkFactory, str], Ticket]


@dataclass(frozen=True, slots=True)
class AppointmentSettings:
    timezone: ZoneInfo
    early_minutes: int = 30
    late_minutes: int = 30
    late_policy: LatePolicy = LatePolicy.REFUSE
    verify: VerifyMode = VerifyMode.LIST
    code_pattern: str = r"[A-Za-z0-9-]{6,32}"
    #: The service of a code accepted by its format ("" : the first active service).
    unverified_service: str = ""
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CheckIn:
    ticket: Ticket
    appointment: Appointment
    #: True: the code had checked in before; this is its ticket again (no new one).
    again: bool = False

    def to_dict(self) -> dict[str, object]:
        """The ticket as ``ticket issue --json`` prints it, plus ``appointment``."""
        return {
            **self.ticket.to_dict(),
            "appointment": {**self.appointment.to_dict(), "again": self.again},
        }


@dataclass(frozen=True, slots=True)
class ImportResult:
    day: dt.date
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: int
    #: Codes of the day already stored but not in the file (kept: maybe checked in).
    not_in_file: tuple[str, ...]
    saved: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "added": list(self.added),
            "updated": list(self.updated),
            "unchanged": self.unchanged,
            "not_in_file": list(self.not_in_file),
            "saved": self.saved,
        }


class AppointmentExists(KioskError):
    def __init__(self, code: str, day: dt.date) -> None:
        super().__init__(f"appointment {code!r} is already on the list of {day.isoformat()}")


class AppointmentService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        settings: AppointmentSettings | Callable[[], AppointmentSettings],
        issue: Issuer,
        clock: Clock,
        verifier: Callable[[AppointmentSettings, str], BookingVerifier] | None = None,
    ) -> None:
        """``verifier`` makes the check used when no list was imported (default: the
        code's format, ``[appointments] code_pattern``)."""
        self._uow = uow
        self._settings_now = settings if callable(settings) else lambda: settings
        self._issue = issue
        self._clock = clock
        self._verifier = verifier or (lambda s, service: FormatVerifier(s.code_pattern, service))

    @property
    def _settings(self) -> AppointmentSettings:
        return self._settings_now()

    def today(self) -> dt.date:
        return office_day(self._clock(), self._settings.timezone)

    # -- the day's list (privileged) ---------------------------------------------------------
    def import_file(
        self, path: Path, day: dt.date, session: StaffSession | None, *, dry_run: bool = False
    ) -> ImportResult:
        """Read a CSV or XLSX list for ``day`` and store it: new codes added, changed slots
        updated, the same rows left alone. All or nothing: any rejected row refuses the file
        (ImportRefused with every problem and its line). ``dry_run``: what would change."""
        self._authorized(session)  # before reading a file for someone not allowed to
        header, rows = read_table(path)
        positions = column_positions(header, self._settings.columns)
        with self._uow(write=not dry_run) as uow:
            actor = _staff(uow, session)
            services = {s.code for s in uow.queue.list_services() if s.active}
            bookings, problems = read_bookings(rows, positions, services)
            if problems:
                raise ImportRefused(_refusal(path.name, problems), tuple(problems))
            if not bookings:
                raise ImportRefused(f"{path.name} holds no appointments")
            now = self._clock()
            stored = {a.code: a for a in uow.appointments.on_day(day)}
            added: list[str] = []
            updated: list[str] = []
            for b in bookings:
                old = stored.get(b.code)
                if old is None:
                    added.append(b.code)
                    if not dry_run:
                        uow.appointments.add(day, b, now)
                elif _differs(old, b):
                    updated.append(b.code)
                    if not dry_run:
                        uow.appointments.update(old.id, b)
            in_file = {b.code for b in bookings}
            # The same file again writes nothing (not even the audit log).
            same = not added and not updated and uow.appointments.has_list(day)
            result = ImportResult(
                day=day,
                added=tuple(added),
                updated=tuple(updated),
                unchanged=len(bookings) - len(added) - len(updated),
                not_in_file=tuple(sorted(c for c in stored if c not in in_file)),
                saved=not dry_run and not same,
            )
            if result.saved:
                uow.appointments.mark_listed(day, now, len(bookings))
                uow.audit.append(
                    AuditRecord(
                        now,
                        "appointments_imported",
                        actor,
                        detail={
                            "date": day.isoformat(),
                            "file": path.name,
                            "added": len(added),
                            "updated": len(updated),
                            "unchanged": result.unchanged,
                        },
                    )
                )
                uow.commit()
        if result.saved:
            log.info(
                "appointments of %s imported from %s by %s: %d added, %d updated, %d unchanged",
                day,
                path.name,
                actor or "(no admin yet)",
                len(added),
                len(updated),
                result.unchanged,
            )
        return result

    def add(self, day: dt.date, booking: Booking, session: StaffSession | None) -> Appointment:
        """One appointment added by hand (a booking missing from the export)."""
        code = check_code(booking.code)
        with self._uow(write=True) as uow:
            actor = _staff(uow, session)
            service = uow.queue.get_service(booking.service.strip().upper())
            if service is None or not service.active:
                raise UnknownService(
                    booking.service, [s.code for s in uow.queue.list_services() if s.active]
                )
            category = check_category(booking.category)
            if booking.slot_end is not None and booking.slot_end <= booking.slot:
                raise AppointmentError("the slot ends before it starts")
            clean = Booking(code, booking.slot, service.code, booking.slot_end, category)
            now = self._clock()
            if not uow.appointments.add(day, clean, now):
                raise AppointmentExists(code, day)
            uow.audit.append(
                AuditRecord(
                    now,
                    "appointment_added",
                    actor,
                    detail={"date": day.isoformat(), "code": code},
                )
            )
            found = uow.appointments.find(code, day)
            uow.commit()
        assert found is not None
        return found

    def cancel(self, code: str, day: dt.date, session: StaffSession | None) -> Appointment:
        """Take a booking off the day (cancelled in M-Paspor); refused once checked in."""
        code = check_code(code)
        with self._uow(write=True) as uow:
            actor = _staff(uow, session)
            found = uow.appointments.find(code, day, for_update=True)
            if found is None:
                raise UnknownAppointment(code)
            if found.ticket_id is not None:
                ticket = uow.queue.get_ticket(found.ticket_id)
                raise AppointmentCheckedIn(code, ticket.code if ticket else str(found.ticket_id))
            if found.cancelled:
                raise AppointmentCancelled(code)
            now = self._clock()
            uow.appointments.cancel(found.id, now)
            uow.audit.append(
                AuditRecord(
                    now,
                    "appointment_cancelled",
                    actor,
                    detail={"date": day.isoformat(), "code": code},
                )
            )
            result = uow.appointments.find(code, day)
            uow.commit()
        assert result is not None
        return result

    def on_day(self, day: dt.date, session: StaffSession | None) -> list[Appointment]:
        """The day's appointments by slot (booking codes: staff only)."""
        with self._uow() as uow:
            _staff(uow, session)
            return uow.appointments.on_day(day)

    def for_ticket(self, ticket_id: int) -> Appointment | None:
        """The appointment a ticket was issued for (its slip shows the slot); None: a
        walk-in."""
        with self._uow() as uow:
            return uow.appointments.for_ticket(ticket_id)

    # -- check-in (the kiosk; not privileged) ---------------------------------------------------
    def check_in_open(self) -> bool:
        """Whether a check-in can succeed today: codes are taken by their format, or the
        day has appointments (imported or added). The kiosk shows its entry only then."""
        if self._settings.verify is VerifyMode.FORMAT:
            return True
        day = self.today()
        with self._uow() as uow:
            return uow.appointments.has_list(day) or bool(uow.appointments.on_day(day))

    def check_in(self, code: str) -> CheckIn:
        """A ticket for a booking scanned or typed today, or its ticket again; refusals
        (AppointmentError) carry the words the kiosk shows."""
        code = check_code(code)
        settings = self._settings
        now = self._clock()
        local = now.astimezone(settings.timezone)
        day = local.date()
        with self._uow(write=True) as uow:
            found = uow.appointments.find(code, day, for_update=True)
            if found is None:
                found = self._unlisted(uow, code, day, now)
            if found.ticket_id is not None:
                ticket = uow.queue.get_ticket(found.ticket_id)
                assert ticket is not None
                return CheckIn(ticket, found, again=True)
            if found.cancelled:
                raise AppointmentCancelled(code)
            arrival = Arrival.IN_WINDOW if found.verified else Arrival.UNVERIFIED
            if found.verified:
                span = window(
                    day, found.slot, settings.timezone, settings.early_minutes,
                    settings.late_minutes,
                )  # fmt: skip
                timing = span.timing(local)
                if timing is Timing.EARLY:
                    raise TooEarly(code, found.slot, span.opens.time())
                if timing is Timing.LATE:
                    if settings.late_policy is LatePolicy.REFUSE:
                        raise TooLate(code, found.slot, span.closes.time())
                    arrival = Arrival.LATE_WALK_IN
            ticket = self._issue(_Joined(uow), found.service)
            if not uow.appointments.claim(found.id, ticket.id, now, arrival):
                # Cannot happen while the row is locked; never two tickets if it did.
                raise RuntimeError(f"appointment {code!r} was claimed by another check-in")
            claimed = uow.appointments.find(code, day)
            uow.commit()
        assert claimed is not None
        log.info(
            "checked in appointment at %s (%s)",
            claimed.slot.strftime("%H:%M"),
            arrival.value,
            extra=about(ticket.code),
        )
        return CheckIn(ticket, claimed)

    def _unlisted(self, uow: UnitOfWork, code: str, day: dt.date, now: dt.datetime) -> Appointment:
        """A code not on today's list: another day's, unknown, or (no list today and
        verify = format) accepted by the verifier and stored as unverified."""
        repo = uow.appointments
        days = [d for d in repo.days_of(code) if d != day]
        if days:  # booked, but not for today: say when (the next one, else the last)
            upcoming = [d for d in days if d > day]
            raise AppointmentOtherDay(code, upcoming[0] if upcoming else days[-1])
        listed = repo.has_list(day)
        if listed or self._settings.verify is VerifyMode.LIST:
            raise UnknownAppointment(code, no_list=not listed)
        service = self._unverified_service(uow)
        booking = self._verifier(self._settings, service).verify(code, day)
        if booking is None:
            raise UnknownAppointment(code, no_list=True)
        # A slot of the check-in's own minute: nothing to be early or late for.
        local = now.astimezone(self._settings.timezone)
        slot = dt.time(local.hour, local.minute)
        repo.add(day, Booking(code, slot, booking.service), now, verified=False)
        found = repo.find(code, day, for_update=True)  # ours, or a racing kiosk's
        assert found is not None
        return found

    def _unverified_service(self, uow: UnitOfWork) -> str:
        wanted = self._settings.unverified_service
        active = [s.code for s in uow.queue.list_services() if s.active]
        if wanted:
            return wanted
        if not active:
            raise UnknownService("(none)", [])
        return active[0]

    def _authorized(self, session: StaffSession | None) -> None:
        with self._uow() as uow:
            _staff(uow, session)


def _staff(uow: UnitOfWork, session: StaffSession | None) -> str | None:
    """Who manages the list: a signed-in supervisor or admin (NotSignedIn, NotAllowed).
    Before the office has its first admin nothing is protected (anyone may add that admin:
    the first run), so until then the list needs no sign-in either, and the audit log
    names nobody."""
    if session is None and not uow.staff.has_role(Role.ADMIN):
        return None
    return require(uow, session, Right.APPOINTMENTS).username


def _differs(old: Appointment, new: Booking) -> bool:
    return (old.slot, old.slot_end, old.service, old.category, old.verified) != (
        new.slot,
        new.slot_end,
        new.service,
        new.category,
        True,
    )


def _refusal(name: str, problems: list[RowProblem]) -> str:
    shown = "; ".join(f"line {p.line}: {p.reason}" for p in problems[:5])
    more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
    return f"{name}: nothing imported, {len(problems)} rows refused: {shown}{more}"


class _Joined:
    """A unit-of-work factory handing out the check-in's own open unit of work, whose
    commit is the check-in's: the issue path runs inside that one transaction."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._outer = uow

    def __call__(self, write: bool = False) -> _Joined:
        return self

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None  # the check-in's own unit of work rolls back or commits

    def commit(self) -> None:
        return None  # the check-in commits once its claim is written

    @property
    def queue(self) -> QueueRepository:
        return self._outer.queue

    @property
    def reports(self) -> ReportRepository:
        return self._outer.reports

    @property
    def slips(self) -> SlipRepository:
        return self._outer.slips

    @property
    def settings(self) -> SettingsRepository:
        return self._outer.settings

    @property
    def audit(self) -> AuditLog:
        return self._outer.audit

    @property
    def staff(self) -> StaffRepository:
        return self._outer.staff

    @property
    def survey(self) -> SurveyRepository:
        return self._outer.survey

    @property
    def appointments(self) -> AppointmentRepository:
        return self._outer.appointments
