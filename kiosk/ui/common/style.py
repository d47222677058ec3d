"""Style sheets and fonts from ``resources/``, scaled to the screen.

Sizes in the .qss files are pixels for a 1920x1080 screen (1080x1920 upright); ``scaled_qss``
multiplies every ``NNpx`` by the window's scale (1366x768 gives 0.71), so one sheet serves
every screen and touch targets keep their physical proportion. Text does not shrink with
it below a floor: ``font_floor_px`` is the pixel size whose x-height is ``X_HEIGHT_MM`` on
the panel (its diagonal from the configuration, its resolution the window's), what elderly
readers need at arm's length. A missing resources folder (an unusual install) gives a
plain, still usable window rather than an error.
"""

from __future__ import annotations

import logging
import math
import re
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import QApplication

# Re-exported: the windows and tests read it from here.
from kiosk.config.paths import resources_dir as resources_dir

log = logging.getLogger(__name__)

DESIGN_WIDTH, DESIGN_HEIGHT = 1920, 1080
#: The smallest x-height any text may have on the panel, and the least gap between two
#: touch targets (guidance for elderly users at arm's length).
X_HEIGHT_MM, TARGET_GAP_MM = 4.0, 2.0
MM_PER_INCH = 25.4
#: Preferred UI fonts, first available wins (Noto and DejaVu cover Indonesian and English).
FONT_FAMILIES = ("Noto Sans", "Segoe UI", "Ubuntu", "Cantarell", "DejaVu Sans", "Arial")

_PX = re.compile(r"(font-size:\s*)?(?<![\w.])(\d+(?:\.\d+)?)px\b")


@cache
def load_qss(name: str) -> str:
    """The text of ``resources/styles/<name>.qss``; empty (and a log line) if missing."""
    base = resources_dir()
    path = base / "styles" / f"{name}.qss" if base else None
    if path is None or not path.is_file():
        log.warning("style sheet %s.qss not found; using Qt's plain style", name)
        return ""
    return path.read_text(encoding="utf-8")


def scale_for(width: int, height: int, *, upright: bool = False) -> float:
    """How much smaller (or larger) than the 1920x1080 design this window is; ``upright``:
    a portrait window against 1080x1920 (a window with its own portrait layout, like the
    lobby's floor kiosk, rather than the landscape one squeezed)."""
    design_w, design_h = (
        (DESIGN_HEIGHT, DESIGN_WIDTH)
        if upright and height > width
        else (DESIGN_WIDTH, DESIGN_HEIGHT)
    )
    return max(0.4, min(width / design_w, height / design_h))


def panel_dpi(width: int, height: int, diagonal_inches: float) -> float:
    """Pixels per inch of a panel ``diagonal_inches`` across showing ``width`` x ``height``."""
    return math.hypot(width, height) / diagonal_inches


def mm_to_px(mm: float, dpi: float) -> int:
    """At least ``mm`` millimetres in whole pixels."""
    return math.ceil(mm * dpi / MM_PER_INCH - 1e-9)


def x_height_ratio(font: QFont) -> float:
    """The font's x-height per pixel of size (Noto Sans 0.54, DejaVu Sans 0.55)."""
    probe = QFont(font)
    probe.setPixelSize(200)
    return QFontMetricsF(probe).xHeight() / 200


def font_floor_px(dpi: float, font: QFont | None = None) -> int:
    """The smallest pixel size whose x-height is ``X_HEIGHT_MM`` at ``dpi``."""
    ratio = x_height_ratio(font if font is not None else QApplication.font())
    return math.ceil(X_HEIGHT_MM * dpi / MM_PER_INCH / ratio - 1e-9)


def scaled_qss(text: str, scale: float, font_floor: int = 0) -> str:
    """Every ``NNpx`` in ``text`` times ``scale`` (at least 1px where it was non-zero);
    a ``font-size`` never below ``font_floor`` pixels."""

    def repl(m: re.Match[str]) -> str:
        value = float(m.group(2))
        if m.group(1):  # a font size
            return f"{m.group(1)}{max(font_floor, 1, round(value * scale))}px"
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
