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
            return int(uow.queue.get_setting(VERSION_KEY) or 0)

    def current(self) -> tuple[int, dict[str, Any]]:
        with self._uow() as uow:
            version = int(uow.queue.get_setting(VERSION_KEY) or 0)
            text = uow.queue.get_setting(OVERRIDES_KEY)
        return version, (json.loads(text) if text else {})

    def save(self, section: str, value: Any, session: StaffSession | None) -> int:
        """Replace one section (already validated) for an admin; audited with before and
        after, under the admin's name."""
        now = self._clock()
        with self._uow(write=True) as uow:
            actor = require(uow, session, Right.CHANGE_SETTINGS).username
            repo = uow.queue
            text = repo.get_setting(OVERRIDES_KEY)
            overrides: dict[str, Any] = json.loads(text) if text else {}
            before = overrides.get(section)
            overrides[section] = value
            repo.put_setting(OVERRIDES_KEY, json.dumps(overrides, ensure_ascii=False))
            version = self._bump(uow)
            repo.add_audit(
                at=now,
                action="settings_changed",
                actor=actor,
                ticket_id=None,
                counter=None,
                reason=None,
                detail={"section": section, "before": before, "after": value},
            )
            uow.commit()
        return version

    @staticmethod
    def _bump(uow: UnitOfWork) -> int:
        """Raise the settings version in ``uow``'s transaction (windows reload on it)."""
        version = int(uow.queue.get_setting(VERSION_KEY) or 0) + 1
        uow.queue.put_setting(VERSION_KEY, str(version))
        return version

    # -- the office logo ------------------------------------------------------------------
    def logo(self) -> bytes | None:
        """The logo's PNG bytes, None when the office has none."""
        with self._uow() as uow:
            text = uow.queue.get_setting(LOGO_KEY)
        return base64.b64decode(text) if text else None

    def save_logo(self, png: bytes | None, session: StaffSession | None) -> int:
        """Set (already checked) or remove (None) the logo for every PC; an admin's; audited."""
        now = self._clock()
        with self._uow(write=True) as uow:
            actor = require(uow, session, Right.CHANGE_SETTINGS).username
            repo = uow.queue
            if png is None:
                repo.delete_setting(LOGO_KEY)
            else:
                repo.put_setting(LOGO_KEY, base64.b64encode(png).decode("ascii"))
            version = self._bump(uow)
            repo.add_audit(
                at=now,
                action="logo_changed",
                actor=actor,
                ticket_id=None,
                counter=None,
                reason=None,
                detail={"removed": True} if png is None else {"bytes": len(png)},
            )
            uow.commit()
        return version

    # -- printers at the kiosks: last state, and test prints asked from the admin window ----
    def put_printer_state(self, source: str, state: dict[str, Any]) -> None:
        key = PRINTER_STATE_PREFIX + source
        text = json.dumps(state, ensure_ascii=False)
        with self._uow() as uow:
            if uow.queue.get_setting(key) == text:
                return  # unchanged: no write lock, no change-feed wake-up for everyone
        with self._uow(write=True) as uow:
            uow.queue.put_setting(key, text)
            uow.commit()

    def printer_states(self) -> dict[str, dict[str, Any]]:
        with self._uow() as uow:
            found = uow.queue.settings_with_prefix(PRINTER_STATE_PREFIX)
        return {k.removeprefix(PRINTER_STATE_PREFIX): json.loads(v) for k, v in found.items()}

    def request_printer_test(self, source: str, session: StaffSession | None) -> None:
        now = self._clock()
        with self._uow(write=True) as uow:
            actor = require(uow, session, Right.TEST_PRINTER).username
            uow.queue.put_setting(PRINTER_TEST_PREFIX + source, now.isoformat())
            uow.queue.add_audit(
                at=now,
                action="printer_test_requested",
                actor=actor,
                ticket_id=None,
                counter=None,
                reason=None,
                detail={"source": source},
            )
            uow.commit()

    def take_printer_test(self, source: str) -> bool:
        """For a kiosk: True once per test print asked for this printer."""
        key = PRINTER_TEST_PREFIX + source
        with self._uow() as uow:
            if uow.queue.get_setting(key) is None:
                return False
        with self._uow(write=True) as uow:
            taken = uow.queue.delete_setting(key)
            uow.commit()
        return taken
