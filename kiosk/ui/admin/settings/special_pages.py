"""The pages that show more than their section's fields: the survey's element order (up
and down), the printer's test print at a chosen kiosk and each kiosk's last printer state,
and the office's logo (saved at once, not with the page's Save)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import PrinterReport
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import Context, set_combo_items
from kiosk.ui.admin.settings.pages import FORM_WIDTH, FormPage
from kiosk.ui.admin.settings.texts import field_help, field_label
from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import tr
from kiosk.ui.common.widgets import LogoView

#: The logo's height on the office page; the folder it was last chosen from (QSettings key).
LOGO_HEIGHT = 120
LOGO_FOLDER = "settings/logo_folder"
#: The survey's element order: its own widget (pages.OWN_WIDGETS).
ORDER = "order"


class SurveyPage(FormPage):
    """The survey's fields, plus the elements' screen order (up and down)."""

    def __init__(self) -> None:
        super().__init__("survey")
        self.order = QListWidget()
        self.order.setObjectName("SurveyOrder")
        self.up = QPushButton()
        self.down = QPushButton()
        self.order_title = label("FieldLabel")
        self.order_hint = label("TabNote", wrap=True)
        buttons = QVBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.order, 1)
        row.addLayout(buttons)
        self.body.insertWidget(self.body.count() - 1, self.order_title)
        self.body.insertWidget(self.body.count() - 1, self.order_hint)
        self.body.insertLayout(self.body.count() - 1, row)
        self.up.clicked.connect(lambda: self.move_element(-1))
        self.down.clicked.connect(lambda: self.move_element(1))
        self.names: dict[str, str] = {}

    def set_names(self, elements: dict[str, tuple[str, str]], lang: str) -> None:
        self.names = {c: (en if lang == "en" else id_) for c, (id_, en) in elements.items()}
        for i in range(self.order.count()):
            item = self.order.item(i)
            code = str(item.data(Qt.ItemDataRole.UserRole))
            item.setText(f"{code}  {self.names.get(code, '')}".strip())

    def move_element(self, step: int) -> None:
        r = self.order.currentRow()
        target = r + step
        if r < 0 or not 0 <= target < self.order.count():
            return
        item = self.order.takeItem(r)
        self.order.insertItem(target, item)
        self.order.setCurrentRow(target)
        self.touched()

    def fill(self, value: Any) -> None:
        super().fill(value)
        self.order.clear()
        for code in (value or {}).get(ORDER, []):
            item = QListWidgetItem(f"{code}  {self.names.get(code, '')}".strip())
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.order.addItem(item)

    def value(self) -> Any:
        out = super().value()
        out[ORDER] = [
            str(self.order.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.order.count())
        ]
        return out

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.up.setEnabled(editable)
        self.down.setEnabled(editable)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.order_title.setText(field_label(f"survey.{ORDER}", lang))
        self.order_hint.setText(field_help(f"survey.{ORDER}", lang))
        self.up.setText(tr("admin.settings.up", lang))
        self.down.setText(tr("admin.settings.down", lang))


class PrinterPage(FormPage):
    """The printer's fields, a test print at a chosen kiosk, and each kiosk's last state."""

    test_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__("printer")
        self.states_title = label("PanelTitle")
        self.states = QListWidget()
        self.states.setObjectName("PrinterStates")
        self.states.setMaximumHeight(110)
        self.kiosk = QComboBox()
        self.kiosk.setObjectName("PrinterTestKiosk")
        self.kiosk.setEditable(True)
        self.kiosk.setMaximumWidth(FORM_WIDTH // 2)
        self.test = QPushButton()
        self.test.setObjectName("PrinterTest")
        row = QHBoxLayout()
        row.addWidget(self.kiosk, 1)
        row.addWidget(self.test)
        row.addStretch(1)
        self.body.insertWidget(0, self.states_title)
        self.body.insertWidget(1, self.states)
        self.body.insertLayout(2, row)
        self.test.clicked.connect(
            lambda: self.test_requested.emit(self.kiosk.currentText().strip())
        )
        self.reports: dict[str, PrinterReport] = {}

    def show_states(
        self, reports: dict[str, PrinterReport], kiosks: list[str], ctx: Context
    ) -> None:
        self.reports = dict(reports)
        lang = ctx.lang
        self.states.clear()
        for source, report in sorted(reports.items()):
            self.states.addItem(
                tr(
                    "admin.settings.printer_state",
                    lang,
                    kiosk=source,
                    state=tx.printer_word(report.state, lang),
                    since=tx.local_datetime(report.since, ctx.tz, lang),
                )
            )
        if not reports:
            self.states.addItem(tr("admin.settings.no_reports", lang))
        names = sorted(set(kiosks) | set(reports))
        set_combo_items(self.kiosk, [(n, n) for n in names])

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.test.setEnabled(editable)
        self.kiosk.setEnabled(editable)

    def set_language(self, lang: str) -> None:
        super().set_language(lang)
        self.states_title.setText(tr("admin.settings.printer_states", lang))
        self.test.setText(tr("admin.settings.test_print", lang))


class LogoBox(QWidget):
    """The office section's logo: the one every window shows, choose another, remove it.

    Saved at once (not with the section's Save): the image goes into the database."""

    choose_requested = Signal()
    remove_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("LogoBox")
        self.title = label("FieldLabel")
        self.view = LogoView(height=LOGO_HEIGHT, object_name="SettingsLogo")
        self.none = label("TabNote", wrap=True)
        self.choose = QPushButton()
        self.choose.setObjectName("LogoChoose")
        self.remove = QPushButton()
        self.remove.setObjectName("LogoRemove")
        self.message = label("SettingsMessage", wrap=True)
        self.message.hide()
        self._message: tuple[str, dict[str, object], str] | None = None
        self.lang = "id"
        self._editable = False
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.title)
        col.addWidget(self.view)
        col.addWidget(self.none)
        col.addLayout(buttons)
        col.addWidget(self.message)
        self.choose.clicked.connect(self.choose_requested)
        self.remove.clicked.connect(self.remove_requested)
        self.set_logo(None)

    def set_logo(self, data: bytes | None) -> None:
        self.view.set_logo(data)
        self.none.setVisible(not self.view.has_logo)
        self.remove.setEnabled(self._editable and self.view.has_logo)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.choose.setEnabled(editable)
        self.remove.setEnabled(editable and self.view.has_logo)

    def say(self, key: str | None, kind: str = "", **values: object) -> None:
        self._message = (key, values, kind) if key else None
        self.message.setVisible(bool(key))
        if key:
            self.message.setText(tr(key, self.lang, **values))
            set_state(self.message, kind)

    def say_text(self, text: str, kind: str) -> None:
        self._message = None
        self.message.setText(text)
        self.message.show()
        set_state(self.message, kind)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(tr("admin.settings.logo", lang))
        self.none.setText(tr("admin.settings.logo_none", lang))
        self.choose.setText(tr("admin.settings.logo_choose", lang))
        self.remove.setText(tr("admin.settings.logo_remove", lang))
        if self._message is not None:
            key, values, kind = self._message
            self.say(key, kind, **values)
