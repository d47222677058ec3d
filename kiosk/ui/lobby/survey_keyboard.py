"""The optional suggestion, typed on an on-screen keyboard (QWERTY, space, backspace),
at most ``SUGGESTION_MAX`` characters; "Lewati" sends the answers without one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.i18n import tr
from kiosk.ui.common.widgets import screen_head
from kiosk.ui.lobby.chrome import Screen, big_button, move_actions, scaled
from kiosk.ui.lobby.survey_flow import SUGGESTION_MAX

ROWS = ("qwertyuiop", "asdfghjkl'", "zxcvbnm,.?")


class SurveyKeyboardScreen(Screen):
    #: The typed text (may be empty), sent with the answers.
    send_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SurveyKeyboardScreen")
        self.title = QLabel()
        self.title.setObjectName("KeyboardTitle")
        self.title.setWordWrap(True)
        self.back = big_button("", "BackButton")
        self.back.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.back.clicked.connect(self.back_requested)
        self.skip = big_button("", "SkipButton")
        self.skip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.skip.clicked.connect(lambda: self.send_requested.emit(""))
        self.send = big_button("", "NextButton")
        self.send.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.send.clicked.connect(lambda: self.send_requested.emit(self.text()))

        self.display = QPlainTextEdit()
        self.display.setObjectName("SuggestionText")
        self.display.setReadOnly(True)  # typed on the keys below; no cursor to misplace
        self.display.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.display.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.count = QLabel()
        self.count.setObjectName("SuggestionCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.keys: dict[str, QPushButton] = {}
        grid = self._grid = QGridLayout()
        grid.setSpacing(16)
        for r, row in enumerate(ROWS):
            for c, ch in enumerate(row):
                button = big_button(ch.upper() if ch.isalpha() else ch, "KeyboardKey")
                button.clicked.connect(lambda _=False, ch=ch: self.type(ch))
                self.keys[ch] = button
                grid.addWidget(button, r, c)
        self.space = big_button("", "KeyboardKey")
        self.space.clicked.connect(lambda: self.type(" "))
        self.keys[" "] = self.space
        self.backspace = big_button("⌫", "KeyboardAction")
        self.backspace.clicked.connect(self.erase)
        grid.addWidget(self.space, 3, 1, 1, 7)
        grid.addWidget(self.backspace, 3, 8, 1, 2)

        head = self._head = screen_head(self.back, self.title, self.skip, self.send, spacing=32)
        self._actions = QHBoxLayout()
        self._actions.setSpacing(32)

        col = self._col = QVBoxLayout(self)
        col.setContentsMargins(56, 28, 56, 28)
        col.setSpacing(0)
        col.addLayout(head)
        col.addSpacing(20)
        col.addWidget(self.display, 1)
        col.addWidget(self.count)
        col.addSpacing(12)
        col.addLayout(grid)
        col.addLayout(self._actions)
        self._text = ""
        self.retranslate()

    def fit(self, *, portrait: bool, gap: int, scale: float) -> None:
        self._grid.setSpacing(max(16, gap))
        self._col.setContentsMargins(*scaled(56, 28, 56, 28, scale=scale))
        move_actions(self._head, self._actions, (self.skip, self.send), portrait=portrait)
        self._actions.setContentsMargins(0, round(24 * scale) if portrait else 0, 0, 0)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text[:SUGGESTION_MAX]
        self.display.setPlainText(self._text)
        self.display.moveCursor(self.display.textCursor().MoveOperation.End)
        self.count.setText(
            tr("survey.suggestion.count", self.lang, n=len(self._text), max=SUGGESTION_MAX)
        )

    def type(self, ch: str) -> None:
        if len(self._text) < SUGGESTION_MAX:
            # A sentence starts with a capital letter; the keys show capitals anyway.
            start = not self._text.strip() or self._text.rstrip()[-1] in ".?!"
            self.set_text(self._text + (ch.upper() if start and ch.isalpha() else ch))

    def erase(self) -> None:
        self.set_text(self._text[:-1])

    def retranslate(self) -> None:
        self.title.setText(tr("survey.suggestion.title", self.lang))
        self.back.setText("←  " + tr("nav.back", self.lang))
        self.skip.setText(tr("survey.suggestion.skip", self.lang))
        self.send.setText(tr("survey.suggestion.send", self.lang))
        self.space.setText(tr("survey.suggestion.space", self.lang))
        self.display.setPlaceholderText(tr("survey.suggestion.placeholder", self.lang))
        self.set_text(self._text)
