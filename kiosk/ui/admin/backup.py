"""Backing up the office's SQLite database with SQLite's online backup API (the facade's
``backup``): "Back up now", and a daily automatic backup at a chosen time, into a chosen
folder, keeping the newest N copies. A PostgreSQL office is backed up on its server with
pg_dump; the tab says so.

The folder, the number kept, the automatic time and the day of the last automatic backup
are remembered in QSettings. The automatic backup runs while this window is open; one
missed (the window was closed at the time) is made when it opens again that day or later.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from kiosk.domain.model import BackupResult
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import (
    Context,
    Tab,
    panel,
    tab_layout,
)
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import tr

KEY_FOLDER = "backup/folder"
KEY_KEEP = "backup/keep"
KEY_AUTO = "backup/auto"
KEY_TIME = "backup/time"
KEY_LAST_AUTO = "backup/last_auto"
DEFAULT_KEEP = 14
DEFAULT_TIME = "12:30"


class BackupTab(Tab):
    #: A backup finished: the BackupResult, or the error.
    finished = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("BackupTab")
        self.can_back_up: bool | None = None
        self.listed: list[Path] = []
        self._running = False
        self._auto_run = False
        self._status: tuple[str, dict[str, object], str] = ("", {}, "")

        self.title = label("TabTitle")
        self.postgres = label("BackupPostgres", wrap=True)
        self.folder_label = label("FilterLabel")
        self.folder = QLineEdit()
        self.folder.setObjectName("BackupFolder")
        self.folder.setReadOnly(True)
        self.choose = QPushButton()
        self.choose.setObjectName("BackupChoose")
        self.keep_label = label("FilterLabel")
        self.keep = QSpinBox()
        self.keep.setObjectName("BackupKeep")
        self.keep.setRange(1, 365)
        self.now_button = QPushButton()
        self.now_button.setObjectName("BackupNow")
        self.auto = QCheckBox()
        self.auto.setObjectName("BackupAuto")
        self.auto_time = QTimeEdit()
        self.auto_time.setObjectName("BackupTime")
        self.auto_time.setDisplayFormat("HH:mm")
        self.auto_note = label("TabNote", wrap=True)
        self.last_auto = label("TabNote")
        self.status = label("BackupStatus", wrap=True)
        self.list_title = label("PanelTitle")
        self.list = QListWidget()
        self.list.setObjectName("BackupList")

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_label)
        keep_row.addWidget(self.keep)
        keep_row.addStretch(1)
        keep_row.addWidget(self.now_button)
        auto_row = QHBoxLayout()
        auto_row.addWidget(self.auto)
        auto_row.addWidget(self.auto_time)
        auto_row.addStretch(1)

        self.form, form = panel("BackupPanel")
        form.addLayout(folder_row)
        form.addLayout(keep_row)
        form.addLayout(auto_row)
        form.addWidget(self.auto_note)
        form.addWidget(self.last_auto)
        form.addWidget(self.status)
        list_panel, list_col = panel()
        list_col.addWidget(self.list_title)
        list_col.addWidget(self.list, 1)
        self.list_panel = list_panel

        col = tab_layout(self)
        col.setSpacing(12)
        col.addWidget(self.title)
        col.addWidget(self.postgres)
        col.addWidget(self.form)
        col.addWidget(list_panel, 1)

        prefs = ctx.prefs
        folder = prefs.value(KEY_FOLDER)
        self.folder.setText(str(folder) if folder else "")
        self.keep.setValue(_int(prefs.value(KEY_KEEP), DEFAULT_KEEP))
        self.auto.setChecked(str(prefs.value(KEY_AUTO, "false")).lower() == "true")
        self.auto_time.setTime(QTime.fromString(str(prefs.value(KEY_TIME, DEFAULT_TIME)), "HH:mm"))

        self.choose.clicked.connect(self.choose_folder)
        self.now_button.clicked.connect(lambda: self.back_up_now())
        self.keep.valueChanged.connect(lambda v: self._remember(KEY_KEEP, int(v)))
        self.auto.toggled.connect(lambda on: self._remember(KEY_AUTO, "true" if on else "false"))
        self.auto_time.timeChanged.connect(lambda t: self._remember(KEY_TIME, t.toString("HH:mm")))
        self._clock = QTimer(self)
        self._clock.setInterval(ctx.backend.timings.backup_check_ms)
        self._clock.timeout.connect(self.check_automatic)
        self._clock.start()
        self._update_enabled()
        self.set_language(ctx.lang)

    @property
    def running(self) -> bool:
        return self._running

    # -- settings ----------------------------------------------------------------------------------
    def folder_path(self) -> Path | None:
        text = self.folder.text().strip()
        return Path(text) if text else None

    def set_folder(self, folder: Path) -> None:
        self.folder.setText(str(folder))
        self._remember(KEY_FOLDER, str(folder))
        self._update_enabled()
        self.refresh()

    def choose_folder(self) -> None:
        chosen = self.ctx.choose_folder(
            self, tr("admin.backup.folder", self.lang), self.folder_path()
        )
        if chosen is not None:
            self.set_folder(chosen)

    def _remember(self, key: str, value: object) -> None:
        self.ctx.prefs.setValue(key, value)
        self.ctx.prefs.sync()
        if key == KEY_AUTO:
            self._update_enabled()

    # -- reading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        folder = self.folder_path()

        def job(office: AdminOffice) -> tuple[bool, list[Path]]:
            if not office.can_back_up:
                return False, []
            return True, office.backups(folder) if folder is not None else []

        self.ctx.backend.read("backup", job, self._show, self._refused)

    def changed_elsewhere(self) -> bool:
        return False

    def _show(self, result: tuple[bool, list[Path]]) -> None:
        self.can_back_up, self.listed = result[0], list(reversed(result[1]))
        self.list.clear()
        for path in self.listed:
            try:
                size = tx.size_text(path.stat().st_size, self.lang)
            except OSError:
                size = "?"
            self.list.addItem(f"{path.name}  ·  {size}")
        self._update_enabled()
        self._retitle()
        self.data_shown.emit()
        self.check_automatic()

    def _refused(self, error: Exception) -> None:
        self._say("admin.backup.failed", "error", message=str(error))

    # -- backing up --------------------------------------------------------------------------------
    def back_up_now(self, *, automatic: bool = False) -> bool:
        folder = self.folder_path()
        if folder is None:
            self._say("admin.backup.need_folder", "error")
            return False
        if self._running or self.can_back_up is False:
            return False
        self._running = True
        self._auto_run = automatic
        keep = self.keep.value()
        self._update_enabled()
        self._say("admin.backup.running", "")
        self.ctx.backend.file_job(lambda o: o.backup(folder, keep), self._done, self._failed)
        return True

    def _done(self, result: BackupResult) -> None:
        self._running = False
        if self._auto_run:
            self._remember(KEY_LAST_AUTO, self.ctx.today().isoformat())
        self._say(
            "admin.backup.done",
            "ok",
            path=str(result.path),
            size=tx.size_text(result.size_bytes, self.lang),
            removed=len(result.removed),
        )
        self._update_enabled()
        self.refresh()
        self.finished.emit(result)

    def _failed(self, error: Exception) -> None:
        self._running = False
        self._say("admin.backup.failed", "error", message=str(error))
        self._update_enabled()
        self.finished.emit(error)

    def check_automatic(self, now: dt.datetime | None = None) -> bool:
        """Start today's automatic backup if it is due (the time has passed, none yet
        today); True if one was started."""
        if not self.auto.isChecked() or self._running or self.folder_path() is None:
            return False
        if self.can_back_up is None:  # not known yet (the tab was never shown): ask first
            self.refresh()
            return False
        if not self.can_back_up:
            return False
        local = now or dt.datetime.now(self.ctx.tz)
        last = str(self.ctx.prefs.value(KEY_LAST_AUTO, "") or "")
        if last == local.date().isoformat():
            return False
        at = self.auto_time.time()
        if (local.hour, local.minute) < (at.hour(), at.minute()):
            return False
        return self.back_up_now(automatic=True)

    # -- showing -----------------------------------------------------------------------------------
    def _update_enabled(self) -> None:
        possible = self.can_back_up is not False
        self.postgres.setVisible(self.can_back_up is False)
        for widget in (self.form, self.list_panel):
            widget.setVisible(possible)
        self.now_button.setEnabled(possible and not self._running and bool(self.folder.text()))
        self.auto_time.setEnabled(self.auto.isChecked())

    def _say(self, key: str, kind: str, **values: object) -> None:
        self._status = (key, values, kind)
        self.status.setText(tr(key, self.lang, **values) if key else "")
        set_state(self.status, kind)

    def _retitle(self) -> None:
        lang = self.lang
        self.list_title.setText(tr("admin.backup.list", lang, n=len(self.listed)))
        last = str(self.ctx.prefs.value(KEY_LAST_AUTO, "") or "")
        self.last_auto.setText(tr("admin.backup.last_auto", lang, day=last) if last else "")
        self.last_auto.setVisible(bool(last))

    def set_language(self, lang: str) -> None:
        self.title.setText(tr("admin.backup.title", lang))
        self.postgres.setText(tr("admin.backup.postgres", lang))
        self.folder_label.setText(tr("admin.backup.folder", lang))
        self.folder.setPlaceholderText(tr("admin.backup.folder_none", lang))
        self.choose.setText(tr("admin.backup.choose", lang))
        self.keep_label.setText(tr("admin.backup.keep", lang))
        self.keep.setSuffix(tr("admin.backup.keep_suffix", lang))
        self.now_button.setText(tr("admin.backup.now", lang))
        self.auto.setText(tr("admin.backup.auto", lang))
        self.auto_note.setText(tr("admin.backup.auto_note", lang))
        key, values, kind = self._status
        if key:
            self._say(key, kind, **values)
        self._retitle()


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default
