"""``kiosk appointment`` as a front desk's script meets it: real processes, a real SQLite
file, the real clock (so the list is made for the office's today, slots around now)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.integration.test_cli import ok_json, user_error

PIN = "975310"


def run(*args: str, db: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
        input=input,
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'office.db'}"


def _admin(db: str) -> None:
    proc = run(
        "staff", "add", "--username", "kepala", "--name", "Kepala", "--role", "admin",
        "--pin-stdin", db=db, input=f"{PIN}\n{PIN}\n",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr


def _as_admin(*args: str, db: str):
    return run(*args, "--as", "kepala", "--pin-stdin", db=db, input=f"{PIN}\n")


def _now() -> dt.datetime:
    return dt.datetime.now(ZoneInfo("Asia/Jakarta"))


def _list(path: Path, rows: list[tuple[str, str, str]], sep: str = ";") -> Path:
    lines = [sep.join(("Code", "Service", "Time"))] + [sep.join(r) for r in rows]
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode())
    return path


def test_import_list_and_check_in_on_the_command_line(db: str, tmp_path: Path) -> None:
    _admin(db)
    now = _now()
    today = now.date().isoformat()
    soon = (now + dt.timedelta(hours=3)).strftime("%H.%M")
    rows = [("MP-0002001", "A", now.strftime("%H:%M")), ("MP-0002002", "B", soon)]
    if (now + dt.timedelta(hours=3)).date() != now.date():
        rows[1] = ("MP-0002002", "B", "23.59")  # late in the evening: still today, later
    path = _list(tmp_path / "jadwal.csv", rows)
    first = ok_json(_as_admin("appointment", "import", str(path), "--date", today, "--json", db=db))
    assert (first["added"], first["updated"], first["imported"]) == (
        ["MP-0002001", "MP-0002002"],
        [],
        True,
    )
    again = ok_json(_as_admin("appointment", "import", str(path), "--date", today, "--json", db=db))
    assert (again["added"], again["updated"], again["unchanged"]) == ([], [], 2)

    issued = ok_json(run("ticket", "issue", "--service", "C", "--json", db=db))
    done = ok_json(run("appointment", "check-in", "MP-0002001", "--json", db=db))
    assert set(done) == set(issued) | {"appointment"}, "the ticket as ticket issue prints it"
    assert (done["service"], done["code"], done["status"]) == ("A", "A-001", "waiting")
    assert done["appointment"]["code"] == "MP-0002001"
    assert done["appointment"]["time"] == now.strftime("%H:%M")
    twice = ok_json(run("appointment", "check-in", "MP-0002001", "--json", db=db))
    assert twice["id"] == done["id"] and twice["appointment"]["again"] is True
    status = ok_json(run("queue", "status", "--json", db=db))
    assert next(s for s in status["services"] if s["code"] == "A")["issued_today"] == 1

    slot = dt.datetime.combine(now.date(), dt.time.fromisoformat(rows[1][2].replace(".", ":")))
    if slot - now.replace(tzinfo=None) > dt.timedelta(minutes=31):  # not so near midnight
        early = user_error(run("appointment", "check-in", "MP-0002002", db=db), "MP-0002002")
        assert "check in from" in early
    user_error(run("appointment", "check-in", "MP-9999999", db=db), "no appointment")

    listed = ok_json(_as_admin("appointment", "list", "--json", db=db))
    assert [(a["code"], a["ticket"]) for a in listed] == [
        ("MP-0002001", "A-001"),
        ("MP-0002002", None),
    ]
    text = _as_admin("appointment", "list", db=db)
    assert text.returncode == 0, text.stderr
    assert "sudah check-in: A-001" in text.stdout and "belum" in text.stdout
    text = _as_admin("appointment", "list", "--lang", "en", db=db)
    assert "checked in: A-001" in text.stdout and "not yet" in text.stdout


def test_add_and_cancel_by_hand(db: str) -> None:
    _admin(db)
    added = ok_json(
        _as_admin("appointment", "add", "MP-5", "--time", "23.59", "--service", "b", "--json",
                  db=db)
    )  # fmt: skip
    assert (added["code"], added["service"], added["time"]) == ("MP-5", "B", "23:59")
    user_error(
        _as_admin("appointment", "add", "MP-5", "--time", "23:59", "-s", "B", db=db), "already"
    )
    gone = ok_json(_as_admin("appointment", "cancel", "MP-5", "--json", db=db))
    assert gone["cancelled"] is True
    user_error(run("appointment", "check-in", "MP-5", db=db), "cancelled")


def test_the_users_mistakes_exit_2_with_one_line(db: str, tmp_path: Path) -> None:
    _admin(db)
    path = _list(tmp_path / "a.csv", [("MP-1", "A", "10:00")], sep=",")
    user_error(
        run("appointment", "import", str(path), "--date", "2026-12-07", db=db),
        "needs a signed-in supervisor or admin",
    )
    user_error(run("appointment", "import", str(path), "--date", "7/12/2026", db=db), "not a date")
    user_error(run("appointment", "import", str(path), db=db), "--date")
    user_error(
        _as_admin("appointment", "import", str(tmp_path / "none.csv"), "--date", "2026-12-07",
                  db=db),
        "cannot read",
    )  # fmt: skip
    user_error(run("appointment", "add", "MP-1", "--time", "25:00", "-s", "A", db=db), "not a time")


def test_every_refused_row_is_listed_and_nothing_imported(db: str, tmp_path: Path) -> None:
    _admin(db)
    path = _list(tmp_path / "b.csv", [("MP-1", "A", "10:00"), ("MP-2", "Z", "10:00"),
                                      ("MP-3", "A", "jam sepuluh")])  # fmt: skip
    proc = _as_admin("appointment", "import", str(path), "--date", "2026-12-07", db=db)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[0] == "kiosk: error: b.csv: nothing imported, 2 rows refused:"
    assert lines[1].startswith("  line 3: MP-2: unknown service 'Z'")
    assert lines[2].startswith("  line 4: MP-3: 'jam sepuluh' is not a time")
    as_json = _as_admin("appointment", "import", str(path), "--date", "2026-12-07", "--json", db=db)
    assert as_json.returncode == 2
    assert [p["line"] for p in json.loads(as_json.stdout)["problems"]] == [3, 4]
    listed = ok_json(_as_admin("appointment", "list", "--date", "2026-12-07", "--json", db=db))
    assert listed == []


def test_an_unreachable_database_exits_3() -> None:
    proc = run("appointment", "check-in", "MP-1", db="postgresql://kiosk:x@127.0.0.1:1/none")
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr


def test_before_the_first_admin_the_list_needs_no_sign_in(db: str, tmp_path: Path) -> None:
    """The fixed interface: ``appointment import FILE --date D --json`` on an office that
    has no admin yet (anyone could add the first one, so nothing is protected until then)."""
    now = _now()
    path = _list(tmp_path / "c.csv", [("MP-0003001", "A", now.strftime("%H.%M"))], sep=",")
    today = now.date().isoformat()
    result = ok_json(run("appointment", "import", str(path), "--date", today, "--json", db=db))
    assert result["added"] == ["MP-0003001"]
    done = ok_json(run("appointment", "check-in", "MP-0003001", "--json", db=db))
    assert (done["appointment"]["code"], done["code"]) == ("MP-0003001", "A-001")
    _admin(db)  # from now on the list is staff's
    user_error(
        run("appointment", "import", str(path), "--date", today, db=db),
        "needs a signed-in supervisor or admin",
    )
