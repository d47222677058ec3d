"""The board's running text: drawn once to a tape, then scrolled along the bottom."""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import (
    QFontMetrics,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget


class Marquee(QWidget):
    """The office's running text, scrolling right to left along the bottom.

    The text is drawn once, in the strip's style-sheet font and colours on its background,
    into a "tape" (the text repeated until it covers the strip plus one copy). Each frame
    copies the tape at the new offset into the strip, opaque, so nothing behind it is
    repainted. Frames are few on purpose: every frame is a repaint of the strip, and that,
    not the text, is what the idle board spends its CPU on (25 a second, 4 px each, reads
    smoothly from across a hall). Offsets follow the clock, so a late frame never slows the
    text; the timer stops while the strip is hidden.
    """

    GAP = "          "  # between the end of the text and its next start

    def __init__(
        self,
        text: str,
        *,
        px_per_s: float = 100.0,
        fps: int = 25,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Marquee")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # The tape covers every pixel: Qt need not paint what is behind the strip.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._text = text
        self.px_per_s = px_per_s
        self._tape: QPixmap | None = None
        self._unit = 1  # width of one copy of the text and its gap
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(max(10, round(1000 / fps)))
        self._timer.timeout.connect(self.update)
        self.setVisible(bool(text.strip()))

    def text(self) -> str:
        return self._text

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _render(self) -> QPixmap:
        """The tape, in the strip's font and colours (again when they or the size change)."""
        if self._tape is not None:
            return self._tape
        height = max(1, self.height())
        metrics = QFontMetrics(self.font())
        line = self._text + self.GAP
        self._unit = max(1, metrics.horizontalAdvance(line))
        copies = 1 + math.ceil(max(1, self.width()) / self._unit)
        ratio = self.devicePixelRatioF()
        tape = QPixmap(round(self._unit * copies * ratio), round(height * ratio))
        tape.setDevicePixelRatio(ratio)
        palette = self.palette()
        tape.fill(palette.color(self.backgroundRole()))
        painter = QPainter(tape)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setFont(self.font())
        painter.setPen(palette.color(self.foregroundRole()))
        baseline = (height - metrics.height()) / 2 + metrics.ascent()
        for i in range(copies):
            painter.drawText(QPointF(i * self._unit, baseline), line)
        painter.end()
        self._tape = tape
        return tape

    def offset(self) -> int:
        """How far the text has moved left (within one copy), in whole pixels."""
        self._render()
        elapsed = self._clock.elapsed() if self._clock.isValid() else 0
        return int(elapsed * self.px_per_s / 1000) % self._unit

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(-self.offset(), 0, self._render())
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.StyleChange,
            QEvent.Type.FontChange,
            QEvent.Type.PaletteChange,
        ):
            self._tape = None
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._tape = None
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._text.strip():
            if not self._clock.isValid():
                self._clock.start()
            self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)
