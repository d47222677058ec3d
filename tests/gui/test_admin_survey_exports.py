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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from kiosk.config.settings import Settings
from kiosk.domain.errors import KioskError
from kiosk.domain.model import TicketQuery
from kiosk.office import Office
from kiosk.survey.model import SurveyFilter
from kiosk.ui.admin import texts as tx
from kiosk.ui.admin.chrome import to_qdate
from kiosk.ui.admin.exports import Written
from kiosk.ui.admin.ports import AdminOffice, ExportFormat, Progress
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.i18n import tr

from . import test_admin_fixtures as fx
from .test_admin_fixtures import (
    SUPERVISOR,
    AdminFactory,
    shown,
    sign_in,
)

# The shared fixtures, found by pytest under these names.
admin_settings = fx.admin_settings
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


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


def exported(qtbot: QtBot, window: AdminWindow, start: Callable[[], bool]) -> Written | Exception:
    with qtbot.waitSignal(window.exports.finished, timeout=30_000) as blocker:
        assert start()
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
    suggestions = other.suggestions(today.replace(day=1), today)
    assert window.survey.suggestions.stringList() == suggestions[::-1]  # newest first
    profile = other.survey_profile(today.replace(day=1), today)
    assert sum(n for group, _v, n in window.survey.profile.rows if group == "gender") == sum(
        profile.gender.values()
    )

    with qtbot.waitSignal(window.survey.data_shown, timeout=10_000):
        choose(window.survey.preset, "today")
    assert window.survey.data is not None
    assert window.survey.data.result == other.ikm(today, today)

    with qtbot.waitSignal(window.survey.data_shown, timeout=10_000):
        choose(window.survey.service, "A")
    with qtbot.waitSignal(window.survey.data_shown, timeout=10_000):
        choose(window.survey.gender, "P")
    sliced = other.ikm(today, today, "A", where=SurveyFilter(gender="P"))
    assert window.survey.data.result == sliced
    assert window.survey.query().where.gender == "P"


# -- exports: the same files as the CLI ------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_daily_survey_export_is_the_clis_file(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, admin_url: str, tmp_path: Path, fmt: str
) -> None:
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    today = other.today()
    mine = tmp_path / f"window.{fmt}"
    choose(window.exports.survey_format, fmt)
    result = exported(qtbot, window, lambda: window.exports.export_survey_day(mine))
    assert isinstance(result, Written) and result.path == mine
    cli = tmp_path / f"cli.{fmt}"
    kiosk_cli(
        "export", "surveys", "--db", admin_url, "--date", today.isoformat(), "--out", str(cli)
    )
    if fmt == "csv":
        assert mine.read_bytes() == cli.read_bytes()
        assert mine.read_bytes().count(b"\r\n") == len(other.survey_responses(today)) + 1
    else:
        assert cells(mine.read_bytes()) == cells(cli.read_bytes())
    assert window.exports.status.text() == tr("admin.exports.written", "id", path=str(mine))


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_the_ikm_recap_is_the_clis_report(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, admin_url: str, tmp_path: Path, fmt: str
) -> None:
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    today = other.today()
    first = today.replace(day=1)
    exports = window.exports
    exports.recap_from.setDate(to_qdate(first))
    exports.recap_to.setDate(to_qdate(today))
    choose(exports.recap_format, fmt)
    for _attempt in range(2):  # the report says the minute it was made: retry across one
        minute = dt.datetime.now().replace(second=0, microsecond=0)
        mine = tmp_path / f"window.{fmt}"
        result = exported(qtbot, window, lambda: exports.export_recap(mine))  # noqa: B023
        assert isinstance(result, Written)
        cli = tmp_path / f"cli.{fmt}"
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
    window = make_admin()
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    today = other.today()
    seen: list[tuple[int, int]] = []
    window.exports.progress.connect(lambda done, total: seen.append((done, total)))
    choose(window.exports.tickets_format, fmt)
    mine = tmp_path / f"window.{fmt}"
    result = exported(qtbot, window, lambda: window.exports.export_tickets(mine))
    assert isinstance(result, Written)
    cli = tmp_path / f"cli.{fmt}"
    day = today.isoformat()
    kiosk_cli("export", "tickets", "--db", admin_url, "--from", day, "--to", day, "--out", str(cli))
    if fmt == "csv":
        assert mine.read_bytes() == cli.read_bytes()
    else:
        assert cells(mine.read_bytes()) == cells(cli.read_bytes())
    total = other.count_tickets(TicketQuery(today, today))
    assert seen[0] == (0, total) and seen[-1] == (total, total)


class GatedOffice:
    """The real office, but an export waits at its first step until the test opens the gate
    (so a cancel is pressed while it runs, whatever the machine's speed)."""

    def __init__(self, office: Office) -> None:
        self._office = office
        self.gate = threading.Event()
        self.started = threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._office, name)

    def export_tickets(
        self, query: TicketQuery, fmt: ExportFormat, progress: Progress | None = None
    ) -> bytes:
        assert progress is not None

        def slow(done: int, total: int) -> bool:
            self.started.set()
            self.gate.wait(10)
            return progress(done, total)

        return self._office.export_tickets(query, fmt, slow)

    def export_survey_day(self, day: dt.date, fmt: ExportFormat, survey: str = "skm") -> bytes:
        self.started.set()
        self.gate.wait(10)
        return self._office.export_survey_day(day, fmt, survey)


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

    window = make_admin(open_office=open_office)
    sign_in(qtbot, window, SUPERVISOR)
    shown(qtbot, window, "exports")
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "tickets.csv"
    start = (
        window.exports.export_tickets if which == "tickets" else window.exports.export_survey_day
    )
    with qtbot.waitSignal(window.exports.finished, timeout=30_000) as blocker:
        assert start(target)
        assert window.exports.cancel_button.isEnabled()
        assert not window.exports.tickets_save.isEnabled()  # one export at a time
        qtbot.waitUntil(gated[0].started.is_set, timeout=10_000)
        window.exports.cancel_button.click()
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
    first = exported(qtbot, window, window.exports.export_tickets)
    assert isinstance(first, Written) and first.path.parent == chosen
    assert first.path.name.startswith("tiket-") and first.path.suffix == ".csv"
    second = exported(qtbot, window, window.exports.export_survey_day)
    assert isinstance(second, Written)
    assert asked[1].parent == chosen  # the second dialog opened where the first saved
    assert Path(str(QSettings(str(tmp_path / "admin.ini"), QSettings.Format.IniFormat).value(
        "exports/folder"))) == chosen  # fmt: skip
