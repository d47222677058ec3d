"""The recap workbook's further sheets (kiosk.survey.recap_sections says what they hold):
"Olah Data" (one row per response, then per element the sum, those who answered, NRR and
weighted NRR, with the legend), "Tren" (a table and a line chart), "Analisis" (the
collection, the strongest and weakest elements, those under B and the follow-up plan to
fill in) and, for the IPK, "Sebaran Jawaban". Numbers are numbers, never formulas, so a
reader (openpyxl, a script) sees the values without a spreadsheet recalculating them.
"""

from __future__ import annotations

from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from kiosk.survey.export import xlsx_text
from kiosk.survey.recap import Recap, element_lines, period_id
from kiosk.survey.recap_sections import (
    CHANNEL_SHORT,
    FOLLOW_UP,
    FOLLOW_UP_HEAD,
    FOLLOW_UP_NOTE,
    FOLLOW_UP_ROWS,
    PHONE_NOTE,
    POPULATION_SOURCE,
    RESPONDENT_TITLE,
    analysis_lines,
    collection_rows,
    distribution_lines,
    index_name,
    ipk_method,
    respondent_legend,
    top_id,
    trend_columns,
    trend_note,
)
from kiosk.survey.xlsx_style import BOLD, MUTED, SUBTITLE, SUM_FILL, WRAP, header_row, put

#: "Olah Data": the header row; responses from the row below it.
RESPONDENT_HEADER_ROW = 4
#: The per-element rows under the responses, in order (their labels in column A).
RESPONDENT_TOTALS = (
    "Jumlah nilai per unsur",
    "Jumlah responden yang menjawab",
    "NRR per unsur",
    "NRR tertimbang",
)
#: "Tren": the header row (periods across); an element per row below it.
TREND_HEADER_ROW = 4
#: "Analisis": the follow-up plan's header is the row after the one holding FOLLOW_UP.
_NOTE = Font(size=10)


def _heading(ws: Worksheet, recap: Recap, title: str) -> None:
    r = recap.result
    ws.cell(row=1, column=1, value=xlsx_text(title)).font = SUBTITLE
    ws.cell(
        row=2,
        column=1,
        value=xlsx_text(f"{recap.office_name} · {period_id(r.date_from, r.date_to)}"),
    ).font = MUTED


def xlsx_cell(value: str | None) -> str | None:
    return None if value is None else xlsx_text(value)


def respondent_sheet(ws: Worksheet, recap: Recap) -> None:
    _heading(ws, recap, RESPONDENT_TITLE)
    lines = element_lines(recap)
    codes = [line.code for line in lines]
    first = 6  # U1's column: No, Tanggal, Tiket, Layanan, Saluran before it
    header_row(ws, RESPONDENT_HEADER_ROW, ["No", "Tanggal", "Tiket", "Layanan", "Saluran", *codes])
    row = RESPONDENT_HEADER_ROW
    # Plain appended rows, no per-cell style: a year's 24,000 responses styled cell by
    # cell took 26 s; the date's format is set once per cell, the cheapest style there is.
    for i, response in enumerate(recap.responses, start=1):
        row += 1
        ws.append(
            [
                i,
                response.submitted_at.replace(microsecond=0),
                xlsx_cell(response.ticket_code),
                xlsx_cell(response.service),
                CHANNEL_SHORT.get(response.source or "", xlsx_cell(response.source)),
                *(response.answers.get(code) for code in codes),
            ]
        )
        ws.cell(row=row, column=2).number_format = "dd-mm-yyyy hh:mm"
    values: list[list[float | int | None]] = [
        [line.total for line in lines],
        [line.answered for line in lines],
        [line.nrr for line in lines],
        [line.weighted for line in lines],
    ]
    formats = ("#,##0", "#,##0", "0.00", "0.0000")
    for label, cells, fmt in zip(RESPONDENT_TOTALS, values, formats, strict=True):
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=first - 1)
        head = put(ws, row, 1, label)
        head.font = BOLD
        head.fill = SUM_FILL
        head.alignment = Alignment(horizontal="right")
        for j, value in enumerate(cells):
            cell = put(ws, row, first + j, value, fmt)
            cell.font = BOLD
            cell.fill = SUM_FILL
    r = recap.result
    summary = (
        [("IKM (jumlah NRR tertimbang, skala 1–4)", r.ikm_raw, "0.0000"),
         ("IKM unit pelayanan (× 25)", r.ikm, "0.00")]
        if recap.computes_ikm
        else [("Nilai rata-rata seluruh unsur", r.ikm_raw, "0.0000")]
    )  # fmt: skip
    for label, value, fmt in summary:
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=first - 1)
        head = put(ws, row, 1, label)
        head.font = BOLD
        head.alignment = Alignment(horizontal="right")
        put(ws, row, first, value, fmt).font = BOLD
    row += 1
    ws.cell(row=row + 1, column=1, value="Keterangan:").font = BOLD
    for k, text in enumerate(respondent_legend(recap), start=2):
        ws.cell(row=row + k, column=1, value=xlsx_text(text)).font = _NOTE
    for col, width in zip("ABCDE", (7, 17, 10, 9, 9), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(row=RESPONDENT_HEADER_ROW + 1, column=first)


def trend_sheet(ws: Worksheet, recap: Recap) -> None:
    _heading(ws, recap, "Tren dibanding periode sebelumnya")
    columns = trend_columns(recap)
    lines = element_lines(recap)
    header_row(ws, TREND_HEADER_ROW, ["Unsur", *[c.period for c in columns]])
    row = TREND_HEADER_ROW
    for line in lines:
        row += 1
        put(ws, row, 1, f"{line.code} {line.name}")
        for j, c in enumerate(columns):
            put(ws, row, 2 + j, c.nrr.get(line.code), "0.00")
    last_element = row
    row += 1
    put(ws, row, 1, index_name(recap)).font = BOLD
    for j, c in enumerate(columns):
        put(ws, row, 2 + j, c.index, "0.00").font = BOLD
    row += 1
    put(ws, row, 1, "Jumlah responden").font = BOLD
    for j, c in enumerate(columns):
        put(ws, row, 2 + j, c.respondents, "#,##0")
    row += 2
    ws.cell(row=row, column=1, value=xlsx_text(trend_note(recap))).font = MUTED
    ws.column_dimensions["A"].width = 44
    for j in range(len(columns)):
        ws.column_dimensions[chr(ord("B") + j)].width = 16
    d = recap.definition
    chart = LineChart()
    chart.title = "NRR per unsur"
    chart.y_axis.title = f"NRR (skala {d.scale_min}–{d.scale_max})"
    chart.y_axis.scaling.min = d.scale_min
    chart.y_axis.scaling.max = d.scale_max
    chart.y_axis.number_format = "0.0"
    chart.x_axis.delete = False  # openpyxl 3.1 hides both axes unless told
    chart.y_axis.delete = False
    # One series per element (a row), the periods along the axis.
    data = Reference(
        ws, min_col=1, max_col=1 + len(columns), min_row=TREND_HEADER_ROW + 1, max_row=last_element
    )
    chart.add_data(data, from_rows=True, titles_from_data=True)
    chart.set_categories(
        Reference(ws, min_col=2, max_col=1 + len(columns), min_row=TREND_HEADER_ROW)
    )
    chart.height, chart.width = 9.5, 22
    ws.add_chart(chart, f"A{row + 2}")


def analysis_sheet(ws: Worksheet, recap: Recap) -> None:
    _heading(ws, recap, "Pelaksanaan survei dan analisis hasil")
    row = 4
    for label, value in [*collection_rows(recap), *analysis_lines(recap)]:
        put(ws, row, 1, label).font = BOLD
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        put(ws, row, 2, value).alignment = WRAP
        row += 1
    for text in (POPULATION_SOURCE, PHONE_NOTE):
        ws.cell(row=row, column=1, value=xlsx_text(text)).font = MUTED
        row += 1
    row += 1
    ws.cell(row=row, column=1, value=FOLLOW_UP).font = SUBTITLE
    ws.cell(row=row + 1, column=1, value=FOLLOW_UP_NOTE).font = MUTED
    row += 2
    header_row(ws, row, list(FOLLOW_UP_HEAD))
    for i in range(1, FOLLOW_UP_ROWS + 1):
        put(ws, row + i, 1, i).alignment = Alignment(horizontal="center", vertical="top")
        for blank in range(2, len(FOLLOW_UP_HEAD) + 1):
            put(ws, row + i, blank, None).alignment = WRAP
        ws.row_dimensions[row + i].height = 45
    for letter, width in zip("ABCDE", (44, 30, 50, 16, 22), strict=True):
        ws.column_dimensions[letter].width = width


def distribution_sheet(ws: Worksheet, recap: Recap) -> None:
    _heading(ws, recap, "Sebaran jawaban per pernyataan")
    d = recap.definition
    values = list(range(d.scale_min, d.scale_max + 1))
    head = ["Kode", "Pernyataan", *map(str, values), "Jumlah", "Rata-rata", f"% {top_id(recap)}"]
    header_row(ws, 4, head)
    row = 4
    for line in distribution_lines(recap):
        row += 1
        put(ws, row, 1, line.code)
        put(ws, row, 2, line.name)
        for j, n in enumerate(line.counts):
            put(ws, row, 3 + j, n, "#,##0")
        col = 3 + len(values)
        put(ws, row, col, line.answered, "#,##0")
        put(ws, row, col + 1, line.mean, "0.00")
        put(ws, row, col + 2, line.top_share, "0.0%")
    ws.merge_cells(start_row=row + 2, start_column=1, end_row=row + 2, end_column=len(head))
    note = ws.cell(row=row + 2, column=1, value=xlsx_text(ipk_method(recap)))
    note.alignment = WRAP
    ws.row_dimensions[row + 2].height = 75
    ws.column_dimensions["B"].width = 48
