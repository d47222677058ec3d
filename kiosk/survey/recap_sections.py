"""The filed recap's further sections as plain data and Indonesian text, shared by the PDF
and the XLSX: how the survey was collected, the analysis (strongest and weakest elements,
those under the B boundary, the follow-up plan to fill in), the trend over the previous
periods, the IPK's answers by value, and the per-respondent processing rows.

Nothing here touches storage: :class:`kiosk.survey.recap.Recap` carries the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kiosk.survey.ikm import GRADES
from kiosk.survey.model import IkmResult
from kiosk.survey.recap import (
    DASH,
    ElementLine,
    Recap,
    count_id,
    element_lines,
    number_id,
    percent_id,
    period_id,
    weight_id,
)
from kiosk.survey.responses import SOURCES

# -- collection (metadata) ----------------------------------------------------------------
#: The stored sources (responses.SOURCES) in words, in that order.
CHANNEL_LABELS = {
    "kiosk": "Anjungan (kiosk) di ruang tunggu",
    "paper": "Kuesioner kertas",
    "cli": "Entri petugas (mis. wawancara telepon)",
}
#: The same, short: the per-respondent sheet's "Saluran" column.
CHANNEL_SHORT = {"kiosk": "Anjungan", "paper": "Kertas", "cli": "Petugas"}
assert set(CHANNEL_LABELS) == set(SOURCES) == set(CHANNEL_SHORT)
POPULATION_SOURCE = (
    "Populasi adalah jumlah tiket antrean yang selesai dilayani pada periode dan cakupan "
    "yang sama, dihitung dari basis data antrean kantor ini (bukan perkiraan)."
)
PHONE_NOTE = (
    "Survei melalui telepon tidak dicatat sebagai saluran tersendiri: isian yang dimasukkan "
    "petugas terhitung sebagai entri petugas."
)


def collection_rows(recap: Recap) -> list[tuple[str, str]]:
    """(what, value) lines: the collection dates, each channel with its count and share,
    the population and where it comes from."""
    c = recap.collection
    r = recap.result
    rows: list[tuple[str, str]] = [("Periode laporan", period_id(r.date_from, r.date_to))]
    if c is None or c.first_day is None or c.last_day is None:
        rows.append(("Waktu pengumpulan data", "Tidak ada isian survei pada periode ini"))
    else:
        rows.append(("Waktu pengumpulan data", period_id(c.first_day, c.last_day)))
    channels = c.channels if c is not None else {}
    total = sum(channels.values())
    for source in SOURCES:
        n = channels.get(source, 0)
        rows.append(
            (f"Saluran: {CHANNEL_LABELS[source]}", f"{count_id(n)} ({percent_id(n, total)})")
        )
    s = r.sample
    rows.append(
        (
            "Populasi (pengunjung dilayani)",
            "tidak tersedia" if s is None else f"{count_id(s.population)} orang",
        )
    )
    return rows


# -- analysis -----------------------------------------------------------------------------
#: The lowest IKM x 25 of mutu B, in hundredths (kiosk.survey.ikm.GRADES).
B_LOWEST = next(lowest for lowest, letter, _ in GRADES if letter == "B")
FOLLOW_UP = "Rencana tindak lanjut"
FOLLOW_UP_HEAD = (
    "No",
    "Unsur / permasalahan",
    "Rencana tindak lanjut",
    "Waktu",
    "Penanggung jawab",
)
#: Empty rows the supervisor fills in (on paper or in the XLSX "Analisis" sheet).
FOLLOW_UP_ROWS = 5
FOLLOW_UP_NOTE = (
    "Diisi oleh pimpinan unit pelayanan: perbaikan yang direncanakan untuk unsur dengan "
    "nilai terendah, kapan dilaksanakan dan siapa penanggung jawabnya."
)


@dataclass(frozen=True, slots=True)
class Analysis:
    strongest: tuple[ElementLine, ...]
    weakest: tuple[ElementLine, ...]
    under_b: tuple[ElementLine, ...]  # SKM only: NRR x 25 under 76,61


def analysis(recap: Recap) -> Analysis | None:
    """The strongest and weakest elements (ties all named) and, for the SKM, those whose
    NRR x 25 falls under the B boundary; None when nothing was answered."""
    lines = [line for line in element_lines(recap) if line.nrr is not None]
    if not lines:
        return None
    best = max(line.nrr or 0 for line in lines)
    worst = min(line.nrr or 0 for line in lines)
    under: tuple[ElementLine, ...] = ()
    if recap.computes_ikm:
        under = tuple(line for line in lines if line.grade in ("C", "D"))
    return Analysis(
        strongest=tuple(line for line in lines if line.nrr == best),
        weakest=tuple(line for line in lines if line.nrr == worst),
        under_b=under,
    )


def _named(lines: tuple[ElementLine, ...]) -> str:
    return "; ".join(f"{line.code} {line.name} (NRR {number_id(line.nrr)})" for line in lines)


def b_boundary_nrr() -> str:
    """The B boundary on the NRR scale: 76,61 / 25 = 3,0644."""
    return number_id(float(Fraction(B_LOWEST, 100 * 25)), 4)


def analysis_lines(recap: Recap) -> list[tuple[str, str]]:
    """(what, the elements) as the report states them."""
    a = analysis(recap)
    if a is None:
        return [("Analisis", "Tidak ada jawaban pada periode ini.")]
    rows = [
        ("Unsur dengan nilai tertinggi", _named(a.strongest)),
        ("Unsur dengan nilai terendah", _named(a.weakest)),
    ]
    if recap.computes_ikm:
        boundary = (
            f"Unsur di bawah batas mutu B (NRR < {b_boundary_nrr()}, "
            f"nilai konversi < {number_id(B_LOWEST / 100)})"
        )
        rows.append((boundary, _named(a.under_b) if a.under_b else "Tidak ada."))
    return rows


# -- trend --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TrendColumn:
    period: str
    respondents: int
    index: float | None  # IKM x 25 (SKM) or the mean (IPK)
    index_raw: float | None  # on the survey's scale: the line chart's IKM line
    nrr: dict[str, float | None]
    current: bool


def trend_columns(recap: Recap) -> list[TrendColumn]:
    """The previous periods, oldest first, then this one."""

    def column(r: IkmResult, current: bool) -> TrendColumn:
        return TrendColumn(
            period=period_id(r.date_from, r.date_to),
            respondents=r.respondents,
            index=r.ikm if recap.computes_ikm else r.ikm_raw,
            index_raw=r.ikm_raw,
            nrr=r.nrr,
            current=current,
        )

    return [*(column(r, False) for r in recap.trend), column(recap.result, True)]


def index_name(recap: Recap) -> str:
    if recap.computes_ikm:
        return "IKM (konversi 25–100)"
    d = recap.definition
    return f"Rata-rata (skala {d.scale_min}–{d.scale_max})"


def trend_note(recap: Recap) -> str:
    n = len(recap.trend)
    return (
        f"Nilai per unsur (NRR) dan {'IKM' if recap.computes_ikm else 'rata-rata'} untuk "
        f"{n} periode sebelumnya dengan panjang yang sama dan cakupan yang sama, lalu periode "
        f"ini. Tanda {DASH} berarti tidak ada isian pada periode itu."
    )


# -- the IPK's answers by value -----------------------------------------------------------
#: The IPK has no published index method: what the report computes, said on the report.
IPK_METHOD = (
    "Metode: {name} tidak memiliki metode indeks baku yang "
    "diterbitkan. Laporan ini menyajikan nilai rata-rata tiap pernyataan pada skala "
    "jawabannya (jumlah nilai ÷ jumlah responden yang menjawab), nilai rata-rata seluruh "
    "pernyataan (rata-rata dari nilai tiap pernyataan), sebaran jawaban per pernyataan, dan "
    "persentase jawaban teratas (nilai {top}) terhadap jawaban pernyataan tersebut. Nilai "
    "ini tidak dikonversi ke skala 25–100 dan tidak diberi mutu A–D."
)


def top_values(recap: Recap) -> tuple[int, ...]:
    """The top two answers of the scale (5 and 6 on the IPK's 1-6)."""
    d = recap.definition
    return (d.scale_max - 1, d.scale_max)


def top_id(recap: Recap) -> str:
    low, high = top_values(recap)
    return f"{low}–{high}"


def ipk_method(recap: Recap) -> str:
    return IPK_METHOD.format(name=recap.definition.name_id, top=top_id(recap))


@dataclass(frozen=True, slots=True)
class DistributionLine:
    code: str
    name: str
    counts: tuple[int, ...]  # per value, scale_min first
    answered: int
    mean: float | None
    top_share: float | None  # 0-1


def distribution_lines(recap: Recap) -> list[DistributionLine]:
    d = recap.definition
    values = range(d.scale_min, d.scale_max + 1)
    top = top_values(recap)
    out = []
    for line in element_lines(recap):
        counts = recap.distribution.get(line.code, {})
        per_value = tuple(int(counts.get(v, 0)) for v in values)
        answered = sum(per_value)
        tops = sum(int(counts.get(v, 0)) for v in top)
        out.append(
            DistributionLine(
                code=line.code,
                name=line.name,
                counts=per_value,
                answered=answered,
                mean=line.nrr,
                top_share=tops / answered if answered else None,
            )
        )
    return out


def overall_top_share(recap: Recap) -> float | None:
    lines = distribution_lines(recap)
    answered = sum(line.answered for line in lines)
    top = top_values(recap)
    d = recap.definition
    tops = sum(line.counts[v - d.scale_min] for line in lines for v in top)
    return tops / answered if answered else None


# -- per respondent -----------------------------------------------------------------------
RESPONDENT_SHEET = "Olah Data"
RESPONDENT_TITLE = "Pengolahan data per responden dan per unsur pelayanan"
#: Responses the PDF prints as an appendix (about three pages); beyond, it points to the
#: XLSX sheet, which has every one.
RESPONDENTS_ON_PAPER = 120


def respondent_note(recap: Recap) -> str:
    return (
        f"Ada {count_id(recap.result.respondents)} responden pada periode ini; pengolahan data "
        f"per responden ada pada lembar \u201c{RESPONDENT_SHEET}\u201d di rekap IKM "
        f"berformat Excel (XLSX) untuk periode dan cakupan yang sama."
    )


def respondent_legend(recap: Recap) -> list[str]:
    """The legend offices print under the processing table."""
    d = recap.definition
    lines = [f"{e.code} = {e.name_id}" for e in d.elements]
    scale = ", ".join(
        f"{v} = {label}"
        for v, label in zip(
            range(d.scale_min, d.scale_max + 1), d.elements[0].labels_id, strict=False
        )
    )
    lines.append(f"Nilai jawaban: {scale} (label pada {d.elements[0].code}).")
    lines.append(
        "Jumlah nilai per unsur = jumlah jawaban seluruh responden pada unsur itu; kosong: "
        "unsur tidak dijawab dan tidak dihitung."
    )
    lines.append("NRR per unsur = jumlah nilai per unsur ÷ jumlah responden yang menjawab.")
    lines.append(f"NRR tertimbang = NRR per unsur × {weight_id(d)}.")
    if recap.computes_ikm:
        lines.append(
            "IKM = jumlah NRR tertimbang (skala 1–4); IKM unit pelayanan = IKM × 25 "
            "(nilai interval konversi)."
        )
    return lines
