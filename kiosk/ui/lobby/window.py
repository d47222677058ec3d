"""The kiosk window: composes the screens, moves between them, and keeps the kiosk locked.

Screens (home: the service tiles; priority; the priority services; confirmation;
unavailable) and the PIN pad are separate widgets that only show things and emit what the
applicant did; the controller does the work on worker threads; this window wires the two
together and owns the rules of the place: idle returns home, home is Bahasa Indonesia,
nothing but the supervisor PIN closes it.
The survey's screens are composed here too; the steps between them are the
``SurveyGuide``'s (survey_guide.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QLabel, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.config.settings import Settings
from kiosk.domain.errors import KioskError
from kiosk.domain.model import QueueStatus
from kiosk.printing.printer import Printer, PrintOutcome
from kiosk.printing.status import PrinterState
from kiosk.ui.common.clock import OfficeClock
from kiosk.ui.common.i18n import LANGUAGES, tr
from kiosk.ui.common.idle import IdleWatcher
from kiosk.ui.common.style import (
    TARGET_GAP_MM,
    font_floor_px,
    load_qss,
    mm_to_px,
    panel_dpi,
    scale_for,
    scaled_qss,
)
from kiosk.ui.lobby.check_in import CheckInScreen
from kiosk.ui.lobby.chrome import Screen, TopBar
from kiosk.ui.lobby.confirmation import ConfirmationScreen
from kiosk.ui.lobby.controller import Issued, KioskController, Timings
from kiosk.ui.lobby.pinpad import PinPad
from kiosk.ui.lobby.ports import KioskOffice
from kiosk.ui.lobby.priority import PriorityScreen
from kiosk.ui.lobby.service_menu import ServicesScreen
from kiosk.ui.lobby.survey_entry import SurveyEntryScreen
from kiosk.ui.lobby.survey_flow import SurveyFlow
from kiosk.ui.lobby.survey_guide import SurveyGuide
from kiosk.ui.lobby.survey_keyboard import SurveyKeyboardScreen
from kiosk.ui.lobby.survey_profile import SurveyProfileScreen
from kiosk.ui.lobby.survey_question import SurveyQuestionScreen
from kiosk.ui.lobby.survey_thanks import SurveyThanksScreen
from kiosk.ui.lobby.texts import priority_services, regular_services
from kiosk.ui.lobby.unavailable import UnavailableScreen

log = logging.getLogger(__name__)

QR_SIDE = 400  # px at 1920x1080
#: The office logo's height in the top bar (152 px), at 1920x1080.
TOP_LOGO = 116


class KioskWindow(QWidget):
    #: The supervisor closed the kiosk with the right PIN.
    closed = Signal()
    #: A supervisor saved new settings (Settings): the host rebuilds the window at rest.
    settings_changed = Signal(object)
    #: Back on the home (or unavailable) screen: a moment to rebuild, if one is due.
    came_home = Signal()

    def __init__(
        self,
        settings: Settings,
        open_office: Callable[[], KioskOffice],
        printer: Printer,
        *,
        timings: Timings | None = None,
        locked: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setWindowTitle(settings.office.name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Closed means gone, on the GUI thread. Otherwise Python's cyclic GC may collect
        # the window later on whichever thread happens to allocate (a worker's), and Qt
        # widgets must never be destroyed off the GUI thread.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.settings = settings
        self.timings = timings or Timings.from_settings(settings)
        self.locked = locked
        self.languages: tuple[str, ...] = tuple(settings.kiosk.languages) or LANGUAGES
        self.lang = self.languages[0]
        self._service_code: str | None = None
        self._priority_code: str | None = None
        self._may_close = False
        self._retired = False
        self._shut_down = False
        self._fitted: tuple[float, int, int, bool] | None = None
        self.dpi = 0.0
        if locked:
            self.setWindowFlags(
                Qt.WindowType.Window
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )

        self.controller = KioskController(settings, open_office, printer, self.timings, self)
        self.clock = OfficeClock(settings.timezone, self)
        self.idle = IdleWatcher(self.timings.idle_ms, self)

        # -- screens ----------------------------------------------------------------------
        self.top_bar = TopBar(settings.office.name)
        self.top_bar.language.set_languages(self.languages)
        self.services = ServicesScreen(settings, regular_services(settings))
        self.priority = PriorityScreen(list(settings.priority))
        self.priority_services = ServicesScreen(settings, priority_services(settings), home=False)
        self.confirmation = ConfirmationScreen(
            settings,
            show_ms=self.timings.confirmation_ms,
            print_patience_ms=self.timings.print_patience_ms,
        )
        self.unavailable = UnavailableScreen()
        self.survey_entry = SurveyEntryScreen([s.code for s in settings.services])
        self.check_in = CheckInScreen([s.code for s in settings.services])
        self.survey_profile = SurveyProfileScreen(settings)
        self.survey_question = SurveyQuestionScreen()
        self.survey_keyboard = SurveyKeyboardScreen()
        self.survey_thanks = SurveyThanksScreen(self.timings.confirmation_ms)
        self.survey_guide = SurveyGuide(
            settings,
            self.controller,
            entry=self.survey_entry,
            profile=self.survey_profile,
            question=self.survey_question,
            keyboard=self.survey_keyboard,
            thanks=self.survey_thanks,
            idle_ms=self.timings.survey_idle_ms,
            parent=self,
        )
        self.services.survey.setVisible("skm" in settings.survey.enabled)
        self.screens: list[Screen] = [
            self.services,
            self.priority,
            self.priority_services,
            self.confirmation,
            self.unavailable,
            self.check_in,
            *self.survey_guide.steps,
            self.survey_thanks,
        ]
        self.stack = QStackedWidget()
        for screen in self.screens:
            self.stack.addWidget(screen)
        self.notice = QLabel()
        self.notice.setObjectName("PrinterNotice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.notice.hide()
        col = QVBoxLayout(self)
        # The window's size is the screen's: the layout must not impose a minimum on it.
        col.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.top_bar)
        col.addWidget(self.stack, 1)
        col.addWidget(self.notice)
        self.pinpad = PinPad(self)

        # -- wiring -------------------------------------------------------------------------
        self.clock.ticked.connect(self._tick)
        self.idle.idle.connect(self._idle)
        self.top_bar.language.language_chosen.connect(self.set_language)
        self.services.service_chosen.connect(self._service_chosen)
        self.services.priority_requested.connect(self.go_priority)
        self.priority.priority_chosen.connect(self._priority_chosen)
        self.priority.back_requested.connect(self.go_home)
        self.priority_services.service_chosen.connect(self._priority_service_chosen)
        self.priority_services.back_requested.connect(self.go_priority)
        self.confirmation.finished.connect(self.go_home)
        self.controller.status_changed.connect(self._status)
        self.controller.settings_changed.connect(self.settings_changed)
        self.controller.availability_changed.connect(self._availability)
        self.controller.ticket_issued.connect(self._ticket_issued)
        self.controller.issue_refused.connect(self._issue_refused)
        self.controller.print_finished.connect(self._print_finished)
        self.controller.printer_state_changed.connect(self._printer_state)
        self.controller.logo_changed.connect(self.set_logo)
        self.services.check_in_requested.connect(self.go_check_in)
        self.check_in.back_requested.connect(self.go_home)
        self.check_in.ticket_entered.connect(lambda code: self.controller.check_in(code, self.lang))
        self.controller.check_in_refused.connect(self.check_in.refuse_check_in)
        self.controller.check_in_open.connect(self.services.set_check_in_open)
        self.services.survey_requested.connect(self.go_survey)  # the rest: the survey guide's
        self.survey_guide.show_requested.connect(self._show)
        self.survey_guide.home_requested.connect(self.go_home)
        self.pinpad.accepted.connect(self.unlock_and_close)
        self.pinpad.submitted.connect(self.controller.check_exit_pin)
        self.controller.exit_pin_checked.connect(self.pinpad.answer)
        self.controller.exit_pin_state.connect(self.pinpad.pin_exists)
        self.pinpad.cancelled.connect(self._pin_closed)

        self.exit_shortcut = QShortcut(QKeySequence(settings.kiosk.exit_chord), self)
        self.exit_shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.exit_shortcut.activated.connect(self.request_exit)

        self._show(self.services)
        self.set_language(self.lang)
        self.apply_scale(1920, 1080)
        self.clock.start()
        self.controller.start()

    # -- navigation ---------------------------------------------------------------------------
    @property
    def current(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def _show(self, screen: Screen) -> None:
        if self.current is self.confirmation and screen is not self.confirmation:
            self.confirmation.stop()
        if self.current is self.survey_thanks and screen is not self.survey_thanks:
            self.survey_thanks.stop()
        self.stack.setCurrentWidget(screen)
        self.top_bar.setVisible(screen.has_top_bar)
        if screen in self.choosing:
            self.idle.arm()
        elif not self.pinpad.isVisible():
            self.idle.disarm()
        self.survey_guide.screen_shown(screen)
        self._update_notice()

    @property
    def choosing(self) -> tuple[Screen, ...]:
        """The screens of taking a number: left alone, they return home."""
        return (self.services, self.priority, self.priority_services, self.check_in)

    @property
    def home(self) -> ServicesScreen:
        """The first screen: the service tiles, Prioritas, the survey, the language."""
        return self.services

    def go_home(self) -> None:
        """The start, in the default language, ready for the next applicant."""
        self._service_code = self._priority_code = None
        self.survey_guide.drop()
        self.services.clear_message()
        self.priority_services.clear_message()
        if self.lang != self.languages[0]:
            self.set_language(self.languages[0])
        if self.controller.available or self.controller.last_status is None:
            self.controller.refresh()
            self._show(self.services)
        else:
            self._show(self.unavailable)
        self.came_home.emit()

    def go_priority(self) -> None:
        """The Prioritas button: the categories; the service follows if there is a choice."""
        self._service_code = self._priority_code = None
        self.priority.ask_category()
        self._show(self.priority)

    def set_language(self, lang: str) -> None:
        if lang not in self.languages:
            return
        self.lang = lang
        for screen in self.screens:
            screen.set_language(lang)
        self.top_bar.language.set_language(lang)
        # At once, not at the next tick: 04.21 in Indonesian, 04:21 in English.
        self.top_bar.set_time(self.clock.now())
        self.pinpad.lang = lang
        if self.current in self.choosing:
            self.idle.arm()  # English at home goes back to Indonesian when left alone
        self._update_notice()

    # -- the applicant's choices --------------------------------------------------------------
    def _service_chosen(self, code: str) -> None:
        if self.controller.issuing:
            return
        self._service_code = code
        self.services.clear_message()
        section = next((s for s in self.settings.services if s.code == code), None)
        if self.settings.kiosk.ask_priority and self.settings.priority:
            if section is not None:
                self.priority.set_service(section.name_id, section.name_en)
            self._show(self.priority)
        else:
            self.controller.issue(code, None, self.lang)

    def _priority_chosen(self, code: str) -> None:
        if self.controller.issuing:
            return
        if self.priority.for_service:  # the per-service question: its service is chosen
            if self._service_code is not None:
                self.controller.issue(self._service_code, code or None, self.lang)
            return
        self._priority_code = code
        codes = self.priority_services.codes or []
        if len(codes) == 1:  # the one priority service: no question to ask
            self._service_code = codes[0]
            self.controller.issue(codes[0], code, self.lang)
            return
        category = next(p for p in self.settings.priority if p.code == code)
        self.priority_services.set_priority(category.name_id, category.name_en)
        self.priority_services.clear_message()
        self.controller.refresh()
        self._show(self.priority_services)

    def _priority_service_chosen(self, code: str) -> None:
        if self.controller.issuing or self._priority_code is None:
            return
        self._service_code = code
        self.priority_services.clear_message()
        self.controller.issue(code, self._priority_code, self.lang)

    def go_check_in(self) -> None:
        """An appointment's check-in: scan the booking's QR or type its number."""
        self.check_in.reset()
        self._show(self.check_in)

    # -- the satisfaction survey (its steps: survey_guide.py) ------------------------------------
    @property
    def flow(self) -> SurveyFlow | None:
        """The survey in progress (None: none); nothing of it is stored until it is sent."""
        return self.survey_guide.flow

    def walkup_cooldown(self) -> int:
        """Seconds before this kiosk takes another walk-up survey (0: now)."""
        return self.survey_guide.walkup_cooldown()

    def go_survey(self) -> None:
        """The survey's entry: scan or type the ticket, or go on without one."""
        self.survey_guide.start()

    # -- the controller's news ------------------------------------------------------------------
    def _status(self, status: QueueStatus) -> None:
        self.services.set_status(status)
        self.priority_services.set_status(status)

    def set_logo(self, data: bytes | None) -> None:
        """The office logo (PNG bytes read on the worker) beside the name; None: none."""
        self.top_bar.logo.set_logo(data)

    def _availability(self, available: bool) -> None:
        if not available:
            if self.current is not self.confirmation:
                self.pinpad.close_pad()
                self._show(self.unavailable)
        elif self.current is self.unavailable:
            self.go_home()

    def _ticket_issued(self, issued: Issued) -> None:
        if issued.lang != self.lang:
            self.set_language(issued.lang)
        self.confirmation.show_ticket(
            issued.ticket, issued.slip.qr_payload if issued.slip else None, again=issued.again
        )
        self._show(self.confirmation)

    def _issue_refused(self, code: str, error: KioskError) -> None:
        # Back where the service was chosen: a priority service's tile is on its own screen.
        screen = self.services if code in self.services.tiles else self.priority_services
        if screen is self.priority_services and self._priority_code is None:
            screen = self.services  # asked per service: the tile is at home
        self._show(screen)
        screen.mark_refused(code, error)

    def _print_finished(self, ticket_id: int, outcome: PrintOutcome) -> None:
        self.confirmation.show_print_result(ticket_id, outcome)

    def _printer_state(self, state: PrinterState) -> None:
        self._update_notice()

    def _update_notice(self) -> None:
        state = self.controller.printer_state
        show = state is not None and not state.can_print and self.current in self.choosing
        self.notice.setText(tr("printer.notice", self.lang))
        self.notice.setVisible(show)

    def _tick(self, now: dt.datetime) -> None:
        self.top_bar.set_time(now)
        for screen in self.screens:
            screen.set_time(now)
        self.survey_guide.tick()

    def _idle(self) -> None:
        self.pinpad.close_pad()
        if self.current in self.choosing and not self._at_home_as_left():
            self.go_home()

    def _at_home_as_left(self) -> bool:
        """Home, in the default language, with no message: nothing to put back."""
        return (
            self.current is self.services
            and self.lang == self.languages[0]
            and not self.services.message.isVisible()
        )

    @property
    def at_rest(self) -> bool:
        """Nobody is using the kiosk and nothing is printing: a safe moment to rebuild it."""
        return (
            (self._at_home_as_left() or self.current is self.unavailable)
            and not self.pinpad.isVisible()
            and not self.controller.issuing
            and not self.controller.printing
        )

    def retire(self) -> None:
        """Close for a rebuilt window (new settings); not an exit of the kiosk."""
        self._may_close = True
        self._retired = True
        self.close()

    # -- lock-down ---------------------------------------------------------------------------
    def request_exit(self) -> None:
        """The exit chord: ask for the supervisor PIN."""
        if self.pinpad.isVisible():
            return
        self.pinpad.open_pad(self.lang)
        self.idle.arm()
        self.controller.read_exit_pin_state()

    def _pin_closed(self) -> None:
        if self.current not in self.choosing:
            self.idle.disarm()

    def unlock_and_close(self) -> None:
        """Close for good (after the supervisor PIN; not reachable by touch otherwise)."""
        log.info("kiosk window closing")
        self._may_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked and not self._may_close:
            event.ignore()  # Alt+F4 and friends: only the supervisor PIN closes the kiosk
            return
        event.accept()
        if not self._shut_down:
            self.shutdown()
            if not self._retired:
                self.closed.emit()

    def shutdown(self) -> None:
        """Stop timers and worker threads (idempotent)."""
        self._shut_down = True
        self.clock.stop()
        self.idle.shutdown()
        self.confirmation.stop()
        self.survey_guide.shutdown()
        self.controller.shutdown()

    # -- size ---------------------------------------------------------------------------------
    def apply_scale(self, width: int, height: int) -> None:
        """The style sheet for this size: scaled to it (portrait against the upright
        design), no text below the panel's 4 mm x-height, targets 2 mm apart; each screen
        told its orientation and that gap."""
        scale = scale_for(width, height, upright=True)
        self.dpi = panel_dpi(width, height, self.settings.kiosk.panel_inches)
        floor = font_floor_px(self.dpi)
        gap = mm_to_px(TARGET_GAP_MM, self.dpi)
        portrait = height > width
        key = (round(scale, 3), floor, gap, portrait)
        if key == self._fitted:
            return
        self._fitted = key
        # Before the sheet: its portrait rules select on it ([portrait="true"]).
        self.setProperty("portrait", "true" if portrait else "false")
        self.setStyleSheet(scaled_qss(load_qss("kiosk"), scale, floor))
        for screen in self.screens:
            screen.fit(portrait=portrait, gap=gap, scale=scale)
        self.confirmation.qr.set_side(round(QR_SIDE * scale))
        # The caption's words take four lines on a small screen: the code may shrink further.
        self.confirmation.qr.setMinimumSize(
            round(QR_SIDE * scale) // 3, round(QR_SIDE * scale) // 3
        )
        self.top_bar.logo.set_height(round(TOP_LOGO * scale))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.apply_scale(event.size().width(), event.size().height())
        self.pinpad.setGeometry(self.rect())
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()  # the exit chord needs an active window
