"""Settings supervisors change at run time, kept in the database for every PC to see.

Stored as one JSON object of whole sections (``settings.overrides``) and a version number
(``settings.version``) that every save raises in the same transaction. A window learns of a
change through the change feed like any other, compares one number, and reloads only then.
Validation belongs to the facade (it knows the configuration model); this layer stores,
versions and audits.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from kiosk.domain.audit import AuditRecord
from kiosk.domain.staff import Right, StaffSession
from kiosk.services.access import require
from kiosk.services.ports import Clock, UnitOfWork, UnitOfWorkFactory

OVERRIDES_KEY = "settings.overrides"
VERSION_KEY = "settings.version"
#: The office logo: base64 text of a PNG the facade has already checked and normalised.
LOGO_KEY = "office.logo"
PRINTER_STATE_PREFIX = "printer.state."
PRINTER_TEST_PREFIX = "printer.test."


class SettingsStore:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def version(self) -> int:
        with self._uow() as uow:
            return int(uow.settings.get(VERSION_KEY) or 0)

    def current(self) -> tuple[int, dict[str, Any]]:
        with self._uow() as uow:
            version = int(uow.settings.get(VERSION_KEY) or 0)
            text = uow.settings.get(OVERRIDES_KEY)
        return version, (json.loads(text) if text else {})

    def save(self, section: str, value: Any, session: StaffSession | None) -> int:
        """Replace one section (already validated) for an admin; audited with before and
        after, under the admin's name."""
        now = self._clock()
        with self._uow(write=True) as uow:
            actor = require(uow, session, Right.CHANGE_SETTINGS).username
            repo = uow.settings
            text = repo.get(OVERRIDES_KEY)
            overrides: dict[str, Any] = json.loads(text) if text else {}
            before = overrides.get(section)
            overrides[section] = value
            repo.put(OVERRIDES_KEY, json.dumps(overrides, ensure_ascii=False))
            version = self._bump(uow)
            audited = {"section": section, "before": before, "after": value}
            uow.audit.append(AuditRecord(now, "settings_changed", actor, detail=audited))
            uow.commit()
        return version

    @staticmethod
    def _bump(uow: UnitOfWork) -> int:
        """Raise the settings version in ``uow``'s transaction (windows reload on it)."""
        version = int(uow.settings.get(VERSION_KEY) or 0) + 1
        uow.settings.put(VERSION_KEY, str(version))
        return version

    # -- the office logo ------------------------------------------------------------------
    def logo(self) -> bytes | None:
        """The logo's PNG bytes, None when the office has none."""
        with self._uow() as uow:
            text = uow.settings.get(LOGO_KEY)
        return base64.b64decode(text) if text else None

    def save_logo(self, png: bytes | None, session: StaffSession | None) -> int:
        """Set (already checked) or remove (None) the logo for every PC; an admin's; audited."""
        now = self._clock()
        with self._uow(write=True) as uow:
            actor = require(uow, session, Right.CHANGE_SETTINGS).username
            repo = uow.settings
            if png is None:
                repo.delete(LOGO_KEY)
            else:
                repo.put(LOGO_KEY, base64.b64encode(png).decode("ascii"))
            version = self._bump(uow)
            audited = {"removed": True} if png is None else {"bytes": len(png)}
            uow.audit.append(AuditRecord(now, "logo_changed", actor, detail=audited))
            uow.commit()
        return version

    # -- printers at the kiosks: last state, and test prints asked from the admin window ----
    def put_printer_state(self, source: str, state: dict[str, Any]) -> None:
        key = PRINTER_STATE_PREFIX + source
        text = json.dumps(state, ensure_ascii=False)
        with self._uow() as uow:
            if uow.settings.get(key) == text:
                return  # unchanged: no write lock, no change-feed wake-up for everyone
        with self._uow(write=True) as uow:
            uow.settings.put(key, text)
            uow.commit()

    def printer_states(self) -> dict[str, dict[str, Any]]:
        with self._uow() as uow:
            found = uow.settings.with_prefix(PRINTER_STATE_PREFIX)
        return {k.removeprefix(PRINTER_STATE_PREFIX): json.loads(v) for k, v in found.items()}

    def request_printer_test(self, source: str, session: StaffSession | None) -> None:
        now = self._clock()
        with self._uow(write=True) as uow:
            actor = require(uow, session, Right.TEST_PRINTER).username
            uow.settings.put(PRINTER_TEST_PREFIX + source, now.isoformat())
            audited = {"source": source}
            uow.audit.append(AuditRecord(now, "printer_test_requested", actor, detail=audited))
            uow.commit()

    def take_printer_test(self, source: str) -> bool:
        """For a kiosk: True once per test print asked for this printer."""
        key = PRINTER_TEST_PREFIX + source
        with self._uow() as uow:
            if uow.settings.get(key) is None:
                return False
        with self._uow(write=True) as uow:
            taken = uow.settings.delete(key)
            uow.commit()
        return taken
