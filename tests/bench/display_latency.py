"""From a call committed in one process to the display board showing it in another.

    python tests/bench/display_latency.py                         # SQLite, 200 calls
    python tests/bench/display_latency.py --db postgresql+psycopg://kiosk:kiosk@127.0.0.1/kiosk_bench

A real DisplayWindow runs here, offscreen, on the change feed (no polling of tables). A
child process plays the counters: it calls tickets at irregular intervals and prints the
wall-clock time each call's transaction returned. This process notes the wall-clock time
the board's controller delivers that call to the window. Both clocks are the same machine's.
Run by hand; the figures go in the issue's note, never into an assertion.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CONFIG = {"display": {"chime": False, "voice": False}}


def caller(url: str, calls: int, gap: float) -> int:
    from kiosk import Office
    from kiosk.config.settings import settings_from_dict

    rng = random.Random(3)
    with Office.open(url, settings=settings_from_dict(CONFIG)) as office:
        print("ready", flush=True)
        sys.stdin.readline()  # the board is up
        for i in range(calls):
            time.sleep(rng.uniform(gap / 2, gap * 1.5))
            ticket = office.call_next(1 + i % 3)
            done = time.time()
            if ticket is not None:
                print(json.dumps({"code": ticket.code, "t": done}), flush=True)
    return 0


def board(url: str, calls: int, gap: float) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from kiosk import Office
    from kiosk.config.settings import settings_from_dict
    from kiosk.domain.model import CallEvent
    from kiosk.ui.common.app import application
    from kiosk.ui.display.window import DisplayWindow

    settings = settings_from_dict(CONFIG)
    with Office.open(url, settings=settings) as office:
        for i in range(calls):
            office.issue_ticket("AB"[i % 2])
    app = application()
    window = DisplayWindow(settings, lambda: Office.open(url, settings=settings))
    window.resize(1920, 1080)
    window.show()
    shown: dict[str, float] = {}

    def seen(new: list[CallEvent]) -> None:
        now = time.time()
        for call in new:
            shown.setdefault(call.code, now)

    window.controller.new_calls.connect(seen)
    loop = QEventLoop()
    window.controller.feed_opened.connect(loop.quit)
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()

    child = subprocess.Popen(
        [sys.executable, __file__, "--caller", "--db", url, "--calls", str(calls),
         "--gap", str(gap)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    committed: dict[str, float] = {}

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            item = json.loads(line)
            committed[item["code"]] = item["t"]

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    child.stdin.write("go\n")
    child.stdin.flush()
    deadline = time.monotonic() + calls * gap * 2 + 30
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if child.poll() is not None and len(shown) >= len(committed) > 0:
            break
    reader.join(5)
    window.close()
    app.processEvents()

    lat = sorted((shown[c] - t) * 1000 for c, t in committed.items() if c in shown)
    missing = sorted(set(committed) - set(shown))
    if not lat:
        print("no call reached the board", file=sys.stderr)
        return 1
    p = statistics.quantiles(lat, n=100, method="inclusive")
    kind = url.split(":", 1)[0].split("+")[0]
    print(
        f"{kind}: {len(lat)} calls; call committed -> board updated: "
        f"p50 {p[49]:.0f} ms, p95 {p[94]:.0f} ms, max {lat[-1]:.0f} ms; "
        f"missing {len(missing)}"
    )
    return 0 if not missing else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--gap", type=float, default=0.2, help="mean seconds between calls")
    parser.add_argument("--caller", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.caller:
        return caller(args.db, args.calls, args.gap)
    with tempfile.TemporaryDirectory(prefix="kiosk-latency-") as tmp:
        return board(args.db or f"sqlite:///{Path(tmp) / 'bench.db'}", args.calls, args.gap)


if __name__ == "__main__":
    sys.exit(main())
