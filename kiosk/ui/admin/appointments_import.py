"""The appointments tab's import preview: what a list would change (the service's dry
run: codes added, updated, listed but not in the file) or every refused row with its line
and reason, and "Import now", which imports the same file for the same day for real (all
or nothing, checked again: the file may have changed since the preview)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.appointments import ImportRefused
from kiosk.domain.dates import day_month_year
from kiosk.services.appointments import ImportResult
from kiosk.ui.admin.appointments_model import (
    PREVIEW_COLUMNS,
    REFUSED_COLUMNS,
    PreviewRow,
    preview_rows,
    refused_rows,
)
from kiosk.ui.admin.chrome import Context, fit_columns, table_view
from kiosk.ui.admin.table_models import RowsModel
from kiosk.ui.common.chrome import label
from kiosk.ui.common.i18n import tr


class ImportPreview(QFrame):
    #: The preview is shown: the dry run's ImportResult, or the ImportRefused.
    previewed = Signal(object)
    #: "Import now" finished: (the file, its ImportResult).
    imported = Signal(object)
    #: The office refused the preview or the import for another reason (the session, the
    #: database): the error, for the tab to say.
    failed = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AppointmentsPreviewPanel")
        self.ctx = ctx
        #: The file and day shown, waiting for "Import now" (None: nothing to import).
        self.pending: tuple[Path, dt.date] | None = None
        self._of: tuple[Path, dt.date] | None = None
        self._words: tuple[str, dict[str, object]] = ("", {})
        self._not_in_file = 0

        self.title = label("PanelTitle")
        self.summary = label("TabNote", wrap=True)
        self.changes: RowsModel[PreviewRow] = RowsModel(PREVIEW_COLUMNS, self)
        self.refused: RowsModel[PreviewRow] = RowsModel(REFUSED_COLUMNS, self)
        self.view = table_view("AppointmentsPreview")
        self.view.setModel(self.changes)
        self.close_button = QPushButton()
        self.close_button.setObjectName("AppointmentsClosePreview")
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("AppointmentsConfirm")
        col = QVBoxLayout(self)
        col.addWidget(self.title)
        col.addWidget(self.summary)
        col.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.confirm_button)
        col.addLayout(buttons)
        self.close_button.clicked.connect(self.close_preview)
        self.confirm_button.clicked.connect(lambda: self.confirm())
        self.hide()

    @property
    def lang(self) -> str:
        return self.ctx.lang

    def start(self, path: Path, day: dt.date) -> None:
        """The dry run, on the worker: nothing is written until "Import now"."""
        self.pending = None
        self._of = (path, day)
        self._not_in_file = 0
        self._say("admin.appt.preview_reading", file=path.name)
        self._show_rows(self.changes, [])
        self.show()
        self._update()
        session = self.ctx.session

        def done(result: ImportResult) -> None:
            self.pending = (path, day) if result.added or result.updated else None
            self._show_rows(self.changes, preview_rows(result))
            self._not_in_file = len(result.not_in_file)
            if result.added or result.updated:
                self._say(
                    "admin.appt.preview_summary",
                    added=len(result.added),
                    updated=len(result.updated),
                    unchanged=result.unchanged,
                )
            else:
                self._say("admin.appt.preview_same")
            self._update()
            self.previewed.emit(result)

        def refused(error: Exception) -> None:
            self.pending = None
            if isinstance(error, ImportRefused) and error.problems:
                self._show_rows(self.refused, refused_rows(error.problems))
                self._say("admin.appt.preview_refused", n=len(error.problems))
            elif isinstance(error, ImportRefused):
                self._say("admin.appt.preview_unreadable", message=str(error))
            else:
                self.hide()
                self.failed.emit(error)
            self._update()
            self.previewed.emit(error)

        self.ctx.backend.write(
            lambda o: o.appointments.import_file(path, day, session, dry_run=True), done, refused
        )

    def confirm(self) -> bool:
        """Import the previewed file for real."""
        if self.pending is None:
            return False
        path, day = self.pending
        self.pending = None
        self._update()
        session = self.ctx.session

        def done(result: ImportResult) -> None:
            self.hide()
            self.imported.emit((path, result))

        self.ctx.backend.write(
            lambda o: o.appointments.import_file(path, day, session), done, self.failed.emit
        )
        return True

    def close_preview(self) -> None:
        self.pending = None
        self.hide()

    # -- words -----------------------------------------------------------------------------------
    def _show_rows(self, model: RowsModel[PreviewRow], rows: list[PreviewRow]) -> None:
        self.view.setModel(model)
        model.set_rows(rows)
        fit_columns(self.view, 1)

    def _say(self, key: str, **values: object) -> None:
        self._words = (key, values)
        self._reword()

    def _reword(self) -> None:
        key, values = self._words
        if key:
            text = tr(key, self.lang, **values)
            if self._not_in_file:
                text += tr("admin.appt.preview_not_in_file", self.lang, n=self._not_in_file)
            self.summary.setText(text)
        if self._of is not None:
            path, day = self._of
            self.title.setText(
                tr(
                    "admin.appt.preview_title",
                    self.lang,
                    file=path.name,
                    day=day_month_year(day, self.lang),
                )
            )

    def _update(self) -> None:
        self.confirm_button.setVisible(self.pending is not None)

    def set_language(self, lang: str) -> None:
        self.close_button.setText(tr("admin.appt.close_preview", lang))
        self.confirm_button.setText(tr("admin.appt.confirm_import", lang))
        self.changes.set_language(lang)
        self.refused.set_language(lang)
        self._reword()
