"""``kiosk doctor`` as an IT officer runs it: a real process against a real config file, a
real SQLite file or PostgreSQL server, and a real tty as the printer port.

CI runs as root, and root reads and opens anything whatever its permission bits say. The
permission cases therefore run the doctor with the DAC capabilities dropped (``setpriv``),
and a test proves that this really denies, so they cannot pass by accident.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import threading
import tty
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from kiosk import Office, qt_platform
from kiosk.config.settings import editable_document, settings_from_dict
from kiosk.printing.status import REPLIES, PrinterState
from kiosk.storage import migrate
from kiosk.storage.engine import make_engine
from kiosk.tools.doctor import Finding, exit_code, format_findings
from tests import hidden_library
from tests.processes import free_port
from tests.staff import admin_session

ROOT = os.name != "nt" and os.geteuid() == 0
DROP_DAC = [
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
]


def without_file_rights(cmd: list[str]) -> list[str]:
    """``cmd`` as a process that file permission bits apply to, even when we are root."""
    if not ROOT:
        return cmd
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without util-linux setpriv: permission bits cannot bite")
    return [setpriv, *DROP_DAC, "--", *cmd]


def doctor(*args: str, deny: bool = False) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "kiosk", "doctor", *args]
    if deny:
        cmd = without_file_rights(cmd)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=dict(os.environ))


def findings(*args: str, deny: bool = False) -> tuple[int, list[dict[str, Any]]]:
    proc = doctor(*args, "--json", deny=deny)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), (proc.returncode, proc.stdout, proc.stderr)
    result: list[dict[str, Any]] = json.loads(proc.stdout)
    assert result[0]["check"] == "config"
    return proc.returncode, result


def only(result: list[dict[str, Any]], check: str) -> dict[str, Any]:
    mine = [f for f in result if f["check"] == check]
    assert len(mine) == 1, result
    return mine[0]


def checks_ran(result: list[dict[str, Any]]) -> set[str]:
    return {f["check"] for f in result}


def write_config(path: Path, printer: dict[str, Any] | None = None, extra: str = "") -> Path:
    lines = ['[office]\nname = "Kantor Imigrasi Kelas I Uji"\n']
    if printer is not None:
        lines.append("[printer]\n")
        for key, value in printer.items():
            lines.append(f"{key} = {json.dumps(value)}\n")
    lines.append(extra)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def current_db(url: str) -> str:
    Office.open(url, settings=settings_from_dict({})).close()
    return url


class PtyPrinter:
    """An ESC/POS printer on the master side of a real pty, answering DLE EOT n.

    Unlike tests/printing/fake_printer.py it outlives the port being closed and opened
    again (the doctor opens it twice, from another process), and by default keeps no
    slave descriptor open itself, so that no process but the doctor holds the port.
    """

    def __init__(self, state: PrinterState = PrinterState.ONLINE, *, hold: bool = False) -> None:
        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.path = os.ttyname(slave)
        self.state = state
        self.received = bytearray()
        self.slave: int | None = slave
        if not hold:
            os.close(slave)
            self.slave = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        pending = bytearray()
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if not ready:
                continue
            try:
                pending += os.read(self.master, 4096)
            except OSError:  # EIO: nobody has the port open right now
                self._stop.wait(0.02)
                continue
            while (i := pending.find(b"\x10\x04")) != -1 and i + 2 < len(pending):
                n = pending[i + 2]
                self.received += pending[:i]
                del pending[: i + 3]
                if self.state is not PrinterState.NO_ANSWER:
                    reply = dict(zip((1, 2, 4), REPLIES[self.state], strict=True)).get(n)
                    if reply is not None:
                        with contextlib.suppress(OSError):
                            os.write(self.master, bytes([reply]))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for fd in (self.master, self.slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)


@pytest.fixture
def pty_printer() -> Iterator[PtyPrinter]:
    fake = PtyPrinter()
    yield fake
    fake.close()


@pytest.fixture
def office_db(tmp_path: Path) -> str:
    return current_db(f"sqlite:///{tmp_path / 'office.db'}")


@pytest.fixture
def preview_config(tmp_path: Path) -> Path:
    return write_config(
        tmp_path / "kiosk.toml", {"kind": "preview", "preview_dir": str(tmp_path / "slips")}
    )


# -- the helper that makes permission bits bite --------------------------------------------
def test_without_file_rights_really_denies(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("nobody may read this")
    secret.chmod(0)
    probe = [sys.executable, "-c", f"open({str(secret)!r}).read()"]
    proc = subprocess.run(without_file_rights(probe), capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and "PermissionError" in proc.stderr, (
        "the helper must make a mode-000 file unreadable, or the permission tests prove nothing"
    )
    # ...and the same command without it does read the file as root (so the helper matters).
    if ROOT:
        assert subprocess.run(probe, capture_output=True, timeout=60).returncode == 0


# -- all well ---------------------------------------------------------------------------------
def test_a_healthy_pc_passes_every_check(preview_config: Path, office_db: str) -> None:
    code, result = findings("--config", str(preview_config), "--db", office_db)
    assert code == 0
    assert [(f["check"], f["status"]) for f in result] == [
        ("config", "ok"),
        ("database", "ok"),
        ("printer", "ok"),
        ("logs", "ok"),
        ("qt", "ok"),
        ("voice", "ok"),
    ], result
    assert "Kantor Imigrasi Kelas I Uji" in only(result, "config")["message"]
    assert f"schema {migrate.HEAD}, current" in only(result, "database")["message"]
    assert "preview" in only(result, "printer")["message"]
    assert "espeak-ng" in only(result, "voice")["message"]
    text = doctor("--config", str(preview_config), "--db", office_db)
    assert text.returncode == 0
    assert text.stdout.startswith(f"[ OK ] config: {preview_config}")
    assert "all checks passed" in text.stdout


def test_no_config_file_is_a_warning_with_the_command_to_make_one(office_db: str) -> None:
    code, result = findings("--db", office_db)
    config = only(result, "config")
    assert config["status"] == "warning"
    assert "built-in defaults" in config["message"]
    assert "kiosk config example >" in config["fix"]
    assert code == 0, "warnings alone do not fail"


# -- a. the configuration file ------------------------------------------------------------
def test_an_unreadable_config_is_a_problem_and_the_other_checks_still_run(
    preview_config: Path, office_db: str
) -> None:
    preview_config.chmod(0)
    code, result = findings("--config", str(preview_config), "--db", office_db, deny=True)
    assert code == 1
    config = only(result, "config")
    assert config["status"] == "problem"
    assert "cannot be read" in config["message"] and "mode 0000" in config["message"]
    assert f"chmod 640 {preview_config}" in config["fix"]
    assert "chgrp" in config["fix"]
    assert checks_ran(result) == {"config", "database", "printer", "logs", "qt", "voice"}
    assert only(result, "database")["status"] == "ok"
    assert "cannot be used" in only(result, "printer")["message"]
    # Without --db the file may have named the database: said so, not guessed.
    code, result = findings("--config", str(preview_config), deny=True)
    database = only(result, "database")
    assert database["status"] == "warning" and "not checked" in database["message"]
    assert "configuration file usable first" in database["fix"]


def test_an_sqlite_file_this_user_may_not_write(
    preview_config: Path, office_db: str, tmp_path: Path
) -> None:
    path = tmp_path / "office.db"
    path.chmod(0o400)
    code, result = findings("--config", str(preview_config), "--db", office_db, deny=True)
    assert code == 1
    database = only(result, "database")
    assert database["status"] == "problem"
    assert f"may not read and write {path}" in database["message"]
    assert "sudo chown" in database["fix"] and f"chmod 660 {path}" in database["fix"]


def test_a_config_with_a_bad_value_names_the_key_and_the_database_is_still_checked(
    tmp_path: Path, office_db: str
) -> None:
    config = write_config(
        tmp_path / "kiosk.toml",
        {"kind": "preview", "preview_dir": str(tmp_path / "slips")},
        f"[queue]\nrecall_limit = 99\n[database]\nurl = {json.dumps(office_db)}\n",
    )
    code, result = findings("--config", str(config))
    assert code == 1
    bad = only(result, "config")
    assert bad["status"] == "problem" and "queue.recall_limit" in bad["message"]
    assert "`queue.recall_limit`" in bad["fix"] and "kiosk config check" in bad["fix"]
    # The URL in the broken file was still used.
    database = only(result, "database")
    assert database["status"] == "ok" and "office.db" in database["message"]


def test_a_config_that_is_not_toml_names_the_line(tmp_path: Path, office_db: str) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[office]\nname = "Kantor\n', encoding="utf-8")
    code, result = findings("--config", str(config), "--db", office_db)
    assert code == 1
    bad = only(result, "config")
    assert bad["status"] == "problem" and "not valid TOML" in bad["message"]
    assert "line 2" in bad["fix"]


# -- b. the database ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://kiosk:s3cret@db.example/kiosk", "not supported"),
        ("not a url", "not valid"),
        ("sqlite://", "in-memory"),
        ("postgresql://kiosk:s3cret@db.example:no-port/kiosk", "not valid"),
    ],
)
def test_a_bad_database_url_shows_the_right_form(preview_config: Path, url: str, said: str) -> None:
    code, result = findings("--config", str(preview_config), "--db", url)
    assert code == 1
    database = only(result, "database")
    assert database["status"] == "problem"
    assert said in database["message"]
    assert "sqlite:///" in database["fix"]
    assert "postgresql://USER:PASSWORD@HOST:5432/NAME" in database["fix"]
    assert "--db" in database["fix"], "says where the URL came from"
    assert "s3cret" not in json.dumps(result), "the password is never shown"
    assert only(result, "printer")["status"] == "ok", "the later checks still ran"


def test_an_unreachable_postgres_server(preview_config: Path) -> None:
    port = free_port()
    code, result = findings(
        "--config", str(preview_config), "--db", f"postgresql://kiosk:s3cret@127.0.0.1:{port}/k"
    )
    assert code == 1
    database = only(result, "database")
    assert database["status"] == "problem"
    assert f"cannot reach a PostgreSQL server at 127.0.0.1:{port}" in database["message"]
    assert "running" in database["fix"] and "listen_addresses" in database["fix"]
    assert "firewall" in database["fix"] and str(port) in database["fix"]
    assert "s3cret" not in json.dumps(result)


@pytest.mark.postgres
def test_a_wrong_postgres_password(preview_config: Path, postgres_url: str) -> None:
    wrong = make_url(postgres_url).set(password="not-the-password")
    code, result = findings(
        "--config", str(preview_config), "--db", wrong.render_as_string(hide_password=False)
    )
    assert code == 1
    database = only(result, "database")
    assert database["status"] == "problem"
    assert "password authentication failed" in database["message"]
    assert "check the user and password" in database["fix"]
    assert "not-the-password" not in json.dumps(result)


@pytest.mark.postgres
def test_a_postgres_database_that_does_not_exist(preview_config: Path, postgres_url: str) -> None:
    url = make_url(postgres_url).set(database="kiosk_no_such_db")
    code, result = findings(
        "--config", str(preview_config), "--db", url.render_as_string(hide_password=False)
    )
    assert code == 1
    database = only(result, "database")
    assert "kiosk_no_such_db does not exist" in database["message"]
    assert "createdb" in database["fix"] and "kiosk db upgrade" in database["fix"]


@pytest.mark.postgres
def test_an_empty_postgres_database_is_upgraded_by_its_owner(
    preview_config: Path, postgres_url: str
) -> None:
    code, result = findings("--config", str(preview_config), "--db", postgres_url)
    assert code == 1
    database = only(result, "database")
    assert database["status"] == "problem" and "is empty" in database["message"]
    owner = make_url(postgres_url).username
    assert f"owns the database ({owner})" in database["fix"]
    assert "db upgrade" in database["fix"] and "PASSWORD" in database["fix"]


@pytest.mark.postgres
def test_a_current_postgres_database_is_ok(preview_config: Path, postgres_url: str) -> None:
    current_db(postgres_url)
    code, result = findings("--config", str(preview_config), "--db", postgres_url)
    database = only(result, "database")
    assert database["status"] == "ok", database
    assert "PostgreSQL" in database["message"] and "***" in database["message"]
    assert code == 0


def test_an_old_schema_says_kiosk_db_upgrade(preview_config: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    try:
        migrate.upgrade(engine, "0003")
    finally:
        engine.dispose()
    code, result = findings("--config", str(preview_config), "--db", url)
    assert code == 1
    database = only(result, "database")
    assert database["status"] == "problem"
    assert f"schema 0003; this program needs {migrate.HEAD}" in database["message"]
    assert "kiosk --config" in database["fix"] and "db upgrade" in database["fix"]


def test_an_empty_or_missing_sqlite_database_says_kiosk_db_upgrade(
    preview_config: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    code, result = findings("--config", str(preview_config), "--db", f"sqlite:///{empty}")
    assert code == 1
    database = only(result, "database")
    assert "is empty" in database["message"] and "db upgrade" in database["fix"]

    missing = tmp_path / "missing.db"
    code, result = findings("--config", str(preview_config), "--db", f"sqlite:///{missing}")
    assert code == 1
    database = only(result, "database")
    assert "no database file yet" in database["message"] and "db upgrade" in database["fix"]
    assert not missing.exists(), "the doctor creates nothing"


# -- c. a printer port that is not there ------------------------------------------------------
def test_a_missing_printer_port(tmp_path: Path, office_db: str) -> None:
    port = tmp_path / "does-not-exist" / "ttyUSB9"
    config = write_config(tmp_path / "kiosk.toml", {"kind": "serial", "port": str(port)})
    code, result = findings("--config", str(config), "--db", office_db)
    assert code == 1
    printer = only(result, "printer")
    assert printer["status"] == "problem"
    assert f"{port} does not exist" in printer["message"]
    fix = printer["fix"]
    assert "cable" in fix and "switched on" in fix
    assert "serial ports on this PC" in fix or "no serial ports" in fix
    assert "60-kiosk-printer.rules" in fix and "udevadm" in fix
    text = doctor("--config", str(config), "--db", office_db).stdout
    assert f"[FAIL] printer: serial printer {port}" in text
    assert "       fix: check that the printer is switched on" in text


# -- d. a printer port without permission ---------------------------------------------------
@pytest.mark.parametrize("mode", [0o000, 0o060])
def test_a_printer_port_without_permission(
    tmp_path: Path, office_db: str, pty_printer: PtyPrinter, mode: int
) -> None:
    import grp
    import pwd

    if mode == 0o060:
        # The usual case: the port belongs to someone else and its group may use it; this
        # user is neither. (The owner's own bits would apply to its owner.)
        if not ROOT:
            pytest.skip("giving the port another owner needs root")
        try:
            gid = grp.getgrnam("dialout").gr_gid
        except KeyError:
            gid = 20
        os.chown(pty_printer.path, pwd.getpwnam("nobody").pw_uid, gid)
    os.chmod(pty_printer.path, mode)
    group = grp.getgrgid(os.stat(pty_printer.path).st_gid).gr_name
    user = pwd.getpwuid(os.getuid()).pw_name
    config = write_config(tmp_path / "kiosk.toml", {"kind": "serial", "port": pty_printer.path})
    code, result = findings("--config", str(config), "--db", office_db, deny=True)
    assert code == 1
    printer = only(result, "printer")
    assert printer["status"] == "problem"
    assert f"{user} may not open {pty_printer.path}" in printer["message"]
    assert f"group {group}" in printer["message"] and f"mode {mode:04o}" in printer["message"]
    if mode == 0o060:
        assert f"sudo usermod -aG {group} {user}" in printer["fix"]
        assert "log out and in again" in printer["fix"]
    else:
        assert f"sudo chmod 660 {pty_printer.path}" in printer["fix"]
        assert "60-kiosk-printer.rules" in printer["fix"]
    assert pty_printer.received == b"", "nothing was sent to the printer"


# -- the printer itself, through the port -------------------------------------------------------
def serial_config(tmp_path: Path, port: str, **more: Any) -> Path:
    return write_config(
        tmp_path / "kiosk.toml", {"kind": "serial", "port": port, "baudrate": 9600, **more}
    )


def test_a_printer_that_answers_ready(
    tmp_path: Path, office_db: str, pty_printer: PtyPrinter
) -> None:
    config = serial_config(tmp_path, pty_printer.path)
    code, result = findings("--config", str(config), "--db", office_db)
    printer = only(result, "printer")
    assert printer["status"] == "ok", printer
    assert "answers: ready" in printer["message"] and "9600 baud" in printer["message"]
    assert code == 0
    assert pty_printer.received == b"", "status queries only: nothing printed"


@pytest.mark.parametrize(
    ("state", "status", "said", "fix"),
    [
        (PrinterState.PAPER_OUT, "problem", "out of paper", "load a new thermal roll"),
        (PrinterState.COVER_OPEN, "problem", "cover is open", "close the cover"),
        (PrinterState.PAPER_NEAR_END, "warning", "running out", "new roll soon"),
        (PrinterState.NO_ANSWER, "warning", "does not answer (9600 baud", "status_query = false"),
    ],
)
def test_the_printers_own_state(
    tmp_path: Path,
    office_db: str,
    pty_printer: PtyPrinter,
    state: PrinterState,
    status: str,
    said: str,
    fix: str,
) -> None:
    pty_printer.state = state
    config = serial_config(tmp_path, pty_printer.path)
    code, result = findings("--config", str(config), "--db", office_db)
    printer = only(result, "printer")
    assert (printer["status"], said in printer["message"]) == (status, True), printer
    assert fix in printer["fix"]
    assert code == (1 if status == "problem" else 0)


def test_a_port_another_program_holds(tmp_path: Path, office_db: str) -> None:
    fake = PtyPrinter(hold=True)  # this test process keeps the port open
    try:
        config = serial_config(tmp_path, fake.path)
        code, result = findings("--config", str(config), "--db", office_db)
    finally:
        fake.close()
    assert code == 1
    printer = only(result, "printer")
    assert printer["status"] == "problem"
    assert "another program holds" in printer["message"]
    assert f"PID {os.getpid()}" in printer["message"]
    assert "stop the other kiosk" in printer["fix"]


def test_a_network_printer_that_refuses(tmp_path: Path, office_db: str) -> None:
    port = free_port()
    config = write_config(
        tmp_path / "kiosk.toml", {"kind": "network", "host": "127.0.0.1", "tcp_port": port}
    )
    code, result = findings("--config", str(config), "--db", office_db)
    assert code == 1
    printer = only(result, "printer")
    assert printer["status"] == "problem" and "refused" in printer["message"]
    assert "self-test page" in printer["fix"] and "subnet" in printer["fix"]


def test_no_printer_is_a_warning(tmp_path: Path, office_db: str) -> None:
    config = write_config(tmp_path / "kiosk.toml", {"kind": "none"})
    code, result = findings("--config", str(config), "--db", office_db)
    printer = only(result, "printer")
    assert printer["status"] == "warning" and "no slips will print" in printer["message"]
    assert code == 0


# -- the printer section a supervisor saved in the database -------------------------------------
def test_the_printer_saved_in_the_database_is_the_one_checked(
    preview_config: Path, db_url: str, tmp_path: Path
) -> None:
    port = tmp_path / "ttyUSB-from-admin"
    with Office.open(db_url, settings=settings_from_dict({})) as office:
        printer = {
            **editable_document(office.settings)["printer"],
            "kind": "serial",
            "port": str(port),
        }
        office.update_settings("printer", printer, session=admin_session(office))
    code, result = findings("--config", str(preview_config), "--db", db_url)
    assert code == 1
    found = only(result, "printer")
    assert found["status"] == "problem"
    assert f"{port} does not exist" in found["message"]
    assert "saved in the database" in found["message"]
    assert "admin window" in found["fix"]


# -- logs -------------------------------------------------------------------------------------
def test_a_log_folder_that_cannot_be_written(
    preview_config: Path, office_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("KIOSK_LOG_DIR", str(blocker / "log"))
    code, result = findings("--config", str(preview_config), "--db", office_db)
    assert code == 1
    logs = only(result, "logs")
    assert logs["status"] == "problem" and "cannot keep log files" in logs["message"]
    assert "KIOSK_LOG_DIR" in logs["fix"]


# -- Qt's platform plugin --------------------------------------------------------------------
def test_qt_starting_on_the_windows_platform_is_ok(tmp_path: Path, office_db: str) -> None:
    # The tests' platform (offscreen) is the one the windows would use here.
    _, result = findings("--db", office_db)
    qt = only(result, "qt")
    assert qt["status"] == "ok", qt
    assert qt["message"].startswith("Qt starts on the offscreen platform (1 screen "), qt


def test_a_missing_xcb_library_is_named_with_the_apt_line(tmp_path: Path, office_db: str) -> None:
    # As on a stock Debian desktop: Qt's X11 plugin lacks libxcb-icccm.so.4 (really gone,
    # in a mount namespace), and the windows would start on xcb.
    cmd = [sys.executable, "-m", "kiosk", "doctor", "--json", "--db", office_db]
    wrapped = hidden_library.command(["env", "QT_QPA_PLATFORM=xcb", *cmd], tmp_path)
    if wrapped is None:
        pytest.skip("needs Linux and root to hide a library in a mount namespace (unshare)")
    proc = subprocess.run(wrapped, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    qt = only(json.loads(proc.stdout), "qt")
    assert qt["status"] == "problem", qt
    assert qt["message"] == (
        f"Qt's xcb platform plugin cannot load: {hidden_library.HIDDEN} missing: no window can open"
    ), qt
    assert qt["fix"].splitlines()[0] == qt_platform.apt_command()
    assert "libxcb-icccm4" in qt["fix"]
    assert "xcb-util-wm" in qt["fix"]  # Fedora's name for the same library


def test_no_display_is_a_warning_not_a_problem(office_db: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "doctor", "--json", "--db", office_db],
        capture_output=True, text=True, timeout=120, env={**env, "QT_QPA_PLATFORM": "xcb"},
    )  # fmt: skip
    qt = only(json.loads(proc.stdout), "qt")
    assert qt["status"] == "warning", qt
    assert "no display" in qt["message"] and "DISPLAY is not set" in qt["message"], qt
    assert "DISPLAY=:0" in qt["fix"]


# -- the text form --------------------------------------------------------------------------
def test_help_mentions_the_doctor() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk", "--help"], capture_output=True, text=True, timeout=60
    )
    assert "kiosk doctor:" in proc.stdout


def test_format_and_exit_code() -> None:
    found = [
        Finding("config", "ok", "/etc/kiosk/kiosk.toml (office: X)"),
        Finding("printer", "problem", "/dev/kiosk-printer does not exist", "plug it in\nor not"),
        Finding("logs", "warning", "hm", None),
    ]
    text = format_findings(found)
    assert text.splitlines()[:5] == [
        "[ OK ] config: /etc/kiosk/kiosk.toml (office: X)",
        "[FAIL] printer: /dev/kiosk-printer does not exist",
        "       fix: plug it in",
        "            or not",
        "[WARN] logs: hm",
    ]
    assert "1 problem, 1 warning" in text
    assert exit_code(found) == 1
    assert exit_code(found[:1] + found[2:]) == 0


@pytest.mark.parametrize(
    ("cmdline", "window"),
    [
        ("/usr/bin/python3 -m kiosk run kiosk", True),
        ("/opt/kiosk/kiosk --config /etc/kiosk/kiosk.toml run kiosk --windowed", True),
        ("/opt/kiosk/kiosk run display", False),
        ("/usr/sbin/ModemManager", False),
        ("python -m pytest tests/integration/test_doctor.py", False),
    ],
)
def test_the_kiosk_window_holding_its_port_is_told_apart(cmdline: str, window: bool) -> None:
    from kiosk.tools.doctor.printer import _busy, _is_kiosk_window

    assert _is_kiosk_window(cmdline) is window
    found = _busy("/dev/kiosk-printer", [(4242, cmdline)], "serial printer /dev/kiosk-printer")
    assert found.status == ("warning" if window else "problem")
    assert "PID 4242" in found.message


@pytest.mark.skipif(os.name == "nt", reason="NTFS rights are ACLs, not mode bits")
def test_a_database_other_accounts_can_read_is_a_warning_with_the_chmod(
    preview_config: Path, office_db: str, tmp_path: Path
) -> None:
    """A database made by an older version (umask 022) or copied in: every account on the
    lobby PC could read the PIN hashes and the ticket secret."""
    path = tmp_path / "office.db"
    path.chmod(0o644)
    code, result = findings("--config", str(preview_config), "--db", office_db)
    assert code == 0, "a warning, the office still runs"
    (shared,) = [f for f in result if f["check"] == "database" and f["status"] == "warning"]
    assert f"{path} (" in shared["message"] and "mode 0644" in shared["message"]
    assert "read by every account" in shared["message"]
    assert shared["fix"] == f"chmod 600 {path}"
    # The fix as written makes the warning go.
    subprocess.run(shared["fix"].split(), check=True)
    code, result = findings("--config", str(preview_config), "--db", office_db)
    assert [f["status"] for f in result if f["check"] == "database"] == ["ok"]
