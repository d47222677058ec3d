"""The admin window's generic table models: ``RowsModel`` holds what one read returned,
``PagedModel`` never holds more than the pages the user scrolled to.

``RowsModel`` shows a list of frozen rows through a tuple of ``Column``s (header text key,
how a row reads in a language, alignment). ``PagedModel`` adds reading on the worker: a
``reload`` reads the count and the first page; Qt's views call ``fetchMore`` as the user
scrolls near the end and the next page arrives a moment later; a ``refresh`` (the change
feed) re-reads the rows already loaded in place, so the selection and the scroll stay.
The tabs' own models (tickets, audit, dashboard, survey) are in ``models.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from kiosk.ui.admin.controller import AdminBackend
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.common.i18n import tr

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

#: The most rows one read asks for (the facade's page limit).
MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    header: str  # text key
    text: Callable[[R, str], str]
    align: int = LEFT
    #: The ticket sort key this column sorts by (paged models), None: not sortable.
    sort: str | None = None
    #: Text key of the header's tooltip: what a short header means in full.
    hint: str | None = None


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
            # Names may be elided in a narrow column; the tooltip says them whole.
            text = column.text(row, self.lang)
            return text if column.align == LEFT and text else None
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
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(column.header, self.lang)
        if role == Qt.ItemDataRole.ToolTipRole and column.hint:
            return tr(column.hint, self.lang)
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
