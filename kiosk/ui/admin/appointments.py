"""The day's M-Paspor appointments: a day picker, the day's list with each booking's state
(checked in with its ticket, not yet, missed, cancelled), an import that first shows what
it would change (the service's dry run) and imports only when confirmed, and adding or
cancelling one booking by hand.

Every call runs on the backend's db worker and presents the signed-in session: the
appointment service decides who may (a supervisor or an admin), as it does for the CLI.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from kiosk.domain.appointments import CATEGORY_MAX_CHARS, CODE_MAX_CHARS, Booking
from kiosk.domain.dates import day_month_year, time_of_day
from kiosk.services.appointments import ImportResult
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.appointments_import import ImportPreview
from kiosk.ui.admin.appointments_model import (
    BookingState,
    DayList,
    DayModel,
    DayRow,
    read_day,
)
from kiosk.ui.admin.chrome import (
    Context,
    Tab,
    date_edit,
    fit_columns,
    from_qdate,
    panel,
    set_combo_items,
    tab_layout,
    table_view,
    to_qdate,
)
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import tr

#: Where the import dialog starts (the folder of the last list imported).
IMPORT_FOLDER = "appointments/folder"
#: States a booking may still be cancelled in (not once checked in, not twice).
CANCELLABLE = (BookingState.NOT_YET, BookingState.MISSED)


class AppointmentsTab(Tab):
    #: An import, an add or a cancel finished: its result, or the error (tests wait on it;
    #: the list's re-read follows, and may come before it through the change feed).
    written = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("AppointmentsTab")
        self.shown_day: DayList | None = None
        self._status: tuple[str, dict[str, object], str] = ("", {}, "")
        self._to_cancel: DayRow | None = None

        # -- the day and its buttons
        self.day_label = label("FilterLabel")
        self.day = date_edit("AppointmentsDay")
        self.day.setDate(to_qdate(ctx.today()))
        self.count = label("TabNote")
        self.import_button = QPushButton()
        self.import_button.setObjectName("AppointmentsImport")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("AppointmentsCancel")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.day_label)
        top.addWidget(self.day)
        top.addSpacing(12)
        top.addWidget(self.count, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.import_button)
        self.status = label("AppointmentsStatus", wrap=True)
        self.status.hide()

        # -- the import's preview
        self.preview = ImportPreview(ctx)

        # -- the question before a cancel
        self.cancel_question = label("AppointmentsQuestion", wrap=True)
        self.cancel_yes = QPushButton()
        self.cancel_yes.setObjectName("AppointmentsCancelYes")
        self.cancel_no = QPushButton()
        self.cancel_no.setObjectName("AppointmentsCancelNo")
        self.cancel_bar = QFrame()
        self.cancel_bar.setObjectName("AppointmentsCancelBar")
        bar = QHBoxLayout(self.cancel_bar)
        bar.addWidget(self.cancel_question, 1)
        bar.addWidget(self.cancel_no)
        bar.addWidget(self.cancel_yes)
        self.cancel_bar.hide()

        # -- the day's list
        self.model = DayModel(ctx.names, self)
        self.view = table_view("AppointmentsTable")
        self.view.setModel(self.model)
        fit_columns(self.view, 4)
        self.empty = label("TabNote", wrap=True)

        # -- adding one by hand
        self.add_title = label("PanelTitle")
        self.code = QLineEdit()
        self.code.setObjectName("AppointmentsCode")
        self.code.setMaxLength(CODE_MAX_CHARS)
        self.time = QTimeEdit(QTime(9, 0))
        self.time.setObjectName("AppointmentsTime")
        self.service = QComboBox()
        self.service.setObjectName("AppointmentsService")
        self.category = QLineEdit()
        self.category.setObjectName("AppointmentsCategory")
        self.category.setMaxLength(CATEGORY_MAX_CHARS)
        self.add_button = QPushButton()
        self.add_button.setObjectName("AppointmentsAdd")
        self._add_labels = {
            k: label("FilterLabel") for k in ("code", "time", "service", "category")
        }
        adding, add_col = panel()
        add_row = QHBoxLayout()
        add_row.setSpacing(8)
        for key, widget, stretch in (
            ("code", self.code, 3),
            ("time", self.time, 0),
            ("service", self.service, 3),
            ("category", self.category, 2),
        ):
            add_row.addWidget(self._add_labels[key])
            add_row.addWidget(widget, stretch)
        add_row.addWidget(self.add_button)
        add_col.addWidget(self.add_title)
        add_col.addLayout(add_row)

        col = tab_layout(self)
        col.addLayout(top)
        col.addWidget(self.status)
        col.addWidget(self.preview, 2)
        col.addWidget(self.cancel_bar)
        col.addWidget(self.view, 3)
        col.addWidget(self.empty)
        col.addWidget(adding)

        self.day.dateChanged.connect(lambda _d: self._day_changed())
        self.import_button.clicked.connect(lambda: self.choose_import())
        self.preview.imported.connect(self._imported)
        self.preview.failed.connect(self._write_failed)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.cancel_yes.clicked.connect(self.cancel_chosen)
        self.cancel_no.clicked.connect(self._close_question)
        self.add_button.clicked.connect(self.add_booking)
        self.code.returnPressed.connect(self.add_booking)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self._update_buttons()
        self.set_language(ctx.lang)

    # -- state -----------------------------------------------------------------------------------
    def chosen_day(self) -> dt.date:
        return from_qdate(self.day.date())

    def chosen_row(self) -> DayRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        day, session = self.chosen_day(), self.ctx.session
        self.ctx.backend.read(
            "appointments", lambda o: read_day(o, day, session), self._show, self._refused
        )

    def _day_changed(self) -> None:
        self._close_question()
        self.preview.close_preview()
        self.refresh()

    def _show(self, found: DayList) -> None:
        if found.day != self.chosen_day():
            return  # a read for a day no longer chosen (a newer one is on its way)
        chosen = self.chosen_row()
        self.shown_day = found
        self.model.set_rows(found.rows)
        if chosen is not None:  # the same booking stays chosen when the list is re-read
            for i, row in enumerate(found.rows):
                if row.appointment.id == chosen.appointment.id:
                    self.view.selectRow(i)
        self._show_count()
        self._update_buttons()
        self.data_shown.emit()

    def _refused(self, error: Exception) -> None:
        self._say("admin.appt.refused", "error", message=tx.error_text(error, self.lang))
        self.data_shown.emit()

    def _show_count(self) -> None:
        rows = self.shown_day.rows if self.shown_day else ()
        self.count.setText(
            tr(
                "admin.appt.count",
                self.lang,
                n=len(rows),
                checked_in=sum(r.state is BookingState.CHECKED_IN for r in rows),
                missed=sum(r.state is BookingState.MISSED for r in rows),
            )
            if self.shown_day
            else ""
        )
        self.empty.setText(tr("admin.appt.none", self.lang))
        self.empty.setVisible(self.shown_day is not None and not rows)

    # -- importing -------------------------------------------------------------------------------
    def choose_import(self) -> bool:
        """Ask for a list (the context's chooser) and show what importing it would change."""
        path = self.ctx.choose_open(
            self,
            tr("admin.appt.import_choose", self.lang),
            self.ctx.last_folder(IMPORT_FOLDER),
            tr("admin.appt.import_filter", self.lang),
        )
        if path is None:
            return False
        self.ctx.remember_folder(path.parent, IMPORT_FOLDER)
        self._close_question()
        self._say("", "")
        self.preview.start(path, self.chosen_day())
        return True

    def _imported(self, done: tuple[Path, ImportResult]) -> None:
        path, result = done
        self._say(
            "admin.appt.imported",
            "ok",
            file=path.name,
            day=day_month_year(result.day, self.lang),
            added=len(result.added),
            updated=len(result.updated),
            unchanged=result.unchanged,
        )
        self.refresh()
        self.written.emit(result)

    # -- adding and cancelling -------------------------------------------------------------------
    def add_booking(self) -> bool:
        code = self.code.text().strip()
        if not code:
            self._say("admin.appt.add_missing", "error")
            return False
        t = self.time.time()
        booking = Booking(
            code,
            dt.time(t.hour(), t.minute()),
            str(self.service.currentData() or ""),
            category=self.category.text().strip() or None,
        )
        day, session = self.chosen_day(), self.ctx.session

        def done(added: object) -> None:
            self.code.clear()
            self.category.clear()
            self._say(
                "admin.appt.added", "ok", code=code, time=time_of_day(booking.slot, self.lang)
            )
            self.refresh()
            self.written.emit(added)

        self.ctx.backend.write(
            lambda o: o.appointments.add(day, booking, session), done, self._write_failed
        )
        return True

    def ask_cancel(self) -> None:
        row = self.chosen_row()
        if row is None or row.state not in CANCELLABLE:
            return
        self._to_cancel = row
        self._reword_question()
        self.cancel_bar.show()
        self._update_buttons()

    def cancel_chosen(self) -> None:
        row, self._to_cancel = self._to_cancel, None
        self.cancel_bar.hide()
        if row is None:
            return
        code, day, session = row.appointment.code, row.appointment.office_day, self.ctx.session

        def done(cancelled: object) -> None:
            self._say("admin.appt.cancelled", "ok", code=code)
            self.refresh()
            self.written.emit(cancelled)

        self.ctx.backend.write(
            lambda o: o.appointments.cancel(code, day, session), done, self._write_failed
        )

    def _close_question(self) -> None:
        self._to_cancel = None
        self.cancel_bar.hide()
        self._update_buttons()

    def _write_failed(self, error: Exception) -> None:
        self._say("admin.appt.refused", "error", message=tx.error_text(error, self.lang))
        self._update_buttons()
        self.refresh()
        self.written.emit(error)

    def _current_changed(
        self, _current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        if self._to_cancel is not None and self.chosen_row() != self._to_cancel:
            self._close_question()
        self._update_buttons()

    # -- showing ---------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        row = self.chosen_row()
        self.cancel_button.setEnabled(
            row is not None and row.state in CANCELLABLE and self._to_cancel is None
        )

    def _say(self, key: str, kind: str, **values: object) -> None:
        self._status = (key, values, kind)
        self.status.setText(tr(key, self.lang, **values) if key else "")
        self.status.setVisible(bool(key))
        set_state(self.status, kind)

    def _reword_question(self) -> None:
        row = self._to_cancel
        if row is not None:
            self.cancel_question.setText(
                tr(
                    "admin.appt.cancel_question",
                    self.lang,
                    code=row.appointment.code,
                    time=time_of_day(row.appointment.slot, self.lang),
                )
            )

    def set_language(self, lang: str) -> None:
        self.day_label.setText(tr("admin.appt.day", lang))
        self.import_button.setText(tr("admin.appt.import", lang))
        self.cancel_button.setText(tr("admin.appt.cancel", lang))
        self.cancel_yes.setText(tr("admin.appt.cancel_yes", lang))
        self.cancel_no.setText(tr("admin.appt.cancel_no", lang))
        self.add_title.setText(tr("admin.appt.add_title", lang))
        self.time.setDisplayFormat("HH:mm" if lang == "en" else "HH.mm")  # EYD V: 09.30
        for key, widget in self._add_labels.items():
            widget.setText(tr(f"admin.appt.add_{key}", lang))
        self.add_button.setText(tr("admin.appt.add", lang))
        self.code.setPlaceholderText(tr("admin.appt.add_code_placeholder", lang))
        self.category.setPlaceholderText(tr("admin.appt.add_category_placeholder", lang))
        set_combo_items(
            self.service,
            [(f"{c} · {self.ctx.names.service(c, lang)}", c) for c in self.ctx.names.services],
        )
        self.model.set_language(lang)
        self.preview.set_language(lang)
        key, values, kind = self._status
        if key:
            self._say(key, kind, **values)
        self._reword_question()
        self._show_count()

    def scale_changed(self) -> None:
        self.view.resizeColumnsToContents()

    def signed_in(self) -> None:
        super().signed_in()
        self.preview.close_preview()
        self._to_cancel = None
        self.cancel_bar.hide()
        self._say("", "")
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        blocked = self.day.blockSignals(True)
        self.day.setDate(to_qdate(self.ctx.today()))
        self.day.blockSignals(blocked)
        self._update_buttons()
