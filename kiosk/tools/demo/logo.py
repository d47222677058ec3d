"""The demo's made-up office emblem (for ``kiosk demo``, the screenshots and the tests)."""

from __future__ import annotations

import io


def demo_logo(side: int = 256) -> bytes:
    """A made-up emblem for demos and screenshots (drawn, so always the same): a gold star
    on a blue disc with a gold rim. PNG bytes."""
    import math

    from PIL import Image, ImageDraw

    big = side * 4  # drawn large, then scaled down: smooth edges
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    rim = big // 24
    draw.ellipse((0, 0, big - 1, big - 1), fill=(212, 175, 55, 255))
    draw.ellipse((rim, rim, big - 1 - rim, big - 1 - rim), fill=(10, 42, 94, 255))
    centre, outer, inner = big / 2, big * 0.36, big * 0.15
    points = [
        (
            centre + (outer if i % 2 == 0 else inner) * math.sin(i * math.pi / 5),
            centre - (outer if i % 2 == 0 else inner) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(points, fill=(245, 184, 0, 255))
    image = image.resize((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
