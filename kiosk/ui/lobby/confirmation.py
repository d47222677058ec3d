"""The number, very large, with its QR code, while the slip prints; then home by itself.

The number is shown the moment the ticket exists, whatever the printer does: "Mencetak..."
while the slip prints, then either "take your slip" or a polite "note your number" when it
could not be printed (or is taking too long).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.config.settings import Settings
from kiosk.domain.model import Ticket
from kiosk.printing.printer import PrintOutcome
from kiosk.printing.slip import QR_CAPTION
from kiosk.ui.common.i18n import tr
from kiosk.ui.common.widgets import FitLabel, QrView
from kiosk.ui.lobby.chrome import Screen, big_button, scaled, set_state
from kiosk.ui.lobby.texts import priority_name, wait_text

PRINTING, PRINTED, FAILED = "printing", "printed", "failed"
#: An appointment's ticket shown again (a second check-in): nothing is printed.
AGAIN = "again"


def _stat_box(caption: QLabel, value: FitLabel) -> QFrame:
    box = QFrame()
    box.setObjectName("StatBox")
    col = QVBoxLayout(box)
    col.setContentsMargins(28, 18, 28, 18)
    col.setSpacing(4)
    col.addWidget(caption)
    col.addWidget(value)
    return box


class ConfirmationScreen(Screen):
    finished = Signal()

    def __init__(
        self,
        settings: Settings,
        *,
        show_ms: int,
        print_patience_ms: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ConfirmationScreen")
        self.settings = settings
        self.show_ms = show_ms
        self.ticket: Ticket | None = None
        self.print_state = ""

        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
        self._elapsed = QElapsedTimer()
        self._patience = QTimer(self)
        self._patience.setSingleShot(True)
        self._patience.setInterval(print_patience_ms)
        self._patience.timeout.connect(self._print_too_slow)

        # left: the number
        card = QFrame()
        card.setObjectName("NumberCard")
        self.caption = QLabel()
        self.caption.setObjectName("NumberCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number = FitLabel("", object_name="TicketNumber", squeeze=True)
        self.service = FitLabel("", object_name="TicketService")
        self.priority = QLabel()
        self.priority.setObjectName("PriorityChip")
        self.priority.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ahead_caption = QLabel()
        self.ahead_caption.setObjectName("StatCaption")
        self.ahead = FitLabel("", object_name="StatValue")
        self.wait_caption = QLabel()
        self.wait_caption.setObjectName("StatCaption")
        self.wait = FitLabel("", object_name="StatValue")
        for label in (self.ahead_caption, self.wait_caption):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        stats = QHBoxLayout()
        stats.setSpacing(24)
        stats.addWidget(_stat_box(self.ahead_caption, self.ahead), 1)
        stats.addWidget(_stat_box(self.wait_caption, self.wait), 1)
        left = self._left = QVBoxLayout(card)
        left.setContentsMargins(40, 28, 40, 32)
        left.setSpacing(6)
        left.addWidget(self.caption)
        left.addWidget(self.number, 3)
        left.addWidget(self.service)
        chip_row = QHBoxLayout()
        chip_row.addStretch(1)
        chip_row.addWidget(self.priority)
        chip_row.addStretch(1)
        left.addLayout(chip_row)
        left.addStretch(1)
        left.addLayout(stats)

        # the printer's news
        self.status = QLabel()
        self.status.setObjectName("PrintStatus")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        # right: the QR code, then the way home
        qr_card = QFrame()
        qr_card.setObjectName("QrCard")
        self.qr = QrView()
        self.qr_caption = QLabel()
        self.qr_caption.setObjectName("QrCaption")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setObjectName("Countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setWordWrap(True)
        self.done = big_button("", "DoneButton")
        self.done.clicked.connect(self._finish)
        right = self._right = QVBoxLayout(qr_card)
        right.setContentsMargins(36, 32, 36, 32)
        right.setSpacing(12)
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.qr_caption)
        right.addStretch(1)
        right.addWidget(self.done)
        right.addWidget(self.countdown)

        # Side by side lying; upright the number above, the QR code and the way home under it.
        cards = self._cards = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        cards.setSpacing(28)
        cards.addWidget(card, 3)
        cards.addWidget(qr_card, 2)
        col = self._col = QVBoxLayout(self)
        col.setContentsMargins(56, 32, 56, 32)
        col.setSpacing(24)
        col.addLayout(cards, 1)
        col.addWidget(self.status)
        self.retranslate()

    def fit(self, *, portrait: bool, gap: int, scale: float) -> None:
        self._cards.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._left.setContentsMargins(*scaled(40, 28, 40, 32, scale=scale))
        self._right.setContentsMargins(*scaled(36, 32, 36, 32, scale=scale))
        self._col.setContentsMargins(*scaled(56, 32, 56, 32, scale=scale))
        self._col.setSpacing(round(24 * scale))

    # -- showing a ticket -------------------------------------------------------------------
    def show_ticket(self, ticket: Ticket, qr_payload: str | None, *, again: bool = False) -> None:
        """A fresh ticket: its number at once, the slip still printing; ``again``: an
        appointment's ticket shown again, with a note and nothing printing."""
        self.ticket = ticket
        self.qr.set_payload(qr_payload or "")
        self.qr.setVisible(bool(qr_payload))
        self.qr_caption.setVisible(bool(qr_payload))
        self._set_print_state(AGAIN if again else PRINTING)
        if not again:
            self._patience.start()
        self._elapsed.start()
        self._countdown.start()
        self.retranslate()

    def show_print_result(self, ticket_id: int, outcome: PrintOutcome) -> None:
        if self.ticket is None or ticket_id != self.ticket.id or self.print_state != PRINTING:
            return
        self._patience.stop()
        self._set_print_state(PRINTED if outcome.printed else FAILED)

    def stop(self) -> None:
        """Leaving the screen: no more countdown."""
        self._countdown.stop()
        self._patience.stop()

    def remaining_seconds(self) -> int:
        if not self._elapsed.isValid():
            return self.show_ms // 1000
        return max(0, -(-(self.show_ms - self._elapsed.elapsed()) // 1000))

    def _print_too_slow(self) -> None:
        if self.print_state == PRINTING:
            self._set_print_state(FAILED)

    def _set_print_state(self, state: str) -> None:
        self.print_state = state
        set_state(self.status, "print", state)
        self._retranslate_status()

    def _tick(self) -> None:
        if self._elapsed.isValid() and self._elapsed.elapsed() >= self.show_ms:
            self._finish()
        else:
            self._retranslate_countdown()

    def _finish(self) -> None:
        self.stop()
        self.finished.emit()

    # -- texts ------------------------------------------------------------------------------
    def _retranslate_status(self) -> None:
        key = {
            PRINTING: "confirm.printing",
            PRINTED: "confirm.printed",
            AGAIN: "check_in.again",
        }.get(self.print_state, "confirm.print_failed")
        self.status.setText(tr(key, self.lang))

    def _retranslate_countdown(self) -> None:
        self.countdown.setText(tr("confirm.countdown", self.lang, s=self.remaining_seconds()))

    def retranslate(self) -> None:
        lang = self.lang
        self.caption.setText(tr("confirm.your_number", lang))
        self.ahead_caption.setText(tr("confirm.ahead", lang))
        self.wait_caption.setText(tr("confirm.wait", lang))
        self.qr_caption.setText(QR_CAPTION.get(lang, QR_CAPTION["id"]))
        self.done.setText(tr("confirm.done", lang))
        t = self.ticket
        if t is not None:
            self.number.setText(t.code)
            section = next((s for s in self.settings.services if s.code == t.service), None)
            name = (
                t.service
                if section is None
                else (section.name_en if lang == "en" else section.name_id)
            )
            self.service.setText(name)
            prio = priority_name(self.settings, t.priority, lang)
            self.priority.setText(tr("confirm.priority", lang, name=prio) if prio else "")
            self.priority.setVisible(bool(prio))
            self.ahead.setText(str(t.people_ahead) if t.people_ahead is not None else "–")
            self.wait.setText(wait_text(t.estimated_wait_seconds, lang))
            self.number.setAccessibleName(f"{tr('confirm.your_number', lang)} {t.code}")
        self._retranslate_status()
        self._retranslate_countdown()
