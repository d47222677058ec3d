"""The ticket at this counter, large: its number, service, priority, how long it waited,
how long ago it was called (or how long it has been served), and its recalls.

With no ticket at the counter it says which ticket the counter closed last, and how
(done, no-show, cancelled) and when, so an officer back from a finish sees the day go on
rather than a blank desk; and that F1 calls the next one.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.model import Ticket, TicketStatus
from kiosk.domain.status_words import status_label
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import duration, tr
from kiosk.ui.common.widgets import FitLabel
from kiosk.ui.counter.texts import Names, clock_text, last_closed_text


def waited_seconds(ticket: Ticket, now: dt.datetime) -> float:
    """How long the applicant waited: until the call, or until now while still waiting."""
    end = ticket.called_at or now
    return max(0.0, (end - ticket.issued_at).total_seconds())


class TicketPanel(QFrame):
    def __init__(
        self,
        names: Names,
        recall_limit: int,
        timezone: ZoneInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TicketPanel")
        self.names = names
        self.recall_limit = recall_limit
        self.timezone = timezone
        self.lang = "id"
        self.ticket: Ticket | None = None
        #: The ticket the counter closed last (shown while no ticket is at the counter).
        self.last: Ticket | None = None

        self.state = label("TicketState")
        self.code = FitLabel(object_name="TicketCode", squeeze=True)
        self.service = label("TicketService", wrap=True)
        self.service.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.priority = label("TicketPriority")
        self.waited = label("TicketTimes")
        self.running = label("TicketTimes")
        self.recalls = label("TicketRecalls")
        self.last_line = label("TicketService", wrap=True)  # the service line's look
        self.last_line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = label("TicketHint", wrap=True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        col = QVBoxLayout(self)
        col.addWidget(self.state, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addWidget(self.code, 1)
        col.addWidget(self.service)
        # Two short rows rather than one long one: the panel may be narrow at 1366x768.
        for pair in ((self.priority, self.recalls), (self.waited, self.running)):
            row = QHBoxLayout()
            row.addStretch(1)
            for widget in pair:
                row.addWidget(widget)
            row.addStretch(1)
            col.addLayout(row)
        # With no ticket, the code gives way to the last ticket and the hint, in the middle.
        self.idle = QWidget()
        idle = QVBoxLayout(self.idle)
        idle.addStretch(1)
        idle.addWidget(self.last_line)
        idle.addSpacing(12)
        idle.addWidget(self.hint)
        idle.addStretch(1)
        col.addWidget(self.idle, 1)
        self.show_ticket(None)

    def show_ticket(self, ticket: Ticket | None, last: Ticket | None = None) -> None:
        self.ticket = ticket
        self.last = last
        self.retranslate()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        lang, ticket = self.lang, self.ticket
        has = ticket is not None
        for widget in (
            self.code,
            self.service,
            self.priority,
            self.waited,
            self.running,
            self.recalls,
        ):
            widget.setVisible(has)
        self.idle.setVisible(not has)
        if ticket is None:
            self._set_look("empty")
            self.state.setText(tr("counter.ticket.none", lang))
            self.code.setText("")
            last = last_closed_text(self.last, self.timezone, lang) if self.last else ""
            self.last_line.setText(last)
            self.last_line.setVisible(bool(last))
            self.hint.setText(tr("counter.ticket.none_hint", lang))
            return
        serving = ticket.status is TicketStatus.SERVING
        self._set_look("serving" if serving else "called")
        self.state.setText(status_label(ticket.status if serving else TicketStatus.CALLED, lang))
        self.code.setText(ticket.code)
        service = self.names.service(ticket.service, lang)
        if ticket.origin_service and ticket.origin_service != ticket.service:
            origin = self.names.service(ticket.origin_service, lang)
            service = f"{service} · {tr('counter.ticket.from', lang, name=origin)}"
        self.service.setText(service)
        category = self.names.priority(ticket.priority, lang)
        self.priority.setText(
            tr("counter.ticket.priority", lang, name=category)
            if category
            else tr("counter.ticket.regular", lang)
        )
        set_state(self.priority, "priority" if category else "regular")
        self.recalls.setText(
            tr("counter.ticket.recalls", lang, n=ticket.recalls, limit=self.recall_limit)
        )
        self.tick(dt.datetime.now(dt.UTC))

    def _set_look(self, state: str) -> None:
        # On each widget a selector styles: Qt does not restyle descendants when only an
        # ancestor's property changes.
        for widget in (self, self.state, self.code):
            set_state(widget, state)

    def tick(self, now: dt.datetime) -> None:
        """Redraw the running times (no database: the ticket's own timestamps)."""
        ticket, lang = self.ticket, self.lang
        if ticket is None:
            return
        self.waited.setText(
            tr("counter.ticket.waited", lang, t=duration(int(waited_seconds(ticket, now)), lang))
        )
        if ticket.status is TicketStatus.SERVING and ticket.started_at is not None:
            since = clock_text((now - ticket.started_at).total_seconds())
            self.running.setText(tr("counter.ticket.since_started", lang, t=since))
        elif ticket.called_at is not None:
            since = clock_text((now - ticket.called_at).total_seconds())
            self.running.setText(tr("counter.ticket.since_called", lang, t=since))
        else:
            self.running.clear()
