"""The slip printer and the printer CLI against a fake printer on a real pty."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.printing.escpos import PrinterModel
from kiosk.printing.printer import EscposPrinter
from kiosk.printing.status import PrinterState
from kiosk.printing.transport import SerialSettings, SerialTransport
from tests.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter
from tests.printing.test_transport import SLIP, finishes


@pytest.fixture
def fake() -> Iterator[FakePrinter]:
    printer = FakePrinter()
    yield printer
    printer.close()


def printer_on(
    fake: FakePrinter, status_query: bool = True, write_slack: float = 5.0
) -> EscposPrinter:
    transport = SerialTransport(
        SerialSettings(port=fake.path, baudrate=9600, status_timeout=0.2, write_slack=write_slack)
    )
    return EscposPrinter(transport, PrinterModel(paper_mm=80), status_query)


def wait_for_cut(fake: FakePrinter, cuts: int = 1) -> bytes:
    """What the printer received once ``cuts`` slips (or test pages) reached their cut."""
    deadline = time.monotonic() + 5
    while fake.data().count(b"\x1dV") < cuts and time.monotonic() < deadline:
        time.sleep(0.01)
    return fake.data()


def test_online_printer_prints_the_slip(fake: FakePrinter) -> None:
    p = printer_on(fake)
    try:
        outcome = p.print_slip(SLIP)
    finally:
        p.close()
    assert outcome.printed
    assert outcome.state is PrinterState.ONLINE
    got = decode(wait_for_cut(fake))
    assert got.qr_payloads == [SLIP.qr_payload]
    assert "A-012" in got.texts()
    # Before the slip: offline? paper? After it: the same two (the roll may have run out).
    # Why a printer is offline (n=2) decides nothing while it is online: not asked.
    assert fake.queries == [1, 4, 1, 4]


@pytest.mark.parametrize(
    "state", [PrinterState.PAPER_OUT, PrinterState.COVER_OPEN, PrinterState.OFFLINE]
)
def test_printer_that_cannot_print_gets_no_bytes(fake: FakePrinter, state: PrinterState) -> None:
    fake.state = state
    p = printer_on(fake)
    try:
        outcome = p.print_slip(SLIP)
    finally:
        p.close()
    assert not outcome.printed
    assert outcome.state is state
    assert outcome.message
    assert fake.data() == b"", "nothing is sent into a printer that cannot print"
    assert fake.queries == [1, 4, 2], "why it is offline asked only once it is"


def test_paper_near_end_prints_and_warns(fake: FakePrinter) -> None:
    fake.state = PrinterState.PAPER_NEAR_END
    p = printer_on(fake)
    try:
        outcome = p.print_slip(SLIP)
    finally:
        p.close()
    assert outcome.printed
    assert outcome.state is PrinterState.PAPER_NEAR_END
    assert "paper" in (outcome.message or "")


def test_silent_printer_counts_as_failed_unless_status_is_off(fake: FakePrinter) -> None:
    fake.silent = True
    p = printer_on(fake)
    try:
        outcome = p.print_slip(SLIP)
    finally:
        p.close()
    assert not outcome.printed
    assert outcome.state is PrinterState.NO_ANSWER
    assert "does not answer" in (outcome.message or "")
    blind = printer_on(fake, status_query=False)
    try:
        assert blind.print_slip(SLIP).printed
    finally:
        blind.close()
    assert decode(wait_for_cut(fake)).qr_payloads == [SLIP.qr_payload]


def test_a_slip_that_uses_up_the_roll_says_so_at_once(fake: FakePrinter) -> None:
    # The check after the slip is kept for this: the kiosk shows applicants the printer
    # notice, and the counters get the alert, now rather than at the next poll.
    # Part of the way through the slip (about 290 bytes since issue 15 made slips smaller).
    fake.switch_after(200, PrinterState.PAPER_OUT)
    p = printer_on(fake)
    try:
        outcome = p.print_slip(SLIP)
    finally:
        p.close()
    assert outcome.printed
    assert outcome.state is PrinterState.PAPER_OUT
    assert "paper" in (outcome.message or "")


def test_xoff_held_when_the_state_is_asked_says_flow_control_and_sends_nothing(
    fake: FakePrinter,
) -> None:
    p = printer_on(fake, write_slack=0.3)
    try:
        assert p.status() is PrinterState.ONLINE  # the port open before the XOFF comes
        fake.hold_xoff()
        time.sleep(0.05)
        outcome = finishes(lambda: p.print_slip(SLIP))
    finally:
        fake.release_xon()
        p.close()
    assert not outcome.printed
    assert outcome.state is PrinterState.OFFLINE
    assert "flow control" in (outcome.message or ""), outcome.message
    assert fake.data() == b""


def kiosk(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )


@pytest.mark.parametrize("state", [s for s in PrinterState if s is not PrinterState.NO_ANSWER])
def test_cli_printer_status_json(fake: FakePrinter, sqlite_url: str, state: PrinterState) -> None:
    fake.state = state
    proc = kiosk(
        "printer", "status", "--port", fake.path, "--baud", "9600", "--json", db=sqlite_url
    )
    out = json.loads(proc.stdout)
    assert out["state"] == state.value
    assert proc.returncode == (0 if state.can_print else 1)


def test_cli_issue_print_and_test_page(fake: FakePrinter, sqlite_url: str) -> None:
    proc = kiosk(
        "ticket", "issue", "-s", "C", "--print", "--port", fake.path, "--json", db=sqlite_url
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["code"], out["slip_state"], out["slip"]["printed"]) == ("C-001", "printed", True)
    got = decode(wait_for_cut(fake))
    assert "C-001" in got.texts()
    assert got.qr_payloads[0].startswith("K1.C-001.")
    shown = json.loads(kiosk("ticket", "show", "C-001", "--json", db=sqlite_url).stdout)
    assert shown["slip_state"] == "printed"

    fake.state = PrinterState.PAPER_OUT
    failed = kiosk(
        "ticket", "issue", "-s", "C", "--print", "--port", fake.path, "--json", db=sqlite_url
    )
    assert failed.returncode == 0, "the ticket stands even when the slip does not print"
    assert json.loads(failed.stdout)["slip_state"] == "failed"
    assert "did not print" in failed.stderr
    alerts_db = kiosk("ticket", "show", "C-002", "--json", db=sqlite_url)
    assert json.loads(alerts_db.stdout)["slip_state"] == "failed"
    alerts = json.loads(kiosk("printer", "alerts", "--json", db=sqlite_url).stdout)["alerts"]
    assert [(a["source"], a["state"]) for a in alerts] == [("kiosk-1", "paper_out")]

    fake.state = PrinterState.ONLINE
    again = kiosk("ticket", "reprint", "C-002", "--port", fake.path, "--json", db=sqlite_url)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["slip_state"] == "printed"
    fixed = json.loads(kiosk("printer", "alerts", "--json", db=sqlite_url).stdout)["alerts"]
    assert fixed == [], "a slip printed fine closes the alert"
    test_page = kiosk("printer", "test", "--port", fake.path, db=sqlite_url)
    assert test_page.returncode == 0, test_page.stderr
    assert "TEST PRINT / CETAK UJI" in decode(wait_for_cut(fake, 3)).texts()


def raster_config(tmp_path: Path, **printer: str) -> str:
    lines = ["[printer]", "native_qr = false", *(f'{k} = "{v}"' for k, v in printer.items())]
    path = tmp_path / "raster.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_cli_json_stays_json_with_the_raster_qr(
    fake: FakePrinter, sqlite_url: str, tmp_path: Path
) -> None:
    # python-escpos print()s a warning for raster images on a profile without a paper
    # width; it went to stdout, into the middle of --json (issue 15, item 3).
    config = raster_config(tmp_path)
    page = kiosk(
        "printer", "test", "--port", fake.path, "--json", "--config", config, db=sqlite_url
    )
    assert page.returncode == 0, page.stderr
    assert json.loads(page.stdout)["printed"] is True
    assert decode(wait_for_cut(fake)).raster_images == 1
    slips = tmp_path / "slips"
    preview = raster_config(tmp_path, kind="preview", preview_dir=str(slips))
    issued = kiosk(
        "ticket", "issue", "-s", "A", "--print", "--json", "--config", preview, db=sqlite_url
    )
    assert issued.returncode == 0, issued.stderr
    assert json.loads(issued.stdout)["slip"]["printed"] is True
    (slip_bytes,) = slips.glob("*.bin")
    assert decode(slip_bytes.read_bytes()).raster_images == 1


def test_what_the_library_prints_goes_to_the_log(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    from kiosk.printing.escpos import _library_output_logged

    with caplog.at_level(logging.WARNING, logger="kiosk.printing.escpos"), _library_output_logged():
        print("The media.width.pixel field of the printer profile is not set.")
    assert capsys.readouterr().out == ""
    assert "python-escpos: The media.width.pixel field" in caplog.text


def finder_module(png: Path) -> tuple[int, int]:
    """The QR code's module size and modules across, read off a preview: the top-left finder
    pattern is a dark 7x7-module square with a light ring inside, and the top-right one's
    top edge ends the same row."""
    from PIL import Image

    img = Image.open(png).convert("L")
    pixels = img.tobytes()
    dark = [
        [p < 128 for p in pixels[y * img.width : (y + 1) * img.width]] for y in range(img.height)
    ]

    def runs(row: list[bool]) -> list[tuple[int, int]]:
        found, x = [], 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                found.append((start, x - start))
            x += 1
        return found

    for y, row in enumerate(dark):
        line = runs(row)
        if len(line) < 2 or line[0][1] != line[-1][1] or line[0][1] % 7:
            continue
        (x0, length), (x1, _) = line[0], line[-1]
        m = length // 7
        if y + 7 * m > len(dark):
            continue
        square = all(dark[y + k][x0] and dark[y + k][x0 + length - 1] for k in range(7 * m))
        ring = not dark[y + m][x0 + m] and dark[y + 2 * m][x0 + 2 * m]
        if square and ring and (x1 + length - x0) % m == 0:
            return m, (x1 + length - x0) // m
    raise AssertionError(f"no QR code in {png}")


@pytest.mark.parametrize(
    ("printer", "module"),
    [("qr_module = 6", 6), ("qr_module = 2", 2), ("native_qr = false\nqr_module = 3", 4)],
)
def test_cli_preview_draws_the_qr_the_bytes_ask_for(
    sqlite_url: str, tmp_path: Path, printer: str, module: int
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f"[printer]\n{printer}\n", encoding="utf-8")
    issued = kiosk("ticket", "issue", "-s", "A", "--json", "--config", str(config), db=sqlite_url)
    assert issued.returncode == 0, issued.stderr
    png = tmp_path / "slip.png"
    proc = kiosk(
        "printer", "preview", "--ticket", "A-001", "--out", str(png), "--json",
        "--config", str(config), db=sqlite_url,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["qr_module"] == module
    drawn, across = finder_module(png)
    assert drawn == module, f"{printer}: drawn at {drawn} dots a module"
    assert across in (21, 25, 29, 33), "a whole QR code, no quiet zone in the symbol"
