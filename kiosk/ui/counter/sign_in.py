"""The sign-in page: user name, PIN (never echoed), the counter, "Masuk".

It only collects and shows; the window checks the account on the worker. A refusal shows
one text for every cause (wrong name, wrong PIN, disabled account) and clears the PIN.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from kiosk.domain.model import Counter
from kiosk.ui.common.chrome import label
from kiosk.ui.common.i18n import tr
from kiosk.ui.common.sign_in import SignInForm


class SignInPage(SignInForm):
    #: user name, PIN, counter number
    submitted = Signal(str, str, int)

    def __init__(self, office_name: str, parent: QWidget | None = None) -> None:
        super().__init__("counter", parent)
        self._counters: list[Counter] = []
        self.office.setText(office_name)
        self.counter = QComboBox()
        self.counter.setObjectName("SignInCounter")
        self.counter_label = label("FieldLabel")
        self.form.addRow(self.counter_label, self.counter)
        # Tab goes down the form as it reads: the counter before "Masuk", not after it.
        self.setTabOrder(self.pin, self.counter)
        self.setTabOrder(self.counter, self.submit_button)
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
        self.update_enabled()
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

    def retranslate(self) -> None:
        if not hasattr(self, "counter"):
            return  # the base class's first call, before the counter row exists
        super().retranslate()
        lang = self.lang
        self.counter_label.setText(tr("counter.signin.counter", lang))
        self.counter.setPlaceholderText(tr("counter.signin.loading", lang))
        for i, c in enumerate(self._counters):
            self.counter.setItemText(i, self._option(c))

    # -- the officer's input ------------------------------------------------------------------
    def submit(self) -> None:
        found = self.credentials()
        if found is None:
            return
        counter = self.chosen_counter()
        if counter is None:
            self.show_message("counter.signin.missing")
            return
        self.message.hide()
        self.submitted.emit(*found, counter)

    def _option(self, counter: Counter) -> str:
        return tr(
            "counter.option", self.lang, name=counter.name, services=", ".join(counter.services)
        )

    def update_enabled(self) -> None:
        super().update_enabled()
        counters = bool(getattr(self, "_counters", []))
        self.submit_button.setEnabled(not self.busy and counters)
        if hasattr(self, "counter"):
            self.counter.setEnabled(not self.busy and counters)
