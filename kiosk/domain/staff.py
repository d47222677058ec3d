"""Staff accounts: roles, and PINs or passwords kept only as slow salted hashes (scrypt)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
from dataclasses import dataclass
from enum import StrEnum

from kiosk.domain.errors import KioskError

# scrypt cost: ~50 ms and 16 MiB per check on a cheap mini-PC; a stolen database then costs
# an attacker that much per guess, and a 6-digit PIN is not free to brute-force.
_N, _R, _P = 2**14, 8, 1
MIN_SECRET = 4
MAX_SECRET = 128


class Role(StrEnum):
    OFFICER = "officer"  # counter window
    SUPERVISOR = "supervisor"  # admin window: dashboard, reports, exports
    ADMIN = "admin"  # admin window: settings and staff too


@dataclass(frozen=True, slots=True)
class StaffAccount:
    id: int
    username: str
    name: str
    role: Role
    active: bool
    created_at: dt.datetime

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "username": self.username,
            "name": self.name,
            "role": self.role.value,
            "active": self.active,
            "created_at": self.created_at.isoformat(),
        }


class WeakSecret(KioskError):
    def __init__(self) -> None:
        super().__init__(
            f"a PIN or password needs {MIN_SECRET} to {MAX_SECRET} characters "
            "(a PIN of at least 6 digits is recommended)"
        )


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
