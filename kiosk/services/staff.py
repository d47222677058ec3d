"""Staff accounts: add, disable, reset a PIN, sign in (every sign-in is audited)."""

from __future__ import annotations

import logging
import re
from functools import cache

from kiosk.domain.audit import AuditRecord
from kiosk.domain.errors import (
    AccountLocked,
    InvalidUsername,
    SignInRefused,
    StaffExists,
    UnknownStaff,
)
from kiosk.domain.limits import STAFF_NAME_MAX_CHARS, one_line
from kiosk.domain.staff import (
    Right,
    Role,
    SignInGuard,
    StaffAccount,
    StaffSession,
    check_new_secret,
    check_secret,
    hash_secret,
)
from kiosk.services.access import new_token, require, token_hash
from kiosk.services.ports import Clock, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,39}$")


@cache
def _dummy_hash() -> str:
    """A real hash of nothing anyone knows: checking against it when the name is unknown
    keeps a wrong name as slow as a wrong PIN, so timing does not tell which one was wrong.
    Made at a process's first sign-in, not at import (scrypt costs ~50 ms and 16 MiB, in
    every process that imports the services)."""
    return hash_secret("not-a-real-pin", salt=b"kiosk-dummy-salt")


class StaffService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def add(
        self, username: str, name: str, role: Role, secret: str, session: StaffSession | None
    ) -> StaffAccount:
        """A new account, added by a signed-in admin; without a session only the office's
        first admin (the first run: nobody could sign in to add one)."""
        username = _clean(username)
        name = one_line("the full name", name, STAFF_NAME_MAX_CHARS)
        check_new_secret(secret)
        digest = hash_secret(secret)  # before the transaction: scrypt is slow on purpose
        with self._uow(write=True) as uow:
            if session is None and role is Role.ADMIN and not uow.staff.has_role(Role.ADMIN):
                actor = None  # the first admin, bootstrapping the office
            else:
                actor = require(uow, session, Right.MANAGE_STAFF).username
            if uow.staff.find(username) is not None:
                raise StaffExists(username)
            account = uow.staff.add(username, name or username, role, digest, self._clock())
            self._audit(uow, "staff_added", actor, {"username": username, "role": role.value})
            uow.commit()
        return account

    def disable(self, username: str, session: StaffSession | None) -> None:
        self._update(username, "staff_disabled", session, active=False)

    def enable(self, username: str, session: StaffSession | None) -> None:
        self._update(username, "staff_enabled", session, active=True)

    def reset_secret(self, username: str, secret: str, session: StaffSession | None) -> None:
        check_new_secret(secret)
        self._update(username, "staff_pin_reset", session, secret_hash=hash_secret(secret))

    def unlock(self, username: str, session: StaffSession | None) -> None:
        """End a lockout (and the streak of wrong PINs) before its time; audited."""
        username = _clean(username)
        with self._uow(write=True) as uow:
            actor = require(uow, session, Right.MANAGE_STAFF).username
            if uow.staff.guard(username) is None:
                raise UnknownStaff(username)
            uow.staff.set_guard(username, SignInGuard())
            self._audit(uow, "account_unlocked", actor, {"username": username})
            uow.commit()
        log.info("%s unlocked by %s", username, actor)

    def authorize(self, session: StaffSession | None, right: Right) -> StaffAccount:
        """For an action outside the database (a restore): who asks, checked as any other."""
        with self._uow() as uow:
            return require(uow, session, right)

    def record(self, action: str, actor: str, detail: dict[str, object]) -> None:
        """An audit entry for an action :meth:`authorize` allowed."""
        with self._uow(write=True) as uow:
            self._audit(uow, action, actor, detail)
            uow.commit()

    def accounts(self) -> list[StaffAccount]:
        with self._uow() as uow:
            return uow.staff.all()

    def sign_in(
        self, username: str, secret: str, *, allowed: frozenset[Role], where: str
    ) -> StaffSession:
        """A session (the account, where, a token the services check) if name, PIN, state
        and role all fit; SignInRefused otherwise.

        SIGN_IN_ATTEMPTS wrong PINs in a row lock the account (AccountLocked) for a
        growing time, whatever PIN comes next: the PIN is not even checked meanwhile, so a
        guesser learns nothing. The count lives in the database (another PC, a restart)."""
        name = username.strip().lower()
        now = self._clock()
        with self._uow() as uow:
            found = uow.staff.find(name)
        account = found[0] if found else None
        if account is not None and account.locked_until and now < account.locked_until:
            self._refused(name, where, account, "locked")
            raise AccountLocked(account.locked_until, now)
        dummy = _dummy_hash()  # on both paths, so the first sign-in's cost tells nothing
        ok = check_secret(secret, found[1] if found else dummy)
        granted = bool(ok and account and account.active and account.role in allowed)
        locked: SignInGuard | None = None
        token, digest = new_token()
        with self._uow(write=True) as uow:
            guard = uow.staff.guard(name) if account else None
            if guard is not None and guard.locked(now):
                granted, ok = False, False  # locked by another PC while the PIN was checked
            elif guard is not None and not ok:
                after = guard.after_wrong_pin(now)
                uow.staff.set_guard(name, after)
                if after.lockouts > guard.lockouts:
                    locked = after
            elif guard is not None and granted and guard != SignInGuard():
                uow.staff.set_guard(name, SignInGuard())  # a right PIN ends the streak
            if granted and account is not None:
                uow.staff.open_session(account.id, digest, where, now)
            self._audit(
                uow,
                "sign_in" if granted else "sign_in_refused",
                name,
                {"where": where, "role": account.role.value if account else None},
            )
            if locked is not None and locked.locked_until is not None:
                minutes = round((locked.locked_until - now).total_seconds() / 60)
                self._audit(
                    uow,
                    "account_locked",
                    name,
                    {"where": where, "minutes": minutes, "lockouts": locked.lockouts},
                )
            uow.commit()
        if locked is not None and locked.locked_until is not None:
            log.warning(
                "%r locked after wrong PINs at %s until %s", name, where, locked.locked_until
            )
            raise AccountLocked(locked.locked_until, now)
        if not granted or account is None:
            # Never why (the audit log has the role): the same answer for every refusal.
            log.warning("sign-in refused for %r at %s", name, where)
            raise SignInRefused()
        log.info("%s (%s) signed in at %s", name, account.role.value, where)
        return StaffSession(account, where, token)

    def _refused(self, name: str, where: str, account: StaffAccount, why: str) -> None:
        with self._uow(write=True) as uow:
            self._audit(
                uow,
                "sign_in_refused",
                name,
                {"where": where, "role": account.role.value, "why": why},
            )
            uow.commit()
        log.warning("sign-in refused for %r at %s (%s)", name, where, why)

    def sign_out(self, session: StaffSession) -> None:
        """The session ends (its token opens nothing any more); audited, so the log shows
        who worked where and until when."""
        with self._uow(write=True) as uow:
            uow.staff.end_session(token_hash(session.token), self._clock())
            self._audit(uow, "sign_out", session.username, {"where": session.where})
            uow.commit()
        log.info("%s signed out at %s", session.username, session.where)

    def _update(
        self,
        username: str,
        action: str,
        session: StaffSession | None,
        *,
        active: bool | None = None,
        secret_hash: str | None = None,
    ) -> None:
        username = _clean(username)
        with self._uow(write=True) as uow:
            actor = require(uow, session, Right.MANAGE_STAFF).username
            if not uow.staff.update(username, active=active, secret_hash=secret_hash):
                raise UnknownStaff(username)
            self._audit(uow, action, actor, {"username": username})
            uow.commit()

    def _audit(
        self, uow: UnitOfWork, action: str, actor: str | None, detail: dict[str, object]
    ) -> None:
        uow.audit.append(AuditRecord(self._clock(), action, actor, detail=detail))


def _clean(username: str) -> str:
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise InvalidUsername(username)
    return name
