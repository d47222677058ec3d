"""Every lobby screen at every supported size, in both languages (offscreen, the demo
office of ``kiosk screenshots``): no visible child outside its parent, none overlapping a
sibling of its layout, touch targets at least 2 mm apart, every label's and button's text
fitting its widget, no text below 4 mm x-height on the panel, contrast at least WCAG AA.

``python -m tests.gui.lobby_layout`` prints the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.ui.common.style import X_HEIGHT_MM
from kiosk.ui.lobby.screenshots import SIZES

from .lobby_layout import survey_lobby

SCREENS = {
    "home", "priority", "confirmation-printed", "confirmation-print-failed", "pinpad",
    "survey-entry", "survey-profile", "survey-question", "survey-question-8",
    "survey-keyboard", "survey-thanks", "survey-profile-walkup", "unavailable",
    "check-in", "check-in-refused", "confirmation-again",
}  # fmt: skip


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_lobby_screen_fits_the_size(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int]
) -> None:
    reports = survey_lobby(tmp_path, [size])
    seen = {r.screen for r in reports}
    assert seen >= SCREENS, SCREENS - seen
    problems = [f"{r.screen} {r.lang}: {p}" for r in reports for p in r.problems]
    assert not problems, "\n".join(problems)
    for r in reports:
        assert r.smallest.x_height_mm >= X_HEIGHT_MM - 0.05, (r.screen, r.lang, r.smallest)
        assert r.faintest.contrast >= 4.5, (r.screen, r.lang, r.faintest)
