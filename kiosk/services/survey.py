"""The survey's use cases: submit a response (once per ticket), the IKM of a period and
slice, the daily response rows, the respondent profile and the suggestions.

Aggregation happens in the database (per element: answered, sum); the arithmetic is
``kiosk.survey.ikm``, exact and pure.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from kiosk.domain import token
from kiosk.domain.errors import (
    InvalidPeriod,
    InvalidSurveyResponse,
    InvalidToken,
    KioskError,
    NoSuchTicket,
    PaperImportRefused,
    SurveyAlreadyAnswered,
    SurveyNotServed,
    UnknownService,
    UnknownSurvey,
    WalkUpTooSoon,
)
from kiosk.domain.limits import TICKET_ID_MAX, TICKET_ID_MIN
from kiosk.domain.model import Ticket, TicketStatus
from kiosk.domain.numbering import office_day, parse_ticket_code, ticket_code
from kiosk.services.ports import Clock, QueueRepository, UnitOfWorkFactory
from kiosk.survey import ikm as engine
from kiosk.survey.definitions import EDUCATION, GENDERS, OCCUPATIONS
from kiosk.survey.model import (
    Collection,
    IkmResult,
    Profile,
    ProfileBreakdown,
    ResponseRow,
    SurveyDefinition,
    SurveyFilter,
    SurveyReceipt,
)
from kiosk.survey.paper import PaperRow
from kiosk.survey.responses import (
    check_answered_at,
    clean_answers,
    clean_profile,
    clean_source,
    clean_suggestion,
)

#: A ticket as a person or script names it: id, a code ("A-001") or a slip token.
SurveyTicketRef = int | str
#: How far in the future a given time may be (clocks of two PCs disagree a little).
_CLOCK_SLACK = dt.timedelta(minutes=5)
#: A ticket in one of these has been at a counter: its holder can say how service went.
SERVED = frozenset({TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.DONE})


@dataclass(frozen=True, slots=True)
class SurveySettings:
    timezone: ZoneInfo
    #: The surveys this office runs, by code, elements in screen order.
    definitions: Mapping[str, SurveyDefinition]
    #: Between two walk-up responses (no ticket) from one kiosk ([survey]).
    walkup_cooldown: dt.timedelta = dt.timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class RecapDetails:
    responses: tuple[ResponseRow, ...]
    distribution: dict[str, dict[int, int]]  # element -> {value: count}
    collection: Collection


class SurveyService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        settings: SurveySettings | Callable[[], SurveySettings],
        verify_token: Callable[[str], token.TicketToken | None],
        clock: Clock,
    ) -> None:
        """``settings``: fixed, or a provider of the current ones (see QueueService)."""
        self._uow = uow
        self._settings_now = settings if callable(settings) else lambda: settings
        self._verify = verify_token
        self._clock = clock

    @property
    def _settings(self) -> SurveySettings:
        return self._settings_now()

    # -- definitions ----------------------------------------------------------------------
    def definition(self, code: str = "skm") -> SurveyDefinition:
        found = self._settings.definitions.get(code.strip().lower())
        if found is None:
            raise UnknownSurvey(code, list(self._settings.definitions))
        return found

    # -- submitting -----------------------------------------------------------------------
    def submit(
        self,
        answers: Mapping[str, object],
        profile: Profile | Mapping[str, object] | None = None,
        ticket: SurveyTicketRef | None = None,
        survey: str = "skm",
        at: dt.datetime | None = None,
        source: str = "cli",
        suggestion: str | None = None,
        service: str | None = None,
        station: str | None = None,
    ) -> SurveyReceipt:
        """Store one response. ``ticket`` links it to that ticket's service and counter
        (and the ticket then answers this survey only once, once served, on its day);
        ``at`` dates a paper questionnaire entered later (naive: office-local time);
        ``station`` names the kiosk of a walk-up, whose walk-ups are spaced out."""
        definition = self.definition(survey)
        clean = clean_answers(definition, answers)
        person = clean_profile(profile)
        note = clean_suggestion(suggestion)
        source = clean_source(source)
        now = self._clock()
        when = self._when(at, now)
        day = office_day(when, self._settings.timezone)
        with self._uow(write=True) as uow:
            found = None if ticket is None else self._ticket(uow.queue, ticket, day)
            if found is not None:
                _check_served(found, day)
            elif station is not None:
                self._check_walk_up(uow.survey.last_walk_up(station), station, now)
            chosen = self._service(uow.queue, service, found)
            new_id = uow.survey.add_response(
                survey=definition.code,
                submitted_at=when,
                office_day=day,
                ticket_id=found.id if found else None,
                service=chosen,
                counter=found.counter if found else None,
                profile=person,
                suggestion=note,
                source=source,
                answers=clean,
                station=station if found is None else None,
            )
            if new_id is None:
                assert found is not None  # only a ticket's key can conflict
                raise SurveyAlreadyAnswered(found.code, found.office_day, definition.code)
            uow.commit()
        return SurveyReceipt(
            id=new_id,
            survey=definition.code,
            ticket_code=found.code if found else None,
            service=chosen,
            counter=found.counter if found else None,
            office_day=day,
            submitted_at=when,
            source=source,
        )

    def import_paper(self, rows: Sequence[PaperRow], survey: str = "skm") -> int:
        """Store paper questionnaires (no tickets) in one transaction: every row is checked
        first, and one bad row refuses them all (PaperImportRefused names each by line).
        Returns how many were stored."""
        definition = self.definition(survey)
        now = self._clock()
        tz = self._settings.timezone
        checked = []
        errors: list[str] = []
        with self._uow(write=True) as uow:
            services = {s.code for s in uow.queue.list_services()}
            for row in rows:
                try:
                    answers = clean_answers(definition, row.answers)
                    person = clean_profile(row.profile)
                    note = clean_suggestion(row.suggestion)
                    when = self._when(row.at, now)
                    service = None
                    if row.service is not None:
                        service = row.service.strip().upper()
                        if service not in services:
                            raise UnknownService(row.service, sorted(services))
                except KioskError as exc:
                    errors.append(f"line {row.line}: {exc}")
                    continue
                checked.append((answers, person, note, when, service))
            if errors:
                raise PaperImportRefused(errors)
            for answers, person, note, when, service in checked:
                uow.survey.add_response(
                    survey=definition.code,
                    submitted_at=when,
                    office_day=office_day(when, tz),
                    ticket_id=None,
                    service=service,
                    counter=None,
                    profile=person,
                    suggestion=note,
                    source="paper",
                    answers=answers,
                )
            uow.commit()
        return len(checked)

    def ticket_for_survey(self, ref: SurveyTicketRef, survey: str = "skm") -> Ticket:
        """What was scanned or typed at the kiosk, checked before any question is asked:
        a real ticket of today that has been at a counter and has not answered ``survey``.
        (The submit checks again and decides for good if two kiosks race.)"""
        code = self.definition(survey).code
        day = office_day(self._clock(), self._settings.timezone)
        with self._uow() as uow:
            try:
                found = self._ticket(uow.queue, ref, day)
            except NoSuchTicket:
                raise NoSuchTicket(str(ref).strip()) from None  # as typed, for the screen
            _check_served(found, day)
            if uow.survey.has_answered(code, found.id):
                raise SurveyAlreadyAnswered(found.code, found.office_day, code)
        return found

    def walk_up_wait(self, station: str) -> int:
        """Seconds before the kiosk ``station`` may take another walk-up (0: now)."""
        with self._uow() as uow:
            last = uow.survey.last_walk_up(station)
        try:
            self._check_walk_up(last, station, self._clock())
        except WalkUpTooSoon as wait:
            return wait.seconds
        return 0

    # -- reading --------------------------------------------------------------------------
    def ikm(
        self,
        date_from: dt.date,
        date_to: dt.date,
        survey: str = "skm",
        where: SurveyFilter | None = None,
    ) -> IkmResult:
        """The IKM of a period (both days included) and slice, aggregated in SQL."""
        definition = self.definition(survey)
        where = self._filter(where)
        _period(date_from, date_to)
        with self._uow() as uow:
            codes = [e.code for e in definition.elements]
            totals = uow.survey.element_totals(definition.code, codes, date_from, date_to, where)
            respondents = uow.survey.count_responses(definition.code, date_from, date_to, where)
            served = uow.survey.count_served(date_from, date_to, where.service, where.counter)
        return engine.compute(
            definition,
            {k: v for k, v in totals.items() if k in codes},
            respondents,
            date_from,
            date_to,
            service=where.service,
            counter=where.counter,
            population=served,
        )

    def answered(self, ticket_id: int, survey: str = "skm") -> bool:
        """Has this ticket already answered ``survey``?"""
        code = self.definition(survey).code
        with self._uow() as uow:
            return uow.survey.has_answered(code, ticket_id)

    def responses(self, day: dt.date, survey: str = "skm") -> list[ResponseRow]:
        """One office day's responses in time order, times office-local (naive)."""
        definition = self.definition(survey)
        tz = self._settings.timezone
        with self._uow() as uow:
            rows = uow.survey.responses_on(definition.code, day)
        return [
            replace(r, submitted_at=r.submitted_at.astimezone(tz).replace(tzinfo=None))
            for r in rows
        ]

    def profile(
        self,
        date_from: dt.date,
        date_to: dt.date,
        survey: str = "skm",
        where: SurveyFilter | None = None,
    ) -> ProfileBreakdown:
        definition = self.definition(survey)
        where = self._filter(where)
        _period(date_from, date_to)
        with self._uow() as uow:
            return uow.survey.profile_counts(definition.code, date_from, date_to, where)

    def suggestions(
        self,
        date_from: dt.date,
        date_to: dt.date,
        survey: str = "skm",
        where: SurveyFilter | None = None,
    ) -> list[str]:
        definition = self.definition(survey)
        where = self._filter(where)
        _period(date_from, date_to)
        with self._uow() as uow:
            return uow.survey.suggestions(definition.code, date_from, date_to, where)

    def recap_details(
        self,
        date_from: dt.date,
        date_to: dt.date,
        survey: str = "skm",
        where: SurveyFilter | None = None,
        responses_up_to: int | None = None,
    ) -> RecapDetails:
        """What the filed recap adds to the IKM, read in one unit of work: every response
        of the slice (times office-local; none when there are more than
        ``responses_up_to``), each element's answers by value (a survey without the IKM:
        the IPK), and how the responses were collected."""
        definition = self.definition(survey)
        where = self._filter(where)
        _period(date_from, date_to)
        tz = self._settings.timezone
        codes = [e.code for e in definition.elements]
        with self._uow() as uow:
            rows: list[ResponseRow] = []
            if responses_up_to is None or (
                uow.survey.count_responses(definition.code, date_from, date_to, where)
                <= responses_up_to
            ):
                rows = uow.survey.responses_between(definition.code, date_from, date_to, where)
            counts: dict[str, dict[int, int]] = {}
            if not definition.computes_ikm:  # only the IPK's recap shows answers by value
                counts = uow.survey.value_counts(definition.code, codes, date_from, date_to, where)
            collection = uow.survey.collection(definition.code, date_from, date_to, where)
        return RecapDetails(
            responses=tuple(
                replace(r, submitted_at=r.submitted_at.astimezone(tz).replace(tzinfo=None))
                for r in rows
            ),
            distribution=counts,
            collection=collection,
        )

    def trend(
        self,
        date_from: dt.date,
        date_to: dt.date,
        survey: str = "skm",
        where: SurveyFilter | None = None,
        periods: int = 5,
    ) -> list[IkmResult]:
        """The IKM of the ``periods`` periods of the same length before this one, oldest
        first (months before a month, the same number of days otherwise)."""
        return [
            self.ikm(start, end, survey, where)
            for start, end in engine.previous_periods(date_from, date_to, periods)
        ]

    # -- helpers --------------------------------------------------------------------------
    def _when(self, at: dt.datetime | None, now: dt.datetime) -> dt.datetime:
        if at is None:
            return now
        check_answered_at(at.date())
        when = at.replace(tzinfo=self._settings.timezone) if at.tzinfo is None else at
        if when > now + _CLOCK_SLACK:
            local = when.astimezone(self._settings.timezone)
            raise InvalidSurveyResponse(f"the time {local:%Y-%m-%d %H:%M} is in the future")
        return when.astimezone(dt.UTC)

    def _ticket(self, repo: QueueRepository, ref: SurveyTicketRef, day: dt.date) -> Ticket:
        found: Ticket | None
        if isinstance(ref, int) or ref.strip().isdecimal():
            number = int(ref)
            # Past the database's INTEGER no ticket can exist (and SQLite cannot bind it).
            in_range = TICKET_ID_MIN <= number <= TICKET_ID_MAX
            found = repo.get_ticket(number) if in_range else None
        elif token.looks_like_token(ref):
            signed = self._verify(ref)
            if signed is None:
                raise InvalidToken()
            found = repo.find_ticket(signed.code, signed.office_day)
        else:
            parsed = parse_ticket_code(ref)
            if parsed is None:
                raise NoSuchTicket(ref)
            # A typed code names a ticket of the day the response is dated (paper: --at).
            found = repo.find_ticket(ticket_code(*parsed), day)
            if found is None:
                raise NoSuchTicket(f"{ticket_code(*parsed)} of {day}")
        if found is None:
            raise NoSuchTicket(ref)
        return found

    def _check_walk_up(self, last: dt.datetime | None, station: str, now: dt.datetime) -> None:
        if last is None:
            return
        left = last + self._settings.walkup_cooldown - now
        if left > dt.timedelta(0):
            raise WalkUpTooSoon(station, math.ceil(left.total_seconds()))

    @staticmethod
    def _service(repo: QueueRepository, code: str | None, ticket: Ticket | None) -> str | None:
        if ticket is not None:
            if code is not None and code.strip().upper() != ticket.service:
                raise InvalidSurveyResponse(
                    f"ticket {ticket.code} was for service {ticket.service}, not {code!r}"
                )
            return ticket.service
        if code is None or not code.strip():
            return None
        found = repo.get_service(code.strip().upper())
        if found is None:
            raise UnknownService(code, [s.code for s in repo.list_services()])
        return found.code

    @staticmethod
    def _filter(where: SurveyFilter | None) -> SurveyFilter:
        """Normalise what a person typed (``a`` -> ``A``, ``l`` -> ``L``)."""
        if where is None:
            return SurveyFilter()

        def pick(field: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
            if value is None:
                return None
            for option in allowed:
                if option.casefold() == value.strip().casefold():
                    return option
            raise InvalidSurveyResponse(f"{field}: {value!r} is not one of {', '.join(allowed)}")

        return replace(
            where,
            service=where.service.strip().upper() if where.service else None,
            gender=pick("gender", where.gender, GENDERS),
            education=pick("education", where.education, EDUCATION),
            occupation=pick("occupation", where.occupation, OCCUPATIONS),
        )


def _check_served(ticket: Ticket, day: dt.date) -> None:
    if ticket.office_day != day:
        raise SurveyNotServed(
            ticket.code, ticket.office_day, "is not of this day: a ticket answers on its own day"
        )
    if ticket.status not in SERVED:
        raise SurveyNotServed(
            ticket.code,
            ticket.office_day,
            "has not been at a counter yet: the survey asks how the service went, so it "
            "opens once the ticket is called",
        )


def _period(date_from: dt.date, date_to: dt.date) -> None:
    if date_to < date_from:
        raise InvalidPeriod(date_from, date_to)


def survey_slice(
    where: SurveyFilter | None, service: str | None = None, counter: int | None = None
) -> SurveyFilter:
    """``where`` narrowed to ``service`` and ``counter`` where they are given (the facade's
    and the exports' short way of naming a slice)."""
    base = where or SurveyFilter()
    return replace(
        base,
        service=service if service is not None else base.service,
        counter=counter if counter is not None else base.counter,
    )
