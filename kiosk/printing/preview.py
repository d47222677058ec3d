"""Draw a slip as a PNG, as the thermal printer would print it (for demos and previews)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk.printing.escpos import PrinterModel, qr_image
from kiosk.printing.slip import PAPER, Line, Slip, layout

CHAR_W, CHAR_H = 12, 24  # Font A cell at 203 dpi
MARGIN = 16


def _font(px: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # DejaVu Sans Mono is on most Linux desktops; Pillow's own scalable font elsewhere.
    name = "DejaVuSansMono-Bold.ttf" if bold else "DejaVuSansMono.ttf"
    for folder in ("/usr/share/fonts/truetype/dejavu", "C:/Windows/Fonts"):
        path = Path(folder) / name
        if path.exists():
            return ImageFont.truetype(str(path), px)
    return ImageFont.load_default(size=px)


def render_slip(slip: Slip, model: PrinterModel | None = None) -> Image.Image:
    """The slip as ``model`` prints it: its paper, and the QR code at the module size the
    bytes ask for (the raster one doubled by the printer, see escpos.py)."""
    model = model or PrinterModel()
    paper = PAPER[model.paper_mm]
    top, bottom = layout(slip, paper)
    qr_img = qr_image(slip.qr_payload, model.printed_module).convert("L")
    # The blank line the bytes feed after the QR code (its quiet zone below).
    after_qr = CHAR_H + 4

    def height(lines: list[Line]) -> int:
        return sum(CHAR_H * int(ln.size) + 4 for ln in lines)

    total = MARGIN * 2 + height(top) + CHAR_H + qr_img.height + after_qr + height(bottom) + CHAR_H
    img = Image.new("L", (paper.dots + MARGIN * 2, total), 255)
    draw = ImageDraw.Draw(img)
    y = MARGIN

    def draw_lines(lines: list[Line], y: int) -> int:
        for ln in lines:
            scale = int(ln.size)
            font = _font(int(CHAR_H * 0.85 * scale), ln.bold)
            text_w = int(draw.textlength(ln.text, font=font)) if ln.text else 0
            if ln.align == "center":
                x = MARGIN + (paper.dots - text_w) // 2
            elif ln.align == "right":
                x = MARGIN + paper.dots - text_w
            else:
                x = MARGIN
            if ln.text:
                draw.text((x, y), ln.text, font=font, fill=0)
            y += CHAR_H * scale + 4
        return y

    y = draw_lines(top, y) + CHAR_H
    img.paste(qr_img, (MARGIN + (paper.dots - qr_img.width) // 2, y))
    y += qr_img.height + after_qr
    draw_lines(bottom, y)
    return img


def save_preview(slip: Slip, out: Path, model: PrinterModel | None = None) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    render_slip(slip, model).save(out, "PNG")
    return out
