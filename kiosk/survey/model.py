"""Plain data shared by the survey engine, the services, the exports and the windows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Element:
    """One unsur: a question answered on the survey's scale. Stored by ``code``."""

    code: str  # "U1" ... "U9"
    name_id: str  # "Persyaratan"
    name_en: str  # "Requirements"
    question_id: str
    question_en: str
    labels_id: tuple[str, ...]  # one label per scale value, lowest first
    labels_en: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SurveyDefinition:
    code: str  # "skm", "ipk"
    name_id: str
    name_en: str
    scale_min: int
    scale_max: int
    elements: tuple[Element, ...]  # in screen order (configurable)
    #: True for the SKM: the regulation's IKM (weights 1/9, x25, grades A-D) applies.
    computes_ikm: bool = True

    def element(self, code: str) -> Element:
        for e in self.elements:
            if e.code == code:
                return e
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class AgeBand:
    """One answer to the questionnaire's age question: a band, stored by ``code``.

    The band is what the respondent chose (the kiosk asks for no exact age); an exact age
    from a paper form is put into its band (``definitions.age_band_of``).
    """

    code: str  # "30-39": stored, exported, the key of the profile tables
    lowest: int  # inclusive
    highest: int  # inclusive
    label: str  # "30–39": on the kiosk's button
    words_id: str  # "30–39 tahun": in the recap's profile table


@dataclass(frozen=True, slots=True)
class Profile:
    """The standard questionnaire's respondent profile; anonymous (no name, NIK, phone)."""

    gender: str | None = None  # "L" | "P"
    age_band: str | None = None  # an AgeBand code: "<20", "20-29", ..., ">=60"
    education: str | None = None  # SD, SMP, SMA, D1-D3, D4/S1, S2, S3
    occupation: str | None = None  # PNS, TNI, POLRI, Swasta, Wirausaha, Lainnya


@dataclass(frozen=True, slots=True)
class ElementScore:
    code: str
    name_id: str
    answered: int  # responses that answered this element
    total: int  # sum of the values given
    nrr: float | None  # total / answered; None when nobody answered
    weighted: float | None  # nrr x 1/9 (exact fraction for the SKM)


@dataclass(frozen=True, slots=True)
class SampleCheck:
    population: int  # visitors served in the period
    required: int  # Krejcie-Morgan minimum
    respondents: int
    #: None: not applicable (nobody was served, so there is no population to sample).
    met: bool | None


@dataclass(frozen=True, slots=True)
class IkmResult:
    survey: str
    date_from: dt.date
    date_to: dt.date
    service: str | None
    counter: int | None
    respondents: int
    elements: tuple[ElementScore, ...]
    ikm_raw: float | None  # 1-4 scale; None with no data
    ikm: float | None  # 25-100 scale, rounded to 2 decimals; None with no data
    grade: str | None  # A-D
    label: str | None  # Sangat Baik, Baik, Kurang Baik, Tidak Baik
    sample: SampleCheck | None = None

    @property
    def nrr(self) -> dict[str, float | None]:
        return {e.code: e.nrr for e in self.elements}

    @property
    def has_data(self) -> bool:
        return self.respondents > 0

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready view: the shape ``kiosk report ikm --json`` prints."""
        return {
            "survey": self.survey,
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "service": self.service,
            "counter": self.counter,
            "respondents": self.respondents,
            "nrr": self.nrr,
            "elements": [
                {
                    "code": e.code,
                    "name": e.name_id,
                    "answered": e.answered,
                    "sum": e.total,
                    "nrr": e.nrr,
                    "weighted": e.weighted,
                }
                for e in self.elements
            ],
            "ikm_raw": self.ikm_raw,
            "ikm": self.ikm,
            "grade": self.grade,
            "label": self.label,
            "sample": None
            if self.sample is None
            else {
                "population": self.sample.population,
                "required": self.sample.required,
                "respondents": self.sample.respondents,
                "met": self.sample.met,
            },
        }


@dataclass(frozen=True, slots=True)
class ResponseRow:
    """One response as the daily export shows it."""

    id: int
    submitted_at: dt.datetime  # office-local, naive
    ticket_code: str | None
    service: str | None
    counter: int | None
    profile: Profile
    answers: dict[str, int] = field(default_factory=dict)  # element code -> value
    suggestion: str | None = None
    source: str | None = None  # kiosk | paper | cli (responses.SOURCES)


@dataclass(frozen=True, slots=True)
class SurveyFilter:
    """Which responses a report covers, beyond the survey and the period. None: any."""

    service: str | None = None
    counter: int | None = None
    gender: str | None = None
    education: str | None = None
    occupation: str | None = None
    #: Ages (inclusive): the respondents whose age band meets the range (stored are bands,
    #: so 25-34 selects the bands 20-29 and 30-39; see definitions.age_bands_meeting).
    age_min: int | None = None
    age_max: int | None = None


@dataclass(frozen=True, slots=True)
class SurveyReceipt:
    """What was stored for one submitted response (nothing personal)."""

    id: int
    survey: str
    ticket_code: str | None
    service: str | None
    counter: int | None
    office_day: dt.date
    submitted_at: dt.datetime  # UTC, aware
    source: str  # kiosk | paper | cli

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "survey": self.survey,
            "ticket": self.ticket_code,
            "service": self.service,
            "counter": self.counter,
            "office_day": self.office_day.isoformat(),
            "submitted_at": self.submitted_at.isoformat(),
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class ProfileBreakdown:
    """Respondents counted by each profile field (for the monthly recap's tables)."""

    gender: dict[str, int]
    age_band: dict[str, int]  # "<20", "20-29", ..., ">=60", "tidak diisi"
    education: dict[str, int]
    occupation: dict[str, int]
    service: dict[str, int]
    respondents: int = 0


@dataclass(frozen=True, slots=True)
class Collection:
    """How a period's responses were collected: the first and last office day with a
    response, and the responses per channel (the stored ``source``: kiosk, paper, cli)."""

    first_day: dt.date | None
    last_day: dt.date | None
    channels: dict[str, int]
