"""The monthly recap as PDF and XLSX: valid files that say what the data says (no database).

PDF text is read back with pdftotext (poppler) when it is installed; without it the tests
still check that a valid multi-page PDF was built.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from kiosk.survey.definitions import IPK
from kiosk.survey.ikm import compute
from kiosk.survey.recap import (
    NO_DATA,
    NO_SUGGESTIONS,
    SUGGESTION_SHEET,
    SUGGESTIONS_ON_PAPER,
    Recap,
    count_id,
    number_id,
)
from kiosk.survey.report_pdf import pdf_bytes
from kiosk.survey.report_xlsx import ELEMENT_HEADER_ROW, xlsx_bytes
from kiosk.survey.themes import frequent_themes
from tests.survey import samples


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return re.sub(r"[ \t]+", " ", out)


def test_pdf_is_a_valid_document() -> None:
    pdf = pdf_bytes(samples.recap(40))
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert page_count(pdf) >= 2


def test_pdf_says_what_the_data_says(tmp_path: Path) -> None:
    recap = samples.recap(40)
    r = recap.result
    assert r.ikm is not None and r.grade is not None and r.label is not None
    text = pdf_text(pdf_bytes(recap), tmp_path)
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in text
    assert samples.OFFICE in text
    assert "Periode: November 2026" in text
    assert "Nomor 14 Tahun 2017" in text
    for e in recap.definition.elements:
        assert e.name_id in text.replace("\n", " ") or e.name_id.split(",")[0] in text
    assert number_id(r.ikm) in text
    assert f"Mutu pelayanan {r.grade}" in text
    assert f"Kinerja unit pelayanan {r.label}" in text
    assert "NRR tertimbang" in text
    assert "BELUM TERPENUHI" in text
    assert "Ruang tunggu kurang sejuk — mohon AC diperbaiki." in text
    assert "Café di lobi? Naïve idea" in text
    assert "Halaman 1 dari" in text
    for title in ("Jenis Kelamin", "Umur", "Pendidikan", "Pekerjaan", "Jenis Layanan"):
        assert title in text


def test_pdf_without_responses_says_so(tmp_path: Path) -> None:
    pdf = pdf_bytes(samples.empty_recap())
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    assert NO_DATA in text
    assert NO_SUGGESTIONS in text


def test_pdf_of_a_busy_period_prints_the_latest_suggestions_and_points_to_the_rest(
    tmp_path: Path,
) -> None:
    many = tuple(f"Saran nomor {i}: ruang tunggu kurang sejuk." for i in range(1, 3001))
    recap = replace(samples.recap(40), suggestions=many)
    pdf = pdf_bytes(recap)
    assert page_count(pdf) < 10  # 3,000 printed whole took 70 pages
    text = pdf_text(pdf, tmp_path)
    assert "Saran dan masukan (3.000)" in text
    shown = [i for i in range(1, 3001) if f"Saran nomor {i}:" in text]
    first = 3000 - SUGGESTIONS_ON_PAPER + 1
    assert shown == list(range(first, 3001))  # the most recent, in full, numbered as in XLSX
    flat = " ".join(text.split())
    assert f"ada 3.000 saran. Yang dicetak di sini {SUGGESTIONS_ON_PAPER} saran terbaru" in flat
    assert f"(nomor {count_id(first)}–3.000)" in flat
    assert f"lembar “{SUGGESTION_SHEET}” di rekap IKM berformat Excel (XLSX)" in flat
    assert "Kata dan frasa yang paling sering muncul" in flat
    assert "ruang tunggu 3.000 100,0%" in flat
    saran = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(recap)))[SUGGESTION_SHEET]
    assert [row[1] for row in _rows(saran)[1:]] == list(many)  # the XLSX keeps every one


def test_pdf_of_a_period_within_the_limit_prints_all_without_a_pointer(tmp_path: Path) -> None:
    recap = samples.recap(40)
    assert 0 < len(recap.suggestions) <= SUGGESTIONS_ON_PAPER
    text = pdf_text(pdf_bytes(recap), tmp_path)
    assert "saran terbaru" not in text
    assert "Kata dan frasa" not in text
    assert "Pelayanan sudah cepat, petugas ramah." in text


def test_themes_count_suggestions_not_words_and_skip_the_common_ones() -> None:
    texts = [
        "Ruang tunggu kurang sejuk, ruang tunggu panas.",
        "Mohon AC ruang tunggu diperbaiki. Terima kasih",
        "Antrian terlalu panjang yg di pagi hari",
        "antrean panjang",
        "Petugas kurang ramah",
        "petugas kurang ramah. Petugas lambat",
    ]
    themes = {t.phrase: t.suggestions for t in frequent_themes(texts)}
    assert themes["ruang tunggu"] == 2  # once per suggestion, though said twice in one
    assert themes["kurang ramah"] == 2
    assert themes["antrean panjang"] == 2  # "antrian" read as the standard spelling
    assert "ruang" not in themes and "tunggu" not in themes  # the phrase covers them
    for common in ("mohon", "terima", "kasih", "yang", "kurang", "terima kasih"):
        assert common not in themes
    assert not any(p.endswith(" kurang") for p in themes)
    assert "ramah petugas" not in themes  # a phrase never spans a full stop


def test_survey_without_ikm_gets_nrr_but_no_grade(tmp_path: Path) -> None:
    result = compute(IPK, {e.code: (10, 50) for e in IPK.elements}, 10, *samples.PERIOD)
    recap = Recap(
        office_name=samples.OFFICE,
        definition=IPK,
        result=result,
        profile=samples.breakdown([]),
    )
    text = pdf_text(pdf_bytes(recap), tmp_path)
    assert IPK.name_id.upper() in text
    assert "Mutu pelayanan" not in text
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(recap)))["Rekap"]
    assert ws.cell(row=ELEMENT_HEADER_ROW + 1, column=6).value == 5.0


def _rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[tuple[object, ...]]:
    return list(ws.iter_rows(values_only=True))


def test_xlsx_recap_holds_the_numbers_as_numbers() -> None:
    recap = samples.recap(40)
    r = recap.result
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(recap)))
    # issue 21 added the filed report's sheets after the three the recap had
    assert wb.sheetnames == [
        "Rekap IKM", "Profil Responden", "Saran", "Analisis", "Tren", "Olah Data"
    ]  # fmt: skip
    ws = wb["Rekap IKM"]
    top = ELEMENT_HEADER_ROW
    assert [c.value for c in ws[top]] == [
        "No",
        "Kode",
        "Unsur pelayanan",
        "Responden",
        "Jumlah nilai",
        "NRR",
        "NRR tertimbang",
        "Mutu",
    ]
    for i, score in enumerate(r.elements, start=1):
        row = [c.value for c in ws[top + i]]
        assert row[:5] == [i, score.code, score.name_id, score.answered, score.total]
        # Excel keeps 15-16 significant digits of a float.
        assert row[5:7] == [pytest.approx(score.nrr, 1e-14), pytest.approx(score.weighted, 1e-14)]
        assert ws.cell(row=top + i, column=6).number_format == "0.00"
    summary = {row[0]: row[6] for row in _rows(ws)[top + 9 : top + 14]}
    assert summary["Jumlah NRR tertimbang = IKM (skala 1–4)"] == pytest.approx(r.ikm_raw)
    assert summary["IKM unit pelayanan (IKM × 25, nilai interval konversi)"] == r.ikm
    assert summary["Mutu pelayanan"] == r.grade
    assert summary["Kinerja unit pelayanan"] == r.label
    assert summary["Jumlah responden"] == 40
    texts = [v for row in _rows(ws) for v in row if isinstance(v, str)]
    assert any("Kantor Imigrasi" in t for t in texts)
    assert any(t.startswith("Periode: November 2026") for t in texts)
    assert any("Krejcie dan Morgan" in t and "BELUM TERPENUHI" in t for t in texts)
    assert len(ws._charts) == 1
    chart = ws._charts[0]
    assert chart.type == "bar"
    assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == (1, 4)


def test_xlsx_recap_profile_and_suggestions() -> None:
    recap = samples.recap(40)
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(recap)))
    rows = _rows(wb["Profil Responden"])
    gender = rows.index(("Jenis Kelamin", "Jumlah", "Persentase"))
    counts = recap.profile.gender
    assert rows[gender + 1] == ("Laki-laki", counts["L"], counts["L"] / 40)
    assert rows[gender + 2] == ("Perempuan", counts["P"], counts["P"] / 40)
    saran = _rows(wb["Saran"])
    assert saran[0] == ("No", "Saran dan masukan")
    assert [row[1] for row in saran[1:]] == list(recap.suggestions)
    assert wb["Saran"]["B4"].data_type == "s"  # "=HYPERLINK(..." stays text


def test_xlsx_recap_without_responses() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(samples.empty_recap())))
    ws = wb["Rekap IKM"]
    texts = [v for row in _rows(ws) for v in row if isinstance(v, str)]
    assert NO_DATA in texts
    assert ws._charts == []
    assert ws.cell(row=ELEMENT_HEADER_ROW + 1, column=6).value is None
    assert wb["Saran"]["B2"].value == NO_SUGGESTIONS
