"""The IKM arithmetic of PermenPANRB 14/2017, against cases worked out by hand."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from kiosk.survey import ikm
from kiosk.survey.definitions import IPK, SKM, SKM_CODES
from kiosk.survey.model import IkmResult

DAY = dt.date(2026, 11, 24)


def spread(total: int, answered: int) -> dict[str, tuple[int, int]]:
    """Aggregates where every element was answered ``answered`` times and the nine sums
    add up to ``total`` (as evenly as possible: only the sum of the NRRs matters)."""
    base, extra = divmod(total, 9)
    out = {code: (answered, base + (1 if i < extra else 0)) for i, code in enumerate(SKM_CODES)}
    assert sum(t for _, t in out.values()) == total
    assert all(answered <= t <= 4 * answered for _, t in out.values())
    return out


def run(aggregates: dict[str, tuple[int, int]], respondents: int) -> IkmResult:
    return ikm.compute(SKM, aggregates, respondents, DAY, DAY)


# -- whole pipeline ------------------------------------------------------------------------
def test_all_fours_give_exactly_100_a() -> None:
    # NRR 4 for each of the nine; 9 x (4 x 1/9) = 4 exactly; 4 x 25 = 100.00 -> A.
    # (With the weight rounded to 0.111: 9 x 4 x 0.111 x 25 = 99.90. Exact 1/9 matters.)
    result = run({c: (50, 200) for c in SKM_CODES}, 50)
    assert result.ikm == 100.0
    assert result.ikm_raw == 4.0
    assert (result.grade, result.label) == ("A", "Sangat Baik")
    assert result.nrr == dict.fromkeys(SKM_CODES, 4.0)
    assert all(e.weighted == pytest.approx(4 / 9) for e in result.elements)


def test_all_threes_give_75_c_and_all_ones_25_d() -> None:
    # NRR 3 -> 3 x 25 = 75.00 < 76.61 -> C;   NRR 1 -> 25.00 -> D.
    assert (run({c: (10, 30) for c in SKM_CODES}, 10).ikm, "C") == (75.0, "C")
    low = run({c: (10, 10) for c in SKM_CODES}, 10)
    assert (low.ikm, low.grade, low.label) == (25.0, "D", "Tidak Baik")


def test_a_worked_mixed_example() -> None:
    # Two responses: (4,3,4,4,3,4,4,3,4) and (3,2,...) as the sums below.
    # NRRs 3.5, 2.5, 4, 4, 3, 4, 4, 3, 4 -> sum 32 -> 32/9 = 3.5555...
    # x 25 = 88.888... -> 88.89 -> A.
    sums = {"U1": 7, "U2": 5, "U3": 8, "U4": 8, "U5": 6, "U6": 8, "U7": 8, "U8": 6, "U9": 8}
    result = run({c: (2, s) for c, s in sums.items()}, 2)
    assert result.ikm_raw == pytest.approx(32 / 9)
    assert result.ikm == 88.89
    assert result.grade == "A"


@pytest.mark.parametrize(
    ("total", "answered", "expected", "grade"),
    [
        # sum of NRRs = total / answered;  IKM x 25 = sum / 9 x 25 = total / (answered x 9 / 25)
        # 3179 / 100 = 31.79;  31.79 / 9 x 25 = 88.30555...  -> rounds to 88.31 -> A
        # (graded before rounding it would be B: round first, then grade)
        (3179, 100, 88.31, "A"),
        # 31787 / 1000 = 31.787;  x 25 / 9 = 88.29722...  -> 88.30 -> B
        (31787, 1000, 88.30, "B"),
        # 2758 / 100 = 27.58;  x 25 / 9 = 76.61111...  -> 76.61 -> B
        (2758, 100, 76.61, "B"),
        # 27575 / 1000 = 27.575;  x 25 / 9 = 76.59722...  -> 76.60 -> C
        (27575, 1000, 76.60, "C"),
        # 2340 / 100 = 23.40;  x 25 / 9 = 65.00000 exactly -> C
        (2340, 100, 65.00, "C"),
        # 23395 / 1000 = 23.395;  x 25 / 9 = 64.98611...  -> 64.99 -> D
        (23395, 1000, 64.99, "D"),
    ],
)
def test_boundaries_through_the_whole_pipeline(
    total: int, answered: int, expected: float, grade: str
) -> None:
    result = run(spread(total, answered), answered)
    assert result.ikm == expected
    assert result.grade == grade


def test_an_element_left_unanswered_divides_by_those_who_answered() -> None:
    # 4 respondents; U1 answered by only 2 of them (4 + 3 = 7): NRR 7/2 = 3.5, not 7/4.
    # The other eight: all four answered 3 -> NRR 12/4 = 3.
    # IKM = (3.5 + 8 x 3) / 9 = 27.5 / 9 = 3.0555...; x 25 = 76.3888... -> 76.39 -> C.
    aggregates = {c: (4, 12) for c in SKM_CODES}
    aggregates["U1"] = (2, 7)
    result = run(aggregates, 4)
    assert result.nrr["U1"] == 3.5
    assert result.elements[0].answered == 2
    assert result.ikm == 76.39
    assert result.grade == "C"


def test_an_element_nobody_answered_has_no_nrr_and_the_rest_still_count() -> None:
    # U9 never answered: mean over the eight that were: all 4 -> 100.00, not 8/9 of it.
    aggregates = {c: (3, 12) for c in SKM_CODES if c != "U9"}
    result = run(aggregates, 3)
    assert result.nrr["U9"] is None
    assert result.ikm == 100.0


def test_no_responses_is_a_clear_no_data_result() -> None:
    result = ikm.compute(SKM, {}, 0, DAY, DAY, population=120)
    assert result.respondents == 0
    assert not result.has_data
    assert (result.ikm, result.ikm_raw, result.grade, result.label) == (None, None, None, None)
    assert result.nrr == dict.fromkeys(SKM_CODES, None)
    assert result.sample is not None
    assert (result.sample.required, result.sample.met) == (92, False)
    assert result.to_dict()["ikm"] is None


def test_aggregates_for_unknown_elements_are_refused() -> None:
    with pytest.raises(ValueError, match="U10"):
        run({"U10": (1, 4)}, 1)


def test_a_survey_without_ikm_gets_nrrs_and_their_mean_only() -> None:
    # IPK on 1-6: NRRs 6, 5, 6, 4, 5 -> mean 26/5 = 5.2; no 25-100 value, no grade.
    sums = {"P1": 12, "P2": 10, "P3": 12, "P4": 8, "P5": 10}
    result = ikm.compute(IPK, {c: (2, s) for c, s in sums.items()}, 2, DAY, DAY)
    assert result.ikm_raw == pytest.approx(5.2)
    assert (result.ikm, result.grade) == (None, None)


# -- rounding and grading ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "grade"),
    [
        (100, "A"),
        (88.31, "A"),
        (88.30, "B"),
        (76.61, "B"),
        (76.60, "C"),
        (65.00, "C"),
        (64.99, "D"),
        (25, "D"),
        # rounded to two decimals first, halves up
        (88.305, "A"),
        (88.3049, "B"),
        (Fraction(3179, 36), "A"),  # 88.30555...
        (76.605, "B"),
        (64.995, "C"),
        (64.9949, "D"),
    ],
)
def test_grade_boundaries(value: float | Fraction, grade: str) -> None:
    assert ikm.grade(value)[0] == grade


def test_labels() -> None:
    assert [ikm.grade(v) for v in (90, 80, 70, 50)] == [
        ("A", "Sangat Baik"),
        ("B", "Baik"),
        ("C", "Kurang Baik"),
        ("D", "Tidak Baik"),
    ]


def test_round_half_up_is_exact() -> None:
    assert ikm.round_half_up(Fraction(1765, 20)) == Fraction(8825, 100)  # 88.25 stays
    assert ikm.round_half_up(88.305) == Fraction(8831, 100)  # not banker's 88.30
    assert ikm.round_half_up(2.675) == Fraction(268, 100)  # the float 2.67499... as written


# -- Krejcie-Morgan ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("population", "required"),
    [
        # s = 3.841 N 0.25 / (0.0025 (N-1) + 0.96025)
        (0, 0),
        (10, 10),  # 9.6025 / 0.98275 = 9.77
        (50, 44),  # 48.0125 / 1.08275 = 44.34
        (100, 80),  # 96.025 / 1.20775 = 79.51
        (200, 132),  # 192.05 / 1.45775 = 131.74
        (500, 217),  # 480.125 / 2.20775 = 217.47
        (1000, 278),  # 960.25 / 3.45775 = 277.71
        (10000, 370),  # 9602.5 / 25.95775 = 369.93
    ],
)
def test_krejcie_morgan_against_published_values(population: int, required: int) -> None:
    assert ikm.krejcie_morgan(population) == required


def test_sample_check() -> None:
    assert ikm.sample_check(1000, 278).met
    assert not ikm.sample_check(1000, 277).met
