"""Files for supervisors, built the same way from the CLI and the admin window.

``survey_day``      the daily survey export (CSV or XLSX), one row per response
``ikm_recap``       the monthly IKM recap (PDF or XLSX) as offices file it
``tickets``         the tickets of a period (CSV or XLSX), read a page at a time

Each returns the file's bytes; ``kiosk.survey.export.write_file`` writes them whole or not
at all, after ``kiosk.survey.export.check_target`` with ``protected_files``: never over the
office's database, a backup or the configuration. The tickets export reports progress
and can be cancelled between pages, so the admin window can show a progress bar for a
year of tickets and stop when asked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Literal, Protocol

from kiosk.config.settings import Settings
from kiosk.domain.errors import KioskError
from kiosk.domain.model import Service, Ticket, TicketQuery
from kiosk.storage.backup import backups_in
from kiosk.storage.engine import sqlite_path
from kiosk.survey.export import Format, export_bytes, xlsx_text
from kiosk.survey.model import (
    IkmResult,
    ProfileBreakdown,
    ResponseRow,
    SurveyDefinition,
    SurveyFilter,
)
from kiosk.survey.recap import Recap, filters_id

RecapFormat = Literal["pdf", "xlsx"]
#: (rows done, rows in all) -> False to stop.
Progress = Callable[[int, int], bool]
PAGE = 1000

TICKET_HEADERS = (
    "Tanggal", "Nomor", "Layanan", "Layanan awal", "Prioritas", "Status", "Loket",
    "Diambil", "Dipanggil", "Mulai dilayani", "Selesai", "Tunggu (menit)",
    "Layanan (menit)", "Panggil ulang", "Slip",
)  # fmt: skip


class ExportSource(Protocol):
    """The part of ``kiosk.Office`` the exports read (the facade passes itself)."""

    @property
    def settings(self) -> Settings: ...

    def survey_definition(self, code: str = "skm") -> SurveyDefinition: ...
    def survey_responses(self, day: dt.date, survey: str = "skm") -> list[ResponseRow]: ...
    def survey_profile(
        self,
        date_from: dt.date,
        date_to: dt.date,
        service: str | None = None,
        counter: int | None = None,
        survey: str = "skm",
        *,
        where: SurveyFilter | None = None,
    ) -> ProfileBreakdown: ...
    def suggestions(
        self,
        date_from: dt.date,
        date_to: dt.date,
        service: str | None = None,
        counter: int | None = None,
        survey: str = "skm",
        *,
        where: SurveyFilter | None = None,
    ) -> Sequence[str]: ...
    def services(self) -> list[Service]: ...
    def count_tickets(self, query: TicketQuery) -> int: ...
    def tickets(self, query: TicketQuery, offset: int = 0, limit: int = 200) -> list[Ticket]: ...


def protected_files(
    database_url: str, config_file: Path | None, backup_folders: Sequence[Path] = ()
) -> list[tuple[Path, str]]:
    """The office's own files no export may replace, each with what it is: the SQLite
    database and the files SQLite keeps beside it, the backups in ``backup_folders`` and
    the configuration file in use."""
    own: list[tuple[Path, str]] = []
    database = sqlite_path(database_url)
    if database is not None:
        own.append((database, "the office's database"))
        own += [(database.with_name(database.name + s), "the office's database file") for s in
                ("-wal", "-shm", "-journal")]  # fmt: skip
    for folder in backup_folders:
        own += [(backup, "a backup of the office's database") for backup in backups_in(folder)]
    if config_file is not None:
        own.append((config_file, "the configuration file in use"))
    return own


class ExportCancelled(KioskError):
    def __init__(self) -> None:
        super().__init__("the export was cancelled; no file was written")


def survey_day(office: ExportSource, day: dt.date, fmt: Format, survey: str = "skm") -> bytes:
    definition = office.survey_definition(survey)
    return export_bytes(office.survey_responses(day, survey), definition, fmt)


def ikm_recap(
    office: ExportSource,
    result: IkmResult,
    fmt: RecapFormat,
    where: SurveyFilter | None = None,
) -> bytes:
    """The recap of an IKM already computed (``office.ikm``) over the same slice."""
    where = where or SurveyFilter()
    span = (result.date_from, result.date_to, result.service, result.counter, result.survey)
    recap = Recap(
        office_name=office.settings.office.name,
        definition=office.survey_definition(result.survey),
        result=result,
        profile=office.survey_profile(*span, where=where),
        suggestions=tuple(office.suggestions(*span, where=where)),
        service_names={s.code: s.name_id for s in office.services()},
        generated_at=dt.datetime.now(office.settings.timezone).replace(tzinfo=None),
        filters=filters_id(where.gender, where.education, where.occupation, where.age_min,
                           where.age_max),
    )  # fmt: skip
    if fmt == "pdf":
        from kiosk.survey.report_pdf import pdf_bytes

        return pdf_bytes(recap)
    from kiosk.survey.report_xlsx import xlsx_bytes

    return xlsx_bytes(recap)


def _local(moment: dt.datetime | None, office: ExportSource) -> dt.datetime | None:
    if moment is None:
        return None
    return moment.astimezone(office.settings.timezone).replace(tzinfo=None)


def _minutes(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 60.0, 1)


def _ticket_cells(t: Ticket, office: ExportSource) -> list[object]:
    return [
        t.office_day,
        t.code,
        t.service,
        t.origin_service,
        t.priority,
        t.status.value,
        t.counter,
        _local(t.issued_at, office),
        _local(t.called_at, office),
        _local(t.started_at, office),
        _local(t.finished_at, office),
        _minutes(t.issued_at, t.called_at),
        _minutes(t.started_at or t.called_at, t.finished_at) if t.finished_at else None,
        t.recalls,
        t.slip_state,
    ]


def tickets(
    office: ExportSource, query: TicketQuery, fmt: Format, progress: Progress | None = None
) -> bytes:
    """The tickets matching ``query`` in issue order; raises ExportCancelled if told to."""
    query = TicketQuery(
        query.date_from, query.date_to, query.service, query.counter, query.status, query.code
    )  # issue order whatever the table was sorted by
    total = office.count_tickets(query)
    if fmt == "csv":
        return _tickets_csv(office, query, total, progress)
    return _tickets_xlsx(office, query, total, progress)


def _each_page(
    office: ExportSource, query: TicketQuery, total: int, progress: Progress | None
) -> Iterator[list[Ticket]]:
    done = 0
    if progress is not None and not progress(0, total):
        raise ExportCancelled()
    while True:
        page = office.tickets(query, offset=done, limit=PAGE)
        if not page:
            return
        yield page
        done += len(page)
        if progress is not None and not progress(min(done, total), total):
            raise ExportCancelled()


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value


def _tickets_csv(
    office: ExportSource, query: TicketQuery, total: int, progress: Progress | None
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TICKET_HEADERS)
    for page in _each_page(office, query, total, progress):
        for t in page:
            writer.writerow([_csv_cell(v) for v in _ticket_cells(t, office)])
    return buffer.getvalue().encode("utf-8-sig")


def _tickets_xlsx(
    office: ExportSource, query: TicketQuery, total: int, progress: Progress | None
) -> bytes:
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
        for page in _each_page(office, query, total, progress):
            for t in page:
                ws.append([xlsx_text(v) if isinstance(v, str) else v
                           for v in _ticket_cells(t, office)])  # fmt: skip
    except BaseException:
        ws.close()  # end openpyxl's row writer and drop its temporary file
        raise
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
