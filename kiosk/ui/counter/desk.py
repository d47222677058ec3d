"""The desk page: what an officer works with once signed in.

    head      counter, its services, the officer, the clock, language, sign out
    banner    ISTIRAHAT while the counter is paused, with Resume
    left      the current ticket, large; the action bar under it
    right     today's numbers, the waiting list, printer alerts and failed slips
    bottom    the status line: the last result or refusal, in the window's language

It only shows and emits; the window decides and the controller does the work.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.config.settings import Settings
from kiosk.domain.dates import time_of_day
from kiosk.domain.model import CounterDesk
from kiosk.ui.common.chrome import LanguageButton, label, set_state
from kiosk.ui.common.i18n import tr
from kiosk.ui.counter.action_bar import ActionBar
from kiosk.ui.counter.actions import DeskAction
from kiosk.ui.counter.controller import Session
from kiosk.ui.counter.side import AlertsPanel, StatsPanel
from kiosk.ui.counter.texts import Names, role_word
from kiosk.ui.counter.ticket_panel import TicketPanel
from kiosk.ui.counter.waiting import WaitingPanel


class DeskHead(QFrame):
    sign_out_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PageHead")
        self.counter = label("HeadCounter")
        self.services = label("HeadServices")
        self.officer = label("HeadOfficer")
        self.clock = label("HeadClock")
        self.language = LanguageButton()
        self.sign_out = QPushButton()
        self.sign_out.setObjectName("SignOutButton")
        self.sign_out.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.counter)
        names.addWidget(self.services)
        row = QHBoxLayout(self)
        row.addLayout(names, 1)
        row.addWidget(self.officer)
        row.addWidget(self.clock)
        row.addWidget(self.language)
        row.addWidget(self.sign_out)
        self.sign_out.clicked.connect(self.sign_out_requested)


class PausedBanner(QFrame):
    resume_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PausedBanner")
        self.title = label("PausedTitle")
        self.detail = label("PausedDetail", wrap=True)
        self.resume = QPushButton()
        self.resume.setObjectName("ResumeButton")
        self.resume.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(self)
        row.addWidget(self.title)
        row.addWidget(self.detail, 1)
        row.addWidget(self.resume)
        self.resume.clicked.connect(self.resume_requested)


class DeskPage(QWidget):
    action_requested = Signal(object)  # DeskAction
    reprint_requested = Signal(object)  # Ticket
    #: A ticket in the list was double-clicked: offer to call it out of order.
    ticket_activated = Signal(object)  # Ticket
    sign_out_requested = Signal()

    def __init__(self, settings: Settings, names: Names, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DeskPage")
        self.settings = settings
        self.lang = "id"
        self.session: Session | None = None
        self.desk: CounterDesk | None = None

        self.head = DeskHead()
        self.banner = PausedBanner()
        self.banner.hide()
        self.ticket = TicketPanel(names, settings.queue.recall_limit, settings.timezone)
        self.action_bar = ActionBar()
        self.stats = StatsPanel()
        self.waiting = WaitingPanel(names)
        self.alerts = AlertsPanel(names, settings.timezone)
        self.status = label("StatusLine", wrap=True)

        left = QVBoxLayout()
        left.addWidget(self.ticket, 1)
        left.addWidget(self.action_bar)
        right = QVBoxLayout()
        right.addWidget(self.stats)
        right.addWidget(self.waiting, 1)
        right.addWidget(self.alerts)
        body = QHBoxLayout()
        body.setObjectName("DeskBody")
        body.addLayout(left, 7)
        body.addLayout(right, 5)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(self.head)
        col.addWidget(self.banner)
        inner = QWidget()
        inner.setObjectName("DeskBodyArea")
        inner.setLayout(body)
        col.addWidget(inner, 1)
        col.addWidget(self.status)

        self.action_bar.triggered.connect(self.action_requested)
        self.banner.resume_requested.connect(lambda: self.action_requested.emit(DeskAction.PAUSE))
        self.alerts.reprint_requested.connect(self.reprint_requested)
        self.waiting.ticket_activated.connect(self.ticket_activated)
        self.head.sign_out_requested.connect(self.sign_out_requested)
        self.retranslate()

    # -- what the window tells it ----------------------------------------------------------------
    def set_names(self, names: Names) -> None:
        self.ticket.names = names
        self.waiting.model.names = names
        self.alerts.names = names
        self.retranslate()

    def set_session(self, session: Session | None) -> None:
        self.session = session
        if session is None:
            self.desk = None
            self.ticket.show_ticket(None)
            self.waiting.set_tickets([], 0)
            self.stats.show_desk(None)
            self.alerts.show_desk(None)
            self.set_status("")
        self.retranslate()

    def show_desk(self, desk: CounterDesk) -> None:
        self.desk = desk
        self.ticket.show_ticket(desk.current, desk.last_closed)
        self.waiting.set_tickets(desk.waiting, desk.waiting_total)
        self.stats.show_desk(desk)
        self.alerts.show_desk(desk)
        self.action_bar.set_paused(desk.counter.paused)
        self.banner.setVisible(desk.counter.paused)
        self.retranslate()

    def set_live(self, live: frozenset[DeskAction]) -> None:
        self.action_bar.set_enabled(live)
        self.banner.resume.setEnabled(DeskAction.PAUSE in live)
        self.alerts.set_actions_enabled(DeskAction.REPRINT in live)

    def set_status(self, text: str, kind: str = "") -> None:
        """The last result ("ok"), refusal ("refused") or failure ("error")."""
        self.status.setText(text)
        set_state(self.status, kind or "idle")

    def tick(self, now: dt.datetime) -> None:
        """Every second: the clock and the current ticket's running times."""
        local = now.astimezone(self.settings.timezone)
        self.head.clock.setText(time_of_day(local.time(), self.lang))
        self.ticket.tick(now)

    def tick_list(self, now: dt.datetime) -> None:
        self.waiting.set_now(now)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for part in (self.ticket, self.action_bar, self.stats, self.waiting, self.alerts):
            part.set_language(lang)
        self.retranslate()

    def retranslate(self) -> None:
        lang = self.lang
        head = self.head
        head.language.set_language(lang)
        head.sign_out.setText(tr("counter.desk.sign_out", lang))
        if self.session is not None:
            account = self.session.account
            head.officer.setText(
                tr(
                    "counter.desk.officer",
                    lang,
                    name=account.name,
                    role=role_word(account.role, lang),
                )
            )
        if self.desk is not None:
            counter = self.desk.counter
            head.counter.setText(counter.name)
            head.services.setText(
                tr("counter.desk.services", lang, services=", ".join(counter.services))
            )
        self.banner.title.setText(tr("counter.paused.title", lang))
        self.banner.detail.setText(tr("counter.paused.detail", lang))
        self.banner.resume.setText(f"F8  {tr('counter.action.resume', lang)}")
        self.tick(dt.datetime.now(dt.UTC))
