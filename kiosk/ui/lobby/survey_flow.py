"""One respondent's way through the kiosk survey, as plain data (no Qt).

Nothing here is stored until the respondent sends it at the end; an abandoned flow is
simply dropped. The ticket (when there is one) was verified on the database thread before
the first question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.domain.model import Ticket
from kiosk.survey.model import Profile, SurveyDefinition

SUGGESTION_MAX = 500


@dataclass(frozen=True, slots=True)
class SurveyStart:
    """What the database thread found for one entry: the survey, the ticket if any."""

    definition: SurveyDefinition
    ticket: Ticket | None


@dataclass(slots=True)
class SurveyFlow:
    definition: SurveyDefinition
    ticket: Ticket | None = None
    gender: str | None = None
    #: The code of the age band tapped ("30-39"), stored as it is.
    age_band: str | None = None
    education: str | None = None
    occupation: str | None = None
    #: The service a walk-up respondent named (a ticket brings its own).
    service: str | None = None
    answers: dict[str, int] = field(default_factory=dict)
    suggestion: str = ""
    index: int = 0  # the question on screen

    @property
    def walk_up(self) -> bool:
        return self.ticket is None

    @property
    def total(self) -> int:
        return len(self.definition.elements)

    def profile(self) -> Profile:
        return Profile(self.gender, self.age_band, self.education, self.occupation)

    def clear_profile(self) -> None:
        self.gender = self.age_band = self.education = self.occupation = None
        if self.walk_up:
            self.service = None

    def answer(self, value: int) -> bool:
        """Record the answer to the question on screen; True when it was the last one."""
        self.answers[self.definition.elements[self.index].code] = value
        return self._next()

    def skip(self) -> bool:
        """No answer to the question on screen (an earlier one is taken back): elements may
        be skipped, and an unanswered one is simply missing. True when it was the last."""
        self.answers.pop(self.definition.elements[self.index].code, None)
        return self._next()

    def _next(self) -> bool:
        if self.index + 1 >= self.total:
            return True
        self.index += 1
        return False
