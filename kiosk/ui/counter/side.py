"""Beside the list: the counter's day in three numbers, and the kiosk printers' alerts
with the slips that failed to print (each with a Reprint button)."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.dates import time_of_day
from kiosk.domain.model import CounterDesk, PrinterAlert, Ticket
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import duration, tr
from kiosk.ui.counter.texts import Names, alert_word


class StatsPanel(QFrame):
    """Waiting now, served today, average service time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatsPanel")
        self.lang = "id"
        self._desk: CounterDesk | None = None
        self.values = {key: label("StatValue") for key in ("waiting", "served", "average")}
        self.captions = {key: label("StatCaption") for key in self.values}
        grid = QGridLayout(self)
        for column, key in enumerate(self.values):
            self.values[key].setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.captions[key].setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(self.values[key], 0, column)
            grid.addWidget(self.captions[key], 1, column)
        self.retranslate()

    def show_desk(self, desk: CounterDesk | None) -> None:
        self._desk = desk
        self.retranslate()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        lang, desk = self.lang, self._desk
        self.captions["waiting"].setText(tr("counter.stats.waiting", lang))
        self.captions["served"].setText(tr("counter.stats.served", lang))
        self.captions["average"].setText(tr("counter.stats.average", lang))
        none = tr("counter.stats.none", lang)
        self.values["waiting"].setText(str(desk.waiting_total) if desk else none)
        self.values["served"].setText(str(desk.served_today) if desk else none)
        average = desk.average_service_seconds if desk else None
        self.values["average"].setText(
            duration(round(average), lang) if average is not None else none
        )


class SlipRow(QWidget):
    """One failed slip: its number and service, and the Reprint button."""

    def __init__(self, ticket: Ticket, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket = ticket
        self.text = label("SlipText")
        self.reprint = QPushButton()
        self.reprint.setObjectName("ReprintButton")
        self.reprint.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.reprint)


class AlertsPanel(QFrame):
    reprint_requested = Signal(object)  # Ticket

    def __init__(self, names: Names, timezone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AlertsPanel")
        self.names = names
        self.timezone = timezone
        self.lang = "id"
        self._alerts: tuple[PrinterAlert, ...] = ()
        self._enabled = True
        self.rows: dict[int, SlipRow] = {}  # ticket id -> its row

        self.title = label("PanelTitle")
        self.alerts = label("AlertText", wrap=True)
        self.slips_title = label("SlipsTitle")
        self.slips = QWidget()
        self.slips.setObjectName("SlipList")
        self._slip_col = QVBoxLayout(self.slips)
        self._slip_col.setContentsMargins(0, 0, 0, 0)
        self._slip_col.addStretch(1)
        self.slip_scroll = QScrollArea()
        self.slip_scroll.setObjectName("SlipScroll")
        self.slip_scroll.setWidgetResizable(True)
        self.slip_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.slip_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.slip_scroll.setWidget(self.slips)
        col = QVBoxLayout(self)
        col.addWidget(self.title)
        col.addWidget(self.alerts)
        col.addWidget(self.slips_title)
        col.addWidget(self.slip_scroll, 1)
        self.retranslate()

    def show_desk(self, desk: CounterDesk | None) -> None:
        self._alerts = desk.printer_alerts if desk else ()
        self._set_slips(desk.failed_slips if desk else ())
        self.retranslate()

    def set_actions_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        for row in self.rows.values():
            row.reprint.setEnabled(enabled)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def _set_slips(self, tickets: Sequence[Ticket]) -> None:
        wanted = {t.id: t for t in tickets}
        for ticket_id in [i for i in self.rows if i not in wanted]:
            row = self.rows.pop(ticket_id)
            self._slip_col.removeWidget(row)
            row.hide()  # at once: deletion waits for the event loop
            row.deleteLater()
        for ticket in tickets:
            known = self.rows.get(ticket.id)
            if known is not None:
                known.ticket = ticket
                continue
            row = SlipRow(ticket)
            row.reprint.clicked.connect(lambda _=False, r=row: self._reprint(r))
            row.reprint.setEnabled(self._enabled)
            self._slip_col.insertWidget(self._slip_col.count() - 1, row)
            self.rows[ticket.id] = row

    def _reprint(self, row: SlipRow) -> None:
        self.reprint_requested.emit(row.ticket)

    def retranslate(self) -> None:
        lang = self.lang
        self.title.setText(tr("counter.alerts.title", lang))
        if self._alerts:
            lines = [
                tr(
                    "counter.alerts.line",
                    lang,
                    source=a.source,
                    what=alert_word(a.state, lang),
                    t=time_of_day(a.at.astimezone(self.timezone).time(), lang),
                )
                for a in self._alerts
            ]
            self.alerts.setText("\n".join(lines))
        else:
            self.alerts.setText(tr("counter.alerts.none", lang))
        set_state(self.alerts, "alert" if self._alerts else "fine")
        set_state(self, "alert" if self._alerts or self.rows else "fine")
        self.slips_title.setText(tr("counter.slips.title", lang))
        self.slips_title.setVisible(bool(self.rows))
        self.slip_scroll.setVisible(bool(self.rows))
        for row in self.rows.values():
            service = self.names.service(row.ticket.origin_service or row.ticket.service, lang)
            row.text.setText(tr("counter.slips.line", lang, code=row.ticket.code, service=service))
            row.reprint.setText(tr("counter.action.reprint", lang))
