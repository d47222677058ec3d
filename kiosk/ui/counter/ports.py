"""What the counter window needs of the office: the part of ``kiosk.Office`` it uses.

Declared here so the window depends on the facade's shape, not on the module that opens
databases (``kiosk.office`` imports storage and SQLAlchemy, which ``kiosk.ui`` must not).
``kiosk.Office`` satisfies it structurally; mypy checks that where the CLI passes one in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from kiosk.config.settings import Settings
from kiosk.domain.model import Counter, CounterDesk, Service, Ticket
from kiosk.domain.staff import Role, StaffAccount, StaffSession
from kiosk.ui.common.changes import ChangeFeed

TicketRef = int | str  # a ticket id, or today's code such as "A-001"


class CounterOffice(Protocol):
    @property
    def settings(self) -> Settings: ...

    def sign_in(
        self, username: str, pin: str, *, roles: Iterable[Role | str], where: str
    ) -> StaffSession: ...

    def sign_out(self, session: StaffSession) -> None: ...

    def counters(self) -> list[Counter]: ...

    def services(self) -> list[Service]: ...

    def counter_desk(self, counter: int, waiting_limit: int = 50) -> CounterDesk: ...

    def reload_settings(self, *, sync: bool = False) -> bool: ...

    def call_next(self, counter: int, *, actor: str | None = None) -> Ticket | None: ...

    def call_ticket(
        self, ticket: TicketRef, counter: int, reason: str, *, actor: str | None = None
    ) -> Ticket: ...

    def recall(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket: ...

    def start(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket: ...

    def finish(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket: ...

    def no_show(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket: ...

    def transfer(
        self, ticket: TicketRef, to_service: str, *, actor: str | None = None
    ) -> Ticket: ...

    def find_ticket(self, text: str) -> Ticket: ...

    def pause_counter(self, counter: int, *, actor: str | None = None) -> Counter: ...

    def resume_counter(self, counter: int, *, actor: str | None = None) -> Counter: ...

    def request_reprint(self, ticket: TicketRef, *, actor: str | None = None) -> Ticket: ...

    def change_feed(self) -> ChangeFeed: ...

    def close(self) -> None: ...


class CounterDemoOffice(CounterOffice, Protocol):
    """What the screenshots need besides: a throw-away office they may set a scene in."""

    def add_staff(
        self,
        username: str,
        name: str,
        role: Role | str,
        pin: str,
        *,
        session: StaffSession | None,
    ) -> StaffAccount: ...

    def reset_staff_pin(self, username: str, pin: str, *, session: StaffSession | None) -> None: ...

    def issue_ticket(self, service_code: str, priority: str | None = None) -> Ticket: ...

    def record_slip(self, ticket_id: int, printed: bool, error: str | None = None) -> None: ...

    def report_printer(self, source: str, state: str, message: str | None = None) -> bool: ...
