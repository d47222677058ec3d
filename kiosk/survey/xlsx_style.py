"""The recap workbook's cell styles and the two ways it writes a cell (a header row, a
boxed value), shared by its sheets."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from kiosk.survey.export import xlsx_text

HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
SUM_FILL = PatternFill("solid", fgColor="E3ECF5")
HEAD_FONT = Font(bold=True, color="FFFFFF")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
SUBTITLE = Font(bold=True, size=12)
MUTED = Font(italic=True, size=9, color="5F6B76")
THIN = Side(style="thin", color="B8C4CE")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)


def header_row(ws: Worksheet, row: int, values: list[str], first_col: int = 1) -> None:
    for i, value in enumerate(values):
        cell = ws.cell(row=row, column=first_col + i, value=xlsx_text(value))
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
        cell.alignment = CENTRE
        cell.border = BOX


def put(ws: Worksheet, row: int, col: int, value: Any, fmt: str | None = None) -> Any:
    cell = ws.cell(row=row, column=col)
    if value is not None:
        cell.value = xlsx_text(value) if isinstance(value, str) else value
        if isinstance(value, str):
            cell.data_type = "s"  # text from the configuration or the public: never a formula
    if fmt:
        cell.number_format = fmt
    cell.border = BOX
    return cell
