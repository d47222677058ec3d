"""Paper questionnaires in bulk: the template offices fill in (XLSX, with lists in the cells)
and reading it back (XLSX or CSV) into rows, each with its line number for the errors.

What a row says is checked by the survey service (answers on the scale, the profile, the
service, the time), every row before any is stored; here only the file's shape: a date
that is a date, an answer that is a whole number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.survey.definitions import EDUCATION, GENDERS, OCCUPATIONS
from kiosk.survey.model import SurveyDefinition

DATE = "Tanggal"
TIME = "Jam"
SERVICE = "Layanan"
GENDER = "Jenis kelamin"
AGE = "Umur"
EDUCATION_COLUMN = "Pendidikan"
OCCUPATION = "Pekerjaan"
SUGGESTION = "Saran"
#: A form without a time is dated at noon, inside any office day whatever the zone's offset.
DEFAULT_TIME = dt.time(12, 0)
SHEET = "Kuesioner"
#: Rows the template's lists and checks cover (a month of a busy office's paper forms).
TEMPLATE_ROWS = 2000


def columns(definition: SurveyDefinition) -> list[str]:
    return [
        DATE, TIME, SERVICE, GENDER, AGE, EDUCATION_COLUMN, OCCUPATION,
        *(e.code for e in definition.elements), SUGGESTION,
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class PaperRow:
    """One questionnaire as read: not yet checked against the survey."""

    line: int  # in the file, the header being line 1
    at: dt.datetime  # office-local, naive
    service: str | None
    profile: dict[str, object] = field(default_factory=dict)
    answers: dict[str, object] = field(default_factory=dict)
    suggestion: str | None = None


class PaperFileError(ValueError):
    """The file is not the template: a missing column, not a CSV or XLSX."""


def template_xlsx(definition: SurveyDefinition, services: Sequence[str]) -> bytes:
    """The template: one header row, lists (gender, education, occupation, service) and a
    whole-number check on the scale in every answer cell, for TEMPLATE_ROWS rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    head = columns(definition)
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    last = TEMPLATE_ROWS + 1

    def letter(name: str) -> str:
        from openpyxl.utils import get_column_letter

        return str(get_column_letter(head.index(name) + 1))

    def listed(name: str, values: Sequence[str]) -> None:
        check = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        check.error = f"Pilih salah satu: {', '.join(values)}"
        check.add(f"{letter(name)}2:{letter(name)}{last}")
        ws.add_data_validation(check)

    listed(GENDER, GENDERS)
    listed(EDUCATION_COLUMN, EDUCATION)
    listed(OCCUPATION, OCCUPATIONS)
    if services:
        listed(SERVICE, services)
    scale = DataValidation(
        type="whole",
        operator="between",
        formula1=str(definition.scale_min),
        formula2=str(definition.scale_max),
        allow_blank=True,
    )
    scale.error = f"Jawaban {definition.scale_min}–{definition.scale_max}, atau kosong"
    first, end = letter(definition.elements[0].code), letter(definition.elements[-1].code)
    scale.add(f"{first}2:{end}{last}")
    ws.add_data_validation(scale)
    ages = DataValidation(type="whole", operator="between", formula1="10", formula2="120")
    ages.allow_blank = True
    ages.add(f"{letter(AGE)}2:{letter(AGE)}{last}")
    ws.add_data_validation(ages)
    for row in range(2, last + 1):
        ws.cell(row=row, column=1).number_format = "yyyy-mm-dd"
        ws.cell(row=row, column=2).number_format = "hh.mm"
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions[letter(SUGGESTION)].width = 60
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read_paper(path: Path, definition: SurveyDefinition) -> tuple[list[PaperRow], list[str]]:
    """The rows of a filled-in template (.xlsx or .csv), and the lines that could not be
    read ("line 7: Tanggal: ..."). Empty rows are skipped."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        table = _xlsx_rows(path)
    elif suffix == ".csv":
        table = _csv_rows(path)
    else:
        raise PaperFileError(f"{path.name}: expected a .xlsx or .csv file")
    header = next(table, None)
    if header is None:
        raise PaperFileError(f"{path.name}: the file is empty")
    names = [str(h).strip() if h is not None else "" for h in header]
    wanted = columns(definition)
    missing = [c for c in wanted if c not in names]
    if missing:
        raise PaperFileError(
            f"{path.name}: the header lacks {', '.join(missing)} (write a template with "
            f"kiosk survey template --out FILE.xlsx)"
        )
    at = {name: names.index(name) for name in wanted}
    rows: list[PaperRow] = []
    errors: list[str] = []
    for line, values in enumerate(table, start=2):
        cells = {name: _value(values, i) for name, i in at.items()}
        if all(v is None for v in cells.values()):
            continue
        try:
            rows.append(_row(line, cells, definition))
        except ValueError as exc:
            errors.append(f"line {line}: {exc}")
    return rows, errors


def _value(values: Sequence[object], i: int) -> object:
    v = values[i] if i < len(values) else None
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def _row(line: int, cells: dict[str, object], definition: SurveyDefinition) -> PaperRow:
    day = _day(cells[DATE])
    moment = _time(cells[TIME])
    profile: dict[str, object] = {}
    for key, name in (
        ("gender", GENDER),
        ("age", AGE),
        ("education", EDUCATION_COLUMN),
        ("occupation", OCCUPATION),
    ):
        if cells[name] is not None:
            profile[key] = _whole(cells[name], name) if key == "age" else str(cells[name])
    answers: dict[str, object] = {}
    for e in definition.elements:
        if cells[e.code] is not None:
            answers[e.code] = _whole(cells[e.code], e.code)
    service = cells[SERVICE]
    suggestion = cells[SUGGESTION]
    return PaperRow(
        line=line,
        at=dt.datetime.combine(day, moment),
        service=None if service is None else str(service),
        profile=profile,
        answers=answers,
        suggestion=None if suggestion is None else str(suggestion),
    )


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        raise ValueError(f"{DATE}: empty (a date such as 2026-11-24 or 24-11-2026)")
    text = str(value)
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{DATE}: {text!r} is not a date such as 2026-11-24 or 24-11-2026")


def _time(value: object) -> dt.time:
    if value is None:
        return DEFAULT_TIME
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    text = str(value).replace(".", ":")
    try:
        return dt.time.fromisoformat(text if len(text) > 4 else text.zfill(5))
    except ValueError:
        raise ValueError(f"{TIME}: {value!r} is not a time such as 09.30") from None


def _whole(value: object, name: str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{name}: {value!r} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value))
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a whole number") from None


def _xlsx_rows(path: Path) -> Iterator[Sequence[object]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML: whatever openpyxl cannot open
        raise PaperFileError(f"{path.name}: not a readable XLSX file ({exc})") from None
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    try:
        yield from ws.iter_rows(values_only=True)
    finally:
        wb.close()


def _csv_rows(path: Path) -> Iterator[Sequence[object]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PaperFileError(f"{path.name}: not UTF-8 text (save the CSV as UTF-8)") from None
    sample = text[:2048]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text, newline=""), dialect)
