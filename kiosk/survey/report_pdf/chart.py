"""The bar chart of NRR per unsur, on the survey's scale, coloured by each element's mutu."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from kiosk.survey.recap import (
    CONVERSION,
    GRADE_COLOURS,
    NEUTRAL_COLOUR,
    Recap,
    element_lines,
    number_id,
)
from kiosk.survey.report_pdf.styles import BODY_W, INK, MUTED, RULE, Styles


def nrr_chart(recap: Recap, st: Styles) -> Drawing:
    """Horizontal bars, one per unsur (U1 on top), on the survey's scale, coloured by the
    element's mutu."""
    lines = element_lines(recap)
    d = recap.definition
    label_w = 175.0
    bar_h = 17.0
    plot_h = bar_h * len(lines)
    height = plot_h + 46
    drawing = Drawing(BODY_W, height)
    chart = HorizontalBarChart()
    chart.x = label_w
    chart.y = 30
    chart.width = BODY_W - label_w - 20
    chart.height = plot_h
    chart.data = [[line.nrr if line.nrr is not None else d.scale_min for line in lines]]
    chart.categoryAxis.categoryNames = [f"{line.code}  {line.name}" for line in lines]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.fontName = st.regular
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = d.scale_min
    chart.valueAxis.valueMax = d.scale_max
    chart.valueAxis.valueStep = 0.5 if d.scale_max - d.scale_min <= 4 else 1
    chart.valueAxis.labels.fontName = st.regular
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = lambda v: number_id(v, 1)
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDE3E8")
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.barWidth = 10
    chart.groupSpacing = 6
    chart.bars.strokeColor = None
    chart.barLabelFormat = lambda v: number_id(v)
    chart.barLabels.fontName = st.bold
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    for i, line in enumerate(lines):
        hexcolour = GRADE_COLOURS.get(line.grade or "", NEUTRAL_COLOUR)
        if line.nrr is None:
            chart.bars[(0, i)].fillColor = colors.transparent
            chart.bars[(0, i)].strokeColor = None
        else:
            chart.bars[(0, i)].fillColor = colors.HexColor("#" + hexcolour)
    drawing.add(chart)
    drawing.add(
        String(
            chart.x + chart.width / 2,
            6,
            f"Nilai rata-rata (NRR), skala {d.scale_min}–{d.scale_max}",
            fontName=st.regular,
            fontSize=7.5,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    if recap.computes_ikm:
        x = 0.0
        for letter in "ABCD":
            label = next(row[4] for row in CONVERSION if row[3] == letter)
            drawing.add(
                Rect(
                    x,
                    height - 9,
                    7,
                    7,
                    fillColor=colors.HexColor("#" + GRADE_COLOURS[letter]),
                    strokeColor=None,
                )
            )
            text = f"{letter} {label}"
            drawing.add(
                String(x + 10, height - 8, text, fontName=st.regular, fontSize=7.5, fillColor=INK)
            )
            x += 10 + pdfmetrics.stringWidth(text, st.regular, 7.5) + 14
    return drawing
