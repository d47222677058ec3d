"""The monthly recap (rekap IKM) as an A4 PDF, with reportlab (platypus and its charts).

Laid out as offices file it: title, office and period; the result at a glance; per element
the sum of values, NRR and weighted NRR, then IKM, IKM x 25, mutu and kinerja; the
regulation's conversion table; a bar chart of NRR per unsur (axis on the survey's scale);
the sample adequacy; respondents by profile; the suggestions. A period without responses
gives a valid report that says so.

Modules: ``styles`` (page, colours, fonts, the table grid), ``tables`` (title block,
figures, the element and conversion tables), ``chart``, ``profiles``, ``suggestions``,
``canvas`` (the footer and page numbers), ``document`` (``pdf_bytes``, the sections in
order).
"""

from kiosk.survey.report_pdf.document import pdf_bytes

__all__ = ["pdf_bytes"]
