"""From a call reaching the board to its announcement's sound handed to the player.

    python tests/bench/voice_ready.py            # 6 calls, a fresh SQLite file

A real DisplayWindow runs here, offscreen, with the default voice (espeak-ng, in this
process). Each call is made when the board is idle; the time is taken from the announcer
receiving the call (``enqueue``) to the whole announcement (chime + sentences, rendered on
the voice worker) going to the player. The first call is the board's first after its start.
Run by hand; the figures go in the issue's note, never into an assertion.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

CONFIG = {"display": {"chime": True, "voice": True, "languages": ["id", "en"]}}


def bench(url: str, calls: int) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from kiosk import Office
    from kiosk.config.settings import settings_from_dict
    from kiosk.domain.model import CallEvent
    from kiosk.ui.common.app import application
    from kiosk.ui.display.board import Announcement
    from kiosk.ui.display.window import DisplayWindow
    from kiosk.voice.pcm import Pcm

    settings = settings_from_dict(CONFIG)
    app = application()
    window = DisplayWindow(settings, lambda: Office.open(url, settings=settings))
    window.show()
    loop = QEventLoop()
    window.controller.feed_opened.connect(loop.quit)
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    speech = window.announcer.speech
    assert speech is not None
    arrived: list[float] = []
    handed: list[tuple[float, Pcm]] = []
    enqueue, play = window.announcer.enqueue, speech.player.play

    def timed_enqueue(call: CallEvent) -> Announcement | None:
        arrived.append(time.perf_counter())
        return enqueue(call)

    def timed_play(pcm: Pcm) -> None:
        handed.append((time.perf_counter(), pcm))
        play(pcm)

    window.announcer.enqueue = timed_enqueue  # type: ignore[method-assign]
    speech.player.play = timed_play  # type: ignore[method-assign]
    with Office.open(url, settings=settings) as office:
        for i in range(calls):
            office.issue_ticket("AB"[i % 2])
            office.call_next(1 + i % 3)
            deadline = time.monotonic() + 30
            while len(handed) <= i or window.announcer.busy:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
                if time.monotonic() > deadline:
                    print("the board did not announce in time", file=sys.stderr)
                    return 1
    window.close()
    app.processEvents()
    ready = [(t - a) * 1000 for a, (t, _) in zip(arrived, handed, strict=True)]
    sound = [pcm.duration_ms / 1000 for _, pcm in handed]
    print(
        f"{calls} calls (id + en): call reaching the board -> sound ready: first "
        f"{ready[0]:.0f} ms, median {statistics.median(ready):.0f} ms, max {max(ready):.0f} ms; "
        f"announcements {min(sound):.1f}-{max(sound):.1f} s"
    )
    return 0


def main() -> int:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    with tempfile.TemporaryDirectory(prefix="kiosk-voice-") as tmp:
        return bench(f"sqlite:///{Path(tmp) / 'bench.db'}", calls)


if __name__ == "__main__":
    sys.exit(main())
