"""An import file's rows as cells: CSV (UTF-8, a BOM allowed, "," or ";") or XLSX.

Only reading; what the cells mean is the domain's (domain.appointments.read_bookings).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kiosk.domain.appointments import ImportRefused

#: An office's day is a few hundred rows; a file far past this is not an appointment list.
MAX_FILE_BYTES = 20 * 1024 * 1024

Rows = list[tuple[int, list[object]]]


def read_table(path: Path) -> tuple[list[object], Rows]:
    """The header row and the data rows with their line numbers (the header is line 1)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise ImportRefused(f"{path.name} is {size // (1024 * 1024)} MB: not an appointment list")
    data = path.read_bytes()
    if data[:4] == b"PK\x03\x04":  # a ZIP: XLSX, whatever its name says
        return _xlsx(data, path.name)
    return _csv(data, path.name)


def _csv(data: bytes, name: str) -> tuple[list[object], Rows]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"{name} is not UTF-8 text (byte {exc.start}): save it as CSV UTF-8 or XLSX"
        ) from None
    first = text.split("\n", 1)[0]
    # The separator the header uses: a spreadsheet set to Indonesian writes ";".
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: Rows = []
    header: list[object] | None = None
    try:
        for cells in reader:
            if header is None:
                header = list(cells)
                continue
            rows.append((reader.line_num, list(cells)))
    except csv.Error as exc:
        raise ImportRefused(f"{name}, line {reader.line_num}: {exc}") from None
    if header is None:
        raise ImportRefused(f"{name} is empty")
    return header, rows


def _xlsx(data: bytes, name: str) -> tuple[list[object], Rows]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportRefused(f"{name} cannot be read as XLSX: {exc}") from None
    try:
        sheet = book.worksheets[0]
        rows: Rows = []
        header: list[object] | None = None
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if header is None:
                header = list(cells)
                continue
            rows.append((line, list(cells)))
    finally:
        book.close()
    if header is None:
        raise ImportRefused(f"{name} has no rows")
    return header, rows
