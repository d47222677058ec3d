"""Slip -> ESC/POS bytes, built with python-escpos's Dummy printer and a printer profile.

python-escpos knows the code pages, the QR commands and the raster format; we own the
layout, the transport (see transport.py) and how few bytes a slip takes: at 9600 baud
every 100 bytes is about 0.1 s the applicant waits. So formatting is sent only when it
changes (one ``ESC a`` for a run of centred lines, ``ESC !`` for bold and size together),
``ESC @`` already selects code page 0 (no ``ESC t 0`` after it), and one feed-and-cut
ends the slip. Native QR (``GS ( k``) wherever the printer has it; otherwise a raster QR
sent at half the module size and doubled by the printer (``GS v 0`` with m = 3), with no
quiet zone in the image: the blank paper around it is the quiet zone.
"""

from __future__ import annotations

import contextlib
import io
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import qrcode
from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy
from PIL import Image

from kiosk.printing.slip import PAPER, Line, Size, Slip, fit, layout

ESC, GS = b"\x1b", b"\x1d"
#: ESC ! bits: emphasised (bold), double height, double width.
_BOLD, _DOUBLE = 0x08, 0x30
#: GS ! n for the ticket number (4x4); ESC ! cannot go beyond double.
_HUGE = 0x33
_ALIGN = {"left": 0, "center": 1, "right": 2}
#: The raster QR is sent at half size and the printer doubles it (GS v 0, m = 3).
RASTER_SCALE = 2

log = logging.getLogger(__name__)
_stdout_lock = threading.Lock()


@contextlib.contextmanager
def _library_output_logged() -> Iterator[None]:
    """What python-escpos prints (it print()s warnings) goes to the log, never to stdout,
    which carries the CLI's --json. The lock: redirect_stdout swaps sys.stdout for the whole
    process, and two encodes interleaving would restore each other's buffer for good."""
    buffer = io.StringIO()
    with _stdout_lock, contextlib.redirect_stdout(buffer):
        yield
    for text in buffer.getvalue().splitlines():
        if text.strip():
            log.warning("python-escpos: %s", text.strip())


@dataclass(frozen=True, slots=True)
class PrinterModel:
    paper_mm: int = 80  # 58 or 80
    native_qr: bool = True
    cutter: bool = True
    #: python-escpos capability profile name (e.g. "TM-T88V", "TM-T20II", "default").
    profile: str = "default"
    qr_module: int = 4  # dots per QR module; clones often accept 2-5 only
    #: Without a cutter: blank lines fed at the end, so the footer clears the tear bar.
    feed_lines: int = 4

    def __post_init__(self) -> None:
        if self.paper_mm not in PAPER:
            raise ValueError(f"paper width must be 58 or 80 mm, not {self.paper_mm}")
        if not 1 <= self.qr_module <= 16:
            raise ValueError("qr_module must be between 1 and 16")

    @property
    def raster_module(self) -> int:
        """Dots per QR module in a raster image: half the module, which the printer doubles
        (so 4 prints as 4, 3 as 4, 1 and 2 as 2)."""
        return max(1, (self.qr_module + 1) // RASTER_SCALE)

    @property
    def printed_module(self) -> int:
        """Dots per QR module on paper, as the bytes say."""
        return self.qr_module if self.native_qr else self.raster_module * RASTER_SCALE


class _Writer:
    """Our lines as ESC/POS, each format command sent only when the format changes."""

    def __init__(self, model: PrinterModel) -> None:
        self.model = model
        self.printer = Dummy(profile=model.profile)
        # The paper's width in dots, on this printer's own copy of the profile (the class's
        # data is shared by every printer of that profile): python-escpos checks images
        # against it, and without it says so on stdout.
        paper = PAPER[model.paper_mm]
        data = self.printer.profile.profile_data
        self.printer.profile.profile_data = {
            **data,
            "media": {**data.get("media", {}), "width": {"mm": paper.mm, "pixels": paper.dots}},
        }
        self.printer.hw("INIT")
        # ESC @ selects the profile's code page 0; telling the encoder so spares an
        # ESC t 0 before the first text.
        page0 = self.printer.profile.codePages.get("0")
        if page0:
            self.printer.magic.encoding = self.printer.magic.encoder.get_encoding_name(page0)
        self.align = "left"
        self.mode = 0  # ESC ! n in force
        self.huge = False  # GS ! 0x33 in force (the last size command wins)

    def raw(self, data: bytes) -> None:
        self.printer._raw(data)

    def _set_align(self, align: str) -> None:
        if align != self.align:
            self.raw(ESC + b"a" + bytes([_ALIGN[align]]))
            self.align = align

    def _set_style(self, size: Size, bold: bool) -> None:
        mode = (_BOLD if bold else 0) | (_DOUBLE if size is Size.LARGE else 0)
        if self.huge and size is not Size.HUGE:
            # Leaving the 4x4 number: ESC ! sets the size too, and of ESC ! and GS ! the
            # last one received is in force (ESC/POS), so no GS ! 0.
            self.huge = False
            self.mode = -1
        if mode != self.mode:
            self.raw(ESC + b"!" + bytes([mode]))
            self.mode = mode
        if size is Size.HUGE and not self.huge:
            self.raw(GS + b"!" + bytes([_HUGE]))
            self.huge = True

    def line(self, line: Line) -> None:
        # A blank line is only a feed: its format does not show.
        if line.text:
            self._set_align(line.align)
            self._set_style(line.size, line.bold)
            self.printer.text(line.text)
        self.raw(b"\n")

    def lines(self, lines: list[Line]) -> None:
        for ln in lines:
            self.line(ln)

    def qr(self, payload: str) -> None:
        self._set_align("center")
        if self.model.native_qr:
            self.raw(native_qr(payload, self.model.qr_module))
        else:
            self._raster_qr(payload)
        self.raw(b"\n")  # the blank paper below is the quiet zone (the line above is blank)

    def _raster_qr(self, payload: str) -> None:
        self.printer.image(
            qr_image(payload, self.model.raster_module),
            high_density_vertical=False,  # m = 3: the printer doubles both ways
            high_density_horizontal=False,
            impl="bitImageRaster",
            center=False,  # centred by ESC a, not by padding the image to the paper
        )

    def end(self) -> bytes:
        if self.model.cutter:
            # One command: feed to the cutter (the last line clears the blade) and cut.
            self.raw(GS + b"VB\x00")
        else:
            self.raw(ESC + b"d" + bytes([self.model.feed_lines + 2]))
        output: bytes = self.printer.output
        return output


def _qr_function(fn: int, body: bytes) -> bytes:
    """GS ( k for the QR code (cn 49), function ``fn``."""
    size = len(body) + 2
    return GS + b"(k" + bytes([size & 0xFF, size >> 8, 49, fn]) + body


def native_qr(payload: str, module: int) -> bytes:
    """The printer draws the QR code: module size, error correction M, the data, print.
    No model command: model 2 is the power-on default and nothing here selects another."""
    return (
        _qr_function(67, bytes([module]))
        + _qr_function(69, bytes([48 + QR_ECLEVEL_M]))
        + _qr_function(80, b"0" + payload.encode("utf-8"))
        + _qr_function(81, b"0")
    )


def qr_image(payload: str, module: int) -> Image.Image:
    """The QR code as a 1-bit image, ``module`` dots a module, no quiet zone."""
    qr = qrcode.QRCode(border=0, box_size=module, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(payload)
    qr.make(fit=True)
    image: Image.Image = qr.make_image(fill_color="black", back_color="white").get_image()
    return image.convert("1")


def encode_slip(slip: Slip, model: PrinterModel) -> bytes:
    with _library_output_logged():
        w = _Writer(model)
        top, bottom = layout(slip, PAPER[model.paper_mm])
        w.lines(top)
        w.line(Line(""))
        w.qr(slip.qr_payload)
        w.lines(bottom)
        return w.end()


def encode_test_page(model: PrinterModel, office_name: str) -> bytes:
    """A short page that shows sizes, alignment, a QR code and the cut."""
    with _library_output_logged():
        return _test_page(model, office_name)


#: Letters outside ASCII on the test page: printed as other signs, they show that the
#: printer's code page is not the one the slip's bytes are in (README: Slips and printers).
CODE_PAGE_PROBE = "é ü"


def _test_page(model: PrinterModel, office_name: str) -> bytes:
    w = _Writer(model)
    paper = PAPER[model.paper_mm]
    lines = [
        Line(office_name, bold=True),
        Line("TEST PRINT / CETAK UJI"),
        Line("A-123", Size.HUGE, bold=True),
        Line("left / kiri", align="left"),
        Line("right / kanan", align="right"),
        Line(f"{paper.mm} mm, {paper.chars} chars"),
        # The office's own name too: its letters are the ones its slips must print.
        Line(f"{CODE_PAGE_PROBE}  {office_name}"),
    ]
    w.lines(fit(lines, paper))
    w.qr("KIOSK TEST")
    return w.end()
