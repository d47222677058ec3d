"""What the display board needs of the office: the part of ``kiosk.Office`` it uses.

Declared here so the window depends on the facade's shape, not on the module that opens
databases (``kiosk.office`` imports storage and SQLAlchemy, which ``kiosk.ui`` must not).
``kiosk.Office`` satisfies it structurally; mypy checks that where the CLI passes one in.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.config.settings import Settings
from kiosk.domain.model import CallEvent, QueueStatus
from kiosk.ui.common.changes import ChangeFeed


class DisplayOffice(Protocol):
    @property
    def settings(self) -> Settings: ...

    def queue_status(self) -> QueueStatus: ...
    def reload_settings(self, *, sync: bool = False) -> bool: ...

    def recent_calls(self, limit: int = 10) -> list[CallEvent]: ...

    def logo(self) -> bytes | None: ...

    def change_feed(self) -> ChangeFeed: ...

    def close(self) -> None: ...
