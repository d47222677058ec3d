"""Settings (validated, saved for every PC, audited), staff accounts, printer test prints.
The backup tab's tests are in test_admin_backup.py."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from kiosk.config.settings import Settings, editable_document
from kiosk.domain.errors import SettingsRejected
from kiosk.domain.model import AuditQuery
from kiosk.office import Office
from kiosk.ui.admin.settings.columns import hours_text, parse_hours
from kiosk.ui.admin.settings.form import error_place
from kiosk.ui.admin.settings.pages import FormPage, TablePage
from kiosk.ui.admin.settings.special_pages import PrinterPage, SurveyPage
from kiosk.ui.admin.staff import StaffPage
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.i18n import tr
from tests.staff import admin_session

from . import test_admin_fixtures as fx
from .test_admin_fixtures import (
    ADMIN,
    AdminFactory,
    click,
    click_row,
    edit_cell,
    open_section,
    pick,
    shown,
    sign_in,
    type_into,
    type_number,
)

# The shared fixtures, found by pytest under these names.
admin_settings = fx.admin_settings
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other


def audits(office: Office, action: str) -> list[Any]:
    return office.reports.audit(AuditQuery(action=action), 0, 50)


def saved(qtbot: QtBot, window: AdminWindow, section: str) -> object:
    """Press the section's Save button (its page on screen); the saved name or the refusal."""
    page = window.settings_tab.pages[section]
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, page.save)
    return blocker.args[0]


def settings_window(qtbot: QtBot, make_admin: AdminFactory) -> AdminWindow:
    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    shown(qtbot, window, "settings")
    return window


# -- settings --------------------------------------------------------------------------------------
def test_a_valid_change_is_saved_for_every_pc_and_audited(
    qtbot: QtBot,
    make_admin: AdminFactory,
    other: Office,
    admin_url: str,
    admin_settings: Settings,
) -> None:
    window = settings_window(qtbot, make_admin)
    page = window.settings_tab.pages["office"]
    assert isinstance(page, FormPage)
    name = page.widgets["name"]
    assert isinstance(name, QLineEdit)
    assert name.text() == admin_settings.office.name
    click(qtbot, name)
    QTest.keyClick(name, Qt.Key.Key_End)
    QTest.keyClicks(name, " Jakarta Selatan")
    assert page.dirty
    assert saved(qtbot, window, "office") == "office"
    assert page.message.text() == tr("admin.settings.saved", "id")
    assert not window.settings_tab.pages["office"].dirty

    with Office.open(admin_url, settings=admin_settings) as elsewhere:  # another PC, later
        assert elsewhere.settings.office.name == "Kantor Imigrasi Jakarta Selatan"
    other.reload_settings()  # a PC that was already running takes it up too
    assert other.settings.office.name == "Kantor Imigrasi Jakarta Selatan"
    entry = audits(other, "settings_changed")[0]
    assert entry.actor == "admin"
    assert entry.detail["section"] == "office"
    assert entry.detail["after"]["name"] == "Kantor Imigrasi Jakarta Selatan"
    qtbot.waitUntil(lambda: window.office_name.text() == "Kantor Imigrasi Jakarta Selatan")


def test_an_invalid_value_shows_the_message_at_the_field_and_saves_nothing(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = settings_window(qtbot, make_admin)
    page = window.settings_tab.pages["office"]
    assert isinstance(page, FormPage)
    zone = page.widgets["timezone"]
    assert isinstance(zone, QComboBox)
    zone_line = zone.lineEdit()
    assert zone_line is not None
    type_into(qtbot, zone_line, "Mars/Olympus")
    result = saved(qtbot, window, "office")
    assert isinstance(result, SettingsRejected)
    assert "office.timezone" in str(result)
    assert page.errors["timezone"].isVisible()
    assert "Asia/Jakarta" in page.errors["timezone"].text()  # what was expected
    assert page.message.isVisible() and page.message.text().startswith("Tidak disimpan")
    assert audits(other, "settings_changed") == []
    other.reload_settings()
    assert other.settings.office.timezone == "Asia/Jakarta"


def test_a_table_section_marks_the_cell_it_refuses(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = settings_window(qtbot, make_admin)
    page = open_section(qtbot, window, "services")
    assert isinstance(page, TablePage)
    quota = [k for k, _ in page.columns].index("daily_quota")
    item = page.table.item(1, quota)
    assert item is not None
    edit_cell(qtbot, page.table, 1, quota, "0")
    result = saved(qtbot, window, "services")
    assert isinstance(result, SettingsRejected)
    assert error_place(str(result), "services") == (1, "daily_quota")
    assert page.table.item(1, quota).toolTip() == str(result)  # type: ignore[union-attr]
    assert audits(other, "settings_changed") == []

    edit_cell(qtbot, page.table, 1, quota, "120")
    hours = [k for k, _ in page.columns].index("hours")
    edit_cell(qtbot, page.table, 1, hours, "mon-fri 08:00-12:00,13:00-15:00")
    assert saved(qtbot, window, "services") == "services"
    other.reload_settings()
    service = next(s for s in other.queue.services() if s.code == other.settings.services[1].code)
    assert service.daily_quota == 120
    assert other.settings.services[1].hours == {"mon-fri": ["08:00-12:00", "13:00-15:00"]}


def test_counters_survey_order_and_priority_policy_are_edited_in_place(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = settings_window(qtbot, make_admin)
    counters = open_section(qtbot, window, "counters")
    assert isinstance(counters, TablePage)
    edit_cell(qtbot, counters.table, 3, 2, "c, d, a")
    assert saved(qtbot, window, "counters") == "counters"

    survey = open_section(qtbot, window, "survey")
    assert isinstance(survey, SurveyPage)
    click_row(qtbot, survey.order, 7)
    click(qtbot, survey.down)
    cooldown = survey.widgets["walkup_cooldown_seconds"]
    assert isinstance(cooldown, QSpinBox)
    type_number(qtbot, cooldown, "90")
    assert saved(qtbot, window, "survey") == "survey"

    queue = open_section(qtbot, window, "queue")
    assert isinstance(queue, FormPage)
    policy = queue.widgets["priority_policy"]
    assert isinstance(policy, QComboBox)
    pick(qtbot, policy, "interleave")
    assert saved(qtbot, window, "queue") == "queue"

    other.reload_settings()
    assert other.settings.counters[3].services == ["C", "D", "A"]
    assert set(next(c for c in other.queue.counters() if c.number == 4).services) == {"A", "C", "D"}
    assert other.settings.survey.order[7:] == ["U9", "U8"]
    assert other.settings.survey.walkup_cooldown_seconds == 90
    assert other.settings.queue.priority_policy.value == "interleave"
    assert [e.detail["section"] for e in audits(other, "settings_changed")] == [
        "queue", "survey", "counters",
    ]  # fmt: skip


def test_a_change_saved_elsewhere_appears_unless_the_page_is_being_edited(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = settings_window(qtbot, make_admin)
    display = window.settings_tab.pages["display"]
    kiosk = open_section(qtbot, window, "kiosk")
    assert isinstance(display, FormPage) and isinstance(kiosk, FormPage)
    kiosk_name = kiosk.widgets["name"]
    assert isinstance(kiosk_name, QLineEdit)
    type_into(qtbot, kiosk_name, "kiosk-lobi")  # being edited, not saved
    assert kiosk.dirty
    document = editable_document(other.settings)
    session = admin_session(other)
    other.update_settings("display", {**document["display"], "last_calls": 4}, session=session)
    other.update_settings("kiosk", {**document["kiosk"], "idle_seconds": 45}, session=session)
    qtbot.waitUntil(lambda: display.widgets["last_calls"].value() == 4, timeout=10_000)  # type: ignore[attr-defined]
    assert kiosk.widgets["name"].text() == "kiosk-lobi"  # type: ignore[attr-defined]
    assert kiosk.widgets["idle_seconds"].value() != 45  # type: ignore[attr-defined]


def test_staff_accounts_are_added_disabled_and_reset_with_the_admin_named(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = settings_window(qtbot, make_admin)
    staff = open_section(qtbot, window, "staff")
    assert isinstance(staff, StaffPage)
    type_into(qtbot, staff.username, "dewi.loket")
    type_into(qtbot, staff.name, "Dewi Lestari")
    pick(qtbot, staff.role, "officer")
    type_into(qtbot, staff.pin, "918273")
    assert saved_staff(qtbot, window, staff.add) == "staff"
    account = next(a for a in other.staff.accounts() if a.username == "dewi.loket")
    assert account.name == "Dewi Lestari" and account.active
    qtbot.waitUntil(lambda: any(a.username == "dewi.loket" for a in staff.model.rows))

    row = [a.username for a in staff.model.rows].index("dewi.loket")
    click_row(qtbot, staff.view, row)
    assert saved_staff(qtbot, window, staff.disable) == "staff"
    assert not next(a for a in other.staff.accounts() if a.username == "dewi.loket").active
    row = [a.username for a in staff.model.rows].index("dewi.loket")
    if staff.view.currentIndex().row() != row:  # the list was read anew
        click_row(qtbot, staff.view, row)
    type_into(qtbot, staff.new_pin, "12")
    refused = saved_staff(qtbot, window, staff.reset)
    assert isinstance(refused, Exception)
    assert staff.message.isVisible()
    actions = {(e.action, e.actor) for e in other.reports.audit(AuditQuery(actor="admin"), 0, 50)}
    assert {("staff_added", "admin"), ("staff_disabled", "admin")} <= actions

    me = [a.username for a in staff.model.rows].index("admin")
    click_row(qtbot, staff.view, me)
    click(qtbot, staff.disable)
    assert staff.message.text() == tr("admin.staff.self", "id")


def saved_staff(qtbot: QtBot, window: AdminWindow, button: QPushButton) -> object:
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, button)
    return blocker.args[0]


def test_a_test_print_is_asked_of_the_kiosk_and_its_printer_state_shown(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    other.report_printer("kiosk-1", "paper_near_end", "paper near end")
    window = settings_window(qtbot, make_admin)
    printer = open_section(qtbot, window, "printer")
    assert isinstance(printer, PrinterPage)
    texts = [printer.states.item(i).text() for i in range(printer.states.count())]
    assert any("kiosk-1" in t and "kertas hampir habis" in t for t in texts)
    line = printer.kiosk.lineEdit()
    assert line is not None
    type_into(qtbot, line, "kiosk-1")
    click(qtbot, printer.test)
    qtbot.waitUntil(lambda: bool(audits(other, "printer_test_requested")), timeout=10_000)
    assert other.settings_store.take_printer_test("kiosk-1")
    entry = audits(other, "printer_test_requested")[0]
    assert entry.actor == "admin" and entry.detail["source"] == "kiosk-1"


def test_opening_hours_read_and_write_as_one_line() -> None:
    spec = {"mon-fri": ["08:00-12:00", "13:00-15:00"], "sat": "08:00-12:00"}
    assert hours_text(spec) == "mon-fri 08:00-12:00,13:00-15:00; sat 08:00-12:00"
    assert parse_hours(hours_text(spec)) == spec
    assert parse_hours("") is None and hours_text(None) == ""
    assert parse_hours("-") == {} and hours_text({}) == "-"
    assert error_place("office.timezone: expected ...", "office") == (None, "timezone")
    assert error_place("printer: printer.port: needs a port", "printer") == (None, "port")
