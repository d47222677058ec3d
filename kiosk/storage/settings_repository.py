"""Office-wide values by key (the office_settings table): what every PC of the office shares,
such as the settings a supervisor saved, the token secret, the logo and the exit PIN's hash."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.storage.rows import rows_changed
from kiosk.storage.tables import OfficeSettingRow


class SqlSettingsRepository:
    """Implements services.ports.SettingsRepository."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> str | None:
        row = self.session.get(OfficeSettingRow, key)
        return row.value if row else None

    def put(self, key: str, value: str) -> None:
        row = self.session.get(OfficeSettingRow, key) or OfficeSettingRow(key=key)
        row.value = value
        self.session.add(row)
        self.session.flush()

    def with_prefix(self, prefix: str) -> dict[str, str]:
        rows = self.session.execute(
            select(OfficeSettingRow.key, OfficeSettingRow.value).where(
                OfficeSettingRow.key.startswith(prefix, autoescape=True)
            )
        )
        return {k: v for k, v in rows}

    def delete(self, key: str) -> bool:
        result = self.session.execute(
            delete(OfficeSettingRow)
            .where(OfficeSettingRow.key == key)
            .execution_options(synchronize_session=False)
        )
        return rows_changed(result) == 1
