"""Whole processes, timed as a person meets them: ``kiosk --help``, ``kiosk ticket issue``
and ``kiosk report ikm --json`` over the year, each run several times in a fresh
interpreter (start-up and imports included), as hyperfine would; and each window's first
paint (process start to the first picture, offscreen)."""

from __future__ import annotations

import datetime as dt
import os
import queue
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.config.paths import ENV_LOG_DIR
from kiosk.config.settings import ENV_CONFIG

#: In ``kiosk run``'s environment: print FIRST_PAINT_LINE once the window has painted.
FIRST_PAINT_PROBE = "KIOSK_FIRST_PAINT_PROBE"
FIRST_PAINT_LINE = "kiosk: first paint"
#: The windows timed, as ``kiosk run`` names them.
WINDOWS = ("kiosk", "counter", "display", "admin")
#: How long a window may take to paint before the bench gives up on it.
PAINT_TIMEOUT_S = 60.0


def config_toml(config: dict[str, Any]) -> str:
    """The bench's office (a name and its counters) as a configuration file, so that a
    command opening the office writes the same catalogue as the bench's own processes."""
    lines = ["[office]", f"name = {_quoted(config['office']['name'])}", ""]
    for counter in config["counters"]:
        services = ", ".join(_quoted(code) for code in counter["services"])
        lines += [
            "[[counters]]",
            f"number = {counter['number']}",
            f"name = {_quoted(counter['name'])}",
            f"services = [{services}]",
            "",
        ]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Commands:
    """Runs ``python -m kiosk ...`` against the bench's database and configuration, with
    the log in a folder of the bench's (never the user's log)."""

    def __init__(self, url: str, folder: Path, config: dict[str, Any], runs: int) -> None:
        self.url = url
        self.runs = runs
        self.stderr_path = folder / "window-stderr.txt"
        self.config_path = folder / "kiosk-bench.toml"
        self.config_path.write_text(config_toml(config), encoding="utf-8")
        (folder / "log").mkdir(exist_ok=True)
        self.env = {
            **os.environ,
            ENV_LOG_DIR: str(folder / "log"),
            ENV_CONFIG: str(self.config_path),
        }

    def help(self) -> dict[str, Any]:
        return self._timed(["--help"])

    def ticket_issue(self) -> dict[str, Any]:
        return self._timed(["--db", self.url, "ticket", "issue", "--service", "A"])

    def report_ikm(self, first: dt.date, last: dt.date) -> dict[str, Any]:
        return self._timed(
            [
                "--db",
                self.url,
                "report",
                "ikm",
                "--from",
                first.isoformat(),
                "--to",
                last.isoformat(),
                "--json",
            ]
        )

    def first_paint(self, window: str) -> dict[str, Any]:
        """The median of ``runs`` starts of ``kiosk run WINDOW`` (offscreen), each from the
        process's start until the window tells its first paint; then it is stopped."""
        command = [sys.executable, "-m", "kiosk", "--db", self.url, "run", window, "--windowed"]
        env = {**self.env, FIRST_PAINT_PROBE: "1", "QT_QPA_PLATFORM": "offscreen"}
        try:
            self._paint_once(command, env)  # untimed, as above
            seconds = [self._paint_once(command, env) for _ in range(self.runs)]
        except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
            return {"window": window, "seconds": None, "note": f"did not paint: {exc}"}
        return {
            "window": window,
            "runs": len(seconds),
            "seconds": round(statistics.median(seconds), 3),
            "min_s": round(min(seconds), 3),
            "note": f"offscreen, median of {len(seconds)} runs",
        }

    def _paint_once(self, command: Sequence[str], env: dict[str, str]) -> float:
        started = time.perf_counter()
        with self.stderr_path.open("w", encoding="utf-8") as err:  # a file: never a full pipe
            proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
        lines: queue.Queue[str | None] = queue.Queue()
        reader = threading.Thread(target=_read_lines, args=(proc, lines), daemon=True)
        reader.start()
        try:
            deadline = started + PAINT_TIMEOUT_S
            while (left := deadline - time.perf_counter()) > 0:
                try:
                    line = lines.get(timeout=left)
                except queue.Empty:
                    break
                if line is None:  # the window ended without painting
                    break
                if line.strip() == FIRST_PAINT_LINE:
                    return time.perf_counter() - started
            raise RuntimeError(f"exit {proc.poll()}: {self._tail(proc)}")
        finally:
            proc.terminate()  # SIGTERM: the window closes as its own way out does
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            reader.join(timeout=5)  # at the end of its output, now that it has exited
            if proc.stdout is not None and not reader.is_alive():
                proc.stdout.close()

    def _tail(self, proc: subprocess.Popen[str]) -> str:
        """The last words a window that never painted wrote on stderr."""
        if proc.poll() is None:
            return f"no paint in {PAINT_TIMEOUT_S:g} s"
        return self.stderr_path.read_text(encoding="utf-8").strip()[-300:] or "no paint"

    def _timed(self, words: Sequence[str]) -> dict[str, Any]:
        """The median and the lowest of ``runs`` runs after one untimed run (the OS's file
        cache warm, as on a PC that has run the program before)."""
        command = [sys.executable, "-m", "kiosk", *words]
        self._run(command)
        seconds = []
        for _ in range(self.runs):
            started = time.perf_counter()
            self._run(command)
            seconds.append(time.perf_counter() - started)
        return {
            "command": "kiosk " + " ".join(_without_db(words)),
            "runs": len(seconds),
            "median_s": round(statistics.median(seconds), 3),
            "min_s": round(min(seconds), 3),
        }

    def _run(self, command: Sequence[str]) -> None:
        done = subprocess.run(command, env=self.env, capture_output=True, timeout=300)
        if done.returncode != 0:
            err = done.stderr.decode(errors="replace").strip()
            raise RuntimeError(f"{' '.join(_shown(command))} failed ({done.returncode}): {err}")


def _read_lines(proc: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
    """Standard output line by line into ``lines`` (None at its end): a thread, so that
    a window that never paints cannot make the bench wait past its timeout."""
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.put(line)
    lines.put(None)


def _without_db(words: Sequence[str]) -> list[str]:
    """The words as the report shows them: the database is the bench's, said above."""
    return [w for i, w in enumerate(words) if w != "--db" and (i == 0 or words[i - 1] != "--db")]


def _shown(words: Sequence[str]) -> list[str]:
    """The words as printed: a database URL without its password."""
    from kiosk.storage.engine import redacted_url

    return [redacted_url(w) if "://" in w else w for w in words]
