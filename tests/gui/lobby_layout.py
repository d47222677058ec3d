"""What the lobby's layout test and its figures read from a shown kiosk window's widget
tree: children outside their parent, siblings overlapping or closer than the touch-target
gap, text that does not fit its widget, the smallest x-height (mm on the panel) and the
lowest text contrast (from the rendered pixels) of a screen.

``python -m tests.gui.lobby_layout`` prints the figures for every screen at every size.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QLayout,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from kiosk.bootstrap import make_printer
from kiosk.office import Office
from kiosk.tools.demo import demo_admin
from kiosk.tools.demo.logo import demo_logo
from kiosk.ui.common.style import MM_PER_INCH, TARGET_GAP_MM, mm_to_px
from kiosk.ui.common.widgets import FitLabel
from kiosk.ui.lobby.screenshots import (
    SIZES,
    book_demo_appointment,
    demo_settings,
    use_up_quota,
    walk_lobby,
)
from kiosk.ui.lobby.window import KioskWindow


def _shown(w: QWidget) -> bool:
    return w.isVisible() and w.width() > 0 and w.height() > 0


def _children(w: QWidget) -> list[QWidget]:
    if isinstance(w, QAbstractScrollArea):
        return []  # its viewport and scroll bars are Qt's business
    return [c for c in w.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if _shown(c) and not c.objectName().startswith("qt_")]  # fmt: skip


def _in_layout(layout: QLayout | None, w: QWidget) -> bool:
    if layout is None:
        return False
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is w:
            return True
        if _in_layout(item.layout(), w):
            return True
    return False


def _name(w: QWidget) -> str:
    text = w.text() if isinstance(w, QLabel | QPushButton | FitLabel) else ""
    label = f"{type(w).__name__}#{w.objectName() or '?'}"
    return f"{label} {text[:40]!r}" if text else label


def _gap(a: QRect, b: QRect) -> int:
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
    return max(dx, dy)


def _text_room(w: QLabel | QPushButton) -> QRect:
    if isinstance(w, QPushButton):
        opt = QStyleOptionButton()
        w.initStyleOption(opt)
        return w.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, w)
    room = w.contentsRect()
    m = w.margin()
    return room.adjusted(m, m, -m, -m)


def text_overflow(w: QLabel | QPushButton) -> str | None:
    """Why ``w``'s text does not fit it (None: it fits)."""
    text = w.text()
    if not text or (isinstance(w, QLabel) and (w.textFormat() == Qt.TextFormat.RichText)):
        return None
    if isinstance(w, QPushButton):
        text = text.replace("&&", "&")
    room = _text_room(w)
    metrics = w.fontMetrics()
    wrap = isinstance(w, QLabel) and w.wordWrap()
    flags = Qt.TextFlag.TextWordWrap if wrap else Qt.TextFlag(0)
    width = room.width() if wrap else 100_000
    need = metrics.boundingRect(QRect(0, 0, width, 100_000), int(flags), text)
    if need.width() > room.width() + 1 or need.height() > room.height() + 1:
        return f"text {need.width()}x{need.height()} in {room.width()}x{room.height()}"
    return None


def layout_problems(root: QWidget, gap: int) -> list[str]:
    """Every visible child outside its parent, overlapping a sibling of the same layout (or
    two buttons of one layout closer than ``gap`` px), and every text that does not fit."""
    found: list[str] = []

    def walk(parent: QWidget) -> None:
        kids = _children(parent)
        inside = parent.rect()
        for child in kids:
            if not inside.contains(child.geometry()):
                found.append(f"{_name(child)} {child.geometry()} outside {_name(parent)} {inside}")
            if isinstance(child, QLabel | QPushButton):
                why = text_overflow(child)
                if why:
                    found.append(f"{_name(child)}: {why}")
        laid = [c for c in kids if _in_layout(parent.layout(), c)]
        for i, a in enumerate(laid):
            for b in laid[i + 1 :]:
                if a.geometry().intersects(b.geometry()):
                    found.append(f"{_name(a)} overlaps {_name(b)} in {_name(parent)}")
                elif (isinstance(a, QPushButton) and isinstance(b, QPushButton)
                      and _gap(a.geometry(), b.geometry()) < gap):  # fmt: skip
                    found.append(
                        f"{_name(a)} {_gap(a.geometry(), b.geometry())} px from {_name(b)}"
                        f" (< {gap} px, 2 mm)"
                    )
        for child in kids:
            walk(child)

    walk(root)
    return found


# -- figures ---------------------------------------------------------------------------------
def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _background(image: QImage, rect: QRect) -> QColor:
    """The commonest colour in ``rect`` of the render (text covers far less of it)."""
    seen: Counter[int] = Counter()
    step = max(1, min(rect.width(), rect.height()) // 12)
    for y in range(rect.top(), rect.bottom() + 1, step):
        for x in range(rect.left(), rect.right() + 1, step):
            if image.valid(x, y):
                seen[image.pixel(x, y)] += 1
    return QColor.fromRgb(seen.most_common(1)[0][0]) if seen else QColor("white")


@dataclass(frozen=True)
class TextFigure:
    widget: str
    x_height_mm: float
    contrast: float


def text_figures(root: QWidget, dpi: float) -> list[TextFigure]:
    """Each visible text's x-height on the panel and its contrast against the rendered
    background behind it."""
    image = root.grab().toImage()
    out: list[TextFigure] = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, QLabel | QPushButton | FitLabel) or not w.text():
            continue
        if not w.isVisibleTo(root) or not _shown(w):
            continue
        font = w.fitted_font() if isinstance(w, FitLabel) else w.font()
        x_mm = QFontMetricsF(font).xHeight() / dpi * MM_PER_INCH
        where = QRect(w.mapTo(root, w.rect().topLeft()), w.size())
        ink = w.palette().color(w.foregroundRole())
        out.append(TextFigure(_name(w), x_mm, contrast(ink, _background(image, where))))
    return out


# -- the walk --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScreenReport:
    screen: str
    lang: str
    size: tuple[int, int]
    problems: list[str]
    figures: list[TextFigure]

    @property
    def smallest(self) -> TextFigure:
        return min(self.figures, key=lambda f: f.x_height_mm)

    @property
    def faintest(self) -> TextFigure:
        return min(self.figures, key=lambda f: f.contrast)


def survey_lobby(tmp: Path, sizes: Sequence[tuple[int, int]]) -> list[ScreenReport]:
    """The demo office of ``kiosk screenshots`` in ``tmp``; every lobby screen at each size,
    in each language, checked and measured."""
    settings = demo_settings(tmp / "slips")
    reports: list[ScreenReport] = []

    def look(window: KioskWindow, screen: str, lang: str, size: tuple[int, int]) -> None:
        gap = mm_to_px(TARGET_GAP_MM, window.dpi)
        assert window.size().width() == size[0], "the window did not take the size"
        reports.append(
            ScreenReport(
                screen,
                lang,
                size,
                layout_problems(window, gap),
                # Under the PIN pad's veil only the pad is to be read.
                text_figures(window.pinpad if window.pinpad.isVisible() else window, window.dpi),
            )
        )

    with Office.open(f"sqlite:///{tmp / 'lobby.db'}", settings=settings) as office:
        with demo_admin(office) as admin:  # the logo takes room in the top bar
            office.set_logo(demo_logo(), session=admin)
            book_demo_appointment(office, admin)  # the home screen's check-in entry
        use_up_quota(office)
        walk_lobby(settings, office, make_printer(settings), sizes, look)
    return reports


def main() -> None:
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    with tempfile.TemporaryDirectory() as tmp:
        reports = survey_lobby(Path(tmp), SIZES)
    print(
        f"{'size':>9} {'lang':4} {'screen':26} {'x-height mm':>11} {'contrast':>8}"
        "  smallest; faintest"
    )
    for r in reports:
        small, faint = r.smallest, r.faintest
        print(
            f"{r.size[0]}x{r.size[1]:<4} {r.lang:4} {r.screen:26} {small.x_height_mm:11.2f}"
            f" {faint.contrast:8.1f}  {small.widget[:34]}; {faint.widget[:34]}"
        )
        for problem in r.problems:
            print("    !", problem)


if __name__ == "__main__":
    main()
