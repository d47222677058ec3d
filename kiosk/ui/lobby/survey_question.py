"""One survey question per screen: the element, the question, and four large answer
buttons with the regulation's labels (lowest first), progress "3 / 9" and a way back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.survey.model import Element
from kiosk.ui.common.i18n import tr
from kiosk.ui.common.widgets import screen_head
from kiosk.ui.lobby.chrome import Screen, big_button, set_state


class SurveyQuestionScreen(Screen):
    #: The value on the survey's scale (1..4 for the SKM).
    answered = Signal(int)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SurveyQuestionScreen")
        self._element: Element | None = None
        self._n = self._total = 0
        self._scale_min = 1
        self._chosen: int | None = None

        self.back = big_button("", "BackButton")
        self.back.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.back.clicked.connect(self.back_requested)
        self.progress = QLabel()
        self.progress.setObjectName("SurveyProgress")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.element = QLabel()
        self.element.setObjectName("SurveyElement")
        self.question = QLabel()
        self.question.setObjectName("SurveyQuestion")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.answers: list[QPushButton] = []
        grid = QGridLayout()
        grid.setSpacing(28)
        for i in range(4):
            button = big_button("", "AnswerButton")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.clicked.connect(lambda _=False, i=i: self.answered.emit(self._scale_min + i))
            self.answers.append(button)
            grid.addWidget(button, i // 2, i % 2)

        head = screen_head(self.back, self.element, self.progress)

        col = QVBoxLayout(self)
        col.setContentsMargins(56, 32, 56, 40)
        col.setSpacing(0)
        col.addLayout(head)
        col.addSpacing(24)
        col.addWidget(self.question)
        col.addSpacing(32)
        col.addLayout(grid, 1)
        self.retranslate()

    def show_question(
        self, element: Element, n: int, total: int, scale_min: int, chosen: int | None
    ) -> None:
        """Question ``n`` of ``total``; ``chosen`` marks an earlier answer (after "back")."""
        self._element, self._n, self._total = element, n, total
        self._scale_min, self._chosen = scale_min, chosen
        self.retranslate()

    def retranslate(self) -> None:
        self.back.setText("←  " + tr("nav.back", self.lang))
        self.progress.setText(
            tr("survey.question.progress", self.lang, n=self._n, total=self._total)
        )
        element = self._element
        if element is None:
            return
        en = self.lang == "en"
        self.element.setText(element.name_en if en else element.name_id)
        self.question.setText(element.question_en if en else element.question_id)
        labels = element.labels_en if en else element.labels_id
        for i, button in enumerate(self.answers):
            label = labels[i] if i < len(labels) else ""
            button.setText(label.replace("&", "&&"))
            button.setAccessibleName(label)
            button.setVisible(i < len(labels))
            value = self._scale_min + i
            set_state(button, "chosen", "true" if value == self._chosen else "false")
