"""Respondents by profile: gender and age, education and occupation side by side, then the
service received."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from kiosk.survey.recap import (
    DASH,
    ProfileTable,
    Recap,
    count_id,
    percent_id,
    profile_tables,
)
from kiosk.survey.report_pdf.styles import BODY_W, Styles, grid


def profile_block(table: ProfileTable, st: Styles, width: float) -> Table:
    data: list[list[Any]] = [
        [
            Paragraph(escape(table.title), ParagraphStyle("ph", st.cell_head, alignment=0)),
            Paragraph("Jumlah", st.cell_head),
            Paragraph("%", st.cell_head),
        ]
    ]
    for label, count in table.rows:
        data.append(
            [Paragraph(escape(label), st.cell), count_id(count), percent_id(count, table.total)]
        )
    if not table.rows:
        data.append([Paragraph(DASH, st.cell), "0", DASH])
    t = Table(data, colWidths=[width - 90, 45, 45])
    cmds = grid(font=st.regular, bold=st.bold)
    cmds.append(("ALIGN", (1, 1), (-1, -1), "RIGHT"))
    t.setStyle(TableStyle(cmds))
    return t


def profiles(recap: Recap, st: Styles) -> list[Any]:
    tables = profile_tables(recap)
    gap = 14.0
    half = (BODY_W - gap) / 2
    by_title = {t.title: t for t in tables}
    pairs = [("Jenis Kelamin", "Umur"), ("Pendidikan", "Pekerjaan")]
    flow: list[Any] = []
    for left, right in pairs:
        pair = Table(
            [
                [
                    profile_block(by_title[left], st, half),
                    "",
                    profile_block(by_title[right], st, half),
                ]
            ],
            colWidths=[half, gap, half],
        )
        pair.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        flow.append(pair)
    flow.append(profile_block(by_title["Jenis Layanan"], st, BODY_W))
    return flow
