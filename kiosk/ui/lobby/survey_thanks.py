"""The survey's last screen: thanks, whether the answers were saved, and home by itself."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ui.common.i18n import tr
from kiosk.ui.lobby.chrome import Screen, big_button, scaled, set_state

SENDING, SAVED, ANSWERED, FAILED = "sending", "saved", "answered", "failed"


class SurveyThanksScreen(Screen):
    finished = Signal()

    def __init__(self, show_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SurveyThanksScreen")
        self.state = SENDING
        self._code = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(show_ms)
        self._timer.timeout.connect(self.finished)

        panel = QFrame()
        panel.setObjectName("ThanksPanel")
        self.sign = QLabel("✓")
        self.sign.setObjectName("ThanksSign")
        self.sign.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel()
        self.title.setObjectName("ThanksTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setObjectName("ThanksStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.done = big_button("", "DoneButton")
        self.done.clicked.connect(self.finished)

        sign_row = QHBoxLayout()
        sign_row.addStretch(1)
        sign_row.addWidget(self.sign)
        sign_row.addStretch(1)
        inner = self._inner = QVBoxLayout(panel)
        inner.setContentsMargins(80, 56, 80, 56)
        inner.setSpacing(28)
        inner.addLayout(sign_row)
        inner.addWidget(self.title)
        inner.addWidget(self.status)
        inner.addSpacing(12)
        inner.addWidget(self.done)

        outer = self._outer = QVBoxLayout(self)
        outer.setContentsMargins(200, 56, 200, 56)
        outer.addStretch(1)
        outer.addWidget(panel)
        outer.addStretch(1)
        self.retranslate()

    def fit(self, *, portrait: bool, gap: int, scale: float) -> None:
        self._inner.setContentsMargins(*scaled(80, 56, 80, 56, scale=scale))
        self._inner.setSpacing(round(28 * scale))
        side = 80 if portrait else 200
        self._outer.setContentsMargins(*scaled(side, 56, side, 56, scale=scale))

    def start(self) -> None:
        """Shown while the answers are being saved; the countdown runs from now."""
        self.set_state(SENDING)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_state(self, state: str, code: str = "") -> None:
        self.state, self._code = state, code
        set_state(self.status, "saved", state, children=False)
        self.sign.setText("!" if state in (ANSWERED, FAILED) else "✓")
        set_state(self.sign, "saved", state, children=False)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("survey.thanks.title", self.lang))
        key = {
            SENDING: "survey.thanks.sending",
            SAVED: "survey.thanks.saved",
            ANSWERED: "survey.refused.answered",
            FAILED: "survey.thanks.failed",
        }[self.state]
        self.status.setText(tr(key, self.lang, code=self._code))
        self.done.setText(tr("confirm.done", self.lang))
