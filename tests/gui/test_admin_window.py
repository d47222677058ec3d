"""The admin window: who may open it, today's dashboard and how it keeps up (offscreen,
real SQLite files filled like ``kiosk demo-data``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.config.settings import Settings
from kiosk.domain.errors import DatabaseUnavailable
from kiosk.domain.model import AuditEntry, AuditQuery
from kiosk.domain.staff import LOCKOUT_MINUTES, SIGN_IN_ATTEMPTS
from kiosk.office import Office
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.i18n import locked_text, tr

from . import test_admin_fixtures as fx
from .test_admin_fixtures import (
    ADMIN,
    OFFICER,
    SUPERVISOR,
    AdminFactory,
    click,
    click_tab,
    shown,
    sign_in,
    switch_language,
    type_into,
)

# The shared fixtures, found by pytest under these names.
admin_settings = fx.admin_settings
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other


def refused(qtbot: QtBot, window: AdminWindow, who: tuple[str, str]) -> None:
    page = window.sign_in_page
    type_into(qtbot, page.username, who[0])
    type_into(qtbot, page.pin, who[1])
    with qtbot.waitSignal(window.sign_in_refused, timeout=10_000):
        click(qtbot, page.submit_button)


def last_audit(office: Office, action: str) -> AuditEntry | None:
    entries = office.reports.audit(AuditQuery(action=action), 0, 1)
    return entries[0] if entries else None


def test_an_officer_account_is_refused_and_the_refusal_is_audited(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    refused(qtbot, window, OFFICER)
    assert not window.is_signed_in
    assert window.sign_in_page.message.isVisible()
    assert window.sign_in_page.message.text() == tr("admin.signin.refused", "id")
    assert window.sign_in_page.pin.text() == ""  # cleared for another try
    entry = last_audit(other, "sign_in_refused")
    assert entry is not None
    assert entry.actor == "petugas"
    assert entry.detail["where"] == "admin"
    assert entry.detail["role"] == "officer"


def test_a_wrong_pin_is_refused_with_the_same_words(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    refused(qtbot, window, (SUPERVISOR[0], "999999"))
    assert not window.is_signed_in
    assert window.sign_in_page.message.text() == tr("admin.signin.refused", "id")
    entry = last_audit(other, "sign_in_refused")
    assert entry is not None and entry.actor == "kasubsi"


def test_five_wrong_pins_lock_the_account_and_the_page_says_for_how_long(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    for _ in range(SIGN_IN_ATTEMPTS):
        refused(qtbot, window, (SUPERVISOR[0], "999999"))
    locked = locked_text(LOCKOUT_MINUTES[0], SIGN_IN_ATTEMPTS, "id")
    assert window.sign_in_page.message.text() == locked
    refused(qtbot, window, SUPERVISOR)  # the right PIN, while locked
    assert not window.is_signed_in
    assert window.sign_in_page.message.text() == locked
    entry = last_audit(other, "account_locked")
    assert entry is not None and entry.actor == "kasubsi"


def test_a_supervisor_is_admitted_and_reads_settings_without_changing_them(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    account = sign_in(qtbot, window, SUPERVISOR)
    assert account.username == "kasubsi"
    assert window.is_signed_in
    assert window.current_tab() is window.dashboard
    assert "Kasubsi Demo" in window.user.text()
    entry = last_audit(other, "sign_in")
    assert entry is not None and entry.actor == "kasubsi" and entry.detail["where"] == "admin"

    shown(qtbot, window, "settings")
    tab = window.settings_tab
    assert tab.read_only.isVisible()
    assert not tab.pages["office"].save.isEnabled()
    assert not tab.staff.add.isEnabled()
    office = tab.pages["office"]
    with qtbot.assertNotEmitted(office.save_requested):  # nothing is even tried
        QTest.mouseClick(office.save, Qt.MouseButton.LeftButton)
    assert not office.message.isVisible()  # no "saving..."
    assert last_audit(other, "settings_changed") is None


def test_an_admin_may_change_settings_and_signing_out_returns_to_the_sign_in(
    qtbot: QtBot, make_admin: AdminFactory
) -> None:
    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    shown(qtbot, window, "settings")
    assert not window.settings_tab.read_only.isVisible()
    assert window.settings_tab.pages["office"].save.isEnabled()
    click(qtbot, window.sign_out_button)
    assert not window.is_signed_in
    assert window.sign_in_page.pin.text() == ""


def test_the_dashboard_shows_what_the_office_reports_for_today(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    data = window.dashboard.data
    assert data is not None
    today = other.today()
    expected = other.reports.day_summary(today)
    assert data.summary == expected
    assert expected.totals.issued > 0  # the demo day is there

    figures = window.dashboard.figures()
    totals = expected.totals
    assert figures["issued"] == tx.count(totals.issued, "id")
    assert figures["waiting"] == tx.count(totals.waiting, "id")
    assert figures["at_counter"] == tx.count(totals.at_counter, "id")
    assert figures["done"] == tx.count(totals.done, "id")
    assert figures["no_show"] == tx.count(totals.no_show, "id")
    assert figures["wait"] == tx.minutes(expected.wait.mean_seconds, "id")
    assert figures["service_time"] == tx.minutes(expected.service_time.mean_seconds, "id")
    ikm_today = other.ikm(today, today)
    ikm_month = other.ikm(today.replace(day=1), today)
    assert figures["ikm_today"] == tx.number(ikm_today.ikm, "id")
    assert figures["ikm_month"] == tx.number(ikm_month.ikm, "id")
    p90 = tx.minutes(expected.wait.p90_seconds, "id")
    assert p90 in window.dashboard.cards["wait"].sub.text()

    assert window.dashboard.services_model.rows == list(expected.per_service)
    assert window.dashboard.counters_model.rows == list(expected.counters)
    assert window.dashboard.chart.hours == expected.issued_per_hour
    assert [a.id for a in data.alerts] == [a.id for a in other.slips.alerts()]


def test_the_dashboard_follows_another_pc_live(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    data = window.dashboard.data
    assert data is not None
    before = data.summary.totals.issued
    other.issue_ticket("A")
    other.report_printer("kiosk-lobi", "paper_out", "paper out")

    def caught_up() -> bool:
        d = window.dashboard.data
        return (
            d is not None
            and d.summary.totals.issued == before + 1
            and any(a.source == "kiosk-lobi" for a in d.alerts)
        )

    qtbot.waitUntil(caught_up, timeout=10_000)
    assert window.dashboard.figures()["issued"] == tx.count(before + 1, "id")
    assert window.dashboard.alerts.isVisible()
    texts = [window.dashboard.alerts.item(i).text() for i in range(window.dashboard.alerts.count())]
    assert any("kiosk-lobi" in t and tx.printer_word("paper_out", "id") in t for t in texts)


def test_only_the_visible_tab_rereads_on_a_change(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "tickets")
    reads: list[str] = []
    window.dashboard.data_shown.connect(lambda: reads.append("dashboard"))
    with qtbot.waitSignal(window.tickets.data_shown, timeout=10_000):
        other.issue_ticket("B")
    assert reads == []  # the dashboard waits until it is shown again
    assert window.dashboard.stale
    with qtbot.waitSignal(window.dashboard.data_shown, timeout=10_000):
        click_tab(qtbot, window, "dashboard")


def test_english_is_one_click_away(qtbot: QtBot, make_admin: AdminFactory) -> None:
    window = make_admin()
    assert window.sign_in_page.title.text() == "Masuk admin antrean"
    switch_language(qtbot, window, "en")
    assert window.sign_in_page.title.text() == "Queue admin sign-in"
    sign_in(qtbot, window, SUPERVISOR)
    assert window.tabs.tabText(0) == "Today"
    assert window.dashboard.cards["issued"].caption.text() == "Tickets issued"
    switch_language(qtbot, window, "id")
    assert window.tabs.tabText(0) == "Hari ini"


def test_an_unreachable_database_is_said_and_retried(
    qtbot: QtBot, make_admin: AdminFactory, admin_url: str, admin_settings: Settings
) -> None:
    attempts: list[int] = []

    def flaky() -> AdminOffice:
        attempts.append(1)
        if len(attempts) < 3:
            raise DatabaseUnavailable("the office database cannot be reached")
        return Office.open(admin_url, settings=admin_settings)

    window = make_admin(open_office=flaky)
    qtbot.waitUntil(window.unavailable.isVisible, timeout=5_000)
    assert window.unavailable.text() == tr("admin.unavailable", "id")
    qtbot.waitUntil(lambda: not window.unavailable.isVisible(), timeout=10_000)
    sign_in(qtbot, window, SUPERVISOR)
