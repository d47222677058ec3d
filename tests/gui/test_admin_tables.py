"""The tickets table and the audit log: filters, database sort, paging, history; and every
table model of the window under Qt's own model tester."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from pytestqt.qtbot import QtBot

import kiosk
from kiosk.config.settings import Settings
from kiosk.domain.model import TicketQuery, TicketStatus
from kiosk.office import Office
from kiosk.tools.demo.logo import demo_logo
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.audit import ACTIONS
from kiosk.ui.admin.dashboard import HEADROOM
from kiosk.ui.admin.survey import LABEL_CHARS, LABEL_LINES
from kiosk.ui.admin.window import AdminWindow
from tests.staff import admin_session

from . import test_admin_fixtures as fx
from .test_admin_fixtures import (
    ADMIN,
    OFFICER,
    SUPERVISOR,
    AdminFactory,
    click,
    click_row,
    idle,
    pick,
    shown,
    sign_in,
    switch_language,
    type_date,
    type_into,
)

# The shared fixtures, found by pytest under these names.
admin_settings = fx.admin_settings
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other


def codes(window: AdminWindow) -> list[str]:
    return [t.code for t in window.tickets.model.rows]


def reloaded(qtbot: QtBot, window: AdminWindow, change: Callable[[], object]) -> None:
    with qtbot.waitSignal(window.tickets.model.first_page, timeout=10_000):
        change()


def test_the_tickets_table_lists_today_a_page_at_a_time(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "tickets")
    tab = window.tickets
    today = other.today()
    query = TicketQuery(today, today)
    total = other.reports.count_tickets(query)
    assert total > 40
    model = window.tickets.model
    assert model.total == total
    assert codes(window) == [t.code for t in other.reports.tickets(query, 0, 200)]
    assert tab.count.text() == f"{total} tiket"

    model.page = 20  # smaller pages: scrolling asks for the next one
    reloaded(qtbot, window, model.reload)
    assert len(model.rows) == 20
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
        model.fetchMore(QModelIndex())
    assert codes(window) == [t.code for t in other.reports.tickets(query, 0, 40)]
    window.tickets.view.scrollToBottom()  # the view asks for more by itself
    qtbot.waitUntil(lambda: len(model.rows) >= 60, timeout=10_000)
    assert codes(window)[:60] == [t.code for t in other.reports.tickets(query, 0, 60)]


def test_tickets_filter_by_service_status_number_and_date(
    qtbot: QtBot,
    make_admin: AdminFactory,
    other: Office,
    admin_url: str,
    admin_settings: Settings,
) -> None:
    today = other.today()
    yesterday = today - dt.timedelta(days=1)
    noon = dt.datetime.combine(yesterday, dt.time(12), admin_settings.timezone)
    with Office.open(admin_url, settings=admin_settings, clock=lambda: noon) as then:
        old = [then.issue_ticket("C"), then.issue_ticket("C"), then.issue_ticket("D")]

    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "tickets")
    tab = window.tickets

    reloaded(qtbot, window, lambda: pick(qtbot, tab.service, "A"))
    assert codes(window) and all(t.service == "A" for t in tab.model.rows)
    assert tab.model.total == other.reports.count_tickets(TicketQuery(today, today, service="A"))

    reloaded(qtbot, window, lambda: pick(qtbot, tab.status, "done"))
    assert all(t.status is TicketStatus.DONE and t.service == "A" for t in tab.model.rows)
    assert tab.model.total == other.reports.count_tickets(
        TicketQuery(today, today, service="A", status=TicketStatus.DONE)
    )

    reloaded(qtbot, window, lambda: type_into(qtbot, tab.code, "a-00"))  # typed, then a pause
    assert tab.model.query.code == "A-00"
    assert codes(window) and all(c.startswith("A-00") for c in codes(window))

    type_into(qtbot, tab.code, "")
    pick(qtbot, tab.status, "")
    pick(qtbot, tab.service, "")
    qtbot.waitUntil(lambda: tab.model.ready and tab.model.query.service is None)
    reloaded(qtbot, window, lambda: type_date(qtbot, tab.date_from, yesterday))
    assert tab.model.total == other.reports.count_tickets(TicketQuery(yesterday, today))
    reloaded(qtbot, window, lambda: type_date(qtbot, tab.date_to, yesterday))
    assert sorted(codes(window)) == sorted(t.code for t in old)
    assert {t.office_day for t in tab.model.rows} == {yesterday}


def test_a_header_click_sorts_in_the_database(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "tickets")
    tab = window.tickets
    today = other.today()
    header = tab.view.horizontalHeader()
    code_column = next(i for i, c in enumerate(tab.model.columns) if c.sort == "code")
    reloaded(
        qtbot, window, lambda: header.setSortIndicator(code_column, Qt.SortOrder.DescendingOrder)
    )
    assert tab.model.query.sort == "code" and tab.model.query.descending
    expected = other.reports.tickets(
        TicketQuery(today, today, sort="code", descending=True), 0, 200
    )
    assert codes(window) == [t.code for t in expected]

    # a column the database cannot sort by leaves the order (and the arrow) as it was
    wait_column = next(i for i, c in enumerate(tab.model.columns) if c.sort is None)
    header.setSortIndicator(wait_column, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == code_column
    assert tab.model.query.sort == "code"


def test_choosing_a_ticket_shows_its_history(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "tickets")
    tab = window.tickets
    done = next(t for t in tab.model.rows if t.status is TicketStatus.DONE)
    row = tab.model.rows.index(done)
    click_row(qtbot, tab.view, row)
    expected = other.reports.ticket_history(other.queue.get_ticket(done.id).id)
    qtbot.waitUntil(lambda: len(tab.events.rows) == len(expected), timeout=10_000)
    assert [e.kind for e in tab.events.rows] == [e.kind for e in expected]
    assert expected[0].kind == "issued" and "done" in [e.kind for e in expected]
    assert done.code in tab.history_title.text()


def test_the_audit_log_filters_by_action_and_person(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    page = window.sign_in_page
    type_into(qtbot, page.username, "petugas")
    type_into(qtbot, page.pin, OFFICER[1])
    with qtbot.waitSignal(window.sign_in_refused, timeout=10_000):
        click(qtbot, page.submit_button)
    sign_in(qtbot, window, ADMIN)
    waiting = other.issue_ticket("A")
    other.queue.call_ticket(waiting.id, 1, "Pemohon lansia", actor="petugas")

    shown(qtbot, window, "audit")
    tab = window.audit
    model = window.audit.model
    qtbot.waitUntil(
        lambda: any(a.action == "call_out_of_order" for a in model.rows), timeout=10_000
    )
    jump = next(a for a in model.rows if a.action == "call_out_of_order")
    assert jump.reason == "Pemohon lansia" and jump.ticket_code == waiting.code
    assert model.rows == other.reports.audit(window.audit.query(), 0, 200)

    with qtbot.waitSignal(model.first_page, timeout=10_000):
        pick(qtbot, window.audit.action, "sign_in_refused")
    assert model.rows and all(a.action == "sign_in_refused" for a in model.rows)
    assert any(a.actor == "petugas" for a in model.rows)

    with qtbot.waitSignal(model.first_page, timeout=10_000):
        pick(qtbot, window.audit.action, "")
    with qtbot.waitSignal(model.first_page, timeout=10_000):
        type_into(qtbot, window.audit.actor, "admin")
    assert model.rows and all(a.actor == "admin" for a in model.rows)
    assert {"sign_in"} <= {a.action for a in model.rows}
    assert tab is window.audit


def detail_shown(window: AdminWindow, action: str) -> str:
    """The audit table's Rincian cell, as the view shows it, of the newest ``action`` row."""
    model = window.audit.model
    row = next(i for i, a in enumerate(model.rows) if a.action == action)
    column = next(
        c for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) in ("Rincian", "Detail")
    )  # fmt: skip
    return str(model.index(row, column).data())


def test_the_audit_details_are_in_words_in_both_languages(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    waiting = other.issue_ticket("A")
    other.queue.call_ticket(waiting.id, 4, "Pemohon lansia", actor="petugas")  # Loket 4: C, D

    shown(qtbot, window, "audit")
    model = window.audit.model
    qtbot.waitUntil(
        lambda: any(a.action == "call_out_of_order" for a in model.rows), timeout=10_000
    )
    assert detail_shown(window, "sign_in") == "di jendela admin · peran Admin"
    assert detail_shown(window, "call_out_of_order") == (
        f"nomor {waiting.code} · layanan A · loket tidak melayani layanan ini"
    )
    switch_language(qtbot, window, "en")
    assert detail_shown(window, "sign_in") == "at the admin window · role Administrator"
    assert detail_shown(window, "call_out_of_order") == (
        f"number {waiting.code} · service A · the counter does not serve this service"
    )


def test_every_table_model_passes_the_model_tester(
    qtbot: QtBot,
    qtmodeltester,
    make_admin: AdminFactory,
    other: Office,
) -> None:
    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    for key in ("tickets", "survey", "settings", "audit"):
        shown(qtbot, window, key)
    tickets = window.tickets
    click_row(qtbot, tickets.view, 0)
    qtbot.waitUntil(lambda: len(tickets.events.rows) > 0, timeout=10_000)
    models: list[QAbstractItemModel] = [
        window.dashboard.services_model,
        window.dashboard.counters_model,
        tickets.model,
        tickets.events,
        window.survey.elements,
        window.survey.profile,
        window.settings_tab.staff.model,
        window.audit.model,
    ]
    for model in models:
        assert model.rowCount() > 0, model
        qtmodeltester.check(model)
    # the testers stay attached while the models change the ways they do
    tickets.model.page = 25
    with qtbot.waitSignal(tickets.model.first_page, timeout=10_000):
        tickets.model.reload()
    with qtbot.waitSignal(tickets.model.rowsInserted, timeout=10_000):
        tickets.model.fetchMore(QModelIndex())
    other.issue_ticket("A")
    with qtbot.waitSignal(tickets.model.loaded, timeout=10_000):
        tickets.model.refresh()
    with qtbot.waitSignal(tickets.model.first_page, timeout=10_000):
        tickets.model.sort(0, Qt.SortOrder.DescendingOrder)
    switch_language(qtbot, window, "en")
    window.dashboard.services_model.set_rows([])
    idle(qtbot, window)


def recorded_actions() -> set[str]:
    """Every audit action the services write, read from their source: the action (second
    argument) of each ``AuditRecord``, and the action argument of the staff service's
    ``_audit``/``_update`` (both branches of an ``x if ... else y``)."""
    found: set[str] = set()
    for path in (Path(kiosk.__file__).parent / "services").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id == "AuditRecord":
                args = node.args[1:2] + [k.value for k in node.keywords if k.arg == "action"]
            elif not isinstance(node.func, ast.Attribute):
                continue
            elif node.func.attr in ("_audit", "_update") and len(node.args) > 1:
                args = [node.args[1]]
            else:
                continue
            for arg in args:
                found |= {
                    c.value
                    for c in ast.walk(arg)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                }
    return found


def test_every_action_the_office_records_can_be_chosen_and_reads_as_words() -> None:
    actions = recorded_actions()
    assert {"sign_in", "sign_out", "logo_changed", "staff_pin_reset"} <= actions  # it reads
    assert actions <= set(ACTIONS), actions - set(ACTIONS)
    for action in ACTIONS:
        for lang in ("id", "en"):
            assert tx.action_word(action, lang) != action, (action, lang)


def test_a_logo_change_and_a_sign_out_are_found_in_the_log_by_their_words(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    other.set_logo(demo_logo(), session=admin_session(other))
    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    click(qtbot, window.sign_out_button)  # the admin signs out, and in again
    sign_in(qtbot, window, ADMIN)
    shown(qtbot, window, "audit")
    model = window.audit.model
    for action, actor in (("logo_changed", "admin"), ("sign_out", "admin")):
        pick(qtbot, window.audit.action, action)
        qtbot.waitUntil(
            lambda: model.ready and model.query.action == action,  # noqa: B023
            timeout=10_000,
        )
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10_000)
        shown_rows = {
            (model.index(r, 1).data(), model.index(r, 2).data()) for r in range(model.rowCount())
        }
        assert shown_rows == {(tx.action_word(action, "id"), actor)}


def test_at_1366x768_every_column_and_label_fits(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    """The tickets table needs no sideways scroll, the per-hour chart leaves room above its
    busiest bar for the label, and the unsur names are wrapped to lines Qt does not elide."""
    window = make_admin()  # 1366x768
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "dashboard")
    chart = window.dashboard.chart
    busiest = max(chart.hours.values())
    assert busiest > 0 and chart._y.max() >= busiest * HEADROOM
    header = window.dashboard.services_view.horizontalHeader()
    assert header.length() <= window.dashboard.services_view.viewport().width()
    service_hint = window.dashboard.services_model.headerData(
        1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "layanan awal" in service_hint

    shown(qtbot, window, "tickets")
    view = window.tickets.view
    qtbot.waitUntil(lambda: window.tickets.model.rows != [])
    assert view.horizontalHeader().length() <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    service_column = 2
    name = view.model().index(0, service_column)
    assert view.model().data(name, Qt.ItemDataRole.ToolTipRole) == view.model().data(name)

    shown(qtbot, window, "survey")
    labels = window.survey.chart._y.categories()
    assert len(labels) == 9
    for text in labels:
        lines = text.split("<br>")
        assert len(lines) <= LABEL_LINES and all(len(line) <= LABEL_CHARS for line in lines)
    assert labels[-1].startswith("U1 ")  # U1 on top
