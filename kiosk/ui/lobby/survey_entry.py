"""The survey's first step: scan the slip's QR (a USB scanner types the token and Enter
into the focused field), type the queue number on the pad, or go on without a number."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.common.i18n import tr
from kiosk.ui.common.widgets import screen_head, title_stack
from kiosk.ui.lobby.chrome import Screen, big_button, scaled, set_state

MAX_TYPED = 200  # a slip token is well under this


class SurveyEntryScreen(Screen):
    #: The catalog keys' prefix (the appointment check-in reuses the screen with its own).
    TEXTS = "survey.entry"

    #: What was scanned or typed (a token, a code such as A-012, or an id).
    ticket_entered = Signal(str)
    walk_up_requested = Signal()
    back_requested = Signal()

    def __init__(self, prefixes: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SurveyEntryScreen")
        self._cooldown = 0
        self._message_key: tuple[str, dict[str, object]] | None = None
        self.busy = False

        self.title = QLabel()
        self.title.setObjectName("ScreenTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("ScreenSubtitle")
        self.subtitle.setWordWrap(True)
        self.back = big_button("", "BackButton")
        self.back.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.back.clicked.connect(self.back_requested)

        self.field = QLineEdit()
        self.field.setObjectName("SurveyTicketField")
        self.field.setMaxLength(MAX_TYPED)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.returnPressed.connect(self.submit)
        palette = self.field.palette()
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#64748B"))
        self.field.setPalette(palette)
        self.hint = QLabel()
        self.hint.setObjectName("SurveyEntryHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel()
        self.message.setObjectName("SurveyEntryMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self.walk_up = big_button("", "WalkUpButton")
        self.walk_up.clicked.connect(self.walk_up_requested)
        self.walk_up_wait = QLabel()
        self.walk_up_wait.setObjectName("WalkUpWait")
        self.walk_up_wait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.walk_up_wait.hide()

        # A B C D P -
        # 1 2 3 4 5 Hapus
        # 6 7 8 9 0
        # Lanjut
        self.keys: dict[str, QPushButton] = {}
        grid = self._grid = QGridLayout()
        grid.setSpacing(12)
        columns = max(6, len(prefixes) + 1)
        for i, ch in enumerate(prefixes[: columns - 1]):
            grid.addWidget(self._key(ch), 0, i)
        grid.addWidget(self._key("-"), 0, columns - 1)
        for i, ch in enumerate("1234567890"):
            grid.addWidget(self._key(ch), 1 + i // 5, i % 5)
        self.delete = big_button("", "PadAction")
        self.delete.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.delete.clicked.connect(self.field.backspace)
        self.ok = big_button("", "PadOk")
        self.ok.clicked.connect(self.submit)
        grid.addWidget(self.delete, 1, 5, 2, columns - 5)
        grid.addWidget(self.ok, 3, 0, 1, columns)
        for c in range(columns):
            grid.setColumnStretch(c, 1)

        head = screen_head(self.back, title_stack(self.title, self.subtitle))

        left = QVBoxLayout()
        left.setSpacing(20)
        left.addWidget(self.field)
        left.addWidget(self.hint)
        left.addWidget(self.message)
        left.addStretch(1)
        left.addWidget(self.walk_up)
        left.addWidget(self.walk_up_wait)
        # The field and the way without a ticket beside the pad lying; above it upright.
        body = self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        body.setSpacing(56)
        body.addLayout(left, 5)
        body.addLayout(grid, 6)

        col = self._col = QVBoxLayout(self)
        col.setContentsMargins(56, 32, 56, 40)
        col.setSpacing(0)
        col.addLayout(head)
        col.addSpacing(32)
        col.addLayout(body, 1)
        self.retranslate()

    def fit(self, *, portrait: bool, gap: int, scale: float) -> None:
        self._col.setContentsMargins(*scaled(56, 32, 56, 40, scale=scale))
        self._grid.setSpacing(max(12, gap))
        self._body.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def _key(self, ch: str) -> QPushButton:
        button = big_button(ch, "PadKey")
        button.clicked.connect(lambda: self.field.insert(ch))
        self.keys[ch] = button
        return button

    # -- use ----------------------------------------------------------------------------------
    def reset(self) -> None:
        self.field.clear()
        self.busy = False
        self.show_message(None)
        self.field.setFocus()

    def submit(self) -> None:
        text = self.field.text().strip()
        if text and not self.busy:
            self.busy = True
            self.show_message(f"{self.TEXTS}.checking", level="info")
            self.ticket_entered.emit(text)

    def refuse(self, key: str, **values: object) -> None:
        """The ticket cannot answer: say why, clear the field for the next try."""
        self.busy = False
        self.field.clear()
        self.field.setFocus()
        self.show_message(key, level="error", **values)

    def show_message(self, key: str | None, level: str = "error", **values: object) -> None:
        self._message_key = None if key is None else (key, values)
        self.message.setVisible(key is not None)
        set_state(self.message, "level", level, children=False)
        self._show_message()

    def _show_message(self) -> None:
        if self._message_key is not None:
            key, values = self._message_key
            self.message.setText(tr(key, self.lang, **values))

    def set_cooldown(self, seconds: int) -> None:
        """Walk-ups are paused on this kiosk for ``seconds`` more (0: allowed)."""
        self._cooldown = max(0, seconds)
        self.walk_up.setEnabled(self._cooldown == 0)
        self.walk_up_wait.setVisible(self._cooldown > 0)
        self.walk_up_wait.setText(tr("survey.entry.walkup_wait", self.lang, s=self._cooldown))

    def retranslate(self) -> None:
        words = self.TEXTS
        self.title.setText(tr(f"{words}.title", self.lang))
        self.subtitle.setText(tr(f"{words}.subtitle", self.lang))
        self.back.setText("←  " + tr("nav.back", self.lang))
        self.field.setPlaceholderText(tr(f"{words}.placeholder", self.lang))
        self.hint.setText(tr(f"{words}.placeholder", self.lang))
        self.delete.setText("⌫\n" + tr("survey.entry.delete", self.lang))
        self.ok.setText(tr(f"{words}.ok", self.lang))
        self.walk_up.setText(tr("survey.entry.walkup", self.lang))
        self.set_cooldown(self._cooldown)
        self._show_message()
