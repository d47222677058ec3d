"""Small parts the desktop windows (counter, admin) share: style-state helpers, a plain
label, and the language button. (The kiosk's touch-sized versions live with the kiosk.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.ui.common.i18n import LANGUAGES, tr


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property used by a selector changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_state(widget: QWidget, value: str, name: str = "state") -> None:
    """Set a style property (``[state="..."]`` in the .qss) on one widget."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        repolish(widget)


def label(object_name: str, *, wrap: bool = False) -> QLabel:
    widget = QLabel()
    widget.setObjectName(object_name)
    # No automatic indent: a label with a padded style box would otherwise sit a few pixels
    # off the edge its neighbours start at.
    widget.setIndent(0)
    widget.setWordWrap(wrap)
    return widget


class LanguageButton(QPushButton):
    """Switches between Bahasa Indonesia and English; shows the other language's name."""

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LanguageButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._lang = LANGUAGES[0]
        self.clicked.connect(lambda: self.language_chosen.emit(self.target()))
        self.set_language(self._lang)

    def target(self) -> str:
        return next(lang for lang in LANGUAGES if lang != self._lang)

    def set_language(self, lang: str) -> None:
        self._lang = lang
        target = self.target()
        self.setText(tr(f"lang.{target}", target))
