"""The office's SQLite backups: where they go, how many are kept, the last one, and "Back up
now" (the facade's ``backup``, SQLite's online backup API, on the files worker).

The daily backup is not this window's: the PC's own scheduler runs ``kiosk db backup`` (the
systemd timer on Linux, the Task Scheduler task on Windows), so it happens whether anyone has
this window open or not. Both read the folder and the number kept from ``[backup]`` of the
configuration, as this tab does. A PostgreSQL office is backed up on its server with pg_dump;
the tab says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QListWidget, QPushButton, QWidget

from kiosk.domain.dates import day_month_year, time_of_day
from kiosk.domain.model import BackupResult
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import Context, Tab, panel, tab_layout
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import tr


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    size_bytes: int | None  # None: gone or unreadable since it was listed
    written_at: dt.datetime | None  # aware


@dataclass(frozen=True, slots=True)
class Backups:
    """What the tab shows, read on the database worker (the files' sizes and times too)."""

    can_back_up: bool
    folder: Path | None
    keep: int
    files: tuple[BackupFile, ...] = ()  # newest first

    @property
    def last(self) -> BackupFile | None:
        return self.files[0] if self.files else None


def read_backups(office: AdminOffice) -> Backups:
    keep = office.settings.backup.keep
    if not office.can_back_up:
        return Backups(False, None, keep)
    folder = office.backup_folder
    files = []
    for path in reversed(office.backups()):
        try:
            stat = path.stat()
        except OSError:
            files.append(BackupFile(path, None, None))
        else:
            written = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC)
            files.append(BackupFile(path, stat.st_size, written))
    return Backups(True, folder, keep, tuple(files))


class BackupTab(Tab):
    #: A backup finished: the BackupResult, or the error.
    finished = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("BackupTab")
        self.shown_backups: Backups | None = None
        self._running = False
        self._status: tuple[str, dict[str, object], str] = ("", {}, "")

        self.title = label("TabTitle")
        self.postgres = label("BackupPostgres", wrap=True)
        self.folder_label = label("FilterLabel")
        self.folder = QLineEdit()  # read-only, but selectable: IT copies the path
        self.folder.setObjectName("BackupFolder")
        self.folder.setReadOnly(True)
        self.keep_label = label("FilterLabel")
        self.keep = label("TabNote")
        self.last_label = label("FilterLabel")
        self.last = label("TabNote", wrap=True)
        self.schedule_label = label("FilterLabel")
        self.schedule = label("TabNote", wrap=True)
        self.now_button = QPushButton()
        self.now_button.setObjectName("BackupNow")
        self.status = label("BackupStatus", wrap=True)
        self.list_title = label("PanelTitle")
        self.list = QListWidget()
        self.list.setObjectName("BackupList")

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setColumnStretch(1, 1)
        rows = (
            (self.folder_label, self.folder),
            (self.keep_label, self.keep),
            (self.last_label, self.last),
            (self.schedule_label, self.schedule),
        )
        grid.setVerticalSpacing(10)
        for row, (name, value) in enumerate(rows):
            # A name beside a wrapped value stays on the value's first line.
            top = Qt.AlignmentFlag.AlignTop if row >= 2 else Qt.AlignmentFlag.AlignVCenter
            grid.addWidget(name, row, 0, top)
            grid.addWidget(value, row, 1)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.now_button)

        self.form, form = panel("BackupPanel")
        form.addLayout(grid)
        form.addLayout(button_row)
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

        self.now_button.clicked.connect(lambda: self.back_up_now())
        self._update_enabled()
        self.set_language(ctx.lang)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def can_back_up(self) -> bool | None:
        """None until the office has been asked."""
        return None if self.shown_backups is None else self.shown_backups.can_back_up

    # -- reading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self.ctx.backend.read("backup", read_backups, self._show, self._refused)

    def changed_elsewhere(self) -> bool:
        return False  # backups are files, not rows: the scheduler's wake nobody

    def _show(self, backups: Backups) -> None:
        self.shown_backups = backups
        self._update_enabled()
        self._reword()
        self.data_shown.emit()

    def _refused(self, error: Exception) -> None:
        self._say("admin.backup.failed", "error", message=str(error))

    # -- backing up --------------------------------------------------------------------------------
    def back_up_now(self) -> bool:
        """Start a backup into the configured folder; False if none can start now."""
        if self._running or not self.can_back_up:
            return False
        self._running = True
        self._update_enabled()
        self._say("admin.backup.running", "")
        self.ctx.backend.file_job(lambda o: o.backup(), self._done, self._failed)
        return True

    def _done(self, result: BackupResult) -> None:
        self._running = False
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

    # -- showing -----------------------------------------------------------------------------------
    def _update_enabled(self) -> None:
        possible = self.can_back_up is not False
        self.postgres.setVisible(self.can_back_up is False)
        for widget in (self.form, self.list_panel):
            widget.setVisible(possible)
        self.now_button.setEnabled(bool(self.can_back_up) and not self._running)

    def _say(self, key: str, kind: str, **values: object) -> None:
        self._status = (key, values, kind)
        self.status.setText(tr(key, self.lang, **values) if key else "")
        set_state(self.status, kind)

    def _size(self, file: BackupFile) -> str:
        return "?" if file.size_bytes is None else tx.size_text(file.size_bytes, self.lang)

    def _when(self, file: BackupFile) -> str:
        if file.written_at is None:
            return "?"
        local = file.written_at.astimezone(self.ctx.tz)
        return f"{day_month_year(local.date(), self.lang)} {time_of_day(local.time(), self.lang)}"

    def _reword(self) -> None:
        lang = self.lang
        backups = self.shown_backups
        files = backups.files if backups else ()
        self.folder.setText(str(backups.folder) if backups and backups.folder else "")
        self.keep.setText(tr("admin.backup.keep_value", lang, n=backups.keep) if backups else "")
        last = backups.last if backups else None
        self.last.setText(
            tr("admin.backup.last_none", lang)
            if last is None
            else tr(
                "admin.backup.last_value",
                lang,
                when=self._when(last),
                name=last.path.name,
                size=self._size(last),
            )
        )
        self.list_title.setText(tr("admin.backup.list", lang, n=len(files)))
        self.list.clear()
        for file in files:
            self.list.addItem(f"{file.path.name}  ·  {self._size(file)}")

    def set_language(self, lang: str) -> None:
        self.title.setText(tr("admin.backup.title", lang))
        self.postgres.setText(tr("admin.backup.postgres", lang))
        self.folder_label.setText(tr("admin.backup.folder", lang))
        self.keep_label.setText(tr("admin.backup.keep", lang))
        self.last_label.setText(tr("admin.backup.last", lang))
        self.schedule_label.setText(tr("admin.backup.schedule", lang))
        self.schedule.setText(tr("admin.backup.schedule_note", lang))
        self.now_button.setText(tr("admin.backup.now", lang))
        key, values, kind = self._status
        if key:
            self._say(key, kind, **values)
        self._reword()
