"""The one QApplication every window runs in (created once, with the windows' font)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from kiosk.ui.common.style import install_app_font

WINDOWED_SIZE = (1366, 768)


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    app.setApplicationDisplayName("kiosk")
    app.setOrganizationName("kiosk")  # QSettings: the admin window remembers folders
    install_app_font(app)
    return app
