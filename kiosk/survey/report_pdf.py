"""The monthly recap (rekap IKM) as an A4 PDF, with reportlab (platypus and its charts).

Laid out as offices file it: title, office and period; the result at a glance; per element
the sum of values, NRR and weighted NRR, then IKM, IKM x 25, mutu and kinerja; the
regulation's conversion table; a bar chart of NRR per unsur (axis on the survey's scale);
the sample adequacy; respondents by profile; the suggestions. A period without responses
gives a valid report that says so.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from kiosk.survey.recap import (
    CONVERSION,
    DASH,
    GRADE_COLOURS,
    NEUTRAL_COLOUR,
    NO_DATA,
    NO_SUGGESTIONS,
    REGULATION,
    ProfileTable,
    Recap,
    count_id,
    datetime_id,
    element_lines,
    number_id,
    percent_id,
    period_id,
    profile_tables,
    sample_id,
    scope_id,
    weight_id,
)

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 18 * mm
BODY_W = PAGE_W - 2 * MARGIN_X

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5F6B76")
HEAD_BG = colors.HexColor("#1F4E79")
BAND_BG = colors.HexColor("#F2F6FA")
RULE = colors.HexColor("#B8C4CE")
SUM_BG = colors.HexColor("#E3ECF5")

# Fonts with the whole of Latin and more, for what the public types; Helvetica otherwise
# (whose WinAnsi encoding covers Indonesian, but not every character a suggestion holds).
_FONT_CANDIDATES = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"),
    (
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    ),
)
_fonts: tuple[str, str] | None = None


def _font_names() -> tuple[str, str]:
    """(regular, bold) font names, registered once per process."""
    global _fonts
    if _fonts is None:
        _fonts = ("Helvetica", "Helvetica-Bold")
        for regular, bold in _FONT_CANDIDATES:
            if Path(regular).is_file() and Path(bold).is_file():
                try:
                    pdfmetrics.registerFont(TTFont("KioskSans", regular))
                    pdfmetrics.registerFont(TTFont("KioskSans-Bold", bold))
                except Exception:  # a broken font file: keep Helvetica
                    continue
                _fonts = ("KioskSans", "KioskSans-Bold")
                break
    return _fonts


class _Styles:
    def __init__(self) -> None:
        regular, bold = _font_names()
        self.regular, self.bold = regular, bold
        base = ParagraphStyle("base", fontName=regular, fontSize=9, leading=12, textColor=INK)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=7.5, leading=9.5, textColor=MUTED)
        self.title = ParagraphStyle(
            "title", base, fontName=bold, fontSize=14, leading=18, alignment=TA_CENTER
        )
        self.office = ParagraphStyle(
            "office", base, fontName=bold, fontSize=12, leading=15, alignment=TA_CENTER
        )
        self.centre = ParagraphStyle("centre", base, fontSize=10, leading=13, alignment=TA_CENTER)
        self.centre_small = ParagraphStyle("centre_small", self.small, alignment=TA_CENTER)
        self.h2 = ParagraphStyle(
            "h2",
            base,
            fontName=bold,
            fontSize=10.5,
            leading=14,
            spaceBefore=10,
            spaceAfter=5,
            textColor=HEAD_BG,
        )
        self.cell = ParagraphStyle("cell", base, fontSize=8.5, leading=10.5)
        self.cell_head = ParagraphStyle(
            "cell_head", self.cell, fontName=bold, textColor=colors.white, alignment=TA_CENTER
        )
        self.kpi_label = ParagraphStyle(
            "kpi_label", base, fontSize=7.5, leading=9, textColor=MUTED, alignment=TA_CENTER
        )
        self.kpi_value = ParagraphStyle(
            "kpi_value", base, fontName=bold, fontSize=16, leading=19, alignment=TA_CENTER
        )
        self.note = ParagraphStyle("note", base, fontSize=9.5, leading=13)


def _grid(
    header_rows: int = 1, *, font: str, bold: str, stripes: bool = True
) -> list[tuple[Any, ...]]:
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 8.5, 10.5),
        ("FONT", (0, 0), (-1, header_rows - 1), bold, 8.5, 10.5),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, HEAD_BG),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if stripes:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, BAND_BG]))
    return cmds


def _header(recap: Recap, st: _Styles) -> list[Any]:
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


def _kpis(recap: Recap, st: _Styles) -> Table:
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


def _element_table(recap: Recap, st: _Styles) -> Table:
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
    cmds = _grid(font=st.regular, bold=st.bold)
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


def _conversion_table(st: _Styles) -> Table:
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
    cmds = _grid(font=st.regular, bold=st.bold)
    cmds.append(("ALIGN", (0, 1), (-1, -1), "CENTER"))
    table.setStyle(TableStyle(cmds))
    return table


def _chart(recap: Recap, st: _Styles) -> Drawing:
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


def _profile_block(table: ProfileTable, st: _Styles, width: float) -> Table:
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
    cmds = _grid(font=st.regular, bold=st.bold)
    cmds.append(("ALIGN", (1, 1), (-1, -1), "RIGHT"))
    t.setStyle(TableStyle(cmds))
    return t


def _profiles(recap: Recap, st: _Styles) -> list[Any]:
    tables = profile_tables(recap)
    gap = 14.0
    half = (BODY_W - gap) / 2
    by_title = {t.title: t for t in tables}
    pairs = [("Jenis Kelamin", "Umur"), ("Pendidikan", "Pekerjaan")]
    flow: list[Any] = []
    for left, right in pairs:
        grid = Table(
            [
                [
                    _profile_block(by_title[left], st, half),
                    "",
                    _profile_block(by_title[right], st, half),
                ]
            ],
            colWidths=[half, gap, half],
        )
        grid.setStyle(
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
        flow.append(grid)
    flow.append(_profile_block(by_title["Jenis Layanan"], st, BODY_W))
    return flow


#: Suggestions per table: long tables are split page by page in quadratic time; many short
#: ones flow as one list at the same speed per row.
SUGGESTION_CHUNK = 40


def _suggestions(recap: Recap, st: _Styles) -> list[Any]:
    """The suggestions, numbered. A busy month holds thousands: the text is wrapped once
    with simpleSplit (no Paragraph per row), in chunks of tables that look like one."""
    if not recap.suggestions:
        return [Paragraph(escape(NO_SUGGESTIONS), st.body)]
    text_w = BODY_W - 34 - 8
    wrapped = [
        (str(i), "\n".join(simpleSplit(text, st.regular, 8.5, text_w)) or " ")
        for i, text in enumerate(recap.suggestions, start=1)
    ]
    flow: list[Any] = []
    for start in range(0, len(wrapped), SUGGESTION_CHUNK):
        data: list[list[Any]] = [list(row) for row in wrapped[start : start + SUGGESTION_CHUNK]]
        first = start == 0
        if first:
            data.insert(0, [Paragraph("No", st.cell_head), Paragraph("Saran", st.cell_head)])
        table = Table(data, colWidths=[34, BODY_W - 34], repeatRows=1 if first else 0)
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


def _page_canvas(recap: Recap, st: _Styles) -> type[rl_canvas.Canvas]:
    r = recap.result
    left = f"{recap.office_name} · {recap.definition.name_id} · {period_id(r.date_from, r.date_to)}"
    made = recap.generated_at or dt.datetime.now()
    middle = f"Dicetak {datetime_id(made)}"

    class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]
        """Draws "Halaman x dari y" once the page count is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            self.saveState()
            y = MARGIN_BOTTOM - 9 * mm
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, y + 9, PAGE_W - MARGIN_X, y + 9)
            self.setFont(st.regular, 7)
            self.setFillColor(MUTED)
            self.drawString(MARGIN_X, y, left)
            self.drawRightString(
                PAGE_W - MARGIN_X, y, f"Halaman {self.getPageNumber()} dari {total}"
            )
            self.drawString(MARGIN_X, y - 9, middle)
            self.restoreState()

    return NumberedCanvas


def pdf_bytes(recap: Recap) -> bytes:
    """The recap as an A4 PDF document."""
    st = _Styles()
    r = recap.result
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{recap.title} – {recap.office_name} – {period_id(r.date_from, r.date_to)}",
        author=recap.office_name,
        subject=recap.definition.name_id,
        creator="kiosk",
    )
    flow: list[Any] = [*_header(recap, st), _kpis(recap, st), Spacer(1, 4)]
    if not r.has_data:
        flow += [Spacer(1, 6), Paragraph(f"<b>{escape(NO_DATA)}</b>", st.note)]
    section = 0

    def heading(text: str) -> Paragraph:
        nonlocal section
        section += 1
        return Paragraph(f"{section}. {escape(text)}", st.h2)

    weight = weight_id(recap.definition)
    notes = (
        f"NRR = jumlah nilai ÷ jumlah responden yang menjawab unsur tersebut; "
        f"NRR tertimbang = NRR × {weight}."
    )
    if recap.computes_ikm:
        notes += " IKM unit pelayanan = jumlah NRR tertimbang × 25."
    flow += [
        heading("Nilai per unsur pelayanan"),
        _element_table(recap, st),
        Spacer(1, 3),
        Paragraph(escape(notes), st.small),
    ]
    if r.has_data:
        flow.append(
            KeepTogether([heading("Grafik nilai rata-rata (NRR) per unsur"), _chart(recap, st)])
        )
    flow.append(
        KeepTogether([heading("Kecukupan sampel"), Paragraph(escape(sample_id(recap)), st.body)])
    )
    if recap.computes_ikm:
        flow.append(
            KeepTogether(
                [
                    heading("Nilai persepsi, interval, interval konversi, mutu dan kinerja"),
                    _conversion_table(st),
                ]
            )
        )
    flow += [CondPageBreak(60 * mm), heading("Profil responden")]
    if r.has_data:
        flow += _profiles(recap, st)
    else:
        flow.append(Paragraph(escape(NO_DATA), st.body))
    flow += [
        CondPageBreak(30 * mm),
        heading(f"Saran dan masukan ({count_id(len(recap.suggestions))})"),
        *_suggestions(recap, st),
    ]
    doc.build(flow, canvasmaker=_page_canvas(recap, st))
    return buffer.getvalue()
