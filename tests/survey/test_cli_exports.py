"""Surveys submitted through the facade come out of `kiosk export surveys` and
`kiosk report ikm --format pdf|xlsx` as they went in, row by row."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from kiosk.cli import main
from kiosk.office import Office
from kiosk.survey.model import SurveyReceipt
from kiosk.survey.recap import NO_DATA
from kiosk.survey.report_xlsx import ELEMENT_HEADER_ROW

CODES = [f"U{i}" for i in range(1, 10)]
SUBMISSIONS: list[dict[str, Any]] = [
    {
        "answers": dict.fromkeys(CODES, 4),
        "profile": {"gender": "P", "age": 34, "education": "D4/S1", "occupation": "Swasta"},
        "suggestion": "Petugas ramah — proses cepat. Terima kasih, Pak Budi & tim!",
        "ticket": True,
    },
    {
        "answers": {"U1": 2, "U2": 3, "U3": 3, "U5": 3, "U6": 4, "U7": 4, "U8": 3, "U9": 2},
        "profile": {"gender": "L", "age": 61, "education": "SMA", "occupation": "Wirausaha"},
        "suggestion": "=1+1 ruang tunggu panas; mohon AC ditambah",
        "service": "B",
    },
    {
        "answers": dict.fromkeys(CODES, 3),
        "profile": None,
        "suggestion": None,
    },
]


def _submit(office: Office) -> list[SurveyReceipt]:
    ticket = office.issue_ticket("A")
    office.call_next(1)
    receipts = []
    for s in SUBMISSIONS:
        receipts.append(
            office.submit_survey(
                answers=s["answers"],
                profile=s["profile"],
                ticket=ticket.code if s.get("ticket") else None,
                suggestion=s["suggestion"],
                service=s.get("service"),
            )
        )
    return receipts


def _expected(office: Office, receipts: list[SurveyReceipt]) -> list[list[object]]:
    tz = ZoneInfo(office.settings.office.timezone)
    rows = []
    for s, r in zip(SUBMISSIONS, receipts, strict=True):
        p = s["profile"] or {}
        rows.append(
            [
                r.submitted_at.astimezone(tz).replace(tzinfo=None, microsecond=0),
                r.ticket_code,
                r.service,
                r.counter,
                p.get("gender"),
                {34: "30-39", 61: ">=60"}.get(p.get("age", 0)),  # a paper age: its band
                p.get("education"),
                p.get("occupation"),
                *(s["answers"].get(c) for c in CODES),
                s["suggestion"],
            ]
        )
    return rows


@pytest.fixture
def submitted(sqlite_url: str) -> tuple[str, dt.date, list[list[object]]]:
    with Office.open(sqlite_url) as office:
        receipts = _submit(office)
        expected = _expected(office, receipts)
    assert receipts[0].ticket_code is not None and receipts[0].counter == 1
    return sqlite_url, receipts[0].office_day, expected


def test_csv_export_matches_what_was_submitted(
    submitted: tuple[str, dt.date, list[list[object]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, day, expected = submitted
    out = tmp_path / "harian.csv"
    assert main(["export", "surveys", "--db", url, "--date", str(day), "--out", str(out)]) == 0
    assert "3 SKM responses" in capsys.readouterr().out
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert table[0][8:17] == CODES
    assert len(table) == 1 + len(expected)
    for got, want in zip(table[1:], expected, strict=True):
        texts = [
            ""
            if v is None
            else v.strftime("%Y-%m-%d %H:%M:%S")
            if isinstance(v, dt.datetime)
            else str(v)
            for v in want
        ]
        if texts[-1].startswith("="):
            texts[-1] = "'" + texts[-1]  # defused for Excel
        assert got == texts


def test_xlsx_export_matches_what_was_submitted(
    submitted: tuple[str, dt.date, list[list[object]]], tmp_path: Path
) -> None:
    url, day, expected = submitted
    out = tmp_path / "harian.xlsx"
    args = ["export", "surveys", "--db", url, "--date", str(day), "--out", str(out), "--json"]
    assert main(args) == 0
    ws = openpyxl.load_workbook(out)["Responden"]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert rows == expected
    for got, want in zip(rows, expected, strict=True):
        assert [type(v) for v in got] == [type(v) for v in want]


def test_recap_files_from_the_cli(
    submitted: tuple[str, dt.date, list[list[object]]], tmp_path: Path
) -> None:
    url, day, _ = submitted
    first = day.replace(day=1)
    pdf = tmp_path / "rekap.pdf"
    xlsx = tmp_path / "rekap.xlsx"
    span = ["--db", url, "--from", str(first), "--to", str(day)]
    assert main(["report", "ikm", *span, "--format", "pdf", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert main(["report", "ikm", *span, "--out", str(xlsx)]) == 0  # format from the name
    with Office.open(url) as office:
        result = office.ikm(first, day)
    ws = openpyxl.load_workbook(xlsx)["Rekap IKM"]
    values = {row[0]: row[6] for row in ws.iter_rows(values_only=True)}
    assert values["IKM unit pelayanan (IKM × 25, nilai interval konversi)"] == result.ikm
    assert values["Mutu pelayanan"] == result.grade
    assert values["Jumlah responden"] == 3
    first_row = ELEMENT_HEADER_ROW + 1
    assert ws.cell(row=first_row, column=5).value == 4 + 2 + 3  # U1's jumlah nilai
    saran = [
        r[1] for r in openpyxl.load_workbook(xlsx)["Saran"].iter_rows(min_row=2, values_only=True)
    ]
    assert sorted(saran) == sorted(s["suggestion"] for s in SUBMISSIONS if s["suggestion"])


def test_recap_of_a_period_without_responses(sqlite_url: str, tmp_path: Path) -> None:
    out = tmp_path / "kosong.xlsx"
    args = ["report", "ikm", "--db", sqlite_url, "--from", "2020-01-01", "--to", "2020-01-31"]
    assert main([*args, "--out", str(out)]) == 0
    texts = [
        v
        for row in openpyxl.load_workbook(out)["Rekap IKM"].iter_rows(values_only=True)
        for v in row
        if isinstance(v, str)
    ]
    assert NO_DATA in texts
    pdf = tmp_path / "kosong.pdf"
    assert main([*args, "--format", "pdf", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_report_format_needs_an_output_file(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["report", "ikm", "--db", sqlite_url, "--from", "2026-11-01", "--format", "pdf"])
    assert code == 2
    assert "--out" in capsys.readouterr().err
