"""Small widgets the windows share: text that always fits, a crisp QR code, the office
logo."""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QStyle,
    QStyleOption,
    QVBoxLayout,
    QWidget,
)


class FitLabel(QWidget):
    """One line of text in the style sheet's font, shrunk (never grown) until it fits.

    For what must never be clipped or wrapped: the ticket number, the clock, the office
    name. Styled with QSS like a QLabel (font, color, background, padding via margins).
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        object_name: str | None = None,
        squeeze: bool = False,
    ) -> None:
        """``squeeze``: the layout may give it less than a line's height (the text then
        shrinks); otherwise only the width may be short."""
        super().__init__(parent)
        self._text = text
        self._align = align
        self._squeeze = squeeze
        if object_name:
            self.setObjectName(object_name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.updateGeometry()
            self.update()

    def fitted_font(self) -> QFont:
        """The style sheet's font, made smaller if the text would not fit the box: its
        advance must fit the width, its inked height (not the line's) the height."""
        font = QFont(self.font())
        if not self._text:
            return font
        room = self.contentsRect()
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(self._text)
        ink = metrics.tightBoundingRect(self._text).height()
        scale = 1.0
        if width > room.width() > 0:
            scale = room.width() / width
        if ink > room.height() > 0:
            scale = min(scale, room.height() / ink)
        if scale < 1.0:
            size = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF()
            new = max(6.0, size * scale * 0.97)
            if font.pixelSize() > 0:
                font.setPixelSize(int(new))
            else:
                font.setPointSizeF(new)
        return font

    def sizeHint(self) -> QSize:
        m = QFontMetrics(self.font())
        margins = self.contentsMargins()
        return QSize(
            m.horizontalAdvance(self._text) + margins.left() + margins.right(),
            m.height() + margins.top() + margins.bottom(),
        )

    def minimumSizeHint(self) -> QSize:
        margins = self.contentsMargins()
        line = QFontMetrics(self.font()).height()
        return QSize(
            margins.left() + margins.right() + 10,
            (line // 2 if self._squeeze else line) + margins.top() + margins.bottom(),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        opt = QStyleOption()
        opt.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, opt, painter, self)
        if self._text:
            font = self.fitted_font()
            metrics = QFontMetrics(font)
            room = self.contentsRect()
            advance = metrics.horizontalAdvance(self._text)
            if self._align & Qt.AlignmentFlag.AlignLeft:
                x = float(room.left())
            elif self._align & Qt.AlignmentFlag.AlignRight:
                x = float(room.right() - advance)
            else:
                x = room.left() + (room.width() - advance) / 2
            if metrics.height() <= room.height():  # the whole line fits: centre the line
                baseline = room.top() + (room.height() - metrics.height()) / 2 + metrics.ascent()
            else:  # only the ink fits: centre the ink
                ink = metrics.tightBoundingRect(self._text)
                baseline = room.top() + (room.height() - ink.height()) / 2 - ink.top()
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            painter.setFont(font)
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.drawText(QPointF(x, baseline), self._text)
        painter.end()


class QrView(QWidget):
    """A QR code drawn module by module at a whole-pixel module size, on a white quiet zone
    (a scaled bitmap would blur and scan badly)."""

    QUIET = 3  # modules of white around the code

    def __init__(self, parent: QWidget | None = None, *, side: int = 360) -> None:
        super().__init__(parent)
        self._matrix: list[list[bool]] = []
        self._payload = ""
        self._side = side
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def payload(self) -> str:
        return self._payload

    def set_payload(self, text: str) -> None:
        self._payload = text
        if not text:
            self._matrix = []
        else:
            qr = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
            qr.add_data(text)
            qr.make(fit=True)
            self._matrix = [[bool(cell) for cell in row] for row in qr.get_matrix()]
        self.update()

    def set_side(self, side: int) -> None:
        """The largest it grows to; smaller when the layout has less room (never blurred:
        the modules stay whole pixels)."""
        self._side = side
        self.setMaximumSize(side, side)
        self.setMinimumSize(side // 2, side // 2)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(self._side, self._side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        left, top = (self.width() - side) // 2, (self.height() - side) // 2
        painter.fillRect(QRect(left, top, side, side), QColor("white"))
        n = len(self._matrix)
        if n:
            module = max(1, side // (n + 2 * self.QUIET))
            offset_x = left + (side - module * n) // 2
            offset_y = top + (side - module * n) // 2
            black = QColor("black")
            for y, row in enumerate(self._matrix):
                for x, dark in enumerate(row):
                    if dark:
                        painter.fillRect(
                            offset_x + x * module, offset_y + y * module, module, module, black
                        )
        painter.end()


class LogoView(QWidget):
    """The office logo at a given height (at most three times as wide), its aspect ratio
    kept; hidden while there is none (no empty box). The bytes come from the office on a
    worker; decoding them is cheap and happens here, on the GUI thread."""

    def __init__(
        self, parent: QWidget | None = None, *, height: int = 96, object_name: str = "Logo"
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._pixmap = QPixmap()
        self._scaled = QPixmap()
        self._height = height
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.hide()

    @property
    def has_logo(self) -> bool:
        return not self._pixmap.isNull()

    def pixmap(self) -> QPixmap:
        return self._pixmap

    def set_logo(self, data: bytes | None) -> None:
        """Show the image in ``data`` (PNG bytes); None, or bytes Qt cannot read: hide."""
        pixmap = QPixmap()
        if data:
            pixmap.loadFromData(data)
        self._pixmap = pixmap
        self._fit()
        self.setVisible(not pixmap.isNull())

    def set_height(self, height: int) -> None:
        self._height = max(1, height)
        self._fit()

    def _fit(self) -> None:
        if self._pixmap.isNull():
            self._scaled = QPixmap()
            self.setFixedSize(0, 0)
            return
        ratio = self.devicePixelRatioF()
        # A very wide logo is held to three times the height, so the name keeps its room.
        box = QSize(round(3 * self._height * ratio), round(self._height * ratio))
        self._scaled = self._pixmap.scaled(
            box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self._scaled.setDevicePixelRatio(ratio)
        self.setFixedSize(
            max(1, round(self._scaled.width() / ratio)),
            max(1, round(self._scaled.height() / ratio)),
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._scaled.isNull():
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._scaled)
        painter.end()


def title_stack(*items: QWidget | QLayout) -> QVBoxLayout:
    """A screen's title over its subtitle (or a row holding it)."""
    stack = QVBoxLayout()
    stack.setSpacing(6)
    for item in items:
        if isinstance(item, QLayout):
            stack.addLayout(item)
        else:
            stack.addWidget(item)
    return stack


def screen_head(
    back: QWidget, middle: QWidget | QLayout, *trailing: QWidget, spacing: int = 40
) -> QHBoxLayout:
    """The row at the top of a screen: back button, what the screen is, then its actions."""
    center = Qt.AlignmentFlag.AlignVCenter
    head = QHBoxLayout()
    head.setSpacing(spacing)
    head.addWidget(back, 0, center)
    if isinstance(middle, QLayout):
        head.addLayout(middle, 1)
    else:
        head.addWidget(middle, 1, center)
    for widget in trailing:
        head.addWidget(widget, 0, center)
    return head
