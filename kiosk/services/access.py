"""Who may do what: every privileged action presents the StaffSession that ``sign_in``
returned, and the services check it here, inside the action's own unit of work (so the
check and the action are one transaction), against the database: the session must be
open, the account active, and its role one that has the right (domain.staff.RIGHTS)."""

from __future__ import annotations

import hashlib
import secrets

from kiosk.domain.errors import NotAllowed, NotSignedIn
from kiosk.domain.staff import RIGHTS, Right, Role, StaffAccount, StaffSession
from kiosk.services.ports import UnitOfWork

#: What each right is called in a refusal ("may not <what>").
WHAT: dict[Right, str] = {
    Right.MANAGE_STAFF: "manage staff accounts",
    Right.CHANGE_SETTINGS: "change the office's settings",
    Right.TEST_PRINTER: "ask for a test print",
    Right.APPOINTMENTS: "manage the day's appointments",
}


def new_token() -> tuple[str, str]:
    """A session token and the hash the database keeps of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def require(uow: UnitOfWork, session: StaffSession | None, right: Right) -> StaffAccount:
    """The account acting, as the database has it now; NotSignedIn or NotAllowed."""
    what = WHAT[right]
    allowed = RIGHTS[right]
    # "admin", or "supervisor or admin": the roles with the right, lowest first.
    who = " or ".join(r.value for r in Role if r in allowed)
    if session is None:
        raise NotSignedIn(what[0].upper() + what[1:], who)
    account = uow.staff.session_account(token_hash(session.token))
    if account is None or not account.active:
        raise NotSignedIn(what[0].upper() + what[1:], who)
    if account.role not in allowed:
        raise NotAllowed(
            account.username, account.role.value, what, sorted(r.value for r in allowed)
        )
    return account
