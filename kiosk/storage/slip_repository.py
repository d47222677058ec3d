"""The slips' repository: whether each ticket's slip printed, reprints, and printer alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from kiosk.domain.model import PrinterAlert, Ticket
from kiosk.storage.rows import rows_changed, ticket_from_row
from kiosk.storage.tables import PrinterAlertRow, TicketRow


class SqlSlipRepository:
    """Implements services.ports.SlipRepository."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- slips ----------------------------------------------------------------------------
    def set_slip_state(self, ticket_id: int, state: str, error: str | None) -> bool:
        result = self.session.execute(
            update(TicketRow)
            .where(TicketRow.id == ticket_id)
            .values(slip_state=state, slip_error=error)
            .execution_options(synchronize_session=False)
        )
        return rows_changed(result) == 1

    def slips_in_state(self, day: dt.date, state: str, limit: int) -> list[Ticket]:
        rows = self.session.scalars(
            select(TicketRow)
            .where(TicketRow.office_day == day, TicketRow.slip_state == state)
            .order_by(TicketRow.id)
            .limit(limit)
        )
        return [ticket_from_row(r) for r in rows]

    def move_slip_state(self, ticket_id: int, expected: Sequence[str], state: str) -> bool:
        """Set the slip state only from one of ``expected`` (a claim: one taker wins)."""
        result = self.session.execute(
            update(TicketRow)
            .where(TicketRow.id == ticket_id, TicketRow.slip_state.in_(list(expected)))
            .values(slip_state=state)
            .execution_options(synchronize_session=False)
        )
        return rows_changed(result) == 1

    # -- printer alerts -------------------------------------------------------------------
    def open_alerts(self, source: str | None = None) -> list[PrinterAlert]:
        stmt = select(PrinterAlertRow).where(PrinterAlertRow.resolved_at.is_(None))
        if source is not None:
            stmt = stmt.where(PrinterAlertRow.source == source)
        rows = self.session.scalars(stmt.order_by(PrinterAlertRow.id))
        return [PrinterAlert(r.id, r.at, r.source, r.state, r.message) for r in rows]

    def add_alert(self, at: dt.datetime, source: str, state: str, message: str | None) -> None:
        self.session.execute(
            insert(PrinterAlertRow).values(at=at, source=source, state=state, message=message)
        )

    def resolve_alerts(self, source: str, at: dt.datetime, keep_state: str | None) -> int:
        stmt = (
            update(PrinterAlertRow)
            .where(PrinterAlertRow.source == source, PrinterAlertRow.resolved_at.is_(None))
            .values(resolved_at=at)
            .execution_options(synchronize_session=False)
        )
        if keep_state is not None:
            stmt = stmt.where(PrinterAlertRow.state != keep_state)
        return rows_changed(self.session.execute(stmt))
