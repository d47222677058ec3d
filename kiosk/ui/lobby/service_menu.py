"""Choosing a service: one large tile per service with how many wait and for how long;
a service that cannot be chosen now is greyed out and says why.

The same screen is the kiosk's home (``home=True``): one tap on a tile takes a number, and
below the tiles sit the Prioritas button and the survey's. After a priority category it
is the choice among the priority services (``home=False``), with a way back.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.config.settings import Settings
from kiosk.domain.errors import KioskError
from kiosk.domain.model import QueueStatus, Service, ServiceQueue
from kiosk.ui.common.i18n import tr
from kiosk.ui.common.widgets import FitLabel, screen_head, title_stack
from kiosk.ui.lobby.chrome import Screen, big_button, scaled, set_state
from kiosk.ui.lobby.texts import TileText, refused_reason, tile_text, visible_queues

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _label(object_name: str, *, wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(wrap)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
    return label


class ServiceTile(QPushButton):
    """A whole tile is one button; its labels let touches through to it."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName("ServiceTile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.badge = _label("TileBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setText(code)
        # One line, shrunk to fit: a long name ("Informasi & Pengaduan") wrapped onto two
        # lines would push the waiting count out of a 1366x768 tile.
        self.name = FitLabel(object_name="TileName", align=LEFT)
        self.name.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.waiting = _label("TileWaiting")
        self.wait = _label("TileWait")
        self.reason = _label("TileReason", wrap=True)
        self.note = _label("TileNote")

        # Side by side when the tile is wide enough, else one under the other (a portrait
        # screen's or a small screen's tile): never cut.
        info = self._info = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        info.setSpacing(28)
        info.addWidget(self.waiting)
        info.addWidget(self.wait)
        info.addStretch(1)
        text = QVBoxLayout()
        text.setSpacing(8)
        text.addStretch(1)
        text.addWidget(self.name)
        text.addLayout(info)
        text.addWidget(self.reason)
        text.addWidget(self.note)
        text.addStretch(1)
        row = self._row = QHBoxLayout(self)
        # Little above and below: at 1024x600 a tile is 94 px high and its badge 72 px.
        row.setContentsMargins(32, 8, 32, 8)
        row.setSpacing(32)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(text, 1)
        self._text: TileText | None = None

    def fit(self, scale: float) -> None:
        self._row.setContentsMargins(*scaled(32, 8, 32, 8, scale=scale))
        self._row.setSpacing(round(32 * scale))
        self._info.setSpacing(round(28 * scale))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_info()

    def _arrange_info(self) -> None:
        room = self.name.width()
        need = self.waiting.sizeHint().width() + self._info.spacing() + self.wait.sizeHint().width()
        side_by_side = not self.wait.isVisibleTo(self) or need <= room
        direction = (
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        if self._info.direction() != direction:
            self._info.setDirection(direction)

    @property
    def text_shown(self) -> TileText | None:
        return self._text

    def show_text(self, text: TileText) -> None:
        self._text = text
        self.name.setText(text.name)
        self.waiting.setText(text.waiting)
        self.wait.setText(text.wait)
        self.wait.setVisible(bool(text.wait) and text.available)
        self.waiting.setVisible(text.available)
        self.reason.setText(text.reason)
        self.reason.setVisible(not text.available)
        self.note.setText(text.note)
        self.note.setVisible(bool(text.note))
        self.setEnabled(text.available)
        self._arrange_info()
        spoken = text.name + ". " + (text.reason or f"{text.waiting}. {text.wait}")
        self.setAccessibleName(spoken)
        set_state(self, "available", "true" if text.available else "false")


class PriorityEntry(QPushButton):
    """The home screen's Prioritas button: the word large, the categories it is for below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PriorityEntry")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title = FitLabel(object_name="PriorityEntryTitle", align=LEFT)
        self.title.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        # Wrapped, not shrunk: the categories' names stay as large as any other text.
        self.who = _label("PriorityEntryWho", wrap=True)
        text = QVBoxLayout(self)
        text.setContentsMargins(40, 12, 32, 12)
        text.setSpacing(0)
        text.addStretch(1)
        text.addWidget(self.title)
        text.addWidget(self.who)
        text.addStretch(1)

    def show_text(self, title: str, who: str) -> None:
        self.title.setText(title)
        self.who.setText(who)
        self.setAccessibleName(f"{title}. {who}")


class ServicesScreen(Screen):
    service_chosen = Signal(str)
    back_requested = Signal()
    #: The home screen's Prioritas button.
    priority_requested = Signal()
    #: The home screen's survey button.
    survey_requested = Signal()
    #: The home screen's appointment check-in ("Sudah punya jadwal?").
    check_in_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        codes: list[str] | None = None,
        *,
        home: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """``codes``: the services offered here (None: every configured one)."""
        super().__init__(parent)
        self.setObjectName("ServicesScreen" if home else "PriorityServicesScreen")
        self.settings = settings
        self.home = home
        self.codes = codes
        self._priority_names = ("", "")
        self._status: QueueStatus | None = None
        self._now: dt.datetime | None = None
        self._refused: dict[str, KioskError] = {}
        self.tiles: dict[str, ServiceTile] = {}
        self._portrait = False
        self._scale = 1.0
        self._columns = 0

        self.title = QLabel()
        self.title.setObjectName("ScreenTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("ScreenSubtitle")
        self.message = QLabel()
        self.message.setObjectName("ScreenMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.loading = QLabel()
        self.loading.setObjectName("ScreenSubtitle")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid = QGridLayout()
        self.grid.setSpacing(28)
        self.back = big_button("", "BackButton")
        self.back.clicked.connect(self.back_requested)
        self.back.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.chip = QLabel()  # the priority category chosen (the priority services' choice)
        self.chip.setObjectName("ServiceChip")
        self.priority = PriorityEntry()
        self.priority.clicked.connect(self.priority_requested)
        self.survey = big_button("", "SurveyButton")
        self.survey.clicked.connect(self.survey_requested)
        self.check_in = big_button("", "CheckInButton")
        self.check_in.hide()  # until the office says check-in is open today
        self.check_in.clicked.connect(self.check_in_requested)

        if home:
            self.back.hide()
            self.chip.hide()
            # The booked applicant's way in: lying, beside the title, where the eye starts (the
            # row under the tiles has no room for a third button beside Prioritas); upright,
            # with Prioritas and the survey (fit() moves it).
            head: QHBoxLayout | QVBoxLayout = QHBoxLayout()
            head.setSpacing(28)
            head.addLayout(title_stack(self.title, self.subtitle), 1)
            head.addWidget(self.check_in, 0, Qt.AlignmentFlag.AlignVCenter)
        else:
            self.priority.hide()
            self.survey.hide()
            self.check_in.hide()
            head = screen_head(self.back, title_stack(self.title, self.subtitle), self.chip)
        self._head = head
        # Secondary to the tiles, side by side: priority first, where the eye lands after them.
        # Side by side lying, one above the other upright (each then as wide as the screen).
        actions = self._actions = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        actions.setSpacing(28)
        actions.addWidget(self.priority, 3)
        actions.addWidget(self.survey, 2)

        col = self._col = QVBoxLayout(self)
        col.setContentsMargins(56, 32, 56, 40)
        col.setSpacing(0)
        col.addLayout(head)
        col.addSpacing(16)
        col.addWidget(self.message)
        col.addSpacing(16)
        col.addWidget(self.loading, 1)
        col.addLayout(self.grid, 12)
        if home:
            col.addSpacing(28)
            col.addLayout(actions)
        self.retranslate()

    def fit(self, *, portrait: bool, gap: int, scale: float) -> None:
        self._portrait = portrait
        self._scale = scale
        self._actions.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._actions.setSpacing(max(28, gap))
        if self.home:
            if portrait:
                self._actions.insertWidget(1, self.check_in)
            else:
                self._head.addWidget(self.check_in, 0, Qt.AlignmentFlag.AlignVCenter)
        self.grid.setSpacing(max(28, gap))
        self._col.setContentsMargins(*scaled(56, 32, 56, 40, scale=scale))
        for tile in self.tiles.values():
            tile.fit(scale)
        self._place()

    def columns_for(self, tiles: int) -> int:
        """Landscape: two columns from three tiles (three rows under the Prioritas row do
        not fit 1024x600), three from nine. Upright: one column up to six tiles (each as
        wide as the screen, capped in height by the .qss), then two."""
        if self._portrait:
            return 1 if tiles <= 6 else 2
        return 1 if tiles <= 2 else 2 if tiles <= 8 else 3

    def _place(self) -> None:
        """The tiles in the grid, in as many columns as this orientation takes."""
        columns = self.columns_for(len(self.tiles))
        if columns == self._columns and all(self.grid.indexOf(t) >= 0 for t in self.tiles.values()):
            return
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for r in range(self.grid.rowCount()):
            self.grid.setRowStretch(r, 0)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        self._columns = columns
        for i, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, i // columns, i % columns)
        rows = -(-len(self.tiles) // columns) if self.tiles else 0
        for r in range(rows):
            self.grid.setRowStretch(r, 1)
        for c in range(columns):
            self.grid.setColumnStretch(c, 1)

    def set_priority(self, name_id: str, name_en: str) -> None:
        """The priority category chosen before this choice of service."""
        self._priority_names = (name_id, name_en)
        self.retranslate()

    # -- data -----------------------------------------------------------------------------
    def set_status(self, status: QueueStatus) -> None:
        self._status = status
        self._refused.clear()
        self._rebuild()

    def set_time(self, now: dt.datetime) -> None:
        new_minute = self._now is None or now.minute != self._now.minute
        self._now = now
        if new_minute and self._status is not None:
            self._render()  # "opens at 13.30" becomes open at 13.30

    def mark_refused(self, code: str, error: KioskError) -> None:
        """The office just refused a ticket for ``code``: grey it out until the next status."""
        self._refused[code] = error
        service = self._service(code)
        name = ""
        if service is not None:
            name = service.name_en if self.lang == "en" else service.name_id
        self.message.setText(tr("services.refused", self.lang, name=name))
        self.message.show()
        self._render()

    def set_check_in_open(self, open_: bool) -> None:
        """Appointments can check in today (a list, or codes taken by their format)."""
        self.check_in.setVisible(self.home and open_)

    def clear_message(self) -> None:
        self.message.hide()

    def _service(self, code: str) -> Service | None:
        if self._status is None:
            return None
        return next((q.service for q in self._status.services if q.service.code == code), None)

    def _queues(self) -> list[ServiceQueue]:
        if self._status is None:
            return []
        queues = visible_queues(self._status.services, self.settings)
        if self.codes is None:
            return queues
        return [q for q in queues if q.service.code in self.codes]

    def _rebuild(self) -> None:
        queues = self._queues()
        codes = [q.service.code for q in queues]
        if codes != list(self.tiles):
            for tile in self.tiles.values():
                self.grid.removeWidget(tile)
                tile.deleteLater()
            self.tiles = {}
            for code in codes:
                tile = ServiceTile(code)
                tile.fit(self._scale)
                tile.clicked.connect(lambda _=False, c=code: self.service_chosen.emit(c))
                self.tiles[code] = tile
            self._columns = 0
            self._place()
        self._render()

    def _render(self) -> None:
        now = self._now or dt.datetime.now(self.settings.timezone)
        self.loading.setVisible(self._status is None)
        for q in self._queues():
            tile = self.tiles.get(q.service.code)
            if tile is None:
                continue
            text = tile_text(q, now, self.lang)
            refused = self._refused.get(q.service.code)
            if refused is not None and text.available:
                reason = refused_reason(refused, q.service, now, self.lang)
                text = TileText(
                    text.code, text.name, False, text.waiting, text.wait, reason, text.note
                )
            tile.show_text(text)

    def retranslate(self) -> None:
        en = self.lang == "en"
        self.title.setText(tr("services.title", self.lang))
        subtitle = "services.subtitle" if self.home else "services.subtitle_priority"
        self.subtitle.setText(tr(subtitle, self.lang))
        self.loading.setText(tr("services.loading", self.lang))
        self.back.setText("←  " + tr("nav.back", self.lang))
        category = self._priority_names[1 if en else 0]
        self.chip.setText(tr("confirm.priority", self.lang, name=category))
        self.chip.setVisible(bool(category) and not self.home)
        who = " · ".join(p.name_en if en else p.name_id for p in self.settings.priority)
        self.priority.show_text(tr("home.priority", self.lang), who)
        self.priority.setVisible(self.home and bool(self.settings.priority))
        self.survey.setText(tr("home.survey", self.lang))
        # The question above what to do: two short lines fit beside Prioritas.
        self.check_in.setText(tr("home.check_in", self.lang).replace("? ", "?\n", 1))
        self.message.hide()
        self._render()
