"""What the command line accepts, and refuses, before it does anything: the module runs as
``python -m kiosk.cli``, output formats follow the file's name, unknown service codes and
counter numbers are refused, and help texts list every choice (issue 12)."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from kiosk.cli import build_parser, main
from kiosk.cli.windows import WINDOWS
from kiosk.domain.model import TicketStatus
from kiosk.domain.staff import Role
from kiosk.office import Office
from kiosk.tools.demo.supervisor import DEMO_ROLES


def module(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", name, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )


def refused(
    capsys: pytest.CaptureFixture[str], argv: list[str], *words: str, not_written: Path
) -> str:
    """``kiosk argv`` exits 2 with one line on stderr naming ``words``, and writes nothing."""
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, (code, out, err)
    assert out == ""
    line = err.strip()
    assert len(line.splitlines()) == 1, line
    assert line.startswith("kiosk: error: "), line
    for w in words:
        assert w in line, line
    assert not not_written.exists()
    return line


# -- python -m kiosk.cli (defect 2) ------------------------------------------------------
def test_the_module_runs_as_a_script(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'office.db'}"
    config = tmp_path / "kiosk.toml"
    config.write_text('[office]\nname = "Kantor Uji"\n', encoding="utf-8")
    for name in ("kiosk.cli", "kiosk"):
        helped = module(name, "--help")
        assert helped.returncode == 0, helped.stderr
        assert "staff" in helped.stdout and "doctor" in helped.stdout
    upgraded = module("kiosk.cli", "--db", db, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    listed = module("kiosk.cli", "staff", "list", "--json", "--db", db)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == {"staff": []}
    doctor = module("kiosk.cli", "doctor", "--json", "--db", db, "--config", str(config))
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert {f["check"] for f in json.loads(doctor.stdout)} >= {"config", "database"}


# -- output formats (defect 10) ------------------------------------------------------------
@pytest.fixture
def url(tmp_path: Path) -> str:
    """An office with two tickets (one served and surveyed) on a real SQLite file."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    with Office.open(url) as office:
        ticket = office.issue_ticket("A")
        office.issue_ticket("B")
        office.call_next(1)
        office.finish(ticket.id)
        office.submit_survey(answers=dict.fromkeys([f"U{i}" for i in range(1, 10)], 4))
    return url


@pytest.mark.parametrize(
    ("command", "name", "words"),
    [
        (["export", "surveys"], "harian.pdf", [".csv or .xlsx", "not .pdf"]),
        (["export", "surveys", "--format", "csv"], "harian.xlsx", ["--format csv", "harian.xlsx"]),
        (["export", "surveys", "--format", "xlsx"], "harian.csv", ["--format xlsx"]),
        (["export", "tickets"], "tiket.pdf", [".csv or .xlsx", "not .pdf"]),
        (["export", "tickets"], "tiket.xls", ["not .xls"]),
        (["export", "tickets", "--format", "xlsx"], "tiket.csv", ["--format xlsx", "tiket.csv"]),
        (["report", "ikm", "--from", "2026-01-01"], "rekap.csv", [".pdf or .xlsx", "not .csv"]),
        (["report", "ikm", "--from", "2026-01-01", "--format", "pdf"], "rekap.xlsx", ["--format"]),
        (["report", "ikm", "--from", "2026-01-01", "--format", "xlsx"], "rekap.pdf", ["rekap.pdf"]),
    ],
)
def test_an_output_name_that_does_not_fit_is_refused(
    command: list[str],
    name: str,
    words: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / name
    fresh = tmp_path / "never.db"
    argv = [*command, "--db", f"sqlite:///{fresh}", "--out", str(out)]
    refused(capsys, argv, *words, not_written=out)
    assert not fresh.exists(), "refused before the database is even opened"


def test_the_format_comes_from_the_name(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def write(*argv: str) -> dict[str, object]:
        assert main([*argv, "--db", url, "--json"]) == 0
        answer: dict[str, object] = json.loads(capsys.readouterr().out)
        return answer

    tickets = tmp_path / "tiket.XLSX"
    assert write("export", "tickets", "--out", str(tickets))["format"] == "xlsx"
    sheet = openpyxl.load_workbook(tickets)["Tiket"]
    assert [r[1] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["A-001", "B-001"]
    surveys = tmp_path / "harian.xlsx"
    assert write("export", "surveys", "--out", str(surveys))["format"] == "xlsx"
    assert openpyxl.load_workbook(surveys)["Responden"].max_row == 2
    plain = tmp_path / "tiket"  # no extension: the command's default
    assert write("export", "tickets", "--out", str(plain))["format"] == "csv"
    assert plain.read_bytes().startswith(b"\xef\xbb\xbfTanggal,Nomor")
    matching = tmp_path / "tiket.csv"
    assert write("export", "tickets", "--format", "csv", "--out", str(matching))["format"] == "csv"
    with Office.open(url) as office:
        today = office.today().isoformat()
    recap = tmp_path / "rekap.pdf"
    assert write("report", "ikm", "--from", today, "--out", str(recap))["format"] == "pdf"
    assert recap.read_bytes().startswith(b"%PDF-")
    named = tmp_path / "rekap"
    recap_xlsx = write("report", "ikm", "--from", today, "--format", "xlsx", "--out", str(named))
    assert recap_xlsx["format"] == "xlsx"
    # openpyxl goes by the name too: hand it the bytes.
    assert "Rekap IKM" in openpyxl.load_workbook(io.BytesIO(named.read_bytes())).sheetnames


# -- unknown service codes and counter numbers (defect 11) ---------------------------------
def test_reports_and_exports_refuse_unknown_services_and_counters(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.xlsx"
    ikm = ["report", "ikm", "--db", url, "--from", "2026-01-01"]
    known_services = "known services: A, B, C, D, P"
    known_counters = "known counters: 1, 2, 3, 4, 5"
    refused(
        capsys, [*ikm, "--service", "Z"], "unknown service 'Z'", known_services, not_written=out
    )
    refused(
        capsys, [*ikm, "--counter", "42"], "unknown counter 42", known_counters, not_written=out
    )
    refused(capsys, [*ikm, "--service", "Z", "--out", str(out)], "'Z'", not_written=out)
    tickets = ["export", "tickets", "--db", url, "--out", str(out)]
    refused(capsys, [*tickets, "--service", "z"], "unknown service 'z'", not_written=out)
    refused(capsys, [*tickets, "--counter", "42"], known_counters, not_written=out)
    submit = ["survey", "submit", "--db", url, "--answers", "U1=4", "--service", "Z"]
    refused(capsys, submit, "unknown service 'Z'", known_services, not_written=out)
    # Known ones, in any case, still answer.
    assert main([*ikm, "--service", "a", "--counter", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["service"], result["counter"]) == ("A", 1)
    assert main([*tickets, "--service", "b", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tickets"] == 1


# -- help texts list every choice (defect 12) ----------------------------------------------
def _subcommands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], str, argparse.ArgumentParser]]:
    """(command words, its one-line help, its parser) for every command, nested ones too."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), helps.get(name, ""), sub
                yield from _subcommands(sub, (*path, name))


def _listed(text: str) -> list[set[str]]:
    """Each parenthesised list in a help text: "(kiosk, counter or display)"."""
    return [
        {w.strip() for w in re.split(r",|/|\bor\b", group) if w.strip()}
        for group in re.findall(r"\(([^()]*)\)", text)
    ]


def test_help_texts_list_every_choice() -> None:
    """A help text that lists some of an option's choices lists them all (``run`` once
    said "kiosk, counter, display" and left out admin)."""
    parsers: list[tuple[tuple[str, ...], str, argparse.ArgumentParser]] = [
        (("kiosk",), "", build_parser())
    ]
    parsers += [(words, summary, p) for words, summary, p in _subcommands(build_parser())]
    choices = [
        {str(c) for c in a.choices}
        for _, _, p in parsers
        for a in p._actions
        if a.choices and not isinstance(a, argparse._SubParsersAction)
    ]
    checked = 0
    for words, summary, parser in parsers:
        for text in [summary, *(a.help or "" for a in parser._actions)]:
            for listed in _listed(text):
                for options in choices:
                    if len(listed & options) >= 2:
                        checked += 1
                        assert options <= listed, (" ".join(words), text, sorted(options))
    assert checked >= 2  # `run` and `staff` at least


def test_window_and_role_choices_come_from_one_list() -> None:
    commands = {words: parser for words, _, parser in _subcommands(build_parser())}

    def choices(words: tuple[str, ...], dest: str) -> list[object]:
        action = next(a for a in commands[words]._actions if a.dest == dest)
        return list(action.choices or [])

    assert choices(("run",), "window") == list(WINDOWS)
    assert choices(("screenshots",), "window") == list(WINDOWS)
    assert set(DEMO_ROLES) <= set(WINDOWS)
    assert choices(("staff", "add"), "role") == [r.value for r in Role]
    assert choices(("export", "tickets"), "status") == [s.value for s in TicketStatus]
    top = " ".join(module("kiosk", "--help").stdout.split())  # however argparse wraps it
    listed = re.search(r"\brun start a window \(([^)]*)\)", top)
    assert listed is not None, top
    assert listed.group(1).split(", ") == list(WINDOWS)
