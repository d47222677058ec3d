"""Files for the supervisor, made by the same code as the CLI (``kiosk export surveys``,
``kiosk report ikm --format pdf|xlsx``, ``kiosk export tickets``) and written whole or not
at all (``kiosk.survey.export.write_file``).

Exports run on the backend's files worker, never delaying the dashboard's reads. The
tickets export reports its progress page by page; any export can be cancelled, and a
cancelled one writes nothing. The save dialog starts in the folder used last (QSettings).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.errors import KioskError
from kiosk.domain.model import TicketQuery, TicketStatus
from kiosk.services.survey import survey_slice
from kiosk.survey.export import OutFileRefused, write_file
from kiosk.survey.model import SurveyFilter
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import (
    ALL_CODES,
    Context,
    Tab,
    chosen_code,
    chosen_counter,
    counter_items,
    date_edit,
    from_qdate,
    panel,
    service_items,
    set_combo_items,
    tab_layout,
    to_qdate,
)
from kiosk.ui.admin.ports import AdminOffice, ExportFormat, RecapFormat
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import tr

FILTERS = {
    "csv": "CSV (*.csv)",
    "xlsx": "Excel (*.xlsx)",
    "pdf": "PDF (*.pdf)",
}


class Cancelled(KioskError):
    def __init__(self) -> None:
        super().__init__("the export was cancelled; no file was written")


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    size: int


#: (office, progress(done, total) -> go on?) -> the file's bytes.
Producer = Callable[[AdminOffice, Callable[[int, int], bool]], bytes]


class ExportsTab(Tab):
    #: rows done, rows in all (from the files worker, delivered on the GUI thread)
    progress = Signal(int, int)
    #: the file written (Written), or the refusal/cancellation (Exception)
    finished = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("ExportsTab")
        today = ctx.today()
        self._cancel: threading.Event | None = None
        self._what = ""
        self._status: tuple[str, dict[str, object]] = ("admin.exports.idle", {})

        # daily survey export
        self.survey_day = date_edit("SurveyDay")
        self.survey_day.setDate(to_qdate(today))
        self.survey_format = QComboBox()
        self.survey_save = QPushButton()
        self.survey_save.setObjectName("ExportSurveyDay")
        self.survey_box, self.survey_title, self.survey_hint, survey_form = self._section()
        self._survey_labels = (label("FilterLabel"), label("FilterLabel"))
        survey_form.addRow(self._survey_labels[0], self.survey_day)
        survey_form.addRow(self._survey_labels[1], self.survey_format)

        # the IKM recap
        self.recap_from = date_edit("RecapFrom")
        self.recap_to = date_edit("RecapTo")
        self.recap_from.setDate(to_qdate(today.replace(day=1)))
        self.recap_to.setDate(to_qdate(today))
        self.recap_service = QComboBox()
        self.recap_counter = QComboBox()
        self.recap_format = QComboBox()
        self.recap_save = QPushButton()
        self.recap_save.setObjectName("ExportRecap")
        self.recap_box, self.recap_title, self.recap_hint, recap_form = self._section()
        self._recap_labels = tuple(label("FilterLabel") for _ in range(5))
        for lbl, widget in zip(
            self._recap_labels,
            (
                self.recap_from,
                self.recap_to,
                self.recap_service,
                self.recap_counter,
                self.recap_format,
            ),
            strict=True,
        ):
            recap_form.addRow(lbl, widget)

        # tickets
        self.tickets_from = date_edit("TicketsExportFrom")
        self.tickets_to = date_edit("TicketsExportTo")
        self.tickets_from.setDate(to_qdate(today))
        self.tickets_to.setDate(to_qdate(today))
        self.tickets_service = QComboBox()
        self.tickets_counter = QComboBox()
        self.tickets_status = QComboBox()
        self.tickets_format = QComboBox()
        self.tickets_save = QPushButton()
        self.tickets_save.setObjectName("ExportTickets")
        self.tickets_box, self.tickets_title, self.tickets_hint, tickets_form = self._section()
        self._tickets_labels = tuple(label("FilterLabel") for _ in range(6))
        for lbl, widget in zip(
            self._tickets_labels,
            (
                self.tickets_from,
                self.tickets_to,
                self.tickets_service,
                self.tickets_counter,
                self.tickets_status,
                self.tickets_format,
            ),
            strict=True,
        ):
            tickets_form.addRow(lbl, widget)

        for box, button in (
            (self.survey_box, self.survey_save),
            (self.recap_box, self.recap_save),
            (self.tickets_box, self.tickets_save),
        ):
            layout = box.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.addStretch(1)
            layout.addWidget(button)

        # progress
        self.bar = QProgressBar()
        self.bar.setObjectName("ExportProgress")
        self.bar.setTextVisible(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("ExportCancel")
        self.cancel_button.setEnabled(False)
        self.status = label("ExportStatus", wrap=True)
        progress_box, progress_col = panel("ProgressPanel")
        bar_row = QHBoxLayout()
        bar_row.addWidget(self.bar, 1)
        bar_row.addWidget(self.cancel_button)
        progress_col.addLayout(bar_row)
        progress_col.addWidget(self.status)

        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.survey_box, 0, 0)
        grid.addWidget(self.recap_box, 0, 1)
        grid.addWidget(self.tickets_box, 0, 2)
        for i in range(3):
            grid.setColumnStretch(i, 1)
        col = tab_layout(self)
        col.setSpacing(12)
        col.addLayout(grid)
        col.addWidget(progress_box)
        col.addStretch(1)

        self.survey_save.clicked.connect(self.export_survey_day)
        self.recap_save.clicked.connect(self.export_recap)
        self.tickets_save.clicked.connect(self.export_tickets)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress.connect(self._progress)
        self.set_language(ctx.lang)

    def _section(self) -> tuple[QWidget, QLabel, QLabel, QFormLayout]:
        box, col = panel("ExportPanel")
        title = label("PanelTitle")
        hint = label("TabNote", wrap=True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        col.addWidget(title)
        col.addWidget(hint)
        col.addLayout(form)
        return box, title, hint, form

    # -- state -------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._cancel is not None

    def refresh(self) -> None:
        super().refresh()
        self.data_shown.emit()  # nothing to read until an export is asked for

    def changed_elsewhere(self) -> bool:
        return False

    # -- the three exports -------------------------------------------------------------------------
    def export_survey_day(self) -> bool:
        day = from_qdate(self.survey_day.date())
        fmt: ExportFormat = "xlsx" if self.survey_format.currentData() == "xlsx" else "csv"
        name = f"survei-skm-{day.isoformat()}.{fmt}"

        def produce(office: AdminOffice, _progress: Callable[[int, int], bool]) -> bytes:
            return office.exports.survey_day(day, fmt)

        return self._start("admin.exports.survey_day", name, fmt, produce)

    def export_recap(self) -> bool:
        date_from = from_qdate(self.recap_from.date())
        date_to = max(date_from, from_qdate(self.recap_to.date()))
        service = chosen_code(self.recap_service)
        counter = chosen_counter(self.recap_counter)
        fmt: RecapFormat = "xlsx" if self.recap_format.currentData() == "xlsx" else "pdf"
        if (
            date_from.day == 1
            and date_to.month == date_from.month
            and date_to.year == date_from.year
        ):
            span = f"{date_from:%Y-%m}"
        else:
            span = f"{date_from.isoformat()}_{date_to.isoformat()}"
        name = f"rekap-ikm-{span}.{fmt}"

        def produce(office: AdminOffice, _progress: Callable[[int, int], bool]) -> bytes:
            where = SurveyFilter()
            whole = survey_slice(where, service, counter)
            result = office.survey.ikm(date_from, date_to, "skm", whole)
            return office.exports.ikm_recap(result, fmt, where)

        return self._start("admin.exports.recap", name, fmt, produce)

    def export_tickets(self) -> bool:
        date_from = from_qdate(self.tickets_from.date())
        date_to = max(date_from, from_qdate(self.tickets_to.date()))
        status = self.tickets_status.currentData()
        query = TicketQuery(
            date_from,
            date_to,
            service=chosen_code(self.tickets_service),
            counter=chosen_counter(self.tickets_counter),
            status=TicketStatus(status) if status else None,
        )
        fmt: ExportFormat = "xlsx" if self.tickets_format.currentData() == "xlsx" else "csv"
        span = date_from.isoformat() if date_from == date_to else f"{date_from}_{date_to}"
        name = f"tiket-{span}.{fmt}"

        def produce(office: AdminOffice, progress: Callable[[int, int], bool]) -> bytes:
            return office.exports.tickets(query, fmt, progress)

        return self._start("admin.exports.tickets", name, fmt, produce)

    # -- running one -------------------------------------------------------------------------------
    def _start(self, what: str, name: str, fmt: str, produce: Producer) -> bool:
        """Ask where (the context's save chooser: the dialog, or a test's answer), then
        make and write the file on the files worker. The buttons' ``clicked`` connects to
        the three exports, which take no arguments: the signal's ``checked`` must never
        stand in for a path (tests/unit/test_signal_connections.py)."""
        lang = self.lang
        if self.running:
            self._say("admin.exports.busy", kind="error")
            return False
        start = self.ctx.last_folder() or Path.home()
        path = self.ctx.choose_save(
            self,
            tr("admin.exports.dialog", lang, what=tr(what, lang).lower()),
            start / name,
            FILTERS[fmt],
        )
        if path is None:
            return False
        if not path.suffix:
            path = path.with_suffix(f".{fmt}")
        self.ctx.remember_folder(path.parent)
        cancel = threading.Event()
        self._cancel = cancel
        self._what = what

        def vet(office: AdminOffice) -> bool:
            """On the files worker: the office's own files are refused before anyone is
            asked; True when an ordinary file is there (replacing it needs a yes)."""
            office.check_export_target(path, replace=True)
            return path.exists()

        self._set_running(True)
        self._say("admin.exports.running", what=_Lower(what))
        self.ctx.backend.file_job(
            vet, lambda exists: self._write(path, exists, produce, cancel), self._failed
        )
        return True

    def _write(
        self, target: Path, exists: bool, produce: Producer, cancel: threading.Event
    ) -> None:
        """The target was vetted: ask before replacing a file, then make and write it."""
        lang = self.lang
        if cancel.is_set():
            self._failed(Cancelled())
            return
        if exists and not self.ctx.confirm_replace(
            self,
            tr("admin.exports.replace_title", lang),
            tr("admin.exports.replace_question", lang, path=str(target)),
            tr("admin.exports.replace_yes", lang),
            tr("admin.exports.replace_no", lang),
        ):
            self._cancel = None
            self._set_running(False)
            self._say("admin.exports.kept", path=str(target))
            self.finished.emit(Cancelled())
            return

        def go_on(done: int, total: int) -> bool:
            if not cancel.is_set():
                self.progress.emit(done, total)
            return not cancel.is_set()

        def job(office: AdminOffice) -> Written:
            data = produce(office, go_on)
            if cancel.is_set():
                raise Cancelled()
            # Again, just before writing: a file that appeared meanwhile is not replaced
            # without a yes, and the office's own files never are.
            office.check_export_target(target, replace=exists)
            write_file(target, data)
            return Written(target, len(data))

        self.bar.setRange(0, 0)  # busy until the first progress report
        self.ctx.backend.file_job(job, self._written, self._failed)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel is None or self._cancel.is_set():
            return
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(min(done, total))
        self._say(
            "admin.exports.progress",
            what=_Word(self._what),
            done=_Count(done),
            total=_Count(total),
        )

    def _written(self, written: Written) -> None:
        self._cancel = None  # a cancel pressed while the file was being written came late
        self._set_running(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self._say("admin.exports.written", kind="ok", path=str(written.path))
        self.finished.emit(written)

    def _failed(self, error: Exception) -> None:
        cancelled = self._cancel is not None and self._cancel.is_set()
        self._cancel = None
        self._set_running(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        if cancelled:
            self._say("admin.exports.cancelled")
        else:
            self._say("admin.exports.failed", kind="error", message=_Error(error))
        self.finished.emit(error)

    def _set_running(self, running: bool) -> None:
        for button in (self.survey_save, self.recap_save, self.tickets_save):
            button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    # -- words -------------------------------------------------------------------------------------
    def _say(self, key: str, kind: str = "", **values: object) -> None:
        self._status = (key, {"__kind": kind, **values})
        self._show_status()

    def _show_status(self) -> None:
        key, values = self._status
        kind = str(values.get("__kind", ""))
        lang = self.lang
        words = {
            k: (v.word(lang) if isinstance(v, _Lazy) else v)
            for k, v in values.items()
            if k != "__kind"
        }
        self.status.setText(tr(key, lang, **words))
        set_state(self.status, kind)

    def set_language(self, lang: str) -> None:
        self.survey_title.setText(tr("admin.exports.survey_day", lang))
        self.survey_hint.setText(tr("admin.exports.survey_day_hint", lang))
        self.recap_title.setText(tr("admin.exports.recap", lang))
        self.recap_hint.setText(tr("admin.exports.recap_hint", lang))
        self.tickets_title.setText(tr("admin.exports.tickets", lang))
        self.tickets_hint.setText(tr("admin.exports.tickets_hint", lang))
        self._survey_labels[0].setText(tr("admin.exports.day", lang))
        self._survey_labels[1].setText(tr("admin.exports.format", lang))
        for lbl, key in zip(
            self._recap_labels,
            ("admin.from", "admin.to", "admin.service", "admin.counter", "admin.exports.format"),
            strict=True,
        ):
            lbl.setText(tr(key, lang))
        for lbl, key in zip(
            self._tickets_labels,
            (
                "admin.from", "admin.to", "admin.service", "admin.counter", "admin.status",
                "admin.exports.format",
            ),
            strict=True,
        ):  # fmt: skip
            lbl.setText(tr(key, lang))
        set_combo_items(self.survey_format, [("CSV", "csv"), ("Excel (XLSX)", "xlsx")])
        set_combo_items(self.recap_format, [("PDF", "pdf"), ("Excel (XLSX)", "xlsx")])
        set_combo_items(self.tickets_format, [("CSV", "csv"), ("Excel (XLSX)", "xlsx")])
        for combo in (self.recap_service, self.tickets_service):
            set_combo_items(combo, service_items(self.ctx))
        for combo in (self.recap_counter, self.tickets_counter):
            set_combo_items(combo, counter_items(self.ctx))
        statuses: list[tuple[str, object]] = [(tr("admin.all", lang), ALL_CODES)]
        statuses += [(tx.status_word(s.value, lang), s.value) for s in TicketStatus]
        set_combo_items(self.tickets_status, statuses)
        for button in (self.survey_save, self.recap_save, self.tickets_save):
            button.setText(tr("admin.exports.save", lang))
        self.cancel_button.setText(tr("admin.exports.cancel", lang))
        self._show_status()


# -- words that follow the language ----------------------------------------------------------------
class _Lazy:
    def word(self, lang: str) -> str:
        raise NotImplementedError


class _Word(_Lazy):
    def __init__(self, key: str) -> None:
        self.key = key

    def word(self, lang: str) -> str:
        return tr(self.key, lang)


class _Lower(_Word):
    def word(self, lang: str) -> str:
        return tr(self.key, lang).lower()


class _Count(_Lazy):
    def __init__(self, n: int) -> None:
        self.n = n

    def word(self, lang: str) -> str:
        return tx.count(self.n, lang)


class _Error(_Lazy):
    def __init__(self, error: Exception) -> None:
        self.error = error

    def word(self, lang: str) -> str:
        if isinstance(self.error, OutFileRefused):
            return tr(f"admin.exports.refused.{self.error.why}", lang, path=str(self.error.path))
        if isinstance(self.error, KioskError):
            return str(self.error)
        if isinstance(self.error, OSError):
            return self.error.strerror or str(self.error)
        return tr("admin.error.database", lang)
