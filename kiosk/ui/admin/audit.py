"""The audit log, newest first: tickets called out of order with their reasons, sign-ins
and refused sign-ins, settings and staff changes, breaks, reprints; filtered by period,
action and who did it; read a page at a time as the table scrolls. Above it, whether the
log's hash chain holds (walked on the worker at every re-read): an entry changed or
deleted behind the program's back is named there in red.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QWidget

from kiosk.domain.audit import AuditCheck
from kiosk.domain.model import AuditQuery
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import (
    ALL_CODES,
    Context,
    Tab,
    chosen_code,
    date_edit,
    from_qdate,
    set_combo_items,
    tab_layout,
    table_view,
    to_qdate,
)
from kiosk.ui.admin.models import AuditModel
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import tr

#: The actions the filter offers: every one the services record (the log may hold others
#: from older versions; "all" shows them too). tests/gui/test_admin_tables.py reads the
#: services' source so a new action cannot be left out.
ACTIONS = (
    "call_out_of_order",
    "sign_in",
    "sign_in_refused",
    "sign_out",
    "account_locked",
    "account_unlocked",
    "settings_changed",
    "logo_changed",
    "staff_added",
    "staff_disabled",
    "staff_enabled",
    "staff_pin_reset",
    "counter_paused",
    "counter_resumed",
    "reprint_requested",
    "printer_test_requested",
    "exit_pin_set",
    "kiosk_exit",
    "exit_pin_locked",
    "appointments_imported",
    "appointment_added",
    "appointment_cancelled",
)
#: The period shown first: the last week.
DEFAULT_DAYS = 7
TYPING_MS = 300


class AuditTab(Tab):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("AuditTab")
        today = ctx.today()
        self.date_from = date_edit("AuditFrom")
        self.date_to = date_edit("AuditTo")
        self.date_from.setDate(to_qdate(today - dt.timedelta(days=DEFAULT_DAYS - 1)))
        self.date_to.setDate(to_qdate(today))
        self.action = QComboBox()
        self.action.setObjectName("AuditAction")
        self.actor = QLineEdit()
        self.actor.setObjectName("AuditActor")
        self.actor.setClearButtonEnabled(True)
        self.actor.setMaxLength(40)
        self.shown = label("TabNote")
        self._labels = {k: label("FilterLabel") for k in ("from", "to", "action", "actor")}
        filters = QHBoxLayout()
        filters.setSpacing(8)
        for key, widget in (
            ("from", self.date_from),
            ("to", self.date_to),
            ("action", self.action),
            ("actor", self.actor),
        ):
            filters.addWidget(self._labels[key])
            filters.addWidget(widget, 2 if key in ("action", "actor") else 1)
        filters.addStretch(0)
        filters.addWidget(self.shown)

        self.model = AuditModel(ctx.backend, ctx.names, ctx.tz, self.query(), self)
        self.model.loaded.connect(self._loaded)
        self.model.first_page.connect(self._size_columns)
        self._sized = False
        self.model.rowsInserted.connect(lambda *_a: self._show_count())
        self.view = table_view("AuditTable")
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)

        col = tab_layout(self)
        col.setSpacing(10)
        col.addLayout(filters)
        #: The hash chain's state, once read (None before).
        self.chain: AuditCheck | None = None
        self.chain_line = label("AuditChain", wrap=True)
        col.addWidget(self.chain_line)
        col.addWidget(self.view, 1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_MS)
        self._typing.timeout.connect(self.apply_filters)
        self.date_from.dateChanged.connect(self._dates_changed)
        self.date_to.dateChanged.connect(self._dates_changed)
        self.action.currentIndexChanged.connect(self.apply_filters)
        self.actor.textChanged.connect(lambda _t: self._typing.start())
        self.actor.returnPressed.connect(self.apply_filters)
        self.set_language(ctx.lang)

    def query(self) -> AuditQuery:
        """The filters as UTC bounds: office-local midnights of the first and after the
        last day."""
        tz = self.ctx.tz
        first = from_qdate(self.date_from.date())
        last = from_qdate(self.date_to.date())
        start = dt.datetime.combine(first, dt.time(), tz).astimezone(dt.UTC)
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tz).astimezone(dt.UTC)
        actor = self.actor.text().strip().lower() or None
        return AuditQuery(start, end, chosen_code(self.action), actor)

    def apply_filters(self) -> None:
        self._typing.stop()
        query = self.query()
        if query != self.model.query or not self.model.ready:
            self.stale = False
            self.model.set_query(query)

    def _dates_changed(self) -> None:
        if self.date_to.date() < self.date_from.date():
            other = self.date_to if self.sender() is self.date_from else self.date_from
            blocked = other.blockSignals(True)
            other.setDate(self.date_from.date() if other is self.date_to else self.date_to.date())
            other.blockSignals(blocked)
        self.apply_filters()

    def refresh(self) -> None:
        super().refresh()
        self.ctx.backend.read("audit.chain", lambda o: o.reports.verify_audit(), self._chain_read)
        if self.model.ready and self.model.query == self.query():
            self.model.refresh()
        else:
            self.apply_filters()

    def changed_elsewhere(self) -> bool:
        return from_qdate(self.date_to.date()) >= self.ctx.today()

    def _size_columns(self) -> None:
        """Once, when the first rows are there; later the user's widths stay."""
        if self._sized or not self.model.rows:
            return
        self._sized = True
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for column in (5, 6):  # reason, detail: readable, the rest of a long one in its tip
            header.resizeSection(column, min(header.sectionSize(column), 420))
        spare = self.view.viewport().width() - header.length()
        if spare > 0:  # the detail takes what is left
            header.resizeSection(6, header.sectionSize(6) + spare)

    def scale_changed(self) -> None:
        self._sized = False
        self._size_columns()

    def _loaded(self, _rows: int, _total: object) -> None:
        self._show_count()
        self.data_shown.emit()

    def _chain_read(self, check: AuditCheck) -> None:
        self.chain = check
        self._show_chain()

    def _show_chain(self) -> None:
        check, lang = self.chain, self.lang
        if check is None:
            self.chain_line.setText("")
            return
        if check.holds:
            text = tr("admin.audit.chain_holds", lang, n=tx.count(check.entries, lang))
        elif check.broken_at is None:
            text = tr("admin.audit.chain_broken_nowhere", lang)
        else:
            text = tr("admin.audit.chain_broken", lang, entry=check.broken_at)
        self.chain_line.setText(text)
        set_state(self.chain_line, "ok" if check.holds else "error")

    def _show_count(self) -> None:
        self.shown.setText(
            tr("admin.audit.shown", self.lang, n=tx.count(len(self.model.rows), self.lang))
        )

    def set_language(self, lang: str) -> None:
        for key, widget in self._labels.items():
            widget.setText(
                tr(f"admin.{key}" if key in ("from", "to") else f"admin.audit.{key}", lang)
            )
        items: list[tuple[str, object]] = [(tr("admin.all", lang), ALL_CODES)]
        items += [(tx.action_word(a, lang), a) for a in ACTIONS]
        set_combo_items(self.action, items)
        self.actor.setPlaceholderText(tr("admin.audit.actor_placeholder", lang))
        self.model.set_language(lang)
        self._show_count()
        self._show_chain()
