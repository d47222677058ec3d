"""The recap's Indonesian wording and tables (no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kiosk.survey.ikm import sample_check
from kiosk.survey.recap import (
    element_lines,
    filters_id,
    number_id,
    percent_id,
    period_id,
    profile_tables,
    sample_id,
    scope_id,
)
from tests.survey import samples

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (D(2026, 11, 1), D(2026, 11, 30), "November 2026"),
        (D(2026, 2, 1), D(2026, 2, 28), "Februari 2026"),
        (D(2026, 11, 23), D(2026, 11, 23), "23 November 2026"),
        (D(2026, 11, 1), D(2026, 11, 15), "1 – 15 November 2026"),
        (D(2026, 10, 25), D(2026, 11, 5), "25 Oktober – 5 November 2026"),
        (D(2026, 1, 1), D(2026, 3, 31), "Januari – Maret 2026"),
        (D(2026, 1, 1), D(2026, 12, 31), "Tahun 2026"),
        (D(2025, 12, 20), D(2026, 1, 10), "20 Desember 2025 – 10 Januari 2026"),
    ],
)
def test_period_in_indonesian(start: dt.date, end: dt.date, text: str) -> None:
    assert period_id(start, end) == text


def test_numbers_use_the_decimal_comma() -> None:
    assert number_id(3.5167) == "3,52"
    assert number_id(0.36111, 4) == "0,3611"
    assert number_id(1234.5, 1) == "1.234,5"
    assert number_id(None) == "–"
    assert percent_id(1, 3) == "33,3%"
    assert percent_id(0, 0) == "–"


def test_sample_sentence() -> None:
    recap = samples.recap(40)
    assert sample_id(recap).endswith("diperoleh 40 responden: BELUM TERPENUHI.")
    assert "populasi 1.500 pengunjung" in sample_id(recap)
    met = samples.recap(40, population=40)
    assert met.result.sample == sample_check(40, 40)
    assert sample_id(met).endswith("TERPENUHI.")
    assert "BELUM" not in sample_id(met)
    assert "tidak tersedia" in sample_id(samples.recap(5, population=None))


def test_scope_names_the_slice() -> None:
    recap = samples.recap(5)
    assert scope_id(recap) == "Semua layanan dan loket"
    assert filters_id("P", None, None, 20, 29) == ("Jenis kelamin: Perempuan", "Umur 20–29 tahun")


def test_element_lines_grade_each_unsur() -> None:
    lines = element_lines(samples.recap(40))
    assert [line.code for line in lines] == [f"U{i}" for i in range(1, 10)]
    for line in lines:
        assert line.nrr is not None
        assert line.nrr == pytest.approx(line.total / line.answered)
        assert line.grade in ("A", "B", "C", "D")
    empty = element_lines(samples.empty_recap())
    assert all(line.nrr is None and line.grade is None for line in empty)


def test_profile_tables_in_the_questionnaires_order() -> None:
    tables = {t.title: t for t in profile_tables(samples.recap(60))}
    assert list(tables) == ["Jenis Kelamin", "Umur", "Pendidikan", "Pekerjaan", "Jenis Layanan"]
    assert [label for label, _ in tables["Jenis Kelamin"].rows] == [
        "Laki-laki",
        "Perempuan",
        "Tidak diisi",
    ]
    ages = [label for label, _ in tables["Umur"].rows]
    assert ages[0] == "Di bawah 20 tahun"
    assert ages[-2:] == ["60 tahun ke atas", "Tidak diisi"]
    education = [label for label, _ in tables["Pendidikan"].rows]
    assert education == ["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3", "Tidak diisi"]
    assert tables["Jenis Layanan"].rows[0][0] == "A – Paspor Baru"
    for table in tables.values():
        assert sum(n for _, n in table.rows) == 60


def test_an_age_filter_names_the_bands_it_counts() -> None:
    # Bands are stored, not ages: the scope line says which respondents were counted.
    assert filters_id(age_min=25, age_max=34) == ("Umur 20–39 tahun",)
    assert filters_id(age_min=60) == ("Umur 60 tahun ke atas",)
    assert filters_id(age_max=29) == ("Umur di bawah 30 tahun",)
    assert filters_id(age_min=10, age_max=120) == ("Umur semua kelompok",)


def test_the_age_table_reads_the_bands_in_order_and_in_words() -> None:
    recap = samples.recap(5)
    profile = replace(recap.profile, age_band={">=60": 1, "tidak diisi": 2, "30-39": 2})
    [ages] = [t for t in profile_tables(replace(recap, profile=profile)) if t.title == "Umur"]
    assert ages.rows == (("30–39 tahun", 2), ("60 tahun ke atas", 1), ("Tidak diisi", 2))
