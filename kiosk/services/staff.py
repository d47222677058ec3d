"""Staff accounts: add, disable, reset a PIN, sign in (every sign-in is audited)."""

from __future__ import annotations

import logging
import re

from kiosk.domain.errors import InvalidUsername, SignInRefused, StaffExists, UnknownStaff
from kiosk.domain.staff import Role, StaffAccount, check_secret, hash_secret
from kiosk.services.ports import Clock, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,39}$")
# A real hash of nothing anyone knows: checking against it when the name is unknown keeps
# a wrong name as slow as a wrong PIN, so timing does not tell which one was wrong.
_DUMMY = hash_secret("not-a-real-pin", salt=b"kiosk-dummy-salt")


class StaffService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def add(
        self, username: str, name: str, role: Role, secret: str, actor: str | None = None
    ) -> StaffAccount:
        username = _clean(username)
        digest = hash_secret(secret)  # before the transaction: scrypt is slow on purpose
        with self._uow(write=True) as uow:
            if uow.staff.find(username) is not None:
                raise StaffExists(username)
            account = uow.staff.add(username, name.strip() or username, role, digest, self._clock())
            self._audit(uow, "staff_added", actor, {"username": username, "role": role.value})
            uow.commit()
        return account

    def disable(self, username: str, actor: str | None = None) -> None:
        self._update(username, "staff_disabled", actor, active=False)

    def enable(self, username: str, actor: str | None = None) -> None:
        self._update(username, "staff_enabled", actor, active=True)

    def reset_secret(self, username: str, secret: str, actor: str | None = None) -> None:
        self._update(username, "staff_pin_reset", actor, secret_hash=hash_secret(secret))

    def accounts(self) -> list[StaffAccount]:
        with self._uow() as uow:
            return uow.staff.all()

    def sign_in(
        self, username: str, secret: str, *, allowed: frozenset[Role], where: str
    ) -> StaffAccount:
        """The account if name, PIN, state and role all fit; SignInRefused otherwise."""
        name = username.strip().lower()
        with self._uow() as uow:
            found = uow.staff.find(name)
        ok = check_secret(secret, found[1] if found else _DUMMY)
        account = found[0] if found else None
        granted = bool(ok and account and account.active and account.role in allowed)
        with self._uow(write=True) as uow:
            self._audit(
                uow,
                "sign_in" if granted else "sign_in_refused",
                name,
                {"where": where, "role": account.role.value if account else None},
            )
            uow.commit()
        if not granted or account is None:
            # Never why (the audit log has the role): the same answer for every refusal.
            log.warning("sign-in refused for %r at %s", name, where)
            raise SignInRefused()
        log.info("%s (%s) signed in at %s", name, account.role.value, where)
        return account

    def sign_out(self, username: str, *, where: str) -> None:
        """Audited, so the log shows who worked where and until when."""
        with self._uow(write=True) as uow:
            self._audit(uow, "sign_out", username.strip().lower(), {"where": where})
            uow.commit()
        log.info("%s signed out at %s", username.strip().lower(), where)

    def _update(
        self,
        username: str,
        action: str,
        actor: str | None,
        *,
        active: bool | None = None,
        secret_hash: str | None = None,
    ) -> None:
        username = _clean(username)
        with self._uow(write=True) as uow:
            if not uow.staff.update(username, active=active, secret_hash=secret_hash):
                raise UnknownStaff(username)
            self._audit(uow, action, actor, {"username": username})
            uow.commit()

    def _audit(
        self, uow: UnitOfWork, action: str, actor: str | None, detail: dict[str, object]
    ) -> None:
        uow.queue.add_audit(
            at=self._clock(),
            action=action,
            actor=actor,
            ticket_id=None,
            counter=None,
            reason=None,
            detail=detail,
        )


def _clean(username: str) -> str:
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise InvalidUsername(username)
    return name
