"""The supervisor's way out: a PIN pad over the kiosk (opened by the configured key chord).

An overlay inside the full-screen window rather than a separate top-level dialog: nothing
the window manager could place behind the kiosk, and it is part of the window's screenshot.
The pad only collects digits: the PIN is checked by the office on the database thread
(``Office.check_exit_pin``: a hash, a lockout after wrong tries), never held here.
"""

from __future__ import annotations

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

from kiosk.domain.errors import ExitPinLocked, ExitPinNotSet, ExitPinRefused
from kiosk.ui.common.i18n import duration, tr
from kiosk.ui.lobby.chrome import big_button, set_state

MAX_DIGITS = 12


class PinPad(QWidget):
    #: The digits typed, to be checked by the office (the window answers accept/refuse).
    submitted = Signal(str)
    accepted = Signal()
    cancelled = Signal()
    #: A PIN was refused (wrong, or the pad is locked), for logs and tests.
    refused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PinOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._entered = ""
        #: A PIN is with the office: more digits or Enter wait for its answer.
        self.busy = False
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
        self.message.setWordWrap(True)  # "Terlalu banyak PIN salah. Coba lagi dalam ..."
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
        self.busy = False
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
        if self.busy:
            return
        if len(self._entered) < MAX_DIGITS:
            self._entered += digit
        self.message.setText("")
        self._show_entered()

    def submit(self) -> None:
        if self.busy or not self._entered:
            return
        entered, self._entered = self._entered, ""
        self.busy = True
        self._say("pin.checking", "info")
        self._show_entered()
        self.submitted.emit(entered)

    def answer(self, error: Exception | None) -> None:
        """The office's word on the PIN: None opens the kiosk; else say why not."""
        if not self.isVisible():
            return
        self.busy = False
        if error is None:
            self.hide()
            self.accepted.emit()
            return
        if isinstance(error, ExitPinLocked):
            self._say("pin.locked", "error", wait=duration(error.minutes * 60, self.lang))
        elif isinstance(error, ExitPinNotSet):
            self._say("pin.not_set", "error")
        elif isinstance(error, ExitPinRefused):
            self._say("pin.wrong", "error")
        else:
            self._say("pin.unavailable", "error")
        self._show_entered()
        self.refused.emit()

    def pin_exists(self, is_set: bool) -> None:
        """Said at once when the pad opens: without an exit PIN nothing typed can open it."""
        if not is_set and self.isVisible():
            self._say("pin.not_set", "error")

    def _say(self, key: str, level: str, **values: object) -> None:
        self.message.setText(tr(key, self.lang, **values))
        set_state(self.message, "level", level, children=False)

    def _backspace(self) -> None:
        if self.busy:
            return
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
