"""Sign-in resists guessing: five wrong PINs lock an account for 1, then 5, then 15
minutes, whatever PIN comes next; the lock lives in the database (a restart or another PC
does not lift it); an admin can unlock; every lockout is audited."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest

from kiosk import Office
from kiosk.domain.errors import AccountLocked, SignInRefused
from kiosk.domain.staff import LOCKOUT_MINUTES, SIGN_IN_ATTEMPTS, Role, SignInGuard
from tests.staff import TEST_ADMIN, add_staff, admin_session

PIN = "135790"
WRONG = "000000"
T0 = dt.datetime(2026, 12, 3, 2, 0, tzinfo=dt.UTC)  # 09.00 WIB


class Clockwork:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clockwork:
    return Clockwork()


@pytest.fixture
def open_office(db_url: str, clock: Clockwork) -> Iterator[Callable[[], Office]]:
    """A new Office on the same database each call: another PC, or the window restarted."""
    opened: list[Office] = []

    def make() -> Office:
        office = Office.open(db_url, clock=clock)
        opened.append(office)
        return office

    yield make
    for office in opened:
        office.close()


def sign_in(office: Office, pin: str) -> None:
    office.staff.sign_in("siti", pin, allowed=frozenset({Role.OFFICER}), where="Loket 1")


def guess_wrong(office: Office, times: int) -> list[type[Exception]]:
    refusals: list[type[Exception]] = []
    for _ in range(times):
        with pytest.raises(SignInRefused) as refused:
            sign_in(office, WRONG)
        refusals.append(type(refused.value))
    return refusals


def test_five_wrong_pins_lock_the_account_for_growing_times(
    open_office: Callable[[], Office], clock: Clockwork
) -> None:
    office = open_office()
    add_staff(office, "siti", "Siti Aminah", "officer", PIN)
    for step, minutes in enumerate((*LOCKOUT_MINUTES, LOCKOUT_MINUTES[-1]), start=1):
        refusals = guess_wrong(office, SIGN_IN_ATTEMPTS)
        # The first four are plain refusals; the fifth says the account is now locked.
        assert refusals == [SignInRefused] * (SIGN_IN_ATTEMPTS - 1) + [AccountLocked], step
        # Locked: even the right PIN is refused, right up to the end of the lockout.
        clock.advance(minutes=minutes, seconds=-1)
        with pytest.raises(AccountLocked) as locked:
            sign_in(office, PIN)
        assert locked.value.minutes == 1
        assert "locked for 1 more minute" in str(locked.value)
        clock.advance(seconds=1)
    # After the last lockout ran out, the right PIN is let in and ends the streak.
    sign_in(office, PIN)
    guess_wrong(office, SIGN_IN_ATTEMPTS)
    clock.advance(minutes=LOCKOUT_MINUTES[0])
    sign_in(office, PIN)  # the streak started again from the first, shortest step

    locks = [e for e in office.queue.audit_log(limit=500) if e.action == "account_locked"]
    assert [e.detail["minutes"] for e in reversed(locks)] == [1, 5, 15, 15, 1]
    assert {e.actor for e in locks} == {"siti"}


def test_the_lock_holds_across_a_restart_and_another_pc(
    open_office: Callable[[], Office], clock: Clockwork
) -> None:
    counter_pc = open_office()
    add_staff(counter_pc, "siti", "Siti Aminah", "officer", PIN)
    guess_wrong(counter_pc, 3)
    counter_pc.close()
    # The window restarted: the three wrong PINs still count, two more lock.
    restarted = open_office()
    guess_wrong(restarted, 1)
    other_pc = open_office()
    assert guess_wrong(other_pc, 1) == [AccountLocked]
    for office in (restarted, other_pc):
        with pytest.raises(AccountLocked):
            sign_in(office, PIN)
    locked = {a.username: a.locked_until for a in other_pc.staff.accounts()}
    assert locked["siti"] == T0 + dt.timedelta(minutes=1)


def test_an_admin_unlocks_and_it_is_audited(
    open_office: Callable[[], Office], clock: Clockwork
) -> None:
    office = open_office()
    add_staff(office, "siti", "Siti Aminah", "officer", PIN)
    guess_wrong(office, SIGN_IN_ATTEMPTS)
    with pytest.raises(AccountLocked):
        sign_in(office, PIN)
    admin = admin_session(office)
    office.staff.unlock("siti", session=admin)
    sign_in(office, PIN)
    unlocked = [e for e in office.queue.audit_log(limit=500) if e.action == "account_unlocked"]
    assert [(e.actor, e.detail["username"]) for e in unlocked] == [("admin.uji", "siti")]
    refused = [e for e in office.queue.audit_log(limit=500) if e.action == "sign_in_refused"]
    assert refused[0].detail.get("why") == "locked"  # the newest: refused while locked


def test_a_locked_account_is_refused_without_checking_the_pin(
    open_office: Callable[[], Office], clock: Clockwork
) -> None:
    """While locked, an answer comes at once, the same for a right and a wrong PIN: the
    slow scrypt check is not even run, so a guesser learns nothing and costs nothing."""
    office = open_office()
    add_staff(office, "siti", "Siti Aminah", "officer", PIN)
    guess_wrong(office, SIGN_IN_ATTEMPTS)
    answers = []
    for pin in (PIN, WRONG):
        start = time.perf_counter()
        with pytest.raises(AccountLocked) as locked:
            sign_in(office, pin)
        answers.append((str(locked.value), time.perf_counter() - start))
    assert answers[0][0] == answers[1][0]


def test_the_guard_counts_and_locks() -> None:
    guard = SignInGuard()
    for _ in range(SIGN_IN_ATTEMPTS - 1):
        guard = guard.after_wrong_pin(T0)
        assert not guard.locked(T0)
    guard = guard.after_wrong_pin(T0)
    assert guard == SignInGuard(0, 1, T0 + dt.timedelta(minutes=1))
    assert guard.locked(T0 + dt.timedelta(seconds=59))
    assert not guard.locked(T0 + dt.timedelta(minutes=1))


def test_the_cli_lists_a_locked_account_and_unlocks_it(sqlite_url: str) -> None:
    with Office.open(sqlite_url) as office:
        add_staff(office, "siti", "Siti Aminah", "officer", PIN)
        guess_wrong(office, SIGN_IN_ATTEMPTS)

    def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kiosk", "--db", sqlite_url, *args],
            input=f"{TEST_ADMIN[2]}\n", capture_output=True, text=True, timeout=120,
            env=dict(os.environ),
        )  # fmt: skip

    listed = kiosk("staff", "list")
    assert "siti" in listed.stdout and "[locked after wrong PINs until" in listed.stdout
    [account] = [
        a for a in json.loads(kiosk("staff", "list", "--json").stdout)["staff"]
        if a["username"] == "siti"
    ]  # fmt: skip
    assert account["locked_until"] is not None
    unlocked = kiosk("staff", "unlock", "siti", "--as", "admin.uji", "--pin-stdin")
    assert unlocked.returncode == 0, unlocked.stderr
    with Office.open(sqlite_url) as office:
        sign_in(office, PIN)
    unknown = kiosk("staff", "unlock", "nobody", "--as", "admin.uji", "--pin-stdin")
    assert unknown.returncode == 2 and "nobody" in unknown.stderr
    assert "Traceback" not in unknown.stderr
