"""Keeps one kiosk window up, and rebuilds it when a supervisor changes the settings.

A rebuilt window is the simplest way for every screen, the printer and the timers to take
new settings up alike. It waits for a quiet moment (the welcome screen, no slip printing,
no survey under way) so no applicant is interrupted: the new window is shown first, then
the old one retires, so the screen never goes blank.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config.settings import Settings
from kiosk.printing.printer import Printer
from kiosk.ui.kiosk.controller import Timings
from kiosk.ui.kiosk.ports import KioskOffice
from kiosk.ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)


class KioskHost(QObject):
    #: A new window replaced the old one (for tests and logs).
    rebuilt = Signal(object)  # KioskWindow

    def __init__(
        self,
        settings: Settings,
        open_office: Callable[[], KioskOffice],
        printer_for: Callable[[Settings], Printer],
        show: Callable[[KioskWindow], None],
        *,
        locked: bool = True,
        timings: Callable[[Settings], Timings] | None = None,
        check_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_office = open_office
        self._printer_for = printer_for
        self._show = show
        self._locked = locked
        self._timings = timings
        self._pending: Settings | None = None
        self._wait = QTimer(self)
        self._wait.setInterval(check_ms)
        self._wait.timeout.connect(self._try_rebuild)
        self.window = self._make(settings)
        show(self.window)

    def _make(self, settings: Settings) -> KioskWindow:
        timings = self._timings(settings) if self._timings else None
        window = KioskWindow(
            settings,
            self._open_office,
            self._printer_for(settings),
            timings=timings,
            locked=self._locked,
        )
        window.settings_changed.connect(self._settings_changed)
        window.closed.connect(self._wait.stop)
        return window

    def _settings_changed(self, settings: Settings) -> None:
        log.info("new settings from the database; the kiosk is rebuilt at its next quiet moment")
        self._pending = settings
        self._try_rebuild()
        if self._pending is not None:
            self._wait.start()

    def _try_rebuild(self) -> None:
        settings = self._pending
        if settings is None or not self.window.at_rest:
            return
        self._pending = None
        self._wait.stop()
        old = self.window
        self.window = self._make(settings)
        self._show(self.window)
        old.retire()
        self.rebuilt.emit(self.window)
