"""The monthly recap (rekap IKM) as plain data and Indonesian text, shared by the PDF and the
XLSX renderings. Nothing here touches storage: the CLI gathers a :class:`Recap` from the
facade (``office.ikm``, ``office.survey_profile``, ``office.suggestions``) and hands it over.

Wording follows PermenPANRB No. 14 Tahun 2017 (unsur pelayanan, NRR, NRR tertimbang, IKM,
nilai interval konversi, mutu pelayanan, kinerja unit pelayanan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk.domain.dates import day_month_year, decimal_text, month_name, time_of_day
from kiosk.survey.definitions import (
    AGE_BAND_CODES,
    AGE_BANDS,
    EDUCATION,
    OCCUPATIONS,
    age_band,
    age_bands_meeting,
)
from kiosk.survey.ikm import grade
from kiosk.survey.model import (
    Collection,
    IkmResult,
    ProfileBreakdown,
    ResponseRow,
    SurveyDefinition,
)

REGULATION = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 "
    "Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara "
    "Pelayanan Publik"
)
NO_DATA = "Tidak ada responden yang mengisi survei pada periode ini."
NO_SUGGESTIONS = "Tidak ada saran atau masukan pada periode ini."
#: Suggestions the printed recap shows in full (the most recent); the rest are counted and
#: summarised there, and every one is in the XLSX recap's "Saran" sheet. A year's 24,000
#: made 543 pages nobody reads on paper.
SUGGESTIONS_ON_PAPER = 50
SUGGESTION_SHEET = "Saran"
DASH = "–"

#: The regulation's conversion table: (nilai persepsi, nilai interval, nilai interval
#: konversi, mutu pelayanan, kinerja unit pelayanan).
CONVERSION: tuple[tuple[str, str, str, str, str], ...] = (
    ("1", "1,00 – 2,5996", "25,00 – 64,99", "D", "Tidak Baik"),
    ("2", "2,60 – 3,064", "65,00 – 76,60", "C", "Kurang Baik"),
    ("3", "3,0644 – 3,532", "76,61 – 88,30", "B", "Baik"),
    ("4", "3,5324 – 4,00", "88,31 – 100,00", "A", "Sangat Baik"),
)
GRADE_COLOURS = {"A": "2E7D32", "B": "1565C0", "C": "EF6C00", "D": "C62828"}
NEUTRAL_COLOUR = "607D8B"

GENDER_LABELS = {"L": "Laki-laki", "P": "Perempuan"}
_UNFILLED = "Tidak diisi"


@dataclass(frozen=True, slots=True)
class Signature:
    """Who signs the recap ("Mengetahui,"): ``[office] place``, ``head_title``,
    ``head_name``, ``head_nip`` (18 digits). What is not configured is left as a line to
    write on by hand."""

    place: str | None = None
    head_title: str | None = None
    head_name: str | None = None
    head_nip: str | None = None


@dataclass(frozen=True, slots=True)
class SignatureLines:
    """The signature block as printed, top to bottom; a gap for the signature between
    ``title`` and ``name``."""

    place_date: str
    known: str  # "Mengetahui,"
    title: str
    name: str
    nip: str


SIGN_BLANK = "(" + "." * 36 + ")"


@dataclass(frozen=True, slots=True)
class Recap:
    """Everything one recap shows. ``service_names`` maps service codes to their names."""

    office_name: str
    definition: SurveyDefinition
    result: IkmResult
    profile: ProfileBreakdown
    suggestions: tuple[str, ...] = ()
    service_names: Mapping[str, str] = field(default_factory=dict)
    generated_at: dt.datetime | None = None
    #: Further limits of the slice, already worded ("Jenis kelamin: Perempuan").
    filters: tuple[str, ...] = ()
    signature: Signature = field(default_factory=Signature)
    #: Every response of the slice, in time order (the per-respondent sheet).
    responses: tuple[ResponseRow, ...] = ()
    #: element code -> {value: responses that gave it}.
    distribution: Mapping[str, Mapping[int, int]] = field(default_factory=dict)
    collection: Collection | None = None
    #: The same slice over the previous periods of the same length, oldest first.
    trend: tuple[IkmResult, ...] = ()

    @property
    def title(self) -> str:
        return f"Laporan Hasil {self.definition.name_id}"

    @property
    def computes_ikm(self) -> bool:
        return self.definition.computes_ikm


@dataclass(frozen=True, slots=True)
class ElementLine:
    number: int
    code: str
    name: str
    answered: int
    total: int
    nrr: float | None
    weighted: float | None
    grade: str | None  # the element's own mutu (NRR x 25 on the conversion table)


@dataclass(frozen=True, slots=True)
class ProfileTable:
    title: str
    rows: tuple[tuple[str, int], ...]
    total: int


# -- text -------------------------------------------------------------------------------
def date_id(day: dt.date) -> str:
    return day_month_year(day, "id")


def datetime_id(moment: dt.datetime) -> str:
    return f"{date_id(moment.date())} pukul {time_of_day(moment.time(), 'id')}"


def period_id(date_from: dt.date, date_to: dt.date) -> str:
    """ "November 2026", "23 November 2026", "1 – 15 November 2026", "Januari – Maret 2026"."""
    if date_from == date_to:
        return date_id(date_from)
    whole_from = date_from.day == 1
    whole_to = (date_to + dt.timedelta(days=1)).day == 1
    same_year = date_from.year == date_to.year
    if whole_from and whole_to:
        first = month_name(date_from.month, "id")
        last = month_name(date_to.month, "id")
        if (date_from.year, date_from.month) == (date_to.year, date_to.month):
            return f"{first} {date_to.year}"
        if date_from.month == 1 and date_to.month == 12 and same_year:
            return f"Tahun {date_to.year}"
        if same_year:
            return f"{first} – {last} {date_to.year}"
        return f"{first} {date_from.year} – {last} {date_to.year}"
    if (date_from.year, date_from.month) == (date_to.year, date_to.month):
        return f"{date_from.day} – {date_id(date_to)}"
    if same_year:
        return f"{date_from.day} {month_name(date_from.month, 'id')} – {date_id(date_to)}"
    return f"{date_id(date_from)} – {date_id(date_to)}"


def number_id(value: float | None, places: int = 2) -> str:
    """``3.5167`` -> ``"3,52"``: Indonesian decimal comma, thousands with a dot."""
    if value is None:
        return DASH
    return decimal_text(value, "id", places)


def count_id(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def scope_id(recap: Recap) -> str:
    r = recap.result
    bits = []
    if r.service:
        name = recap.service_names.get(r.service)
        bits.append(f"Layanan {r.service}" + (f" ({name})" if name else ""))
    if r.counter is not None:
        bits.append(f"Loket {r.counter}")
    bits += recap.filters
    return " · ".join(bits) if bits else "Semua layanan dan loket"


def filters_id(
    gender: str | None = None,
    education: str | None = None,
    occupation: str | None = None,
    age_min: int | None = None,
    age_max: int | None = None,
) -> tuple[str, ...]:
    """A profile filter in words, for the recap's scope line."""
    out = []
    if gender:
        out.append(f"Jenis kelamin: {GENDER_LABELS.get(gender, gender)}")
    if age_min is not None or age_max is not None:
        out.append(_age_filter_id(age_min, age_max))
    if education:
        out.append(f"Pendidikan: {education}")
    if occupation:
        out.append(f"Pekerjaan: {occupation}")
    return tuple(out)


def sample_id(recap: Recap) -> str:
    """The sample adequacy sentence (Krejcie dan Morgan)."""
    s = recap.result.sample
    if s is None:
        return (
            "Kecukupan sampel (Krejcie dan Morgan): jumlah pengunjung yang dilayani pada "
            "periode ini tidak tersedia."
        )
    if s.population <= 0:
        return (
            "Kecukupan sampel (Krejcie dan Morgan): tidak ada pengunjung yang dilayani pada "
            "periode ini."
        )
    verdict = "TERPENUHI" if s.met else "BELUM TERPENUHI"
    return (
        f"Kecukupan sampel (Krejcie dan Morgan): populasi {count_id(s.population)} pengunjung "
        f"dilayani, sampel minimum {count_id(s.required)} responden, diperoleh "
        f"{count_id(s.respondents)} responden: {verdict}."
    )


def nip_id(digits: str) -> str:
    """``197501012000031001`` -> ``19750101 200003 1 001`` (birth date, appointment
    month, sex, serial), as a NIP is printed."""
    if len(digits) != 18 or not digits.isdigit():
        return digits
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def signature_lines(recap: Recap) -> SignatureLines:
    """Place and date (the day the recap was made), "Mengetahui,", the head's title,
    name and NIP; dotted lines where the configuration says nothing."""
    sig = recap.signature
    day = (recap.generated_at or dt.datetime.now()).date()
    place = f"{sig.place}, {date_id(day)}" if sig.place else date_id(day)
    return SignatureLines(
        place_date=place,
        known="Mengetahui,",
        title=sig.head_title or "Kepala Kantor",
        name=sig.head_name or SIGN_BLANK,
        nip=f"NIP {nip_id(sig.head_nip)}" if sig.head_nip else "NIP " + "." * 24,
    )


def weight_id(definition: SurveyDefinition) -> str:
    return f"1/{len(definition.elements)}"


# -- tables -----------------------------------------------------------------------------
def element_lines(recap: Recap) -> list[ElementLine]:
    names = {e.code: e.name_id for e in recap.definition.elements}
    lines = []
    for i, score in enumerate(recap.result.elements, start=1):
        mutu = None
        if recap.computes_ikm and score.nrr is not None:
            mutu = grade(score.nrr * 25)[0]
        lines.append(
            ElementLine(
                number=i,
                code=score.code,
                name=names.get(score.code, score.name_id),
                answered=score.answered,
                total=score.total,
                nrr=score.nrr,
                weighted=score.weighted,
                grade=mutu,
            )
        )
    return lines


def _ordered(counts: Mapping[str, int], order: tuple[str, ...]) -> list[tuple[str, int]]:
    known = [(k, counts[k]) for k in order if k in counts]
    rest = [(k, v) for k, v in counts.items() if k not in order and not _is_unfilled(k)]
    unfilled = sum(v for k, v in counts.items() if _is_unfilled(k))
    tail = [(_UNFILLED, unfilled)] if unfilled else []
    return [*known, *sorted(rest), *tail]


def _is_unfilled(key: str | None) -> bool:
    return key is None or key == "" or key.strip().lower() in ("tidak diisi", "-", "none")


def _age_filter_id(age_min: int | None, age_max: int | None) -> str:
    """The ages a filter covers, in words: the bands it selects (bands are stored), so a
    filter of 25-34 says "Umur 20–39 tahun", the respondents it really counts."""
    bands = age_bands_meeting(age_min, age_max)
    if not bands:
        return f"Umur {age_min}–{age_max} tahun"
    first, last = bands[0], bands[-1]
    if last is AGE_BANDS[-1] and first is AGE_BANDS[0]:
        return "Umur semua kelompok"
    if last is AGE_BANDS[-1]:
        return f"Umur {first.lowest} tahun ke atas"
    if first is AGE_BANDS[0]:
        return f"Umur di bawah {last.highest + 1} tahun"
    return f"Umur {first.lowest}–{last.highest} tahun"


def _age_label(code: str) -> str:
    try:
        return age_band(code).words_id
    except KeyError:  # not a band of ours (hand-made data): as stored
        return code


def profile_tables(recap: Recap) -> list[ProfileTable]:
    p = recap.profile
    total = recap.result.respondents

    def table(title: str, rows: list[tuple[str, int]]) -> ProfileTable:
        return ProfileTable(title, tuple(rows), total)

    ages = _ordered(p.age_band, AGE_BAND_CODES)
    services = [
        (
            f"{code} – {recap.service_names[code]}" if code in recap.service_names else code,
            n,
        )
        for code, n in _ordered(p.service, tuple(sorted(recap.service_names)))
    ]
    return [
        table(
            "Jenis Kelamin",
            [(GENDER_LABELS.get(k, k), v) for k, v in _ordered(p.gender, ("L", "P"))],
        ),
        table(
            "Umur",
            [(k if k == _UNFILLED else _age_label(k), v) for k, v in ages],
        ),
        table("Pendidikan", _ordered(p.education, EDUCATION)),
        table("Pekerjaan", _ordered(p.occupation, OCCUPATIONS)),
        table("Jenis Layanan", services),
    ]


def suggestions_note_id(total: int, shown: int) -> str:
    """Where the suggestions not printed are (the PDF's pointer to the XLSX)."""
    return (
        f"Pada periode ini ada {count_id(total)} saran. Yang dicetak di sini "
        f"{count_id(shown)} saran terbaru (nomor {count_id(total - shown + 1)}–"
        f"{count_id(total)}); seluruh saran, dengan nomor yang sama, ada pada lembar "
        f"\u201c{SUGGESTION_SHEET}\u201d di rekap IKM berformat Excel (XLSX) untuk periode "
        f"dan cakupan yang sama (Ekspor \u203a Rekap IKM \u203a Excel)."
    )


def percent_id(count: int, total: int) -> str:
    return f"{number_id(100 * count / total, 1)}%" if total else DASH
