"""A fake ESC/POS printer on the master side of a real pty.

The code under test opens the slave path with pyserial exactly as it would open
/dev/ttyUSB0. The fake records every byte and answers DLE EOT n with the bytes of the
state the test chose; it can also stay silent, hold XOFF, or vanish.
"""

from __future__ import annotations

import contextlib
import os
import pty
import select
import termios
import threading
import tty

from kiosk.printing.status import REPLIES, PrinterState

XOFF, XON = b"\x13", b"\x11"


class FakePrinter:
    def __init__(self, state: PrinterState = PrinterState.ONLINE) -> None:
        self.master, self.slave = pty.openpty()
        tty.setraw(self.slave)  # no echo, no line discipline: bytes as a printer sees them
        attrs = termios.tcgetattr(self.slave)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(self.slave, termios.TCSANOW, attrs)
        self.path = os.ttyname(self.slave)
        self.state = state
        self.silent = False
        self.received = bytearray()  # slip data, with the status queries taken out
        self.queries: list[int] = []
        self._switch: tuple[int, PrinterState] | None = None
        self._hold = threading.Event()  # set: stop reading (a full buffer)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    # -- what tests change ---------------------------------------------------------------
    def hold_xoff(self) -> None:
        """Send XOFF and stop reading, as a printer with a full buffer does."""
        self._hold.set()
        os.write(self.master, XOFF)

    def release_xon(self) -> None:
        self._hold.clear()
        os.write(self.master, XON)

    def hold(self) -> None:
        """Stop reading without a word (a busy printer on a line without flow control)."""
        self._hold.set()

    def release(self) -> None:
        self._hold.clear()

    def switch_after(self, nbytes: int, state: PrinterState) -> None:
        """Take ``state`` once ``nbytes`` of slip data arrived (the roll ran out on it)."""
        self._switch = (nbytes, state)

    def data(self) -> bytes:
        with self._lock:
            return bytes(self.received)

    # -- the printer side ----------------------------------------------------------------
    def _run(self) -> None:
        pending = bytearray()
        while not self._stop.is_set():
            if self._hold.is_set():
                self._stop.wait(0.01)
                continue
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                return
            pending += chunk
            while pending:
                idx = pending.find(b"\x10\x04")
                if idx == -1 or idx + 2 >= len(pending):
                    # keep a possible partial query for the next read
                    keep = (
                        2
                        if pending.endswith(b"\x10\x04")
                        else (1 if pending.endswith(b"\x10") else 0)
                    )
                    with self._lock:
                        self.received += pending[: len(pending) - keep]
                    del pending[: len(pending) - keep]
                    self._maybe_switch()
                    break
                with self._lock:
                    self.received += pending[:idx]
                self._maybe_switch()
                n = pending[idx + 2]
                del pending[: idx + 3]
                self.queries.append(n)
                self._answer(n)

    def _maybe_switch(self) -> None:
        if self._switch is not None and len(self.received) >= self._switch[0]:
            self.state, self._switch = self._switch[1], None

    def _answer(self, n: int) -> None:
        if self.silent or self.state is PrinterState.NO_ANSWER:
            return
        first, cause, paper = REPLIES[self.state]
        reply = {1: first, 2: cause, 4: paper}.get(n)
        if reply is not None:
            os.write(self.master, bytes([reply]))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)
