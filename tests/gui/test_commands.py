"""``kiosk run kiosk`` and ``kiosk screenshots`` end to end (offscreen)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.cli import build_parser, main
from kiosk.office import Office
from kiosk.ui.lobby.window import KioskWindow


def test_run_kiosk_opens_the_window_until_it_is_closed(qtbot: QtBot, sqlite_url: str) -> None:
    seen: list[tuple[int, int, bool]] = []

    def close_when_ready() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow)]
        ready = [w for w in windows if w.isVisible() and w.controller.last_status is not None]
        if ready:
            seen.extend((w.width(), w.height(), w.locked) for w in ready)
            ready[0].unlock_and_close()
        else:
            QTimer.singleShot(50, close_when_ready)

    QTimer.singleShot(50, close_when_ready)
    assert main(["--db", sqlite_url, "run", "kiosk", "--windowed"]) == 0
    # --windowed: an ordinary 1366x768 window, not locked
    assert seen == [(1366, 768, False)]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow)]
    with Office.open(sqlite_url) as office:  # the window opened (and created) the database
        assert office.queue.status().services


def test_run_knows_its_options() -> None:
    args = build_parser().parse_args(["run", "kiosk", "--db", "sqlite:///x.db"])
    assert (args.window, args.windowed, args.db) == ("kiosk", False, "sqlite:///x.db")


def test_screenshots_renders_every_screen_in_both_languages(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    assert main(["screenshots", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    for screen in (
        "home",
        "priority",
        "confirmation-printed",
        "confirmation-print-failed",
        "pinpad",
    ):
        for lang in ("id", "en"):
            assert f"kiosk-{screen}-{lang}-1920x1080.png" in names
    for lang in ("id", "en"):
        for size in ("1366x768", "1024x600"):
            assert f"kiosk-home-{lang}-{size}.png" in names
            assert f"kiosk-survey-question-{lang}-{size}.png" in names
    with Image.open(out / "kiosk-home-en-1366x768.png") as image:
        assert image.size == (1366, 768)
