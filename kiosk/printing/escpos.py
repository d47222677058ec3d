"""Slip -> ESC/POS bytes, built with python-escpos's Dummy printer and a printer profile.

python-escpos knows the command set, code pages and QR encodings; we only own the layout
and the transport (see transport.py). Native QR (GS ( k, ~270 bytes for a slip) wherever the
printer has it; otherwise a small raster QR, never padded to full width (printing.md: a
centred raster QR is ~15 kB, 16 s at 9600 baud).
"""

from __future__ import annotations

from dataclasses import dataclass

from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy

from kiosk.printing.slip import PAPER, Line, Size, Slip, layout


@dataclass(frozen=True, slots=True)
class PrinterModel:
    paper_mm: int = 80  # 58 or 80
    native_qr: bool = True
    cutter: bool = True
    #: python-escpos capability profile name (e.g. "TM-T88V", "TM-T20II", "default").
    profile: str = "default"
    qr_module: int = 4  # dots per QR module; clones often accept 2-5 only
    feed_lines: int = 4  # blank lines before the cut, so the footer clears the blade

    def __post_init__(self) -> None:
        if self.paper_mm not in PAPER:
            raise ValueError(f"paper width must be 58 or 80 mm, not {self.paper_mm}")
        if not 1 <= self.qr_module <= 16:
            raise ValueError("qr_module must be between 1 and 16")


def _emit(printer: Dummy, line: Line) -> None:
    printer.set(
        align=line.align,
        bold=line.bold,
        custom_size=True,
        width=int(line.size),
        height=int(line.size),
    )
    printer.text(line.text + "\n")


def encode_slip(slip: Slip, model: PrinterModel) -> bytes:
    paper = PAPER[model.paper_mm]
    printer = Dummy(profile=model.profile)
    printer.hw("INIT")
    top, bottom = layout(slip, paper)
    for line in top:
        _emit(printer, line)
    printer.set(align="center", bold=False, custom_size=True, width=1, height=1)
    printer.text("\n")
    if model.native_qr:
        printer.qr(slip.qr_payload, ec=QR_ECLEVEL_M, size=model.qr_module, native=True)
    else:
        printer.qr(
            slip.qr_payload,
            ec=QR_ECLEVEL_M,
            size=max(1, min(model.qr_module, 4)),
            native=False,
            image_arguments={"center": False},
        )
    for line in bottom:
        _emit(printer, line)
    _emit(printer, Line("", Size.NORMAL))
    if model.cutter:
        printer.text("\n" * model.feed_lines)
        printer.cut(mode="PART", feed=False)
    else:
        printer.text("\n" * (model.feed_lines + 2))
    output: bytes = printer.output
    return output


def encode_test_page(model: PrinterModel, office_name: str) -> bytes:
    """A short page that shows sizes, alignment, a QR code and the cut."""
    printer = Dummy(profile=model.profile)
    printer.hw("INIT")
    for line in (
        Line(office_name, bold=True),
        Line("TEST PRINT / CETAK UJI"),
        Line("A-123", Size.HUGE, bold=True),
        Line("left / kiri", align="left"),
        Line("right / kanan", align="right"),
        Line(f"{model.paper_mm} mm, {PAPER[model.paper_mm].chars} chars"),
    ):
        _emit(printer, line)
    if model.native_qr:
        printer.qr("KIOSK TEST", ec=QR_ECLEVEL_M, size=model.qr_module, native=True)
    else:
        printer.qr("KIOSK TEST", ec=QR_ECLEVEL_M, size=3, image_arguments={"center": False})
    printer.text("\n" * model.feed_lines)
    if model.cutter:
        printer.cut(mode="PART", feed=False)
    output: bytes = printer.output
    return output
