"""The supervisor's way out: a PIN pad over the kiosk (opened by the configured key chord).

An overlay inside the full-screen window rather than a separate top-level dialog: nothing
the window manager could place behind the kiosk, and it is part of the window's screenshot.
"""

from __future__ import annotations

import hmac

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.i18n import tr
from kiosk.ui.kiosk.chrome import big_button, set_state

MAX_DIGITS = 8


class PinPad(QWidget):
    accepted = Signal()
    cancelled = Signal()
    #: A wrong PIN was entered (for logs and tests).
    refused = Signal()

    def __init__(self, pin: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PinOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pin = pin
        self._entered = ""
        self.lang = "id"

        panel = QFrame()
        panel.setObjectName("PinPanel")
        panel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.title = QLabel()
        self.title.setObjectName("PinTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("PinSubtitle")
        self.display = QLabel()
        self.display.setObjectName("PinDisplay")
        self.message = QLabel()
        self.message.setObjectName("PinMessage")
        for label in (self.title, self.subtitle, self.display, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # 1 2 3 | Hapus
        # 4 5 6 | Batal
        # 7 8 9 | Keluar
        #   0   |
        self.digits: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(14)
        for i, digit in enumerate("123456789"):
            grid.addWidget(self._digit_button(digit), i // 3, i % 3)
        grid.addWidget(self._digit_button("0"), 3, 0, 1, 3)
        self.delete = big_button("", "PinKeyAction")
        self.delete.clicked.connect(self._backspace)
        self.cancel = big_button("", "PinCancel")
        self.cancel.clicked.connect(self.close_pad)
        self.ok = big_button("", "PinKeyOk")
        self.ok.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.ok.clicked.connect(self.submit)
        grid.addWidget(self.delete, 0, 3)
        grid.addWidget(self.cancel, 1, 3)
        grid.addWidget(self.ok, 2, 3, 2, 1)
        for c in range(4):
            grid.setColumnStretch(c, 1)

        col = QVBoxLayout(panel)
        col.setContentsMargins(44, 36, 44, 44)
        col.setSpacing(12)
        col.addWidget(self.title)
        col.addWidget(self.subtitle)
        col.addSpacing(6)
        col.addWidget(self.display)
        col.addWidget(self.message)
        col.addLayout(grid)

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        inner = QVBoxLayout()
        inner.addStretch(1)
        inner.addWidget(panel)
        inner.addStretch(1)
        outer.addLayout(inner)
        outer.addStretch(1)
        self.hide()
        self.retranslate()

    def _digit_button(self, digit: str) -> QPushButton:
        button = big_button(digit, "PinKey")
        button.clicked.connect(lambda: self.press(digit))
        self.digits[digit] = button
        return button

    # -- use ----------------------------------------------------------------------------------
    def open_pad(self, lang: str) -> None:
        self.lang = lang
        self._entered = ""
        self.message.setText("")
        self.retranslate()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.setFocus()

    def close_pad(self) -> None:
        if self.isVisible():
            self._entered = ""
            self.hide()
            self.cancelled.emit()

    def press(self, digit: str) -> None:
        if len(self._entered) < MAX_DIGITS:
            self._entered += digit
        self.message.setText("")
        self._show_entered()

    def submit(self) -> None:
        entered, self._entered = self._entered, ""
        if entered and hmac.compare_digest(entered.encode(), self._pin.encode()):
            self.hide()
            self.accepted.emit()
            return
        self.message.setText(tr("pin.wrong", self.lang))
        set_state(self.message, "level", "error", children=False)
        self._show_entered()
        self.refused.emit()

    def _backspace(self) -> None:
        self._entered = self._entered[:-1]
        self._show_entered()

    def _show_entered(self) -> None:
        shown = "●" * len(self._entered)
        self.display.setText(shown or "····")  # never hints at the PIN length
        set_state(self.display, "empty", "false" if shown else "true", children=False)

    def retranslate(self) -> None:
        self.title.setText(tr("pin.title", self.lang))
        self.subtitle.setText(tr("pin.subtitle", self.lang))
        self.delete.setText(tr("pin.delete", self.lang))
        self.ok.setText(tr("pin.ok", self.lang))
        self.cancel.setText(tr("pin.cancel", self.lang))
        self._show_entered()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if text.isdigit() and len(text) == 1:
            self.press(text)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif key == Qt.Key.Key_Backspace:
            self._backspace()
        elif key == Qt.Key.Key_Escape:
            self.close_pad()
        else:
            super().keyPressEvent(event)
