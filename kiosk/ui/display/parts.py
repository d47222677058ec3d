"""What the board's panels share: labels that fit their box (alone or as a group at one
size), the style property the .qss selects on, and the flasher of a new call. Sizes and
colours come from resources/styles/display.qss.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.common.widgets import FitLabel

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def set_style_property(widget: QWidget, name: str, value: str) -> None:
    """Set a property the .qss selects on (``[flash="on"]``) on a widget and its children,
    and re-apply the style where it changed."""
    for w in (widget, *widget.findChildren(QWidget)):
        if w.property(name) != value:
            w.setProperty(name, value)
            style = w.style()
            style.unpolish(w)
            style.polish(w)
            w.update()


def fit(
    text: str, name: str, *, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter
) -> FitLabel:
    return FitLabel(text, align=align, object_name=name, squeeze=True)


def needed_scale(label: FitLabel) -> float:
    """How much ``label``'s style-sheet font must shrink for its text to fit (1.0: not)."""
    text = label.text()
    room = label.contentsRect()
    if not text or room.width() <= 0 or room.height() <= 0:
        return 1.0
    metrics = QFontMetrics(label.font())
    width = metrics.horizontalAdvance(text)
    ink = metrics.tightBoundingRect(text).height()
    return min(1.0, room.width() / max(1, width), room.height() / max(1, ink))


class FitGroup:
    """Labels that shrink together: a column of names in one size reads as a list, a
    column where each name has its own size reads as noise."""

    def __init__(self) -> None:
        self.labels: list[GroupFitLabel] = []

    def scale(self) -> float:
        return min((needed_scale(label) for label in self.labels), default=1.0)

    def changed(self) -> None:
        for label in self.labels:
            label.update()


class GroupFitLabel(FitLabel):
    def __init__(self, group: FitGroup, name: str, *, align: Qt.AlignmentFlag) -> None:
        super().__init__("", align=align, object_name=name, squeeze=True)
        self.group = group
        group.labels.append(self)

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
            self.group.changed()

    def fitted_font(self) -> QFont:
        font = QFont(self.font())
        scale = self.group.scale()
        if scale < 1.0:
            if font.pixelSize() > 0:
                font.setPixelSize(max(6, int(font.pixelSize() * scale * 0.97)))
            else:
                font.setPointSizeF(max(6.0, font.pointSizeF() * scale * 0.97))
        return font

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.group.changed()


class Flasher(QObject):
    """Alternates a widget's ``flash`` property between "on" and "off" for a while, then
    back to "" (its normal look). Twice a second: noticeable, not a strobe."""

    HALF_PERIOD_MS = 500

    finished = Signal()

    def __init__(self, target: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._target = target
        self._left = 0
        self._timer = QTimer(self)
        self._timer.setInterval(self.HALF_PERIOD_MS)
        self._timer.timeout.connect(self._toggle)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, duration_ms: int) -> None:
        self._left = max(1, math.ceil(duration_ms / self.HALF_PERIOD_MS))
        set_style_property(self._target, "flash", "on")
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        set_style_property(self._target, "flash", "")

    def _toggle(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self.stop()
            self.finished.emit()
            return
        on = self._target.property("flash") != "on"
        set_style_property(self._target, "flash", "on" if on else "off")
