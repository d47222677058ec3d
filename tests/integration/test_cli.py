"""The command line as scripts meet it: a real process, a real SQLite file, JSON on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(
    *args: str, db: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
):
    cmd = [sys.executable, "-m", "kiosk"]
    if db:
        cmd += ["--db", db]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, timeout=120, env=full_env, cwd=cwd
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'office.db'}"


def ok_json(proc: subprocess.CompletedProcess[str]):
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def user_error(proc: subprocess.CompletedProcess[str], *words: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    line = proc.stderr.strip()
    assert len(line.splitlines()) == 1, line
    for w in words:
        assert w in line, line
    return line


def test_issue_call_finish_round_trip(db: str) -> None:
    a1 = ok_json(run("ticket", "issue", "--service", "A", "--json", db=db))
    assert (a1["code"], a1["service"], a1["status"]) == ("A-001", "A", "waiting")
    a2 = ok_json(run("ticket", "issue", "--service", "a", "--priority", "lansia", "--json", db=db))
    assert (a2["code"], a2["priority"]) == ("A-002", "lansia")
    # --db after the subcommand works too
    called = ok_json(run("ticket", "call-next", "--counter", "1", "--json", "--db", db))
    assert called["id"] == a2["id"], "priority_first: the lansia ticket goes first"
    assert (called["status"], called["counter"]) == ("called", 1)
    done = ok_json(run("ticket", "finish", str(called["id"]), "--json", db=db))
    assert done["status"] == "done"
    by_code = ok_json(run("ticket", "show", "A-001", "--json", db=db))
    assert by_code["id"] == a1["id"]
    status = ok_json(run("queue", "status", "--json", db=db))
    a = next(s for s in status["services"] if s["code"] == "A")
    assert (a["waiting"], a["issued_today"]) == (1, 2)


def test_call_next_with_nobody_waiting_prints_null(db: str) -> None:
    proc = run("ticket", "call-next", "--counter", "2", "--json", db=db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "null"


def test_user_errors_exit_2_with_one_line(db: str, tmp_path: Path) -> None:
    user_error(run("ticket", "issue", "--service", "Z", db=db), "unknown service", "'Z'")
    user_error(run("ticket", "call-next", "--counter", "99", db=db), "unknown counter 99")
    user_error(run("ticket", "finish", "A-404", db=db), "no such ticket")
    ok_json(run("ticket", "issue", "-s", "B", "--json", db=db))
    user_error(run("ticket", "finish", "B-001", db=db), "B-001", "waiting", "cannot be finished")
    user_error(run("ticket", "call", "B-001", "--counter", "1", db=db), "needs a reason")
    user_error(run("ticket", "issue", "-s", "A", "-p", "vip", db=db), "unknown priority")
    user_error(run("ticket", "issue", db=db), "--service")  # argparse: missing option


def test_out_of_order_call_is_audited(db: str) -> None:
    ok_json(run("ticket", "issue", "-s", "A", "--json", db=db))
    ok_json(run("ticket", "issue", "-s", "A", "--json", db=db))
    t = ok_json(
        run(
            "ticket",
            "call",
            "A-002",
            "-c",
            "3",
            "--reason",
            "wheelchair user",
            "--officer",
            "budi",
            "--json",
            db=db,
        )
    )
    assert (t["code"], t["status"], t["counter"]) == ("A-002", "called", 3)
    log = ok_json(run("audit", "--json", db=db))["entries"]
    assert log[0]["action"] == "call_out_of_order"
    assert (log[0]["ticket"], log[0]["reason"], log[0]["actor"]) == (
        "A-002",
        "wheelchair user",
        "budi",
    )


def test_quota_and_closed_service_from_config(db: str, tmp_path: Path) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(
        """
[office]
name = "Kantor Uji"
[[services]]
code = "A"
name_id = "Paspor Baru"
name_en = "New Passport"
daily_quota = 1
[[services]]
code = "N"
name_id = "Tutup"
name_en = "Closed"
hours = { sun = "00:00-00:01" }
""",
        encoding="utf-8",
    )
    env = {"KIOSK_CONFIG": str(cfg)}
    ok_json(run("ticket", "issue", "-s", "A", "--json", db=db, env=env))
    user_error(run("ticket", "issue", "-s", "A", db=db, env=env), "all 1 tickets")
    line = user_error(run("ticket", "issue", "-s", "N", db=db, env=env), "closed now")
    assert "sun 00:00-00:01" in line


def test_config_check_names_file_key_and_expectation(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[office]\nname = "X"\ntimezone = "Mars/Olympus"\n', encoding="utf-8")
    line = user_error(run("config", "check", "--config", str(cfg)), str(cfg), "office.timezone")
    assert "Asia/Jakarta" in line
    good = ok_json(run("config", "check", "--json"))
    assert good["services"] == ["A", "B", "C", "D", "P"]
    assert good["source"] == "built-in defaults"


def test_unreachable_database_exits_3_without_traceback() -> None:
    proc = run("queue", "status", db="postgresql://kiosk:x@127.0.0.1:1/none")
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "cannot reach the database" in proc.stderr
    assert ":x@" not in proc.stderr, "the password must not be printed"


def test_db_upgrade_and_demo_data(db: str) -> None:
    first = run("db", "upgrade", db=db)
    assert first.returncode == 0, first.stderr
    assert "upgraded from empty" in first.stdout
    again = run("db", "upgrade", db=db)
    assert "up to date" in again.stdout
    summary = ok_json(run("demo-data", "--seed", "3", "--json", db=db))
    assert summary["issued"] > 0
    assert summary["issued"] == sum(summary["per_service"].values())
    status = ok_json(run("queue", "status", "--json", db=db))
    assert sum(s["issued_today"] for s in status["services"]) == summary["issued"]
    second = ok_json(run("demo-data", "--json", db=db))
    assert second["skipped"] is True


def test_counter_break_desk_calls_and_reprint_request(db: str) -> None:
    for _ in range(3):
        ok_json(run("ticket", "issue", "--service", "A", "--json", db=db))
    paused = ok_json(run("counter", "pause", "1", "--officer", "siti", "--json", db=db))
    assert paused == {"number": 1, "name": "Loket 1", "paused": True}
    proc = run("counter", "show", "1", db=db)  # Indonesian by default, one language a run
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "Loket 1 (istirahat): melayani A, B",
        "  sekarang: -",
        "  hari ini: 0 dilayani",
        "  menunggu: 3: A-001 A-002 A-003",
    ]
    proc = run("counter", "show", "1", "--lang", "en", db=db)
    assert "Loket 1 (on a break): serves A, B" in proc.stdout
    assert "waiting: 3: A-001 A-002 A-003" in proc.stdout
    issued = run("--lang", "en", "ticket", "issue", "--service", "A", db=db).stdout
    assert "service A  waiting  3 ahead, about" in issued and "min" in issued
    issued = run("ticket", "issue", "--service", "A", db=db).stdout
    assert "layanan A  menunggu  4 di depan, sekitar" in issued and "mnt" in issued
    assert ok_json(run("counter", "resume", "1", "--json", db=db))["paused"] is False

    called = ok_json(run("ticket", "call-next", "--counter", "1", "--json", db=db))
    ok_json(run("ticket", "recall", called["code"], "--json", db=db))
    calls = ok_json(run("queue", "calls", "--json", db=db))["calls"]
    assert [(c["code"], c["counter"], c["recall"]) for c in calls] == [
        ("A-001", 1, 1),
        ("A-001", 1, 0),
    ]
    desk = ok_json(run("counter", "show", "1", "--json", db=db))
    assert desk["current"]["code"] == "A-001"
    assert [t["code"] for t in desk["waiting"]] == ["A-002", "A-003", "A-004", "A-005"]

    # Only a slip that failed may be asked again.
    line = user_error(run("ticket", "request-reprint", "A-002", db=db), "A-002", "failed slip")
    assert "only a failed slip" in line
    audit = ok_json(run("audit", "--json", db=db))["entries"]
    assert {"counter_paused", "counter_resumed"} <= {e["action"] for e in audit}
    user_error(run("counter", "pause", "42", db=db), "unknown counter 42")
