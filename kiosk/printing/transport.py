"""Getting bytes to a printer: serial (pyserial), network (TCP 9100) and file (preview).

Our own transport rather than python-escpos's: it opens serial ports with no write timeout
and no working flow control on Linux, waits a full second per status query and reports
"paper adequate" when the printer is silent (printing.md). Here: configurable flow control,
a write timeout scaled to the job, chunked writes, status queries that clear the input
buffer and validate the reply, and errors that say what to do.

Never an unbounded wait: pyserial's ``flush()`` is ``tcdrain()`` on POSIX and a poll of
the output queue on Windows, both without a timeout, and a job that fits the driver's
buffer is all written before a printer holding XOFF (or CTS low) stops it. So every write
and every wait for the output queue to empty has a deadline (``SerialSettings.seconds_for``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import socket
import sys
import time
from dataclasses import dataclass
from typing import Literal, Protocol

import serial

from kiosk.printing.status import (
    DLE_EOT,
    QUERY_OFFLINE_CAUSE,
    QUERY_PAPER,
    QUERY_PRINTER,
    PrinterState,
    combine,
    reports_offline,
    valid_reply,
)

FlowControl = Literal["none", "xonxoff", "rtscts"]

#: Why a serial printer stops taking bytes, and what to check (send and status say it).
HELD_CAUSES = "busy, out of paper, or flow control holding"
HELD_FIX = "check the paper and that flow control in the config matches the printer"
#: Seconds between looks at the output queue while it drains.
DRAIN_POLL = 0.01


class PrinterError(Exception):
    """The slip did not print; the message says why and what to do."""

    def __init__(self, message: str, state: PrinterState = PrinterState.NO_ANSWER) -> None:
        super().__init__(message)
        self.state = state


class Transport(Protocol):
    #: Why the last status query or job failed, in words for staff (None if it did not).
    last_error: str | None

    def status(self) -> PrinterState: ...
    def send(self, data: bytes) -> None: ...
    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class SerialSettings:
    port: str
    baudrate: int = 9600
    parity: Literal["N", "E", "O"] = "N"
    flow: FlowControl = "xonxoff"
    #: Seconds to wait for one status reply byte.
    status_timeout: float = 0.3
    #: Seconds beyond the wire time a job may take (printer busy, buffer full).
    write_slack: float = 5.0
    chunk: int = 256

    def seconds_for(self, nbytes: int) -> float:
        """How long ``nbytes`` may take to leave the port before the printer counts as
        holding the line: twice their wire time, plus the slack for a busy printer. The one
        deadline for each write, each wait for the output queue and each status query."""
        return wire_seconds(nbytes, self.baudrate) * 2 + self.write_slack


def wire_seconds(nbytes: int, baudrate: int) -> float:
    """8N1: ten bits a byte on the wire."""
    return nbytes * 10 / baudrate


class _Held(Exception):
    """The port stopped taking bytes, or stopped sending them, by the deadline."""

    def __init__(self, reached: int) -> None:
        super().__init__(reached)
        self.reached = reached  # bytes that left the port (reached the printer)


class SerialTransport:
    def __init__(self, settings: SerialSettings) -> None:
        self.settings = settings
        self.last_error: str | None = None
        self._port: serial.Serial | None = None

    def _open(self) -> serial.Serial:
        if self._port is not None and self._port.is_open:
            return self._port
        s = self.settings
        try:
            self._port = serial.Serial(
                port=s.port,
                baudrate=s.baudrate,
                parity=s.parity,
                bytesize=serial.EIGHTBITS,
                stopbits=serial.STOPBITS_ONE,
                xonxoff=s.flow == "xonxoff",
                rtscts=s.flow == "rtscts",
                timeout=s.status_timeout,
                write_timeout=s.write_slack,
            )
        except serial.SerialException as exc:
            raise PrinterError(_explain_open_error(s.port, exc), PrinterState.OFFLINE) from exc
        return self._port

    def _put(self, port: serial.Serial, data: bytes) -> None:
        """Write ``data`` and wait until it has left the port, every step with a deadline.

        Raises _Held with the bytes that left the port when the printer holds the line.
        """
        chunk = self.settings.chunk
        accepted = 0
        for start in range(0, len(data), chunk):
            piece = data[start : start + chunk]
            written = self._write(port, piece)
            accepted += written
            if written < len(piece):
                raise _Held(accepted - _discard_queue(port))
        self._drain(port, accepted)

    def _write(self, port: serial.Serial, piece: bytes) -> int:
        """The bytes of ``piece`` the port took by its deadline (all of them, or fewer)."""
        timeout = self.settings.seconds_for(len(piece))
        fd = _posix_fd(port)
        if fd is None:
            # pyserial's own write (Windows): on a timeout it does not say how many bytes
            # went, so none of this piece is counted.
            port.write_timeout = timeout
            try:
                return int(port.write(piece) or 0)
            except serial.SerialTimeoutException:
                return 0
        # POSIX: write the descriptor ourselves. pyserial's write raises "Write timeout"
        # without the count, even after the driver took the whole piece (it then waits for
        # room for nothing), so the bytes counted would not be the bytes that went.
        deadline = time.monotonic() + timeout
        done = 0
        while done < len(piece):
            try:
                done += os.write(fd, piece[done:])
                continue
            except BlockingIOError:
                pass  # the driver's buffer is full (pyserial opens the port non-blocking)
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([], [fd], [], left)[1]:
                break
        return done

    def _drain(self, port: serial.Serial, accepted: int) -> None:
        """Wait until the output queue is empty: pyserial's flush(), with a deadline."""
        queued = _queued(port)
        if queued is None:
            # The driver cannot say (TIOCOUTQ unsupported): allow the wire time, then trust
            # it; a held line still shows when the driver's buffer stops taking bytes.
            time.sleep(wire_seconds(accepted, self.settings.baudrate))
            return
        deadline = time.monotonic() + self.settings.seconds_for(queued)
        while queued:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Held(accepted - _discard_queue(port))
            time.sleep(min(DRAIN_POLL, left))
            queued = _queued(port) or 0

    def _query(self, port: serial.Serial, n: int) -> int | None:
        # A stale byte must not pass for this reply: read and dropped, not flushed
        # (tcflush also drops input not yet seen by the line discipline: an XON among it
        # would be lost, and the line held for good).
        stale = port.in_waiting
        if stale:
            port.read(stale)
        # Sent and gone before the reply's short timeout starts.
        self._put(port, DLE_EOT + bytes([n]))
        reply = port.read(1)
        if len(reply) != 1 or not valid_reply(reply[0]):
            return None
        return int(reply[0])

    def status(self) -> PrinterState:
        self.last_error = None
        try:
            port = self._open()
            first = self._query(port, QUERY_PRINTER)
            if first is None:
                self.last_error = (
                    f"the printer on {self.settings.port} does not answer: check that it is "
                    "on, the cable, and the baud rate in the config"
                )
                return PrinterState.NO_ANSWER
            paper = self._query(port, QUERY_PAPER)
            # Why it is offline (cover, paper end, error) decides nothing while it is online.
            cause = self._query(port, QUERY_OFFLINE_CAUSE) if reports_offline(first) else None
        except PrinterError as exc:
            self.last_error = str(exc)
            return PrinterState.OFFLINE
        except _Held:
            self.last_error = (
                f"the printer on {self.settings.port} does not take a status query "
                f"({HELD_CAUSES}); {HELD_FIX}"
            )
            return PrinterState.OFFLINE
        except (serial.SerialException, OSError) as exc:
            self._reset()
            self.last_error = f"lost the printer on {self.settings.port}: {exc}"
            return PrinterState.OFFLINE
        return combine(first, cause, paper)

    def send(self, data: bytes) -> None:
        port = self._open()
        s = self.settings
        try:
            self._put(port, data)
        except _Held as exc:
            raise PrinterError(
                f"the printer on {s.port} stopped taking data after {exc.reached} of "
                f"{len(data)} bytes ({HELD_CAUSES}); {HELD_FIX}",
                PrinterState.OFFLINE,
            ) from exc
        except (serial.SerialException, OSError) as exc:
            self._reset()
            raise PrinterError(
                f"lost the printer on {s.port} while printing: {exc}; check the cable",
                PrinterState.OFFLINE,
            ) from exc

    def _reset(self) -> None:
        # A USB adapter that was pulled out fails on close too; that is expected.
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()

    def close(self) -> None:
        self._reset()


def _posix_fd(port: serial.Serial) -> int | None:
    """The port's descriptor where we may write it ourselves (pyserial on POSIX)."""
    if sys.platform == "win32":
        return None
    try:
        fd = port.fileno()
    except (AttributeError, OSError, ValueError):
        return None
    return fd if isinstance(fd, int) else None


def _queued(port: serial.Serial) -> int | None:
    """Bytes still in the output queue; None where the driver cannot say.

    Linux ptys (and drivers without a count) always say 0: there the deadline is kept by
    the writes, which stop when the buffer is full.
    """
    try:
        return int(port.out_waiting)
    except NotImplementedError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ENOTTY, errno.EINVAL):
            return None
        raise


def _discard_queue(port: serial.Serial) -> int:
    """Drop what the printer did not take (so it never prints later as a fragment, and
    close() does not wait for it); the number of bytes dropped."""
    queued = _queued(port) or 0
    if queued:
        port.reset_output_buffer()
    return queued


def _explain_open_error(port: str, exc: Exception) -> str:
    text = str(exc)
    windows = sys.platform == "win32"
    # pyserial words these per platform: Linux "[Errno 13] Permission denied", Windows
    # "PermissionError(13, 'Access is denied.', ...)" (there: another program has the port).
    if any(w in text for w in ("Permission denied", "Errno 13", "Access is denied", "(13,")):
        if windows:
            return (
                f"printer port {port} is in use by another program (another kiosk window, "
                "the printer's own utility): close it, or restart the PC"
            )
        return (
            f"no permission to open the printer port {port}: add this user to the "
            "'dialout' group (sudo usermod -aG dialout $USER) and log in again"
        )
    if any(w in text for w in ("No such file", "Errno 2", "cannot find the file", "(2,")):
        where = (
            "Device Manager > Ports (COM & LPT) shows the printer's COM number"
            if windows
            else "stable names live in /dev/serial/by-id/, or /dev/kiosk-printer with the udev rule"
        )
        return f"printer port {port} does not exist: check the cable and the port name ({where})"
    if "busy" in text.lower() or "Errno 16" in text:
        return f"printer port {port} is in use by another program"
    return f"cannot open printer port {port}: {text}"


@dataclass(frozen=True, slots=True)
class NetworkSettings:
    host: str
    port: int = 9100
    timeout: float = 5.0
    status_timeout: float = 0.5


class NetworkTransport:
    def __init__(self, settings: NetworkSettings) -> None:
        self.settings = settings
        self.last_error: str | None = None

    def _connect(self) -> socket.socket:
        s = self.settings
        try:
            return socket.create_connection((s.host, s.port), timeout=s.timeout)
        except OSError as exc:
            raise PrinterError(
                f"cannot reach the network printer at {s.host}:{s.port}: {exc}; "
                "check that it is on and its address",
                PrinterState.OFFLINE,
            ) from exc

    def status(self) -> PrinterState:
        self.last_error = None
        try:
            sock = self._connect()
        except PrinterError as exc:
            self.last_error = str(exc)
            return PrinterState.OFFLINE
        replies: list[int | None] = []
        with sock:
            sock.settimeout(self.settings.status_timeout)
            for n in (QUERY_PRINTER, QUERY_OFFLINE_CAUSE, QUERY_PAPER):
                try:
                    sock.sendall(DLE_EOT + bytes([n]))
                    got = sock.recv(1)
                except OSError:
                    got = b""
                replies.append(got[0] if len(got) == 1 and valid_reply(got[0]) else None)
                if replies[0] is None:
                    return PrinterState.NO_ANSWER
        return combine(*replies)

    def send(self, data: bytes) -> None:
        with self._connect() as sock:
            try:
                sock.sendall(data)
            except OSError as exc:
                raise PrinterError(
                    f"the network printer at {self.settings.host} stopped taking data: {exc}",
                    PrinterState.OFFLINE,
                ) from exc

    def close(self) -> None:
        pass
