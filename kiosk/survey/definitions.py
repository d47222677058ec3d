"""The surveys the product ships, as data: the SKM of PermenPANRB 14/2017 and the
anti-corruption perception survey (IPK/SPAK) some offices run for Zona Integritas.

Answers are stored by element code, never by screen position; the screen order is
configuration (``[survey] order``), applied with :func:`in_order`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kiosk.survey.model import AgeBand, Element, SurveyDefinition

#: "Bagaimana pendapat Saudara tentang ...": how the regulation's questions open.
QUESTION_PREFIX_ID = "Bagaimana pendapat Saudara tentang"
QUESTION_PREFIX_EN = "What is your opinion of"

# The standard questionnaire's respondent profile (product.md).
GENDERS = ("L", "P")
EDUCATION = ("SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3")
OCCUPATIONS = ("PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya")
AGE_MIN, AGE_MAX = 10, 120
#: The age question's bands: the one definition the kiosk's buttons, the stored code, the
#: exports, the recap's table, the filters and the migration of old rows (0007) all use.
AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("<20", AGE_MIN, 19, "< 20", "Di bawah 20 tahun"),
    AgeBand("20-29", 20, 29, "20–29", "20–29 tahun"),
    AgeBand("30-39", 30, 39, "30–39", "30–39 tahun"),
    AgeBand("40-49", 40, 49, "40–49", "40–49 tahun"),
    AgeBand("50-59", 50, 59, "50–59", "50–59 tahun"),
    AgeBand(">=60", 60, AGE_MAX, "≥ 60", "60 tahun ke atas"),
)
AGE_BAND_CODES = tuple(b.code for b in AGE_BANDS)


def _skm(
    code: str,
    name_id: str,
    name_en: str,
    topic_id: str,
    topic_en: str,
    labels_id: str,
    labels_en: str,
) -> Element:
    return Element(
        code=code,
        name_id=name_id,
        name_en=name_en,
        question_id=f"{QUESTION_PREFIX_ID} {topic_id}?",
        question_en=f"{QUESTION_PREFIX_EN} {topic_en}?",
        labels_id=tuple(labels_id.split(" / ")),
        labels_en=tuple(labels_en.split(" / ")),
    )


SKM = SurveyDefinition(
    code="skm",
    name_id="Survei Kepuasan Masyarakat",
    name_en="Public Satisfaction Survey",
    scale_min=1,
    scale_max=4,
    computes_ikm=True,
    elements=(
        _skm(
            "U1",
            "Persyaratan",
            "Requirements",
            "kesesuaian persyaratan pelayanan dengan jenis pelayanannya",
            "how well the service requirements match the kind of service",
            "Tidak sesuai / Kurang sesuai / Sesuai / Sangat sesuai",
            "Not appropriate / Not very appropriate / Appropriate / Very appropriate",
        ),
        _skm(
            "U2",
            "Sistem, Mekanisme, dan Prosedur",
            "Systems, Mechanisms and Procedures",
            "kemudahan prosedur pelayanan di unit ini",
            "how easy the service procedures at this office are",
            "Tidak mudah / Kurang mudah / Mudah / Sangat mudah",
            "Not easy / Not very easy / Easy / Very easy",
        ),
        _skm(
            "U3",
            "Waktu Penyelesaian",
            "Completion Time",
            "kecepatan waktu dalam memberikan pelayanan",
            "how quickly the service was delivered",
            "Tidak cepat / Kurang cepat / Cepat / Sangat cepat",
            "Not fast / Not very fast / Fast / Very fast",
        ),
        _skm(
            "U4",
            "Biaya/Tarif",
            "Cost/Fee",
            "kewajaran biaya/tarif dalam pelayanan",
            "how reasonable the cost or fee of the service is",
            "Sangat mahal / Cukup mahal / Murah / Gratis",
            "Very expensive / Quite expensive / Cheap / Free",
        ),
        _skm(
            "U5",
            "Produk Spesifikasi Jenis Pelayanan",
            "Service Product Specification",
            "kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan "
            "dengan hasil yang diberikan",
            "how well the service you received matches what the service standard promises",
            "Tidak sesuai / Kurang sesuai / Sesuai / Sangat sesuai",
            "Not appropriate / Not very appropriate / Appropriate / Very appropriate",
        ),
        _skm(
            "U6",
            "Kompetensi Pelaksana",
            "Staff Competence",
            "kompetensi/kemampuan petugas dalam pelayanan",
            "the competence and ability of the officers who served you",
            "Tidak kompeten / Kurang kompeten / Kompeten / Sangat kompeten",
            "Not competent / Not very competent / Competent / Very competent",
        ),
        _skm(
            "U7",
            "Perilaku Pelaksana",
            "Staff Conduct",
            "perilaku petugas dalam pelayanan terkait kesopanan dan keramahan",
            "the officers' courtesy and friendliness",
            "Tidak sopan dan ramah / Kurang sopan dan ramah / Sopan dan ramah / "
            "Sangat sopan dan ramah",
            "Not polite and friendly / Not very polite and friendly / Polite and friendly / "
            "Very polite and friendly",
        ),
        _skm(
            "U8",
            "Penanganan Pengaduan, Saran, dan Masukan",
            "Handling of Complaints, Suggestions and Feedback",
            "penanganan pengaduan pengguna layanan",
            "how complaints from service users are handled",
            "Tidak ada / Ada tetapi tidak berfungsi / Berfungsi kurang maksimal / "
            "Dikelola dengan baik",
            "None / Exists but does not work / Works, but not fully / Well managed",
        ),
        _skm(
            "U9",
            "Sarana dan Prasarana",
            "Facilities and Infrastructure",
            "kualitas sarana dan prasarana",
            "the quality of the facilities and infrastructure",
            "Buruk / Cukup / Baik / Sangat Baik",
            "Poor / Fair / Good / Very good",
        ),
    ),
)

_AGREE_ID = (
    "Sangat tidak setuju",
    "Tidak setuju",
    "Kurang setuju",
    "Cukup setuju",
    "Setuju",
    "Sangat setuju",
)
_AGREE_EN = (
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
)


def _ipk(code: str, name_id: str, name_en: str, statement_id: str, statement_en: str) -> Element:
    return Element(
        code=code,
        name_id=name_id,
        name_en=name_en,
        question_id=statement_id,
        question_en=statement_en,
        labels_id=_AGREE_ID,
        labels_en=_AGREE_EN,
    )


IPK = SurveyDefinition(
    code="ipk",
    name_id="Survei Persepsi Antikorupsi",
    name_en="Anti-Corruption Perception Survey",
    scale_min=1,
    scale_max=6,
    computes_ikm=False,
    elements=(
        _ipk(
            "P1",
            "Tidak ada diskriminasi",
            "No discrimination",
            "Petugas melayani semua pengguna layanan sama, tanpa diskriminasi.",
            "The officers serve every visitor alike, without discrimination.",
        ),
        _ipk(
            "P2",
            "Tidak ada pelayanan di luar prosedur",
            "No service outside procedure",
            "Tidak ada pelayanan di luar prosedur atau kecurangan dalam pelayanan.",
            "There is no service outside the procedure and no cheating in the service.",
        ),
        _ipk(
            "P3",
            "Tidak ada gratifikasi",
            "No gratuities",
            "Petugas tidak menerima imbalan uang, barang, atau fasilitas di luar ketentuan.",
            "The officers accept no money, goods or favours beyond the official fees.",
        ),
        _ipk(
            "P4",
            "Tidak ada pungutan liar",
            "No illegal levies",
            "Tidak ada pungutan liar (pungli) dalam pelayanan.",
            "There are no illegal levies in the service.",
        ),
        _ipk(
            "P5",
            "Tidak ada percaloan",
            "No brokers",
            "Tidak ada praktik percaloan (calo) dalam pelayanan.",
            "There are no brokers (calo) in the service.",
        ),
    ),
)

#: Every survey the product knows, by code.
STANDARD: dict[str, SurveyDefinition] = {SKM.code: SKM, IPK.code: IPK}
SKM_CODES = tuple(e.code for e in SKM.elements)


def in_order(definition: SurveyDefinition, order: Sequence[str]) -> SurveyDefinition:
    """The same survey with its elements in screen ``order`` (every code exactly once)."""
    codes = [e.code for e in definition.elements]
    if sorted(order) != sorted(codes):
        raise ValueError(
            f"the order must name each of {', '.join(codes)} exactly once (got {', '.join(order)})"
        )
    return replace(definition, elements=tuple(definition.element(c) for c in order))


def age_band(code: str) -> AgeBand:
    """The band of a code as stored (``"30-39"``), or as typed or shown (``"30–39"``,
    ``"≥ 60"``, ``">= 60"``). KeyError for anything else."""
    wanted = "".join(code.split()).replace("–", "-").replace("≥", ">=").replace("≤", "<=")
    for band in AGE_BANDS:
        if band.code == wanted:
            return band
    raise KeyError(code)


def age_band_of(age: int) -> AgeBand:
    """The band an exact age (a paper form's) falls in. ValueError outside the ages asked."""
    for band in AGE_BANDS:
        if band.lowest <= age <= band.highest:
            return band
    raise ValueError(f"age {age} is outside {AGE_MIN}-{AGE_MAX}")


def age_bands_meeting(age_min: int | None, age_max: int | None) -> tuple[AgeBand, ...]:
    """The bands that share at least one age with ``age_min..age_max`` (None: open)."""
    lo = AGE_MIN if age_min is None else age_min
    hi = AGE_MAX if age_max is None else age_max
    return tuple(b for b in AGE_BANDS if b.lowest <= hi and lo <= b.highest)
