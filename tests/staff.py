"""Accounts for tests, made the way an office makes them: the first admin without a
session (the first run), everyone else by a signed-in admin."""

from __future__ import annotations

from kiosk.domain.staff import Role, StaffSession
from kiosk.office import Office
from kiosk.tools.demo import DEMO_STAFF

#: The test office's admin, made on first use by ``admin_session`` as the office's first.
TEST_ADMIN = ("admin.uji", "Admin Uji", "975310")


def admin_session(office: Office, where: str = "test") -> StaffSession:
    """A signed-in admin of ``office``: the demo admin where the demo accounts are there,
    else the test admin (made first, as the office's first admin, if need be)."""
    known = {a.username for a in office.staff.accounts()}
    demo = next(s for s in DEMO_STAFF if s[2] == Role.ADMIN.value)
    if demo[0] in known:
        return office.staff.sign_in(demo[0], demo[3], allowed=frozenset({Role.ADMIN}), where=where)
    username, name, pin = TEST_ADMIN
    if username not in known:
        office.staff.add(username, name, Role.ADMIN, pin, session=None)
    return office.staff.sign_in(username, pin, allowed=frozenset({Role.ADMIN}), where=where)


def add_staff(office: Office, username: str, name: str, role: str, pin: str) -> None:
    """An account added by the office's admin (signed in for it, then out)."""
    session = admin_session(office)
    try:
        office.staff.add(username, name, Role(role), pin, session=session)
    finally:
        office.staff.sign_out(session)
