"""A slip printer: ask its state, print, ask again; say what happened in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.printing.escpos import PrinterModel, encode_slip, encode_test_page
from kiosk.printing.preview import render_slip
from kiosk.printing.slip import Slip
from kiosk.printing.status import PrinterState
from kiosk.printing.transport import PrinterError, Transport

#: What to tell staff for each state (English; the windows translate the state itself).
ADVICE = {
    PrinterState.ONLINE: "ready",
    PrinterState.PAPER_NEAR_END: "paper is running out: load a new roll soon",
    PrinterState.PAPER_OUT: "out of paper: load a new roll",
    PrinterState.COVER_OPEN: "the cover is open: close it",
    PrinterState.OFFLINE: "offline: check power, cable and that it is switched on",
    PrinterState.NO_ANSWER: "does not answer: check power and cable (or the port in the config)",
}


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    printed: bool
    state: PrinterState  # the printer's state after the attempt
    message: str | None = None  # why it failed, or a warning (paper near end)


class Printer(Protocol):
    def status(self) -> PrinterState: ...
    def explain(self, state: PrinterState) -> str:
        """What staff should do about ``state`` (the last error's own words if known)."""
        ...

    def print_slip(self, slip: Slip) -> PrintOutcome: ...
    def print_test(self, office_name: str) -> PrintOutcome: ...
    def close(self) -> None: ...


class EscposPrinter:
    """A real ESC/POS printer behind a transport (serial or network)."""

    def __init__(self, transport: Transport, model: PrinterModel, status_query: bool) -> None:
        self.transport = transport
        self.model = model
        self.status_query = status_query

    def status(self) -> PrinterState:
        return self.transport.status()

    def explain(self, state: PrinterState) -> str:
        if state is not PrinterState.ONLINE and self.transport.last_error:
            return self.transport.last_error
        return f"printer {ADVICE[state]}"

    def _print(self, data: bytes) -> PrintOutcome:
        # status() asks only what decides: offline? paper? (and why, once it is offline).
        if self.status_query:
            before = self.transport.status()
            if not before.can_print:
                return PrintOutcome(False, before, self.explain(before))
        try:
            self.transport.send(data)
        except PrinterError as exc:
            return PrintOutcome(False, exc.state, str(exc))
        if not self.status_query:
            return PrintOutcome(True, PrinterState.ONLINE)
        # Asked again because the answer is seen: a slip that used up the roll (or a cover
        # opened meanwhile) puts the printer notice before the next applicant and the alert
        # at the counters now, not at the next poll or the next applicant's failed slip.
        after = self.transport.status()
        if after in (PrinterState.ONLINE, PrinterState.NO_ANSWER):
            # Printed; a printer busy with the job may not answer at once.
            return PrintOutcome(True, PrinterState.ONLINE)
        # The slip went out, but the printer now needs attention (paper near end...).
        return PrintOutcome(True, after, self.explain(after))

    def print_slip(self, slip: Slip) -> PrintOutcome:
        return self._print(encode_slip(slip, self.model))

    def print_test(self, office_name: str) -> PrintOutcome:
        return self._print(encode_test_page(self.model, office_name))

    def close(self) -> None:
        self.transport.close()


class PreviewPrinter:
    """Draws each slip to a PNG (and keeps its ESC/POS bytes): demos and offices without one."""

    def __init__(self, folder: Path, model: PrinterModel) -> None:
        self.folder = folder
        self.model = model
        self.last: Path | None = None

    def status(self) -> PrinterState:
        return PrinterState.ONLINE

    def explain(self, state: PrinterState) -> str:
        return f"slip previews are saved in {self.folder}"

    def print_slip(self, slip: Slip) -> PrintOutcome:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Named by the time printed on it (office time), as the screens say it.
            stamp = slip.issued_local.strftime("%Y%m%d-%H%M%S")
            base = self.folder / f"{stamp}-{slip.ticket_code}"
            render_slip(slip, self.model).save(base.with_suffix(".png"))
            base.with_suffix(".bin").write_bytes(encode_slip(slip, self.model))
        except OSError as exc:
            return PrintOutcome(
                False, PrinterState.OFFLINE, f"cannot write the slip preview: {exc}"
            )
        self.last = base.with_suffix(".png")
        return PrintOutcome(True, PrinterState.ONLINE)

    def print_test(self, office_name: str) -> PrintOutcome:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / "test-page.bin").write_bytes(encode_test_page(self.model, office_name))
        except OSError as exc:
            return PrintOutcome(False, PrinterState.OFFLINE, str(exc))
        return PrintOutcome(True, PrinterState.ONLINE)

    def close(self) -> None:
        pass


class NoPrinter:
    """Configured without a printer: the number is shown on screen only."""

    def status(self) -> PrinterState:
        return PrinterState.OFFLINE

    def explain(self, state: PrinterState) -> str:
        return 'no printer is configured ([printer] kind = "none")'

    def print_slip(self, slip: Slip) -> PrintOutcome:
        return PrintOutcome(False, PrinterState.OFFLINE, "no printer is configured")

    def print_test(self, office_name: str) -> PrintOutcome:
        return PrintOutcome(False, PrinterState.OFFLINE, "no printer is configured")

    def close(self) -> None:
        pass
