"""The sign-in page: user name, PIN (never echoed), the counter, "Masuk".

It only collects and shows; the window checks the account on the worker. A refusal shows
one text for every cause (wrong name, wrong PIN, disabled account) and clears the PIN.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import Counter
from kiosk.ui.common.chrome import LanguageButton, label
from kiosk.ui.common.i18n import tr


class SignInPage(QWidget):
    #: user name, PIN, counter number
    submitted = Signal(str, str, int)

    def __init__(self, office_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SignInPage")
        self.lang = "id"
        self._counters: list[Counter] = []
        self._busy = False
        self._message_key = ""

        self.office = label("PageOffice")
        self.office.setText(office_name)
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
        self.counter = QComboBox()
        self.counter.setObjectName("SignInCounter")
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("SignInSubmit")
        self.submit_button.setDefault(True)
        self.message = label("SignInMessage", wrap=True)
        self.message.hide()

        self.username_label = label("FieldLabel")
        self.pin_label = label("FieldLabel")
        self.counter_label = label("FieldLabel")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.username_label, self.username)
        form.addRow(self.pin_label, self.pin)
        form.addRow(self.counter_label, self.counter)

        card = QFrame()
        card.setObjectName("SignInCard")
        col = QVBoxLayout(card)
        col.addWidget(self.title)
        col.addWidget(self.subtitle)
        col.addLayout(form)
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
        self.retranslate()

    # -- what the window tells it -------------------------------------------------------------
    def set_counters(self, counters: Sequence[Counter]) -> None:
        """The counters to choose from (keeps the choice already made, if still there)."""
        chosen = self.chosen_counter()
        self._counters = list(counters)
        self.counter.clear()
        for c in self._counters:
            self.counter.addItem(self._option(c), c.number)
        # With a placeholder set, Qt selects nothing by itself: the first counter, then.
        if chosen is None or not self.select_counter(chosen):
            self.counter.setCurrentIndex(0 if self._counters else -1)
        self._update_enabled()
        if not self._counters:
            self.show_message("counter.signin.no_counters")

    def select_counter(self, number: int) -> bool:
        index = self.counter.findData(number)
        if index >= 0:
            self.counter.setCurrentIndex(index)
        return index >= 0

    def chosen_counter(self) -> int | None:
        data = self.counter.currentData()
        return data if isinstance(data, int) else None

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_enabled()
        self.submit_button.setText(
            tr("counter.signin.checking" if busy else "counter.signin.submit", self.lang)
        )

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
        lang = self.lang
        self.language.set_language(lang)
        self.title.setText(tr("counter.signin.title", lang))
        self.subtitle.setText(tr("counter.signin.subtitle", lang))
        self.username_label.setText(tr("counter.signin.username", lang))
        self.pin_label.setText(tr("counter.signin.pin", lang))
        self.counter_label.setText(tr("counter.signin.counter", lang))
        self.counter.setPlaceholderText(tr("counter.signin.loading", lang))
        for i, c in enumerate(self._counters):
            self.counter.setItemText(i, self._option(c))
        self.set_busy(self._busy)
        if self._message_key:
            self.message.setText(tr(self._message_key, lang))

    # -- the officer's input ------------------------------------------------------------------
    def submit(self) -> None:
        if self._busy:
            return
        username, pin = self.username.text().strip(), self.pin.text()
        counter = self.chosen_counter()
        if not username or not pin or counter is None:
            self.show_message("counter.signin.missing")
            return
        self.message.hide()
        self.submitted.emit(username, pin, counter)

    def _option(self, counter: Counter) -> str:
        return tr(
            "counter.option", self.lang, name=counter.name, services=", ".join(counter.services)
        )

    def _update_enabled(self) -> None:
        ready = not self._busy and bool(self._counters)
        self.submit_button.setEnabled(ready)
        self.counter.setEnabled(not self._busy and bool(self._counters))
        for field in (self.username, self.pin):
            field.setReadOnly(self._busy)
