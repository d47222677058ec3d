"""Staff accounts and sign-in through the facade and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kiosk import Office
from kiosk.domain.errors import InvalidUsername, SignInRefused, StaffExists, UnknownStaff

COUNTER = ["officer", "supervisor", "admin"]
ADMIN = ["supervisor", "admin"]


def test_sign_in_rules_and_audit(db_url: str) -> None:
    with Office.open(db_url) as office:
        office.add_staff("budi", "Budi Santoso", "officer", "246810")
        office.add_staff("sari", "Sari Dewi", "supervisor", "135790")
        assert office.sign_in("Budi", "246810", roles=COUNTER, where="counter 3").username == "budi"
        with pytest.raises(SignInRefused):
            office.sign_in("budi", "000000", roles=COUNTER, where="counter 3")
        with pytest.raises(SignInRefused):
            office.sign_in("nobody", "246810", roles=COUNTER, where="counter 3")
        with pytest.raises(SignInRefused, match="wrong name or PIN"):
            office.sign_in("budi", "246810", roles=ADMIN, where="admin")  # officers: no admin
        assert (
            office.sign_in("sari", "135790", roles=ADMIN, where="admin").role.value == "supervisor"
        )
        office.disable_staff("budi")
        with pytest.raises(SignInRefused):
            office.sign_in("budi", "246810", roles=COUNTER, where="counter 3")
        office.enable_staff("budi")
        office.reset_staff_pin("budi", "864200")
        with pytest.raises(SignInRefused):
            office.sign_in("budi", "246810", roles=COUNTER, where="counter 3")
        assert office.sign_in("budi", "864200", roles=COUNTER, where="counter 3").active
        with pytest.raises(StaffExists):
            office.add_staff("BUDI", "x", "officer", "111111")
        with pytest.raises(UnknownStaff):
            office.disable_staff("ghost")
        with pytest.raises(InvalidUsername):
            office.add_staff("1 bad name", "x", "officer", "111111")
        actions = [e.action for e in office.audit_log(limit=50)]
        assert actions.count("sign_in") == 3
        assert actions.count("sign_in_refused") == 5
        assert {"staff_added", "staff_disabled", "staff_enabled", "staff_pin_reset"} <= set(actions)


def test_staff_cli_takes_the_pin_from_stdin_only(sqlite_url: str) -> None:
    def kiosk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kiosk", "--db", sqlite_url, "staff", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            env=os.environ.copy(),
        )

    added = kiosk(
        "add", "--username", "rina", "--role", "admin", "--pin-stdin", "--json", stdin="975310\n"
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["role"] == "admin"
    refused = kiosk("add", "--username", "tono")
    assert refused.returncode == 2
    assert "--pin-stdin" in refused.stderr
    listed = json.loads(kiosk("list", "--json").stdout)["staff"]
    assert [(a["username"], a["active"]) for a in listed] == [("rina", True)]
    assert kiosk("disable", "rina").returncode == 0
    assert json.loads(kiosk("list", "--json").stdout)["staff"][0]["active"] is False
    with Office.open(sqlite_url) as office, pytest.raises(SignInRefused):
        office.sign_in("rina", "975310", roles=ADMIN, where="admin")
