"""The first screen: who we are, what time it is, one big button, and the language."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.domain.dates import long_date, time_of_day
from kiosk.ui.common.i18n import LANGUAGES, tr
from kiosk.ui.common.widgets import FitLabel, LogoView
from kiosk.ui.lobby.chrome import Screen, big_button, set_state


class WelcomeScreen(Screen):
    has_top_bar = False

    start_requested = Signal()
    survey_requested = Signal()
    language_chosen = Signal(str)

    def __init__(
        self,
        office_name: str,
        languages: tuple[str, ...] = LANGUAGES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomeScreen")
        self._now: dt.datetime | None = None

        self.logo = LogoView(object_name="WelcomeLogo")
        self.office = FitLabel(office_name, object_name="WelcomeOffice")
        rule = QFrame()
        rule.setObjectName("WelcomeRule")
        rule.setFixedHeight(6)
        self.clock = FitLabel("", object_name="WelcomeClock", squeeze=True)
        self.date = FitLabel("", object_name="WelcomeDate")
        self.title = QLabel()
        self.title.setObjectName("WelcomeTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("WelcomeSubtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.start = big_button("", "StartButton")
        self.start.clicked.connect(self.start_requested)
        self.survey = big_button("", "SurveyButton")
        self.survey.clicked.connect(self.survey_requested)

        self.language_buttons: dict[str, QPushButton] = {}
        lang_row = QHBoxLayout()
        lang_row.setSpacing(0)
        # The survey sits beside the languages: secondary to taking a number.
        lang_row.addWidget(self.survey, 3)
        lang_row.addSpacing(40)
        for lang in languages:
            button = big_button(tr(f"lang.{lang}", lang), "LanguageChoice")
            button.clicked.connect(lambda _=False, code=lang: self.language_chosen.emit(code))
            self.language_buttons[lang] = button
            lang_row.addWidget(button, 2)
            button.setVisible(len(languages) > 1)
        buttons = list(self.language_buttons.values())
        if len(buttons) > 1:
            buttons[0].setProperty("edge", "first")
            buttons[-1].setProperty("edge", "last")

        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start, 4)
        start_row.addStretch(1)
        # The logo (if any) just before the name, the two centred together.
        head_row = QHBoxLayout()
        head_row.setSpacing(28)
        head_row.addStretch(1)
        head_row.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignVCenter)
        head_row.addWidget(self.office)
        head_row.addStretch(1)
        rule_row = QHBoxLayout()
        rule_row.addStretch(2)
        rule_row.addWidget(rule, 1)
        rule_row.addStretch(2)

        col = QVBoxLayout(self)
        col.setContentsMargins(80, 48, 80, 48)
        col.setSpacing(0)
        col.addLayout(head_row)
        col.addSpacing(16)
        col.addLayout(rule_row)
        col.addStretch(1)
        col.addWidget(self.clock)
        col.addWidget(self.date)
        col.addStretch(1)
        col.addWidget(self.title)
        col.addSpacing(8)
        col.addWidget(self.subtitle)
        col.addSpacing(24)
        col.addLayout(start_row)
        col.addSpacing(16)
        col.addStretch(2)
        col.addLayout(lang_row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("welcome.title", self.lang))
        self.subtitle.setText(tr("welcome.subtitle", self.lang))
        self.start.setText(tr("welcome.start", self.lang))
        self.start.setAccessibleName(self.start.text())
        self.survey.setText(tr("welcome.survey", self.lang))
        for lang, button in self.language_buttons.items():
            set_state(button, "chosen", "true" if lang == self.lang else "false")
        if self._now is not None:
            self.date.setText(long_date(self._now.date(), self.lang))

    def set_time(self, now: dt.datetime) -> None:
        self._now = now
        self.clock.setText(time_of_day(now.time(), self.lang))
        self.date.setText(long_date(now.date(), self.lang))
