"""The respondent profile names the survey's choices in words, not their stored codes."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk.ui.admin.models import profile_model


def test_profile_shows_gender_words_not_codes(qapp: QApplication) -> None:
    model = profile_model()
    model.set_rows([("gender", "L", 3), ("gender", "P", 2), ("age_band", "25-34", 1)])
    values = [model.data(model.index(row, 1)) for row in range(model.rowCount())]
    assert values == ["Laki-laki", "Perempuan", "25-34"]
