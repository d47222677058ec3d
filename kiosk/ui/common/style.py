"""Style sheets and fonts from ``resources/``, scaled to the screen.

Sizes in the .qss files are pixels for a 1920x1080 screen; ``scaled_qss`` multiplies every
``NNpx`` by the window's scale (1366x768 gives 0.71), so one sheet serves every screen and
touch targets keep their physical proportion. A missing resources folder (an unusual
install) gives a plain, still usable window rather than an error.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# Re-exported: the windows and tests read it from here.
from kiosk.config.paths import resources_dir as resources_dir

log = logging.getLogger(__name__)

DESIGN_WIDTH, DESIGN_HEIGHT = 1920, 1080
#: Preferred UI fonts, first available wins (Noto and DejaVu cover Indonesian and English).
FONT_FAMILIES = ("Noto Sans", "Segoe UI", "Ubuntu", "Cantarell", "DejaVu Sans", "Arial")

_PX = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)px\b")


@cache
def load_qss(name: str) -> str:
    """The text of ``resources/styles/<name>.qss``; empty (and a log line) if missing."""
    base = resources_dir()
    path = base / "styles" / f"{name}.qss" if base else None
    if path is None or not path.is_file():
        log.warning("style sheet %s.qss not found; using Qt's plain style", name)
        return ""
    return path.read_text(encoding="utf-8")


def scale_for(width: int, height: int) -> float:
    """How much smaller (or larger) than the 1920x1080 design this window is."""
    return max(0.4, min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT))


def scaled_qss(text: str, scale: float) -> str:
    """Every ``NNpx`` in ``text`` times ``scale`` (at least 1px where it was non-zero)."""

    def repl(m: re.Match[str]) -> str:
        value = float(m.group(1))
        return f"{max(1, round(value * scale)) if value else 0}px"

    return _PX.sub(repl, text)


def pick_font_family(available: list[str]) -> str | None:
    """The first of FONT_FAMILIES installed here."""
    have = {f.casefold() for f in available}
    return next((f for f in FONT_FAMILIES if f.casefold() in have), None)


def install_app_font(app: QApplication) -> str | None:
    """Use the best available UI font for the whole application; returns its family."""
    family = pick_font_family(QFontDatabase.families())
    if family:
        font = QFont(family)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        app.setFont(font)
    return family
