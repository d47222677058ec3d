"""What offices' filed reports carry beyond the regulation's tables (issue 21): the
signature block, the per-respondent processing sheet, the trend, the analysis with the
follow-up plan, how the survey was collected, and the IPK's distribution. Each read back
from the PDF's text and the XLSX's cells."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from pydantic import ValidationError

from kiosk.cli import main
from kiosk.config.model import OfficeSection
from kiosk.config.settings import settings_from_dict
from kiosk.office import Office
from kiosk.survey.ikm import previous_periods
from kiosk.survey.recap import SIGN_BLANK, Signature, number_id
from kiosk.survey.recap_sections import (
    FOLLOW_UP,
    FOLLOW_UP_HEAD,
    FOLLOW_UP_ROWS,
    POPULATION_SOURCE,
    RESPONDENT_SHEET,
    analysis_lines,
)
from kiosk.survey.report_pdf import pdf_bytes
from kiosk.survey.report_xlsx import (
    ANALYSIS_SHEET,
    DISTRIBUTION_SHEET,
    ELEMENT_HEADER_ROW,
    TREND_SHEET,
    xlsx_bytes,
)
from kiosk.survey.report_xlsx_sheets import (
    RESPONDENT_HEADER_ROW,
    RESPONDENT_TOTALS,
    TREND_HEADER_ROW,
)
from tests.survey import samples
from tests.survey.test_reports import pdf_text

CODES = [f"U{i}" for i in range(1, 10)]


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


# -- through the office: what was submitted, read back from the files ---------------------
OCT = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
SEP = (dt.date(2026, 9, 1), dt.date(2026, 9, 30))


def _answers(rnd: random.Random, skip: bool) -> dict[str, int]:
    answers = {f"U{i}": rnd.choice((1, 2, 3, 3, 4, 4)) for i in range(1, 10)}
    if skip:
        del answers["U4"]
    return answers


@pytest.fixture
def two_months(db_url: str) -> str:
    """October: 30 responses (paper and entered by staff, U4 skipped by some); September:
    12 (paper); nothing served, so no population."""
    rnd = random.Random(21)
    with Office.open(db_url) as office:
        for i in range(30):
            office.submit_survey(
                _answers(rnd, skip=i % 7 == 0),
                at=dt.datetime(2026, 10, 2 + i % 25, 9, i),
                source="paper" if i % 3 else "cli",
                service="A",
            )
        for i in range(12):
            office.submit_survey(
                _answers(rnd, skip=False), at=dt.datetime(2026, 9, 10 + i, 10, 0), source="paper"
            )
    return db_url


def _report(url: str, out: Path, *extra: str) -> None:
    args = ["report", "ikm", "--db", url, "--from", str(OCT[0]), "--to", str(OCT[1])]
    assert main([*args, *extra, "--out", str(out)]) == 0


def test_per_respondent_sheet_sums_are_the_recaps(two_months: str, tmp_path: Path) -> None:
    out = tmp_path / "rekap.xlsx"
    _report(two_months, out)
    wb = openpyxl.load_workbook(out)
    ws = wb[RESPONDENT_SHEET]
    recap = wb["Rekap IKM"]
    head = [ws.cell(row=RESPONDENT_HEADER_ROW, column=c).value for c in range(1, 15)]
    assert head == ["No", "Tanggal", "Tiket", "Layanan", "Saluran", *CODES]
    first = RESPONDENT_HEADER_ROW + 1
    last = first + 30 - 1
    assert [ws.cell(row=r, column=1).value for r in range(first, last + 1)] == list(range(1, 31))
    assert ws.cell(row=last + 1, column=1).value == RESPONDENT_TOTALS[0]
    assert {ws.cell(row=r, column=5).value for r in range(first, last + 1)} == {
        "Kertas",
        "Petugas",
    }
    with Office.open(two_months) as office:
        result = office.ikm(*OCT)
    for j, code in enumerate(CODES):
        col = 6 + j
        given = [ws.cell(row=r, column=col).value for r in range(first, last + 1)]
        values = [v for v in given if v is not None]
        assert all(isinstance(v, int) for v in values)
        total, answered, nrr, weighted = (
            ws.cell(row=last + k, column=col).value for k in range(1, 5)
        )
        # the per-respondent sums equal the recap's, cell by cell
        element_row = ELEMENT_HEADER_ROW + 1 + j
        assert recap.cell(row=element_row, column=2).value == code
        assert total == sum(values) == recap.cell(row=element_row, column=5).value
        assert answered == len(values) == recap.cell(row=element_row, column=4).value
        assert nrr == pytest.approx(sum(values) / len(values))
        assert nrr == recap.cell(row=element_row, column=6).value
        assert nrr == pytest.approx(result.nrr[code], rel=1e-14)
        assert weighted == pytest.approx(nrr / 9)
    assert answered == 30
    u4 = [ws.cell(row=r, column=9).value for r in range(first, last + 1)]
    assert u4.count(None) == 5  # skipped: empty, not counted
    assert ws.cell(row=last + 5, column=6).value == pytest.approx(result.ikm_raw)
    assert ws.cell(row=last + 6, column=6).value == result.ikm
    legend = [str(c.value) for c in ws["A"] if c.value is not None]
    assert "Keterangan:" in legend
    assert "U4 = Biaya/Tarif" in legend
    assert "NRR tertimbang = NRR per unsur × 1/9." in legend


def test_trend_is_the_ikm_of_the_previous_months(two_months: str, tmp_path: Path) -> None:
    out = tmp_path / "rekap.xlsx"
    _report(two_months, out)
    ws = openpyxl.load_workbook(out)[TREND_SHEET]
    head = [ws.cell(row=TREND_HEADER_ROW, column=c).value for c in range(1, 8)]
    assert head == [
        "Unsur", "Mei 2026", "Juni 2026", "Juli 2026", "Agustus 2026", "September 2026",
        "Oktober 2026",
    ]  # fmt: skip
    with Office.open(two_months) as office:
        sep, oct_ = office.ikm(*SEP), office.ikm(*OCT)
    for j, code in enumerate(CODES):
        row = TREND_HEADER_ROW + 1 + j
        assert ws.cell(row=row, column=1).value.startswith(code + " ")
        assert [ws.cell(row=row, column=c).value for c in range(2, 6)] == [None] * 4
        assert ws.cell(row=row, column=6).value == pytest.approx(sep.nrr[code], rel=1e-14)
        assert ws.cell(row=row, column=7).value == pytest.approx(oct_.nrr[code], rel=1e-14)
    ikm_row = TREND_HEADER_ROW + 10
    assert ws.cell(row=ikm_row, column=1).value == "IKM (konversi 25–100)"
    assert ws.cell(row=ikm_row, column=6).value == sep.ikm
    assert ws.cell(row=ikm_row, column=7).value == oct_.ikm
    assert [ws.cell(row=ikm_row + 1, column=c).value for c in range(2, 8)] == [0, 0, 0, 0, 12, 30]
    assert len(ws._charts) == 1


def test_trend_in_the_pdf(two_months: str, tmp_path: Path) -> None:
    out = tmp_path / "rekap.pdf"
    _report(two_months, out)
    with Office.open(two_months) as office:
        sep = office.ikm(*SEP)
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "Tren dibanding periode sebelumnya" in text
    assert "September 2026" in text
    assert number_id(sep.ikm) in text
    # 30 responses fit: the appendix, one line per response
    assert "Lampiran. Pengolahan data per responden dan per unsur pelayanan" in text
    assert "Jumlah nilai per unsur" in text


def test_collection_and_the_sample_not_applicable_when_nobody_was_served(
    two_months: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["report", "ikm", "--db", two_months, "--from", str(OCT[0]), "--to", str(OCT[1])]
    assert main(args) == 0
    assert "sample: not applicable" in capsys.readouterr().out
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sample"]["met"] is None
    out = tmp_path / "rekap.xlsx"
    _report(two_months, out)
    ws = openpyxl.load_workbook(out)[ANALYSIS_SHEET]
    rows = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert rows["Waktu pengumpulan data"] == "2 – 26 Oktober 2026"
    assert rows["Saluran: Anjungan (kiosk) di ruang tunggu"] == "0 (0,0%)"
    assert rows["Saluran: Kuesioner kertas"] == "20 (66,7%)"
    assert rows["Saluran: Entri petugas (mis. wawancara telepon)"] == "10 (33,3%)"
    assert rows["Populasi (pengunjung dilayani)"] == "0 orang"
    assert POPULATION_SOURCE in rows
    pdf = tmp_path / "rekap.pdf"
    _report(two_months, pdf)
    flat = " ".join(pdf_text(pdf.read_bytes(), tmp_path).split())
    assert "tidak ada pengunjung yang dilayani pada periode ini" in flat
    assert "TERPENUHI" not in flat


def test_analysis_names_the_strongest_the_weakest_and_those_under_b() -> None:
    base = samples.recap(40)
    scores = list(base.result.elements)
    low = replace(scores[2], total=2 * scores[2].answered, nrr=2.0, weighted=2.0 / 9)
    top = replace(scores[6], total=4 * scores[6].answered, nrr=4.0, weighted=4.0 / 9)
    scores[2], scores[6] = low, top
    recap = replace(base, result=replace(base.result, elements=tuple(scores)))
    rows = dict(analysis_lines(recap))
    assert rows["Unsur dengan nilai tertinggi"] == "U7 Perilaku Pelaksana (NRR 4,00)"
    assert rows["Unsur dengan nilai terendah"] == "U3 Waktu Penyelesaian (NRR 2,00)"
    under = "Unsur di bawah batas mutu B (NRR < 3,0644, nilai konversi < 76,61)"
    assert rows[under] == "U3 Waktu Penyelesaian (NRR 2,00)"
    assert dict(analysis_lines(base))[under] == "Tidak ada."


def test_follow_up_plan_is_empty_and_editable_in_the_xlsx(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(samples.recap(40))))
    ws = wb[ANALYSIS_SHEET]
    at = next(c.row for c in ws["A"] if c.value == FOLLOW_UP)
    head = at + 2
    assert [ws.cell(row=head, column=c).value for c in range(1, 6)] == list(FOLLOW_UP_HEAD)
    for i in range(1, FOLLOW_UP_ROWS + 1):
        assert ws.cell(row=head + i, column=1).value == i
        assert [ws.cell(row=head + i, column=c).value for c in range(2, 6)] == [None] * 4
    assert not ws.protection.sheet  # the supervisor types into it
    text = pdf_text(pdf_bytes(samples.recap(40)), tmp_path)
    assert f"{FOLLOW_UP}" in text and "Penanggung" in text


def test_previous_periods_are_months_before_a_month_and_days_otherwise() -> None:
    assert previous_periods(dt.date(2026, 3, 1), dt.date(2026, 3, 31), 2) == [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
    ]
    assert previous_periods(dt.date(2026, 1, 1), dt.date(2026, 3, 31), 1) == [
        (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    ]
    assert previous_periods(dt.date(2026, 11, 16), dt.date(2026, 11, 22), 2) == [
        (dt.date(2026, 11, 2), dt.date(2026, 11, 8)),
        (dt.date(2026, 11, 9), dt.date(2026, 11, 15)),
    ]


# -- 8. the IPK ----------------------------------------------------------------------------
IPK_ON = {"survey": {"enabled": ["skm", "ipk"]}}


@pytest.fixture
def ipk_office(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    config = tmp_path / "kiosk.toml"
    config.write_text('[survey]\nenabled = ["skm", "ipk"]\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))  # the CLI's configuration
    with Office.open(db_url, settings=settings_from_dict(IPK_ON)) as office:
        for answers in (
            {"P1": 6, "P2": 5, "P3": 4, "P4": 6, "P5": 2},
            {"P1": 5, "P2": 3, "P3": 4, "P4": 6},
        ):
            office.submit_survey(answers, survey="ipk", at=dt.datetime(2026, 10, 5, 9, 0))
    return db_url


def test_ipk_summary_line_gives_the_mean_not_no_responses(
    ipk_office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ipk.xlsx"
    _report(ipk_office, out, "--survey", "ipk")
    line = capsys.readouterr().out
    assert "no responses" not in line
    with Office.open(ipk_office, settings=settings_from_dict(IPK_ON)) as office:
        result = office.ikm(*OCT, survey="ipk")
    assert result.ikm_raw is not None
    assert f"(2 respondents, mean {result.ikm_raw:.2f} on 1-6)" in line


def test_ipk_distribution_and_top_share_and_the_method(ipk_office: str, tmp_path: Path) -> None:
    out = tmp_path / "ipk.xlsx"
    _report(ipk_office, out, "--survey", "ipk")
    ws = openpyxl.load_workbook(out)[DISTRIBUTION_SHEET]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] in {"P1", "P5"}]
    p1, p5 = rows
    assert p1[2:8] == (0, 0, 0, 0, 1, 1)  # one 5, one 6
    assert p1[8:] == (2, 5.5, 1.0)
    assert p5[2:8] == (0, 1, 0, 0, 0, 0)
    assert p5[8:] == (1, 2.0, 0.0)
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("Metode: Survei Persepsi Antikorupsi tidak") for t in texts)
    pdf = tmp_path / "ipk.pdf"
    _report(ipk_office, pdf, "--survey", "ipk")
    flat = " ".join(pdf_text(pdf.read_bytes(), tmp_path).split())
    assert "Sebaran jawaban per pernyataan" in flat
    assert "tidak memiliki metode indeks baku" in flat
    assert "100,0%" in flat  # P1: both answers 5 or 6


def test_pdf_past_the_appendix_limit_points_to_the_sheet_without_the_rows(
    tmp_path: Path,
) -> None:
    recap = replace(samples.recap(320), responses=())  # the export does not read them
    flat = " ".join(pdf_text(pdf_bytes(recap), tmp_path).split())
    pointer = "Ada 320 responden pada periode ini; pengolahan data per responden ada pada"
    assert f"{pointer} lembar “{RESPONDENT_SHEET}”" in flat
    assert "Jumlah nilai per unsur" not in flat
