"""The page canvas: the footer with the office, the survey, the period, when it was printed
and "Halaman x dari y"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from kiosk.survey.recap import Recap, datetime_id, period_id
from kiosk.survey.report_pdf.styles import MARGIN_BOTTOM, MARGIN_X, MUTED, PAGE_W, RULE, Styles


def page_canvas(recap: Recap, st: Styles) -> type[rl_canvas.Canvas]:
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
