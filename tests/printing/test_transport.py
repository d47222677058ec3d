"""The serial transport against a fake printer on a real pty."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator

import pytest

from kiosk.printing.escpos import PrinterModel, encode_slip
from kiosk.printing.slip import Slip
from kiosk.printing.status import PrinterState
from kiosk.printing.transport import PrinterError, SerialSettings, SerialTransport
from tests.escpos_decode import decode
from tests.printing.fake_printer import FakePrinter

SLIP = Slip(
    office_name="Kantor Imigrasi Kelas I TPI Jakarta Selatan",
    service_name="Paspor Baru",
    ticket_code="A-012",
    issued_local=dt.datetime(2026, 11, 24, 9, 5),
    people_ahead=3,
    estimated_wait_minutes=15,
    qr_payload="K1.A-012.20261124.ABCDEFGHIJ",
    footer="Terima kasih",
)


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter()
    yield fake
    fake.close()


def transport(fake: FakePrinter, **kw: object) -> SerialTransport:
    return SerialTransport(SerialSettings(port=fake.path, baudrate=115200, **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("state", [s for s in PrinterState if s is not PrinterState.NO_ANSWER])
def test_status_reports_each_state(printer: FakePrinter, state: PrinterState) -> None:
    printer.state = state
    t = transport(printer)
    try:
        assert t.status() is state
    finally:
        t.close()


def test_silent_printer_is_no_answer_not_fine(printer: FakePrinter) -> None:
    printer.silent = True
    t = transport(printer, status_timeout=0.1)
    try:
        started = time.monotonic()
        assert t.status() is PrinterState.NO_ANSWER
        assert time.monotonic() - started < 1.0, "one short timeout, not a second per query"
    finally:
        t.close()


def test_slip_arrives_intact_and_decodes(printer: FakePrinter) -> None:
    data = encode_slip(SLIP, PrinterModel(paper_mm=58))
    t = transport(printer)
    try:
        t.send(data)
        deadline = time.monotonic() + 5
        while printer.data() != data and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        t.close()
    got = decode(printer.data())
    assert got.qr_payloads == [SLIP.qr_payload]
    assert got.cuts == 1
    number = got.line("A-012")
    assert (number.width, number.height, number.bold, number.align) == (4, 4, True, "center")
    assert "Antrean di depan Anda: 3" in got.texts()


def test_xoff_held_forever_times_out_with_a_clear_error(printer: FakePrinter) -> None:
    printer.hold_xoff()
    time.sleep(0.05)
    t = transport(printer, flow="xonxoff", write_slack=0.5, chunk=64)
    result: list[BaseException | None] = []

    def job() -> None:
        try:
            t.send(b"x" * 200_000)
            result.append(None)
        except BaseException as exc:
            result.append(exc)

    worker = threading.Thread(target=job)
    worker.start()
    worker.join(timeout=10)
    try:
        assert not worker.is_alive(), "send() must give up, not block forever"
        assert isinstance(result[0], PrinterError)
        assert "flow control" in str(result[0])
    finally:
        printer.release_xon()
        t.close()


def test_missing_port_says_what_to_check(tmp_path) -> None:
    t = SerialTransport(SerialSettings(port=str(tmp_path / "ttyUSB9")))
    with pytest.raises(PrinterError, match="does not exist"):
        t.send(b"hello")
    assert t.status() is PrinterState.OFFLINE


@pytest.mark.parametrize(
    ("platform", "text", "expected"),
    [
        ("linux", "[Errno 13] could not open port /dev/ttyUSB0: [Errno 13] Permission denied",
         "dialout"),
        ("linux", "[Errno 2] could not open port /dev/ttyUSB9: [Errno 2] No such file or "
         "directory: '/dev/ttyUSB9'", "/dev/serial/by-id"),
        ("win32", "could not open port 'COM3': PermissionError(13, 'Access is denied.', None, 5)",
         "in use by another program"),
        ("win32", "could not open port 'COM9': FileNotFoundError(2, 'The system cannot find the "
         "file specified.', None, 2)", "Device Manager > Ports (COM & LPT)"),
    ],
)  # fmt: skip
def test_a_port_that_will_not_open_is_explained_in_the_platforms_terms(
    monkeypatch: pytest.MonkeyPatch, platform: str, text: str, expected: str
) -> None:
    import sys

    from kiosk.printing import transport

    monkeypatch.setattr(sys, "platform", platform)
    assert expected in transport._explain_open_error("PORT", Exception(text))
