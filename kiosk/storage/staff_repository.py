"""Staff accounts in the database (implements services.ports.StaffRepository)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.domain.staff import Role, StaffAccount
from kiosk.storage.tables import StaffRow


def _account(row: StaffRow) -> StaffAccount:
    return StaffAccount(row.id, row.username, row.name, Role(row.role), row.active, row.created_at)


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

    def all(self) -> list[StaffAccount]:
        rows = self.session.scalars(select(StaffRow).order_by(StaffRow.username))
        return [_account(r) for r in rows]
