"""Slips and printers: record whether a slip printed, keep printer alerts, sign tokens."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from kiosk.domain import token
from kiosk.domain.audit import AuditRecord
from kiosk.domain.errors import NoSuchTicket, NothingToReprint
from kiosk.domain.limits import (
    ACTOR_MAX_CHARS,
    TICKET_ID_MAX,
    TICKET_ID_MIN,
    check_number,
    one_line,
)
from kiosk.domain.log import about
from kiosk.domain.model import PrinterAlert, Ticket
from kiosk.services.ports import Clock, UnitOfWorkFactory

log = logging.getLogger(__name__)

SECRET_KEY = "ticket_token_secret"
PRINTED, FAILED = "printed", "failed"
#: An officer asked for a failed slip again; the kiosk claims it ("printing") and prints.
REPRINT, PRINTING = "reprint", "printing"
#: Printer states that are not alerts (everything else is one).
FINE = frozenset({"online"})


class SlipService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock
        self._secret: bytes | None = None

    def secret(self) -> bytes:
        """The office's token secret, created once and shared by every PC through the DB."""
        if self._secret is None:
            with self._uow() as uow:
                value = uow.settings.get(SECRET_KEY)
            if value is None:
                with self._uow(write=True) as uow:
                    value = uow.settings.get(SECRET_KEY)  # another process may have won
                    if value is None:
                        value = secrets.token_hex(32)
                        uow.settings.put(SECRET_KEY, value)
                        uow.commit()
            self._secret = bytes.fromhex(value)
        return self._secret

    def token_for(self, ticket: Ticket) -> str:
        return token.sign(self.secret(), ticket.code, ticket.office_day)

    def verify(self, text: str) -> token.TicketToken | None:
        return token.verify(self.secret(), text)

    def record(self, ticket_id: int, printed: bool, error: str | None = None) -> None:
        with self._uow(write=True) as uow:
            uow.slips.set_slip_state(ticket_id, PRINTED if printed else FAILED, error)
            uow.commit()

    def report_printer(self, source: str, state: str, message: str | None = None) -> bool:
        """Keep one open alert per printer while it has a problem; True if anything changed."""
        now = self._clock()
        with self._uow() as uow:
            open_now = uow.slips.open_alerts(source)
        unchanged = (state in FINE and not open_now) or (
            len(open_now) == 1 and open_now[0].state == state
        )
        if unchanged:
            return False  # the common case costs one read and no write lock
        with self._uow(write=True) as uow:
            repo = uow.slips
            keep = None if state in FINE else state
            closed = repo.resolve_alerts(source, now, keep)
            opened = False
            if state not in FINE and not any(a.state == state for a in repo.open_alerts(source)):
                repo.add_alert(now, source, state, message)
                opened = True
            uow.commit()
        return bool(closed or opened)

    def alerts(self) -> list[PrinterAlert]:
        with self._uow() as uow:
            return uow.slips.open_alerts()

    def request_reprint(self, ticket_id: int, actor: str | None = None) -> Ticket:
        """Ask the kiosk to print a failed slip again (the counter PC has no printer)."""
        check_number("a ticket id", ticket_id, TICKET_ID_MIN, TICKET_ID_MAX)
        actor = one_line("the officer's name", actor, ACTOR_MAX_CHARS) or None if actor else None
        now = self._clock()
        with self._uow(write=True) as uow:
            repo = uow.queue
            ticket = repo.get_ticket(ticket_id, for_update=True)
            if ticket is None:
                raise NoSuchTicket(ticket_id)
            if not uow.slips.move_slip_state(ticket.id, (FAILED,), REPRINT):
                raise NothingToReprint(ticket.code, ticket.slip_state)
            audited = {"code": ticket.code}
            uow.audit.append(
                AuditRecord(now, "reprint_requested", actor, ticket_id=ticket.id, detail=audited)
            )
            result = repo.get_ticket(ticket.id)
            uow.commit()
        assert result is not None
        log.info("reprint asked%s", f" by {actor}" if actor else "", extra=about(result.code))
        return result

    def take_reprints(self, day: dt.date, limit: int = 5) -> list[Ticket]:
        """Claim the slips waiting to be reprinted; each is handed to one kiosk only."""
        with self._uow() as uow:
            asked = uow.slips.slips_in_state(day, REPRINT, limit)
        if not asked:
            return []  # the common case: one read, no write lock
        taken = []
        with self._uow(write=True) as uow:
            for ticket in asked:
                if uow.slips.move_slip_state(ticket.id, (REPRINT,), PRINTING):
                    taken.append(ticket)
            uow.commit()
        for ticket in taken:
            log.info("reprint taken by this kiosk", extra=about(ticket.code))
        return taken
