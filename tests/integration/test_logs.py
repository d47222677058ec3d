"""Log files: one per role in the log folder, the ticket code on every line about a ticket,
rotated, passwords hidden, and a folder that cannot be written never stops the program."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.bootstrap import setup_logging
from kiosk.cli import _safe_words
from kiosk.domain.staff import Role
from tests.staff import add_staff

LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d (INFO|WARNING|ERROR|DEBUG) +\d+"
    r"(?: \[(?P<ticket>[A-Z]+-\d{3})\])? [\w.]+: .+$"
)


def kiosk(log_dir: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_LOG_DIR": str(log_dir)}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", url, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )


@pytest.fixture
def root_logger() -> Iterator[None]:
    """setup_logging changes the root logger: put it back for the next tests."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_a_tickets_journey_is_in_the_cli_log_with_its_code_on_every_line(
    tmp_path: Path, sqlite_url: str
) -> None:
    logs = tmp_path / "logs"
    kiosk(logs, sqlite_url, "ticket", "issue", "--service", "A", "--print")
    kiosk(logs, sqlite_url, "ticket", "issue", "--service", "A")
    kiosk(logs, sqlite_url, "ticket", "call-next", "--counter", "1", "--officer", "siti")
    kiosk(logs, sqlite_url, "ticket", "recall", "A-001")
    kiosk(logs, sqlite_url, "ticket", "call-next", "--counter", "1")  # closes A-001
    kiosk(logs, sqlite_url, "ticket", "transfer", "A-002", "--to", "B")
    kiosk(logs, sqlite_url, "queue", "status")  # reading only: not logged

    assert sorted(p.name for p in logs.iterdir()) == ["cli.log"]
    lines = (logs / "cli.log").read_text(encoding="utf-8").splitlines()
    assert all(LINE.match(line) for line in lines), "\n".join(
        line for line in lines if not LINE.match(line)
    )
    about = [(m["ticket"], line) for line in lines if (m := LINE.match(line)) and m["ticket"]]
    a1 = [line.split(": ", 1)[1] for code, line in about if code == "A-001"]
    a2 = [line.split(": ", 1)[1] for code, line in about if code == "A-002"]
    assert a1[0] == "issued for service A, 0 ahead"
    assert a1[1] == "slip printed"  # to the preview folder (no printer in the config)
    assert "called to counter 1 by siti" in a1
    assert "recalled (1) to counter 1" in a1
    assert "done at counter 1 (closed by the next call)" in a1
    assert a2[0] == "issued for service A, 1 ahead"
    assert "called to counter 1" in a2
    assert "transferred from service A to B" in a2
    # Every line that names a ticket's code in words carries it as the tag too.
    for line in lines:
        for code in re.findall(r"\b[A-Z]-\d{3}\b", line.split(": ", 1)[1]):
            if "kiosk 0." not in line:  # the command line itself
                assert f"[{code}]" in line, line
    assert not any("status" in line for line in lines if "queue" in line)


def test_each_role_writes_its_own_file_and_old_files_rotate(
    tmp_path: Path, root_logger: None
) -> None:
    for role in ("kiosk", "counter"):
        path = setup_logging(role, folder=tmp_path, max_bytes=2_000, backups=2)
        assert path == tmp_path / f"{role}.log"
        log = logging.getLogger(f"kiosk.test.{role}")
        for i in range(100):
            log.info("line %d of the %s", i, role, extra={"ticket": "B-007"})
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "counter.log", "counter.log.1", "counter.log.2", "kiosk.log", "kiosk.log.1",
        "kiosk.log.2",
    ]  # fmt: skip
    last = (tmp_path / "counter.log").read_text(encoding="utf-8").splitlines()[-1]
    assert LINE.match(last)
    assert "[B-007] kiosk.test.counter: line 99 of the counter" in last
    assert "counter" not in (tmp_path / "kiosk.log").read_text(encoding="utf-8")


def test_a_log_folder_that_cannot_be_made_leaves_the_console_and_says_how_to_fix_it(
    tmp_path: Path, root_logger: None, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    assert setup_logging("display", folder=blocker / "logs") is None
    err = capsys.readouterr().err
    assert "cannot write the log file" in err
    assert "KIOSK_LOG_DIR" in err
    logging.getLogger("kiosk.test").warning("still logged to the console")
    assert "still logged to the console" in capsys.readouterr().err


def test_the_logged_command_line_hides_database_passwords() -> None:
    words = ["--db", "postgresql://kiosk_app:s3cret@10.0.0.5/kiosk", "ticket", "issue"]
    logged = " ".join(_safe_words(words))
    assert "s3cret" not in logged
    assert "kiosk_app:***@10.0.0.5/kiosk" in logged


def test_sign_ins_and_reprints_are_in_the_log(
    tmp_path: Path, sqlite_url: str, root_logger: None
) -> None:
    from kiosk.domain.errors import SignInRefused
    from kiosk.office import Office

    path = setup_logging("counter", folder=tmp_path / "logs")
    assert path is not None
    with Office.open(sqlite_url) as office:
        add_staff(office, "siti", "Siti Aminah", "officer", "135790")
        session = office.staff.sign_in(
            "siti", "135790", allowed=frozenset({Role("officer")}), where="counter 2"
        )
        with pytest.raises(SignInRefused):
            office.staff.sign_in(
                "siti",
                "000000",
                allowed=frozenset({Role("officer")}),
                where="counter 2",
            )
        office.staff.sign_out(session)
        ticket = office.issue_ticket("A")
        office.slips.record(ticket.id, printed=False, error="paper out")
        office.request_reprint(ticket.code, actor="siti")
        assert office.slips.take_reprints(office.today())
    text = path.read_text(encoding="utf-8")
    assert "siti (officer) signed in at counter 2" in text
    assert "sign-in refused for 'siti' at counter 2" in text
    assert "000000" not in text and "135790" not in text  # PINs never
    assert "siti signed out at counter 2" in text
    assert "[A-001] kiosk.services.slips: reprint asked by siti" in text
    assert "[A-001] kiosk.services.slips: reprint taken by this kiosk" in text


def test_an_applicants_suggestion_is_not_written_to_the_log(
    tmp_path: Path, sqlite_url: str
) -> None:
    """The log says that a suggestion was given, never its words (a name, a phone number,
    a complaint about an officer: not for every IT officer's eyes)."""
    words = "Petugas loket 2 kasar, hubungi saya 0812-3456-7890"
    for form in (["--suggestion", words], [f"--suggestion={words}"]):
        kiosk(tmp_path, sqlite_url, "survey", "submit", "--answers", "U1=4", *form)
    text = (tmp_path / "cli.log").read_text(encoding="utf-8")
    assert "0812" not in text and "kasar" not in text
    assert text.count("--suggestion (given)") == 1
    assert text.count("--suggestion=(given)") == 1
    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as conn:
        stored = [r[0] for r in conn.execute("SELECT suggestion FROM survey_responses")]
    assert len(stored) == 2 and all("0812" in s for s in stored)  # kept where it belongs


def test_log_lines_and_slip_files_are_in_office_time_whatever_the_pcs_zone(
    tmp_path: Path, sqlite_url: str
) -> None:
    """A PC left on UTC (as many are) in a WIB office: the log and the slip preview's file
    name agree with the screens (office time, +07:00), not with the PC's clock."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    logs, slips = tmp_path / "logs", tmp_path / "slips"
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[office]\ntimezone = "Asia/Jakarta"\n[printer]\nkind = "preview"\n'
        f'preview_dir = "{slips.as_posix()}"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "KIOSK_LOG_DIR": str(logs), "TZ": "UTC"}
    before = dt.datetime.now(ZoneInfo("Asia/Jakarta")).replace(microsecond=0, tzinfo=None)
    subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", sqlite_url, "--config", str(config),
         "ticket", "issue", "--service", "A", "--print"],
        capture_output=True, text=True, timeout=120, env=env, check=True,
    )  # fmt: skip
    after = dt.datetime.now(ZoneInfo("Asia/Jakarta")).replace(tzinfo=None)
    lines = (logs / "cli.log").read_text(encoding="utf-8").splitlines()
    about_ticket = [line for line in lines if "[A-001]" in line]
    assert about_ticket and all(line[23:29] == "+07:00" for line in about_ticket), lines
    (png,) = slips.glob("*-A-001.png")
    stamp = dt.datetime.strptime(png.name[:15], "%Y%m%d-%H%M%S")
    assert before <= stamp <= after, png.name
