"""The real board, offscreen, speaking with espeak-ng (the default voice): no voice or chime
is passed in, no speech service runs. On a machine without an audio output (this one, CI)
the player is silent but takes the sound's length; what the board handed it to play is
asserted: one buffer per call, the chime and then the sentences."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.config.settings import Settings, settings_from_dict
from kiosk.office import Office
from kiosk.ui.display.announcer import AnnounceTimings
from kiosk.ui.display.board import Announcement, Sentence
from kiosk.ui.display.controller import BoardTimings
from kiosk.ui.display.speech import EspeakSpeech
from kiosk.ui.display.window import DisplayTimings, DisplayWindow
from kiosk.voice.clips import VoicePack, default_pack_dir
from kiosk.voice.pcm import rms
from kiosk.voice.render import chime_pcm

from .support import office_config

#: Only Qt's complaints about the missing sound server are tolerated here (any other Qt
#: warning fails the test, as everywhere in tests/gui).
no_sound_server = pytest.mark.qt_log_ignore(
    r"PulseAudioService: pa_context_connect\(\) failed", r"Couldn't (load|resolve) .*"
)
SLOW = 60_000
TIMINGS = DisplayTimings(
    board=BoardTimings(refresh_ms=SLOW, retry_ms=100),
    announce=AnnounceTimings(hold_ms=400, read_ms=250, gap_ms=60),
    flash_ms=300,
    heading_ms=SLOW,
)


def board_settings(tmp_path: Path, languages: list[str], engine: str = "espeak") -> Settings:
    config = office_config(tmp_path)
    config["display"] = {
        "languages": languages,
        "chime": True,
        "voice": True,
        "voice_engine": engine,
    }
    return settings_from_dict(config, "test")


@pytest.fixture
def boards(qtbot: QtBot) -> Iterator[list[DisplayWindow]]:
    windows: list[DisplayWindow] = []
    yield windows
    for window in windows:
        if isValid(window):
            window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def open_board(
    qtbot: QtBot, boards: list[DisplayWindow], url: str, settings: Settings
) -> tuple[DisplayWindow, EspeakSpeech]:
    window = DisplayWindow(settings, lambda: Office.open(url, settings=settings), timings=TIMINGS)
    boards.append(window)
    with qtbot.waitSignal(window.controller.feed_opened, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: window.controller.last is not None)
    speech = window.announcer.speech
    assert speech is not None, "espeak is the default voice"
    return window, speech


@no_sound_server
def test_the_board_announces_a_call_as_one_buffer_chime_then_both_languages(
    qtbot: QtBot, boards: list[DisplayWindow], sqlite_url: str, tmp_path: Path
) -> None:
    settings = board_settings(tmp_path, ["id", "en"])
    window, speech = open_board(qtbot, boards, sqlite_url, settings)
    shown: list[Sentence] = []
    window.announcer.sentence_started.connect(shown.append)
    with Office.open(sqlite_url, settings=settings) as office:
        ticket = office.issue_ticket("A")
        with qtbot.waitSignal(window.announcer.announcement_started, timeout=10_000) as started:
            office.call_next(1)
    announced: Announcement = started.args[0]
    assert announced.call.code == ticket.code
    qtbot.waitUntil(lambda: len(speech.player.queued) == 1, timeout=5000)
    pcm = speech.player.queued[0]
    chime = chime_pcm()
    assert chime is not None
    # The chime, then about 4 s of Indonesian and 3 s of English: plausible, not exact.
    assert pcm.data.startswith(chime.data)
    assert 5_000 < pcm.duration_ms - chime.duration_ms < 14_000, pcm.duration_ms
    speech_only = type(pcm)(pcm.data[len(chime.data) :], pcm.rate)
    assert rms(speech_only) > 1000
    with qtbot.waitSignal(window.announcer.announcement_finished, timeout=30_000):
        pass
    # Each sentence was on screen while it was said, in order.
    assert [s.lang for s in shown] == ["id", "en"]
    assert window.hero.code.text() == ticket.code


@no_sound_server
def test_calls_in_quick_succession_are_played_one_after_the_other(
    qtbot: QtBot, boards: list[DisplayWindow], sqlite_url: str, tmp_path: Path
) -> None:
    settings = board_settings(tmp_path, ["id"])
    window, speech = open_board(qtbot, boards, sqlite_url, settings)
    steps: list[tuple[str, str, int]] = []
    window.announcer.announcement_started.connect(
        lambda a: steps.append(("start", a.call.code, len(speech.player.queued)))
    )
    window.announcer.announcement_finished.connect(
        lambda a: steps.append(("end", a.call.code, len(speech.player.queued)))
    )
    with Office.open(sqlite_url, settings=settings) as office:
        first, second = office.issue_ticket("A"), office.issue_ticket("B")
        office.call_next(1)
        office.call_next(1)
    qtbot.waitUntil(lambda: len(steps) == 4, timeout=40_000)
    # No overlap: the second sound is handed over only after the first one ended.
    assert steps == [
        ("start", first.code, 0),
        ("end", first.code, 1),
        ("start", second.code, 1),
        ("end", second.code, 2),
    ]
    one, two = speech.player.queued
    assert one.data != two.data


@no_sound_server
def test_with_the_clips_engine_the_board_plays_the_packs_clips_after_the_chime(
    qtbot: QtBot, boards: list[DisplayWindow], sqlite_url: str, tmp_path: Path
) -> None:
    settings = board_settings(tmp_path, ["id"], engine="clips")
    window, speech = open_board(qtbot, boards, sqlite_url, settings)
    with Office.open(sqlite_url, settings=settings) as office:
        office.issue_ticket("A")
        with qtbot.waitSignal(window.announcer.announcement_started, timeout=10_000) as started:
            office.call_next(1)
    announced: Announcement = started.args[0]
    qtbot.waitUntil(lambda: len(speech.player.queued) == 1, timeout=5000)
    pack = VoicePack.load(default_pack_dir() or Path("missing"))
    clips, _ = pack.render(announced.sentences[0].text)
    chime = chime_pcm()
    assert chime is not None
    assert speech.player.queued[0].data == chime.data + clips.data
    with qtbot.waitSignal(window.announcer.announcement_finished, timeout=30_000):
        pass
