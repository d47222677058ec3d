"""Staff accounts: roles, and PINs or passwords kept only as slow salted hashes (scrypt)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.domain.errors import KioskError

# scrypt cost: ~50 ms and 16 MiB per check on a cheap mini-PC; a stolen database then costs
# an attacker that much per guess, and a 6-digit PIN is not free to brute-force.
_N, _R, _P = 2**14, 8, 1
#: Any stored secret (accounts made before NEW_SECRET_MIN still sign in with theirs).
MIN_SECRET = 4
MAX_SECRET = 128
#: A new account's PIN or a reset one: 6 digits are a million guesses, 4 only ten thousand.
NEW_SECRET_MIN = 6

#: Wrong PINs in a row that lock an account, and how long each lockout of a streak lasts
#: (the last one repeats until a right PIN or an admin ends the streak). With these, a
#: guesser gets 5 tries per 15 minutes: 480 a day, where a 6-digit PIN has a million.
SIGN_IN_ATTEMPTS = 5
LOCKOUT_MINUTES = (1, 5, 15)


class Role(StrEnum):
    OFFICER = "officer"  # counter window
    SUPERVISOR = "supervisor"  # admin window: dashboard, reports, exports
    ADMIN = "admin"  # admin window: settings and staff too


class Right(StrEnum):
    """What a privileged action needs; who has it is RIGHTS, checked by the services."""

    MANAGE_STAFF = "manage_staff"  # add, disable, enable, reset a PIN, unlock an account
    CHANGE_SETTINGS = "change_settings"  # settings, the logo, the kiosk's exit PIN, restore
    TEST_PRINTER = "test_printer"  # ask a kiosk to print a test page
    APPOINTMENTS = "appointments"  # import, list, add and cancel the day's appointments


RIGHTS: dict[Right, frozenset[Role]] = {
    Right.MANAGE_STAFF: frozenset({Role.ADMIN}),
    Right.CHANGE_SETTINGS: frozenset({Role.ADMIN}),
    Right.TEST_PRINTER: frozenset({Role.SUPERVISOR, Role.ADMIN}),
    Right.APPOINTMENTS: frozenset({Role.SUPERVISOR, Role.ADMIN}),
}


@dataclass(frozen=True, slots=True)
class StaffAccount:
    id: int
    username: str
    name: str
    role: Role
    active: bool
    created_at: dt.datetime
    #: While set and in the future, sign-in is refused whatever the PIN.
    locked_until: dt.datetime | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "username": self.username,
            "name": self.name,
            "role": self.role.value,
            "active": self.active,
            "created_at": self.created_at.isoformat(),
            "locked_until": self.locked_until.isoformat() if self.locked_until else None,
        }


@dataclass(frozen=True, slots=True)
class SignInGuard:
    """An account's wrong PINs in a row and its lockout (kept in the database, so neither a
    restart nor another PC resets them)."""

    failures: int = 0
    lockouts: int = 0
    locked_until: dt.datetime | None = None

    def locked(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_wrong_pin(self, now: dt.datetime) -> SignInGuard:
        """One more wrong PIN: the SIGN_IN_ATTEMPTS-th locks for the streak's next step."""
        failures = self.failures + 1
        if failures < SIGN_IN_ATTEMPTS:
            return SignInGuard(failures, self.lockouts, self.locked_until)
        lockouts = self.lockouts + 1
        minutes = LOCKOUT_MINUTES[min(lockouts, len(LOCKOUT_MINUTES)) - 1]
        return SignInGuard(0, lockouts, now + dt.timedelta(minutes=minutes))


@dataclass(frozen=True, slots=True)
class StaffSession:
    """A signed-in account: what ``sign_in`` returns and what privileged actions take.

    The token is checked against the database by the services on every privileged action
    (the session must still be open and the account active with a role that has the
    right), so a session cannot be made up, and a disabled account or a changed role
    takes effect at once."""

    account: StaffAccount
    where: str
    token: str = field(repr=False)

    @property
    def username(self) -> str:
        return self.account.username

    @property
    def role(self) -> Role:
        return self.account.role


class WeakSecret(KioskError):
    def __init__(self, minimum: int = MIN_SECRET) -> None:
        super().__init__(
            f"a PIN or password needs {minimum} to {MAX_SECRET} characters "
            f"(a PIN: at least {NEW_SECRET_MIN} digits)"
        )


def check_new_secret(secret: str) -> None:
    """A PIN or password given to an account now (not one it already has)."""
    if not NEW_SECRET_MIN <= len(secret) <= MAX_SECRET:
        raise WeakSecret(NEW_SECRET_MIN)


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    if not MIN_SECRET <= len(secret) <= MAX_SECRET:
        raise WeakSecret()
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_secret(secret: str, stored: str) -> bool:
    """Constant-time check of ``secret`` against a stored hash; False for any malformed one."""
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
        digest = hashlib.scrypt(
            secret.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)
