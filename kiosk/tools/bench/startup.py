"""Whole processes, timed as a person meets them: ``kiosk --help``, ``kiosk ticket issue``
and ``kiosk report ikm --json`` over the year, each run several times in a fresh
interpreter (start-up and imports included), as hyperfine would."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk.config.paths import ENV_LOG_DIR
from kiosk.config.settings import ENV_CONFIG


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


def _without_db(words: Sequence[str]) -> list[str]:
    """The words as the report shows them: the database is the bench's, said above."""
    return [w for i, w in enumerate(words) if w != "--db" and (i == 0 or words[i - 1] != "--db")]


def _shown(words: Sequence[str]) -> list[str]:
    """The words as printed: a database URL without its password."""
    from kiosk.storage.engine import redacted_url

    return [redacted_url(w) if "://" in w else w for w in words]
