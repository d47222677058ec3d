"""Exports never write over what the office keeps, nor over a file by mistake; and what
is already stored always exports (a control character in an old suggestion)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kiosk import Office

ALL4 = ",".join(f"U{i}=4" for i in range(1, 10))


def kiosk(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", db, *args],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip


def refused(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr


@pytest.fixture
def office_db(tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / "office.db"
    url = f"sqlite:///{path}"
    with Office.open(url) as office:
        for _ in range(3):
            office.issue_ticket("A")
    return url, path


def today(url: str) -> str:
    with Office.open(url) as office:
        return office.today().isoformat()


def tickets_in(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM tickets").fetchone()[0])


def test_an_export_never_writes_over_the_office_database(office_db: tuple[str, Path]) -> None:
    """`kiosk export ... --out office.db` wrote a CSV over the live database (exit 0)."""
    url, path = office_db
    day = today(url)
    for out in (path, Path(f"{path}-wal")):
        for force in ([], ["--force"]):
            proc = kiosk(url, "export", "surveys", "--date", day, "--format", "csv",
                         "--out", str(out), *force)  # fmt: skip
            refused(proc, str(out))
    proc = kiosk(url, "export", "tickets", "--from", day, "--to", day, "--out",
                 str(path.with_suffix(".csv")))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert tickets_in(path) == 3  # the database opens with every ticket


def test_an_existing_file_is_replaced_only_with_force(
    office_db: tuple[str, Path], tmp_path: Path
) -> None:
    url, _path = office_db
    day = today(url)
    existing = tmp_path / "tiket.csv"
    existing.write_bytes(b"last month's tickets, kept\n")
    proc = kiosk(url, "export", "tickets", "--from", day, "--to", day, "--out", str(existing))
    refused(proc, "exists", "--force")
    assert existing.read_bytes() == b"last month's tickets, kept\n"
    proc = kiosk(url, "export", "tickets", "--from", day, "--to", day, "--out", str(existing),
                 "--force")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert b"A-001" in existing.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("tiket")] == ["tiket.csv"]


def test_another_sqlite_file_is_never_overwritten(
    office_db: tuple[str, Path], tmp_path: Path
) -> None:
    url, path = office_db
    day = today(url)
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(path.read_bytes())  # a database under another name
    proc = kiosk(url, "export", "tickets", "--from", day, "--to", day, "--out", str(copy),
                 "--force")  # fmt: skip
    refused(proc, str(copy))
    assert copy.read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_stored_control_character_still_exports_to_xlsx(
    office_db: tuple[str, Path], tmp_path: Path
) -> None:
    """Stored before submits refused them: both XLSX exports failed for good on it."""
    url, path = office_db
    with Office.open(url) as office:
        day = office.today()
        office.submit_survey({"U1": 4}, service="A", suggestion="Ruang tunggu nyaman")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE survey_responses SET suggestion = 'Ruang\x01 tunggu\x1b nyaman'")
    daily = tmp_path / "harian.xlsx"
    proc = kiosk(url, "export", "surveys", "--date", day.isoformat(), "--out", str(daily))
    assert proc.returncode == 0, proc.stderr
    cells = [c.value for row in load_workbook(daily).active.iter_rows() for c in row]
    assert "Ruang tunggu nyaman" in cells
    recap = tmp_path / "rekap.xlsx"
    proc = kiosk(url, "report", "ikm", "--from", day.isoformat(), "--to", day.isoformat(),
                 "--out", str(recap))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    book = load_workbook(recap)
    texts = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "Ruang tunggu nyaman" in texts
