"""The lobby TV board: composes the parts, feeds them what the controller reads, flashes
new calls and hands them to the announcer.

    +-----------------------------------------------------------------+
    | office name                                     date     10:42  |
    +---------------------------------+-------------------------------+
    | NOMOR ANTREAN                   | PANGGILAN TERAKHIR            |
    |            A-112                |   A-111          Loket 2      |
    | SILAKAN MENUJU                  |   B-045          Loket 1      |
    |           Loket 3               |   ...                         |
    | (the sentence being said)       |                               |
    +---------------------------------+-------------------------------+
    | MENUNGGU  Paspor Baru 12 | Penggantian Paspor 4 | ...           |
    +---------+---------+---------+---------+---------+---------------+
    | Loket 1 | Loket 2 | Loket 3 | Loket 4 | Loket 5 |   (counters)  |
    +---------+---------+---------+---------+---------+---------------+
    | running text                                                    |
    +-----------------------------------------------------------------+

Readable from 8 m on a 1920x1080 TV: the number being called is about 300 px high, the
counters' numbers over 100 px; everything scales down for 1366x768.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

import kiosk.ui.display.texts  # noqa: F401  (registers the board's strings)
from kiosk.config.settings import Settings
from kiosk.domain.dates import long_date, time_of_day
from kiosk.domain.model import CallEvent
from kiosk.ui.common.clock import OfficeClock
from kiosk.ui.common.i18n import tr
from kiosk.ui.common.style import load_qss, scale_for, scaled_qss
from kiosk.ui.common.widgets import LogoView
from kiosk.ui.display.announcer import Announcer, AnnounceTimings
from kiosk.ui.display.board import Announcement, CallTracker, Sentence
from kiosk.ui.display.controller import BoardData, BoardTimings, DisplayController
from kiosk.ui.display.marquee import Marquee
from kiosk.ui.display.panels import CallsPanel, CounterGrid, HeroPanel, WaitingPanel
from kiosk.ui.display.parts import LEFT, RIGHT, fit
from kiosk.ui.display.ports import DisplayOffice
from kiosk.ui.display.sound import Chime, Voice, make_chime, make_voice
from kiosk.ui.display.speech import make_espeak_speech

log = logging.getLogger(__name__)

#: The office logo's height in the top bar (104 px high), at 1920x1080.
LOGO_HEIGHT = 84


@dataclass(frozen=True, slots=True)
class DisplayTimings:
    """Everything the board does by the clock, in milliseconds (tests shorten it)."""

    board: BoardTimings
    announce: AnnounceTimings
    #: A new call's counter tile (and the announced call) flashes this long.
    flash_ms: int
    #: With two languages the headings take turns this often.
    heading_ms: int = 10_000
    marquee_px_per_s: float = 100.0
    marquee_fps: int = 25

    @classmethod
    def from_settings(cls, settings: Settings) -> DisplayTimings:
        return cls(
            board=BoardTimings(),
            announce=AnnounceTimings.from_settings(settings.display),
            flash_ms=round(settings.display.flash_seconds * 1000),
        )


class DisplayWindow(QWidget):
    #: The window closed (its threads are stopped).
    closed = Signal()

    def __init__(
        self,
        settings: Settings,
        open_office: Callable[[], DisplayOffice],
        *,
        timings: DisplayTimings | None = None,
        voice: Voice | None = None,
        chime: Chime | None = None,
        tracker: CallTracker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``voice``/``chime`` None: the ones ``settings.display`` asks for (tests pass
        their own); ``open_office`` runs on the board's database thread, retried while the
        database cannot be reached."""
        super().__init__(parent)
        self.setObjectName("DisplayWindow")
        self.setWindowTitle(settings.office.name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Closed means gone, on the GUI thread: Python's cyclic GC must never collect the
        # widgets later on a worker thread.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.settings = settings
        display = settings.display
        self.timings = timings or DisplayTimings.from_settings(settings)
        self.languages: tuple[str, ...] = tuple(dict.fromkeys(display.languages)) or ("id",)
        self.lang = self.languages[0]
        self._scale = 0.0
        self._shut_down = False
        self._painted = False

        self.controller = DisplayController(
            open_office,
            settings=settings,
            last_calls=display.last_calls,
            timings=self.timings.board,
            tracker=tracker,
            parent=self,
        )
        # The espeak-ng voice unless a test brings its own voice; the system's by choice.
        speech = (
            make_espeak_speech(display, self.timings.announce.pause_ms, self)
            if voice is None
            else None
        )
        if voice is None:
            voice = Voice(self) if speech is not None else make_voice(display, self)
        self.announcer = Announcer(
            display,
            voice,
            chime if chime is not None else make_chime(display, self),
            self.timings.announce,
            self,
            speech=speech,
        )
        self.clock = OfficeClock(settings.timezone, self)

        # -- parts ----------------------------------------------------------------------
        self.top_bar = QFrame()
        self.top_bar.setObjectName("TopBar")
        self.logo = LogoView(object_name="OfficeLogo")
        self.office_name = fit(settings.office.name, "OfficeName", align=LEFT)
        self.date = fit("", "Date", align=RIGHT)
        self.time = fit("", "Clock", align=RIGHT)
        self._top_row = QHBoxLayout(self.top_bar)
        self._top_row.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignVCenter)
        self._top_row.addWidget(self.office_name, 10)
        self._top_row.addWidget(self.date, 4)
        self._top_row.addWidget(self.time, 2)

        self.notice = QLabel()
        self.notice.setObjectName("Unavailable")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.hero = HeroPanel()
        self.calls = CallsPanel(display.last_calls)
        self.waiting = WaitingPanel()
        self.tiles = CounterGrid([(c.number, c.to_domain().name) for c in settings.counters])
        self.marquee = Marquee(
            display.running_text,
            px_per_s=self.timings.marquee_px_per_s,
            fps=self.timings.marquee_fps,
        )

        self._upper = QHBoxLayout()
        self._upper.setSpacing(20)
        self._upper.addWidget(self.hero, 11)
        self._upper.addWidget(self.calls, 9)
        self._body = QVBoxLayout()
        self._body.setContentsMargins(24, 20, 24, 20)
        self._body.setSpacing(20)
        self._body.addLayout(self._upper, 50)
        self._body.addWidget(self.waiting)  # its height is the style sheet's
        # A second row of counters takes some room from the call, not all of its own.
        self._body.addWidget(self.tiles, 20 + 14 * (self.tiles.rows - 1))
        col = QVBoxLayout(self)
        # The window's size is the screen's: the layout must not impose a minimum on it.
        col.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.top_bar)
        col.addWidget(self.notice)
        col.addLayout(self._body, 1)
        col.addWidget(self.marquee)

        self._heading_timer = QTimer(self)
        self._heading_timer.setInterval(self.timings.heading_ms)
        self._heading_timer.timeout.connect(self._next_language)

        # -- wiring ---------------------------------------------------------------------
        self.clock.ticked.connect(self._tick)
        self.controller.board_changed.connect(self._board)
        self.controller.new_calls.connect(self._new_calls)
        self.controller.availability_changed.connect(self._availability)
        self.announcer.announcement_started.connect(self._announcing)
        self.announcer.sentence_started.connect(self._sentence)
        self.announcer.announcement_finished.connect(self._announced)

        self.set_language(self.lang)
        self.apply_scale(1920, 1080)
        self.clock.start()
        if len(self.languages) > 1:
            self._heading_timer.start()
        self.controller.start()
        # The voice starts after the first paint (paintEvent): its engine is built on this
        # thread and may take seconds (speech-dispatcher starting at boot), and a zero timer
        # here would fire before the board is ever drawn.

    # -- language ---------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        for part in (self.hero, self.calls, self.waiting, self.tiles):
            part.set_language(lang)
        self.notice.setText(tr("display.unavailable", lang))
        self._tick(self.clock.now())

    def _next_language(self) -> None:
        i = self.languages.index(self.lang) if self.lang in self.languages else -1
        self.set_language(self.languages[(i + 1) % len(self.languages)])

    # -- what the controller read -------------------------------------------------------------
    def _board(self, data: BoardData) -> None:
        if data.logo_read:
            self.logo.set_logo(data.logo)
        self.tiles.set_counters(data.status.counters, self.lang)
        self.calls.set_calls(data.calls)
        self.waiting.set_queues(data.status.services)
        if self.announcer.current is None:
            self.hero.show_call(self._latest(data))

    @staticmethod
    def _latest(data: BoardData | None) -> CallEvent | None:
        return data.calls[0] if data is not None and data.calls else None

    def _new_calls(self, calls: list[CallEvent]) -> None:
        for call in calls:
            tile = self.tiles.tiles.get(call.counter)
            if tile is not None:
                tile.flasher.start(self.timings.flash_ms)
            self.announcer.enqueue(call)
        if not self.settings.display.announce:  # nothing will be announced: flash here
            self.hero.show_call(calls[-1])
            self.hero.flasher.start(self.timings.flash_ms)

    def _availability(self, available: bool) -> None:
        self.notice.setVisible(not available)

    # -- the announcer's progress -------------------------------------------------------------
    def _announcing(self, announcement: Announcement) -> None:
        self.hero.show_call(announcement.call)
        self.hero.set_sentence("")
        self.hero.flasher.start(self.timings.flash_ms)

    def _sentence(self, sentence: Sentence) -> None:
        self.hero.set_sentence(sentence.text)

    def _announced(self, announcement: Announcement) -> None:
        self.hero.set_sentence("")
        if not self.announcer.pending:
            self.hero.show_call(self._latest(self.controller.last) or announcement.call)

    # -- clock ---------------------------------------------------------------------------------
    def _tick(self, now: dt.datetime) -> None:
        self.time.setText(time_of_day(now.time(), self.lang))  # unchanged text: no repaint
        self.date.setText(long_date(now.date(), self.lang))

    # -- size ----------------------------------------------------------------------------------
    def apply_scale(self, width: int, height: int) -> None:
        scale = scale_for(width, height)
        if abs(scale - self._scale) < 0.01:
            return
        self._scale = scale
        self.setStyleSheet(scaled_qss(load_qss("display"), scale))
        gap = round(20 * scale)
        self._body.setContentsMargins(round(24 * scale), gap, round(24 * scale), gap)
        self._body.setSpacing(gap)
        self._upper.setSpacing(gap)
        self._top_row.setContentsMargins(round(36 * scale), 0, round(36 * scale), 0)
        self._top_row.setSpacing(round(32 * scale))
        self.logo.set_height(round(LOGO_HEIGHT * scale))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # The window is painted first, its children after it in the same pass, and
            # the pass ends with the flush to the screen: a zero timer fires after all that.
            QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if not self._shut_down:
            # Whatever the engine: QTextToSpeech's engines are plugins built in its
            # constructor, with their own timers and audio sinks on the building thread,
            # and the API offers no way to hand a built one to another thread. The
            # espeak-ng voice (in-process) gets its languages here too.
            if self.announcer.speech is not None:
                self.announcer.speech.start(self.languages)
            self.announcer.voice.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.apply_scale(event.size().width(), event.size().height())
        super().resizeEvent(event)

    # -- the end ------------------------------------------------------------------------------
    @property
    def at_rest(self) -> bool:
        """No announcement under way or waiting: a safe moment to rebuild the board."""
        return not self.announcer.busy

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        if not self._shut_down:
            self.shutdown()
            self.closed.emit()

    def shutdown(self) -> None:
        """Stop timers, the voice and the worker threads (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.clock.stop()
        self._heading_timer.stop()
        self.hero.flasher.stop()
        for tile in self.tiles.tiles.values():
            tile.flasher.stop()
        self.announcer.shutdown()
        self.controller.shutdown()
