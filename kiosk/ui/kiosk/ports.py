"""What the kiosk window needs of the office: the part of ``kiosk.Office`` it uses.

Declared here so the window depends on the facade's shape, not on the module that opens
databases (``kiosk.office`` imports storage and SQLAlchemy, which ``kiosk.ui`` must not).
``kiosk.Office`` satisfies it structurally; mypy checks that where the CLI passes one in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol

from kiosk.config.settings import Settings
from kiosk.domain.model import QueueStatus, Ticket
from kiosk.printing.slip import Slip
from kiosk.survey.model import Profile, SurveyDefinition, SurveyReceipt
from kiosk.ui.common.changes import ChangeFeed


class KioskOffice(Protocol):
    @property
    def settings(self) -> Settings: ...

    def queue_status(self) -> QueueStatus: ...

    def issue_ticket(self, service_code: str, priority: str | None = None) -> Ticket: ...

    def slip(self, ticket: Ticket, lang: str = "id") -> Slip: ...

    def record_slip(self, ticket_id: int, printed: bool, error: str | None = None) -> None: ...

    def report_printer(self, source: str, state: str, message: str | None = None) -> bool: ...

    def take_reprints(self, limit: int = 5) -> list[Ticket]: ...

    def reload_settings(self, *, sync: bool = False) -> bool: ...

    def take_printer_test(self, source: str) -> bool: ...

    def logo(self) -> bytes | None: ...

    def change_feed(self) -> ChangeFeed: ...

    def survey_ticket(self, ticket: int | str, survey: str = "skm") -> Ticket: ...

    def walk_up_wait(self, station: str) -> int: ...

    def exit_pin_is_set(self) -> bool: ...

    def check_exit_pin(self, pin: str, station: str) -> None: ...

    def survey_definition(self, code: str = "skm") -> SurveyDefinition: ...

    def submit_survey(
        self,
        answers: Mapping[str, object],
        profile: Profile | Mapping[str, object] | None = None,
        ticket: int | str | None = None,
        survey: str = "skm",
        at: dt.datetime | None = None,
        source: str = "cli",
        *,
        suggestion: str | None = None,
        service: str | None = None,
        station: str | None = None,
    ) -> SurveyReceipt: ...

    def close(self) -> None: ...
