"""The lobby board's journey: an officer at a counter calls the next applicant from another
process (the real CLI against the same SQLite file); the running board flashes the number
and announces it exactly once, and later wake-ups of the change feed do not announce it
again. Nobody touches a board: what it shows and says is driven by the database alone."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.config.settings import Settings, load_settings
from kiosk.office import Office
from kiosk.ui.display.announcer import AnnounceTimings
from kiosk.ui.display.board import Announcement, Sentence
from kiosk.ui.display.controller import BoardTimings
from kiosk.ui.display.sound import Chime, QtVoice
from kiosk.ui.display.window import DisplayTimings, DisplayWindow

SLOW = 60_000
TIMINGS = DisplayTimings(
    board=BoardTimings(refresh_ms=SLOW, retry_ms=100),  # only the change feed wakes it
    announce=AnnounceTimings(
        hold_ms=400,
        read_ms=250,
        gap_ms=60,
        pause_ms=20,
        speech_base_ms=8000,
        speech_per_char_ms=50,
    ),
    flash_ms=SLOW,  # the number flashes until the test has looked
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

[[counters]]
number = 1
services = ["A"]

[[counters]]
number = 2
services = ["A"]

[printer]
kind = "none"

[display]
chime = false
voice = true
languages = ["id", "en"]
"""


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def settings(config_file: Path) -> Settings:
    return load_settings(config_file)


@pytest.fixture
def office(sqlite_url: str, settings: Settings) -> Iterator[Office]:
    with Office.open(sqlite_url, settings=settings) as o:
        yield o


@pytest.fixture
def voice() -> QtVoice:
    # Qt's mock engine speaks English (and has no Indonesian voice: that sentence is shown).
    v = QtVoice("mock", volume=0.5, rate=0.0)
    v.start()
    return v


@pytest.fixture
def board(
    qtbot: QtBot, sqlite_url: str, settings: Settings, voice: QtVoice, office: Office
) -> Iterator[DisplayWindow]:
    window = DisplayWindow(
        settings,
        lambda: Office.open(sqlite_url, settings=settings),
        timings=TIMINGS,
        voice=voice,
        chime=Chime(0),
    )
    window.resize(1366, 768)
    with qtbot.waitSignal(window.controller.feed_opened, timeout=10_000):
        window.show()  # on the wall, its change feed open
    qtbot.waitUntil(lambda: window.controller.last is not None)
    yield window
    if isValid(window):
        window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def counter_pc(url: str, config: Path, *args: str) -> None:
    """The officer's PC: the real ``kiosk`` command, in a process of its own."""
    kiosk = Path(sys.executable).with_name("kiosk")
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_DATABASE_URL"}
    subprocess.run(
        [str(kiosk), "--db", url, "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )


def test_a_call_from_another_process_flashes_and_is_announced_exactly_once(
    qtbot: QtBot,
    board: DisplayWindow,
    office: Office,
    voice: QtVoice,
    sqlite_url: str,
    config_file: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.ui.display.announcer")
    started: list[Announcement] = []
    sentences: list[Sentence] = []
    spoken: list[int] = []
    board.announcer.announcement_started.connect(started.append)
    board.announcer.sentence_started.connect(sentences.append)
    voice.finished.connect(spoken.append)
    chips = {name.text(): count for _, name, count in board.waiting.chips}
    office.issue_ticket("A")
    qtbot.waitUntil(lambda: chips["Paspor Baru"].text() == "1", timeout=5000)
    assert board.tiles.tiles[1].code.text() == "—"

    with qtbot.waitSignal(board.announcer.announcement_started, timeout=10_000):
        counter_pc(sqlite_url, config_file, "ticket", "call-next", "--counter", "1")
    assert chips["Paspor Baru"].text() == "0"  # read with the call
    assert board.hero.code.text() == "A-001"
    assert board.hero.flasher.active
    assert board.tiles.tiles[1].code.text() == "A-001"
    assert board.tiles.tiles[1].flasher.active
    assert not board.tiles.tiles[2].flasher.active

    # Another PC's commit wakes the change feed again: the board re-reads (the waiting
    # count changes) and does not announce the same call a second time.
    counter_pc(sqlite_url, config_file, "ticket", "issue", "--service", "A")
    qtbot.waitUntil(lambda: chips["Paspor Baru"].text() == "1", timeout=5000)
    qtbot.waitUntil(lambda: not board.announcer.busy, timeout=15_000)
    counter_pc(sqlite_url, config_file, "ticket", "issue", "--service", "A")
    qtbot.waitUntil(lambda: chips["Paspor Baru"].text() == "2", timeout=5000)
    assert not board.announcer.busy

    assert [a.call.code for a in started] == ["A-001"]
    assert [(s.lang, s.text) for s in sentences] == [
        ("id", "Nomor antrean A satu, silakan menuju loket satu."),
        ("en", "Queue number A one, please go to counter one."),  # the sign says "Loket 1"
    ]
    assert len(spoken) == 1  # the English sentence, said once by the engine
    announced = [r for r in caplog.records if r.getMessage().startswith("announcing the call")]
    assert len(announced) == 1
    assert board.calls.rows[0][0].text() == "A-001"
