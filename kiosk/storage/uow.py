"""Unit of work: one transaction per user action, mapped errors, change notification."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.domain.errors import DatabaseUnavailable
from kiosk.storage.appointment_repository import SqlAppointmentRepository
from kiosk.storage.audit import SqlAuditLog
from kiosk.storage.engine import disk_free, sqlite_path, writer
from kiosk.storage.queue_repository import SqlQueueRepository
from kiosk.storage.report_repository import SqlReportRepository
from kiosk.storage.settings_repository import SqlSettingsRepository
from kiosk.storage.slip_repository import SqlSlipRepository
from kiosk.storage.staff_repository import SqlStaffRepository
from kiosk.storage.survey_repository import SqlSurveyRepository

#: The PostgreSQL channel other processes LISTEN on.
CHANGE_CHANNEL = "kiosk_changes"


#: SQLite reports a write that found no room either as SQLITE_FULL or, for the WAL and
#: its index, as a plain I/O error: below this much free space an I/O error is the disk.
_NEARLY_FULL = 8 * 1024 * 1024


def describe_db_error(exc: BaseException, url_hint: str = "") -> str:
    msg = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else repr(exc)
    if "locked" in msg or "busy" in msg:
        return (
            "the database stayed locked by another program for too long; "
            "try again, and check that no backup or editor holds it open"
        )
    full = _full_disk(msg, url_hint)
    if full:
        return full
    where = f" at {url_hint}" if url_hint else ""
    return f"cannot reach the database{where}: {msg}"


def _full_disk(msg: str, url_hint: str) -> str | None:
    """The words "the disk is full (N free)" when that is why SQLite failed, else None."""
    try:
        path = sqlite_path(url_hint) if url_hint else None
    except Exception:
        path = None
    if path is None:
        return None
    free = disk_free(path.parent)
    full = "disk is full" in msg or (
        "disk I/O error" in msg and free is not None and free < _NEARLY_FULL
    )
    if not full:
        return None
    room = f"{_size(free)} free" if free is not None else "no room"
    return (
        f"the disk is full ({room}) on the drive of {path}; nothing of this action was "
        "saved: free some space (old backups, logs, slip pictures) and try again"
    )


def _size(n: int | None) -> str:
    n = n or 0
    if n < 1024 * 1024:
        return f"{n // 1024} KB"
    return f"{n / (1024 * 1024):.1f} MB"


class SqlUnitOfWork:
    """One session; each repository (services.ports) an attribute sharing its transaction."""

    queue: SqlQueueRepository
    reports: SqlReportRepository
    slips: SqlSlipRepository
    settings: SqlSettingsRepository
    audit: SqlAuditLog
    survey: SqlSurveyRepository
    staff: SqlStaffRepository
    appointments: SqlAppointmentRepository

    def __init__(self, factory: sessionmaker[Session], *, notify: bool, where: str) -> None:
        self._factory = factory
        self._notify = notify
        self._where = where
        self._session: Session | None = None

    def __enter__(self) -> Self:
        self._session = self._factory()
        self.queue = SqlQueueRepository(self._session)
        self.reports = SqlReportRepository(self._session)
        self.slips = SqlSlipRepository(self._session)
        self.settings = SqlSettingsRepository(self._session)
        self.audit = SqlAuditLog(self._session)
        self.survey = SqlSurveyRepository(self._session)
        self.staff = SqlStaffRepository(self._session)
        self.appointments = SqlAppointmentRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()  # a no-op after commit; undoes anything left half done
            self._session.close()
        except DBAPIError:
            pass  # the connection is already gone; the original error says why
        self._session = None
        if isinstance(exc, OperationalError | DBAPIError) and not _is_integrity(exc):
            raise DatabaseUnavailable(describe_db_error(exc, self._where)) from exc

    def commit(self) -> None:
        assert self._session is not None
        if self._notify:
            # Delivered to listeners only if and when this transaction commits.
            self._session.execute(text("SELECT pg_notify(:c, '')"), {"c": CHANGE_CHANNEL})
        self._session.commit()


def _is_integrity(exc: BaseException) -> bool:
    return isinstance(exc, IntegrityError)


class UnitOfWorkFactory:
    """``factory()`` for reads, ``factory(write=True)`` for read-then-write actions."""

    def __init__(self, engine: Engine, where: str) -> None:
        self._reads = sessionmaker(engine, expire_on_commit=False)
        self._writes = sessionmaker(writer(engine), expire_on_commit=False)
        self._notify = engine.dialect.name == "postgresql"
        self._where = where

    def __call__(self, write: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(
            self._writes if write else self._reads, notify=self._notify and write, where=self._where
        )
