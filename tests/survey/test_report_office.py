"""What offices' filed reports carry beyond the regulation's tables (issue 21): the
signature block, ... Each read back from the PDF's text and the XLSX's cells."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from pydantic import ValidationError

from kiosk.config.model import OfficeSection
from kiosk.survey.recap import SIGN_BLANK, Signature
from kiosk.survey.report_pdf import pdf_bytes
from kiosk.survey.report_xlsx import xlsx_bytes
from tests.survey import samples
from tests.survey.test_reports import pdf_text


def _cells(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


# -- 1. the signature block ------------------------------------------------------------
def test_pdf_ends_with_the_heads_signature_block(tmp_path: Path) -> None:
    text = pdf_text(pdf_bytes(samples.recap(40)), tmp_path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    at = lines.index("Jakarta, 1 Desember 2026")
    assert lines[at + 1 : at + 3] == [
        "Mengetahui,",
        "Kepala Kantor Imigrasi Kelas I TPI Jakarta Selatan",
    ]
    assert lines[at + 3] == "Dra. Siti Rahmawati, M.Si."
    assert lines[at + 4] == "NIP 19750101 200003 1 001"


def test_pdf_of_an_office_without_a_head_configured_leaves_lines_to_write_on(
    tmp_path: Path,
) -> None:
    recap = replace(samples.recap(40), signature=Signature())
    text = pdf_text(pdf_bytes(recap), tmp_path)
    assert "1 Desember 2026\n" in text.replace(" \n", "\n")
    assert "Mengetahui," in text
    assert SIGN_BLANK in text
    assert "NIP ......" in text


def test_xlsx_recap_sheet_carries_the_signature_block() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(samples.recap(40))))
    ws = wb["Rekap IKM"]
    found = {str(c.value): c for row in ws.iter_rows() for c in row if c.value is not None}
    place = found["Jakarta, 1 Desember 2026"]
    below = [ws.cell(row=place.row + i, column=place.column).value for i in range(8)]
    assert below == [
        "Jakarta, 1 Desember 2026",
        "Mengetahui,",
        "Kepala Kantor Imigrasi Kelas I TPI Jakarta Selatan",
        None,
        None,
        None,
        "Dra. Siti Rahmawati, M.Si.",
        "NIP 19750101 200003 1 001",
    ]
    assert found["Dra. Siti Rahmawati, M.Si."].font.b
    # below the chart, not under it: the chart's anchor row is above the block
    anchor = ws._charts[0].anchor._from.row + 1
    assert place.row > anchor + 15


def test_the_heads_nip_is_eighteen_digits_spaces_allowed() -> None:
    office = OfficeSection(name="Kantor", head_nip="19750101 200003 1 001")
    assert office.head_nip == "197501012000031001"
    for wrong in ("1975", "19750101 200003 1 00X", "1975010120000310011"):
        with pytest.raises(ValidationError, match="18 digits"):
            OfficeSection(name="Kantor", head_nip=wrong)
    with pytest.raises(ValidationError):
        OfficeSection(name="Kantor", head_name="x" * 121)
