"""The appointment check-in: the booking's QR (a USB scanner types the code and Enter into
the focused field, as for the survey) or the application number typed on the pad. The
survey's entry screen with the check-in's words and no way without a code; a refusal shows
the office's own words for it (an AppointmentError's ``words``) in the screen's language."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.domain.appointments import AppointmentError
from kiosk.domain.errors import KioskError
from kiosk.ui.common.i18n import tr
from kiosk.ui.lobby import texts as _texts  # noqa: F401 (registers the check-in's words)
from kiosk.ui.lobby.chrome import set_state
from kiosk.ui.lobby.survey_entry import SurveyEntryScreen


class CheckInScreen(SurveyEntryScreen):
    TEXTS = "check_in"

    def __init__(self, prefixes: list[str], parent: QWidget | None = None) -> None:
        super().__init__(prefixes, parent)
        self._refusal: KioskError | None = None
        self.setObjectName("CheckInScreen")
        self.walk_up.hide()
        self.walk_up.setEnabled(False)

    def reset(self) -> None:
        self._refusal = None
        super().reset()

    def set_cooldown(self, seconds: int) -> None:
        """No walk-up here: the wait never shows."""
        super().set_cooldown(seconds)
        self.walk_up.hide()
        self.walk_up_wait.hide()

    def refuse_check_in(self, error: KioskError) -> None:
        """The office refused the code: its words, the field cleared for the next try."""
        self.busy = False
        self.field.clear()
        self.field.setFocus()
        self._refusal = error
        self._message_key = None
        self.message.show()
        set_state(self.message, "level", "error", children=False)
        self._show_message()

    def show_message(self, key: str | None, level: str = "error", **values: object) -> None:
        self._refusal = None
        super().show_message(key, level, **values)

    def _show_message(self) -> None:
        error = getattr(self, "_refusal", None)
        if error is None:
            super()._show_message()
        elif isinstance(error, AppointmentError):
            self.message.setText(error.words(self.lang))
        else:  # the service refused the ticket itself (closed, quota): ask an officer
            self.message.setText(tr("check_in.refused", self.lang))
