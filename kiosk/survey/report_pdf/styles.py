"""The recap's page geometry, colours, fonts and paragraph styles, and the grid every table
shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 18 * mm
BODY_W = PAGE_W - 2 * MARGIN_X

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5F6B76")
HEAD_BG = colors.HexColor("#1F4E79")
BAND_BG = colors.HexColor("#F2F6FA")
RULE = colors.HexColor("#B8C4CE")
SUM_BG = colors.HexColor("#E3ECF5")

# Fonts with the whole of Latin and more, for what the public types; Helvetica otherwise
# (whose WinAnsi encoding covers Indonesian, but not every character a suggestion holds).
_FONT_CANDIDATES = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"),
    (
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    ),
)
_fonts: tuple[str, str] | None = None


def font_names() -> tuple[str, str]:
    """(regular, bold) font names, registered once per process."""
    global _fonts
    if _fonts is None:
        _fonts = ("Helvetica", "Helvetica-Bold")
        for regular, bold in _FONT_CANDIDATES:
            if Path(regular).is_file() and Path(bold).is_file():
                try:
                    pdfmetrics.registerFont(TTFont("KioskSans", regular))
                    pdfmetrics.registerFont(TTFont("KioskSans-Bold", bold))
                except Exception:  # a broken font file: keep Helvetica
                    continue
                _fonts = ("KioskSans", "KioskSans-Bold")
                break
    return _fonts


class Styles:
    def __init__(self) -> None:
        regular, bold = font_names()
        self.regular, self.bold = regular, bold
        base = ParagraphStyle("base", fontName=regular, fontSize=9, leading=12, textColor=INK)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=7.5, leading=9.5, textColor=MUTED)
        self.title = ParagraphStyle(
            "title", base, fontName=bold, fontSize=14, leading=18, alignment=TA_CENTER
        )
        self.office = ParagraphStyle(
            "office", base, fontName=bold, fontSize=12, leading=15, alignment=TA_CENTER
        )
        self.centre = ParagraphStyle("centre", base, fontSize=10, leading=13, alignment=TA_CENTER)
        self.centre_small = ParagraphStyle("centre_small", self.small, alignment=TA_CENTER)
        self.h2 = ParagraphStyle(
            "h2",
            base,
            fontName=bold,
            fontSize=10.5,
            leading=14,
            spaceBefore=10,
            spaceAfter=5,
            textColor=HEAD_BG,
        )
        self.cell = ParagraphStyle("cell", base, fontSize=8.5, leading=10.5)
        self.cell_head = ParagraphStyle(
            "cell_head", self.cell, fontName=bold, textColor=colors.white, alignment=TA_CENTER
        )
        self.kpi_label = ParagraphStyle(
            "kpi_label", base, fontSize=7.5, leading=9, textColor=MUTED, alignment=TA_CENTER
        )
        self.kpi_value = ParagraphStyle(
            "kpi_value", base, fontName=bold, fontSize=16, leading=19, alignment=TA_CENTER
        )
        self.note = ParagraphStyle("note", base, fontSize=9.5, leading=13)


def grid(
    header_rows: int = 1, *, font: str, bold: str, stripes: bool = True
) -> list[tuple[Any, ...]]:
    """The table style commands every table starts from: a dark header, rules, stripes."""
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 8.5, 10.5),
        ("FONT", (0, 0), (-1, header_rows - 1), bold, 8.5, 10.5),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, HEAD_BG),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if stripes:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, BAND_BG]))
    return cmds
