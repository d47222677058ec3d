"""Draw a slip as a PNG, as the thermal printer would print it (for demos and previews)."""

from __future__ import annotations

from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

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


def render_slip(slip: Slip, paper_mm: int = 80, qr_module: int = 4) -> Image.Image:
    paper = PAPER[paper_mm]
    top, bottom = layout(slip, paper)
    qr = qrcode.QRCode(
        border=2, box_size=qr_module, error_correction=qrcode.constants.ERROR_CORRECT_M
    )
    qr.add_data(slip.qr_payload)
    qr.make(fit=True)
    qr_img = qr.make_image(fill_color="black", back_color="white").get_image().convert("L")

    def height(lines: list[Line]) -> int:
        return sum(CHAR_H * int(ln.size) + 4 for ln in lines)

    total = MARGIN * 2 + height(top) + CHAR_H + qr_img.height + height(bottom) + CHAR_H
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
    y += qr_img.height
    draw_lines(bottom, y)
    return img


def save_preview(slip: Slip, out: Path, paper_mm: int = 80) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    render_slip(slip, paper_mm).save(out, "PNG")
    return out
