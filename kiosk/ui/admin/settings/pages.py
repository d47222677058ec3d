"""The settings tab's pages: which section's fields each shows, in what order, and the
page widgets that hold them (a form of editors, or a table of rows).

Only the layout is written here. What a field accepts comes from the model (form.py),
its words from texts.py.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config.settings import EDITABLE_SECTIONS
from kiosk.ui.admin.settings.columns import Column, ServiceCodesColumn, column_for
from kiosk.ui.admin.settings.editors import Editor, ParagraphEditor, editor_for
from kiosk.ui.admin.settings.form import section_fields
from kiosk.ui.admin.settings.texts import field_help, field_label
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import tr

#: The menu's sections: every one the admin window may change, in the configuration's order
#: (the staff accounts' page comes last).
SECTIONS = EDITABLE_SECTIONS
#: A form section's fields, in the order shown.
FORMS: dict[str, tuple[str, ...]] = {
    "office": ("name", "timezone", "place", "head_title", "head_name", "head_nip"),
    "queue": ("priority_policy", "priority_every", "recall_limit"),
    "printer": (
        "kind", "port", "baudrate", "parity", "flow", "host", "tcp_port", "paper_mm",
        "native_qr", "cutter", "profile", "qr_module", "status_query", "footer", "footer_en",
        "preview_dir",
    ),
    "kiosk": (
        "name", "idle_seconds", "confirmation_seconds", "ask_priority", "languages", "exit_chord",
        "panel_inches",
    ),
    "survey": ("enabled", "walkup_cooldown_seconds", "idle_seconds"),
    "display": (
        "running_text", "last_calls", "announce", "chime", "voice", "languages", "template_id",
        "template_en", "volume", "rate", "flash_seconds", "voice_engine",
        "voice_pack", "tts_engine",
    ),
    "appointments": (
        "early_minutes", "late_minutes", "late_policy", "verify", "code_pattern",
        "unverified_service", "columns",
    ),
}  # fmt: skip
#: A list section's columns, in the order shown.
TABLES: dict[str, tuple[str, ...]] = {
    "services": (
        "code", "name_id", "name_en", "daily_quota", "active", "priority", "service_minutes",
        "hours",
    ),
    "counters": ("number", "name", "services"),
    "priority": ("code", "name_id", "name_en"),
}  # fmt: skip
#: Fields a page shows with a widget of its own (the survey's order: a list to reorder).
OWN_WIDGETS = frozenset({"survey.order"})
#: Where a field is shown otherwise than its type says (presentation only, by path).
EDITORS: dict[str, type[Editor]] = {"display.running_text": ParagraphEditor}
COLUMNS: dict[str, type[Column]] = {"counters.services": ServiceCodesColumn}
#: Forms stay this wide at most: a label and its field close enough to read together.
FORM_WIDTH = 860
#: A cell the model refused.
ERROR_CELL = "#FDE8E8"


class SectionPage(QWidget):
    """A section's fields, its message and its Save button."""

    save_requested = Signal(str)  # the section

    def __init__(self, section: str) -> None:
        super().__init__()
        self.section = section
        self.setObjectName(f"Settings_{section}")
        self.setProperty("page", "settings")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.original: Any = None
        self.dirty = False
        self.title = label("PanelTitle")
        self.hint = label("TabNote", wrap=True)
        self.hint.hide()
        self.message = label("SettingsMessage", wrap=True)
        self.message.hide()
        self._message: tuple[str, dict[str, object], str] | None = None
        self.save = QPushButton()
        self.save.setObjectName("SettingsSave")
        self.revert = QPushButton()
        self.revert.setObjectName("SettingsRevert")
        self.body = QVBoxLayout()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save)
        col = QVBoxLayout(self)
        col.addWidget(self.title)
        col.addWidget(self.hint)
        col.addLayout(self.body, 1)
        col.addWidget(self.message)
        col.addLayout(buttons)
        self.save.clicked.connect(lambda: self.save_requested.emit(self.section))
        self.revert.clicked.connect(self.undo)

    # what a page kind says
    def fill(self, value: Any) -> None:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def show_error(self, row: int | None, key: str | None, text: str) -> None:
        """Mark the field the refusal names."""

    def clear_errors(self) -> None:
        """Unmark every field."""

    def set_editable(self, editable: bool) -> None:
        self.save.setEnabled(editable)
        self.revert.setEnabled(editable)

    # shared
    def load(self, value: Any, *, force: bool = False) -> None:
        """Show ``value`` unless the user is editing this page (``force``: regardless)."""
        if self.dirty and not force:
            return
        self.original = value
        self.fill(value)
        self.dirty = False
        self.clear_errors()

    def undo(self) -> None:
        if self.original is not None:
            self.load(self.original, force=True)
            self.say(None)

    def touched(self) -> None:
        self.dirty = True

    def say(self, key: str | None, kind: str = "", lang: str = "id", **values: object) -> None:
        self._message = (key, values, kind) if key else None
        self.message.setVisible(bool(key))
        if key:
            self.message.setText(tr(key, lang, **values))
            set_state(self.message, kind)

    def set_language(self, lang: str) -> None:
        self.title.setText(tr(f"admin.settings.section.{self.section}", lang))
        self.save.setText(tr("admin.settings.save", lang))
        self.revert.setText(tr("admin.settings.revert", lang))
        if self._message is not None:
            key, values, kind = self._message
            self.say(key, kind, lang, **values)


class FormPage(SectionPage):
    """A section's fields (FORMS), each with the editor its spec asks for."""

    def __init__(self, section: str) -> None:
        super().__init__(section)
        self.specs = section_fields(section, FORMS[section])
        self.editors: dict[str, Editor] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in self.specs:
            editor = (EDITORS.get(spec.path) or editor_for(spec))(spec, self.touched)
            editor.widget.setObjectName(f"field_{section}_{spec.key}")
            error = label("FieldError", wrap=True)
            error.hide()
            holder = QWidget()
            holder_col = QVBoxLayout(holder)
            holder_col.setContentsMargins(0, 0, 0, 0)
            holder_col.setSpacing(2)
            holder_col.addWidget(editor.widget)
            holder_col.addWidget(error)
            name = label("FieldLabel")
            form.addRow(name, holder)
            self.editors[spec.key] = editor
            self.errors[spec.key] = error
            self.labels[spec.key] = name
        form_box = QWidget()
        form_box.setLayout(form)
        form_box.setMaximumWidth(FORM_WIDTH)
        self.body.addWidget(form_box)
        self.body.addStretch(1)

    @property
    def widgets(self) -> dict[str, QWidget]:
        """Each field's widget, by key (what a person clicks and types into)."""
        return {key: editor.widget for key, editor in self.editors.items()}

    def fill(self, value: Any) -> None:
        data = value if isinstance(value, dict) else {}
        for spec in self.specs:
            self.editors[spec.key].write(data.get(spec.key, spec.default))

    def value(self) -> Any:
        out: dict[str, Any] = dict(self.original or {})
        for key, editor in self.editors.items():
            out[key] = editor.read()
        return out

    def show_error(self, row: int | None, key: str | None, text: str) -> None:
        error = self.errors.get(key or "")
        if error is not None:
            error.setText(text)
            error.show()
            set_state(self.editors[key or ""].widget, "error")

    def clear_errors(self) -> None:
        for key, error in self.errors.items():
            error.hide()
            set_state(self.editors[key].widget, "")

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for editor in self.editors.values():
            editor.widget.setEnabled(editable)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        for spec in self.specs:
            self.labels[spec.key].setText(field_label(spec.path, lang))
            self.editors[spec.key].set_language(lang)


class TablePage(SectionPage):
    """A list section (TABLES) as an editable table, a row per entry."""

    def __init__(self, section: str) -> None:
        super().__init__(section)
        specs = section_fields(section, TABLES[section])
        #: (key, column) per column, in order.
        self.columns: tuple[tuple[str, Column], ...] = tuple(
            (spec.key, (COLUMNS.get(spec.path) or column_for(spec))(spec)) for spec in specs
        )
        self.table = QTableWidget(0, len(self.columns))
        self.table.setObjectName(f"table_{section}")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add = QPushButton()
        self.add.setObjectName("SettingsAddRow")
        self.remove = QPushButton()
        self.remove.setObjectName("SettingsRemoveRow")
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(row)
        self.table.itemChanged.connect(lambda _i: self.touched())
        self.add.clicked.connect(self.add_row)
        self.remove.clicked.connect(self.remove_row)

    def fill(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        for r, data in enumerate(rows):
            for c, (key, column) in enumerate(self.columns):
                cell = data.get(key) if isinstance(data, dict) else None
                self.table.setItem(r, c, column.item(cell))
        self.table.blockSignals(blocked)
        self.table.resizeColumnsToContents()

    def add_row(self) -> None:
        """A new row holding the model's defaults (empty where a value is required)."""
        blocked = self.table.blockSignals(True)
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, (_key, column) in enumerate(self.columns):
            self.table.setItem(r, c, column.item(column.spec.default))
        self.table.blockSignals(blocked)
        self.table.setCurrentCell(r, 0)
        self.touched()

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            self.touched()

    def value(self) -> Any:
        originals = self.original if isinstance(self.original, list) else []
        out = []
        for r in range(self.table.rowCount()):
            base = (
                dict(originals[r]) if r < len(originals) and isinstance(originals[r], dict) else {}
            )
            for c, (key, column) in enumerate(self.columns):
                item = self.table.item(r, c)
                if item is not None:
                    base[key] = column.read(item)
            out.append(base)
        return out

    def show_error(self, row: int | None, key: str | None, text: str) -> None:
        keys = [k for k, _ in self.columns]
        if row is None or not 0 <= row < self.table.rowCount():
            return
        cols = [keys.index(key)] if key in keys else range(len(keys))
        for c in cols:
            item = self.table.item(row, c)
            if item is not None:
                item.setBackground(QBrush(QColor(ERROR_CELL)))
                item.setToolTip(text)
        first = self.table.item(row, cols[0])
        if first is not None:
            self.table.scrollToItem(first)

    def clear_errors(self) -> None:
        blocked = self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None:
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
                    item.setToolTip("")
        self.table.blockSignals(blocked)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.add.setEnabled(editable)
        self.remove.setEnabled(editable)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.table.setHorizontalHeaderLabels(
            [field_label(column.spec.path, lang) for _key, column in self.columns]
        )
        self.add.setText(tr("admin.settings.add_row", lang))
        self.remove.setText(tr("admin.settings.remove_row", lang))
        words = " ".join(w for w in (field_help(c.spec.path, lang) for _k, c in self.columns) if w)
        self.hint.setText(words)
        self.hint.setVisible(bool(words))
