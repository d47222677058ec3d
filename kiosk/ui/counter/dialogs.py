"""The two questions an action asks: which service to transfer to, and which ticket to
call out of order and why. Both are window-modal and non-blocking (``open()``); they
emit what was chosen and the window does the work."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.chrome import label
from kiosk.ui.common.i18n import tr

REASON_MAX = 200


def _column(dialog: QDialog) -> QVBoxLayout:
    """The dialog's layout. It sizes the dialog only when told (``adjustSize``): a layout
    that pushes minimum sizes onto a window already shown warns on some platforms."""
    col = QVBoxLayout(dialog)
    col.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    col.setContentsMargins(24, 18, 24, 18)
    return col


class FittingDialog(QDialog):
    """A dialog that takes the size of its content whenever the content asks for room
    (a message shown, a new style sheet after the window was rescaled), since its layout
    does not resize it by itself."""

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self.fit()
        return handled

    def fit(self) -> None:
        # Not adjustSize(): it caps a window at two thirds of the screen, which on a
        # 1366x768 counter PC is less than this dialog may need.
        self.ensurePolished()
        hint = self.sizeHint()
        layout = self.layout()
        height = hint.height()
        if layout is not None and layout.hasHeightForWidth():
            height = max(height, layout.totalHeightForWidth(hint.width()))
        if self.size() != QSize(hint.width(), height):
            self.resize(hint.width(), height)


def _buttons(ok: QPushButton, cancel: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row


class TransferDialog(FittingDialog):
    #: The service code chosen.
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TransferDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.lang = "id"
        self.code = ""
        self.title = label("DialogTitle")
        self.subtitle = label("DialogSubtitle", wrap=True)
        self.group = QButtonGroup(self)
        self.choices: dict[str, QPushButton] = {}
        self._choice_col = QVBoxLayout()
        self.ok = QPushButton()
        self.ok.setObjectName("DialogOk")
        self.ok.setDefault(True)
        self.cancel = QPushButton()
        self.cancel.setObjectName("DialogCancel")
        col = _column(self)
        col.addWidget(self.title)
        col.addWidget(self.subtitle)
        col.addLayout(self._choice_col)
        col.addLayout(_buttons(self.ok, self.cancel))
        self.ok.clicked.connect(self._submit)
        self.cancel.clicked.connect(self.reject)
        self.group.buttonToggled.connect(lambda *_: self.ok.setEnabled(self.selected() != ""))

    def open_for(self, code: str, services: Sequence[tuple[str, str]], lang: str) -> None:
        """Ask where ``code`` goes; ``services``: (code, name) of the other services."""
        self.code, self.lang = code, lang
        for button in self.choices.values():
            self.group.removeButton(button)
            self._choice_col.removeWidget(button)
            button.hide()  # at once: deletion waits for the event loop
            button.deleteLater()
        self.choices = {}
        for service, name in services:
            button = QPushButton(f"{service} · {name}".replace("&", "&&"))  # "&" is literal
            button.setObjectName("TransferChoice")
            button.setCheckable(True)
            self.group.addButton(button)
            self._choice_col.addWidget(button)
            self.choices[service] = button
        self.setWindowTitle(tr("counter.transfer.title", lang))
        self.title.setText(tr("counter.transfer.title", lang))
        self.subtitle.setText(tr("counter.transfer.subtitle", lang, code=code))
        self.ok.setText(tr("counter.transfer.submit", lang))
        self.cancel.setText(tr("counter.dialog.cancel", lang))
        self.ok.setEnabled(False)
        self.fit()
        self.open()

    def selected(self) -> str:
        return next((code for code, b in self.choices.items() if b.isChecked()), "")

    def _submit(self) -> None:
        code = self.selected()
        if code:
            self.accept()
            self.chosen.emit(code)


class CallTicketDialog(FittingDialog):
    """A ticket number (typed, or a slip's QR scanned into the field) and the reason.

    Stays open until the window reports the call made (``accept``) or refused
    (``refuse``): a typo is corrected in place.
    """

    #: ticket text (code, id or token), reason
    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CallTicketDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.lang = "id"
        self._busy = False
        self.title = label("DialogTitle")
        self.subtitle = label("DialogSubtitle", wrap=True)
        self.code_label = label("FieldLabel")
        self.code = QLineEdit()
        self.code.setObjectName("CallCode")
        self.reason_label = label("FieldLabel")
        self.reason = QLineEdit()
        self.reason.setObjectName("CallReason")
        self.reason.setMaxLength(REASON_MAX)
        self.message = label("DialogMessage", wrap=True)
        self.message.hide()
        self.ok = QPushButton()
        self.ok.setObjectName("DialogOk")
        self.ok.setDefault(True)
        self.cancel = QPushButton()
        self.cancel.setObjectName("DialogCancel")
        col = _column(self)
        col.addWidget(self.title)
        col.addWidget(self.subtitle)
        col.addWidget(self.code_label)
        col.addWidget(self.code)
        col.addWidget(self.reason_label)
        col.addWidget(self.reason)
        col.addWidget(self.message)
        col.addLayout(_buttons(self.ok, self.cancel))
        self.code.returnPressed.connect(self.reason.setFocus)
        self.reason.returnPressed.connect(self.submit)
        self.ok.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)

    def open_for(self, lang: str, code: str = "") -> None:
        self.lang = lang
        self.setWindowTitle(tr("counter.call.title", lang))
        self.title.setText(tr("counter.call.title", lang))
        self.subtitle.setText(tr("counter.call.subtitle", lang))
        self.code_label.setText(tr("counter.call.code", lang))
        self.code.setPlaceholderText(tr("counter.call.code_placeholder", lang))
        self.reason_label.setText(tr("counter.call.reason", lang))
        self.reason.setPlaceholderText(tr("counter.call.reason_placeholder", lang))
        self.ok.setText(tr("counter.call.submit", lang))
        self.cancel.setText(tr("counter.dialog.cancel", lang))
        self.code.setText(code)
        self.reason.clear()
        self.message.hide()
        self.set_busy(False)
        self.fit()
        self.open()
        (self.reason if code else self.code).setFocus()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok.setEnabled(not busy)

    def refuse(self, text: str) -> None:
        self.set_busy(False)
        self.message.setText(text)
        self.message.show()
        self.fit()  # room for the message

    def submit(self) -> None:
        if self._busy:
            return
        code, reason = self.code.text().strip(), self.reason.text().strip()
        if not code:
            self.refuse(tr("counter.call.code_missing", self.lang))
            self.code.setFocus()
            return
        if not reason:
            # The office refuses it too (ReasonRequired); asking first saves a round trip.
            self.refuse(tr("counter.error.reason", self.lang))
            self.reason.setFocus()
            return
        self.message.hide()
        self.set_busy(True)
        self.submitted.emit(code, reason)
