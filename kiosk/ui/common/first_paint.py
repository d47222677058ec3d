"""A window's first paint, told on standard output: how ``kiosk bench`` times a window's
start-up as a person sees it (process start to the first picture), for every window alike.

Installed by ``kiosk run`` only when the bench asks (kiosk.tools.bench.startup names the
variable and the line); otherwise nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.ui.common.app import application


class _FirstPaint(QObject):
    def __init__(self, line: str) -> None:
        super().__init__()
        self._line = line
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.isWindow()
        ):
            self._seen = True
            # A zero timer fires once this paint pass (the window, then its children, then
            # the flush to the screen) is over.
            QTimer.singleShot(0, self._tell)
        return False

    def _tell(self) -> None:
        print(self._line, flush=True)
        application().removeEventFilter(self)


_probe: _FirstPaint | None = None


def report_first_paint(line: str) -> None:
    """Print ``line`` on stdout once the first top-level window has painted."""
    global _probe
    if _probe is None:
        _probe = _FirstPaint(line)
        application().installEventFilter(_probe)
