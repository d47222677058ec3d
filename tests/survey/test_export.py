"""The daily export read back with csv and openpyxl, row by row (no database)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from kiosk.survey.definitions import SKM, in_order
from kiosk.survey.export import (
    LEAD_HEADERS,
    csv_bytes,
    export_bytes,
    format_from_path,
    headers,
    write_file,
    xlsx_bytes,
)
from kiosk.survey.model import Profile, ResponseRow
from tests.survey import samples

CODES = [e.code for e in SKM.elements]


def expected_cells(row: ResponseRow, codes: list[str] = CODES) -> list[object]:
    p = row.profile
    return [
        row.submitted_at.replace(microsecond=0),
        row.ticket_code,
        row.service,
        row.counter,
        p.gender,
        p.age_band,
        p.education,
        p.occupation,
        *(row.answers.get(c) for c in codes),
        row.suggestion,
    ]


def as_csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def test_csv_has_a_bom_indonesian_headers_and_one_row_per_response() -> None:
    rows = samples.rows(12)
    data = csv_bytes(rows, SKM)
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel reads UTF-8
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert table[0] == [*LEAD_HEADERS, *CODES, "Saran"]
    assert table[0][:4] == ["Waktu", "Tiket", "Layanan", "Loket"]
    assert len(table) == len(rows) + 1
    for got, row in zip(table[1:], rows, strict=True):
        assert got == [as_csv_text(v) for v in expected_cells(row)]


def test_csv_keeps_non_ascii_suggestions_exactly() -> None:
    rows = samples.rows(6)
    text = csv_bytes(rows, SKM).decode("utf-8-sig")
    suggestions = [r[-1] for r in csv.reader(io.StringIO(text, newline=""))][1:]
    assert "Ruang tunggu kurang sejuk — mohon AC diperbaiki." in suggestions
    assert "Café di lobi? Naïve idea, tapi bagus 👍" in suggestions


def test_csv_defuses_suggestions_that_look_like_formulas() -> None:
    rows = samples.rows(6)
    text = csv_bytes(rows, SKM).decode("utf-8-sig")
    suggestions = [r[-1] for r in csv.reader(io.StringIO(text, newline=""))][1:]
    assert '\'=HYPERLINK("http://example.invalid","klik")' in suggestions
    assert not any(s.startswith("=") for s in suggestions)


def test_xlsx_reads_back_with_the_same_values_and_types() -> None:
    rows = samples.rows(12)
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(rows, SKM)))
    ws = wb["Responden"]
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == headers(SKM)
    assert len(values) == len(rows) + 1
    for got, row in zip(values[1:], rows, strict=True):
        want = expected_cells(row)
        assert list(got) == want
        for g, w in zip(got, want, strict=True):
            assert type(g) is type(w)  # datetime stays a date, numbers stay numbers
    assert isinstance(ws["A2"].value, dt.datetime)
    assert ws["A2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert ws["I2"].data_type == "n"


def test_xlsx_is_laid_out_for_people() -> None:
    rows = samples.rows(6)
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(rows, SKM)))
    ws = wb["Responden"]
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:R{len(rows) + 1}"
    assert all(cell.font.b for cell in ws[1])
    assert ws.column_dimensions["R"].width >= 40  # the suggestion has room
    legend = wb["Unsur"]
    assert [r[0] for r in legend.iter_rows(min_row=2, values_only=True)] == CODES
    assert legend["B2"].value == "Persyaratan"


def test_xlsx_keeps_formula_like_text_as_text() -> None:
    rows = samples.rows(6)
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(rows, SKM)))["Responden"]
    cell = ws["R4"]  # the third response's suggestion
    assert cell.value == samples.SUGGESTIONS[2]
    assert cell.data_type == "s"


def test_columns_follow_the_definitions_order_and_answers_stay_by_code() -> None:
    order = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8"]
    definition = in_order(SKM, order)
    rows = samples.rows(4)
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(rows, definition)))["Responden"]
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0][8:17]) == order
    for got, row in zip(values[1:], rows, strict=True):
        assert list(got[8:17]) == [row.answers.get(c) for c in order]
    text = csv_bytes(rows, definition).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text)))[8:17] == order


def test_an_empty_day_exports_headers_only() -> None:
    table = list(csv.reader(io.StringIO(csv_bytes([], SKM).decode("utf-8-sig"))))
    assert table == [headers(SKM)]
    ws = openpyxl.load_workbook(io.BytesIO(export_bytes([], SKM, "xlsx")))["Responden"]
    assert ws.max_row == 1


def test_write_file_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    write_file(out, b"one")
    write_file(out, b"two")
    assert out.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]
    reference = tmp_path / "ref"
    reference.write_bytes(b"")
    # Made like any other file (umask), not private as a temporary file is.
    assert out.stat().st_mode & 0o777 == reference.stat().st_mode & 0o777


def test_format_from_path() -> None:
    assert format_from_path(Path("a.XLSX")) == "xlsx"
    assert format_from_path(Path("a.csv")) == "csv"
    assert format_from_path(Path("a.txt")) == "csv"


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_bytes([], SKM, "ods")  # type: ignore[arg-type]


def test_the_age_is_exported_as_the_band_the_respondent_chose() -> None:
    """Defect 9: a respondent who tapped 30-39 reads "30-39" in the export, not "35"."""
    row = ResponseRow(
        id=1,
        submitted_at=dt.datetime(2026, 11, 23, 9, 30),
        ticket_code="A-001",
        service="A",
        counter=1,
        profile=Profile(gender="P", age_band="30-39"),
        answers={"U1": 4},
    )
    column = LEAD_HEADERS.index("Umur")
    table = list(csv.reader(io.StringIO(csv_bytes([row], SKM).decode("utf-8-sig"))))
    assert table[1][column] == "30-39"
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([row], SKM)))["Responden"]
    cell = ws.cell(row=2, column=column + 1)
    assert (cell.value, cell.data_type) == ("30-39", "s")
