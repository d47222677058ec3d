"""The officer's buttons, each showing its key (see actions.py for the keys and rules).

A button's shortcut fires only while the button is visible and enabled, so the keys do
nothing on the sign-in page, behind a dialog, or while a request is in flight.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk.ui.common.chrome import label, set_state
from kiosk.ui.common.i18n import tr
from kiosk.ui.counter.actions import SHORTCUTS, DeskAction


class ActionButton(QPushButton):
    """A button with its key in a badge on the left and the action's name beside it."""

    def __init__(self, action: DeskAction, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.key = key
        self.setObjectName("ActionButton")
        self.setProperty("action", action.value)
        self.setShortcut(QKeySequence(key))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to shortcuts, not to a button
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.badge = label("ActionKey")
        self.badge.setText(key)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = label("ActionCaption", wrap=True)
        self.caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.badge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 6, 6)
        row.setSpacing(8)
        row.addWidget(self.badge, 0)
        row.addWidget(self.caption, 1)

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.setAccessibleName(f"{text} ({self.key})")
        self.setToolTip(f"{text} ({self.key})")

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()


class ActionBar(QFrame):
    triggered = Signal(object)  # DeskAction

    COLUMNS = 4
    COLUMN_STRETCH = (5, 4, 6, 4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ActionBar")
        self.lang = "id"
        self.paused = False
        self.buttons: dict[DeskAction, ActionButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (action, key) in enumerate(SHORTCUTS.items()):
            button = ActionButton(action, key)
            button.clicked.connect(lambda _=False, a=action: self.triggered.emit(a))
            self.buttons[action] = button
            grid.addWidget(button, i // self.COLUMNS, i % self.COLUMNS)
        # The third column holds "Call a specific ticket", the longest caption in both
        # languages: a little more room there keeps it to two lines at 1366x768.
        for column, stretch in enumerate(self.COLUMN_STRETCH):
            grid.setColumnStretch(column, stretch)
        self.retranslate()

    def set_enabled(self, live: frozenset[DeskAction]) -> None:
        for action, button in self.buttons.items():
            button.setEnabled(action in live)

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        set_state(self.buttons[DeskAction.PAUSE], "paused" if paused else "open", "mode")
        self.retranslate()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        for action, button in self.buttons.items():
            key = f"counter.action.{action.value}"
            if action is DeskAction.PAUSE:
                key = "counter.action.resume" if self.paused else "counter.action.pause"
            button.set_caption(tr(key, self.lang))
