"""The recap's tables: the title block, the result at a glance, the values per unsur with
IKM, mutu and kinerja, and the regulation's conversion table."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from kiosk.survey.recap import (
    CONVERSION,
    DASH,
    GRADE_COLOURS,
    NEUTRAL_COLOUR,
    REGULATION,
    Recap,
    count_id,
    element_lines,
    number_id,
    period_id,
    scope_id,
)
from kiosk.survey.report_pdf.styles import (
    BAND_BG,
    BODY_W,
    HEAD_BG,
    RULE,
    SUM_BG,
    Styles,
    grid,
)


def header(recap: Recap, st: Styles) -> list[Any]:
    r = recap.result
    flow: list[Any] = [
        Paragraph(escape(recap.title.upper()), st.title),
        Paragraph(escape(recap.office_name), st.office),
        Spacer(1, 2),
        Paragraph(f"Periode: {escape(period_id(r.date_from, r.date_to))}", st.centre),
        Paragraph(escape(scope_id(recap)), st.centre_small),
    ]
    if recap.computes_ikm:
        flow.append(Paragraph(f"Berdasarkan {escape(REGULATION)}", st.centre_small))
    line = Drawing(BODY_W, 8)
    line.add(Line(0, 4, BODY_W, 4, strokeColor=HEAD_BG, strokeWidth=1.2))
    flow += [Spacer(1, 4), line, Spacer(1, 4)]
    return flow


def kpis(recap: Recap, st: Styles) -> Table:
    r = recap.result
    colour = colors.HexColor("#" + GRADE_COLOURS.get(r.grade or "", NEUTRAL_COLOUR))
    value = ParagraphStyle("kpi_grade", st.kpi_value, textColor=colour)
    cells: list[tuple[str, str, ParagraphStyle]] = [
        ("Jumlah responden", count_id(r.respondents), st.kpi_value)
    ]
    if recap.computes_ikm:
        cells += [
            ("Nilai IKM (konversi)", number_id(r.ikm), value),
            ("Mutu pelayanan", r.grade or DASH, value),
            ("Kinerja unit pelayanan", r.label or DASH, value),
        ]
    else:
        cells.append(
            (
                f"Nilai rata-rata (skala {recap.definition.scale_min}–"
                f"{recap.definition.scale_max})",
                number_id(r.ikm_raw),
                st.kpi_value,
            )
        )
    row = [[Paragraph(escape(v), s), Paragraph(escape(lbl), st.kpi_label)] for lbl, v, s in cells]
    width = BODY_W / len(cells)
    table = Table([row], colWidths=[width] * len(cells))
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (-1, -1), BAND_BG),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def element_table(recap: Recap, st: Styles) -> Table:
    r = recap.result
    ikm = recap.computes_ikm
    head = ["No", "Kode", "Unsur pelayanan", "Responden", "Jumlah nilai", "NRR", "NRR tertimbang"]
    widths = [22, 34, 158, 62, 58, 44, 66]
    if ikm:
        head.append("Mutu")
        widths.append(BODY_W - sum(widths))
    else:
        widths[2] += BODY_W - sum(widths)
    data: list[list[Any]] = [[Paragraph(h, st.cell_head) for h in head]]
    for line in element_lines(recap):
        row: list[Any] = [
            str(line.number),
            line.code,
            Paragraph(escape(line.name), st.cell),
            count_id(line.answered),
            count_id(line.total),
            number_id(line.nrr),
            number_id(line.weighted, 4),
        ]
        if ikm:
            row.append(line.grade or DASH)
        data.append(row)
    n = len(data)
    last = len(head) - 1
    summary: list[tuple[str, str]]
    if ikm:
        summary = [
            ("Jumlah NRR tertimbang = IKM (skala 1–4)", number_id(r.ikm_raw, 4)),
            ("IKM unit pelayanan (IKM × 25, nilai interval konversi)", number_id(r.ikm)),
            ("Mutu pelayanan", r.grade or DASH),
            ("Kinerja unit pelayanan", r.label or DASH),
        ]
    else:
        summary = [("Nilai rata-rata seluruh unsur", number_id(r.ikm_raw, 4))]
    for label, value in summary:
        data.append([label, "", "", "", "", "", value] + ([""] if ikm else []))
    table = Table(data, colWidths=widths, repeatRows=1)
    cmds = grid(font=st.regular, bold=st.bold)
    cmds += [
        ("ALIGN", (0, 1), (1, -1), "CENTER"),
        ("ALIGN", (3, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (-1, 1), (-1, n - 1), "CENTER" if ikm else "RIGHT"),
    ]
    for i in range(n, len(data)):
        cmds += [
            ("SPAN", (0, i), (5, i)),
            ("SPAN", (6, i), (last, i)),
            ("ALIGN", (0, i), (5, i), "RIGHT"),
            ("ALIGN", (6, i), (last, i), "CENTER"),
            ("FONT", (0, i), (-1, i), st.bold, 8.5, 10.5),
            ("BACKGROUND", (0, i), (-1, i), SUM_BG),
        ]
    cmds.append(("LINEABOVE", (0, n), (-1, n), 1, HEAD_BG))
    if ikm and r.grade:
        colour = colors.HexColor("#" + GRADE_COLOURS[r.grade])
        cmds.append(("TEXTCOLOR", (6, n + 2), (last, n + 3), colour))
    table.setStyle(TableStyle(cmds))
    return table


def conversion_table(st: Styles) -> Table:
    head = [
        "Nilai persepsi",
        "Nilai interval (NI)",
        "Nilai interval konversi (NIK)",
        "Mutu pelayanan",
        "Kinerja unit pelayanan",
    ]
    data: list[list[Any]] = [[Paragraph(h, st.cell_head) for h in head]]
    data += [list(row) for row in CONVERSION]
    table = Table(data, colWidths=[70, 100, 125, 80, BODY_W - 375], repeatRows=1)
    cmds = grid(font=st.regular, bold=st.bold)
    cmds.append(("ALIGN", (0, 1), (-1, -1), "CENTER"))
    table.setStyle(TableStyle(cmds))
    return table
