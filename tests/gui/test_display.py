"""The lobby board under pytest-qt, offscreen, against real SQLite files (and PostgreSQL when
KIOSK_TEST_POSTGRES_URL is set): calls from other processes appear and are announced one
after the other, in order, none cut short; history is shown, never announced.

Announcing runs with short timings; the chime is off and the voice is silent unless a test
says otherwise (Qt's "mock" text-to-speech engine stands in for a real voice).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.config.settings import Settings, editable_document, load_settings
from kiosk.domain.errors import DatabaseUnavailable
from kiosk.office import Office
from kiosk.ui.common.i18n import tr
from kiosk.ui.display.announcer import AnnounceTimings
from kiosk.ui.display.board import Announcement, Sentence
from kiosk.ui.display.controller import BoardTimings
from kiosk.ui.display.ports import DisplayOffice
from kiosk.ui.display.sound import Chime, QtVoice, SoundChime, Voice, make_chime
from kiosk.ui.display.window import DisplayTimings, DisplayWindow
from tests.staff import admin_session

SLOW = 60_000
HOLD_MS = 400  # without a voice the sentences stay this long (shared by the languages)
READ_MS = 250  # but each at least this long
TIMINGS = DisplayTimings(
    board=BoardTimings(refresh_ms=SLOW, retry_ms=100),
    announce=AnnounceTimings(
        hold_ms=HOLD_MS,
        read_ms=READ_MS,
        gap_ms=60,
        pause_ms=20,
        speech_base_ms=8000,
        speech_per_char_ms=50,
    ),
    flash_ms=300,
    heading_ms=SLOW,
)

CONFIG = """
[office]
name = "Kantor Imigrasi Uji"
timezone = "Asia/Jakarta"

[[services]]
code = "A"
name_id = "Paspor Baru"
name_en = "New Passport"

[[services]]
code = "B"
name_id = "Penggantian Paspor"
name_en = "Passport Replacement"

[[counters]]
number = 1
services = ["A", "B"]

[[counters]]
number = 2
services = ["A", "B"]

[[counters]]
number = 3
name = "Loket Prioritas"
services = ["A", "B"]

[printer]
kind = "none"

[display]
chime = false
voice = false
languages = ["id"]
running_text = "Selamat datang di kantor imigrasi uji."
"""


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def settings(config_file: Path) -> Settings:
    return load_settings(config_file)


def with_display(settings: Settings, **changes: object) -> Settings:
    return settings.model_copy(update={"display": settings.display.model_copy(update=changes)})


@dataclass
class Log:
    """What the announcer did, with the time of each step."""

    steps: list[tuple[str, str, float]] = field(default_factory=list)  # kind, code, when
    sentences: list[Sentence] = field(default_factory=list)

    def started(self, a: Announcement) -> None:
        self.steps.append(("start", a.call.code, time.monotonic()))

    def finished(self, a: Announcement) -> None:
        self.steps.append(("end", a.call.code, time.monotonic()))

    def codes(self, kind: str) -> list[str]:
        return [code for k, code, _ in self.steps if k == kind]


BoardFactory = Callable[..., tuple[DisplayWindow, Log]]


@pytest.fixture
def make_board(qtbot: QtBot, settings: Settings) -> Iterator[BoardFactory]:
    windows: list[DisplayWindow] = []

    def make(
        url: str,
        *,
        settings_: Settings | None = None,
        voice: Voice | None = None,
        open_office: Callable[[], DisplayOffice] | None = None,
        wait_ready: bool = True,
        timings: DisplayTimings = TIMINGS,
    ) -> tuple[DisplayWindow, Log]:
        s = settings_ or settings

        def default_open() -> DisplayOffice:
            return Office.open(url, settings=s)

        window = DisplayWindow(
            s,
            open_office or default_open,
            timings=timings,
            voice=voice if voice is not None else Voice(),
            chime=Chime(0),
        )
        windows.append(window)
        log = Log()
        window.announcer.announcement_started.connect(log.started)
        window.announcer.announcement_finished.connect(log.finished)
        window.announcer.sentence_started.connect(log.sentences.append)
        window.resize(1366, 768)
        if wait_ready:
            # Ready: read once, and the change feed is open (every commit now wakes it).
            with qtbot.waitSignal(window.controller.feed_opened, timeout=10_000):
                window.show()
            qtbot.waitUntil(lambda: window.controller.last is not None)
        else:
            window.show()
        qtbot.waitExposed(window)
        return window, log

    yield make
    for window in windows:
        if isValid(window):
            window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def office(sqlite_url: str, settings: Settings) -> Iterator[Office]:
    with Office.open(sqlite_url, settings=settings) as o:
        yield o


def kiosk_cli(url: str, config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_CONFIG": str(config)}
    env.pop("KIOSK_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", url, "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=True,
    )


def assert_one_at_a_time(log: Log, hold_ms: int = HOLD_MS) -> None:
    """Starts and ends alternate (no overlap), each announcement lasted at least its hold
    (nothing was cut short), and each one ended with the code it started with."""
    kinds = [k for k, _, _ in log.steps]
    assert kinds == ["start", "end"] * (len(kinds) // 2), kinds
    for (_, code_a, t_a), (_, code_b, t_b) in zip(log.steps[::2], log.steps[1::2], strict=True):
        assert code_a == code_b
        assert (t_b - t_a) * 1000 >= hold_ms * 0.9


# -- propagation ----------------------------------------------------------------------------
def test_a_call_made_by_another_process_appears_and_is_announced(
    qtbot: QtBot,
    make_board: BoardFactory,
    office: Office,
    sqlite_url: str,
    config_file: Path,
    settings: Settings,
) -> None:
    ticket = office.issue_ticket("A")
    window, log = make_board(sqlite_url)
    assert window.tiles.tiles[1].code.text() == "—"
    assert [c.text() for c in (window.hero.code,)] == ["—"]

    with qtbot.waitSignal(window.announcer.announcement_started, timeout=10_000) as started:
        kiosk_cli(sqlite_url, config_file, "ticket", "call-next", "--counter", "1")
    announced: Announcement = started.args[0]
    assert announced.call.code == ticket.code == "A-001"
    assert window.tiles.tiles[1].code.text() == "A-001"
    assert window.tiles.tiles[1].flasher.active
    assert window.hero.code.text() == "A-001"
    assert window.hero.counter.text() == "Loket 1"
    assert window.calls.rows[0][0].text() == "A-001"
    assert window.calls.rows[0][1].text() == "Loket 1"
    assert [s.text for s in announced.sentences] == [
        "Nomor antrean A satu, silakan menuju loket satu."
    ]
    qtbot.waitUntil(lambda: log.codes("end") == ["A-001"], timeout=5000)
    qtbot.waitUntil(lambda: not window.tiles.tiles[1].flasher.active, timeout=5000)


def test_waiting_counts_follow_tickets_issued_elsewhere(
    qtbot: QtBot, make_board: BoardFactory, office: Office, sqlite_url: str
) -> None:
    window, _ = make_board(sqlite_url)
    chips = {name.text(): count for _, name, count in window.waiting.chips}
    assert chips["Paspor Baru"].text() == "0"
    office.issue_ticket("A")
    office.issue_ticket("A")
    office.issue_ticket("B")
    qtbot.waitUntil(lambda: chips["Paspor Baru"].text() == "2", timeout=5000)
    qtbot.waitUntil(lambda: chips["Penggantian Paspor"].text() == "1", timeout=5000)


@pytest.mark.postgres
def test_a_call_from_another_process_on_postgresql(
    qtbot: QtBot, make_board: BoardFactory, postgres_url: str, config_file: Path, settings: Settings
) -> None:
    with Office.open(postgres_url, settings=settings) as office:
        office.issue_ticket("B")
        window, log = make_board(postgres_url)
        with qtbot.waitSignal(window.announcer.announcement_started, timeout=10_000):
            kiosk_cli(postgres_url, config_file, "ticket", "call-next", "--counter", "2")
        assert log.codes("start") == ["B-001"]
        assert window.tiles.tiles[2].code.text() == "B-001"


# -- announcing -----------------------------------------------------------------------------
def test_three_quick_calls_are_announced_in_order_none_cut_short(
    qtbot: QtBot, make_board: BoardFactory, office: Office, sqlite_url: str
) -> None:
    for _ in range(5):
        office.issue_ticket("A")
    window, log = make_board(sqlite_url)

    office.call_next(1)
    office.call_next(2)
    office.call_next(3)
    # A fourth arrives while the first is still being announced: it waits its turn.
    qtbot.waitUntil(lambda: log.codes("start") == ["A-001"], timeout=5000)
    assert window.announcer.current is not None
    office.call_next(1)

    qtbot.waitUntil(lambda: len(log.codes("end")) == 4, timeout=15_000)
    assert log.codes("start") == ["A-001", "A-002", "A-003", "A-004"]
    assert log.codes("end") == ["A-001", "A-002", "A-003", "A-004"]
    assert_one_at_a_time(log)
    assert [s.text for s in log.sentences] == [
        "Nomor antrean A satu, silakan menuju loket satu.",
        "Nomor antrean A dua, silakan menuju loket dua.",
        "Nomor antrean A tiga, silakan menuju loket prioritas.",
        "Nomor antrean A empat, silakan menuju loket satu.",
    ]


def test_history_is_shown_not_announced_and_a_recall_is_announced_again(
    qtbot: QtBot, make_board: BoardFactory, office: Office, sqlite_url: str
) -> None:
    office.issue_ticket("A")
    office.issue_ticket("B")
    first = office.call_next(1)
    office.call_next(2)
    assert first is not None
    window, log = make_board(sqlite_url)
    # The first read marked both calls seen: shown, and nothing announced.
    assert log.steps == []
    assert not window.announcer.busy
    assert window.calls.rows[0][0].text() == "B-001"
    assert window.calls.rows[1][0].text() == "A-001"
    assert window.hero.code.text() == "B-001"

    with qtbot.waitSignal(window.announcer.announcement_finished, timeout=10_000):
        office.queue.recall(first.id)
    assert log.codes("start") == ["A-001"]
    assert window.calls.rows[0][0].text() == "A-001"
    assert window.calls.rows[0][1].text() == "Loket 1 (ulang)"

    with qtbot.waitSignal(window.announcer.announcement_finished, timeout=10_000):
        office.queue.recall(first.id)  # a second recall is a new call too
    assert log.codes("start") == ["A-001", "A-001"]
    assert_one_at_a_time(log)


def test_without_a_voice_the_sentence_is_shown_and_held(
    qtbot: QtBot, make_board: BoardFactory, office: Office, sqlite_url: str, settings: Settings
) -> None:
    office.issue_ticket("A")
    bilingual = with_display(settings, languages=["id", "en"])
    window, log = make_board(sqlite_url, settings_=bilingual)
    with qtbot.waitSignal(window.announcer.sentence_started, timeout=10_000):
        office.call_next(3)
    assert window.hero.sentence.text() == "Nomor antrean A satu, silakan menuju loket prioritas."
    qtbot.waitUntil(lambda: len(log.sentences) == 2, timeout=5000)
    assert window.hero.sentence.text() == "Queue number A one, please go to counter Prioritas."
    qtbot.waitUntil(lambda: log.codes("end") == ["A-001"], timeout=5000)
    assert window.hero.sentence.text() == ""
    # Two languages without a voice share the hold, each at least READ_MS (time to read).
    (_, _, began), (_, _, ended) = log.steps
    assert (ended - began) * 1000 >= 2 * max(READ_MS, HOLD_MS // 2) * 0.95


def test_the_mock_voice_speaks_english_and_indonesian_falls_back_to_text(
    qtbot: QtBot, make_board: BoardFactory, office: Office, sqlite_url: str, settings: Settings
) -> None:
    # Qt's mock engine has English (en_GB, en_US) and no Indonesian voice.
    voice = QtVoice("mock", volume=0.5, rate=0.0)
    voice.start()
    assert voice.can_speak("en")
    assert not voice.can_speak("id")
    spoken: list[int] = []
    voice.finished.connect(spoken.append)

    office.issue_ticket("B")
    bilingual = with_display(settings, languages=["en", "id"], voice=True)
    window, log = make_board(sqlite_url, settings_=bilingual, voice=voice)
    with qtbot.waitSignal(window.announcer.announcement_finished, timeout=20_000):
        office.call_next(2)
    assert [s.lang for s in log.sentences] == ["en", "id"]
    assert spoken == [1]  # the engine itself reported the English sentence finished
    assert window.announcer.voice_usable


def test_the_board_is_painted_before_the_voice_starts(
    qtbot: QtBot, sqlite_url: str, settings: Settings
) -> None:
    """Building a voice engine can take seconds (speech-dispatcher at boot): the board is on
    the screen first, whatever the engine (here Qt's mock engine, really built)."""
    voice = QtVoice("mock", volume=0.5, rate=0.0)
    order: list[str] = []
    voice.started.connect(lambda: order.append("voice started"))

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in order:
                order.append("painted")
            return False

    window = DisplayWindow(
        settings,
        lambda: Office.open(sqlite_url, settings=settings),
        timings=TIMINGS,
        voice=voice,
        chime=Chime(0),
    )
    spy = FirstPaint()
    window.installEventFilter(spy)
    try:
        QApplication.processEvents()  # the loop runs before the window is shown
        assert order == []
        window.resize(1366, 768)
        window.show()
        qtbot.waitUntil(lambda: "voice started" in order, timeout=10_000)
        assert order == ["painted", "voice started"]
        assert voice.can_speak("en")  # the engine was built, after the paint
    finally:
        window.removeEventFilter(spy)
        window.close()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_voice_that_never_finishes_is_given_up_for_the_text(
    qtbot: QtBot, make_board: BoardFactory, office: Office, sqlite_url: str
) -> None:
    class Mute(Voice):
        """Claims every language and never reports the end of a sentence."""

        def __init__(self) -> None:
            super().__init__()
            self.said: list[str] = []

        def can_speak(self, lang: str) -> bool:
            return True

        def say(self, text: str, lang: str) -> int:
            self.said.append(text)
            return len(self.said)

    mute = Mute()
    office.issue_ticket("A")
    office.issue_ticket("A")
    office.issue_ticket("A")
    impatient = replace(
        TIMINGS,
        announce=AnnounceTimings(
            hold_ms=HOLD_MS,
            read_ms=READ_MS,
            gap_ms=20,
            pause_ms=10,
            speech_base_ms=300,
            speech_per_char_ms=0,
        ),
    )
    window, log = make_board(sqlite_url, voice=mute, timings=impatient)
    office.call_next(1)
    office.call_next(2)
    office.call_next(3)
    qtbot.waitUntil(lambda: len(log.codes("end")) == 3, timeout=15_000)
    assert len(mute.said) == 2  # two timeouts in a row, then the text only
    assert not window.announcer.voice_usable
    assert_one_at_a_time(log, hold_ms=300)


# -- the database away ----------------------------------------------------------------------
def test_an_unreachable_database_shows_a_notice_and_recovers(
    qtbot: QtBot, make_board: BoardFactory, sqlite_url: str, settings: Settings
) -> None:
    attempts: list[int] = []

    def flaky_open() -> DisplayOffice:
        attempts.append(1)
        if len(attempts) < 3:
            raise DatabaseUnavailable("the server is not answering")
        return Office.open(sqlite_url, settings=settings)

    window, _ = make_board(sqlite_url, open_office=flaky_open, wait_ready=False)
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=5000)
    assert window.notice.text() == tr("display.unavailable", "id")
    assert window.notice.text().startswith("Sistem antrean sedang tidak tersedia")
    qtbot.waitUntil(lambda: not window.notice.isVisible(), timeout=10_000)
    assert window.controller.available
    assert len(attempts) == 3


# -- parts ------------------------------------------------------------------------------------
def test_the_board_reads_in_indonesian_with_the_office_and_clock(
    qtbot: QtBot, make_board: BoardFactory, sqlite_url: str, settings: Settings
) -> None:
    # With two languages the headings take turns by the board's own timer.
    bilingual = with_display(settings, languages=["id", "en"])
    turns = replace(TIMINGS, heading_ms=300)
    window, _ = make_board(sqlite_url, settings_=bilingual, timings=turns)
    # (Read while no event is processed: the timer cannot turn them in between.)
    qtbot.waitUntil(lambda: window.hero.heading.text() == "Nomor antrean", timeout=3000)
    assert window.office_name.text() == "Kantor Imigrasi Uji"
    assert window.calls.heading.text() == "Panggilan terakhir"
    assert window.waiting.heading.text() == "Menunggu"
    assert [t.name.text() for t in window.tiles.tiles.values()] == [
        "Loket 1",
        "Loket 2",
        "Loket Prioritas",
    ]
    # Indonesian writes 09.30 (EYD), English 09:30.
    separator = ":" if window.lang == "en" else "."
    assert len(window.time.text()) == 5 and window.time.text()[2] == separator
    assert window.marquee.isVisible() and window.marquee.running
    qtbot.waitUntil(lambda: window.hero.heading.text() == "Queue number", timeout=3000)
    assert window.calls.heading.text() == "Last calls"
    qtbot.waitUntil(lambda: window.hero.heading.text() == "Nomor antrean", timeout=3000)


@pytest.mark.qt_log_ignore(
    r"PulseAudioService: pa_context_connect\(\) failed", r"Couldn't (load|resolve) .*"
)
def test_the_real_chime_is_silent_but_keeps_its_time_without_audio(
    qtbot: QtBot, settings: Settings
) -> None:
    """QtMultimedia itself: here (no sound server) it says so, and the chime stays silent
    with its length; on a machine with sound it plays. Only Qt's audio-server complaints
    are tolerated in this test."""
    chime = make_chime(with_display(settings, chime=True).display)
    try:
        assert isinstance(chime, SoundChime)
        assert chime.duration_ms == 1200  # resources/sounds/chime.wav
        chime.play()
    finally:
        chime.close()
        chime.deleteLater()


def test_closing_the_board_stops_its_threads(
    qtbot: QtBot, make_board: BoardFactory, sqlite_url: str
) -> None:
    window, _ = make_board(sqlite_url)
    watcher = window.controller.watcher
    assert watcher is not None and watcher.isRunning()
    window.close()
    assert not watcher.isRunning()


# -- settings saved elsewhere ---------------------------------------------------------------
def test_new_settings_rebuild_the_board_after_the_announcement_without_losing_calls(
    qtbot: QtBot, sqlite_url: str, settings: Settings, office: Office
) -> None:
    from kiosk.ui.display.app import DisplayHost

    made: list[DisplayWindow] = []

    def make(s: Settings, open_office: Callable[[], DisplayOffice], **kw: object) -> DisplayWindow:
        window = DisplayWindow(
            s,
            open_office,
            timings=TIMINGS,
            voice=Voice(),
            chime=Chime(0),
            **kw,  # type: ignore[arg-type]
        )
        made.append(window)
        return window

    def show(window: DisplayWindow) -> None:
        window.resize(1366, 768)
        window.show()

    for _ in range(3):
        office.issue_ticket("A")
    host = DisplayHost(
        settings, lambda: Office.open(sqlite_url, settings=settings), show, check_ms=20, make=make
    )
    try:
        first = host.window
        finished: list[Announcement] = []
        first.announcer.announcement_finished.connect(finished.append)
        qtbot.waitUntil(lambda: first.controller.last is not None, timeout=10_000)
        with qtbot.waitSignal(first.announcer.announcement_started, timeout=10_000):
            office.call_next(1)
        doc = editable_document(office.settings)
        display = {**doc["display"], "running_text": "Jam layanan berubah hari ini."}
        session = admin_session(office)
        office.update_settings("display", display, session=session)
        qtbot.waitUntil(lambda: first.controller.last is not None and first.announcer.busy)
        assert host.window is first  # the announcement under way is not cut short
        qtbot.waitUntil(lambda: host.window is not first, timeout=10_000)
        assert [a.call.code for a in finished] == ["A-001"]  # it ended first, whole
        board = host.window
        assert board is not first
        assert board.settings.display.running_text == "Jam layanan berubah hari ini."
        # The rebuilt board carries on: the earlier call is not announced again, a new one is.
        with qtbot.waitSignal(board.announcer.announcement_started, timeout=10_000) as started:
            second = office.call_next(2)
        assert second is not None
        assert started.args[0].call.code == second.code
    finally:
        for window in made:
            if isValid(window):
                window.close()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_board_started_after_a_save_shows_what_was_saved(
    qtbot: QtBot, sqlite_url: str, office: Office, settings: Settings
) -> None:
    """The board is built from the file; settings a supervisor saved before it started are
    in the office it opens, and no later reload would report them: it compares once."""
    from kiosk.ui.display.app import DisplayHost

    doc = editable_document(office.settings)
    saved = "Loket tutup pukul 15.00 hari ini."
    office.update_settings(
        "display", {**doc["display"], "running_text": saved}, session=admin_session(office)
    )
    made: list[DisplayWindow] = []

    def make(s: Settings, open_office: Callable[[], DisplayOffice], **kw: object) -> DisplayWindow:
        window = DisplayWindow(s, open_office, timings=TIMINGS, voice=Voice(), chime=Chime(0))
        made.append(window)
        return window

    host = DisplayHost(
        settings,
        lambda: Office.open(sqlite_url, settings=settings),
        lambda w: w.show(),
        check_ms=20,
        make=make,
    )
    try:
        assert host.window.settings.display.running_text != saved  # built from the file
        qtbot.waitUntil(lambda: host.window.settings.display.running_text == saved, timeout=10_000)
    finally:
        for window in made:
            if isValid(window):
                window.close()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
