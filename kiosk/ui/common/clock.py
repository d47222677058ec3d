"""A clock for the windows' corners: the office's local time, ticking on the second."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal


class OfficeClock(QObject):
    """Ticks once a second, on the second, with the office-local time."""

    ticked = Signal(object)  # datetime.datetime, aware, office time zone

    def __init__(self, timezone: ZoneInfo, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timezone = timezone
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def now(self) -> dt.datetime:
        return dt.datetime.now(self.timezone)

    def start(self) -> None:
        self._tick()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = self.now()
        self.ticked.emit(now)
        self._timer.start(max(50, 1000 - now.microsecond // 1000))
