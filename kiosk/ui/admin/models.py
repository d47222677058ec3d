"""The admin window's table models: small ones holding what one read returned, and paged
ones (tickets, the audit log) that never hold more than the pages the user scrolled to.

``RowsModel`` shows a list of frozen rows through a tuple of ``Column``s (header text key,
how a row reads in a language, alignment). ``PagedModel`` adds reading on the worker: a
``reload`` reads the count and the first page; Qt's views call ``fetchMore`` as the user
scrolls near the end and the next page arrives a moment later; a ``refresh`` (the change
feed) re-reads the rows already loaded in place, so the selection and the scroll stay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from kiosk.domain.model import (
    TICKET_SORT_KEYS,
    AuditEntry,
    AuditQuery,
    Ticket,
    TicketEvent,
    TicketQuery,
)
from kiosk.domain.stats import CounterDay, StatusCounts
from kiosk.survey.model import ElementScore
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.controller import AdminBackend
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.common.i18n import tr

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

#: The most rows one read asks for (the facade's page limit).
MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    header: str  # text key
    text: Callable[[R, str], str]
    align: int = LEFT
    #: The ticket sort key this column sorts by (paged models), None: not sortable.
    sort: str | None = None


class RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of plain data, read-only, in the window's language."""

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[R] = []
        self.lang = "id"

    # -- Qt's side ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row, self.lang)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.text(row, self.lang)
            return text if len(text) > 30 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(self.columns[section].header, self.lang)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- ours -------------------------------------------------------------------------------------
    def row_at(self, row: int) -> R | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show ``rows``: in place when the count is the same (the selection stays)."""
        new = list(rows)
        if len(new) == len(self.rows) and new:
            self.rows = new
            self._all_changed()
        elif len(new) != len(self.rows) or new:
            self.beginResetModel()
            self.rows = new
            self.endResetModel()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self._all_changed()

    def _all_changed(self) -> None:
        if self.rows and self.columns:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1)
            )


class PagedModel(RowsModel[R]):
    """Rows read a page at a time on the worker; never the whole table."""

    #: The first page (or a refresh) arrived: (rows loaded, total or None if unknown).
    loaded = Signal(int, object)
    #: The first page after a ``reload`` arrived (views size their columns then).
    first_page = Signal()

    def __init__(
        self,
        backend: AdminBackend,
        key: str,
        columns: Sequence[Column[R]],
        *,
        page: int = 200,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self.backend = backend
        self.key = key
        self.page = min(page, MAX_PAGE)
        self.total: int | None = None
        self._generation = 0
        self._fetching = False
        self._more = False  # unknown total: the last page came back full
        self._ready = False

    # -- what a subclass says -------------------------------------------------------------------
    def read_page(self, office: AdminOffice, offset: int, limit: int) -> list[R]:
        raise NotImplementedError

    def read_count(self, office: AdminOffice) -> int | None:
        return None

    # -- Qt's paging -------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index) -> bool:
        if parent.isValid() or self._fetching or not self._ready:
            return False
        if self.total is not None:
            return len(self.rows) < self.total
        return self._more

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        offset = len(self.rows)
        limit = self.page

        def done(rows: list[R]) -> None:
            if generation != self._generation:
                return
            self._fetching = False
            if self.total is None:
                self._more = len(rows) >= limit
            if self.total is not None:
                rows = rows[: max(0, self.total - len(self.rows))]
            if rows:
                first = len(self.rows)
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self.rows.extend(rows)
                self.endInsertRows()

        def failed(_exc: Exception) -> None:
            if generation == self._generation:
                self._fetching = False

        self.backend.read(
            f"{self.key}.more", lambda o: self.read_page(o, offset, limit), done, failed
        )

    # -- reading -----------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """The first read since the last ``reload`` has arrived."""
        return self._ready

    def reload(self) -> None:
        """Start again from the first page (a new filter or sort order)."""
        self._generation += 1
        self._fetching = False
        self._ready = False
        self.beginResetModel()
        self.rows = []
        self.total = None
        self.endResetModel()
        self._read(self.page)

    def refresh(self) -> None:
        """Re-read the rows already loaded (something changed); the view stays where it is."""
        if not self._ready:
            return
        self._read(max(self.page, len(self.rows)))

    def _read(self, want: int) -> None:
        generation = self._generation

        def job(office: AdminOffice) -> tuple[list[R], int | None]:
            total = self.read_count(office)
            rows: list[R] = []
            limit = want if total is None else min(want, total)
            while len(rows) < limit:
                chunk = self.read_page(office, len(rows), min(MAX_PAGE, limit - len(rows)))
                rows.extend(chunk)
                if not chunk:
                    break
            return rows, total

        def done(result: tuple[list[R], int | None]) -> None:
            if generation != self._generation:
                return
            rows, total = result
            if self._ready and want < len(self.rows) and (total is None or want < total):
                # Scrolling fetched more while this re-read ran: it would drop those rows.
                # Read again, as many as are shown now.
                self._read(len(self.rows))
                return
            self._fetching = False
            first = not self._ready
            self.total = total
            self._more = total is None and len(rows) >= want
            self._ready = True
            self._apply(rows)
            if first:
                self.first_page.emit()
            self.loaded.emit(len(self.rows), total)

        self.backend.read(self.key, job, done)

    def _apply(self, rows: list[R]) -> None:
        old = len(self.rows)
        new = len(rows)
        if new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            del self.rows[new:]
            self.endRemoveRows()
        if new > old:
            self.beginInsertRows(QModelIndex(), old, new - 1)
            self.rows.extend(rows[old:])
            self.endInsertRows()
        kept = min(old, new)
        if kept:
            self.rows[:kept] = rows[:kept]
            self.dataChanged.emit(self.index(0, 0), self.index(kept - 1, len(self.columns) - 1))


# -- tickets ---------------------------------------------------------------------------------------
class Names:
    """Service and priority names by code in both languages (the window keeps them fresh)."""

    def __init__(self) -> None:
        self.services: dict[str, tuple[str, str]] = {}
        self.priorities: dict[str, tuple[str, str]] = {}
        self.counters: dict[int, str] = {}

    def service(self, code: str | None, lang: str) -> str:
        if code is None:
            return tr("admin.none", lang)
        pair = self.services.get(code)
        return (pair[1] if lang == "en" else pair[0]) if pair else code

    def priority(self, code: str | None, lang: str) -> str:
        if code is None:
            return ""
        pair = self.priorities.get(code)
        return (pair[1] if lang == "en" else pair[0]) if pair else code

    def counter(self, number: int | None) -> str:
        if number is None:
            return ""
        return self.counters.get(number, str(number))


def _wait(t: Ticket) -> float | None:
    return (t.called_at - t.issued_at).total_seconds() if t.called_at else None


def _service_time(t: Ticket) -> float | None:
    begin = t.started_at or t.called_at
    if t.finished_at is None or begin is None or t.status.value != "done":
        return None
    return (t.finished_at - begin).total_seconds()


class TicketsModel(PagedModel[Ticket]):
    """The tickets matching a ``TicketQuery``, sorted in the database, a page at a time."""

    def __init__(
        self,
        backend: AdminBackend,
        names: Names,
        tz: ZoneInfo,
        query: TicketQuery,
        parent: QObject | None = None,
    ) -> None:
        self.names = names
        self.tz = tz
        self.query = query

        def time(attr: str) -> Callable[[Ticket, str], str]:
            return lambda t, lang: tx.local_time(getattr(t, attr), tz, lang)

        columns: tuple[Column[Ticket], ...] = (
            Column("admin.tickets.col.code", lambda t, _: t.code, LEFT, "code"),
            Column("admin.tickets.col.day", lambda t, _: t.office_day.isoformat(), LEFT, None),
            Column(
                "admin.tickets.col.service",
                lambda t, lang: names.service(t.service, lang),
                LEFT,
                "service",
            ),
            Column("admin.tickets.col.priority", lambda t, lang: names.priority(t.priority, lang)),
            Column(
                "admin.tickets.col.status",
                lambda t, lang: tx.status_word(t.status.value, lang),
                LEFT,
                "status",
            ),
            Column(
                "admin.tickets.col.counter", lambda t, _: names.counter(t.counter), LEFT, "counter"
            ),
            Column("admin.tickets.col.issued", time("issued_at"), RIGHT, "issued_at"),
            Column("admin.tickets.col.called", time("called_at"), RIGHT, "called_at"),
            Column("admin.tickets.col.finished", time("finished_at"), RIGHT, "finished_at"),
            Column("admin.tickets.col.wait", lambda t, lang: tx.minutes(_wait(t), lang), RIGHT),
            Column(
                "admin.tickets.col.service_time",
                lambda t, lang: tx.minutes(_service_time(t), lang),
                RIGHT,
            ),
            Column("admin.tickets.col.recalls", lambda t, _: str(t.recalls), RIGHT),
        )
        super().__init__(backend, "tickets", columns, parent=parent)

    def read_page(self, office: AdminOffice, offset: int, limit: int) -> list[Ticket]:
        return office.reports.tickets(self.query, offset, limit)

    def read_count(self, office: AdminOffice) -> int | None:
        return office.reports.count_tickets(self.query)

    def set_query(self, query: TicketQuery) -> None:
        self.query = query
        self.reload()

    def sort_column(self) -> int:
        """The column the current order sorts by."""
        for i, c in enumerate(self.columns):
            if c.sort == self.query.sort:
                return i
        return 0

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort
        if key is None or key not in TICKET_SORT_KEYS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.query.sort and descending == self.query.descending:
            return
        self.set_query(replace(self.query, sort=key, descending=descending))


class EventsModel(RowsModel[TicketEvent]):
    """One ticket's history, oldest first."""

    def __init__(self, names: Names, tz: ZoneInfo, parent: QObject | None = None) -> None:
        super().__init__(
            (
                Column(
                    "admin.tickets.col.at",
                    lambda e, lang: tx.local_time(e.at, tz, lang, seconds=True),
                ),
                Column("admin.tickets.col.event", lambda e, lang: tx.event_word(e.kind, lang)),
                Column("admin.tickets.col.where", lambda e, _: names.counter(e.counter)),
                Column("admin.tickets.col.detail", lambda e, _: tx.detail_text(e.detail)),
            ),
            parent,
        )


# -- the audit log ---------------------------------------------------------------------------------
class AuditModel(PagedModel[AuditEntry]):
    """Audit entries newest first, a page at a time (the log has no count: it pages on)."""

    def __init__(
        self,
        backend: AdminBackend,
        names: Names,
        tz: ZoneInfo,
        query: AuditQuery,
        parent: QObject | None = None,
    ) -> None:
        self.query = query
        super().__init__(
            backend,
            "audit",
            (
                Column("admin.audit.col.at", lambda a, lang: tx.local_datetime(a.at, tz, lang)),
                Column("admin.audit.col.action", lambda a, lang: tx.action_word(a.action, lang)),
                Column("admin.audit.col.actor", lambda a, _: a.actor or ""),
                Column("admin.audit.col.ticket", lambda a, _: a.ticket_code or ""),
                Column("admin.audit.col.counter", lambda a, _: names.counter(a.counter)),
                Column("admin.audit.col.reason", lambda a, _: a.reason or ""),
                Column("admin.audit.col.detail", lambda a, _: tx.detail_text(a.detail)),
            ),
            parent=parent,
        )

    def read_page(self, office: AdminOffice, offset: int, limit: int) -> list[AuditEntry]:
        return office.reports.audit(self.query, offset, limit)

    def set_query(self, query: AuditQuery) -> None:
        self.query = query
        self.reload()


# -- the dashboard's tables ------------------------------------------------------------------------
ServiceRow = tuple[str, StatusCounts]


def service_counts_model(names: Names, parent: QObject | None = None) -> RowsModel[ServiceRow]:
    def n(attr: str) -> Callable[[ServiceRow, str], str]:
        return lambda r, lang: tx.count(getattr(r[1], attr), lang)

    return RowsModel(
        (
            Column(
                "admin.dash.col.service", lambda r, lang: f"{r[0]} · {names.service(r[0], lang)}"
            ),
            Column("admin.dash.col.issued", n("issued"), RIGHT),
            Column("admin.dash.col.waiting", n("waiting"), RIGHT),
            Column("admin.dash.col.at_counter", n("at_counter"), RIGHT),
            Column("admin.dash.col.done", n("done"), RIGHT),
            Column("admin.dash.col.no_show", n("no_show"), RIGHT),
            Column("admin.dash.col.cancelled", n("cancelled"), RIGHT),
        ),
        parent,
    )


def counter_state(c: CounterDay, lang: str) -> str:
    if c.paused:
        return tr("admin.dash.state.paused", lang)
    if c.current:
        return tr("admin.dash.state.serving", lang, code=c.current)
    return tr("admin.dash.state.idle", lang)


def counter_days_model(parent: QObject | None = None) -> RowsModel[CounterDay]:
    return RowsModel(
        (
            Column("admin.dash.col.counter", lambda c, _: c.name),
            Column("admin.dash.col.state", counter_state),
            Column("admin.dash.col.served", lambda c, lang: tx.count(c.served, lang), RIGHT),
            Column(
                "admin.dash.col.mean",
                lambda c, lang: tx.minutes(c.service_time.mean_seconds, lang),
                RIGHT,
            ),
        ),
        parent,
    )


# -- the survey's tables ---------------------------------------------------------------------------
def elements_model(parent: QObject | None = None) -> RowsModel[ElementScore]:
    return RowsModel(
        (
            Column("admin.survey.col.element", lambda e, _: e.code),
            Column("admin.survey.col.answered", lambda e, lang: tx.count(e.answered, lang), RIGHT),
            Column("admin.survey.col.sum", lambda e, lang: tx.count(e.total, lang), RIGHT),
            Column("admin.survey.col.nrr", lambda e, lang: tx.number(e.nrr, lang, 3), RIGHT),
            Column(
                "admin.survey.col.weighted", lambda e, lang: tx.number(e.weighted, lang, 3), RIGHT
            ),
        ),
        parent,
    )


ProfileRow = tuple[str, str, int]  # group key, value, respondents


def profile_model(parent: QObject | None = None) -> RowsModel[ProfileRow]:
    return RowsModel(
        (
            Column("admin.survey.col.group", lambda r, lang: tr(f"admin.survey.by.{r[0]}", lang)),
            Column("admin.survey.col.value", lambda r, _: r[1]),
            Column("admin.survey.col.count", lambda r, lang: tx.count(r[2], lang), RIGHT),
        ),
        parent,
    )


def today_local(tz: ZoneInfo) -> dt.date:
    return dt.datetime.now(tz).date()
