"""The signature block: place and date, "Mengetahui,", the head of office's title, a gap to
sign in, the name (bold, underlined) and the NIP, on the right half of the page."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from kiosk.survey.recap import SIGN_BLANK, Recap, signature_lines
from kiosk.survey.report_pdf.styles import BODY_W, Styles


def signature(recap: Recap, st: Styles) -> KeepTogether:
    lines = signature_lines(recap)
    name = escape(lines.name)
    if lines.name != SIGN_BLANK:
        name = f"<u><b>{name}</b></u>"
    block: list[Any] = [
        Paragraph(escape(lines.place_date), st.body),
        Paragraph(escape(lines.known), st.body),
        Paragraph(escape(lines.title), st.body),
        Spacer(1, 20 * mm),
        Paragraph(name, st.body),
        Paragraph(escape(lines.nip), st.body),
    ]
    table = Table([["", block]], colWidths=[BODY_W * 0.55, BODY_W * 0.45])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([Spacer(1, 8 * mm), table])
