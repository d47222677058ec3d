"""The counter window: a stack of the sign-in page and the desk, wired to the controller.

The pages show and emit; the controller runs every office call on its worker thread; this
window decides what a key or a button means now (only legal actions, one at a time), words
results and refusals in the window's language, and keeps the local timers that redraw
running times without asking the database.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.config.settings import Settings
from kiosk.domain.errors import KioskError
from kiosk.domain.model import Counter, CounterDesk, Ticket, TicketStatus
from kiosk.ui.common.i18n import LANGUAGES, tr
from kiosk.ui.common.style import load_qss, scale_for, scaled_qss
from kiosk.ui.counter.actions import DeskAction, DeskState, enabled_actions
from kiosk.ui.counter.controller import (
    Catalog,
    DeskController,
    Outcome,
    Refusal,
    Session,
    Timings,
)
from kiosk.ui.counter.desk import DeskPage
from kiosk.ui.counter.dialogs import CallTicketDialog, TransferDialog
from kiosk.ui.counter.ports import CounterOffice
from kiosk.ui.counter.sign_in import SignInPage
from kiosk.ui.counter.texts import Names, error_text

log = logging.getLogger(__name__)

#: The smallest the window may be made: the desk still fits (designed for 1366x768 up).
MINIMUM_SIZE = (1024, 640)

#: A status line worded on demand, so a language switch rewords it too.
Wording = Callable[[str], str]


class CounterWindow(QWidget):
    def __init__(
        self,
        settings: Settings,
        open_office: Callable[[], CounterOffice],
        *,
        timings: Timings | None = None,
        counter: int | None = None,
        sign_in: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``counter`` preselects the counter; with ``sign_in`` (user name, PIN) too, the
        window signs in as soon as the counters are read (``kiosk demo``)."""
        super().__init__(parent)
        self.setObjectName("CounterWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Closed means gone, on the GUI thread: never collected later by a worker's GC.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.settings = settings
        self.timings = timings or Timings()
        self.lang = LANGUAGES[0]
        self.names = Names.of(settings)
        self.services: tuple[tuple[str, bool], ...] = tuple(
            (s.code, s.active) for s in settings.services
        )
        self._preselect = counter
        self._auto_sign_in = sign_in if counter is not None else None
        self._wording: tuple[Wording, str] | None = None
        self._shut_down = False
        self._scale = 0.0

        self.controller = DeskController(open_office, self.timings, self, settings=settings)
        self.sign_in_page = SignInPage(settings.office.name)
        self.desk = DeskPage(settings, self.names)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.sign_in_page)
        self.stack.addWidget(self.desk)
        self.unavailable = QLabel()
        self.unavailable.setObjectName("UnavailableBanner")
        self.unavailable.setWordWrap(True)
        self.unavailable.hide()
        col = QVBoxLayout(self)
        # The layout must not push a minimum size onto the window as texts change (the
        # platform may not take one after the window exists); a fixed one is set instead.
        col.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(*MINIMUM_SIZE)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.unavailable)
        col.addWidget(self.stack, 1)
        self.transfer_dialog = TransferDialog(self)
        self.call_dialog = CallTicketDialog(self)

        self._tick = QTimer(self)
        self._tick.setInterval(self.timings.tick_ms)
        self._tick.timeout.connect(lambda: self.desk.tick(dt.datetime.now(dt.UTC)))
        self._list_tick = QTimer(self)
        self._list_tick.setInterval(self.timings.list_tick_ms)
        self._list_tick.timeout.connect(lambda: self.desk.tick_list(dt.datetime.now(dt.UTC)))

        c = self.controller
        c.catalog_loaded.connect(self._catalog_loaded)
        c.settings_changed.connect(self.apply_settings)
        c.signed_in.connect(self._signed_in)
        c.sign_in_refused.connect(self._sign_in_refused)
        c.desk_changed.connect(self._desk_changed)
        c.action_done.connect(self._action_done)
        c.action_refused.connect(self._action_refused)
        c.availability_changed.connect(self._availability)
        c.busy_changed.connect(self._busy)
        self.sign_in_page.submitted.connect(self._submit_sign_in)
        self.sign_in_page.language.language_chosen.connect(self.set_language)
        self.desk.head.language.language_chosen.connect(self.set_language)
        self.desk.action_requested.connect(self.trigger)
        self.desk.reprint_requested.connect(self._reprint)
        self.desk.ticket_activated.connect(self._ticket_activated)
        self.desk.sign_out_requested.connect(self.sign_out)
        self.transfer_dialog.chosen.connect(self._transfer_to)
        self.call_dialog.submitted.connect(self._call_ticket)

        self.stack.setCurrentWidget(self.sign_in_page)
        self.set_language(self.lang)
        self.apply_scale(1920, 1080)
        self._update_live()
        self._tick.start()
        self._list_tick.start()
        self.controller.load_catalog()

    # -- state ---------------------------------------------------------------------------------
    @property
    def signed_in(self) -> bool:
        return self.stack.currentWidget() is self.desk

    @property
    def current(self) -> Ticket | None:
        desk = self.controller.desk
        return desk.current if desk is not None else None

    def live_actions(self) -> frozenset[DeskAction]:
        """What may be pressed now (the buttons show the same)."""
        if not self.signed_in:
            return frozenset()
        return enabled_actions(
            DeskState(
                self.current,
                busy=self.controller.busy,
                available=self.controller.available,
                other_services=len(self.transfer_targets()),
            )
        )

    def _update_live(self) -> None:
        self.desk.set_live(self.live_actions())

    def transfer_targets(self) -> list[tuple[str, str]]:
        ticket = self.current
        return [
            (code, self.names.service(code, self.lang))
            for code, active in self.services
            if active and (ticket is None or code != ticket.service)
        ]

    # -- signing in and out --------------------------------------------------------------------
    def apply_settings(self, settings: Settings) -> None:
        """Settings a supervisor saved elsewhere: names, the recall limit, the office."""
        self.settings = settings
        self.desk.settings = settings
        self.desk.ticket.recall_limit = settings.queue.recall_limit
        self.sign_in_page.office.setText(settings.office.name)
        self.set_language(self.lang)

    def _catalog_loaded(self, catalog: Catalog) -> None:
        self.names = Names.of(self.settings, catalog.services)
        self.services = tuple((s.code, s.active) for s in catalog.services) or self.services
        self.desk.set_names(self.names)
        self.sign_in_page.set_counters(catalog.counters)
        if self._preselect is not None:
            self.sign_in_page.select_counter(self._preselect)
            self._preselect = None
        auto, self._auto_sign_in = self._auto_sign_in, None
        chosen = self.sign_in_page.chosen_counter()
        if auto is not None and chosen is not None and not self.signed_in:
            self.sign_in_page.username.setText(auto[0])
            self.controller.sign_in(auto[0], auto[1], chosen)

    def _submit_sign_in(self, username: str, pin: str, counter: int) -> None:
        self.controller.sign_in(username, pin, counter)

    def _signed_in(self, session: Session) -> None:
        self.sign_in_page.reset()
        self.desk.set_session(session)
        self.stack.setCurrentWidget(self.desk)
        self._update_live()

    def _sign_in_refused(self, error: Exception) -> None:
        self.sign_in_page.refuse(error_text(error, self.lang))

    def sign_out(self) -> None:
        """Back to the sign-in page; the PIN is cleared, the next officer signs in."""
        self.controller.sign_out()
        self.transfer_dialog.reject()
        self.call_dialog.reject()
        self._wording = None
        self.desk.set_session(None)
        self.sign_in_page.reset()
        self.stack.setCurrentWidget(self.sign_in_page)
        self._update_live()

    # -- the desk ------------------------------------------------------------------------------
    def _desk_changed(self, desk: CounterDesk) -> None:
        if not self.signed_in:
            return
        self.desk.show_desk(desk)
        self._update_live()

    def trigger(self, action: DeskAction) -> bool:
        """Do ``action`` if it is legal now (a button, its key, the banner); True if begun."""
        if action not in self.live_actions():
            return False
        ticket = self.current
        c = self.controller
        if action is DeskAction.CALL_NEXT:
            return c.call_next()
        if action is DeskAction.CALL_SPECIFIC:
            self.call_dialog.open_for(self.lang)
            return True
        if action is DeskAction.PAUSE:
            desk = c.desk
            return desk is not None and c.set_paused(not desk.counter.paused)
        if ticket is None:
            return False
        if action is DeskAction.TRANSFER:
            self.transfer_dialog.open_for(ticket.code, self.transfer_targets(), self.lang)
            return True
        act = {
            DeskAction.RECALL: c.recall,
            DeskAction.START: c.start_serving,
            DeskAction.FINISH: c.finish,
            DeskAction.NO_SHOW: c.no_show,
        }.get(action)
        return act is not None and act(ticket)

    def _transfer_to(self, service: str) -> None:
        ticket = self.current
        if ticket is not None and DeskAction.TRANSFER in self.live_actions():
            self.controller.transfer(ticket, service)

    def _call_ticket(self, text: str, reason: str) -> None:
        if DeskAction.CALL_SPECIFIC not in self.live_actions() or not (
            self.controller.call_ticket(text, reason)
        ):
            self.call_dialog.set_busy(False)  # not sent: the officer may press again

    def _reprint(self, ticket: Ticket) -> None:
        if DeskAction.REPRINT in self.live_actions():
            self.controller.reprint(ticket)

    def _ticket_activated(self, ticket: Ticket) -> None:
        if DeskAction.CALL_SPECIFIC in self.live_actions():
            self.call_dialog.open_for(self.lang, ticket.code)

    def _busy(self, busy: bool) -> None:
        self.sign_in_page.set_busy(busy and not self.signed_in)
        self._update_live()

    def _availability(self, available: bool) -> None:
        self.unavailable.setVisible(not available)
        self._update_live()

    # -- results, in words ---------------------------------------------------------------------
    def _say(self, wording: Wording, kind: str) -> None:
        self._wording = (wording, kind)
        self.desk.set_status(wording(self.lang), kind)

    def _action_done(self, outcome: Outcome) -> None:
        value, subject = outcome.value, outcome.subject
        counter_name = outcome.desk.counter.name
        action = outcome.action
        if action is DeskAction.CALL_SPECIFIC:
            self.call_dialog.accept()
        if isinstance(value, Counter):
            key = "counter.done.paused" if value.paused else "counter.done.resumed"
            self._say(lambda lang: tr(key, lang), "ok")
            return
        if value is None:
            self._say(lambda lang: tr("counter.done.nobody", lang), "ok")
            return
        ticket = value
        limit = self.settings.queue.recall_limit
        code = ticket.code
        words: dict[DeskAction, Wording] = {
            DeskAction.CALL_NEXT: lambda lang: tr(
                "counter.done.called", lang, code=code, counter=counter_name
            ),
            DeskAction.CALL_SPECIFIC: lambda lang: tr(
                "counter.done.called_specific", lang, code=code
            ),
            DeskAction.RECALL: lambda lang: tr(
                "counter.done.recalled", lang, code=code, n=ticket.recalls, limit=limit
            ),
            DeskAction.START: lambda lang: tr("counter.done.started", lang, code=code),
            DeskAction.FINISH: lambda lang: tr("counter.done.finished", lang, code=code),
            DeskAction.NO_SHOW: lambda lang: tr("counter.done.no_show", lang, code=code),
            DeskAction.TRANSFER: lambda lang: tr(
                "counter.done.transferred",
                lang,
                code=code,
                service=self.names.service(ticket.service, lang),
            ),
            DeskAction.REPRINT: lambda lang: tr("counter.done.reprint", lang, code=code),
        }
        if action is DeskAction.RECALL and ticket.status is TicketStatus.NO_SHOW:
            recalls = subject.recalls if subject is not None else ticket.recalls
            words[action] = lambda lang: tr(
                "counter.done.recall_no_show", lang, code=code, n=recalls
            )
        wording = words.get(action)
        if wording is not None:
            self._say(wording, "ok")

    def _action_refused(self, refusal: Refusal) -> None:
        error = refusal.error
        code = refusal.subject.code if refusal.subject is not None else ""
        if refusal.action is DeskAction.CALL_SPECIFIC:
            self.call_dialog.refuse(error_text(error, self.lang, ticket_code=code))
        kind = "refused" if isinstance(error, KioskError) else "error"
        self._say(lambda lang: error_text(error, lang, ticket_code=code), kind)

    # -- language and size ---------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES:
            return
        self.lang = lang
        self.setWindowTitle(tr("counter.title", lang, office=self.settings.office.name))
        self.unavailable.setText(tr("counter.unavailable", lang))
        self.sign_in_page.set_language(lang)
        self.desk.set_language(lang)
        if self._wording is not None:
            wording, kind = self._wording
            self.desk.set_status(wording(lang), kind)

    def apply_scale(self, width: int, height: int) -> None:
        scale = scale_for(width, height)
        if abs(scale - self._scale) < 0.01:
            return
        self._scale = scale
        self.setStyleSheet(scaled_qss(load_qss("counter"), scale))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.apply_scale(event.size().width(), event.size().height())
        super().resizeEvent(event)

    # -- the end -------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        self.shutdown()

    def shutdown(self) -> None:
        """Stop the timers and the worker; close the office (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self._tick.stop()
        self._list_tick.stop()
        self.controller.shutdown()
