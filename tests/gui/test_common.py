"""The shared window parts: worker, change-feed bridge, translations, texts, styles."""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.config.settings import settings_from_dict
from kiosk.domain import dates
from kiosk.domain.errors import ExitPinRefused, QuotaReached, ServiceClosed
from kiosk.domain.model import OpeningHours, Service, ServiceQueue, TimeRange
from kiosk.ui.common import i18n, style
from kiosk.ui.common.changes import ChangeWatcher
from kiosk.ui.common.widgets import FitLabel
from kiosk.ui.common.worker import Worker
from kiosk.ui.lobby import texts
from kiosk.ui.lobby.pinpad import PinPad

JAKARTA = ZoneInfo("Asia/Jakarta")


# -- worker ------------------------------------------------------------------------------
def test_worker_runs_jobs_in_order_off_the_gui_thread(qtbot: QtBot) -> None:
    worker = Worker("test")
    ran_on: list[str] = []
    results: list[int] = []
    delivered_on: list[str] = []

    def job(n: int) -> int:
        ran_on.append(threading.current_thread().name)
        return n * n

    def done(value: int) -> None:
        results.append(value)
        delivered_on.append(threading.current_thread().name)

    for n in range(5):
        worker.submit(functools.partial(job, n), done)
    assert worker.pending == 5
    with qtbot.waitSignal(worker.busy_changed, check_params_cb=lambda busy: not busy):
        pass
    assert results == [0, 1, 4, 9, 16]
    assert set(ran_on) == {"kiosk-test"}
    assert set(delivered_on) == {threading.main_thread().name}
    assert worker.pending == 0
    assert worker.stop()


def test_worker_reports_errors_to_the_caller(qtbot: QtBot) -> None:
    worker = Worker("test")
    errors: list[Exception] = []

    def boom() -> None:
        raise QuotaReached("A", 10)

    with qtbot.waitSignal(worker.busy_changed, check_params_cb=lambda busy: not busy):
        worker.submit(boom, on_error=errors.append)
    assert len(errors) == 1
    assert isinstance(errors[0], QuotaReached)
    assert worker.stop()


def test_a_stuck_worker_does_not_keep_stop_waiting() -> None:
    worker = Worker("stuck")
    release = threading.Event()
    worker.submit(lambda: release.wait(10))
    assert not worker.stop(timeout=0.1)
    release.set()
    assert worker.stop(timeout=5)


# -- change feed bridge --------------------------------------------------------------------
class FakeFeed:
    def __init__(self) -> None:
        self.changes = threading.Semaphore(0)
        self.closed = threading.Event()

    def wait(self, timeout: float) -> bool:
        return self.changes.acquire(timeout=timeout)

    def close(self) -> None:
        self.closed.set()


def test_change_watcher_turns_the_feed_into_a_signal(qtbot: QtBot) -> None:
    feed = FakeFeed()
    watcher = ChangeWatcher(lambda: feed, slice_seconds=0.05)
    watcher.start()
    try:
        with qtbot.waitSignal(watcher.changed, timeout=3000):
            feed.changes.release()
    finally:
        watcher.stop()
    assert watcher.isFinished()
    assert feed.closed.is_set()


def test_change_watcher_retries_a_feed_that_cannot_open(qtbot: QtBot) -> None:
    feed = FakeFeed()
    attempts: list[int] = []

    def open_feed() -> FakeFeed:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("database not there yet")
        return feed

    watcher = ChangeWatcher(open_feed, slice_seconds=0.05, retry_seconds=0.1)
    try:
        with qtbot.waitSignal(watcher.failed, timeout=3000):
            watcher.start()
        with qtbot.waitSignal(watcher.changed, timeout=3000):
            feed.changes.release()
    finally:
        watcher.stop()
    assert len(attempts) == 2


# -- translations -------------------------------------------------------------------------
def test_every_string_exists_in_both_languages_with_the_same_placeholders() -> None:
    fields = string.Formatter()
    for key, (id_text, en_text) in i18n.CATALOG.items():
        assert id_text.strip() and en_text.strip(), key
        id_fields = {f for _, f, _, _ in fields.parse(id_text) if f}
        en_fields = {f for _, f, _, _ in fields.parse(en_text) if f}
        assert id_fields == en_fields, key


def test_dates_and_durations_read_naturally() -> None:
    day = dt.date(2025, 8, 17)
    assert dates.long_date(day, "id") == "Minggu, 17 Agustus 2025"
    assert dates.long_date(day, "en") == "Sunday, 17 August 2025"
    assert i18n.duration(25 * 60, "id") == "25 menit"
    assert i18n.duration(61, "id") == "2 menit"  # rounded up: never promise too little
    assert i18n.duration(65 * 60, "id") == "1 jam 5 menit"
    assert i18n.duration(120 * 60, "en") == "2 h"
    assert dates.time_of_day(dt.time(13, 30), "id") == "13.30"
    assert dates.time_of_day(dt.time(13, 30), "en") == "13:30"


# -- what a tile says ------------------------------------------------------------------------
def _queue(service: Service, *, waiting: int = 0, open_now: bool = True, left: int | None = None):
    return ServiceQueue(
        service=service,
        waiting=waiting,
        priority_waiting=0,
        issued_today=0,
        estimated_wait_seconds=waiting * 300,
        open_now=open_now,
        quota_left=left,
    )


def _hours_today(*ranges: tuple[int, int]) -> OpeningHours:
    today = tuple(TimeRange(dt.time(a), dt.time(b)) for a, b in ranges)
    return OpeningHours(tuple(today if d == 0 else () for d in range(7)))  # Mondays only


MONDAY_NOON = dt.datetime(2025, 8, 18, 12, 0, tzinfo=JAKARTA)


@pytest.mark.parametrize(
    ("hours", "lang", "expected"),
    [
        (_hours_today((8, 11), (13, 15)), "id", "Tutup · buka pukul 13.00"),
        (_hours_today((8, 11), (13, 15)), "en", "Closed · opens at 13:00"),
        (_hours_today((8, 11)), "id", "Layanan hari ini sudah tutup"),
        (_hours_today(), "en", "Closed today"),
    ],
)
def test_a_closed_tile_says_when_it_opens(hours: OpeningHours, lang: str, expected: str) -> None:
    service = Service("A", "Paspor Baru", "New Passport", hours=hours)
    text = texts.tile_text(_queue(service, open_now=False), MONDAY_NOON, lang)
    assert not text.available
    assert text.reason == expected


def test_tile_texts_for_open_full_and_inactive_services() -> None:
    open_ = texts.tile_text(
        _queue(Service("A", "Paspor Baru", "New"), waiting=3), MONDAY_NOON, "id"
    )
    assert (open_.available, open_.waiting, open_.wait) == (True, "3 menunggu", "sekitar 15 menit")
    empty = texts.tile_text(_queue(Service("A", "Paspor Baru", "New")), MONDAY_NOON, "en")
    assert (empty.waiting, empty.wait) == ("No one waiting", "")
    full = texts.tile_text(_queue(Service("A", "x", "y", daily_quota=5), left=0), MONDAY_NOON, "id")
    assert full.reason == "Kuota hari ini sudah habis"
    low = texts.tile_text(_queue(Service("A", "x", "y", daily_quota=50), left=4), MONDAY_NOON, "id")
    assert low.available and low.note == "sisa kuota 4"
    off = Service("A", "x", "y", active=False)
    assert texts.tile_text(_queue(off, open_now=False), MONDAY_NOON, "en").reason == (
        "Not available at the moment"
    )


def test_refusals_become_tile_reasons() -> None:
    service = Service("A", "Paspor Baru", "New Passport", hours=_hours_today((13, 15)))
    assert texts.refused_reason(QuotaReached("A", 5), service, MONDAY_NOON, "en") == (
        "Today's quota is used up"
    )
    closed = ServiceClosed("A", "mon 13:00-15:00")
    assert texts.refused_reason(closed, service, MONDAY_NOON, "id") == "Tutup · buka pukul 13.00"


def test_only_the_configured_services_are_offered_in_their_order(tmp_path: Path) -> None:
    settings = settings_from_dict(
        {
            "services": [
                {"code": "B", "name_id": "b", "name_en": "b"},
                {"code": "A", "name_id": "a", "name_en": "a"},
            ]
        }
    )
    queues = tuple(_queue(Service(c, c, c)) for c in ("A", "B", "Z"))  # Z: dropped from the file
    assert [q.service.code for q in texts.visible_queues(queues, settings)] == ["B", "A"]


# -- styles ----------------------------------------------------------------------------------
def test_the_style_sheet_is_found_and_scales() -> None:
    assert style.resources_dir() is not None
    qss = style.load_qss("kiosk")
    assert "#ServiceTile" in qss
    assert style.scaled_qss("a { font-size: 40px; border: 0px; margin: 3px }", 0.5) == (
        "a { font-size: 20px; border: 0px; margin: 2px }"
    )
    assert style.scale_for(1366, 768) == pytest.approx(0.711, abs=0.001)
    # Every button sized in the sheet keeps 90 px at 1366x768.
    for selector, height in re.findall(r"#(\w+)[^{]*\{[^}]*?min-height: (\d+)px", qss):
        if "Button" in selector or selector in {"PinKey", "LanguageChoice", "ServiceTile"}:
            assert round(int(height) * style.scale_for(1366, 768)) >= 90, selector


def test_a_missing_style_sheet_gives_a_plain_window(caplog: pytest.LogCaptureFixture) -> None:
    assert style.load_qss("no-such-sheet") == ""


# -- widgets ---------------------------------------------------------------------------------
def test_fit_label_shrinks_long_text_to_its_width(qtbot: QtBot) -> None:
    label = FitLabel("A-001")
    qtbot.addWidget(label)
    label.setStyleSheet("font-size: 200px;")
    label.ensurePolished()
    label.resize(2000, 400)
    assert label.fitted_font().pixelSize() == 200
    label.resize(200, 400)
    assert 0 < label.fitted_font().pixelSize() < 100


def test_pin_pad_takes_keys_and_refuses_a_wrong_pin(qtbot: QtBot) -> None:
    host = QWidget()  # the pad lives inside the kiosk window
    qtbot.addWidget(host)
    host.resize(1366, 768)
    host.show()
    pad = PinPad(host)
    pad.open_pad("en")
    assert pad.geometry() == host.rect()
    # The pad only collects digits; the office answers (here the test, as the window would).
    with qtbot.waitSignal(pad.submitted) as typed:
        QTest.keyClicks(pad, "1234")
        QTest.keyClick(pad, Qt.Key.Key_Return)
    assert typed.args == ["1234"]
    assert pad.busy and pad.message.text() == "Checking the PIN..."
    QTest.keyClicks(pad, "99")  # while the office checks, nothing more is taken
    with qtbot.waitSignal(pad.refused):
        pad.answer(ExitPinRefused())
    assert pad.message.text() == "Wrong PIN. Try again."
    QTest.keyClicks(pad, "2468109")
    QTest.keyClick(pad, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(pad.submitted) as typed:
        QTest.keyClick(pad, Qt.Key.Key_Enter)
    assert typed.args == ["246810"]
    with qtbot.waitSignal(pad.accepted):
        pad.answer(None)
    assert not pad.isVisible()
