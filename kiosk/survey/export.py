"""The daily export: one row per survey response, as CSV (for Excel) or XLSX.

Plain data in, a file out: the rows are :class:`ResponseRow` values the facade returns, the
columns follow product.md (timestamp, ticket, service, counter, profile, the elements by code
in the definition's order, suggestion) with Indonesian headers.

CSV is UTF-8 with a byte-order mark (``utf-8-sig``) so Excel opens Indonesian text right.
Suggestions are typed by the public: one that starts like a formula (``=``, ``+``, ``-``,
``@``) gets a leading apostrophe in the CSV, which Excel shows as text instead of running
it (CSV injection). The XLSX stores every text as a string cell, so it needs no escaping;
it drops the control characters XML cannot hold (``xlsx_text``), so a suggestion stored
before they were refused still exports.

``check_target`` decides whether a file may be written at all: never over an office
database (or its -wal/-shm/-journal), a backup or the configuration; over any other
existing file only when the person said so (``--force``, or Yes in the admin window).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Literal

from kiosk.domain.errors import KioskError
from kiosk.survey.model import ResponseRow, SurveyDefinition

Format = Literal["csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx")

#: Headers before the element codes, and after them.
LEAD_HEADERS = (
    "Waktu",
    "Tiket",
    "Layanan",
    "Loket",
    "Jenis Kelamin",
    "Umur",
    "Pendidikan",
    "Pekerjaan",
)
TAIL_HEADERS = ("Saran",)
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
#: What a spreadsheet may take for the start of a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | dt.datetime | None

#: What openpyxl refuses in a cell (IllegalCharacterError): C0 controls other than tab,
#: newline and carriage return (the same set as openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE).
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: The first bytes of every SQLite database file.
SQLITE_MAGIC = b"SQLite format 3\x00"
#: Files SQLite keeps beside a database while it is in use.
_SIDE_FILES = ("-wal", "-shm", "-journal")


class OutFileRefused(KioskError):
    """The file named for an export may not be written (nothing was written).

    ``why`` says which rule refused it, so a window can word it in its own language:
    "own" (one of the office's files), "database" (an SQLite database or a file beside
    one), "folder", or "exists" (replacing needs the person's yes, or --force)."""

    def __init__(self, message: str, path: Path, why: str) -> None:
        super().__init__(message)
        self.path = path
        self.why = why


def xlsx_text(value: str) -> str:
    """``value`` without the control characters an XLSX cell cannot hold."""
    return _XML_ILLEGAL.sub("", value)


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def check_target(path: Path, *, force: bool, protected: Iterable[tuple[Path, str]] = ()) -> None:
    """Raise OutFileRefused unless an export may be written to ``path``.

    ``protected`` are the office's own files with what they are ("the office's database"):
    refused even with ``force``. So is any existing SQLite database and the -wal/-shm/-journal
    beside one, whichever office it belongs to. Any other existing file needs ``force``."""
    path = Path(path)
    for own, what in protected:
        if _same(path, own):
            raise OutFileRefused(f"{path} is {what}: choose another file", path, "own")
    beside = next((path.name[: -len(s)] for s in _SIDE_FILES if path.name.endswith(s)), None)
    if beside and _is_sqlite(path.with_name(beside)):
        raise OutFileRefused(
            f"{path} belongs to the database {beside}: choose another file", path, "database"
        )
    if path.is_dir():
        raise OutFileRefused(f"{path} is a folder: name a file in it", path, "folder")
    if not path.exists():
        return
    if _is_sqlite(path):
        raise OutFileRefused(f"{path} is an SQLite database: choose another file", path, "database")
    if not force:
        raise OutFileRefused(f"{path} exists; add --force to replace it", path, "exists")


def headers(definition: SurveyDefinition) -> list[str]:
    return [*LEAD_HEADERS, *(e.code for e in definition.elements), *TAIL_HEADERS]


def row_cells(row: ResponseRow, definition: SurveyDefinition) -> list[Cell]:
    """One response as typed cells, in :func:`headers` order (None: left empty)."""
    p = row.profile
    return [
        row.submitted_at.replace(microsecond=0),
        row.ticket_code,
        row.service,
        row.counter,
        p.gender,
        p.age_band,  # the band chosen, "30-39"
        p.education,
        p.occupation,
        *(row.answers.get(e.code) for e in definition.elements),
        row.suggestion or None,
    ]


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime(TIMESTAMP_FORMAT)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return str(value)


def write_csv(rows: Sequence[ResponseRow], definition: SurveyDefinition, out: IO[str]) -> None:
    """The rows as CSV text on ``out`` (the caller chooses the encoding: utf-8-sig)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers(definition))
    for row in rows:
        writer.writerow([_csv_text(c) for c in row_cells(row, definition)])


def csv_bytes(rows: Sequence[ResponseRow], definition: SurveyDefinition) -> bytes:
    buffer = io.StringIO(newline="")
    write_csv(rows, definition, buffer)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(
    rows: Sequence[ResponseRow], definition: SurveyDefinition, *, title: str | None = None
) -> bytes:
    """The rows as an XLSX workbook: sheet "Responden" (one row per response, header styled
    and frozen, autofilter, typed cells) and sheet "Unsur" (each code's name and question)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Responden"
    names = headers(definition)
    ws.append(names)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    for cell in ws[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    centred = Alignment(horizontal="center")
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row_cells(row, definition), start=1):
            cell = ws.cell(row=r, column=c)
            if value is None:
                continue
            cell.value = xlsx_text(value) if isinstance(value, str) else value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the public typed
            elif isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif c > 3:  # counter, age band and the answers: short, centred
                cell.alignment = centred
    n_elements = len(definition.elements)
    widths = [20, 10, 9, 7, 13, 7, 11, 12, *([5] * n_elements), 60]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    suggestion_col = get_column_letter(len(names))
    for cell in ws[suggestion_col][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{suggestion_col}{max(1, len(rows) + 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    legend = wb.create_sheet("Unsur")
    legend.append(["Kode", "Unsur", "Pertanyaan", "Nilai"])
    for cell in legend[1]:
        cell.font = header_font
        cell.fill = header_fill
    for e in definition.elements:
        scale = "; ".join(
            f"{definition.scale_min + i} = {label}" for i, label in enumerate(e.labels_id)
        )
        legend.append([xlsx_text(t) for t in (e.code, e.name_id, e.question_id, scale)])
    for col, width in zip("ABCD", (7, 36, 70, 70), strict=True):
        legend.column_dimensions[col].width = width
    wb.properties.title = title or f"Ekspor harian {definition.name_id}"
    wb.properties.creator = "kiosk"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def export_bytes(rows: Sequence[ResponseRow], definition: SurveyDefinition, fmt: Format) -> bytes:
    if fmt == "csv":
        return csv_bytes(rows, definition)
    if fmt == "xlsx":
        return xlsx_bytes(rows, definition)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file, then a rename), so a
    file open in Excel or a crash never leaves half a report."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a report is not
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def format_from_path(path: Path, default: Format = "csv") -> Format:
    suffix = Path(path).suffix.lower().lstrip(".")
    for fmt in FORMATS:
        if suffix == fmt:
            return fmt
    return default
