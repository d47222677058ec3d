"""The dashboard's figures against hand-worked cases."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.model import TicketStatus as S
from kiosk.domain.stats import (
    TicketTimes,
    durations,
    issued_per_hour,
    percentile,
    status_counts,
)

T0 = dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)  # 08:30 WIB


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def ticket(status: S, issued: float, called: float | None = None, started: float | None = None,
           finished: float | None = None, service: str = "A") -> TicketTimes:  # fmt: skip
    return TicketTimes(
        service=service,
        status=status,
        counter=1 if called is not None else None,
        issued_at=at(issued),
        called_at=at(called) if called is not None else None,
        started_at=at(started) if started is not None else None,
        finished_at=at(finished) if finished is not None else None,
    )


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 90) is None
    assert percentile([5.0], 90) == 5.0
    ten = [float(v) for v in range(1, 11)]
    assert percentile(ten, 90) == 9.0  # ceil(0.9 * 10) = 9th value
    assert percentile(list(reversed(ten)), 90) == 9.0
    assert percentile([float(v) for v in range(1, 12)], 90) == 10.0  # ceil(9.9) = 10th
    assert percentile(ten, 100) == 10.0
    assert percentile(ten, 1) == 1.0


def test_wait_and_service_times() -> None:
    day = [
        ticket(S.DONE, 0, called=10, started=11, finished=16),  # wait 10, service 5
        ticket(S.DONE, 0, called=20, finished=30),  # never started: service from the call, 10
        ticket(S.NO_SHOW, 5, called=25),  # waited 20; no service time
        ticket(S.WAITING, 30),  # no wait yet
        ticket(S.SERVING, 1, called=31, started=32),  # waited 30; not finished
    ]
    waits = durations(t.wait_seconds for t in day)
    assert waits.n == 4
    assert waits.mean_seconds == pytest.approx((10 + 20 + 20 + 30) * 60 / 4)
    assert waits.p90_seconds == 30 * 60
    service = durations(t.service_seconds for t in day)
    assert (service.n, service.mean_seconds, service.p90_seconds) == (2, 450.0, 600.0)
    assert durations([]).to_dict() == {"n": 0, "mean_seconds": None, "p90_seconds": None}


def test_status_counts_and_hours() -> None:
    day = [
        ticket(S.WAITING, 0),
        ticket(S.TRANSFERRED, 1),
        ticket(S.CALLED, 2, called=3),
        ticket(S.SERVING, 2, called=3, started=4),
        ticket(S.DONE, 40, called=50, finished=55),
        ticket(S.NO_SHOW, 70, called=80),
        ticket(S.CANCELLED, 95),
    ]
    counts = status_counts(day)
    assert counts.to_dict() == {
        "issued": 7, "waiting": 2, "at_counter": 2, "done": 1, "no_show": 1, "cancelled": 1,
    }  # fmt: skip
    # 08:30 + 0..2 min -> 8h; +40 -> 9h (09:10); +70 -> 9h (09:40); +95 -> 10h (10:05)
    assert issued_per_hour(day, ZoneInfo("Asia/Jakarta")) == {8: 4, 9: 2, 10: 1}
