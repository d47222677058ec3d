"""The IKM arithmetic of PermenPANRB 14/2017, exact, on aggregates (no SQL, no Qt).

Input is, per element, how many responses answered it and the sum of their values: what a
``GROUP BY element`` returns, so a year of responses never has to be in memory.

1. NRR per element = sum / answered (only the responses that answered it).
2. Weighted NRR = NRR x 1/n, n the survey's number of elements (1/9 for the SKM), kept as
   an exact fraction: a weight rounded to 0.111 cannot reach 100 and is off by up to a point.
3. IKM (1-4) = sum of the weighted NRRs; on the 25-100 scale, IKM x 25.
4. The 25-100 value is rounded to two decimals (half up, like a spreadsheet's ROUND), and
   only then graded: >= 88.31 A, >= 76.61 B, >= 65.00 C, else D.

An element that nobody in the slice answered has no NRR; the IKM is then the mean over the
elements that have one (the 1/n weights are the mean when every element has data).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from kiosk.survey.model import ElementScore, IkmResult, SampleCheck, SurveyDefinition

#: (lowest IKM x 25 in hundredths, grade, kinerja label), best first.
GRADES: tuple[tuple[int, str, str], ...] = (
    (8831, "A", "Sangat Baik"),
    (7661, "B", "Baik"),
    (6500, "C", "Kurang Baik"),
    (0, "D", "Tidak Baik"),
)
LABELS_EN = {"A": "Very good", "B": "Good", "C": "Poor", "D": "Very poor"}

Number = int | float | Decimal | Fraction


def _exact(value: Number) -> Fraction:
    # A float such as 88.31 is 88.3099999...; its shortest repr is what was meant.
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def round_half_up(value: Number, places: int = 2) -> Fraction:
    """``value`` rounded to ``places`` decimals, halves away from zero (non-negative input)."""
    scale = 10**places
    return Fraction(math.floor(_exact(value) * scale + Fraction(1, 2)), scale)


def grade(ikm_25_100: Number) -> tuple[str, str]:
    """(grade, label) for an IKM on the 25-100 scale, rounded to two decimals first."""
    hundredths = round_half_up(ikm_25_100) * 100
    for lowest, letter, label in GRADES:
        if hundredths >= lowest:
            return letter, label
    raise AssertionError("unreachable: the last grade starts at 0")


def krejcie_morgan(population: int) -> int:
    """The minimum sample for a population of ``population`` (95% confidence, 5% error):
    s = 3.841 N 0.25 / (0.0025 (N - 1) + 3.841 x 0.25), rounded (half up)."""
    if population <= 0:
        return 0
    n = Decimal(population)
    s = (
        Decimal("3.841")
        * n
        * Decimal("0.25")
        / (Decimal("0.0025") * (n - 1) + Decimal("3.841") * Decimal("0.25"))
    )
    return math.floor(Fraction(s) + Fraction(1, 2))


def sample_check(population: int, respondents: int) -> SampleCheck:
    required = krejcie_morgan(population)
    return SampleCheck(
        population=population,
        required=required,
        respondents=respondents,
        met=None if population <= 0 else respondents >= required,
    )


def compute(
    definition: SurveyDefinition,
    aggregates: Mapping[str, tuple[int, int]],
    respondents: int,
    date_from: dt.date,
    date_to: dt.date,
    *,
    service: str | None = None,
    counter: int | None = None,
    population: int | None = None,
) -> IkmResult:
    """The IKM from ``aggregates`` (element code -> (answered, sum of values)).

    ``respondents`` is the number of responses in the slice; ``population`` (visitors
    served in the period) adds the Krejcie-Morgan sample check. With no responses the
    result has ``respondents == 0`` and None for every value: never a division by zero.
    Surveys that do not compute the IKM (``computes_ikm`` False) get NRRs and their mean
    (``ikm_raw``, on the survey's own scale) but no 25-100 value or grade.
    """
    known = {e.code for e in definition.elements}
    unknown = sorted(set(aggregates) - known)
    if unknown:
        raise ValueError(f"aggregates name elements not in survey {definition.code!r}: {unknown}")
    weight = Fraction(1, len(definition.elements))
    scores: list[ElementScore] = []
    weighted: list[Fraction] = []
    for element in definition.elements:
        answered, total = aggregates.get(element.code, (0, 0))
        if answered > 0 and respondents > 0:
            nrr = Fraction(total, answered)
            w = nrr * weight
            weighted.append(w)
            scores.append(
                ElementScore(element.code, element.name_id, answered, total, float(nrr), float(w))
            )
        else:
            scores.append(ElementScore(element.code, element.name_id, answered, total, None, None))
    sample = None if population is None else sample_check(population, respondents)

    def result(
        raw: Fraction | None, scaled: Fraction | None, letter: str | None, label: str | None
    ) -> IkmResult:
        return IkmResult(
            survey=definition.code,
            date_from=date_from,
            date_to=date_to,
            service=service,
            counter=counter,
            respondents=respondents,
            elements=tuple(scores),
            ikm_raw=None if raw is None else float(raw),
            ikm=None if scaled is None else float(scaled),
            grade=letter,
            label=label,
            sample=sample,
        )

    if respondents <= 0 or not weighted:
        return result(None, None, None, None)
    # Every element answered: the sum of NRR x 1/n. Some never answered in this slice:
    # the mean over those that were (the same weights, renormalised).
    raw = sum(weighted, Fraction(0)) * Fraction(len(definition.elements), len(weighted))
    if not definition.computes_ikm:
        return result(raw, None, None, None)
    scaled = round_half_up(raw * 25)
    letter, label = grade(scaled)
    return result(raw, scaled, letter, label)


def previous_periods(
    date_from: dt.date, date_to: dt.date, count: int
) -> list[tuple[dt.date, dt.date]]:
    """The ``count`` periods of the same length just before ``date_from .. date_to``,
    oldest first. Whole months (November; January to March) step back by as many months,
    so the periods before November are October, September...; any other span steps back
    by its number of days."""
    months = _whole_months(date_from, date_to)
    out: list[tuple[dt.date, dt.date]] = []
    if months:
        for k in range(count, 0, -1):
            start = _add_months(date_from, -months * k)
            end = _add_months(date_from, -months * (k - 1)) - dt.timedelta(days=1)
            out.append((start, end))
        return out
    length = (date_to - date_from).days + 1
    for k in range(count, 0, -1):
        start = date_from - dt.timedelta(days=length * k)
        out.append((start, start + dt.timedelta(days=length - 1)))
    return out


def _whole_months(date_from: dt.date, date_to: dt.date) -> int:
    """How many calendar months the span covers exactly; 0 when it is not whole months."""
    if date_from.day != 1 or (date_to + dt.timedelta(days=1)).day != 1:
        return 0
    return (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first of a month ``months`` after (or before) ``day``'s month (``day`` is a 1st)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
