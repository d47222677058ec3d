"""Check 5: whether Qt can open windows here (its platform plugin and the system
libraries it needs), asked of a Qt started in a subprocess as the windows start it."""

from __future__ import annotations

import sys

from kiosk import qt_platform
from kiosk.tools.doctor.findings import Finding


def check_qt(running: qt_platform.RunningCheck) -> list[Finding]:
    """Starts Qt as the windows do (QT_QPA_PLATFORM if set, else Qt's default)."""
    check = running.finish()
    if check.ok:
        return [Finding("qt", "ok", check.explain())]
    if check.missing:
        fix = qt_platform.apt_command()
        if sys.platform.startswith("linux"):
            fix += f"\n(Fedora: {qt_platform.dnf_command()})"
        return [Finding("qt", "problem", f"{check.explain()}: no window can open", fix)]
    if check.no_display:
        return [
            Finding(
                "qt",
                "warning",
                f"{check.explain()}; its libraries load, the windows were not tried",
                "run kiosk doctor in the kiosk's desktop session (or with DISPLAY=:0)",
            )
        ]
    return [
        Finding(
            "qt",
            "problem",
            f"{check.explain()}: no window can open",
            "run QT_DEBUG_PLUGINS=1 kiosk screens and read the lines before the error",
        )
    ]
