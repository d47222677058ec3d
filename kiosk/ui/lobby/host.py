"""Keeps one kiosk window up, rebuilt on new settings when nobody is using it (no
applicant on a screen past the welcome, no survey under way, nothing printing)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, SignalInstance

from kiosk.config.settings import Settings
from kiosk.printing.printer import Printer
from kiosk.ui.common.host import RebuildingHost
from kiosk.ui.lobby.controller import Timings
from kiosk.ui.lobby.ports import KioskOffice
from kiosk.ui.lobby.window import KioskWindow


class KioskHost(RebuildingHost[KioskWindow]):
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
        self._open_office = open_office
        self._printer_for = printer_for
        self._locked = locked
        self._timings = timings
        super().__init__(settings, show, check_ms=check_ms, parent=parent)

    def make(self, settings: Settings, previous: KioskWindow | None) -> KioskWindow:
        return KioskWindow(
            settings,
            self._open_office,
            self._printer_for(settings),  # a printer setting may be what changed
            timings=self._timings(settings) if self._timings else None,
            locked=self._locked,
        )

    def settings_signal(self, window: KioskWindow) -> SignalInstance:
        return window.settings_changed

    def closed_signal(self, window: KioskWindow) -> SignalInstance:
        return window.closed

    def at_rest(self, window: KioskWindow) -> bool:
        return window.at_rest

    def rest_signals(self, window: KioskWindow) -> Sequence[SignalInstance]:
        return (window.came_home, window.controller.printer_idle)

    def retire(self, window: KioskWindow) -> None:
        window.retire()  # not an exit: the locked kiosk lets itself close for this
