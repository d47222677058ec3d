"""``pdf_bytes``: the recap's sections in order, built into an A4 document."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from kiosk.survey.recap import NO_DATA, Recap, count_id, period_id, sample_id, weight_id
from kiosk.survey.report_pdf.canvas import page_canvas
from kiosk.survey.report_pdf.chart import nrr_chart
from kiosk.survey.report_pdf.profiles import profiles
from kiosk.survey.report_pdf.signature import signature
from kiosk.survey.report_pdf.styles import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, Styles
from kiosk.survey.report_pdf.suggestions import suggestions
from kiosk.survey.report_pdf.tables import conversion_table, element_table, header, kpis


def pdf_bytes(recap: Recap) -> bytes:
    """The recap as an A4 PDF document."""
    st = Styles()
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
    flow: list[Any] = [*header(recap, st), kpis(recap, st), Spacer(1, 4)]
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
        element_table(recap, st),
        Spacer(1, 3),
        Paragraph(escape(notes), st.small),
    ]
    if r.has_data:
        flow.append(
            KeepTogether([heading("Grafik nilai rata-rata (NRR) per unsur"), nrr_chart(recap, st)])
        )
    flow.append(
        KeepTogether([heading("Kecukupan sampel"), Paragraph(escape(sample_id(recap)), st.body)])
    )
    if recap.computes_ikm:
        flow.append(
            KeepTogether(
                [
                    heading("Nilai persepsi, interval, interval konversi, mutu dan kinerja"),
                    conversion_table(st),
                ]
            )
        )
    flow += [CondPageBreak(60 * mm), heading("Profil responden")]
    if r.has_data:
        flow += profiles(recap, st)
    else:
        flow.append(Paragraph(escape(NO_DATA), st.body))
    flow += [
        CondPageBreak(30 * mm),
        heading(f"Saran dan masukan ({count_id(len(recap.suggestions))})"),
        *suggestions(recap, st),
        signature(recap, st),
    ]
    doc.build(flow, canvasmaker=page_canvas(recap, st))
    return buffer.getvalue()
