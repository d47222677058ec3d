"""``pdf_bytes``: the recap's sections in order, built into an A4 document."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from kiosk.survey.recap import NO_DATA, Recap, count_id, period_id, sample_id, weight_id
from kiosk.survey.recap_sections import (
    FOLLOW_UP,
    FOLLOW_UP_NOTE,
    PHONE_NOTE,
    POPULATION_SOURCE,
    RESPONDENT_TITLE,
    RESPONDENTS_ON_PAPER,
    ipk_method,
    respondent_legend,
    respondent_note,
    trend_note,
)
from kiosk.survey.report_pdf.canvas import page_canvas
from kiosk.survey.report_pdf.chart import nrr_chart
from kiosk.survey.report_pdf.profiles import profiles
from kiosk.survey.report_pdf.sections import (
    analysis_table,
    collection_table,
    distribution_table,
    follow_up_table,
    respondents_table,
    trend_chart,
    trend_table,
)
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
    if not recap.computes_ikm:
        flow += [
            KeepTogether(
                [
                    heading("Sebaran jawaban per pernyataan"),
                    distribution_table(recap, st),
                    Spacer(1, 3),
                    Paragraph(escape(ipk_method(recap)), st.small),
                ]
            )
        ]
    if r.has_data:
        flow.append(
            KeepTogether([heading("Grafik nilai rata-rata (NRR) per unsur"), nrr_chart(recap, st)])
        )
        flow.append(KeepTogether([heading("Analisis hasil"), analysis_table(recap, st)]))
    if recap.trend:
        flow.append(
            KeepTogether(
                [
                    heading("Tren dibanding periode sebelumnya"),
                    trend_table(recap, st),
                    Spacer(1, 3),
                    Paragraph(escape(trend_note(recap)), st.small),
                    Spacer(1, 4),
                    trend_chart(recap, st),
                ]
            )
        )
    flow.append(
        KeepTogether(
            [
                heading("Pelaksanaan survei dan kecukupan sampel"),
                collection_table(recap, st),
                Spacer(1, 3),
                Paragraph(escape(f"{POPULATION_SOURCE} {PHONE_NOTE}"), st.small),
                Spacer(1, 4),
                Paragraph(escape(sample_id(recap)), st.body),
            ]
        )
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
        KeepTogether(
            [
                heading(FOLLOW_UP),
                Paragraph(escape(FOLLOW_UP_NOTE), st.small),
                Spacer(1, 3),
                follow_up_table(st),
            ]
        ),
        signature(recap, st),
    ]
    if recap.responses and recap.result.respondents <= RESPONDENTS_ON_PAPER:
        flow += [
            PageBreak(),
            Paragraph(f"Lampiran. {escape(RESPONDENT_TITLE)}", st.h2),
            respondents_table(recap, st),
            Spacer(1, 4),
            *[Paragraph(escape(text), st.small) for text in respondent_legend(recap)],
        ]
    elif recap.result.respondents > RESPONDENTS_ON_PAPER:
        flow += [
            Paragraph(f"Lampiran. {escape(RESPONDENT_TITLE)}", st.h2),
            Paragraph(escape(respondent_note(recap)), st.body),
        ]
    doc.build(flow, canvasmaker=page_canvas(recap, st))
    return buffer.getvalue()
