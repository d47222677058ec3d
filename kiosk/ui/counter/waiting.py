"""The tickets this counter may call, in the order Call next calls them: one table model,
one table view.

The office sends them in that order (``CounterDesk.waiting``, from the same domain rule
Call next uses), so the first row is marked as the next call and the others numbered;
a new priority ticket or another counter's call may change the order, and the list
follows at the next read. The "waiting for" column is redrawn from a local timer
(``set_now``) without asking the database; rows change only when the desk is read again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import Ticket, TicketStatus
from kiosk.ui.common.chrome import label
from kiosk.ui.common.i18n import duration, tr
from kiosk.ui.counter.texts import Names

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the default parent: a table has no tree

#: Priority tickets stand out in the list (deep purple: 9:1 on white).
PRIORITY_COLOUR = QColor("#5B1A8C")
#: The next call's row: the pale of the Call next button's amber (dark text stays 15:1).
NEXT_BACKGROUND = QColor("#FDF0C2")


class WaitingModel(QAbstractTableModel):
    ORDER, CODE, SERVICE, WAITED = range(4)
    _HEADERS = (
        "counter.list.order",
        "counter.list.code",
        "counter.list.service",
        "counter.list.waited",
    )

    def __init__(self, names: Names, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self.lang = "id"
        self.now = dt.datetime.now(dt.UTC)
        self._tickets: list[Ticket] = []

    # -- what the window tells it -------------------------------------------------------------
    def set_tickets(self, tickets: Sequence[Ticket]) -> None:
        """New rows; the same tickets in the same order only refresh their cells (the
        view keeps its selection and scroll position)."""
        new = list(tickets)
        if [t.id for t in new] == [t.id for t in self._tickets]:
            self._tickets = new
            if new:
                self._changed(0, len(new) - 1, 0, self.columnCount() - 1)
            return
        self.beginResetModel()
        self._tickets = new
        self.endResetModel()

    def set_now(self, now: dt.datetime) -> None:
        self.now = now
        if self._tickets:
            self._changed(0, len(self._tickets) - 1, self.WAITED, self.WAITED)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._tickets:
            self._changed(0, len(self._tickets) - 1, 0, self.columnCount() - 1)

    def tickets(self) -> list[Ticket]:
        return list(self._tickets)

    def ticket_at(self, row: int) -> Ticket | None:
        return self._tickets[row] if 0 <= row < len(self._tickets) else None

    def next_up(self) -> Ticket | None:
        """The row marked as the next call (the first: the office sends call order)."""
        return self.ticket_at(0)

    def _changed(self, top: int, bottom: int, left: int, right: int) -> None:
        self.dataChanged.emit(self.index(top, left), self.index(bottom, right))

    # -- QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._tickets)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._HEADERS):
            return tr(self._HEADERS[section], self.lang)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._tickets):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        ticket = self.ticket_at(index.row()) if index.isValid() else None
        if ticket is None:
            return None
        column, first = index.column(), index.row() == 0
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), ticket, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if first:
                return tr("counter.list.next_tip", self.lang, code=ticket.code)
            return self._text(index.row(), ticket, column)
        if role == Qt.ItemDataRole.ForegroundRole and ticket.priority:
            return QBrush(PRIORITY_COLOUR)
        if role == Qt.ItemDataRole.BackgroundRole and first:
            return QBrush(NEXT_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and first:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (self.ORDER, self.CODE, self.WAITED):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return ticket.id
        return None

    def _text(self, row: int, ticket: Ticket, column: int) -> str | None:
        lang = self.lang
        if column == self.ORDER:
            return tr("counter.list.next", lang) if row == 0 else str(row + 1)
        if column == self.CODE:
            return ticket.code
        if column == self.SERVICE:
            # The priority beside the service, not in a column of its own that stays
            # mostly empty: the room goes to the call order and the service names.
            name = self.names.service(ticket.service, lang)
            if ticket.status is TicketStatus.TRANSFERRED:
                name = tr("counter.list.transferred", lang, name=name)
            category = self.names.priority(ticket.priority, lang)
            return f"{name} · {category}" if category else name
        if column == self.WAITED:
            seconds = (self.now - ticket.issued_at).total_seconds()
            return duration(max(0, int(seconds)), lang)
        return None


class WaitingPanel(QFrame):
    """The list under its title and count; a double click asks to call that ticket."""

    ticket_activated = Signal(object)  # Ticket

    def __init__(self, names: Names, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WaitingPanel")
        self.lang = "id"
        self._shown = 0
        self._total = 0
        self.model = WaitingModel(names, self)
        self.title = label("PanelTitle")
        self.count = label("PanelCount")
        self.view = QTableView()
        self.view.setObjectName("WaitingList")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        rows = self.view.verticalHeader()
        rows.hide()
        # Row height from the cells (font and padding of the style sheet, which is rescaled
        # with the window), not a default fixed when the view was made.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the F-keys stay the officer's
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        for column, mode in (
            (WaitingModel.ORDER, QHeaderView.ResizeMode.ResizeToContents),
            (WaitingModel.CODE, QHeaderView.ResizeMode.ResizeToContents),
            (WaitingModel.SERVICE, QHeaderView.ResizeMode.Stretch),
            (WaitingModel.WAITED, QHeaderView.ResizeMode.ResizeToContents),
        ):
            header.setSectionResizeMode(column, mode)
        self.empty = label("WaitingEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.count)
        col = QVBoxLayout(self)
        col.addLayout(head)
        col.addWidget(self.view, 1)
        col.addWidget(self.empty)
        self.view.doubleClicked.connect(self._activated)
        self.set_tickets([], 0)

    def set_tickets(self, tickets: Sequence[Ticket], total: int) -> None:
        self.model.set_tickets(tickets)
        self._shown, self._total = len(tickets), total
        self.empty.setVisible(not tickets)
        self.retranslate()

    def set_now(self, now: dt.datetime) -> None:
        self.model.set_now(now)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.model.set_language(lang)
        self.retranslate()

    def retranslate(self) -> None:
        lang = self.lang
        self.title.setText(tr("counter.list.title", lang))
        if self._shown < self._total:
            self.count.setText(tr("counter.list.shown", lang, shown=self._shown, n=self._total))
        else:
            self.count.setText(tr("counter.list.count", lang, n=self._total))
        self.empty.setText(tr("counter.list.empty", lang))

    def _activated(self, index: QModelIndex) -> None:
        ticket = self.model.ticket_at(index.row())
        if ticket is not None:
            self.ticket_activated.emit(ticket)
