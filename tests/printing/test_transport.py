"""The serial transport against a fake printer on a real pty."""

from __future__ import annotations

import datetime as dt
import errno
import re
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
import serial

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


T = TypeVar("T")


def finishes(call: Callable[[], T], within: float = 20) -> T:
    """``call()``'s result (or its exception raised here) on a thread given ``within``
    seconds: a safety net so that a regression that hangs fails the test instead of
    hanging the suite, not a timing assertion."""
    outcome: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:
            error.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=within)
    assert not worker.is_alive(), "blocked: the call must give up by its deadline"
    if error:
        raise error[0]
    return outcome[0]


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
    t = transport(printer, flow="xonxoff", write_slack=0.5, chunk=64)
    try:
        # Open before the XOFF: one sent to a port not yet open is lost (opening clears
        # the input), and the line would not be held at all.
        assert t.status() is PrinterState.ONLINE
        printer.hold_xoff()
        time.sleep(0.05)
        with pytest.raises(PrinterError, match="flow control") as failed:
            finishes(lambda: t.send(b"x" * 200_000))
        assert reached(str(failed.value), 200_000) == 0
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


def reached(message: str, total: int) -> int:
    found = re.search(rf"after (\d+) of {total} bytes", message)
    assert found, message
    return int(found.group(1))


def test_a_full_printer_buffer_reports_the_bytes_that_reached_the_printer(
    printer: FakePrinter,
) -> None:
    # A busy printer on a line without flow control stops reading; the pty's buffer
    # fills and the port stops taking bytes part of the way through a chunk.
    printer.hold()
    t = transport(printer, flow="none", write_slack=0.3)
    total = 200_000
    try:
        with pytest.raises(PrinterError) as failed:
            finishes(lambda: t.send(b"x" * total))
        count = reached(str(failed.value), total)
        assert "flow control" in str(failed.value)
        printer.release()
        finishes(lambda: t.send(b"END"))
        deadline = time.monotonic() + 10
        while not printer.data().endswith(b"END") and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        t.close()
    got = printer.data()
    assert got.endswith(b"END")
    assert count == len(got) - 3, "the count is the bytes the printer received"


def test_xoff_during_a_status_query_gets_the_flow_control_advice(printer: FakePrinter) -> None:
    t = transport(printer, flow="xonxoff", write_slack=0.3)
    try:
        # The port open first: an XOFF sent before it was opened never reaches its line
        # discipline (opening clears the input).
        assert t.status() is PrinterState.ONLINE
        printer.hold_xoff()
        time.sleep(0.05)
        assert finishes(t.status) is PrinterState.OFFLINE
        assert "flow control" in (t.last_error or "")
        assert "lost" not in (t.last_error or ""), t.last_error
        printer.release_xon()
        assert finishes(t.status) is PrinterState.ONLINE, "the port is still good"
    finally:
        printer.release_xon()
        t.close()


# -- the drain, on ports that behave as real UARTs do (unit tests: a fake port) ------------
class HeldLinePort:
    """A serial port whose driver takes every byte but lets only ``leaves`` of them out
    before the printer holds the line (XOFF, or CTS low); ``flush()`` is ``tcdrain()``,
    which on such a line never returns (here: until the test ends)."""

    leaves = 0
    queue_known = True
    in_waiting = 0

    def __init__(self, **kwargs: object) -> None:
        self.is_open = True
        self.write_timeout = kwargs.get("write_timeout")
        self.accepted = 0
        self.discarded = 0
        self.ended = threading.Event()
        PORTS.append(self)

    def write(self, data: bytes) -> int:
        self.accepted += len(data)
        return len(data)

    @property
    def out_waiting(self) -> int:
        if not self.queue_known:
            raise OSError(errno.ENOTTY, "Inappropriate ioctl for device")
        return max(0, self.accepted - self.discarded - self.leaves)

    def flush(self) -> None:
        self.ended.wait()

    def reset_output_buffer(self) -> None:
        self.discarded += self.out_waiting

    def reset_input_buffer(self) -> None:
        pass

    def read(self, size: int = 1) -> bytes:
        return b""

    def close(self) -> None:
        self.is_open = False
        self.ended.set()


PORTS: list[HeldLinePort] = []


@pytest.fixture
def held_line(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[HeldLinePort]]:
    monkeypatch.setattr(serial, "Serial", HeldLinePort)
    yield HeldLinePort
    for port in PORTS:
        port.ended.set()
    PORTS.clear()
    HeldLinePort.leaves, HeldLinePort.queue_known = 0, True


def held(**kw: object) -> SerialTransport:
    return SerialTransport(SerialSettings(port="/dev/ttyUSB0", write_slack=0.2, **kw))  # type: ignore[arg-type]


def test_a_slip_that_fits_the_driver_buffer_on_a_held_line_gives_up(
    held_line: type[HeldLinePort],
) -> None:
    held_line.leaves = 512
    t = held()
    with pytest.raises(PrinterError) as failed:
        finishes(lambda: t.send(b"x" * 1899))
    message = str(failed.value)
    assert reached(message, 1899) == 512, "what left the port, not what the driver took"
    assert "flow control" in message
    assert failed.value.state is PrinterState.OFFLINE
    port = PORTS[0]
    assert port.out_waiting == 0, "the rest is discarded, not left to print later"


def test_a_status_query_on_a_held_line_gives_up_with_the_flow_control_advice(
    held_line: type[HeldLinePort],
) -> None:
    t = held()
    assert finishes(t.status) is PrinterState.OFFLINE
    assert "flow control" in (t.last_error or "")


def test_a_driver_that_cannot_tell_its_queue_still_never_blocks(
    held_line: type[HeldLinePort],
) -> None:
    held_line.queue_known = False
    t = held(baudrate=115200)
    finishes(lambda: t.send(b"x" * 450))  # the wire time allowed, then trusted
