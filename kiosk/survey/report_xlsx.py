"""The monthly recap (rekap IKM) as an XLSX workbook, with openpyxl.

Sheet "Rekap IKM": title, office, period; per element the sum of values, NRR, weighted NRR
and mutu; IKM, IKM x 25, mutu and kinerja; the sample adequacy; the regulation's conversion
table; a bar chart of NRR per unsur (axis on the survey's scale). Sheet "Profil Responden":
respondents by gender, age, education, occupation and service. Sheet "Saran": the
suggestions. Numbers are numbers (formatted), never text, so offices can compute on them.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from kiosk.survey.export import xlsx_text
from kiosk.survey.recap import (
    CONVERSION,
    GRADE_COLOURS,
    NO_DATA,
    NO_SUGGESTIONS,
    REGULATION,
    SUGGESTION_SHEET,
    Recap,
    count_id,
    datetime_id,
    element_lines,
    period_id,
    profile_tables,
    sample_id,
    scope_id,
    signature_lines,
    weight_id,
)
from kiosk.survey.recap_sections import RESPONDENT_SHEET
from kiosk.survey.report_xlsx_sheets import (
    analysis_sheet,
    distribution_sheet,
    respondent_sheet,
    trend_sheet,
)
from kiosk.survey.xlsx_style import (
    BOLD,
    MUTED,
    SUBTITLE,
    SUM_FILL,
    TITLE,
    WRAP,
    header_row,
    put,
)

ANALYSIS_SHEET = "Analisis"
TREND_SHEET = "Tren"
DISTRIBUTION_SHEET = "Sebaran Jawaban"
#: Rows of the element table start here on "Rekap IKM" (the header is the row above).
ELEMENT_HEADER_ROW = 7


def _title_block(ws: Worksheet, recap: Recap, width: int) -> None:
    r = recap.result
    lines: list[tuple[str, Font]] = [
        (recap.title.upper(), TITLE),
        (recap.office_name, SUBTITLE),
        (f"Periode: {period_id(r.date_from, r.date_to)} · {scope_id(recap)}", Font(size=11)),
    ]
    if recap.computes_ikm:
        lines.append((f"Berdasarkan {REGULATION}", MUTED))
    if recap.generated_at is not None:
        lines.append((f"Dicetak {datetime_id(recap.generated_at)}", MUTED))
    for i, (text, font) in enumerate(lines, start=1):
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=width)
        cell = ws.cell(row=i, column=1, value=xlsx_text(text))
        cell.data_type = "s"
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if recap.computes_ikm:
        ws.row_dimensions[4].height = 26


def _recap_sheet(ws: Worksheet, recap: Recap) -> None:
    r = recap.result
    ikm = recap.computes_ikm
    head = ["No", "Kode", "Unsur pelayanan", "Responden", "Jumlah nilai", "NRR", "NRR tertimbang"]
    if ikm:
        head.append("Mutu")
    width = len(head)
    _title_block(ws, recap, width)
    top = ELEMENT_HEADER_ROW
    header_row(ws, top, head)
    ws.row_dimensions[top].height = 30
    lines = element_lines(recap)
    row = top
    for line in lines:
        row += 1
        put(ws, row, 1, line.number).alignment = Alignment(horizontal="center")
        put(ws, row, 2, line.code).alignment = Alignment(horizontal="center")
        put(ws, row, 3, line.name)
        put(ws, row, 4, line.answered, "#,##0")
        put(ws, row, 5, line.total, "#,##0")
        put(ws, row, 6, line.nrr, "0.00")
        put(ws, row, 7, line.weighted, "0.0000")
        if ikm:
            put(ws, row, 8, line.grade).alignment = Alignment(horizontal="center")
    last_element_row = row
    summary: list[tuple[str, Any, str | None]]
    if ikm:
        summary = [
            ("Jumlah NRR tertimbang = IKM (skala 1–4)", r.ikm_raw, "0.0000"),
            ("IKM unit pelayanan (IKM × 25, nilai interval konversi)", r.ikm, "0.00"),
            ("Mutu pelayanan", r.grade, None),
            ("Kinerja unit pelayanan", r.label, None),
        ]
    else:
        summary = [("Nilai rata-rata seluruh unsur", r.ikm_raw, "0.0000")]
    summary.append(("Jumlah responden", r.respondents, "#,##0"))
    for label, value, fmt in summary:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        cell = put(ws, row, 1, label)
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="right")
        cell.fill = SUM_FILL
        value_cell = put(ws, row, 7, value, fmt)
        value_cell.font = BOLD
        value_cell.fill = SUM_FILL
        value_cell.alignment = Alignment(horizontal="center")
        if ikm:
            ws.merge_cells(start_row=row, start_column=7, end_row=row, end_column=8)
        if ikm and r.grade and label in ("Mutu pelayanan", "Kinerja unit pelayanan"):
            value_cell.font = Font(bold=True, color=GRADE_COLOURS[r.grade])
    row += 1
    notes = [
        f"NRR = jumlah nilai ÷ jumlah responden yang menjawab unsur tersebut; "
        f"NRR tertimbang = NRR × {weight_id(recap.definition)}."
        + (" IKM unit pelayanan = jumlah NRR tertimbang × 25." if ikm else ""),
        sample_id(recap),
    ]
    if not r.has_data:
        notes.insert(0, NO_DATA)
    for text in notes:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = ws.cell(row=row, column=1, value=xlsx_text(text))
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = BOLD if text == NO_DATA else Font(size=10)
        ws.row_dimensions[row].height = 28
    if ikm:
        row += 2
        ws.cell(
            row=row, column=1, value="Nilai persepsi, interval, interval konversi, mutu dan kinerja"
        ).font = BOLD
        row += 1
        header_row(
            ws,
            row,
            [
                "Nilai persepsi",
                "Nilai interval (NI)",
                "Nilai interval konversi (NIK)",
                "Mutu pelayanan",
                "Kinerja unit pelayanan",
            ],
            first_col=2,
        )
        ws.row_dimensions[row].height = 44
        for values in CONVERSION:
            row += 1
            for i, value in enumerate(values):
                typed: Any = int(value) if value.isdigit() else value
                put(ws, row, 2 + i, typed).alignment = Alignment(horizontal="center")
    for col, w in zip("ABCDEFGH", (5, 10, 44, 13, 14, 14, 16, 9), strict=False):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if r.has_data:
        _chart(ws, recap, top, last_element_row, width)
        row = ws.max_row + 3 + CHART_ROWS
    _signature(ws, recap, row + 2, col=5)


#: Rows a chart covers at the default row height (9.5 cm), so what follows starts below it.
CHART_ROWS = 20


def _signature(ws: Worksheet, recap: Recap, row: int, col: int) -> int:
    """The signature block from ``row`` in column ``col`` (text runs to the right); a
    gap of three rows to sign in. Returns the row after it."""
    lines = signature_lines(recap)
    texts = [lines.place_date, lines.known, lines.title, "", "", "", lines.name, lines.nip]
    for i, text in enumerate(texts):
        if text:
            cell = ws.cell(row=row + i, column=col, value=xlsx_text(text))
            cell.data_type = "s"
            if text == lines.name:
                cell.font = Font(bold=True, underline="single")
    return row + len(texts)


def _chart(ws: Worksheet, recap: Recap, top: int, last: int, width: int) -> None:
    d = recap.definition
    chart = BarChart()
    chart.type = "bar"  # horizontal: the unsur names stay readable
    chart.style = 10
    chart.title = "Nilai rata-rata (NRR) per unsur"
    chart.y_axis.title = f"NRR (skala {d.scale_min}–{d.scale_max})"
    chart.y_axis.scaling.min = d.scale_min
    chart.y_axis.scaling.max = d.scale_max
    chart.y_axis.majorUnit = 0.5 if d.scale_max - d.scale_min <= 4 else 1
    chart.y_axis.number_format = "0.0"
    chart.x_axis.scaling.orientation = "maxMin"  # the first unsur on top, as in the table
    chart.y_axis.crosses = "max"  # ... and the value axis still at the bottom
    # openpyxl 3.1 writes <c:delete val="1"/> unless told: Excel would hide both axes.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    data = Reference(ws, min_col=6, min_row=top, max_row=last)
    names = Reference(ws, min_col=3, min_row=top + 1, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(names)
    series = chart.series[0]
    series.graphicalProperties = GraphicalProperties(solidFill="1565C0")
    series.dLbls = DataLabelList()
    series.dLbls.showVal = True
    series.dLbls.showSerName = False
    series.dLbls.showCatName = False
    series.dLbls.showLegendKey = False
    series.dLbls.numFmt = "0.00"
    chart.gapWidth = 60
    chart.height = 9.5
    chart.width = 17
    anchor_row = ws.max_row + 3
    ws.cell(row=anchor_row - 1, column=1, value="Grafik NRR per unsur").font = BOLD
    ws.add_chart(chart, f"A{anchor_row}")


def _profile_sheet(ws: Worksheet, recap: Recap) -> None:
    ws.cell(row=1, column=1, value="Profil Responden").font = SUBTITLE
    r = recap.result
    ws.cell(
        row=2,
        column=1,
        value=xlsx_text(
            f"{recap.office_name} · {period_id(r.date_from, r.date_to)} · "
            f"{count_id(r.respondents)} responden"
        ),
    ).font = MUTED
    row = 3
    for table in profile_tables(recap):
        row += 1
        header_row(ws, row, [table.title, "Jumlah", "Persentase"])
        for label, count in table.rows:
            row += 1
            put(ws, row, 1, label)
            put(ws, row, 2, count, "#,##0")
            put(ws, row, 3, count / table.total if table.total else None, "0.0%")
        row += 1
        total = put(ws, row, 1, "Jumlah")
        total.font = BOLD
        total.fill = SUM_FILL
        cell = put(ws, row, 2, sum(c for _, c in table.rows), "#,##0")
        cell.font = BOLD
        cell.fill = SUM_FILL
        put(ws, row, 3, None).fill = SUM_FILL
        row += 1
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 13


def _suggestion_sheet(ws: Worksheet, recap: Recap) -> None:
    header_row(ws, 1, ["No", "Saran dan masukan"])
    if not recap.suggestions:
        ws.cell(row=2, column=2, value=NO_SUGGESTIONS).font = MUTED
    for i, text in enumerate(recap.suggestions, start=1):
        put(ws, i + 1, 1, i)
        put(ws, i + 1, 2, text).alignment = WRAP
    ws.column_dimensions["A"].width = 7
    ws.column_dimensions["B"].width = 100
    ws.freeze_panes = "A2"


def xlsx_bytes(recap: Recap) -> bytes:
    """The recap as an XLSX workbook."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Rekap IKM" if recap.computes_ikm else "Rekap"
    _recap_sheet(ws, recap)
    _profile_sheet(wb.create_sheet("Profil Responden"), recap)
    _suggestion_sheet(wb.create_sheet(SUGGESTION_SHEET), recap)
    analysis_sheet(wb.create_sheet(ANALYSIS_SHEET), recap)
    if recap.trend:
        trend_sheet(wb.create_sheet(TREND_SHEET), recap)
    respondent_sheet(wb.create_sheet(RESPONDENT_SHEET), recap)
    if not recap.computes_ikm:
        distribution_sheet(wb.create_sheet(DISTRIBUTION_SHEET), recap)
    r = recap.result
    wb.properties.title = xlsx_text(
        f"{recap.title} – {recap.office_name} – {period_id(r.date_from, r.date_to)}"
    )
    wb.properties.creator = "kiosk"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
