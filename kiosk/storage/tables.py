"""The database schema as SQLAlchemy 2.x typed mappings.

Alembic migrations in ``migrations/versions`` create exactly this; a test compares them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.survey.definitions import AGE_BAND_CODES

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

STATUSES = ("waiting", "called", "serving", "done", "no_show", "cancelled", "transferred")


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Stores naive UTC, returns aware UTC: the same on SQLite and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ServiceRow(Base):
    __tablename__ = "services"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    hours: Mapped[str | None] = mapped_column(Text)  # JSON: 7 lists of ["HH:MM","HH:MM"]
    daily_quota: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(default=True)
    default_service_minutes: Mapped[float] = mapped_column(Float, default=5.0)
    position: Mapped[int] = mapped_column(Integer, default=0)


class CounterRow(Base):
    __tablename__ = "counters"
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(60))
    active: Mapped[bool] = mapped_column(default=True)
    paused: Mapped[bool] = mapped_column(default=False)
    regular_since_priority: Mapped[int] = mapped_column(Integer, default=0)


class CounterServiceRow(Base):
    __tablename__ = "counter_services"
    counter: Mapped[int] = mapped_column(
        ForeignKey("counters.number", ondelete="CASCADE"), primary_key=True
    )
    service: Mapped[str] = mapped_column(
        ForeignKey("services.code", ondelete="CASCADE"), primary_key=True
    )


class DailySequenceRow(Base):
    """The last number given per prefix per office day; bumped by an atomic upsert."""

    __tablename__ = "daily_sequences"
    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    office_day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class TicketRow(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        # The backstop behind every numbering scheme: a number is never given twice a day.
        UniqueConstraint("prefix", "office_day", "number"),
        CheckConstraint("status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")", name="status"),
        Index("ix_tickets_queue", "office_day", "status", "service", "issued_at"),
        Index("ix_tickets_counter", "office_day", "counter", "status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    prefix: Mapped[str] = mapped_column(String(8))
    number: Mapped[int] = mapped_column(Integer)
    office_day: Mapped[dt.date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(16))
    service: Mapped[str] = mapped_column(ForeignKey("services.code"))
    origin_service: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    priority: Mapped[str | None] = mapped_column(String(32))
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    called_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    started_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    counter: Mapped[int | None] = mapped_column(Integer)
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    people_ahead: Mapped[int | None] = mapped_column(Integer)
    estimated_wait_seconds: Mapped[int | None] = mapped_column(Integer)
    #: None: no slip attempted yet; "printed"; "failed" (reprint from the counter).
    slip_state: Mapped[str | None] = mapped_column(String(16))
    slip_error: Mapped[str | None] = mapped_column(Text)


class TicketEventRow(Base):
    """Each ticket's history: issued, called, recalled, started, done, transferred..."""

    __tablename__ = "ticket_events"
    __table_args__ = (
        Index("ix_ticket_events_ticket", "ticket_id", "id"),
        Index("ix_ticket_events_kind_at", "kind", "at"),
        # call-next's "has this counter called anyone today?" (one counter, one day)
        Index("ix_ticket_events_counter_kind_at", "counter", "kind", "at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    kind: Mapped[str] = mapped_column(String(24))
    counter: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(Text)  # JSON


class AuditRow(Base):
    """What a supervisor must be able to review: out-of-order calls, sign-ins, settings."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    action: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(80))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"))
    counter: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)  # JSON
    #: This entry's link in the hash chain (kiosk.domain.audit; written once, by append).
    chain: Mapped[str | None] = mapped_column(String(64))


class OfficeSettingRow(Base):
    """Values the whole office shares, such as the secret that signs slip QR codes."""

    __tablename__ = "office_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PrinterAlertRow(Base):
    """A printer problem the counters and the supervisor should see until it is fixed."""

    __tablename__ = "printer_alerts"
    __table_args__ = (Index("ix_printer_alerts_open", "resolved_at", "source"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    source: Mapped[str] = mapped_column(String(60))  # which kiosk's printer
    state: Mapped[str] = mapped_column(String(20))
    message: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


SURVEY_SOURCES = ("kiosk", "paper", "cli")


class SurveyResponseRow(Base):
    """One answered survey: who was served how (no personal data), and when.

    ``UNIQUE (survey, ticket_id)``: a ticket answers each survey once, decided by the
    database even when two kiosks submit at the same moment (NULL tickets, walk-ups, are
    distinct and never collide).
    """

    __tablename__ = "survey_responses"
    __table_args__ = (
        UniqueConstraint("survey", "ticket_id"),
        CheckConstraint(
            "source IN (" + ", ".join(f"'{s}'" for s in SURVEY_SOURCES) + ")", name="source"
        ),
        CheckConstraint("gender IS NULL OR gender IN ('L', 'P')", name="gender"),
        CheckConstraint(
            "age_band IS NULL OR age_band IN (" + ", ".join(f"'{b}'" for b in AGE_BAND_CODES) + ")",
            name="age_band",
        ),
        Index("ix_survey_responses_day", "survey", "office_day"),
        Index("ix_survey_responses_service", "survey", "service", "office_day"),
        Index("ix_survey_responses_counter", "survey", "counter", "office_day"),
        Index("ix_survey_responses_station", "station", "submitted_at"),
        # Ordered for grouping by the profile columns and covering the filters: the
        # profile of a period is counted while walking it, with no sort.
        Index(
            "ix_survey_responses_profile",
            "survey",
            "gender",
            "age_band",
            "education",
            "occupation",
            "service",
            "office_day",
            "counter",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    survey: Mapped[str] = mapped_column(String(16))
    submitted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    office_day: Mapped[dt.date] = mapped_column(Date)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="SET NULL"))
    service: Mapped[str | None] = mapped_column(String(8))
    counter: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(1))
    #: The band the respondent chose ("30-39", kiosk.survey.definitions.AGE_BANDS).
    age_band: Mapped[str | None] = mapped_column(String(8))
    education: Mapped[str | None] = mapped_column(String(16))
    occupation: Mapped[str | None] = mapped_column(String(16))
    suggestion: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(8))
    #: The kiosk a walk-up response came from ([kiosk] name): walk-ups are spaced per kiosk.
    station: Mapped[str | None] = mapped_column(String(40))


class SurveyAnswerRow(Base):
    """One element's answer, stored by element code (never by screen position).

    ``survey`` and ``office_day`` repeat the response's (written once, never changed) so
    that the IKM of a period is a covering-index range scan per element: a year of a busy
    office (2.7 million answers) sums in about a quarter of a second on SQLite, without
    joining or sorting. On SQLite the table is clustered on its key (WITHOUT ROWID).
    """

    __tablename__ = "survey_answers"
    __table_args__ = (
        Index("ix_survey_answers_totals", "survey", "element", "office_day", "value"),
        {"sqlite_with_rowid": False},
    )
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), primary_key=True
    )
    element: Mapped[str] = mapped_column(String(8), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    survey: Mapped[str] = mapped_column(String(16))
    office_day: Mapped[dt.date] = mapped_column(Date)


class StaffRow(Base):
    """Staff accounts for the counter and admin windows; the PIN only as a scrypt hash."""

    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    secret_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    # Sign-in guessing (domain.staff.SignInGuard): wrong PINs in a row, lockouts in the
    # streak, and until when sign-in is refused whatever the PIN.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    lockouts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class StaffSessionRow(Base):
    """A sign-in that privileged actions present: only the token's SHA-256 is stored (the
    token itself stays in the window or command that signed in)."""

    __tablename__ = "staff_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    place: Mapped[str] = mapped_column(String(80))  # where: "admin", "counter 3", "cli"
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class AppointmentRow(Base):
    """A booking (M-Paspor): the code as printed, its day and slot, the service. No names or
    NIK. ``ticket_id`` is the ticket its check-in got: unique, so one appointment has at
    most one ticket, and a ticket is an appointment's when a row holds it."""

    __tablename__ = "appointments"
    __table_args__ = (
        UniqueConstraint("office_day", "code"),
        Index("ix_appointments_code", "code"),
        CheckConstraint(
            "arrival IS NULL OR arrival IN ('in_window', 'late_walk_in', 'unverified')",
            name="arrival",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(64))
    office_day: Mapped[dt.date] = mapped_column(Date)
    slot: Mapped[str] = mapped_column(String(5))  # "HH:MM", office-local
    slot_end: Mapped[str | None] = mapped_column(String(5))
    service: Mapped[str] = mapped_column(String(8), ForeignKey("services.code"))
    category: Mapped[str | None] = mapped_column(String(32))
    verified: Mapped[bool] = mapped_column(default=True)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), unique=True)
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    arrival: Mapped[str | None] = mapped_column(String(16))


class AppointmentDayRow(Base):
    """A day whose list was imported. Without one, ``[appointments] verify`` decides what
    a code typed at the kiosk means."""

    __tablename__ = "appointment_days"
    office_day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    rows: Mapped[int] = mapped_column(Integer)
