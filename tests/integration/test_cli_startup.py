"""The command line starts without the heavy libraries: building the parser (every command
in full, or one command as ``main`` does) imports no SQLAlchemy, pydantic or Qt, and no
scrypt hash is made at import. Checked in a fresh interpreter; no timing is asserted."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "pydantic", "PySide6", "alembic")

_PROBE = """
import json, sys
import kiosk.cli
parser = kiosk.cli.build_parser({only!r})
{parse}
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}})))
"""


def _imported(only: str | None, parse: str = "") -> set[str]:
    code = _PROBE.format(only=only, parse=parse)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("only", [None, "", "ticket", "report", "staff", "run", "bench"])
def test_building_the_parser_imports_no_heavy_library(only: str | None) -> None:
    imported = _imported(only)

    assert "kiosk" in imported  # the probe ran
    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


def test_parsing_a_command_line_imports_no_heavy_library() -> None:
    words = ["--db", "sqlite:///x.db", "ticket", "issue", "--service", "A"]
    parse = f"args = parser.parse_args({words!r}); assert args.func.__name__ == 'cmd_issue'"
    imported = _imported("ticket", parse)

    assert not imported & set(HEAVY), sorted(imported & set(HEAVY))


def test_importing_the_staff_service_makes_no_hash() -> None:
    """scrypt at import cost every process ~45 ms and 16 MiB (every bench worker too)."""
    code = (
        "import hashlib\n"
        "calls = []\n"
        "real = hashlib.scrypt\n"
        "hashlib.scrypt = lambda *a, **k: calls.append(1) or real(*a, **k)\n"
        "import kiosk.services.staff\n"
        "print(len(calls))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "0"


def test_main_finds_the_command_word() -> None:
    from kiosk.cli import command_word

    assert command_word(["--db", "sqlite:///x.db", "ticket", "issue"]) == "ticket"
    assert command_word(["--db=sqlite:///x.db", "queue", "status"]) == "queue"
    assert command_word(["--conf", "ticket", "report", "ikm"]) == "report"  # a prefix
    assert command_word(["--help"]) == ""
    assert command_word(["nonsense", "ticket"]) == ""
    assert command_word([]) == ""
