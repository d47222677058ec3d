"""What the admin window needs of the office: the part of ``kiosk.Office`` it uses.

Declared here so the window depends on the facade's shape, not on the module that opens
databases (``kiosk.office`` imports storage and SQLAlchemy, which ``kiosk.ui`` must not).
``kiosk.Office`` satisfies it structurally; mypy checks that where the CLI passes one in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal, Protocol

from kiosk.config.settings import Settings
from kiosk.domain.audit import AuditCheck
from kiosk.domain.model import (
    AuditEntry,
    AuditQuery,
    BackupResult,
    Counter,
    PrinterAlert,
    PrinterReport,
    Service,
    Ticket,
    TicketEvent,
    TicketQuery,
)
from kiosk.domain.staff import Role, StaffAccount, StaffSession
from kiosk.domain.stats import DaySummary
from kiosk.survey.model import IkmResult, ProfileBreakdown, SurveyDefinition, SurveyFilter
from kiosk.ui.common.changes import ChangeFeed

TicketRef = int | str  # a ticket id, or today's code such as "A-001"
ExportFormat = Literal["csv", "xlsx"]
RecapFormat = Literal["pdf", "xlsx"]
#: (rows done, rows in all) -> False to stop (the export then raises a KioskError).
Progress = Callable[[int, int], bool]


class AdminOffice(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def can_back_up(self) -> bool: ...

    # -- signing in, staff (every privileged call presents the session sign_in returned) -----
    def sign_in(
        self, username: str, pin: str, *, roles: Iterable[Role | str], where: str
    ) -> StaffSession: ...

    def sign_out(self, session: StaffSession) -> None: ...

    def staff(self) -> list[StaffAccount]: ...

    def add_staff(
        self,
        username: str,
        name: str,
        role: Role | str,
        pin: str,
        *,
        session: StaffSession | None,
    ) -> StaffAccount: ...

    def disable_staff(self, username: str, *, session: StaffSession | None) -> None: ...

    def enable_staff(self, username: str, *, session: StaffSession | None) -> None: ...

    def reset_staff_pin(self, username: str, pin: str, *, session: StaffSession | None) -> None: ...

    def unlock_staff(self, username: str, *, session: StaffSession | None) -> None: ...

    # -- the kiosk's exit PIN (one for the office; kept only as a hash) ------------------------
    def set_exit_pin(self, pin: str, *, session: StaffSession | None = None) -> None: ...

    def exit_pin_is_set(self) -> bool: ...

    # -- today ---------------------------------------------------------------------------------
    def today(self) -> dt.date: ...

    def day_summary(self, day: dt.date | None = None) -> DaySummary: ...

    def printer_alerts(self) -> list[PrinterAlert]: ...

    def services(self) -> list[Service]: ...

    def counters(self) -> list[Counter]: ...

    # -- tickets and the audit log --------------------------------------------------------------
    def tickets(self, query: TicketQuery, offset: int = 0, limit: int = 200) -> list[Ticket]: ...

    def count_tickets(self, query: TicketQuery) -> int: ...

    def ticket_history(self, ticket: TicketRef) -> list[TicketEvent]: ...

    def audit(self, query: AuditQuery, offset: int = 0, limit: int = 200) -> list[AuditEntry]: ...

    def verify_audit(self) -> AuditCheck: ...

    # -- the survey ------------------------------------------------------------------------------
    def survey_definition(self, code: str = "skm") -> SurveyDefinition: ...

    def ikm(
        self,
        date_from: dt.date,
        date_to: dt.date,
        service: str | None = None,
        counter: int | None = None,
        survey: str = "skm",
        *,
        where: SurveyFilter | None = None,
    ) -> IkmResult: ...

    def survey_profile(
        self,
        date_from: dt.date,
        date_to: dt.date,
        service: str | None = None,
        counter: int | None = None,
        survey: str = "skm",
        *,
        where: SurveyFilter | None = None,
    ) -> ProfileBreakdown: ...

    def suggestions(
        self,
        date_from: dt.date,
        date_to: dt.date,
        service: str | None = None,
        counter: int | None = None,
        survey: str = "skm",
        *,
        where: SurveyFilter | None = None,
    ) -> list[str]: ...

    # -- files -------------------------------------------------------------------------------------
    def check_export_target(self, path: Path, *, replace: bool) -> None: ...

    def export_survey_day(self, day: dt.date, fmt: ExportFormat, survey: str = "skm") -> bytes: ...

    def export_ikm_recap(
        self, result: IkmResult, fmt: RecapFormat, where: SurveyFilter | None = None
    ) -> bytes: ...

    def export_tickets(
        self, query: TicketQuery, fmt: ExportFormat, progress: Progress | None = None
    ) -> bytes: ...

    def backup(self, folder: Path, keep: int = 14) -> BackupResult: ...

    def backups(self, folder: Path) -> list[Path]: ...

    # -- settings (saved in the database; every window takes them up without a restart) -------
    def reload_settings(self, *, sync: bool = False) -> bool: ...

    def settings_document(self) -> dict[str, Any]: ...

    def update_settings(
        self, section: str, value: Any, *, session: StaffSession | None
    ) -> Settings: ...

    def logo(self) -> bytes | None: ...

    def set_logo(self, data: bytes | None, *, session: StaffSession | None) -> None: ...

    def printer_states(self) -> dict[str, PrinterReport]: ...

    def request_printer_test(self, source: str, *, session: StaffSession | None) -> None: ...

    # -- lifetime ----------------------------------------------------------------------------------
    def change_feed(self) -> ChangeFeed: ...

    def close(self) -> None: ...


class AdminDemoOffice(AdminOffice, Protocol):
    """What the screenshots need besides: a throw-away office they may set a scene in."""

    def report_printer(self, source: str, state: str, message: str | None = None) -> bool: ...

    def issue_ticket(self, service_code: str, priority: str | None = None) -> Ticket: ...

    def call_ticket(
        self, ticket: TicketRef, counter: int, reason: str, *, actor: str | None = None
    ) -> Ticket: ...
