"""A day at the office in figures, for the supervisor's dashboard (pure; no database).

Wait = issue to first call; service = start (or call, if never started) to finish. The
90th percentile uses the nearest-rank method (the value below which 90% of tickets fall,
always an observed value), which is what a supervisor can check by hand against a list.

Per service, "issued" counts the tickets taken in that service at the kiosk: the prefix of
their code, which a ticket keeps for life, so a transfer does not move it (the numbers the
kiosk gave, what the daily quota counts, and what ``kiosk queue status`` shows as
issued_today: ``ReportRepository.issued_counts``). Every other count is by the service a
ticket is in now: a ticket transferred from A to B waits, and is served, in B.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from kiosk.domain.model import QUEUED_STATES, TicketStatus


@dataclass(frozen=True, slots=True)
class TicketTimes:
    """The few columns of a ticket the day's figures need."""

    service: str
    status: TicketStatus
    counter: int | None
    issued_at: dt.datetime
    called_at: dt.datetime | None
    started_at: dt.datetime | None
    finished_at: dt.datetime | None

    @property
    def wait_seconds(self) -> float | None:
        if self.called_at is None:
            return None
        return max(0.0, (self.called_at - self.issued_at).total_seconds())

    @property
    def service_seconds(self) -> float | None:
        if self.status is not TicketStatus.DONE or self.finished_at is None:
            return None
        begin = self.started_at or self.called_at
        if begin is None:
            return None
        return max(0.0, (self.finished_at - begin).total_seconds())


@dataclass(frozen=True, slots=True)
class Durations:
    n: int
    mean_seconds: float | None
    p90_seconds: float | None

    def to_dict(self) -> dict[str, object]:
        return {"n": self.n, "mean_seconds": self.mean_seconds, "p90_seconds": self.p90_seconds}


@dataclass(frozen=True, slots=True)
class StatusCounts:
    #: All of the day's tickets; per service, those taken in it (see the module's notes).
    issued: int = 0
    waiting: int = 0
    at_counter: int = 0  # called or being served
    done: int = 0
    no_show: int = 0
    cancelled: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "issued": self.issued,
            "waiting": self.waiting,
            "at_counter": self.at_counter,
            "done": self.done,
            "no_show": self.no_show,
            "cancelled": self.cancelled,
        }


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (0 < q <= 100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100.0 * len(ordered)))
    return ordered[rank - 1]


def durations(values: Iterable[float | None]) -> Durations:
    seen = [v for v in values if v is not None]
    if not seen:
        return Durations(0, None, None)
    return Durations(len(seen), sum(seen) / len(seen), percentile(seen, 90))


def status_counts(tickets: Iterable[TicketTimes]) -> StatusCounts:
    issued = waiting = at_counter = done = no_show = cancelled = 0
    for t in tickets:
        issued += 1
        if t.status in QUEUED_STATES:
            waiting += 1
        elif t.status in (TicketStatus.CALLED, TicketStatus.SERVING):
            at_counter += 1
        elif t.status is TicketStatus.DONE:
            done += 1
        elif t.status is TicketStatus.NO_SHOW:
            no_show += 1
        elif t.status is TicketStatus.CANCELLED:
            cancelled += 1
    return StatusCounts(issued, waiting, at_counter, done, no_show, cancelled)


def issued_per_hour(tickets: Iterable[TicketTimes], tz: ZoneInfo) -> dict[int, int]:
    """Local hour (0-23) -> tickets issued in it; hours with none are left out."""
    hours: dict[int, int] = {}
    for t in tickets:
        hour = t.issued_at.astimezone(tz).hour
        hours[hour] = hours.get(hour, 0) + 1
    return dict(sorted(hours.items()))


@dataclass(frozen=True, slots=True)
class CounterDay:
    number: int
    name: str
    paused: bool
    current: str | None  # the ticket code called or served there now
    served: int
    service_time: Durations

    def to_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "name": self.name,
            "paused": self.paused,
            "current": self.current,
            "served": self.served,
            "service_time": self.service_time.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class DaySummary:
    """Today (or any office day) at a glance: the dashboard's figures."""

    office_day: dt.date
    totals: StatusCounts
    #: In the services' order; issued by the service taken in, the rest by the current one.
    per_service: tuple[tuple[str, StatusCounts], ...]
    wait: Durations
    service_time: Durations
    issued_per_hour: dict[int, int]
    counters: tuple[CounterDay, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "office_day": self.office_day.isoformat(),
            "totals": self.totals.to_dict(),
            "per_service": {code: c.to_dict() for code, c in self.per_service},
            "wait": self.wait.to_dict(),
            "service_time": self.service_time.to_dict(),
            "issued_per_hour": {str(h): n for h, n in self.issued_per_hour.items()},
            "counters": [c.to_dict() for c in self.counters],
        }


def summarise_day(
    day: dt.date,
    tickets: Sequence[TicketTimes],
    services: Sequence[str],
    counters: Sequence[tuple[int, str, bool]],
    current: dict[int, str],
    tz: ZoneInfo,
    issued: Mapping[str, int],
) -> DaySummary:
    """The day's figures from its tickets (a day is at most a few thousand rows);
    ``issued``: service -> tickets taken in it (``ReportRepository.issued_counts``)."""
    by_service = {code: [t for t in tickets if t.service == code] for code in services}
    desks = []
    for number, name, paused in counters:
        done_here = [t.service_seconds for t in tickets if t.counter == number]
        times = durations(done_here)
        desks.append(CounterDay(number, name, paused, current.get(number), times.n, times))
    return DaySummary(
        office_day=day,
        totals=status_counts(tickets),
        per_service=tuple(
            (code, replace(status_counts(ts), issued=issued.get(code, 0)))
            for code, ts in by_service.items()
        ),
        wait=durations(t.wait_seconds for t in tickets),
        service_time=durations(t.service_seconds for t in tickets),
        issued_per_hour=issued_per_hour(tickets, tz),
        counters=tuple(desks),
    )
