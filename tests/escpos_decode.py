"""ESC/POS bytes -> what the printer would print: lines with size, bold and alignment, QR
payloads, raster images and cuts, so tests assert on meaning, not opaque bytes (the slip's
bytes, what a fake printer on a pty received). Only tests use it: the program encodes and
never reads ESC/POS back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, DLE = 0x1B, 0x1D, 0x10
#: ESC t n -> the code page's codec (Epson's numbering; the ones a slip may need).
CODE_PAGES = {0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 16: "cp1252",
              17: "cp866", 18: "cp852", 19: "cp858"}  # fmt: skip
_ALIGN = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}


@dataclass(frozen=True, slots=True)
class PrintedLine:
    text: str
    width: int
    height: int
    bold: bool
    align: str


@dataclass(frozen=True, slots=True)
class Raster:
    """A ``GS v 0`` image: rows of dots (True: black), and the printer's magnification."""

    rows: tuple[tuple[bool, ...], ...]
    scale_x: int
    scale_y: int

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def modules(self, size: int) -> list[list[bool]]:
        """The image read as a ``size`` x ``size`` grid (a QR code without quiet zone),
        each cell sampled at its centre; the image must be exactly that grid."""
        dots = len(self.rows) // size
        if dots * size != len(self.rows):
            raise DecodeError(f"{len(self.rows)} rows are not {size} modules")
        return [
            [self.rows[r * dots + dots // 2][c * dots + dots // 2] for c in range(size)]
            for r in range(size)
        ]


@dataclass
class Decoded:
    lines: list[PrintedLine] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    qr_module: int | None = None
    raster_images: int = 0
    raster_bytes: int = 0
    rasters: list[Raster] = field(default_factory=list)
    cuts: int = 0
    initialised: bool = False
    unknown: list[str] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines]

    def line(self, text: str) -> PrintedLine:
        for ln in self.lines:
            if ln.text == text:
                return ln
        raise KeyError(text)


class DecodeError(ValueError):
    pass


def decode(data: bytes, encoding: str = "cp437") -> Decoded:
    """``encoding``: the printer's code page before the first ``ESC t`` (and after ``ESC @``)."""
    out = Decoded()
    start_encoding = encoding
    width = height = 1
    bold = False
    align = "left"
    buf = bytearray()
    i, n = 0, len(data)
    qr_store: bytes | None = None

    def need(k: int) -> None:
        if i + k > n:
            raise DecodeError(f"truncated command at byte {i}")

    text = ""  # the line so far, each run decoded in the code page it was sent in

    def take() -> None:
        nonlocal text
        text += buf.decode(encoding)
        buf.clear()

    def flush_line() -> None:
        nonlocal text
        take()
        out.lines.append(PrintedLine(text, width, height, bold, align))
        text = ""

    while i < n:
        b = data[i]
        if b == 0x0A:
            flush_line()
            i += 1
        elif b == ESC:
            need(2)
            cmd = data[i + 1]
            if cmd == ord("@"):
                out.initialised = True
                take()
                encoding = start_encoding
                width = height = 1
                bold, align = False, "left"
                i += 2
            elif cmd == ord("!"):
                need(3)
                mode = data[i + 2]
                bold = bool(mode & 0x08)
                width = 2 if mode & 0x20 else 1
                height = 2 if mode & 0x10 else 1
                i += 3
            elif cmd == ord("E"):
                need(3)
                bold = bool(data[i + 2] & 1)
                i += 3
            elif cmd == ord("a"):
                need(3)
                align = _ALIGN.get(data[i + 2], "left")
                i += 3
            elif cmd == ord("d"):
                need(3)
                for _ in range(data[i + 2]):
                    flush_line()
                i += 3
            elif cmd == ord("t"):
                need(3)
                take()
                if data[i + 2] not in CODE_PAGES:
                    raise DecodeError(f"code page {data[i + 2]} not known to the decoder")
                encoding = CODE_PAGES[data[i + 2]]
                i += 3
            elif cmd in (ord("-"), ord("M"), ord("{"), ord("G")):
                need(3)
                i += 3
            else:
                out.unknown.append(f"ESC {cmd:#04x}")
                i += 2
        elif b == GS:
            need(2)
            cmd = data[i + 1]
            if cmd == ord("!"):
                need(3)
                size = data[i + 2]
                width, height = (size >> 4) + 1, (size & 0x0F) + 1
                i += 3
            elif cmd == ord("V"):
                need(3)
                mode = data[i + 2]
                i += 4 if mode in (65, 66) else 3
                out.cuts += 1
            elif cmd == ord("(") and i + 2 < n and data[i + 2] == ord("k"):
                need(5)
                plen = data[i + 3] | (data[i + 4] << 8)
                need(5 + plen)
                body = data[i + 5 : i + 5 + plen]
                cn, fn = body[0], body[1]
                if cn == 49 and fn == 67:  # module size
                    out.qr_module = body[2]
                elif cn == 49 and fn == 80:  # store data
                    qr_store = bytes(body[3:])
                elif cn == 49 and fn == 81 and qr_store is not None:  # print
                    out.qr_payloads.append(qr_store.decode("utf-8"))
                i += 5 + plen
            elif cmd == ord("v") and i + 2 < n and data[i + 2] == ord("0"):
                need(8)
                m = data[i + 3] & 0x03
                xl, xh, yl, yh = data[i + 4 : i + 8]
                row_bytes, height = xl + xh * 256, yl + yh * 256
                size = row_bytes * height
                need(8 + size)
                body = data[i + 8 : i + 8 + size]
                rows = tuple(
                    tuple(
                        bool(body[r * row_bytes + c // 8] & (0x80 >> (c % 8)))
                        for c in range(row_bytes * 8)
                    )
                    for r in range(height)
                )
                # m: 0 normal, 1 double width, 2 double height, 3 both (48-51 the same).
                out.rasters.append(Raster(rows, 1 + (m & 1), 1 + (m >> 1 & 1)))
                out.raster_images += 1
                out.raster_bytes += 8 + size
                i += 8 + size
            elif cmd == ord("L") or cmd == ord("W"):
                i += 4
            else:
                out.unknown.append(f"GS {cmd:#04x}")
                i += 2
        elif b == DLE:
            raise DecodeError(f"real-time command (DLE) inside slip data at byte {i}")
        elif b < 0x20 and b not in (0x09, 0x0D):
            out.unknown.append(f"{b:#04x}")
            i += 1
        else:
            if b != 0x0D:
                buf.append(b)
            i += 1
    if buf or text:
        flush_line()
    return out
