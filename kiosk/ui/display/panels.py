"""The board's panels: the call being announced, a tile per counter, the last calls and
who is waiting. They only show what they are given; sizes and colours come from
resources/styles/display.qss (by object name and the ``flash``/``state`` properties).
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.model import CallEvent, CounterState, ServiceQueue
from kiosk.ui.common.i18n import tr
from kiosk.ui.common.widgets import FitLabel
from kiosk.ui.display.parts import (
    LEFT,
    RIGHT,
    FitGroup,
    Flasher,
    GroupFitLabel,
    fit,
    set_style_property,
)


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
