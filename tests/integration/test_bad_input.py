"""Bad input gets one clear line and exit 2 (the user's to fix), never a traceback (issue 13,
items 8, 10 and 11): numbers past what the office and its database hold, endless or
control-laden texts, a duplicated answer, a time before any office day, an unreadable
config folder, a database URL whose port is no number. The real ``kiosk`` command runs as
a process; the facade refuses the same inputs with a KioskError naming the limit."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.domain.errors import KioskError, NoSuchTicket, UnknownCounter
from kiosk.domain.limits import (
    ACTOR_MAX_CHARS,
    REASON_MAX_CHARS,
    ROWS_MAX,
    STAFF_NAME_MAX_CHARS,
)
from kiosk.domain.staff import Role
from kiosk.office import Office
from kiosk.survey.responses import clean_suggestion
from tests.processes import without_file_rights

#: Past 64 bits: SQLite cannot bind it; PostgreSQL's INTEGER ends sooner still.
HUGE = "99999999999999999999"
ALL_ANSWERS = ",".join(f"U{i}=4" for i in range(1, 10))


def kiosk_command() -> list[str]:
    """The installed ``kiosk`` script next to this Python (the command people run)."""
    script = Path(sys.executable).with_name("kiosk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kiosk"]


def run(*args: str, env: dict[str, str] | None = None, as_user: bool = False):
    cmd = [*kiosk_command(), *args]
    return subprocess.run(
        without_file_rights(cmd) if as_user else cmd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def refused(proc: subprocess.CompletedProcess[str], *words: str, code: int = 2) -> str:
    """Exit ``code``, nothing on stdout, one line on stderr naming ``words``."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stdout == ""
    line = proc.stderr.strip()
    assert len(line.splitlines()) == 1, line
    assert line.startswith("kiosk"), line
    for w in words:
        assert w in line, line
    return line


@pytest.fixture(scope="module")
def office_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real SQLite office with one ticket waiting (A-001)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('office') / 'office.db'}"
    with Office.open(url) as office:
        office.issue_ticket("A")
    return url


# -- item 8: numbers past the database's integers, the config folder, the URL, the time --
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["ticket", "call-next", "--counter", HUGE],
            ["--counter", HUGE, "counter number (1 to 999)"],
        ),
        (["ticket", "call", "A-001", "--counter", "0", "--reason", "x"], ["0 is not a counter"]),
        (["counter", "show", HUGE], [HUGE, "(1 to 999)"]),
        (["counter", "pause", "-3"], ["-3 is not a counter number"]),
        (["ticket", "show", HUGE], [f"{HUGE} is not a ticket id (1 to 2147483647)"]),
        (["ticket", "finish", "2147483648"], ["not a ticket id"]),
        (["queue", "calls", "--limit", HUGE], ["--limit", f"(1 to {ROWS_MAX})"]),
        (["queue", "calls", "--limit", "-5"], ["--limit", "-5", f"(1 to {ROWS_MAX})"]),
        (["audit", "--limit", "0"], ["--limit", "0 is not a number of rows"]),
        (["counter", "show", "1", "--limit", "-1"], ["--limit", "-1"]),
        (["report", "ikm", "--from", "2026-01-01", "--counter", HUGE], ["--counter", HUGE]),
        (["survey", "submit", "--answers", "U1=4", "--ticket", HUGE], ["--ticket", "ticket id"]),
        (["report", "ikm", "--age-min", HUGE], ["--age-min", "not an age (10 to 120)"]),
        (["report", "ikm", "--age-max", "5"], ["--age-max", "5 is not an age"]),
        (["db", "backup", "--keep", "0"], ["--keep", "0 is not a number of backups"]),
        (["demo-data", "--seed", "-1"], ["--seed", "-1 is not a random seed"]),
        (["bench", "--history", HUGE], ["--history", "not a number of tickets"]),
        (["printer", "status", "--baud", "5"], ["--baud", "5 is not a serial speed (1200 to"]),
        (
            ["survey", "submit", "--answers", ALL_ANSWERS, "--at", "0001-01-01T00:00"],
            ["0001-01-01", "before 2000-01-01"],
        ),
        (
            ["survey", "submit", "--answers", ALL_ANSWERS, "--at", "9999-12-31T23:59-12:00"],
            ["in the future"],
        ),
    ],
)
def test_numbers_and_times_out_of_range_are_refused(
    office_db: str, args: list[str], words: list[str]
) -> None:
    refused(run(*args, "--db", office_db), *words)


def test_a_database_url_whose_port_is_not_a_number_is_refused(tmp_path: Path) -> None:
    line = refused(run("queue", "calls", "--db", "postgresql://u:secret@host:abc/x"), "PORT")
    assert "secret" not in line, "the password stays off the screen"


def test_an_unreadable_config_folder_is_refused(tmp_path: Path, office_db: str) -> None:
    config_home = tmp_path / "config"
    (config_home / "kiosk").mkdir(parents=True)
    (config_home / "kiosk" / "kiosk.toml").write_text('[office]\nname = "X"\n', "utf-8")
    config_home.chmod(0)
    try:
        proc = run(
            "queue", "calls", "--db", office_db, env={"XDG_CONFIG_HOME": str(config_home)},
            as_user=True,
        )  # fmt: skip
    finally:
        config_home.chmod(0o700)
    refused(proc, "configuration folder", "permissions", "--config")


# -- item 10: control characters in a suggestion -----------------------------------------
@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x0b", "\x1f"])
def test_a_suggestion_with_a_control_character_is_refused(char: str) -> None:
    with pytest.raises(KioskError, match=f"U\\+{ord(char):04X}"):
        clean_suggestion(f"antrean{char}cepat")


def test_line_breaks_in_a_suggestion_become_spaces() -> None:
    # A paper form's saran typed in with its lines: kept as one line.
    assert clean_suggestion("antrean\r\ncepat\tsekali") == "antrean cepat sekali"


def test_the_command_and_the_facade_refuse_an_escape_in_a_suggestion(office_db: str) -> None:
    proc = run("survey", "submit", "--db", office_db, "--answers", ALL_ANSWERS,
               "--suggestion", "bagus\x1b[2Jsekali")  # fmt: skip
    refused(proc, "suggestion", "U+001B")
    with Office.open(office_db) as office, pytest.raises(KioskError, match="U\\+0001"):
        office.submit_survey(answers={"U1": 4}, suggestion="a\x01b")


# -- item 11: free texts have limits, a duplicate answer is refused ----------------------
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["ticket", "call", "A-001", "--counter", "1", "--reason", "x" * (REASON_MAX_CHARS + 1)],
            ["--reason", f"at most {REASON_MAX_CHARS}"],
        ),
        (["ticket", "call", "A-001", "--counter", "1", "--reason", "a\x1bb"], ["U+001B"]),
        (
            ["ticket", "call-next", "--counter", "1", "--officer", "o" * (ACTOR_MAX_CHARS + 1)],
            ["--officer", f"at most {ACTOR_MAX_CHARS}"],
        ),
        (
            ["staff", "add", "--username", "budi", "--name", "n" * (STAFF_NAME_MAX_CHARS + 1)],
            ["--name", f"at most {STAFF_NAME_MAX_CHARS}"],
        ),
        (["survey", "submit", "--answers", "U1=4,U1=1"], ["--answers", "U1 is given twice"]),
        (["survey", "submit", "--answers", "U1=4,u1=1"], ["given twice"]),
        (["survey", "submit", "--answers", "U1=4", "--profile", "gender=L,gender=P"], ["gender"]),
    ],
)
def test_texts_past_their_limit_and_duplicates_are_refused(
    office_db: str, args: list[str], words: list[str]
) -> None:
    refused(run(*args, "--db", office_db), *words)


def test_a_suggestion_past_its_limit_is_refused_by_the_command(office_db: str) -> None:
    proc = run("survey", "submit", "--db", office_db, "--answers", ALL_ANSWERS,
               "--suggestion", "s" * 1001)  # fmt: skip
    refused(proc, "1001 characters", "at most 1000")


def test_the_facade_refuses_the_same(db_url: str) -> None:
    """Not only argparse: a window or a script on the facade meets the same limits (and on
    PostgreSQL an out-of-range counter is no "integer out of range" database error)."""
    with Office.open(db_url) as office:
        ticket = office.issue_ticket("A")
        with pytest.raises(KioskError, match=f"the reason .* at most {REASON_MAX_CHARS}"):
            office.queue.call_ticket(ticket.id, 1, reason="x" * 10_000_000)
        with pytest.raises(KioskError, match=f"at most {ACTOR_MAX_CHARS}"):
            office.call_next(1, actor="o" * 10_000)
        with pytest.raises(UnknownCounter):
            office.call_next(int(HUGE))
        with pytest.raises(UnknownCounter):
            office.queue.call_ticket(ticket.id, 2**31, reason="x")
        with pytest.raises(NoSuchTicket):
            office.queue.get_ticket(int(HUGE))
        with pytest.raises(KioskError, match=f"limit: -5 is out of range \\(1 to {ROWS_MAX}\\)"):
            office.queue.recent_calls(-5)
        with pytest.raises(KioskError, match="before 2000-01-01"):
            office.submit_survey(answers={"U1": 4}, at=dt.datetime(1, 1, 1))
        with pytest.raises(NoSuchTicket):
            office.submit_survey(answers={f"U{i}": 4 for i in range(1, 10)}, ticket=int(HUGE))
        with pytest.raises(NoSuchTicket):
            office.submit_survey(answers={f"U{i}": 4 for i in range(1, 10)}, ticket=HUGE)
        with pytest.raises(KioskError, match=f"at most {ACTOR_MAX_CHARS}"):
            office.request_reprint(ticket.id, actor="o" * 10_000)
        with pytest.raises(KioskError, match=f"at most {STAFF_NAME_MAX_CHARS}"):
            office.staff.add("kepala", "n" * 121, Role.ADMIN, "rahasia-123456", session=None)
        # Nothing of it was kept: the ticket still waits, nobody was added.
        assert office.queue.get_ticket(ticket.id).status.value == "waiting"
        assert office.staff.accounts() == []
