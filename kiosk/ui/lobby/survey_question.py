"""One survey question per screen: the element, the question, and the four answers in one
row from worst (left) to best (right), each a face from frown to smile on a colour from red
to green with the regulation's label under it; "Lewati" skips the question, "Selesai" ends
the survey early with what was answered; progress "3 / 9" and a way back."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.survey.model import Element
from kiosk.ui.common.i18n import tr
from kiosk.ui.common.widgets import screen_head
from kiosk.ui.lobby.chrome import Screen, big_button, scaled, set_state

#: The mouth's bend from the worst answer to the best: -1 a full frown, 1 a full smile.
SMILES = (-1.0, -0.4, 0.4, 1.0)


class AnswerButton(QPushButton):
    """One answer: a face drawn above its label. The colour is the .qss's ``[level]``."""

    def __init__(self, level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AnswerButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setProperty("level", str(level))
        self.smile = SMILES[level - 1]
        #: The row's buttons: every face in it is drawn the same size.
        self.row: list[AnswerButton] = [self]
        self.label = QLabel()
        self.label.setObjectName("AnswerLabel")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        col = self._col = QVBoxLayout(self)
        col.setContentsMargins(12, 0, 12, 16)
        col.addStretch(3)
        col.addWidget(self.label, 2)

    def fit(self, scale: float) -> None:
        self._col.setContentsMargins(*scaled(12, 0, 12, 16, scale=scale))

    def set_label(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)

    def face_rect(self) -> QRectF:
        """The square the face is drawn in: centred above the label, and no larger than the
        room above the row's longest label, so the faces of a row match."""
        top = 0.07 * self.height()
        label_top = min(b.label.y() for b in self.row if b.isVisible() or b is self)
        bottom = label_top - 0.03 * self.height()
        side = max(0.0, min(bottom - top, self.width() * 0.62))
        return QRectF((self.width() - side) / 2, top + (bottom - top - side) / 2, side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        face = self.face_rect()
        if face.width() < 8:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = QColor(self.label.palette().color(self.label.foregroundRole()))
        pen = QPen(ink, max(2.0, face.width() * 0.07))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(face.adjusted(pen.widthF(), pen.widthF(), -pen.widthF(), -pen.widthF()))
        s, x, y = face.width(), face.x(), face.y()
        painter.setBrush(ink)
        painter.setPen(Qt.PenStyle.NoPen)
        eye = s * 0.075
        for ex in (0.35, 0.65):
            painter.drawEllipse(QPointF(x + ex * s, y + 0.38 * s), eye, eye)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        mouth = QPainterPath()
        mouth_y = y + 0.66 * s - self.smile * 0.06 * s
        mouth.moveTo(x + 0.30 * s, mouth_y)
        bend = QPointF(x + 0.5 * s, mouth_y + self.smile * 0.24 * s)
        mouth.quadTo(bend, QPointF(x + 0.70 * s, mouth_y))
        painter.drawPath(mouth)
        painter.end()


class SurveyQuestionScreen(Screen):
    #: The value on the survey's scale (1..4 for the SKM).
    answered = Signal(int)
    back_requested = Signal()
    #: "Lewati": no answer to this question.
    skip_requested = Signal()
    #: "Selesai": store what was answered and end.
    finish_requested = Signal()

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
        # "Penanganan Pengaduan, Saran, dan Masukan" takes two lines beside the back button
        # on a small screen rather than being cut.
        self.element.setWordWrap(True)
        self.question = QLabel()
        self.question.setObjectName("SurveyQuestion")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.answers: list[AnswerButton] = []
        row = self._row = QHBoxLayout()
        row.setSpacing(28)
        for i in range(len(SMILES)):
            button = AnswerButton(i + 1)
            button.clicked.connect(lambda _=False, i=i: self.answered.emit(self._scale_min + i))
            self.answers.append(button)
            row.addWidget(button, 1)
        for button in self.answers:
            button.row = self.answers
        self.skip = big_button("", "SkipButton")
        self.skip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.skip.clicked.connect(self.skip_requested)
        self.finish = big_button("", "FinishButton")
        self.finish.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.finish.clicked.connect(self.finish_requested)
        actions = QHBoxLayout()
        actions.setSpacing(28)
        actions.addWidget(self.skip)
        actions.addStretch(1)
        actions.addWidget(self.finish)

        head = self._head = screen_head(self.back, self.element, self.progress)

        col = self._col = QVBoxLayout(self)
        col.setContentsMargins(56, 32, 56, 40)
        col.setSpacing(0)
        col.addLayout(head)
        col.addSpacing(24)
        col.addWidget(self.question)
        col.addSpacing(32)
        col.addLayout(row, 1)
        # Takes what the answers (capped in height upright) leave, so the question stays
        # under the head and the actions at the bottom.
        col.addStretch(0)
        col.addSpacing(28)
        col.addLayout(actions)
        self.retranslate()

    def show_question(
        self,
        element: Element,
        n: int,
        total: int,
        scale_min: int,
        chosen: int | None,
        *,
        can_finish: bool = False,
    ) -> None:
        """Question ``n`` of ``total``; ``chosen`` marks an earlier answer (after "back");
        ``can_finish``: something is answered, so "Selesai" has something to store."""
        self._element, self._n, self._total = element, n, total
        self._scale_min, self._chosen = scale_min, chosen
        self.finish.setVisible(can_finish)
        self.retranslate()

    def fit(self, *, portrait: bool, gap: int, scale: float) -> None:
        # Upright the four answers share less width: closer together, so their words fit.
        self._row.setSpacing(max(gap, 12 if portrait else 28))
        self._col.setContentsMargins(*scaled(56, 32, 56, 40, scale=scale))
        self._head.setSpacing(round(40 * scale))
        for button in self.answers:
            button.fit(scale)

    @property
    def number(self) -> int:
        """Which question is shown (1 the first; 0 none yet)."""
        return self._n

    def retranslate(self) -> None:
        self.back.setText("←  " + tr("nav.back", self.lang))
        self.skip.setText(tr("survey.question.skip", self.lang))
        self.finish.setText(tr("survey.question.finish", self.lang))
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
            button.set_label(label)
            button.setVisible(i < len(labels))
            value = self._scale_min + i
            set_state(button, "chosen", "true" if value == self._chosen else "false")
