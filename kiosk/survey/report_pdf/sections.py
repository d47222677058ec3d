"""The filed recap's further sections (kiosk.survey.recap_sections says what they hold):
how the survey was collected, the analysis, the trend (a table and a line chart), the
IPK's answers by value, the follow-up plan to fill in and the per-respondent appendix."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from kiosk.survey.recap import DASH, Recap, count_id, element_lines, number_id
from kiosk.survey.recap_sections import (
    FOLLOW_UP_HEAD,
    FOLLOW_UP_ROWS,
    analysis_lines,
    collection_rows,
    distribution_lines,
    index_name,
    top_id,
    trend_columns,
)
from kiosk.survey.report_pdf.styles import BODY_W, HEAD_BG, INK, MUTED, RULE, SUM_BG, Styles, grid

#: One colour per element line in the trend chart (nine, told apart in print too).
LINE_COLOURS = (
    "#1565C0", "#2E7D32", "#EF6C00", "#6A1B9A", "#00838F",
    "#AD1457", "#795548", "#9E9D24", "#546E7A",
)  # fmt: skip


def _two_columns(rows: list[tuple[str, str]], st: Styles, first: float = 170) -> Table:
    data = [[Paragraph(escape(a), st.cell), Paragraph(escape(b), st.cell)] for a, b in rows]
    table = Table(data, colWidths=[first, BODY_W - first])
    cmds = grid(header_rows=0, font=st.regular, bold=st.bold)
    cmds += [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (0, -1), SUM_BG)]
    table.setStyle(TableStyle(cmds))
    return table


def collection_table(recap: Recap, st: Styles) -> Table:
    return _two_columns(collection_rows(recap), st)


def analysis_table(recap: Recap, st: Styles) -> Table:
    return _two_columns(analysis_lines(recap), st)


def follow_up_table(st: Styles) -> Table:
    data: list[list[Any]] = [[Paragraph(h, st.cell_head) for h in FOLLOW_UP_HEAD]]
    data += [[str(i), "", "", "", ""] for i in range(1, FOLLOW_UP_ROWS + 1)]
    widths = [24, 120, 190, 60, BODY_W - 394]
    table = Table(data, colWidths=widths, rowHeights=[None] + [28] * FOLLOW_UP_ROWS)
    cmds = grid(font=st.regular, bold=st.bold, stripes=False)
    cmds += [("INNERGRID", (0, 0), (-1, -1), 0.4, RULE), ("ALIGN", (0, 1), (0, -1), "CENTER")]
    table.setStyle(TableStyle(cmds))
    return table


def trend_table(recap: Recap, st: Styles) -> Table:
    columns = trend_columns(recap)
    width = (BODY_W - 150) / len(columns)
    small = ParagraphStyle("trend_head", st.cell_head, fontSize=7.5, leading=9)
    head: list[Any] = [Paragraph("Unsur", small)]
    head += [Paragraph(escape(c.period), small) for c in columns]
    data: list[list[Any]] = [head]
    for line in element_lines(recap):
        data.append(
            [Paragraph(f"{line.code} {escape(line.name)}", st.cell)]
            + [number_id(c.nrr.get(line.code)) for c in columns]
        )
    data.append([index_name(recap)] + [number_id(c.index) for c in columns])
    data.append(["Jumlah responden"] + [count_id(c.respondents) for c in columns])
    table = Table(data, colWidths=[150] + [width] * len(columns), repeatRows=1)
    cmds = grid(font=st.regular, bold=st.bold)
    n = len(data)
    cmds += [
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("FONT", (0, n - 2), (-1, n - 1), st.bold, 8.5, 10.5),
        ("BACKGROUND", (0, n - 2), (-1, n - 1), SUM_BG),
        ("LINEABOVE", (0, n - 2), (-1, n - 2), 1, HEAD_BG),
        ("BACKGROUND", (-1, 1), (-1, n - 3), colors.HexColor("#FFF8E1")),
    ]
    table.setStyle(TableStyle(cmds))
    return table


def trend_chart(recap: Recap, st: Styles) -> Drawing:
    """Lines over the periods: each element's NRR (thin) and the IKM on the same scale
    (thick, dark); a period without responses leaves a gap."""
    columns = trend_columns(recap)
    lines = element_lines(recap)
    d = recap.definition
    legend_rows = (len(lines) + 1 + 4) // 5
    height = 190 + legend_rows * 11
    drawing = Drawing(BODY_W, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 34, 28 + legend_rows * 11
    chart.width, chart.height = BODY_W - 50, 140
    series = [[c.nrr.get(line.code) for c in columns] for line in lines]
    series.append([c.index_raw for c in columns])
    # The axes and grid are the chart's; the lines are drawn here, so that a period
    # without responses is a gap (reportlab's joined lines would bridge it).
    chart.data = [[float(d.scale_min)] * len(columns)]
    chart.lines[0].strokeColor = colors.transparent
    chart.categoryAxis.categoryNames = [c.period for c in columns]
    chart.categoryAxis.labels.fontName = st.regular
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.strokeColor = RULE
    chart.valueAxis.valueMin = d.scale_min
    chart.valueAxis.valueMax = d.scale_max
    chart.valueAxis.valueStep = 0.5 if d.scale_max - d.scale_min <= 4 else 1
    chart.valueAxis.labels.fontName = st.regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: number_id(v, 1)
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDE3E8")
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.valueAxis.strokeColor = RULE
    drawing.add(chart)
    slot = chart.width / len(columns)
    span = d.scale_max - d.scale_min

    def point(i: int, v: float) -> tuple[float, float]:
        return chart.x + (i + 0.5) * slot, chart.y + (v - d.scale_min) / span * chart.height

    styles = [(LINE_COLOURS[i % len(LINE_COLOURS)], 1.0) for i in range(len(lines))]
    styles.append(("#1A1A1A", 2.4))
    for values, (colour, w) in zip(series, styles, strict=True):
        ink = colors.HexColor(colour)
        for i, v in enumerate(values):
            if v is None:
                continue
            x, y = point(i, v)
            drawing.add(Circle(x, y, 1.2 + w / 2, fillColor=ink, strokeColor=None))
            after = values[i + 1] if i + 1 < len(values) else None
            if after is not None:
                drawing.add(Line(x, y, *point(i + 1, after), strokeColor=ink, strokeWidth=w))
    names = [(line.code, LINE_COLOURS[i % len(LINE_COLOURS)], 1.0) for i, line in enumerate(lines)]
    names.append((f"IKM (skala {d.scale_min}–{d.scale_max})" if recap.computes_ikm
                  else "Rata-rata", "#1A1A1A", 2.4))  # fmt: skip
    for i, (text, colour, w) in enumerate(names):
        x = (i % 5) * (BODY_W / 5)
        y = 6 + (legend_rows - 1 - i // 5) * 11
        drawing.add(
            Line(x, y + 3, x + 14, y + 3, strokeColor=colors.HexColor(colour), strokeWidth=w)
        )
        drawing.add(String(x + 18, y, text, fontName=st.regular, fontSize=7, fillColor=INK))
    drawing.add(
        String(
            chart.x,
            chart.y + chart.height + 6,
            f"NRR per unsur dan {'IKM' if recap.computes_ikm else 'rata-rata'}, skala "
            f"{d.scale_min}–{d.scale_max}",
            fontName=st.regular,
            fontSize=7,
            fillColor=MUTED,
        )
    )
    return drawing


def distribution_table(recap: Recap, st: Styles) -> Table:
    d = recap.definition
    values = list(range(d.scale_min, d.scale_max + 1))
    head = ["Kode", "Pernyataan", *map(str, values), "Jumlah", "Rata-rata", f"% {top_id(recap)}"]
    data: list[list[Any]] = [[Paragraph(h, st.cell_head) for h in head]]
    for line in distribution_lines(recap):
        share = None if line.top_share is None else 100 * line.top_share
        data.append(
            [line.code, Paragraph(escape(line.name), st.cell)]
            + [count_id(n) for n in line.counts]
            + [
                count_id(line.answered),
                number_id(line.mean),
                DASH if share is None else f"{number_id(share, 1)}%",
            ]
        )
    fixed = 34 + 28 * len(values) + 44 + 58 + 44
    table = Table(
        data, colWidths=[34, BODY_W - fixed, *[28] * len(values), 44, 58, 44], repeatRows=1
    )
    cmds = grid(font=st.regular, bold=st.bold)
    cmds.append(("ALIGN", (2, 1), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(cmds))
    return table


def respondents_table(recap: Recap, st: Styles) -> Table:
    """One row per response (U1..U9 values), then per element the sum, the number who
    answered, the NRR and the weighted NRR."""
    lines = element_lines(recap)
    codes = [line.code for line in lines]
    head = ["No", "Tanggal", *codes]
    data: list[list[Any]] = [[Paragraph(h, st.cell_head) for h in head]]
    for i, row in enumerate(recap.responses, start=1):
        data.append(
            [str(i), row.submitted_at.strftime("%d-%m-%Y")]
            + [str(row.answers[c]) if c in row.answers else "" for c in codes]
        )
    n = len(data)
    data.append(["Jumlah nilai per unsur", ""] + [count_id(line.total) for line in lines])
    data.append(["Jumlah yang menjawab", ""] + [count_id(line.answered) for line in lines])
    data.append(["NRR per unsur", ""] + [number_id(line.nrr) for line in lines])
    data.append(["NRR tertimbang", ""] + [number_id(line.weighted, 3) for line in lines])
    rest = (BODY_W - 24 - 100) / len(codes)
    table = Table(data, colWidths=[24, 100, *[rest] * len(codes)], repeatRows=1)
    cmds = grid(font=st.regular, bold=st.bold)
    cmds += [
        ("FONT", (0, 1), (-1, -1), st.regular, 7.5, 9),
        ("TOPPADDING", (0, 1), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5),
        ("ALIGN", (2, 1), (-1, -1), "CENTER"),
        ("LINEABOVE", (0, n), (-1, n), 1, HEAD_BG),
    ]
    for i in range(n, len(data)):
        cmds += [
            ("SPAN", (0, i), (1, i)),
            ("FONT", (0, i), (-1, i), st.bold, 7.5, 9),
            ("BACKGROUND", (0, i), (-1, i), SUM_BG),
        ]
    table.setStyle(TableStyle(cmds))
    return table
