"""The staff sign-in page the desktop windows share: user name, PIN (never echoed), "Masuk".

It only collects and shows; the window checks the account on its worker. A refusal shows
one text for every cause (wrong name, wrong PIN, disabled account, wrong role) and clears
the PIN. Texts come from the window's catalogue under ``<prefix>.signin.*`` (title,
subtitle, username, pin, submit, checking); a window adds its own rows (the counter's
choice of counter) through ``form``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.chrome import LanguageButton, label
from kiosk.ui.common.i18n import LANGUAGES, tr


class SignInForm(QWidget):
    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SignInPage")
        self.prefix = prefix
        self.lang = LANGUAGES[0]
        self._busy = False
        self._message_key = ""

        self.office = label("PageOffice")
        self.language = LanguageButton()
        head = QFrame()
        head.setObjectName("PageHead")
        head_row = QHBoxLayout(head)
        head_row.addWidget(self.office, 1)
        head_row.addWidget(self.language)

        self.title = label("SignInTitle")
        self.subtitle = label("SignInSubtitle", wrap=True)
        self.username = QLineEdit()
        self.username.setObjectName("SignInUsername")
        self.username.setMaxLength(40)
        self.pin = QLineEdit()
        self.pin.setObjectName("SignInPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(128)
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("SignInSubmit")
        self.submit_button.setDefault(True)
        self.message = label("SignInMessage", wrap=True)
        self.message.hide()

        self.username_label = label("FieldLabel")
        self.pin_label = label("FieldLabel")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.addRow(self.username_label, self.username)
        self.form.addRow(self.pin_label, self.pin)

        card = QFrame()
        card.setObjectName("SignInCard")
        col = QVBoxLayout(card)
        col.addWidget(self.title)
        col.addWidget(self.subtitle)
        col.addLayout(self.form)
        col.addWidget(self.message)
        col.addWidget(self.submit_button)

        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card, 0)
        middle.addStretch(1)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(head)
        page.addStretch(1)
        page.addLayout(middle)
        page.addStretch(2)

        self.username.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)
        self.submit_button.clicked.connect(self.submit)

    # -- what the window tells it -------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.update_enabled()
        key = "checking" if busy else "submit"
        self.submit_button.setText(tr(f"{self.prefix}.signin.{key}", self.lang))

    def update_enabled(self) -> None:
        self.submit_button.setEnabled(not self._busy)
        for field in (self.username, self.pin):
            field.setReadOnly(self._busy)

    def refuse(self, text: str) -> None:
        """A refusal: the message, the PIN cleared and focused for another try."""
        self._message_key = ""
        self.message.setText(text)
        self.message.show()
        self.pin.clear()
        self.pin.setFocus()

    def show_message(self, key: str) -> None:
        self._message_key = key
        self.message.setText(tr(key, self.lang))
        self.message.show()

    def reset(self) -> None:
        """Ready for the next sign-in: the PIN and any message gone (the name stays)."""
        self.pin.clear()
        self.message.hide()
        self._message_key = ""
        (self.pin if self.username.text() else self.username).setFocus()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        lang, prefix = self.lang, self.prefix
        self.language.set_language(lang)
        self.title.setText(tr(f"{prefix}.signin.title", lang))
        self.subtitle.setText(tr(f"{prefix}.signin.subtitle", lang))
        self.username_label.setText(tr(f"{prefix}.signin.username", lang))
        self.pin_label.setText(tr(f"{prefix}.signin.pin", lang))
        self.set_busy(self._busy)
        if self._message_key:
            self.message.setText(tr(self._message_key, lang))

    # -- the person's input -------------------------------------------------------------------
    def credentials(self) -> tuple[str, str] | None:
        """Name and PIN, or None (and a message) when one is missing or a check runs."""
        if self._busy:
            return None
        username, pin = self.username.text().strip(), self.pin.text()
        if not username or not pin:
            self.show_message(f"{self.prefix}.signin.missing")
            return None
        return username, pin

    def submit(self) -> None:
        raise NotImplementedError
