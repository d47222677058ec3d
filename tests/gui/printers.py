"""Printers for the window tests: one out of paper, one that hangs until released."""

from __future__ import annotations

import threading

from kiosk.printing.printer import PrintOutcome
from kiosk.printing.slip import Slip
from kiosk.printing.status import PrinterState


class PaperOutPrinter:
    """Out of paper until a test sets ``paper_out = False`` (a new roll loaded)."""

    def __init__(self) -> None:
        self.slips: list[Slip] = []
        self.test_pages: list[str] = []
        self.paper_out = True

    def status(self) -> PrinterState:
        return PrinterState.PAPER_OUT if self.paper_out else PrinterState.ONLINE

    def explain(self, state: PrinterState) -> str:
        return "load a new roll" if state is PrinterState.PAPER_OUT else "ready"

    def print_slip(self, slip: Slip) -> PrintOutcome:
        self.slips.append(slip)
        if not self.paper_out:
            return PrintOutcome(True, PrinterState.ONLINE, None)
        return PrintOutcome(False, PrinterState.PAPER_OUT, "printer out of paper: load a new roll")

    def print_test(self, office_name: str) -> PrintOutcome:
        self.test_pages.append(office_name)
        if not self.paper_out:
            return PrintOutcome(True, PrinterState.ONLINE, None)
        return PrintOutcome(False, PrinterState.PAPER_OUT, "out of paper")

    def close(self) -> None:
        pass


class HangingPrinter:
    """print_slip blocks until ``release`` is set (or 30 s pass, so a failing test ends)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.slips: list[Slip] = []

    def status(self) -> PrinterState:
        return PrinterState.ONLINE

    def print_slip(self, slip: Slip) -> PrintOutcome:
        self.started.set()
        self.release.wait(30)
        self.slips.append(slip)
        return PrintOutcome(True, PrinterState.ONLINE)

    def print_test(self, office_name: str) -> PrintOutcome:
        return PrintOutcome(True, PrinterState.ONLINE)

    def close(self) -> None:
        self.release.set()
