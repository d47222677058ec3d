"""The board's parts: the call being announced, a tile per counter, the last calls, who is
waiting, and the running text. They only show what they are given; sizes and colours come
from resources/styles/display.qss (by object name and the ``flash``/``state`` properties).
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QObject,
    QPointF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.model import CallEvent, CounterState, ServiceQueue
from kiosk.ui.common.i18n import tr
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


class HeroPanel(QFrame):
    """The call now being announced, or the latest one: the biggest thing on the board."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Hero")
        self.heading = fit("", "HeroHeading")
        self.code = fit("—", "HeroCode")
        self.go_to = fit("", "HeroGoTo")
        self.counter = fit("", "HeroCounter")
        self.sentence = fit("", "HeroSentence")
        col = QVBoxLayout(self)
        col.setContentsMargins(32, 16, 32, 12)
        col.setSpacing(6)
        col.addWidget(self.heading, 4)
        col.addWidget(self.code, 18)
        col.addWidget(self.go_to, 4)
        col.addWidget(self.counter, 8)
        col.addWidget(self.sentence, 3)
        self.flasher = Flasher(self, self)
        self.call: CallEvent | None = None
        self.lang = "id"

    def show_call(self, call: CallEvent | None) -> None:
        self.call = call
        self.code.setText(call.code if call else "—")
        self.counter.setText(call.counter_name if call else "")
        self.retranslate()

    def set_sentence(self, text: str) -> None:
        self.sentence.setText(text)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("display.number", self.lang))
        self.go_to.setText(tr("display.go_to" if self.call else "display.none_yet", self.lang))


class CounterTile(QFrame):
    """One counter: its name and the number called there (or a dash)."""

    def __init__(
        self,
        number: int,
        name: str,
        groups: tuple[FitGroup, FitGroup] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CounterTile")
        self.number = number
        names, codes = groups or (FitGroup(), FitGroup())
        self.name = GroupFitLabel(names, "TileName", align=Qt.AlignmentFlag.AlignCenter)
        self.name.setText(name)
        self.code = GroupFitLabel(codes, "TileCode", align=Qt.AlignmentFlag.AlignCenter)
        self.code.setText("—")
        col = QVBoxLayout(self)
        col.setContentsMargins(16, 8, 16, 10)
        col.setSpacing(0)
        col.addWidget(self.name, 2)
        col.addWidget(self.code, 5)
        self.flasher = Flasher(self, self)
        self.paused = False
        self.lang = "id"
        set_style_property(self, "state", "free")

    def set_state(self, state: CounterState) -> None:
        self.paused = state.counter.paused
        self.name.setText(state.counter.name)
        if state.current is not None:
            self.code.setText(state.current.code)
            set_style_property(self, "state", "called")
        elif self.paused:
            self.code.setText(tr("display.counter_paused", self.lang))
            set_style_property(self, "state", "paused")
        else:
            self.code.setText(tr("display.counter_free", self.lang))
            set_style_property(self, "state", "free")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self.property("state") == "paused":
            self.code.setText(tr("display.counter_paused", lang))


class CounterGrid(QWidget):
    """A tile per counter, in as few rows as fit ``MAX_COLUMNS`` across, the rows evenly
    filled (eight counters: two rows of four, not six and two)."""

    MAX_COLUMNS = 6

    def __init__(self, counters: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CounterGrid")
        self.tiles: dict[int, CounterTile] = {}
        # All names in one size, all numbers in one size, whatever their lengths.
        self._groups = (FitGroup(), FitGroup())
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(16)
        for number, name in counters:
            self.tiles[number] = CounterTile(number, name, self._groups)
        self._place()

    @property
    def rows(self) -> int:
        return max(1, math.ceil(len(self.tiles) / self.MAX_COLUMNS))

    def _place(self) -> None:
        columns = max(1, math.ceil(len(self.tiles) / self.rows))
        for index, number in enumerate(sorted(self.tiles)):
            tile = self.tiles[number]
            self._grid.removeWidget(tile)
            self._grid.addWidget(tile, index // columns, index % columns)
        for c in range(self._grid.columnCount()):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)
        for r in range(self._grid.rowCount()):
            self._grid.setRowStretch(r, 1 if r < self.rows else 0)

    def _add(self, number: int, name: str) -> CounterTile:
        tile = CounterTile(number, name, self._groups)
        self.tiles[number] = tile
        self._place()
        return tile

    def set_counters(self, states: tuple[CounterState, ...], lang: str) -> None:
        for state in sorted(states, key=lambda s: s.counter.number):
            tile = self.tiles.get(state.counter.number)
            if tile is None:  # a counter added in the database since the board started
                tile = self._add(state.counter.number, state.counter.name)
                tile.set_language(lang)
            tile.set_state(state)

    def set_language(self, lang: str) -> None:
        for tile in self.tiles.values():
            tile.set_language(lang)


class CallsPanel(QFrame):
    """The last calls, newest on top: number, then where to go."""

    def __init__(self, rows: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Panel")
        self.heading = fit("", "PanelHeading", align=LEFT)
        col = QVBoxLayout(self)
        col.setContentsMargins(28, 14, 28, 14)
        col.setSpacing(0)
        col.addWidget(self.heading, 3)
        self.rows: list[tuple[FitLabel, FitLabel]] = []
        codes, counters = FitGroup(), FitGroup()
        for i in range(rows):
            code = GroupFitLabel(codes, "CallCode", align=LEFT)
            where = GroupFitLabel(counters, "CallCounter", align=RIGHT)
            row = QHBoxLayout()
            row.setSpacing(16)
            row.addWidget(code, 4)
            row.addWidget(where, 5)
            line = QWidget()
            line.setObjectName("CallRow")
            line.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            line.setLayout(row)
            row.setContentsMargins(12, 0, 12, 0)
            line.setProperty("newest", "yes" if i == 0 else "no")
            col.addWidget(line, 4)
            self.rows.append((code, where))
        self.lang = "id"
        self._calls: list[CallEvent] = []

    def set_calls(self, calls: list[CallEvent]) -> None:
        self._calls = calls[: len(self.rows)]
        self.retranslate()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("display.last_calls", self.lang))
        for i, (code, where) in enumerate(self.rows):
            if i < len(self._calls):
                call = self._calls[i]
                again = f" ({tr('display.recall', self.lang)})" if call.recall else ""
                code.setText(call.code)
                where.setText(f"{call.counter_name}{again}")
            else:
                code.setText("")
                where.setText("")


class WaitingPanel(QFrame):
    """How many are waiting for each service, as a strip: the heading, then one chip per
    active service (its name over its count)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Waiting")
        self.heading = fit("", "WaitingHeading", align=LEFT)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(28, 8, 16, 8)
        self._row.setSpacing(16)
        self._row.addWidget(self.heading, 3)
        self.chips: list[tuple[QFrame, FitLabel, FitLabel]] = []
        self.lang = "id"
        self._queues: tuple[ServiceQueue, ...] = ()

    def set_queues(self, queues: tuple[ServiceQueue, ...]) -> None:
        shown = tuple(q for q in queues if q.service.active)
        if len(shown) != len(self.chips):
            self._rebuild(len(shown))
        self._queues = shown
        self.retranslate()

    def _rebuild(self, count: int) -> None:
        for chip, _, _ in self.chips:
            self._row.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        names, counts = FitGroup(), FitGroup()
        for _ in range(count):
            chip = QFrame()
            chip.setObjectName("WaitChip")
            name = GroupFitLabel(names, "WaitName", align=Qt.AlignmentFlag.AlignCenter)
            number = GroupFitLabel(counts, "WaitCount", align=Qt.AlignmentFlag.AlignCenter)
            col = QVBoxLayout(chip)
            col.setContentsMargins(12, 2, 12, 4)
            col.setSpacing(0)
            col.addWidget(name, 2)
            col.addWidget(number, 3)
            self._row.addWidget(chip, 4)
            self.chips.append((chip, name, number))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("display.waiting", self.lang))
        for (_, name, number), queue in zip(self.chips, self._queues, strict=True):
            service = queue.service
            name.setText(service.name_en if self.lang == "en" else service.name_id)
            number.setText(str(queue.waiting))


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
