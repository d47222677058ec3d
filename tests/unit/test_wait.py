"""The waiting-time estimate shown at the kiosk and printed on the slip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.wait import average_service_seconds, estimate_wait_seconds

# -- average_service_seconds -------------------------------------------------------------


def test_default_before_any_ticket_is_finished() -> None:
    assert average_service_seconds([], 5.0) == 300.0
    assert average_service_seconds([], 2.5) == 150.0


def test_mean_of_recent_durations() -> None:
    assert average_service_seconds([120.0, 240.0, 360.0], 5.0) == 240.0
    assert average_service_seconds([90.0], 5.0) == 90.0


def test_non_positive_durations_are_ignored() -> None:
    # A ticket finished the same second it was called (or with a clock step back) says
    # nothing about how long service takes.
    assert average_service_seconds([0.0, -30.0, 100.0, 200.0], 5.0) == 150.0


def test_only_non_positive_durations_fall_back_to_the_default() -> None:
    assert average_service_seconds([0.0, -1.0], 4.0) == 240.0


@given(
    st.lists(st.floats(-1e4, 1e5, allow_nan=False), max_size=30),
    st.floats(0.5, 240.0),
)
def test_average_lies_within_the_usable_samples(recent: list[float], default: float) -> None:
    avg = average_service_seconds(recent, default)
    usable = [s for s in recent if s > 0]
    if not usable:
        assert avg == default * 60
    else:
        assert min(usable) - 1e-6 <= avg <= max(usable) + 1e-6


# -- estimate_wait_seconds ---------------------------------------------------------------


@pytest.mark.parametrize("ahead", [0, -1])
def test_nobody_ahead_waits_zero(ahead: int) -> None:
    assert estimate_wait_seconds(ahead, 600.0, 1) == 0
    assert estimate_wait_seconds(ahead, 600.0, 0) == 0


@pytest.mark.parametrize(
    ("ahead", "avg", "counters", "expected"),
    [
        (1, 300.0, 1, 300),  # exactly five minutes
        (3, 100.0, 1, 300),
        (1, 61.0, 1, 120),  # a second over a minute rounds up to two
        (1, 1.0, 1, 60),  # never "0 minutes" while someone is ahead
        (2, 90.0, 2, 120),  # 90 s shared by two counters -> 2 min
        (10, 300.0, 3, 1020),  # 1000 s -> 17 min
        (4, 300.0, 4, 300),
    ],
)
def test_estimate_rounds_up_to_whole_minutes(
    ahead: int, avg: float, counters: int, expected: int
) -> None:
    assert estimate_wait_seconds(ahead, avg, counters) == expected


@pytest.mark.parametrize("counters", [0, -2])
def test_no_open_counter_counts_as_one(counters: int) -> None:
    assert estimate_wait_seconds(5, 120.0, counters) == estimate_wait_seconds(5, 120.0, 1) == 600


@given(
    ahead=st.integers(1, 600),
    avg=st.floats(1.0, 3600.0),
    counters=st.integers(0, 20),
)
def test_estimate_is_whole_minutes_and_never_below_the_work_ahead(
    ahead: int, avg: float, counters: int
) -> None:
    est = estimate_wait_seconds(ahead, avg, counters)
    exact = ahead * avg / max(1, counters)
    assert isinstance(est, int)
    assert est % 60 == 0
    assert est > 0
    assert exact - 1e-6 <= est < exact + 60 + 1e-6
    # More counters never make the wait longer; more people never make it shorter.
    assert estimate_wait_seconds(ahead, avg, counters + 1) <= est
    assert estimate_wait_seconds(ahead + 1, avg, counters) >= est
