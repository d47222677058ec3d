"""The office logo checked and normalised with Pillow before it goes into the database.

Whatever a supervisor picks (PNG, JPEG, GIF, BMP or WebP, at most 2 MB) is stored as one RGBA
PNG no larger than 512x512, so every window draws it alike and the row stays small.
"""

from __future__ import annotations

import io

from kiosk.domain.errors import LogoRejected

#: The largest file accepted (before normalising).
MAX_BYTES = 2 * 1024 * 1024
#: The stored logo fits in this square, its aspect ratio kept.
MAX_SIDE = 512
#: More pixels than this is refused before decoding (a small file can unpack to gigabytes).
MAX_PIXELS = 40_000_000
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP")


def normalise_logo(data: bytes) -> bytes:
    """``data`` as an RGBA PNG fitting MAX_SIDE; LogoRejected (a SettingsRejected) if it
    cannot be a logo."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise LogoRejected(
            "too_big",
            f"the file is {len(data) / 1024 / 1024:.1f} MB; "
            f"a logo may be at most {MAX_BYTES // 1024 // 1024} MB",
        )
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as image:
            if image.width * image.height > MAX_PIXELS:
                raise LogoRejected(
                    "too_many_pixels", f"{image.width}x{image.height} pixels is too large"
                )
            image.load()
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise LogoRejected(
            "not_image", "not an image this program can read (PNG, JPEG, GIF, BMP or WebP)"
        ) from None
    rgba.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    rgba.save(out, "PNG", optimize=True)
    return out.getvalue()
