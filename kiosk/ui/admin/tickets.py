"""Every ticket of a period, filtered by service, counter, status and number, sorted by a
header click (in the database), read a page at a time as the table scrolls; the chosen
ticket's history underneath.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QStyle,
    QWidget,
)

from kiosk.domain.model import Ticket, TicketEvent, TicketQuery, TicketStatus
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import (
    ALL_CODES,
    Context,
    Tab,
    chosen_code,
    chosen_counter,
    counter_items,
    date_edit,
    fit_columns,
    from_qdate,
    panel,
    service_items,
    set_combo_items,
    tab_layout,
    table_view,
    to_qdate,
)
from kiosk.ui.admin.models import EventsModel, TicketsModel
from kiosk.ui.common.chrome import label
from kiosk.ui.common.i18n import tr

#: Typing a number waits this long for the next key before the table re-reads.
TYPING_MS = 300


#: The columns of words (priority, service, counter, status) that narrow when the figures
#: would not fit.
NAME_COLUMNS = (3, 2, 5, 4)
#: Room a header keeps beside its title: margins and the sort arrow.
HEADER_PADDING = 40


class TicketsTab(Tab):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("TicketsTab")
        today = ctx.today()
        self.model = TicketsModel(ctx.backend, ctx.names, ctx.tz, TicketQuery(today, today), self)
        self.model.loaded.connect(self._loaded)
        self.model.first_page.connect(self._size_columns)
        self._sized = False
        self.events = EventsModel(ctx.names, ctx.tz, self)
        self._history_of: Ticket | None = None

        self.date_from = date_edit("TicketsFrom")
        self.date_to = date_edit("TicketsTo")
        self.date_from.setDate(to_qdate(today))
        self.date_to.setDate(to_qdate(today))
        self.service = QComboBox()
        self.service.setObjectName("TicketsService")
        self.counter = QComboBox()
        self.counter.setObjectName("TicketsCounter")
        self.status = QComboBox()
        self.status.setObjectName("TicketsStatus")
        self.code = QLineEdit()
        self.code.setObjectName("TicketsCode")
        self.code.setClearButtonEnabled(True)
        self.code.setMaxLength(12)
        self.count = label("TabNote")
        self._labels = {
            key: label("FilterLabel")
            for key in ("from", "to", "service", "counter", "status", "code")
        }
        filters = QHBoxLayout()
        filters.setSpacing(8)
        for key, widget in (
            ("from", self.date_from),
            ("to", self.date_to),
            ("service", self.service),
            ("counter", self.counter),
            ("status", self.status),
            ("code", self.code),
        ):
            filters.addWidget(self._labels[key])
            filters.addWidget(widget, 2 if key in ("service", "code") else 1)
        filters.addStretch(0)
        filters.addWidget(self.count)

        self.view = table_view("TicketsTable", stretch_last=False)
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator)

        self.history_title = label("PanelTitle")
        self.history_note = label("TabNote", wrap=True)
        self.history_view = table_view("HistoryTable")
        self.history_view.setModel(self.events)
        fit_columns(self.history_view, 3)
        history, history_col = panel()
        history_col.addWidget(self.history_title)
        history_col.addWidget(self.history_note)
        history_col.addWidget(self.history_view, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.view)
        split.addWidget(history)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        col = tab_layout(self)
        col.setSpacing(10)
        col.addLayout(filters)
        col.addWidget(split, 1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_MS)
        self._typing.timeout.connect(self.apply_filters)
        self.date_from.dateChanged.connect(self._from_changed)
        self.date_to.dateChanged.connect(self._to_changed)
        for combo in (self.service, self.counter, self.status):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.code.textChanged.connect(lambda _t: self._typing.start())
        self.code.returnPressed.connect(self.apply_filters)
        selection = self.view.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)
        self.set_language(ctx.lang)

    # -- filters ----------------------------------------------------------------------------------
    def query(self) -> TicketQuery:
        """What the filters ask for, in the table's current order."""
        status = self.status.currentData()
        code = self.code.text().strip().upper() or None
        return TicketQuery(
            from_qdate(self.date_from.date()),
            from_qdate(self.date_to.date()),
            service=chosen_code(self.service),
            counter=chosen_counter(self.counter),
            status=TicketStatus(status) if status else None,
            code=code,
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )

    def apply_filters(self) -> None:
        self._typing.stop()
        query = self.query()
        if query != self.model.query or not self.model.ready:
            self.stale = False
            self._clear_history()
            self.model.set_query(query)

    def _from_changed(self) -> None:
        if self.date_to.date() < self.date_from.date():
            blocked = self.date_to.blockSignals(True)
            self.date_to.setDate(self.date_from.date())
            self.date_to.blockSignals(blocked)
        self.apply_filters()

    def _to_changed(self) -> None:
        if self.date_from.date() > self.date_to.date():
            blocked = self.date_from.blockSignals(True)
            self.date_from.setDate(self.date_to.date())
            self.date_from.blockSignals(blocked)
        self.apply_filters()

    def _sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        """A header without a database order: put the arrow back where the order is."""
        if self.model.columns[column].sort is None:
            header = self.view.horizontalHeader()
            blocked = header.blockSignals(True)
            order = (
                Qt.SortOrder.DescendingOrder
                if self.model.query.descending
                else Qt.SortOrder.AscendingOrder
            )
            header.setSortIndicator(self.model.sort_column(), order)
            header.blockSignals(blocked)
        else:
            self._clear_history()

    # -- reading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """First time (or a new filter): from the first page; later: the rows in place."""
        super().refresh()
        if self.model.ready and self.model.query == self.query():
            self.model.refresh()
            if self._history_of is not None:
                self._read_history(self._history_of)
        else:
            self.apply_filters()

    def changed_elsewhere(self) -> bool:
        return self.model.query.date_to >= self.ctx.today()

    def _size_columns(self) -> None:
        """Once, when the first rows are there; later the user's widths stay."""
        if self._sized or not self.model.rows:
            return
        self._sized = True
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        width = self.view.viewport().width()
        if not self.view.verticalScrollBar().isVisible():  # it shows once the rows are in
            width -= self.view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        spare = width - header.length()
        if spare > 0:  # the service's name takes what is left
            header.resizeSection(2, header.sectionSize(2) + spare)
        # Too wide (1366x768): the names give way (elided, whole in their tooltip), down to
        # their header's width, so the figures on the right never need a scroll.
        for column in NAME_COLUMNS:
            if spare >= 0:
                break
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            floor = header.fontMetrics().horizontalAdvance(title) + HEADER_PADDING
            give = min(-spare, max(0, header.sectionSize(column) - floor))
            header.resizeSection(column, header.sectionSize(column) - give)
            spare += give

    def scale_changed(self) -> None:
        self._sized = False
        self._size_columns()

    def _loaded(self, rows: int, total: object) -> None:
        self._show_count()
        self.data_shown.emit()

    def _show_count(self) -> None:
        total = self.model.total
        if total is None:
            self.count.setText(tr("admin.tickets.counting", self.lang))
        else:
            self.count.setText(tr("admin.tickets.count", self.lang, n=tx.count(total, self.lang)))

    # -- history -----------------------------------------------------------------------------------
    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        ticket = self.model.row_at(current.row()) if current.isValid() else None
        if ticket is None:
            return
        if self._history_of is None or ticket.id != self._history_of.id:
            self._read_history(ticket)

    def _read_history(self, ticket: Ticket) -> None:
        self._history_of = ticket
        self._title_history()

        def done(events: list[TicketEvent]) -> None:
            if self._history_of is not None and self._history_of.id == ticket.id:
                self.events.set_rows(events)

        self.ctx.backend.read(
            "tickets.history", lambda o: o.reports.ticket_history(ticket.id), done, lambda _e: None
        )

    def _clear_history(self) -> None:
        self._history_of = None
        self.events.set_rows([])
        self._title_history()

    def _title_history(self) -> None:
        lang = self.lang
        ticket = self._history_of
        if ticket is None:
            self.history_title.setText(tr("admin.tickets.history", lang))
            self.history_note.setText(tr("admin.tickets.history_hint", lang))
            self.history_note.show()
            return
        self.history_title.setText(
            tr(
                "admin.tickets.history_of",
                lang,
                code=ticket.code,
                day=ticket.office_day.isoformat(),
            )
        )
        if ticket.origin_service:
            self.history_note.setText(
                tr(
                    "admin.tickets.origin",
                    lang,
                    service=self.ctx.names.service(ticket.origin_service, lang),
                )
            )
            self.history_note.show()
        else:
            self.history_note.hide()

    def history_of(self) -> Ticket | None:
        return self._history_of

    # -- words -------------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        for key, widget in self._labels.items():
            widget.setText(tr(f"admin.{key}" if key != "code" else "admin.tickets.code", lang))
        set_combo_items(self.service, service_items(self.ctx))
        set_combo_items(self.counter, counter_items(self.ctx))
        statuses: list[tuple[str, object]] = [(tr("admin.all", lang), ALL_CODES)]
        statuses += [(tx.status_word(s.value, lang), s.value) for s in TicketStatus]
        set_combo_items(self.status, statuses)
        self.code.setPlaceholderText(tr("admin.tickets.code_placeholder", lang))
        self.model.set_language(lang)
        self.events.set_language(lang)
        self._show_count()
        self._title_history()

    def signed_in(self) -> None:
        super().signed_in()
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        self._clear_history()
