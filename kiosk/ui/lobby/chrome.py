"""The parts around the screens: the office clock, the top bar, the language button, and
the base every screen shares."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.domain.dates import time_of_day
from kiosk.ui.common.i18n import LANGUAGES, tr
from kiosk.ui.common.widgets import FitLabel, LogoView


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property used by a selector changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_state(widget: QWidget, name: str, value: str, *, children: bool = True) -> None:
    """Set a style property (``[state="..."]`` in the .qss) on a widget and its children."""
    targets = [widget, *widget.findChildren(QWidget)] if children else [widget]
    for w in targets:
        if w.property(name) != value:
            w.setProperty(name, value)
            repolish(w)


class LanguageButton(QPushButton):
    """One tap switches language: shows the name of the other language in that language."""

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LanguageButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._lang = LANGUAGES[0]
        self._languages: tuple[str, ...] = LANGUAGES
        self.clicked.connect(self._toggle)
        self.set_language(self._lang)

    @property
    def lang(self) -> str:
        """The language the screen is in (the button offers the other)."""
        return self._lang

    def set_languages(self, languages: tuple[str, ...]) -> None:
        self._languages = languages
        self.setVisible(len(languages) > 1)

    def target(self) -> str:
        others = [lang for lang in self._languages if lang != self._lang]
        return others[0] if others else self._lang

    def set_language(self, lang: str) -> None:
        self._lang = lang
        target = self.target()
        self.setText(tr(f"lang.{target}", target))
        self.setAccessibleName(tr(f"lang.{target}", target))

    def _toggle(self) -> None:
        self.language_chosen.emit(self.target())


class TopBar(QFrame):
    """The office's logo (if any) and name on the left; the clock and the language button
    on the right."""

    def __init__(self, office_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        # Wrapped onto two lines rather than shrunk: a long name on an upright screen
        # would otherwise fall far below the 4 mm the rest of the text keeps.
        self.office = QLabel(office_name)
        self.office.setWordWrap(True)
        self.office.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.office.setObjectName("TopBarOffice")
        self.logo = LogoView(object_name="TopBarLogo")
        self.clock = FitLabel("", align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock.setObjectName("TopBarClock")
        self.clock.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.language = LanguageButton()
        row = QHBoxLayout(self)
        row.setContentsMargins(40, 0, 28, 0)
        row.setSpacing(32)
        row.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.office, 1)
        row.addWidget(self.clock)
        row.addWidget(self.language)

    def set_time(self, now: dt.datetime) -> None:
        self.clock.setText(time_of_day(now.time(), self.language.lang))


class Screen(QWidget):
    """A full-window page of the kiosk. Subclasses show texts in the current language."""

    #: Whether the top bar (office, clock, language) shows above this screen.
    has_top_bar = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = LANGUAGES[0]

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        raise NotImplementedError

    def set_time(self, now: dt.datetime) -> None:
        """Called every second with the office-local time (for screens that show it)."""

    def fit(self, *, portrait: bool, gap: int, scale: float) -> None:
        """The window's size changed: lay out for its orientation (``portrait``: upright),
        with at least ``gap`` pixels (2 mm on the panel) between touch targets; ``scale``
        is the style sheet's (margins written in code scale with it)."""


def scaled(*design: int, scale: float) -> tuple[int, ...]:
    """Pixels written for the 1920x1080 design at ``scale``."""
    return tuple(round(v * scale) for v in design)


def move_actions(
    head: QBoxLayout, bottom: QBoxLayout, actions: tuple[QWidget, ...], *, portrait: bool
) -> None:
    """A screen's actions (Lewati, Lanjut) at the end of its head row when lying; upright,
    where the head has no room beside the title, in a row of their own at the bottom."""
    target = bottom if portrait else head
    if target.indexOf(actions[0]) >= 0:
        return
    for widget in actions:
        (head if portrait else bottom).removeWidget(widget)
    if portrait:
        bottom.addStretch(1)
    else:
        while bottom.count():
            bottom.takeAt(0)
    for widget in actions:
        target.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)


def big_button(text: str, object_name: str, parent: QWidget | None = None) -> QPushButton:
    """A touch button: no keyboard focus ring, large target (sizes come from the .qss)."""
    button = QPushButton(text, parent)
    button.setObjectName(object_name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button
