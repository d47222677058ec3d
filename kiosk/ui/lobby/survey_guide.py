"""The satisfaction survey on the kiosk: from the entry (a ticket scanned or typed, or a
walk-up) through the profile, one question at a time and the suggestion, to the thank-you.

The window composes the five survey screens and hands them here; this guide wires them to
the controller and decides which screen comes next, which it asks of the window by signal
(``show_requested``, ``home_requested``; the window tells it each screen shown). It holds
no reference to the window: a cycle through it would leave the window to Python's cyclic
collector, which may run on a worker thread, where Qt widgets must never be destroyed.

The survey in progress is a plain ``SurveyFlow``: nothing of it is stored until it is sent,
and a survey left alone (``survey_idle_ms``) is dropped and the kiosk goes home. Walk-ups
from this kiosk are paused for the cooldown the database reports, and from the moment one
is sent.
"""

from __future__ import annotations

import logging
import math
import time

from PySide6.QtCore import QObject, Signal

from kiosk.config.settings import Settings
from kiosk.domain.errors import (
    InvalidToken,
    KioskError,
    NoSuchTicket,
    SurveyAlreadyAnswered,
    SurveyNotServed,
    WalkUpTooSoon,
)
from kiosk.ui.common.idle import IdleWatcher
from kiosk.ui.lobby.chrome import Screen
from kiosk.ui.lobby.controller import KioskController
from kiosk.ui.lobby.survey_entry import SurveyEntryScreen
from kiosk.ui.lobby.survey_flow import SurveyFlow, SurveyStart
from kiosk.ui.lobby.survey_keyboard import SurveyKeyboardScreen
from kiosk.ui.lobby.survey_profile import SurveyProfileScreen
from kiosk.ui.lobby.survey_question import SurveyQuestionScreen
from kiosk.ui.lobby.survey_thanks import ANSWERED, FAILED, SAVED, SurveyThanksScreen

log = logging.getLogger(__name__)


class SurveyGuide(QObject):
    """The survey's steps between the window's survey screens."""

    #: Show this screen (a Screen) in the window's stack.
    show_requested = Signal(object)
    #: The survey is over or abandoned: the window goes home.
    home_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        controller: KioskController,
        *,
        entry: SurveyEntryScreen,
        profile: SurveyProfileScreen,
        question: SurveyQuestionScreen,
        keyboard: SurveyKeyboardScreen,
        thanks: SurveyThanksScreen,
        idle_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.controller = controller
        self.entry = entry
        self.profile = profile
        self.question = question
        self.keyboard = keyboard
        self.thanks = thanks
        #: The screen on show, as the window last said (``screen_shown``).
        self._on_show: Screen | None = None
        #: The survey in progress (None: none); nothing of it is stored until it is sent.
        self.flow: SurveyFlow | None = None
        #: time.monotonic() until which walk-up surveys are paused on this kiosk.
        self._walkup_until = 0.0
        #: Screens of a survey in progress: left alone, the survey is discarded.
        self.steps: tuple[Screen, ...] = (entry, profile, question, keyboard)
        self.idle = IdleWatcher(idle_ms, self)

        self.idle.idle.connect(self._idle)
        entry.ticket_entered.connect(controller.begin_survey)
        entry.walk_up_requested.connect(self._walk_up)
        entry.back_requested.connect(self.home_requested)
        profile.chosen.connect(self._profile_chosen)
        profile.skip_requested.connect(self._profile_skipped)
        profile.next_requested.connect(self._first_question)
        profile.back_requested.connect(self.start)
        question.answered.connect(self._answered)
        question.back_requested.connect(self._question_back)
        question.skip_requested.connect(self._skipped)
        question.finish_requested.connect(self._finish_early)
        keyboard.back_requested.connect(self._show_question)
        keyboard.send_requested.connect(self._send)
        thanks.finished.connect(self.home_requested)
        controller.survey_started.connect(self._started)
        controller.survey_refused.connect(self._refused)
        controller.walk_up_wait_read.connect(self._pause_walk_ups)
        controller.survey_submitted.connect(self._submitted)
        controller.survey_failed.connect(self._failed)

    # -- the window's calls -----------------------------------------------------------------
    def start(self) -> None:
        """The survey's entry: scan or type the ticket, or go on without one."""
        self.flow = None
        self.entry.reset()
        self.entry.set_cooldown(self.walkup_cooldown())
        self.show_requested.emit(self.entry)
        self.entry.field.setFocus()
        self.controller.read_walk_up_wait()  # the database's word: another start may know more

    def drop(self) -> None:
        """Home again: whatever survey was in progress is gone."""
        self.flow = None

    def screen_shown(self, screen: Screen) -> None:
        """The window shows ``screen``: idleness counts only on the survey's steps."""
        self._on_show = screen
        if screen in self.steps:
            self.idle.arm()
        else:
            self.idle.disarm()

    def tick(self) -> None:
        if self._on_show is self.entry:
            self.entry.set_cooldown(self.walkup_cooldown())

    def walkup_cooldown(self) -> int:
        """Seconds before this kiosk takes another walk-up survey (0: now)."""
        return max(0, math.ceil(self._walkup_until - time.monotonic()))

    def shutdown(self) -> None:
        self.idle.shutdown()
        self.thanks.stop()

    # -- the entry ------------------------------------------------------------------------------
    def _pause_walk_ups(self, seconds: int) -> None:
        self._walkup_until = max(self._walkup_until, time.monotonic() + seconds)
        self.entry.set_cooldown(self.walkup_cooldown())

    def _walk_up(self) -> None:
        if self.walkup_cooldown() > 0 or self.entry.busy:
            self.entry.set_cooldown(self.walkup_cooldown())
            return
        self.entry.busy = True
        self.controller.begin_survey(None)

    def _started(self, start: SurveyStart) -> None:
        if self._on_show is not self.entry:
            return  # left meanwhile (idle, back): nothing to begin
        self.entry.busy = False
        self.flow = SurveyFlow(start.definition, start.ticket)
        names = ("", "")
        if start.ticket is not None:
            code = start.ticket.origin_service or start.ticket.service
            self.flow.service = code
            section = next((s for s in self.settings.services if s.code == code), None)
            names = (section.name_id, section.name_en) if section else (code, code)
        self.profile.start(start.ticket is None, names)
        self.show_requested.emit(self.profile)

    def _refused(self, error: KioskError) -> None:
        if self._on_show is not self.entry:
            return
        if isinstance(error, InvalidToken):
            self.entry.refuse("survey.refused.token")
        elif isinstance(error, NoSuchTicket):
            self.entry.refuse("survey.refused.ticket", text=str(error.ref))
        elif isinstance(error, SurveyAlreadyAnswered):
            self.entry.refuse("survey.refused.answered", code=error.ticket_code)
        elif isinstance(error, SurveyNotServed):
            self.entry.refuse("survey.refused.not_served", code=error.ticket_code)
        elif isinstance(error, WalkUpTooSoon):
            self._pause_walk_ups(error.seconds)
            self.entry.refuse("survey.refused.walkup", s=error.seconds)
        else:
            self.entry.refuse("survey.refused.other")

    # -- the profile and the questions ------------------------------------------------------------
    def _profile_chosen(self, name: str, value: str) -> None:
        flow = self.flow
        if flow is None:
            return
        if name == "age":
            flow.age_band = value or None
        elif name in ("gender", "education", "occupation", "service"):
            setattr(flow, name, value or None)

    def _profile_skipped(self) -> None:
        if self.flow is not None:
            self.flow.clear_profile()
            self._first_question()

    def _first_question(self) -> None:
        if self.flow is not None:
            self.flow.index = 0
            self._show_question()

    def _show_question(self) -> None:
        flow = self.flow
        if flow is None:
            return
        element = flow.definition.elements[flow.index]
        self.question.show_question(
            element,
            flow.index + 1,
            flow.total,
            flow.definition.scale_min,
            flow.answers.get(element.code),
            can_finish=bool(flow.answers),
        )
        self.show_requested.emit(self.question)

    def _answered(self, value: int) -> None:
        flow = self.flow
        if flow is None or self._on_show is not self.question:
            return
        if flow.answer(value):
            self._to_suggestion()
        else:
            self._show_question()

    def _skipped(self) -> None:
        flow = self.flow
        if flow is None or self._on_show is not self.question:
            return
        if not flow.skip():
            self._show_question()
        elif flow.answers:
            self._to_suggestion()
        else:  # every question skipped: a response needs one answer, so nothing to store
            log.info("survey: every question skipped; nothing stored")
            self.home_requested.emit()

    def _to_suggestion(self) -> None:
        assert self.flow is not None
        self.keyboard.set_text(self.flow.suggestion)
        self.show_requested.emit(self.keyboard)

    def _finish_early(self) -> None:
        """ "Selesai": send what was answered now, with no suggestion screen."""
        flow = self.flow
        if flow is None or self._on_show is not self.question or not flow.answers:
            return
        self._submit(flow)

    def _question_back(self) -> None:
        flow = self.flow
        if flow is None:
            return
        if flow.index == 0:
            self.show_requested.emit(self.profile)
        else:
            flow.index -= 1
            self._show_question()

    # -- sending --------------------------------------------------------------------------------
    def _send(self, suggestion: str) -> None:
        flow = self.flow
        if flow is None or self._on_show is not self.keyboard:
            return
        flow.suggestion = suggestion
        self._submit(flow)

    def _submit(self, flow: SurveyFlow) -> None:
        self.flow = None  # sent once: a second tap finds nothing to send
        self.controller.submit_survey(flow)
        self.thanks.start()
        self.show_requested.emit(self.thanks)
        if flow.walk_up:
            # Paused from the moment it is sent, so a quick second walk-up cannot slip in.
            self._walkup_until = time.monotonic() + self.settings.survey.walkup_cooldown_seconds

    def _submitted(self, receipt: object) -> None:
        if self._on_show is self.thanks:
            self.thanks.set_state(SAVED)

    def _failed(self, error: Exception) -> None:
        if self._on_show is not self.thanks:
            return
        if isinstance(error, SurveyAlreadyAnswered):
            self.thanks.set_state(ANSWERED, error.ticket_code)
        else:
            self.thanks.set_state(FAILED)

    def _idle(self) -> None:
        """Abandoned mid-way: drop the answers (nothing was stored) and start again."""
        if self._on_show in self.steps:
            log.info("survey abandoned; nothing stored")
            self.home_requested.emit()
