"""A supervisor's and an admin's day in the admin window, driven only by what a person
touches: from the sign-in page to the file written, the setting a running kiosk takes up,
the backup on disk and the audit rows shown. What was stored is read through a separate
Office on the same SQLite file; files are read back with csv, openpyxl and pdftotext.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.bootstrap import make_printer
from kiosk.config.settings import Settings, editable_document, settings_from_dict
from kiosk.domain.model import AuditQuery, TicketQuery, TicketStatus
from kiosk.office import Office
from kiosk.services.exports import TICKET_HEADERS
from kiosk.survey.export import LEAD_HEADERS
from kiosk.survey.recap import count_id, number_id
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.exports import Written
from kiosk.ui.admin.settings.pages import FormPage
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.i18n import tr
from kiosk.ui.lobby.host import KioskHost
from kiosk.ui.lobby.ports import KioskOffice
from kiosk.ui.lobby.window import KioskWindow
from tests.escpos_decode import decode
from tests.staff import admin_session

from . import test_admin_fixtures as fx
from .support import CALM
from .test_admin_fixtures import (
    ADMIN,
    OFFICER,
    SUPERVISOR,
    AdminFactory,
    SaveAs,
    click,
    click_row,
    open_section,
    pick,
    shown,
    sign_in,
    type_date,
    type_into,
)

# The shared fixtures, found by pytest under these names.
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other

FOOTER = "Terima kasih. Simpan slip ini sampai nomor Anda dipanggil."
NEW_FOOTER = "Sampai jumpa lagi"
NEW_NAME = "Kantor Imigrasi Kelas I Uji"


@pytest.fixture
def admin_settings(tmp_path: Path) -> Settings:
    """The built-in office, its kiosk printing previews (ESC/POS bytes beside each PNG)
    into tmp_path/slips: the same file settings for the admin window and the kiosk."""
    return settings_from_dict(
        {"printer": {"kind": "preview", "preview_dir": str(tmp_path / "slips")}}, "test"
    )


def exported(qtbot: QtBot, window: AdminWindow, button: QPushButton) -> Path:
    """Press an export's button; the test's chooser answers the save dialog."""
    with qtbot.waitSignal(window.exports.finished, timeout=30_000) as blocker:
        click(qtbot, button)
    result = blocker.args[0]
    assert isinstance(result, Written), result
    assert result.path.exists() and result.path.stat().st_size == result.size
    assert window.exports.status.text() == tr("admin.exports.written", "id", path=str(result.path))
    return result.path


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def xlsx_rows(path: Path, sheet: int = 0) -> list[list[object]]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [list(row) for row in book.worksheets[sheet].iter_rows(values_only=True)]


def pdf_text(path: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF"
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return out.stdout.decode("utf-8")


# -- signing in ------------------------------------------------------------------------------------
def test_a_supervisor_signs_in_and_the_sign_in_is_audited(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    before = other.reports.audit(AuditQuery(action="sign_in", actor="kasubsi"), 0, 200)
    window = make_admin()
    page = window.sign_in_page
    assert window.stack.currentWidget() is page  # the first screen
    click(qtbot, page.username)
    QTest.keyClicks(page.username, SUPERVISOR[0])
    click(qtbot, page.pin)
    QTest.keyClicks(page.pin, SUPERVISOR[1])
    assert page.pin.echoMode() is QLineEdit.EchoMode.Password
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        click(qtbot, page.submit_button)

    assert window.stack.currentWidget() is window.main
    assert window.current_tab() is window.dashboard and window.dashboard.isVisible()
    qtbot.waitUntil(lambda: window.dashboard.data is not None, timeout=10_000)
    issued = other.reports.day_summary(other.today()).totals.issued
    assert window.dashboard.figures()["issued"] == tx.count(issued, "id")
    assert "Kasubsi Demo" in window.user.text()
    after = other.reports.audit(AuditQuery(action="sign_in", actor="kasubsi"), 0, 200)
    assert len(after) == len(before) + 1
    assert after[0].detail["where"] == "admin"


# -- the three exports -----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_daily_survey_file_holds_each_response_of_the_day(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, tmp_path: Path, fmt: str
) -> None:
    today = other.today()
    walk_up = other.submit_survey(
        {f"U{i}": 4 for i in range(1, 10)},
        service="B",
        suggestion="Ruang tunggu sejuk dan bersih",
    )
    expected = other.survey.responses(today)
    assert len(expected) > 1 and any(r.id == walk_up.id for r in expected)
    save_as = SaveAs(tmp_path / "laporan" / "survei-hari-ini")  # no extension typed
    (tmp_path / "laporan").mkdir()
    window = make_admin(choose_save=save_as)
    sign_in(qtbot, window, SUPERVISOR)
    exports = shown(qtbot, window, "exports")
    assert exports is window.exports
    type_date(qtbot, window.exports.survey_day, today)
    pick(qtbot, window.exports.survey_format, fmt)
    path = exported(qtbot, window, window.exports.survey_save)

    assert path == tmp_path / "laporan" / f"survei-hari-ini.{fmt}"  # the format's extension
    title, suggested, name_filter = save_as.asked[0]
    assert suggested.name == f"survei-skm-{today.isoformat()}.{fmt}"
    assert f"*.{fmt}" in name_filter and title
    rows: list[list[object]] = (
        [list(r) for r in csv_rows(path)] if fmt == "csv" else xlsx_rows(path)
    )
    header, body = rows[0], rows[1:]
    codes = [e.code for e in other.survey.definition().elements]
    assert header[: len(LEAD_HEADERS)] == list(LEAD_HEADERS)
    assert header[len(LEAD_HEADERS) : -1] == codes
    assert len(body) == len(expected)
    ticket_col, service_col = header.index("Tiket"), header.index("Layanan")
    assert [r[ticket_col] or None for r in body] == [e.ticket_code for e in expected]
    for row, response in zip(body, expected, strict=True):
        answers = [row[header.index(c)] for c in codes]
        assert [int(str(a)) if a not in (None, "") else None for a in answers] == [
            response.answers.get(c) for c in codes
        ]
    mine = next(r for r, e in zip(body, expected, strict=True) if e.id == walk_up.id)
    assert str(mine[service_col]).startswith("B")
    assert mine[-1] == "Ruang tunggu sejuk dan bersih"


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_the_ikm_recap_of_one_service_says_its_figures(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, tmp_path: Path, fmt: str
) -> None:
    today = other.today()
    first = today.replace(day=1)
    expected = other.ikm(first, today, "A")
    assert expected.respondents > 0 and expected.ikm is not None
    window = make_admin(choose_save=SaveAs(tmp_path / f"rekap.{fmt}"))
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    exports = window.exports
    type_date(qtbot, exports.recap_from, first)
    type_date(qtbot, exports.recap_to, today)
    pick(qtbot, exports.recap_service, "A")
    pick(qtbot, exports.recap_format, fmt)
    path = exported(qtbot, window, exports.recap_save)

    if fmt == "pdf":
        assert path.read_bytes().startswith(b"%PDF-")
        lines = [ln.split() for ln in pdf_text(path).splitlines() if ln.strip()]
        text = " ".join(" ".join(ln) for ln in lines)
        assert other.settings.office.name in text
        assert "Layanan A (Paspor Baru)" in text  # the slice chosen
        # The key figures: a row of values above a row of their names.
        names = next(i for i, ln in enumerate(lines) if "(konversi)" in ln)
        assert " ".join(lines[names]).startswith("Jumlah responden Nilai IKM (konversi)")
        assert lines[names - 1][:3] == [
            count_id(expected.respondents), number_id(expected.ikm), expected.grade,
        ]  # fmt: skip
    else:
        rows = xlsx_rows(path)
        by_label = {str(r[0]): r[1:] for r in rows if r and isinstance(r[0], str)}
        ikm = next(v for k, v in by_label.items() if k.startswith("IKM unit pelayanan"))
        assert any(isinstance(x, float) and abs(x - expected.ikm) < 1e-9 for x in ikm)
        assert expected.respondents in by_label["Jumlah responden"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_tickets_file_lists_the_tickets_chosen(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, tmp_path: Path, fmt: str
) -> None:
    today = other.today()
    query = TicketQuery(today, today, service="A", status=TicketStatus.DONE)
    expected = other.reports.tickets(query, 0, 10_000)
    assert expected and len(expected) < other.reports.count_tickets(TicketQuery(today, today))
    window = make_admin(choose_save=SaveAs(tmp_path / f"tiket.{fmt}"))
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    exports = window.exports
    type_date(qtbot, exports.tickets_from, today)
    type_date(qtbot, exports.tickets_to, today)
    pick(qtbot, exports.tickets_service, "A")
    pick(qtbot, exports.tickets_status, "done")
    pick(qtbot, exports.tickets_format, fmt)
    path = exported(qtbot, window, exports.tickets_save)

    rows: list[list[object]] = (
        [list(r) for r in csv_rows(path)] if fmt == "csv" else xlsx_rows(path)
    )
    header, body = rows[0], rows[1:]
    assert header == list(TICKET_HEADERS)
    code, service = header.index("Nomor"), header.index("Layanan")
    assert sorted(str(r[code]) for r in body) == sorted(t.code for t in expected)
    assert {r[service] for r in body} == {"A"}  # a ticket moved into A keeps its code
    assert {r[header.index("Status")] for r in body} == {"done"}
    assert exports.bar.value() == exports.bar.maximum()


# -- a setting reaches a running kiosk -------------------------------------------------------------
@pytest.fixture
def kiosk(qtbot: QtBot, admin_url: str, admin_settings: Settings) -> Iterator[KioskHost]:
    """A kiosk in the lobby on the same database file, taking new settings up as it runs
    (rebuilt at a quiet moment, its printer too)."""

    def open_office() -> KioskOffice:
        return Office.open(admin_url, settings=admin_settings)

    def show(window: KioskWindow) -> None:
        window.resize(1366, 768)
        window.show()

    host = KioskHost(
        admin_settings, open_office, make_printer, show, timings=lambda s: CALM, check_ms=50
    )
    qtbot.waitUntil(lambda: host.window.controller.last_status is not None, timeout=10_000)
    yield host
    if isValid(host.window):
        host.window.unlock_and_close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def tap(qtbot: QtBot, widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_an_admin_saves_the_office_name_and_slip_footer_and_the_running_kiosk_prints_them(
    qtbot: QtBot,
    make_admin: AdminFactory,
    kiosk: KioskHost,
    other: Office,
    admin_settings: Settings,
) -> None:
    first = kiosk.window
    assert first.settings.office.name == admin_settings.office.name
    assert first.settings.printer.footer == FOOTER

    window = make_admin()
    sign_in(qtbot, window, ADMIN)
    shown(qtbot, window, "settings")
    office = open_section(qtbot, window, "office")
    assert isinstance(office, FormPage)
    name = office.widgets["name"]
    assert isinstance(name, QLineEdit)
    type_into(qtbot, name, NEW_NAME)
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, office.save)
    assert blocker.args == ["office"]

    printer = open_section(qtbot, window, "printer")
    assert isinstance(printer, FormPage)
    footer = printer.widgets["footer"]
    assert isinstance(footer, QLineEdit) and footer.text() == FOOTER
    type_into(qtbot, footer, NEW_FOOTER)
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, printer.save)
    assert blocker.args == ["printer"]
    assert printer.message.text() == tr("admin.settings.saved", "id")

    # The kiosk at rest on its home screen is rebuilt with both (once or twice).
    def taken_up() -> bool:
        s = kiosk.window.settings
        return s.office.name == NEW_NAME and s.printer.footer == NEW_FOOTER

    qtbot.waitUntil(taken_up, timeout=15_000)
    lobby = kiosk.window
    assert lobby is not first
    qtbot.waitUntil(lambda: lobby.controller.last_status is not None, timeout=10_000)
    assert lobby.top_bar.office.text() == NEW_NAME

    # An applicant takes a number: the slip printed says the new name and footer.
    qtbot.waitUntil(lambda: "A" in lobby.services.tiles, timeout=10_000)
    with qtbot.waitSignal(lobby.controller.slip_recorded, timeout=10_000):
        tap(qtbot, lobby.services.tiles["A"])
    code = lobby.confirmation.number.text()
    assert other.queue.get_ticket(code).slip_state == "printed"
    slips = list(Path(str(admin_settings.printer.preview_dir)).glob(f"*{code}.bin"))
    assert len(slips) == 1
    printed = " ".join(decode(slips[0].read_bytes()).texts())
    assert NEW_NAME in printed and code in printed
    assert NEW_FOOTER in printed and FOOTER not in printed
    entry = other.reports.audit(AuditQuery(action="settings_changed"), 0, 1)[0]
    assert entry.actor == "admin" and entry.detail["section"] == "printer"


def test_a_kiosk_made_with_older_settings_than_its_office_reads_takes_the_newer_up(
    qtbot: QtBot, admin_url: str, admin_settings: Settings, other: Office
) -> None:
    """The race the journey above met: the kiosk rebuilt for the first save, and the second
    save committed before the new window's office opened. The office then already has the
    newer settings, so no later reload reports a change; the window must compare."""
    document = editable_document(other.settings)
    other.update_settings(
        "office", {**document["office"], "name": NEW_NAME}, session=admin_session(other)
    )

    def open_office() -> KioskOffice:
        return Office.open(admin_url, settings=admin_settings)

    host = KioskHost(  # made with the file's settings, as a rebuild uses the older ones
        admin_settings, open_office, make_printer, lambda w: w.show(), timings=lambda s: CALM,
        check_ms=50,
    )  # fmt: skip
    try:
        assert host.window.settings.office.name != NEW_NAME
        qtbot.waitUntil(lambda: host.window.settings.office.name == NEW_NAME, timeout=10_000)
        qtbot.waitUntil(lambda: host.window.top_bar.office.text() == NEW_NAME, timeout=10_000)
    finally:
        if isValid(host.window):
            host.window.unlock_and_close()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- backing up ------------------------------------------------------------------------------------
def test_back_up_now_makes_a_sqlite_copy_that_opens_with_the_tickets(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, tmp_path: Path
) -> None:
    # No [backup] folder in the settings: "backups" beside the database file, where the
    # daily `kiosk db backup` of the PC's scheduler writes too.
    folder = tmp_path / "backups"
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "backup")
    backup = window.backup
    assert backup.folder.text() == str(folder)
    assert backup.now_button.isEnabled()
    with qtbot.waitSignal(backup.finished, timeout=30_000) as blocker:
        click(qtbot, backup.now_button)
    result = blocker.args[0]
    assert not isinstance(result, Exception), result

    files = list(folder.glob("kiosk-backup-*.db"))
    assert files == [result.path]
    with sqlite3.connect(f"file:{files[0]}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        copied = {row[0] for row in db.execute("SELECT id FROM tickets")}
    today = other.today()
    live = other.reports.tickets(TicketQuery(today, today), 0, 10_000)
    assert copied and {t.id for t in live} <= copied
    with Office.open(f"sqlite:///{files[0]}", upgrade=False) as copy:
        assert [t.code for t in copy.reports.tickets(TicketQuery(today, today), 0, 10_000)] == [
            t.code for t in live
        ]
    qtbot.waitUntil(lambda: backup.list.count() == 1, timeout=10_000)
    assert files[0].name in backup.list.item(0).text()
    assert files[0].name in backup.status.text()


# -- the audit log ---------------------------------------------------------------------------------
def test_the_audit_log_filtered_by_action_and_person_shows_those_rows(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    page = window.sign_in_page
    type_into(qtbot, page.username, OFFICER[0])  # an officer tries the admin window
    type_into(qtbot, page.pin, OFFICER[1])
    with qtbot.waitSignal(window.sign_in_refused, timeout=10_000):
        click(qtbot, page.submit_button)
    assert page.message.text() == tr("admin.signin.refused", "id")
    sign_in(qtbot, window, ADMIN)
    shown(qtbot, window, "audit")
    tab = window.audit
    model = tab.model
    actor_column = 2

    def shown_rows() -> list[tuple[str, str]]:
        return [
            (model.index(r, 1).data(), model.index(r, actor_column).data())
            for r in range(model.rowCount())
        ]

    pick(qtbot, tab.action, "sign_in_refused")
    refused_word = tx.action_word("sign_in_refused", "id")
    expected = other.reports.audit(tab.query(), 0, 200)
    assert expected and all(e.action == "sign_in_refused" for e in expected)
    qtbot.waitUntil(lambda: model.rows == expected, timeout=10_000)
    assert (refused_word, OFFICER[0]) in shown_rows()
    assert {action for action, _ in shown_rows()} == {refused_word}

    pick(qtbot, tab.action, "")  # all actions again, then one person typed
    click(qtbot, tab.actor)
    QTest.keyClicks(tab.actor, "Admin")
    QTest.keyClick(tab.actor, Qt.Key.Key_Return)
    assert tab.query().actor == "admin" and tab.query().action is None
    expected = other.reports.audit(tab.query(), 0, 200)
    qtbot.waitUntil(lambda: model.rows == expected, timeout=10_000)
    assert expected and {actor for _, actor in shown_rows()} == {"admin"}
    assert tx.action_word("sign_in", "id") in {action for action, _ in shown_rows()}
    assert tab.shown.text() == tr("admin.audit.shown", "id", n=tx.count(len(expected), "id"))

    click_row(qtbot, tab.view, 0)  # a row can be chosen to read it whole
    assert tab.view.currentIndex().row() == 0
