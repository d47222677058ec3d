"""Files for supervisors, built the same way from the CLI and the admin window
(``office.exports``).

``survey_day``      the daily survey export (CSV or XLSX), one row per response
``ikm_recap``       the monthly IKM recap (PDF or XLSX) as offices file it
``tickets``         the tickets of a period (CSV or XLSX), read a page at a time

Each returns the file's bytes; ``kiosk.survey.export.write_file`` writes them whole or not
at all, after ``Office.check_export_target``: never over the office's database, a backup
or the configuration. The tickets export reports progress and can be cancelled between
pages, so the admin window can show a progress bar for a year of tickets and stop when
asked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal
from zoneinfo import ZoneInfo

from kiosk.domain.errors import KioskError
from kiosk.domain.model import Ticket, TicketQuery
from kiosk.services.queue import QueueService
from kiosk.services.reports import ReportService
from kiosk.services.survey import SurveyService, survey_slice
from kiosk.survey.export import Format, export_bytes, xlsx_text
from kiosk.survey.model import IkmResult, SurveyFilter
from kiosk.survey.recap import Recap, Signature, filters_id
from kiosk.survey.recap_sections import RESPONDENTS_ON_PAPER

RecapFormat = Literal["pdf", "xlsx"]
#: (rows done, rows in all) -> False to stop.
Progress = Callable[[int, int], bool]
PAGE = 1000

TICKET_HEADERS = (
    "Tanggal", "Nomor", "Layanan", "Layanan awal", "Prioritas", "Status", "Loket",
    "Diambil", "Dipanggil", "Mulai dilayani", "Selesai", "Tunggu (menit)",
    "Layanan (menit)", "Panggil ulang", "Slip",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ExportSettings:
    """What the files say of the office besides the data: its name and local time."""

    office_name: str
    timezone: ZoneInfo
    #: Who signs the IKM recap ([office] place, head_title, head_name, head_nip).
    signature: Signature = field(default_factory=Signature)


class ExportCancelled(KioskError):
    def __init__(self) -> None:
        super().__init__("the export was cancelled; no file was written")


class ExportService:
    def __init__(
        self,
        queue: QueueService,
        survey: SurveyService,
        reports: ReportService,
        settings: Callable[[], ExportSettings],
    ) -> None:
        """``settings``: a provider of the office's current name and time zone."""
        self._queue = queue
        self._survey = survey
        self._reports = reports
        self._settings = settings

    def survey_day(self, day: dt.date, fmt: Format, survey: str = "skm") -> bytes:
        """The daily survey export (csv or xlsx): one row per response."""
        definition = self._survey.definition(survey)
        return export_bytes(self._survey.responses(day, survey), definition, fmt)

    def ikm_recap(
        self, result: IkmResult, fmt: RecapFormat, where: SurveyFilter | None = None
    ) -> bytes:
        """The IKM recap (pdf or xlsx) of a result already computed (``office.ikm``) over
        the same slice."""
        where = where or SurveyFilter()
        span = (result.date_from, result.date_to, result.survey)
        whole = survey_slice(where, result.service, result.counter)
        settings = self._settings()
        # The PDF prints the responses only up to RESPONDENTS_ON_PAPER: a year's 24,000
        # read for nothing took the PDF from 0.3 s to 2 s.
        limit = RESPONDENTS_ON_PAPER if fmt == "pdf" else None
        details = self._survey.recap_details(*span, whole, responses_up_to=limit)
        recap = Recap(
            office_name=settings.office_name,
            definition=self._survey.definition(result.survey),
            result=result,
            profile=self._survey.profile(*span, whole),
            suggestions=tuple(self._survey.suggestions(*span, whole)),
            service_names={s.code: s.name_id for s in self._queue.services()},
            generated_at=dt.datetime.now(settings.timezone).replace(tzinfo=None),
            filters=filters_id(where.gender, where.education, where.occupation, where.age_min,
                               where.age_max),
            signature=settings.signature,
            responses=details.responses,
            distribution=details.distribution,
            collection=details.collection,
            trend=tuple(self._survey.trend(*span, whole)),
        )  # fmt: skip
        if fmt == "pdf":
            from kiosk.survey.report_pdf import pdf_bytes

            return pdf_bytes(recap)
        from kiosk.survey.report_xlsx import xlsx_bytes

        return xlsx_bytes(recap)

    def tickets(self, query: TicketQuery, fmt: Format, progress: Progress | None = None) -> bytes:
        """The tickets of a period (csv or xlsx) in issue order, a page at a time;
        ``progress(done, total)`` returning False cancels (ExportCancelled)."""
        query = TicketQuery(
            query.date_from, query.date_to, query.service, query.counter, query.status, query.code
        )  # issue order whatever the table was sorted by
        total = self._reports.count_tickets(query)
        tz = self._settings().timezone
        pages = self._each_page(query, total, progress)
        if fmt == "csv":
            return _tickets_csv(pages, tz)
        return _tickets_xlsx(pages, tz)

    def _each_page(
        self, query: TicketQuery, total: int, progress: Progress | None
    ) -> Iterator[list[Ticket]]:
        done = 0
        if progress is not None and not progress(0, total):
            raise ExportCancelled()
        while True:
            page = self._reports.tickets(query, offset=done, limit=PAGE)
            if not page:
                return
            yield page
            done += len(page)
            if progress is not None and not progress(min(done, total), total):
                raise ExportCancelled()


def _local(moment: dt.datetime | None, tz: ZoneInfo) -> dt.datetime | None:
    if moment is None:
        return None
    return moment.astimezone(tz).replace(tzinfo=None)


def _minutes(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 60.0, 1)


def _ticket_cells(t: Ticket, tz: ZoneInfo) -> list[object]:
    return [
        t.office_day,
        t.code,
        t.service,
        t.origin_service,
        t.priority,
        t.status.value,
        t.counter,
        _local(t.issued_at, tz),
        _local(t.called_at, tz),
        _local(t.started_at, tz),
        _local(t.finished_at, tz),
        _minutes(t.issued_at, t.called_at),
        _minutes(t.started_at or t.called_at, t.finished_at) if t.finished_at else None,
        t.recalls,
        t.slip_state,
    ]


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value


def _tickets_csv(pages: Iterator[list[Ticket]], tz: ZoneInfo) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TICKET_HEADERS)
    for page in pages:
        for t in page:
            writer.writerow([_csv_cell(v) for v in _ticket_cells(t, tz)])
    return buffer.getvalue().encode("utf-8-sig")


def _tickets_xlsx(pages: Iterator[list[Ticket]], tz: ZoneInfo) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    wb = Workbook(write_only=True)  # streams rows: a year of tickets stays small in memory
    ws = wb.create_sheet("Tiket")
    ws.freeze_panes = "C2"
    header = []
    for name in TICKET_HEADERS:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        header.append(cell)
    ws.append(header)
    try:
        for page in pages:
            for t in page:
                ws.append([xlsx_text(v) if isinstance(v, str) else v
                           for v in _ticket_cells(t, tz)])  # fmt: skip
    except BaseException:
        ws.close()  # end openpyxl's row writer and drop its temporary file
        raise
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
