"""The admin window's table models of each tab: the tickets and their history, the audit
log, the dashboard's and the survey's tables, and the service, priority and counter names
they show. The generic models they are built on (``Column``, ``RowsModel``, ``PagedModel``)
are in ``table_models.py``, imported here too for the tabs that build their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt

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
from kiosk.ui.admin.details import detail_text
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.table_models import LEFT, RIGHT, Column, PagedModel, RowsModel
from kiosk.ui.common.i18n import CATALOG, tr


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
                Column("admin.tickets.col.detail", lambda e, lang: detail_text(e.detail, lang)),
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
                Column("admin.audit.col.detail", lambda a, lang: detail_text(a.detail, lang)),
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
            Column("admin.dash.col.issued", n("issued"), RIGHT, hint="admin.dash.col.issued_hint"),
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


def profile_value(group: str, value: str, lang: str) -> str:
    """A stored profile code in words ("L" -> "Laki-laki"), from the survey's own texts."""
    key = f"survey.{group}.{value}"
    # The kiosk's buttons are worded in the shared catalogue; codes without a wording
    # (age bands, education levels, service codes) already read as themselves.
    return tr(key, lang) if key in CATALOG else value


def profile_model(parent: QObject | None = None) -> RowsModel[ProfileRow]:
    return RowsModel(
        (
            Column("admin.survey.col.group", lambda r, lang: tr(f"admin.survey.by.{r[0]}", lang)),
            Column("admin.survey.col.value", lambda r, lang: profile_value(r[0], r[1], lang)),
            Column("admin.survey.col.count", lambda r, lang: tx.count(r[2], lang), RIGHT),
        ),
        parent,
    )
