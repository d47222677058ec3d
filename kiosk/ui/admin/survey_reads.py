"""What the survey tab reads, and for which period: the query its filters make, the two
reads (the IKM first, then the respondents' profile and their suggestions) run on the
admin worker, and the dates a period choice stands for. No widgets here.

Every figure comes from the services' ``ikm``/``profile``/``suggestions``, which count and
sum in SQL: a year of responses is never loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kiosk.services.survey import survey_slice
from kiosk.survey.model import IkmResult, ProfileBreakdown, SurveyDefinition, SurveyFilter
from kiosk.ui.admin.models import ProfileRow
from kiosk.ui.admin.ports import AdminOffice

#: The survey the tab reports on.
SURVEY = "skm"


@dataclass(frozen=True, slots=True)
class SurveyQuery:
    date_from: dt.date
    date_to: dt.date
    service: str | None = None
    counter: int | None = None
    where: SurveyFilter = field(default_factory=SurveyFilter)


@dataclass(frozen=True, slots=True)
class SurveyData:
    query: SurveyQuery
    definition: SurveyDefinition
    result: IkmResult
    #: The profile and the suggestions come in a second read (None until they do).
    profile: ProfileBreakdown | None = None
    suggestions: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class SurveyDetails:
    query: SurveyQuery
    profile: ProfileBreakdown
    suggestions: tuple[str, ...]


def read_ikm(office: AdminOffice, q: SurveyQuery) -> SurveyData:
    """The IKM first: over a long period the respondents' profile takes longer still."""
    where = survey_slice(q.where, q.service, q.counter)
    return SurveyData(
        query=q,
        definition=office.survey.definition(SURVEY),
        result=office.survey.ikm(q.date_from, q.date_to, SURVEY, where),
    )


def read_details(office: AdminOffice, q: SurveyQuery) -> SurveyDetails:
    span = (q.date_from, q.date_to, SURVEY, survey_slice(q.where, q.service, q.counter))
    return SurveyDetails(
        query=q,
        profile=office.survey.profile(*span),
        suggestions=tuple(office.survey.suggestions(*span)),
    )


def preset_period(preset: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The dates a period choice stands for; None for "choose dates"."""
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "last_month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    if preset == "today":
        return today, today
    if preset == "this_year":
        return today.replace(month=1, day=1), today
    return None


def profile_rows(profile: ProfileBreakdown) -> list[ProfileRow]:
    rows: list[ProfileRow] = []
    for group in ("gender", "age_band", "education", "occupation", "service"):
        counts: dict[str, int] = getattr(profile, group)
        for value, n in counts.items():
            rows.append((group, value, n))
    return rows
