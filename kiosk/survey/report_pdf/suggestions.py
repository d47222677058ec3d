"""The suggestions (saran dan masukan), numbered as in the XLSX's "Saran" sheet.

Up to ``SUGGESTIONS_ON_PAPER`` are printed whole. Past that, the page says how many there
are and where all of them are, lists the words and phrases most of them contain (counted
over every one, ``kiosk.survey.themes``), and prints the most recent ones: what people
say now is what a supervisor can still act on.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from kiosk.survey.recap import (
    NO_SUGGESTIONS,
    SUGGESTIONS_ON_PAPER,
    Recap,
    count_id,
    number_id,
    suggestions_note_id,
)
from kiosk.survey.report_pdf.styles import BAND_BG, BODY_W, HEAD_BG, RULE, Styles, grid
from kiosk.survey.themes import frequent_themes

#: Suggestions per table: long tables are split page by page in quadratic time; many short
#: ones flow as one list at the same speed per row.
SUGGESTION_CHUNK = 40


def suggestions(recap: Recap, st: Styles) -> list[Any]:
    """The suggestions, numbered. A busy month holds thousands: the text is wrapped once
    with simpleSplit (no Paragraph per row), in chunks of tables that look like one."""
    if not recap.suggestions:
        return [Paragraph(escape(NO_SUGGESTIONS), st.body)]
    total = len(recap.suggestions)
    skipped = max(0, total - SUGGESTIONS_ON_PAPER)
    flow: list[Any] = []
    if skipped:
        flow += [Paragraph(escape(suggestions_note_id(total, total - skipped)), st.body)]
        flow += _themes(recap, st)
        flow.append(Spacer(1, 6))
    num_w = 34 if total < 1000 else 44  # "23.968" needs more than "40"
    text_w = BODY_W - num_w - 8
    wrapped = [
        (count_id(i), "\n".join(simpleSplit(text, st.regular, 8.5, text_w)) or " ")
        for i, text in enumerate(recap.suggestions[skipped:], start=skipped + 1)
    ]
    for start in range(0, len(wrapped), SUGGESTION_CHUNK):
        data: list[list[Any]] = [list(row) for row in wrapped[start : start + SUGGESTION_CHUNK]]
        first = start == 0
        if first:
            data.insert(0, [Paragraph("No", st.cell_head), Paragraph("Saran", st.cell_head)])
        table = Table(data, colWidths=[num_w, BODY_W - num_w], repeatRows=1 if first else 0)
        cmds: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), st.regular, 8.5, 10.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (0, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("LINEBEFORE", (0, 0), (0, -1), 0.6, HEAD_BG),
            ("LINEAFTER", (-1, 0), (-1, -1), 0.6, HEAD_BG),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("ROWBACKGROUNDS", (0, 1 if first else 0), (-1, -1), [colors.white, BAND_BG]),
        ]
        if first:
            cmds += [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG), ("ALIGN", (0, 0), (-1, 0), "CENTER")]
        if start + SUGGESTION_CHUNK >= len(wrapped):
            cmds.append(("LINEBELOW", (0, -1), (-1, -1), 0.6, HEAD_BG))
        table.setStyle(TableStyle(cmds))
        flow.append(table)
    return flow


def _themes(recap: Recap, st: Styles) -> list[Any]:
    total = len(recap.suggestions)
    themes = frequent_themes(recap.suggestions)
    if not themes:
        return []
    head = ["No", "Kata atau frasa", "Jumlah saran yang memuatnya", "% dari semua saran"]
    data: list[list[Any]] = [[Paragraph(h, st.cell_head) for h in head]]
    for i, theme in enumerate(themes, start=1):
        data.append(
            [
                str(i),
                Paragraph(escape(theme.phrase), st.cell),
                count_id(theme.suggestions),
                f"{number_id(100 * theme.suggestions / total, 1)}%",
            ]
        )
    table = Table(data, colWidths=[34, BODY_W - 34 - 150 - 100, 150, 100], repeatRows=1)
    cmds = grid(font=st.regular, bold=st.bold)
    cmds += [("ALIGN", (0, 1), (0, -1), "RIGHT"), ("ALIGN", (2, 1), (-1, -1), "RIGHT")]
    table.setStyle(TableStyle(cmds))
    note = (
        f"Dihitung dari semua {count_id(total)} saran: berapa saran yang memuat kata atau "
        "frasa itu. Kata umum (\u201cyang\u201d, \u201cdan\u201d, \u201cmohon\u201d, "
        "\u201cterima kasih\u201d) tidak dihitung. Ini hitungan kata, bukan penilaian isi "
        "saran."
    )
    return [
        KeepTogether(
            [
                Spacer(1, 6),
                Paragraph("<b>Kata dan frasa yang paling sering muncul</b>", st.body),
                Spacer(1, 3),
                table,
                Spacer(1, 2),
                Paragraph(escape(note), st.small),
            ]
        )
    ]
