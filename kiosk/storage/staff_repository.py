"""Staff accounts in the database (implements services.ports.StaffRepository)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.domain.staff import Role, SignInGuard, StaffAccount
from kiosk.storage.tables import StaffRow, StaffSessionRow


def _account(row: StaffRow) -> StaffAccount:
    return StaffAccount(
        row.id,
        row.username,
        row.name,
        Role(row.role),
        row.active,
        row.created_at,
        row.locked_until,
    )


class SqlStaffRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, username: str) -> tuple[StaffAccount, str] | None:
        row = self.session.scalars(select(StaffRow).where(StaffRow.username == username)).first()
        return (_account(row), row.secret_hash) if row else None

    def add(
        self, username: str, name: str, role: Role, secret_hash: str, at: dt.datetime
    ) -> StaffAccount:
        row = StaffRow(
            username=username,
            name=name,
            role=role.value,
            secret_hash=secret_hash,
            active=True,
            created_at=at,
        )
        self.session.add(row)
        self.session.flush()
        return _account(row)

    def update(
        self, username: str, *, active: bool | None = None, secret_hash: str | None = None
    ) -> bool:
        values: dict[str, object] = {}
        if active is not None:
            values["active"] = active
        if secret_hash is not None:
            values["secret_hash"] = secret_hash
        result = self.session.execute(
            update(StaffRow)
            .where(StaffRow.username == username)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def guard(self, username: str) -> SignInGuard | None:
        """The account's sign-in guard, its row locked until commit (PostgreSQL; SQLite's
        writers already hold the database's write lock), so that wrong PINs typed at two
        PCs at once are both counted."""
        row = self.session.execute(
            select(StaffRow.failed_sign_ins, StaffRow.lockouts, StaffRow.locked_until)
            .where(StaffRow.username == username)
            .with_for_update()
        ).first()
        return SignInGuard(row[0], row[1], row[2]) if row else None

    def set_guard(self, username: str, guard: SignInGuard) -> None:
        self.session.execute(
            update(StaffRow)
            .where(StaffRow.username == username)
            .values(
                failed_sign_ins=guard.failures,
                lockouts=guard.lockouts,
                locked_until=guard.locked_until,
            )
            .execution_options(synchronize_session=False)
        )

    def open_session(self, account_id: int, token_hash: str, place: str, at: dt.datetime) -> None:
        self.session.add(
            StaffSessionRow(token_hash=token_hash, staff_id=account_id, place=place, started_at=at)
        )
        self.session.flush()

    def session_account(self, token_hash: str) -> StaffAccount | None:
        """The account behind an open session, as it is now (role, active)."""
        row = self.session.scalars(
            select(StaffRow)
            .join(StaffSessionRow, StaffSessionRow.staff_id == StaffRow.id)
            .where(StaffSessionRow.token_hash == token_hash, StaffSessionRow.ended_at.is_(None))
        ).first()
        return _account(row) if row else None

    def end_session(self, token_hash: str, at: dt.datetime) -> None:
        self.session.execute(
            update(StaffSessionRow)
            .where(StaffSessionRow.token_hash == token_hash, StaffSessionRow.ended_at.is_(None))
            .values(ended_at=at)
            .execution_options(synchronize_session=False)
        )

    def has_role(self, role: Role) -> bool:
        """Whether any active account has ``role`` (the first admin is made without one)."""
        found = self.session.scalars(
            select(StaffRow.id).where(StaffRow.role == role.value, StaffRow.active).limit(1)
        ).first()
        return found is not None

    def all(self) -> list[StaffAccount]:
        rows = self.session.scalars(select(StaffRow).order_by(StaffRow.username))
        return [_account(r) for r in rows]
