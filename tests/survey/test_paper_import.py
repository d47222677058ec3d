"""Paper questionnaires in bulk: `kiosk survey template` writes the form with lists in its
cells; `kiosk survey import` stores every row in one transaction, or none, naming each bad
row by its line."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest

from kiosk.cli import main
from kiosk.office import Office
from kiosk.survey.definitions import EDUCATION, GENDERS, OCCUPATIONS, SKM
from kiosk.survey.paper import SHEET, columns
from tests.survey.paper_forms import filled

NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def test_the_template_has_the_columns_and_lists_in_its_cells(
    sqlite_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "kuesioner.xlsx"
    assert main(["survey", "template", "--db", sqlite_url, "--out", str(out)]) == 0
    ws = openpyxl.load_workbook(out)[SHEET]
    assert [c.value for c in ws[1]] == columns(SKM)
    checks = {str(v.sqref).split(":")[0]: v for v in ws.data_validations.dataValidation}
    head = columns(SKM)

    def at(name: str) -> str:
        return f"{openpyxl.utils.get_column_letter(head.index(name) + 1)}2"

    assert checks[at("Jenis kelamin")].formula1 == '"' + ",".join(GENDERS) + '"'
    assert checks[at("Pendidikan")].formula1 == '"' + ",".join(EDUCATION) + '"'
    assert checks[at("Pekerjaan")].formula1 == '"' + ",".join(OCCUPATIONS) + '"'
    with Office.open(sqlite_url) as office:
        codes = [s.code for s in office.queue.services()]
    assert checks[at("Layanan")].formula1 == '"' + ",".join(codes) + '"'
    scale = checks[at("U1")]
    assert (scale.type, scale.formula1, scale.formula2) == ("whole", "1", "4")
    assert str(scale.sqref).endswith("2001")  # U1..U9 over the template's rows


def test_an_import_stores_every_row_as_paper(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Office.open(sqlite_url) as office:
        services = [s.code for s in office.queue.services()]
    path = tmp_path / "isi.xlsx"
    path.write_bytes(filled(120, services))
    assert main(["survey", "import", str(path), "--db", sqlite_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 120
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[SHEET]
    sums = {e.code: 0 for e in SKM.elements}
    for row in ws.iter_rows(min_row=2, max_row=121, values_only=True):
        for e in SKM.elements:
            sums[e.code] += row[columns(SKM).index(e.code)]
    with Office.open(sqlite_url) as office:
        result = office.ikm(*NOV)
        details = office.survey.recap_details(*NOV)
    assert result.respondents == 120
    assert {e.code: e.total for e in result.elements} == sums
    assert details.collection.channels == {"paper": 120}
    first = details.responses[0]
    assert first.submitted_at == dt.datetime(2026, 11, 1, 8, 0)  # office time, as written
    assert first.profile.age_band is not None


def test_a_file_with_bad_rows_stores_nothing_and_names_each_line(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = ",".join(columns(SKM))
    good = "2026-11-03,09.30,A,P,34,SMA,Swasta," + ",".join("4" * 9) + ",Bagus"
    rows = [
        head,
        good,
        "2026-11-03,09.30,A,P,34,SMA,Swasta,4,4,7,4,4,4,4,4,4,",  # U3 off the scale
        "03-11-2026,,Z,,,,,3,3,3,3,3,3,3,3,3,",  # unknown service
        "kemarin,,,,,,,3,3,3,3,3,3,3,3,3,",  # not a date
        ",,,,,,,,,,,,,,,,",  # empty: skipped
        "2026-11-04,10.00,,X,,,,,,,,,,,,,",  # gender X, no answer at all
        good,
    ]
    path = tmp_path / "isi.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["survey", "import", str(path), "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert "line 5: Tanggal: 'kemarin' is not a date" in err
    assert "nothing imported" in err
    path.write_text("\n".join(r for r in rows if "kemarin" not in r) + "\n", encoding="utf-8")
    assert main(["survey", "import", str(path), "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert "3 row(s) refused, nothing imported" in err
    assert "line 3: " in err and "U3" in err
    assert "line 4: unknown service 'Z'" in err
    assert "line 6: " in err
    assert "line 2:" not in err and "line 7:" not in err
    with Office.open(sqlite_url) as office:
        assert office.ikm(*NOV).respondents == 0  # one transaction: none of the good rows
    path.write_text("\n".join([head, good, good.replace("09.30", "14.05")]) + "\n", "utf-8")
    assert main(["survey", "import", str(path), "--db", sqlite_url]) == 0
    assert "2 paper SKM responses imported" in capsys.readouterr().out
    with Office.open(sqlite_url) as office:
        assert office.ikm(*NOV).respondents == 2


def test_a_file_that_is_not_the_template_is_refused(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lain.csv"
    path.write_text("Nama,Nilai\nBudi,4\n", encoding="utf-8")
    assert main(["survey", "import", str(path), "--db", sqlite_url]) == 2
    assert "the header lacks Tanggal" in capsys.readouterr().err
    book = tmp_path / "rusak.xlsx"
    book.write_bytes(io.BytesIO(b"not a zip").getvalue())
    assert main(["survey", "import", str(book), "--db", sqlite_url]) == 2
    assert "not a readable XLSX file" in capsys.readouterr().err
