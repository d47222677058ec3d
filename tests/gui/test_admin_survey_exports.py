"""The survey tab's IKM against the facade's, and exports made in the window against the
files the CLI writes (run in a subprocess), cancelling, and the remembered folder."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.config.settings import Settings
from kiosk.domain.errors import KioskError
from kiosk.domain.model import TicketQuery
from kiosk.office import Office
from kiosk.services.exports import ExportService, ExportSettings
from kiosk.survey.model import SurveyFilter
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.exports import Written
from kiosk.ui.admin.ports import AdminOffice, ExportFormat, Progress
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.i18n import tr

from . import test_admin_fixtures as fx
from .test_admin_fixtures import (
    SUPERVISOR,
    AdminFactory,
    SaveAs,
    click,
    pick,
    shown,
    sign_in,
    type_date,
)

# The shared fixtures, found by pytest under these names.
admin_settings = fx.admin_settings
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other


def kiosk_cli(*args: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert proc.returncode == 0, proc.stderr


def cells(data: bytes) -> list[list[tuple[Any, ...]]]:
    """Every sheet's values; the "printed at" line (a clock time) left out."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    out = []
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(
                tuple(None if isinstance(v, str) and v.startswith("Dicetak ") else v for v in row)
            )
        out.append(rows)
    return out


def pdf_without_dates(data: bytes) -> bytes:
    data = re.sub(rb"/(CreationDate|ModDate) \([^)]*\)", b"", data)
    return re.sub(rb"/ID\s*\[[^\]]*\]", b"", data)


CODES_SKM = [f"U{i}" for i in range(1, 10)]


def exported(qtbot: QtBot, window: AdminWindow, button: QPushButton) -> Written | Exception:
    """Press an export's button (the save dialog is the test's chooser) and wait for the
    file, or the refusal."""
    with qtbot.waitSignal(window.exports.finished, timeout=30_000) as blocker:
        click(qtbot, button)
    result = blocker.args[0]
    assert isinstance(result, Written | Exception)
    return result


# -- the survey tab --------------------------------------------------------------------------------
def test_the_survey_tab_shows_the_office_ikm_for_the_period_and_slice(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    tab = shown(qtbot, window, "survey")
    today = other.today()
    expected = other.ikm(today.replace(day=1), today)
    assert expected.respondents > 0
    data = window.survey.data
    assert data is not None
    assert data.result == expected
    assert tab is window.survey
    assert window.survey.ikm_value.text() == tx.number(expected.ikm, "id")
    assert window.survey.ikm_grade.text() == expected.grade
    assert [e.nrr for e in window.survey.elements.rows] == [e.nrr for e in expected.elements]
    assert window.survey.chart.values == {e.code: e.nrr for e in expected.elements if e.nrr}
    sample = expected.sample
    assert sample is not None
    assert tx.count(sample.required, "id") in window.survey.sample.text()
    suggestions = other.survey.suggestions(today.replace(day=1), today)
    assert window.survey.suggestions.stringList() == suggestions[::-1]  # newest first
    profile = other.survey.profile(today.replace(day=1), today)
    assert sum(n for group, _v, n in window.survey.profile.rows if group == "gender") == sum(
        profile.gender.values()
    )

    # The arrow keys pass other choices on the way: wait for the last one's figures.
    def showing(expected: object) -> bool:
        return window.survey.data is not None and window.survey.data.result == expected

    pick(qtbot, window.survey.preset, "today")
    qtbot.waitUntil(lambda: showing(other.ikm(today, today)), timeout=10_000)

    pick(qtbot, window.survey.service, "A")
    pick(qtbot, window.survey.gender, "P")
    sliced = other.ikm(today, today, "A", where=SurveyFilter(gender="P"))
    qtbot.waitUntil(lambda: showing(sliced), timeout=10_000)
    assert window.survey.query().where.gender == "P"


# -- exports: the same files as the CLI ------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_daily_survey_export_is_the_clis_file(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, admin_url: str, tmp_path: Path, fmt: str
) -> None:
    mine = tmp_path / f"window.{fmt}"
    save_as = SaveAs(mine)
    window = make_admin(choose_save=save_as)
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    today = other.today()
    pick(qtbot, window.exports.survey_format, fmt)
    result = exported(qtbot, window, window.exports.survey_save)
    assert isinstance(result, Written) and result.path == mine
    assert save_as.asked[0][1].name == f"survei-skm-{today.isoformat()}.{fmt}"
    cli = tmp_path / f"cli.{fmt}"
    kiosk_cli(
        "export", "surveys", "--db", admin_url, "--date", today.isoformat(), "--out", str(cli)
    )
    if fmt == "csv":
        assert mine.read_bytes() == cli.read_bytes()
        assert mine.read_bytes().count(b"\r\n") == len(other.survey.responses(today)) + 1
    else:
        assert cells(mine.read_bytes()) == cells(cli.read_bytes())
    assert window.exports.status.text() == tr("admin.exports.written", "id", path=str(mine))


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_the_ikm_recap_is_the_clis_report(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, admin_url: str, tmp_path: Path, fmt: str
) -> None:
    mine = tmp_path / f"window.{fmt}"
    window = make_admin(choose_save=SaveAs(mine))
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    today = other.today()
    first = today.replace(day=1)
    exports = window.exports
    type_date(qtbot, exports.recap_from, first)
    type_date(qtbot, exports.recap_to, today)
    pick(qtbot, exports.recap_format, fmt)
    for _attempt in range(2):  # the report says the minute it was made: retry across one
        minute = dt.datetime.now().replace(second=0, microsecond=0)
        # A retry writes the same files again: gone first, or the window asks "Timpa?"
        # (a dialog the test cannot answer) and the CLI refuses an existing --out.
        cli = tmp_path / f"cli.{fmt}"
        mine.unlink(missing_ok=True)
        cli.unlink(missing_ok=True)
        result = exported(qtbot, window, exports.recap_save)
        assert isinstance(result, Written) and result.path == mine
        kiosk_cli(
            "report", "ikm", "--db", admin_url, "--from", first.isoformat(),
            "--to", today.isoformat(), "--format", fmt, "--out", str(cli),
        )  # fmt: skip
        if dt.datetime.now().replace(second=0, microsecond=0) == minute:
            break
    if fmt == "pdf":
        assert mine.read_bytes().startswith(b"%PDF-")
        assert pdf_without_dates(mine.read_bytes()) == pdf_without_dates(cli.read_bytes())
    else:
        assert cells(mine.read_bytes()) == cells(cli.read_bytes())


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_tickets_export_is_the_clis_file_with_progress(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, admin_url: str, tmp_path: Path, fmt: str
) -> None:
    mine = tmp_path / f"window.{fmt}"
    window = make_admin(choose_save=SaveAs(mine))
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    today = other.today()
    seen: list[tuple[int, int]] = []
    window.exports.progress.connect(lambda done, total: seen.append((done, total)))
    pick(qtbot, window.exports.tickets_format, fmt)
    result = exported(qtbot, window, window.exports.tickets_save)
    assert isinstance(result, Written) and result.path == mine
    cli = tmp_path / f"cli.{fmt}"
    day = today.isoformat()
    kiosk_cli("export", "tickets", "--db", admin_url, "--from", day, "--to", day, "--out", str(cli))
    if fmt == "csv":
        assert mine.read_bytes() == cli.read_bytes()
    else:
        assert cells(mine.read_bytes()) == cells(cli.read_bytes())
    total = other.reports.count_tickets(TicketQuery(today, today))
    assert seen[0] == (0, total) and seen[-1] == (total, total)


class GatedExports(ExportService):
    """The office's real exports, but each waits at its first step until the gate opens."""

    def __init__(self, office: Office, gated: GatedOffice) -> None:
        def settings() -> ExportSettings:
            return ExportSettings(office.settings.office.name, office.settings.timezone)

        super().__init__(office.queue, office.survey, office.reports, settings)
        self._gated = gated

    def tickets(
        self, query: TicketQuery, fmt: ExportFormat, progress: Progress | None = None
    ) -> bytes:
        assert progress is not None

        def slow(done: int, total: int) -> bool:
            self._gated.started.set()
            self._gated.gate.wait(10)
            return progress(done, total)

        return super().tickets(query, fmt, slow)

    def survey_day(self, day: dt.date, fmt: ExportFormat, survey: str = "skm") -> bytes:
        self._gated.started.set()
        self._gated.gate.wait(10)
        return super().survey_day(day, fmt, survey)


class GatedOffice:
    """The real office, but an export waits at its first step until the test opens the gate
    (so a cancel is pressed while it runs, whatever the machine's speed)."""

    def __init__(self, office: Office) -> None:
        self._office = office
        self.gate = threading.Event()
        self.started = threading.Event()
        self.exports = GatedExports(office, self)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._office, name)


@pytest.mark.parametrize("which", ["tickets", "survey_day"])
def test_a_cancelled_export_leaves_no_file(
    qtbot: QtBot,
    make_admin: AdminFactory,
    admin_url: str,
    admin_settings: Settings,
    tmp_path: Path,
    which: str,
) -> None:
    gated: list[GatedOffice] = []

    def open_office() -> AdminOffice:
        gated.append(GatedOffice(Office.open(admin_url, settings=admin_settings)))
        return gated[-1]

    out = tmp_path / "exports"
    out.mkdir()
    target = out / "tickets.csv"
    window = make_admin(open_office=open_office, choose_save=SaveAs(target))
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    start = window.exports.tickets_save if which == "tickets" else window.exports.survey_save
    with qtbot.waitSignal(window.exports.finished, timeout=30_000) as blocker:
        click(qtbot, start)
        assert window.exports.cancel_button.isEnabled()
        assert not window.exports.tickets_save.isEnabled()  # one export at a time
        qtbot.waitUntil(gated[0].started.is_set, timeout=10_000)
        click(qtbot, window.exports.cancel_button)
        gated[0].gate.set()
    assert isinstance(blocker.args[0], KioskError)
    assert list(out.iterdir()) == []  # no file, no temporary file
    assert window.exports.status.text() == tr("admin.exports.cancelled", "id")
    assert window.exports.tickets_save.isEnabled()


def test_the_save_dialog_starts_in_the_last_folder(
    qtbot: QtBot, make_admin: AdminFactory, tmp_path: Path
) -> None:
    asked: list[Path] = []
    chosen = tmp_path / "laporan"
    chosen.mkdir()

    def choose_save(_parent: object, _title: str, suggested: Path, _filter: str) -> Path:
        asked.append(suggested)
        return chosen / suggested.name

    prefs = QSettings(str(tmp_path / "admin.ini"), QSettings.Format.IniFormat)
    window = make_admin(choose_save=choose_save, prefs=prefs)
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    first = exported(qtbot, window, window.exports.tickets_save)
    assert isinstance(first, Written) and first.path.parent == chosen
    assert first.path.name.startswith("tiket-") and first.path.suffix == ".csv"
    second = exported(qtbot, window, window.exports.survey_save)
    assert isinstance(second, Written)
    assert asked[1].parent == chosen  # the second dialog opened where the first saved
    assert Path(str(QSettings(str(tmp_path / "admin.ini"), QSettings.Format.IniFormat).value(
        "exports/folder"))) == chosen  # fmt: skip


# -- never over a file without a yes, never over the office's own files -------------------------
class Answer:
    """The "replace it?" question, answered by the test; records what was asked."""

    def __init__(self, replace: bool) -> None:
        self.replace = replace
        self.asked: list[tuple[str, str, str, str]] = []

    def __call__(self, _parent: object, title: str, question: str, yes: str, no: str) -> bool:
        self.asked.append((title, question, yes, no))
        return self.replace


@pytest.mark.parametrize("replace", [False, True])
def test_an_existing_file_is_replaced_only_after_a_yes(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, tmp_path: Path, replace: bool
) -> None:
    target = tmp_path / "laporan.csv"
    old = b"the supervisor's own notes\r\n"
    target.write_bytes(old)
    answer = Answer(replace)
    # Typed without the extension: the question is about the file that would be written.
    window = make_admin(choose_save=SaveAs(tmp_path / "laporan"), confirm_replace=answer)
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    pick(qtbot, window.exports.survey_format, "csv")
    result = exported(qtbot, window, window.exports.survey_save)
    ((title, question, yes, no),) = answer.asked
    assert (title, yes, no) == ("Berkas sudah ada", "Timpa", "Jangan timpa")
    assert question == f"{target} sudah ada. Timpa dengan ekspor ini?"
    if replace:
        assert isinstance(result, Written) and result.path == target
        assert target.read_bytes() == other.exports.survey_day(other.today(), "csv")
    else:
        assert isinstance(result, KioskError)
        assert target.read_bytes() == old  # byte for byte
        assert window.exports.status.text() == tr("admin.exports.kept", "id", path=str(target))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".laporan")) == []
    assert window.exports.survey_save.isEnabled()


@pytest.mark.parametrize("side", ["", "-wal"])
def test_the_offices_database_is_never_an_export_target(
    qtbot: QtBot, make_admin: AdminFactory, admin_url: str, side: str
) -> None:
    database = Path(admin_url.removeprefix("sqlite:///"))
    target = database.with_name(database.name + side)
    target.touch()
    before = database.read_bytes()
    answer = Answer(True)  # even a yes could not: the question is never asked
    window = make_admin(choose_save=SaveAs(target), confirm_replace=answer)
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    pick(qtbot, window.exports.tickets_format, "csv")
    result = exported(qtbot, window, window.exports.tickets_save)
    assert isinstance(result, KioskError)
    assert answer.asked == []
    assert database.read_bytes() == before
    refused = tr("admin.exports.refused.own", "id", path=str(target))
    assert window.exports.status.text() == tr("admin.exports.failed", "id", message=refused)


def test_the_survey_tab_says_the_sample_check_does_not_apply_when_nobody_was_served(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    # a paper form of last month, when the queue (one demo day: today) served nobody
    last_month = other.today().replace(day=1) - dt.timedelta(days=1)
    other.submit_survey(
        dict.fromkeys(CODES_SKM, 4), at=dt.datetime.combine(last_month, dt.time(9, 0))
    )
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    tab = shown(qtbot, window, "survey")
    assert tab is window.survey
    with qtbot.waitSignal(window.survey.data_shown, timeout=10_000):
        pick(qtbot, window.survey.preset, "last_month")
    data = window.survey.data
    assert data is not None and data.result.respondents == 1
    assert data.result.sample is not None and data.result.sample.met is None
    assert window.survey.sample.text() == tr("admin.survey.sample_na", "id")
