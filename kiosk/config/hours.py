"""Opening hours as the file writes them ({"mon-fri": "08:00-15:00", "sat": [...]}) read
into the domain's OpeningHours; a ValueError names the part that is wrong."""

from __future__ import annotations

import datetime as dt
import re

from kiosk.domain.model import WEEKDAYS, OpeningHours, TimeRange

_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_range(text: str) -> TimeRange:
    m = _RANGE.match(text)
    if not m:
        raise ValueError(f'expected a time range like "08:00-15:00", got {text!r}')
    h1, m1, h2, m2 = map(int, m.groups())
    try:
        start, end = dt.time(h1, m1), dt.time(h2, m2) if (h2, m2) != (24, 0) else dt.time.max
    except ValueError:
        raise ValueError(f"{text!r} is not a valid time range") from None
    if end <= start:
        raise ValueError(f"{text!r} ends before it starts")
    return TimeRange(start, end)


def parse_days(spec: str) -> list[int]:
    s = spec.strip().lower()
    if "-" in s:
        a, b = s.split("-", 1)
        if a not in WEEKDAYS or b not in WEEKDAYS:
            raise ValueError(f"day {spec!r}: expected mon..sun or a range such as mon-fri")
        i, j = WEEKDAYS.index(a), WEEKDAYS.index(b)
        if j < i:
            raise ValueError(f"day range {spec!r} runs backwards")
        return list(range(i, j + 1))
    if s not in WEEKDAYS:
        raise ValueError(f"day {spec!r}: expected mon..sun or a range such as mon-fri")
    return [WEEKDAYS.index(s)]


def opening_hours(spec: dict[str, str | list[str]]) -> OpeningHours:
    week: list[list[TimeRange]] = [[] for _ in WEEKDAYS]
    for days, ranges in spec.items():
        items = [ranges] if isinstance(ranges, str) else ranges
        parsed = sorted((parse_range(r) for r in items), key=lambda r: r.start)
        for i in parse_days(days):
            week[i].extend(parsed)
    return OpeningHours(tuple(tuple(sorted(d, key=lambda r: r.start)) for d in week))
