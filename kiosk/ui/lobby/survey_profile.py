"""The respondent profile: gender, age band, education, occupation (and, for a walk-up,
the service), each one optional; "Lewati" skips them all. Nothing personal is asked."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.config.settings import Settings
from kiosk.survey.definitions import AGE_BANDS, EDUCATION, GENDERS, OCCUPATIONS
from kiosk.ui.common.i18n import CATALOG, tr
from kiosk.ui.common.widgets import screen_head, title_stack
from kiosk.ui.lobby.chrome import Screen, big_button, move_actions, scaled, set_state

FIELDS = ("gender", "age", "education", "occupation", "service")


def two_lines(text: str, fits: int) -> str:
    """``text`` broken in two at the space or hyphen nearest its middle when longer than
    ``fits`` characters (a push button does not wrap by itself)."""
    if len(text) <= fits:
        return text
    breaks = [i for i, ch in enumerate(text) if ch in " -"]
    if not breaks:
        return text
    i = min(breaks, key=lambda i: abs(i - len(text) / 2))
    if text[i] == "-":
        return text[: i + 1] + "\n" + text[i + 1 :]
    return text[:i] + "\n" + text[i + 1 :]


class SurveyProfileScreen(Screen):
    #: The respondent tapped a choice: field name, value ("" when tapped again to clear).
    chosen = Signal(str, str)
    skip_requested = Signal()
    next_requested = Signal()
    back_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SurveyProfileScreen")
        self._services = [(s.code, s.name_id, s.name_en) for s in settings.services]
        self._values: dict[str, str] = {}

        self.title = QLabel()
        self.title.setObjectName("ScreenTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("ScreenSubtitle")
        self.subtitle.setWordWrap(True)
        self.service_chip = QLabel()
        self.service_chip.setObjectName("ServiceChip")
        self.back = big_button("", "BackButton")
        self.back.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.back.clicked.connect(self.back_requested)
        self.skip = big_button("", "SkipButton")
        self.skip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.skip.clicked.connect(self.skip_requested)
        self.next = big_button("", "NextButton")
        self.next.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.next.clicked.connect(self.next_requested)

        options: dict[str, list[str]] = {
            "gender": list(GENDERS),
            "age": [band.code for band in AGE_BANDS],  # the band chosen is what is stored
            "education": list(EDUCATION),
            "occupation": list(OCCUPATIONS),
            "service": [code for code, _, _ in self._services],
        }
        self.captions: dict[str, QLabel] = {}
        self.buttons: dict[str, dict[str, QPushButton]] = {}
        self._rows: dict[str, list[QWidget]] = {}
        grid = self._grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(16)
        width = max(len(v) for v in options.values())
        for r, name in enumerate(FIELDS):
            caption = QLabel()
            caption.setObjectName("ProfileCaption")
            caption.setWordWrap(True)
            self.captions[name] = caption
            grid.addWidget(caption, r, 0)
            self.buttons[name] = {}
            row: list[QWidget] = [caption]
            # Services have long names: their row shares the width among themselves.
            line = QHBoxLayout()
            self._service_line = line
            line.setSpacing(14)
            for c, value in enumerate(options[name]):
                button = big_button("", "ServiceChoice" if name == "service" else "ChoiceButton")
                button.clicked.connect(lambda _=False, f=name, v=value: self._tap(f, v))
                self.buttons[name][value] = button
                if name == "service":
                    line.addWidget(button, 1)
                elif name == "gender":  # two wide buttons
                    grid.addWidget(button, r, 1 + 2 * c, 1, 2)
                else:
                    grid.addWidget(button, r, 1 + c)
                row.append(button)
            if name == "service":
                # A ticket brings its service: shown here instead of the choices.
                line.addWidget(self.service_chip)
                line.addStretch(0)
                grid.addLayout(line, r, 1, 1, width)
            self._rows[name] = row
        for c in range(width):
            grid.setColumnStretch(1 + c, 1)

        titles = title_stack(self.title, self.subtitle)
        # Narrow gaps in the head: at 1024x600 the title needs the room.
        head = self._head = screen_head(self.back, titles, self.skip, self.next, spacing=16)
        self._actions = QHBoxLayout()
        self._actions.setSpacing(32)

        col = self._col = QVBoxLayout(self)
        col.setContentsMargins(56, 28, 56, 28)
        col.setSpacing(0)
        col.addLayout(head)
        col.addSpacing(24)
        col.addLayout(grid)
        col.addStretch(1)
        col.addLayout(self._actions)
        self._options = options
        self._portrait = False
        self._service_name = ("", "")
        self._walk_up = True
        self.retranslate()

    def fit(self, *, portrait: bool, gap: int, scale: float) -> None:
        self._grid.setHorizontalSpacing(max(14, gap))
        self._grid.setVerticalSpacing(max(16, gap))
        self._service_line.setSpacing(max(14, gap))
        self._col.setContentsMargins(*scaled(56, 28, 56, 28, scale=scale))
        move_actions(self._head, self._actions, (self.skip, self.next), portrait=portrait)
        self._actions.setContentsMargins(0, round(24 * scale) if portrait else 0, 0, 0)
        if portrait != self._portrait:
            self._portrait = portrait
            self._lay_grid()

    def _lay_grid(self) -> None:
        """A caption beside its choices. Lying: one row per question, six columns. Upright:
        at most three choices a row (six would not fit their words), the walk-up's services
        too, each caption beside its rows."""
        grid, line = self._grid, self._service_line
        services = self._rows["service"][1:]
        for name in FIELDS:
            widgets = self._rows[name][:1] if name == "service" else self._rows[name]
            for widget in widgets:
                grid.removeWidget(widget)
        for button in services:
            grid.removeWidget(button)
            line.removeWidget(button)
        grid.removeItem(line)
        for c in range(grid.columnCount()):
            grid.setColumnStretch(c, 0)
        units = 6  # columns of the choices: a third of a row is 2, a half 3
        r = 0
        for name in FIELDS:
            caption, *choices = self._rows[name]
            if name == "service" and not self._portrait:
                for i, button in enumerate(choices):
                    line.insertWidget(i, button, 1)
                grid.addWidget(caption, r, 0)
                grid.addLayout(line, r, 1, 1, units)
                r += 1
                continue
            per_line = len(choices) if name == "gender" else 3 if self._portrait else 6
            span = units // per_line
            lines = -(-len(choices) // per_line)
            for i, button in enumerate(choices):
                grid.addWidget(button, r + i // per_line, 1 + (i % per_line) * span, 1, span)
            if name == "service":  # a ticket's service, in words, under the choices
                grid.addLayout(line, r + lines, 1, 1, units)
                lines += 1
            grid.addWidget(caption, r, 0, lines, 1)
            r += lines
        for c in range(units):
            grid.setColumnStretch(1 + c, 1)

    # -- use ----------------------------------------------------------------------------------
    def start(self, walk_up: bool, service_names: tuple[str, str] = ("", "")) -> None:
        """A fresh profile; a walk-up picks a service here, a ticket brings its own."""
        self._values = {}
        self._service_name = service_names
        self._walk_up = walk_up
        for widget in self._rows["service"][1:]:
            widget.setVisible(walk_up)
        self._refresh()
        self.retranslate()

    def _tap(self, name: str, value: str) -> None:
        value = "" if self._values.get(name) == value else value
        if value:
            self._values[name] = value
        else:
            self._values.pop(name, None)
        self._refresh()
        self.chosen.emit(name, value)

    def _refresh(self) -> None:
        for name, buttons in self.buttons.items():
            for value, button in buttons.items():
                set_state(button, "chosen", "true" if self._values.get(name) == value else "false")

    def retranslate(self) -> None:
        en = self.lang == "en"
        self.title.setText(tr("survey.profile.title", self.lang))
        self.subtitle.setText(tr("survey.profile.subtitle", self.lang))
        self.back.setText("←  " + tr("nav.back", self.lang))
        self.skip.setText(tr("survey.profile.skip", self.lang))
        self.next.setText(tr("survey.profile.next", self.lang))
        for name, caption in self.captions.items():
            caption.setText(tr(f"survey.profile.{name}", self.lang))
        for value, button in self.buttons["gender"].items():
            button.setText(tr(f"survey.gender.{value}", self.lang))
        for band in AGE_BANDS:
            self.buttons["age"][band.code].setText(band.label)
        for value, button in self.buttons["education"].items():
            button.setText(value)
        for value, button in self.buttons["occupation"].items():
            key = f"survey.occupation.{value}"
            button.setText(two_lines(tr(key, self.lang) if key in CATALOG else value, 10))
        names = {code: (name_en if en else name_id) for code, name_id, name_en in self._services}
        for value, button in self.buttons["service"].items():
            button.setText(two_lines(names[value], 14).replace("&", "&&"))
            button.setAccessibleName(names[value])
        name = self._service_name[1 if en else 0]
        self.service_chip.setText(name)
        self.service_chip.setVisible(bool(name) and not self._walk_up)
        self.captions["service"].setVisible(self._walk_up or bool(name))
