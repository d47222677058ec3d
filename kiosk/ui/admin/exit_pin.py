"""The kiosk's exit PIN in the Kiosk settings section: whether the office has one, and a
dialog to set a new one (typed twice, hidden). One PIN for every kiosk of the office,
kept by the core only as a hash; saved at once by the tab (not with the section's Save),
presenting the admin's session."""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import add_texts, tr

TEXTS: dict[str, tuple[str, str]] = {
    "admin.exit_pin.title": ("PIN keluar anjungan", "Kiosk exit PIN"),
    "admin.exit_pin.is_set": (
        "Sudah diatur. Setelah kombinasi tombol keluar, kiosk meminta PIN ini.",
        "Set. After the exit key chord, the kiosk asks for this PIN.",
    ),
    "admin.exit_pin.not_set": (
        "Belum diatur: kiosk tidak dapat ditutup dengan kombinasi tombol keluar.",
        "Not set: the kiosk cannot be closed with the exit key chord.",
    ),
    "admin.exit_pin.change": ("Atur PIN keluar", "Set the exit PIN"),
    "admin.exit_pin.pin": ("PIN baru (6–12 angka)", "New PIN (6–12 digits)"),
    "admin.exit_pin.again": ("Ulangi PIN", "The PIN again"),
    "admin.exit_pin.ok": ("Simpan", "Save"),
    "admin.exit_pin.cancel": ("Batal", "Cancel"),
    "admin.exit_pin.short": ("PIN harus 6 sampai 12 angka.", "The PIN needs 6 to 12 digits."),
    "admin.exit_pin.mismatch": ("Kedua PIN tidak sama.", "The two PINs differ."),
    "admin.exit_pin.saving": ("Menyimpan...", "Saving..."),
    "admin.exit_pin.saved": ("PIN keluar anjungan tersimpan.", "The kiosk exit PIN is saved."),
}
add_texts(TEXTS)

#: What the core accepts (kiosk.services.kiosk_exit); checked here too so a typo is told
#: before the slow hash on the worker.
PIN_LENGTH = (6, 12)
_PIN = re.compile(rf"\d{{{PIN_LENGTH[0]},{PIN_LENGTH[1]}}}")


class ExitPinDialog(QDialog):
    """The new PIN, twice, digits only, hidden; ``chosen`` once both agree."""

    chosen = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExitPinDialog")
        self.setWindowTitle(tr("admin.exit_pin.title", lang))
        self.lang = lang
        digits = QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self)
        self.pin = QLineEdit()
        self.pin.setObjectName("ExitPinNew")
        self.again = QLineEdit()
        self.again.setObjectName("ExitPinAgain")
        for edit in (self.pin, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(PIN_LENGTH[1])
            edit.setValidator(digits)
        self.message = label("SettingsMessage", wrap=True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("ExitPinOk")
        self.ok.setText(tr("admin.exit_pin.ok", lang))
        self.cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setText(tr("admin.exit_pin.cancel", lang))
        form = QFormLayout()
        for key, edit in (("admin.exit_pin.pin", self.pin), ("admin.exit_pin.again", self.again)):
            text = label("FieldLabel")
            text.setText(tr(key, lang))
            form.addRow(text, edit)
        col = QVBoxLayout(self)
        # The layout sizes the dialog only when told: one that pushes minimum sizes onto a
        # window already shown (the message appearing) warns on some platforms.
        col.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        col.addLayout(form)
        col.addWidget(self.message)
        col.addWidget(self.buttons)
        self.resize(self.sizeHint())
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)

    def _check(self) -> None:
        pin = self.pin.text()
        if not _PIN.fullmatch(pin):
            self._refuse("admin.exit_pin.short")
        elif pin != self.again.text():
            self._refuse("admin.exit_pin.mismatch")
        else:
            self.chosen.emit(pin)
            self.accept()

    def _refuse(self, key: str) -> None:
        self.message.setText(tr(key, self.lang))
        self.message.show()
        set_state(self.message, "error")
        self.again.clear()
        self.resize(self.sizeHint().expandedTo(self.size()))


class ExitPinBox(QWidget):
    """Whether the office has an exit PIN, and the button that opens the dialog."""

    #: The new PIN, typed twice alike (the tab saves it on the worker).
    pin_chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("ExitPinBox")
        self.title = label("FieldLabel")
        self.state = label("TabNote", wrap=True)
        self.change = QPushButton()
        self.change.setObjectName("ExitPinChange")
        self.message = label("SettingsMessage", wrap=True)
        self.message.hide()
        self.dialog: ExitPinDialog | None = None
        self.lang = "id"
        self.is_set: bool | None = None
        self._message: tuple[str, str] | None = None
        row = QHBoxLayout()
        row.addWidget(self.change)
        row.addStretch(1)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.title)
        col.addWidget(self.state)
        col.addLayout(row)
        col.addWidget(self.message)
        self.change.clicked.connect(self.open_dialog)

    def open_dialog(self) -> None:
        dialog = ExitPinDialog(self.lang, self)
        dialog.chosen.connect(self.pin_chosen)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def show_state(self, is_set: bool) -> None:
        self.is_set = is_set
        self.state.setText(
            tr("admin.exit_pin.is_set" if is_set else "admin.exit_pin.not_set", self.lang)
        )
        set_state(self.state, "ok" if is_set else "error")

    def say(self, key: str | None, kind: str = "") -> None:
        self._message = None if key is None else (key, kind)
        if key is None:
            self.message.hide()
            return
        self.say_text(tr(key, self.lang), kind)
        self._message = (key, kind)

    def say_text(self, text: str, kind: str) -> None:
        self._message = None
        self.message.setText(text)
        self.message.show()
        set_state(self.message, kind)

    def set_editable(self, editable: bool) -> None:
        self.change.setEnabled(editable)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.title.setText(tr("admin.exit_pin.title", lang))
        self.change.setText(tr("admin.exit_pin.change", lang))
        if self.is_set is not None:
            self.show_state(self.is_set)
        if self._message is not None:
            self.say(*self._message)
