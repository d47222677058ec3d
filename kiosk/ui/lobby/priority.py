"""The priority categories: lansia, disabilitas, ibu hamil, anak/balita (from the
configuration). Opened by the home screen's Prioritas button (the categories only), or,
where the office asks after every service tile (``[kiosk] ask_priority``), for that
service with "Tidak / Reguler" as well."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.config.settings import PrioritySection
from kiosk.ui.common.i18n import tr
from kiosk.ui.common.widgets import screen_head, title_stack
from kiosk.ui.lobby.chrome import Screen, big_button, scaled


class PriorityScreen(Screen):
    #: The category code, or "" for a regular ticket.
    priority_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, categories: list[PrioritySection], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PriorityScreen")
        self.categories = categories
        self._service_names = ("", "")
        #: Asked for one service (with "Tidak / Reguler"); else the categories alone.
        self.for_service = False

        self.title = QLabel()
        self.title.setObjectName("ScreenTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("ScreenSubtitle")
        self.subtitle.setWordWrap(True)
        self.service = QLabel()
        self.service.setObjectName("ServiceChip")

        self.buttons: dict[str, QPushButton] = {}
        self.grid = grid = QGridLayout()
        grid.setSpacing(28)
        columns = 2
        self._columns = columns
        for i, category in enumerate(categories):
            button = big_button("", "PriorityButton")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.clicked.connect(
                lambda _=False, code=category.code: self.priority_chosen.emit(code)
            )
            grid.addWidget(button, i // columns, i % columns)
            self.buttons[category.code] = button
        self.regular = big_button("", "RegularButton")
        self.regular.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.regular.clicked.connect(lambda: self.priority_chosen.emit(""))
        rows = -(-len(categories) // columns)
        self._regular_row = rows
        grid.addWidget(self.regular, rows, 0, 1, columns)
        for r in range(rows + 1):
            grid.setRowStretch(r, 1)

        self.back = big_button("", "BackButton")
        self.back.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.back.clicked.connect(self.back_requested)

        sub_row = QHBoxLayout()
        sub_row.setSpacing(24)
        sub_row.addWidget(self.subtitle, 1)
        sub_row.addWidget(self.service, 0, Qt.AlignmentFlag.AlignVCenter)
        head = screen_head(self.back, title_stack(self.title, sub_row))

        col = self._col = QVBoxLayout(self)
        col.setContentsMargins(56, 32, 56, 40)
        col.setSpacing(0)
        col.addLayout(head)
        col.addSpacing(32)
        col.addLayout(grid, 1)
        self.retranslate()

    def fit(self, *, portrait: bool, gap: int, scale: float) -> None:
        """Two columns of categories lying; one upright (the words need the width)."""
        self._col.setContentsMargins(*scaled(56, 32, 56, 40, scale=scale))
        self.grid.setSpacing(max(28, gap))
        columns = 1 if portrait else 2
        if columns == self._columns:
            return
        self._columns = columns
        grid = self.grid
        for button in [*self.buttons.values(), self.regular]:
            grid.removeWidget(button)
        for r in range(grid.rowCount()):
            grid.setRowStretch(r, 0)
        for c in range(grid.columnCount()):
            grid.setColumnStretch(c, 0)
        for i, button in enumerate(self.buttons.values()):
            grid.addWidget(button, i // columns, i % columns)
        rows = -(-len(self.buttons) // columns)
        self._regular_row = rows
        grid.addWidget(self.regular, rows, 0, 1, columns)
        for r in range(rows):
            grid.setRowStretch(r, 1)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        self.grid.setRowStretch(self._regular_row, 1 if self.for_service else 0)

    def set_service(self, name_id: str, name_en: str) -> None:
        """Ask for this service, "Tidak / Reguler" included (the per-service question)."""
        self.for_service = True
        self._service_names = (name_id, name_en)
        self.retranslate()

    def ask_category(self) -> None:
        """The Prioritas button's step: the categories alone (the service comes after)."""
        self.for_service = False
        self._service_names = ("", "")
        self.retranslate()

    def retranslate(self) -> None:
        en = self.lang == "en"
        self.title.setText(
            tr("priority.title" if self.for_service else "priority.category_title", self.lang)
        )
        self.subtitle.setText(tr("priority.subtitle", self.lang))
        name = self._service_names[1 if en else 0]
        self.service.setText(tr("priority.for_service", self.lang, name=name))
        self.service.setVisible(bool(name))
        for category in self.categories:
            button = self.buttons[category.code]
            label = category.name_en if en else category.name_id
            button.setText(label.replace("&", "&&"))  # "&" would be a shortcut mnemonic
            button.setAccessibleName(label)
        self.regular.setText(tr("priority.regular", self.lang))
        self.regular.setVisible(self.for_service)
        # A hidden row's stretch would still take its share of the height.
        self.grid.setRowStretch(self._regular_row, 1 if self.for_service else 0)
        self.back.setText("←  " + tr("nav.back", self.lang))
