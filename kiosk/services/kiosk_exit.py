"""The kiosk's way out: the exit PIN, kept only as a scrypt hash in the database (never in
the configuration file, the settings a supervisor edits, or a log), and guarded against
guessing at each kiosk's pad as a staff sign-in is (domain.staff.SignInGuard)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re

from kiosk.domain.audit import AuditRecord
from kiosk.domain.errors import ExitPinLocked, ExitPinNotSet, ExitPinRefused
from kiosk.domain.staff import (
    NEW_SECRET_MIN,
    Right,
    SignInGuard,
    StaffSession,
    WeakSecret,
    check_secret,
    hash_secret,
)
from kiosk.services.access import require
from kiosk.services.ports import Clock, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

#: The scrypt hash of the office's exit PIN (one for every kiosk of the office).
EXIT_PIN_KEY = "kiosk.exit_pin"
#: Per kiosk ([kiosk] name): wrong PINs in a row and the lockout, as JSON.
GUARD_PREFIX = "kiosk.exit_guard."
#: The pad has digits only.
_PIN = re.compile(rf"^[0-9]{{{NEW_SECRET_MIN},12}}$")


class KioskExitService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def is_set(self) -> bool:
        with self._uow() as uow:
            return uow.settings.get(EXIT_PIN_KEY) is not None

    def set_pin(self, pin: str, session: StaffSession | None) -> None:
        """A new exit PIN for every kiosk (6 to 12 digits), by an admin; the first one also
        without a session (the installer, before any account exists). Audited, never
        logged."""
        if not _PIN.match(pin):
            raise WeakSecret(NEW_SECRET_MIN)
        digest = hash_secret(pin)  # before the transaction: scrypt is slow on purpose
        with self._uow(write=True) as uow:
            first = session is None and uow.settings.get(EXIT_PIN_KEY) is None
            actor = None if first else require(uow, session, Right.CHANGE_SETTINGS).username
            uow.settings.put(EXIT_PIN_KEY, digest)
            for key in uow.settings.with_prefix(GUARD_PREFIX):
                uow.settings.delete(key)  # a new PIN ends every pad's lockout
            _audit(uow, self._clock(), "exit_pin_set", actor, {})
            uow.commit()
        log.info("kiosk exit PIN set by %s", actor)

    def check(self, pin: str, station: str) -> None:
        """Nothing when ``pin`` opens kiosk ``station``; else ExitPinNotSet, ExitPinLocked
        (after too many wrong tries, whatever the PIN) or ExitPinRefused."""
        now = self._clock()
        key = GUARD_PREFIX + station
        with self._uow() as uow:
            digest = uow.settings.get(EXIT_PIN_KEY)
            guard = _guard(uow.settings.get(key))
        if digest is None:
            raise ExitPinNotSet()
        if guard.locked_until is not None and guard.locked(now):
            raise ExitPinLocked(guard.locked_until, now)
        ok = check_secret(pin, digest)
        with self._uow(write=True) as uow:
            guard = _guard(uow.settings.get(key))  # another try may have come meanwhile
            after = SignInGuard() if ok else guard.after_wrong_pin(now)
            if after != guard:
                uow.settings.put(key, _guard_text(after))
            if ok:
                _audit(uow, now, "kiosk_exit", None, {"station": station})
            elif after.lockouts > guard.lockouts:
                _audit(uow, now, "exit_pin_locked", None, {"station": station})
            uow.commit()
        if ok:
            return
        log.warning("wrong exit PIN at %s", station)
        if after.locked_until is not None and after.locked(now):
            raise ExitPinLocked(after.locked_until, now)
        raise ExitPinRefused()


def _guard(text: str | None) -> SignInGuard:
    if not text:
        return SignInGuard()
    data = json.loads(text)
    until = data.get("locked_until")
    return SignInGuard(
        int(data.get("failures", 0)),
        int(data.get("lockouts", 0)),
        dt.datetime.fromisoformat(until) if until else None,
    )


def _guard_text(guard: SignInGuard) -> str:
    until = guard.locked_until.isoformat() if guard.locked_until else None
    return json.dumps(
        {"failures": guard.failures, "lockouts": guard.lockouts, "locked_until": until}
    )


def _audit(
    uow: UnitOfWork, at: dt.datetime, action: str, actor: str | None, detail: dict[str, object]
) -> None:
    uow.audit.append(AuditRecord(at, action, actor, detail=detail))
