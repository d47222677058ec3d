"""Shown while the queue database cannot be reached: a polite message, in both languages
(the applicant may not have chosen one), while the window keeps retrying."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.ui.common.i18n import tr
from kiosk.ui.lobby.chrome import Screen, scaled


class UnavailableScreen(Screen):
    has_top_bar = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UnavailableScreen")
        panel = QFrame()
        panel.setObjectName("UnavailablePanel")
        self.sign = QLabel("!")
        self.sign.setObjectName("UnavailableSign")
        self.sign.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_id = QLabel()
        self.title_id.setObjectName("UnavailableTitle")
        self.title_en = QLabel()
        self.title_en.setObjectName("UnavailableTitleEn")
        self.retrying = QLabel()
        self.retrying.setObjectName("UnavailableRetrying")
        for label in (self.title_id, self.title_en, self.retrying):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        inner = self._inner = QVBoxLayout(panel)
        inner.setContentsMargins(80, 64, 80, 64)
        inner.setSpacing(28)
        inner.addWidget(self.sign, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(self.title_id)
        inner.addWidget(self.title_en)
        inner.addSpacing(12)
        inner.addWidget(self.retrying)
        col = self._col = QVBoxLayout(self)
        col.setContentsMargins(160, 120, 160, 120)
        col.addStretch(1)
        col.addWidget(panel)
        col.addStretch(1)
        self.retranslate()

    def fit(self, *, portrait: bool, gap: int, scale: float) -> None:
        self._inner.setContentsMargins(*scaled(80, 64, 80, 64, scale=scale))
        self._inner.setSpacing(round(28 * scale))
        side = 80 if portrait else 160
        self._col.setContentsMargins(*scaled(side, 120, side, 120, scale=scale))

    def retranslate(self) -> None:
        self.title_id.setText(tr("unavailable.title", "id"))
        self.title_en.setText(tr("unavailable.title", "en"))
        self.retrying.setText(
            tr("unavailable.retrying", "id") + "  ·  " + tr("unavailable.retrying", "en")
        )
