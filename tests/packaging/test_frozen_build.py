"""The PyInstaller folder end to end (``pytest -m frozen``; CI runs it after the build).

Build first, then point KIOSK_FROZEN_DIR at the folder::

    python packaging/build.py
    KIOSK_FROZEN_DIR=dist/kiosk pytest -m frozen tests/packaging

Without KIOSK_FROZEN_DIR the tests are skipped (the ordinary ``pytest`` run); with
KIOSK_REQUIRE_FROZEN=1 a missing folder fails them instead. Every run of the program gets
a fresh SQLite file and its own HOME, XDG folders and temp folder, so nothing of this
machine (a config file, a database, KIOSK_* variables) leaks in.
"""

from __future__ import annotations

import array
import json
import math
import os
import sqlite3
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.processes import wait_for_sigterm_handler

pytestmark = pytest.mark.frozen

ENV_DIR = "KIOSK_FROZEN_DIR"
ENV_REQUIRE = "KIOSK_REQUIRE_FROZEN"
HOW = (
    "build the folder with `python packaging/build.py`, then run "
    f"`{ENV_DIR}=dist/kiosk pytest -m frozen tests/packaging`"
)
#: Generous: a cold start of a frozen Qt program on a loaded CI machine.
START_TIMEOUT = 90.0
STOP_TIMEOUT = 30.0
RUN_TIMEOUT = 180.0
#: What the program says when a file of resources/ is missing from the bundle ("style
#: sheet kiosk.qss not found", "resources/sounds/chime.wav not found").
RESOURCE_WORDS = ("resources", ".qss", "style sheet", "chime", "sounds")
MISSING_WORDS = ("not found", "No such file")


def _program(folder: Path, name: str) -> Path:
    return folder / (f"{name}.exe" if sys.platform == "win32" else name)


@pytest.fixture(scope="module")
def frozen_dir() -> Path:
    value = os.environ.get(ENV_DIR)
    required = os.environ.get(ENV_REQUIRE) == "1"
    if not value:
        if required:
            pytest.fail(f"{ENV_REQUIRE}=1 but {ENV_DIR} is not set: {HOW}")
        pytest.skip(f"no frozen build given ({ENV_DIR} unset): {HOW}")
    folder = Path(value).resolve()
    if not _program(folder, "kiosk").is_file():
        message = f"{ENV_DIR}={value}: no {_program(folder, 'kiosk').name} there; {HOW}"
        if required:
            pytest.fail(message)
        pytest.skip(message)
    return folder


@dataclass
class Frozen:
    """The built program with an isolated environment and a fresh database."""

    program: Path
    env: dict[str, str]
    url: str
    db: Path
    tmp: Path

    def run(self, *args: str, db: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.program), *(["--db", self.url] if db else []), *args]
        proc = subprocess.run(
            cmd,
            env=self.env,
            cwd=self.tmp,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=RUN_TIMEOUT,
            check=False,
        )
        assert proc.returncode == 0, (cmd, proc.returncode, proc.stdout, proc.stderr)
        assert_no_missing_resources(proc.stderr)
        return proc

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [str(self.program), "--db", self.url, *args],
            env=self.env,
            cwd=self.tmp,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )


def isolated_env(tmp: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KIOSK_", "PYTHON", "XDG_", "QT_", "ESCPOS_"))
    }
    home = tmp / "home"
    folders = {
        "HOME": home,
        "USERPROFILE": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_CACHE_HOME": home / ".cache",
        "APPDATA": home / "AppData" / "Roaming",
        "LOCALAPPDATA": home / "AppData" / "Local",
        "TMPDIR": tmp / "temp",
        "TEMP": tmp / "temp",
        "TMP": tmp / "temp",
    }
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if sys.platform != "win32":
        runtime = tmp / "runtime"  # Qt wants it private, or it warns and uses /tmp
        runtime.mkdir(mode=0o700, exist_ok=True)
        env["XDG_RUNTIME_DIR"] = str(runtime)
    if sys.platform == "win32":
        # platformdirs asks Windows itself for AppData, whatever the environment says:
        # name an empty config file (the defaults) and a log folder instead.
        config = tmp / "kiosk.toml"
        config.write_text("", encoding="utf-8")
        env["KIOSK_CONFIG"] = str(config)
        env["KIOSK_LOG_DIR"] = str(tmp / "logs")
    return env


@pytest.fixture
def frozen(frozen_dir: Path, tmp_path: Path) -> Frozen:
    db = tmp_path / "k.db"
    return Frozen(
        program=_program(frozen_dir, "kiosk"),
        env=isolated_env(tmp_path),
        url=f"sqlite:///{db}",
        db=db,
        tmp=tmp_path,
    )


def assert_no_missing_resources(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    missing = [
        line
        for line in stderr.splitlines()
        if any(w in line for w in RESOURCE_WORDS) and any(w in line for w in MISSING_WORDS)
    ]
    assert not missing, "\n".join(missing)


def schema_revision(db: Path) -> str | None:
    """The Alembic revision in the file, or None while it is not there yet (read-only: the
    file is never created by looking)."""
    if not db.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:  # no table yet, or locked by the migration in progress
        return None
    finally:
        conn.close()
    return str(row[0]) if row else None


def wait_for_schema(db: Path, proc: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    while (revision := schema_revision(db)) is None:
        if proc.poll() is not None:
            pytest.fail(f"the window exited ({proc.returncode}): {proc.communicate()}")
        if time.monotonic() > deadline:
            pytest.fail(f"no schema in {db} after {START_TIMEOUT:.0f} s")
        time.sleep(0.1)
    return revision


def stop(proc: subprocess.Popen[str]) -> tuple[int, str]:
    """SIGTERM (Windows: TerminateProcess); the exit code and stderr. Never hangs."""
    try:
        if proc.poll() is None:
            proc.terminate()
        _out, err = proc.communicate(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
        pytest.fail(f"no exit within {STOP_TIMEOUT:.0f} s of SIGTERM: {err}")
    return proc.returncode, err


@pytest.fixture
def running(frozen: Frozen) -> Iterator[list[subprocess.Popen[str]]]:
    """Windows started by a test; killed at the end if the test left them running."""
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def test_version_and_config_check(frozen: Frozen) -> None:
    assert frozen.run("--version", db=False).stdout.startswith("kiosk ")
    checked = frozen.run("config", "check", db=False)
    assert "configuration OK" in checked.stdout
    if sys.platform != "win32":
        # The default database lies in the temp XDG data folder, not in this machine's.
        assert str(frozen.tmp / "home") in checked.stdout


def test_windows_cli_migrations_and_resources_in_the_frozen_build(
    frozen: Frozen, running: list[subprocess.Popen[str]]
) -> None:
    kiosk = frozen.start("run", "kiosk", "--windowed")
    running.append(kiosk)
    # The kiosk window creates the database itself: Alembic ran from the bundle's files.
    assert wait_for_schema(frozen.db, kiosk)
    board = frozen.start("run", "display", "--windowed")  # QtMultimedia, QtTextToSpeech
    running.append(board)

    issued = frozen.run("ticket", "issue", "--service", "A", "--json")
    ticket = json.loads(issued.stdout)
    assert (ticket["code"], ticket["service"], ticket["status"]) == ("A-001", "A", "waiting")

    shots = frozen.tmp / "shots"
    rendered = frozen.run("screenshots", "--window", "kiosk", "--out", str(shots))
    pngs = sorted(shots.glob("*.png"))
    assert len(pngs) == len(rendered.stdout.split()) > 0
    for png in pngs:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # The board's voice comes along: espeak-ng's library and data, and the default pack.
    for engine in ("espeak", "clips"):
        wav = frozen.tmp / f"call-{engine}.wav"
        frozen.run("voice", "render", "--code", "B-038", "--counter", "1", "--lang", "id",
                   "--engine", engine, "--out", str(wav))  # fmt: skip
        with wave.open(str(wav)) as sound:
            assert sound.getsampwidth() == 2
            frames = sound.readframes(sound.getnframes())
            seconds = sound.getnframes() / sound.getframerate()
        assert 2 <= seconds <= 15, (engine, seconds)
        samples = array.array("h", frames)
        assert math.sqrt(sum(s * s for s in samples) / len(samples)) > 500, engine

    assert "up to date" in frozen.run("db", "upgrade").stdout
    # The doctor in the bundle (pyserial's port listing, the checks): healthy here.
    doctor = frozen.run("doctor", "--json")
    findings = {f["check"]: f["status"] for f in json.loads(doctor.stdout)}
    assert findings["database"] == "ok", doctor.stdout
    assert findings["config"] in ("ok", "warning")  # no file: the defaults, a warning

    for proc in (kiosk, board):
        assert proc.poll() is None, "a window died while the CLI was used"
        wait_for_sigterm_handler(proc)
        code, err = stop(proc)
        assert_no_missing_resources(err)
        if sys.platform != "win32":  # TerminateProcess leaves no chance to exit cleanly
            assert code == 0, err
    # Each window wrote its own log file; the ticket's line carries its code.
    logs = (
        Path(frozen.env["KIOSK_LOG_DIR"])
        if "KIOSK_LOG_DIR" in frozen.env
        else frozen.tmp / "home" / ".local" / "state" / "kiosk" / "log"
    )
    names = {p.name for p in logs.glob("*.log")}
    assert {"kiosk.log", "display.log", "cli.log"} <= names, names
    assert "[A-001] kiosk.services.queue: issued for service A" in (logs / "cli.log").read_text(
        encoding="utf-8"
    )
