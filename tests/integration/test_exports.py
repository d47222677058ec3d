"""The tickets export read back row by row (CSV and XLSX), its progress and cancelling, and
the CLI writing the same bytes as the facade (the admin window calls the facade)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kiosk import Office
from kiosk.domain.model import TicketQuery
from kiosk.services.exports import PAGE, TICKET_HEADERS, ExportCancelled

from .test_office import MONDAY, MONDAY_9AM, FakeClock


@pytest.fixture
def office(sqlite_url: str) -> Iterator[Office]:
    clock = FakeClock(MONDAY_9AM)
    with Office.open(sqlite_url, clock=clock) as office:
        office.issue_ticket("A")
        office.issue_ticket("B", priority="lansia")
        clock.advance(minutes=12)
        called = office.call_next(1)
        assert called is not None
        clock.advance(minutes=5)
        office.finish(called.id)
        yield office


def test_csv_and_xlsx_hold_every_ticket(office: Office) -> None:
    query = TicketQuery(MONDAY, MONDAY)
    rows = list(csv.reader(io.StringIO(office.exports.tickets(query, "csv").decode("utf-8-sig"))))
    assert tuple(rows[0]) == TICKET_HEADERS
    # B-001 (lansia) went first under priority_first; A-001 waits.
    assert [(r[1], r[2], r[4], r[5]) for r in rows[1:]] == [
        ("A-001", "A", "", "waiting"),
        ("B-001", "B", "lansia", "done"),
    ]
    b = rows[2]
    assert b[7] == "2026-03-02 09:00:00"  # office time (WIB), not UTC
    assert (b[11], b[12]) == ("12.0", "5.0")  # waited 12 min, served 5

    book = load_workbook(io.BytesIO(office.exports.tickets(query, "xlsx")), read_only=True)
    sheet = book["Tiket"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(values[0]) == TICKET_HEADERS
    assert [v[1] for v in values[1:]] == ["A-001", "B-001"]
    assert values[2][11] == 12.0
    book.close()


def test_progress_and_cancel(office: Office) -> None:
    for _ in range(PAGE + 5):
        office.issue_ticket("A")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    data = office.exports.tickets(TicketQuery(MONDAY, MONDAY), "csv", progress)
    total = PAGE + 7
    assert seen == [(0, total), (PAGE, total), (total, total)]
    assert data.count(b"\r\n") == total + 1
    with pytest.raises(ExportCancelled):
        office.exports.tickets(TicketQuery(MONDAY, MONDAY), "xlsx", lambda d, t: d == 0)


def test_the_cli_writes_what_the_facade_makes(
    office: Office, sqlite_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "tiket.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", sqlite_url, "export", "tickets",
         "--from", MONDAY.isoformat(), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == office.exports.tickets(TicketQuery(MONDAY, MONDAY), "csv")
