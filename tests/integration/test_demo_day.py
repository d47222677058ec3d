"""The demo's day (``kiosk demo-data``) as a supervisor sees it on the dashboard: it starts
when the office opens, 08.00 office time, peaks in the morning, dips at midday, and ends on a
live queue now, whatever hour the demo runs; never a day that began six hours ago."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from zoneinfo import ZoneInfo

from kiosk.office import Office
from kiosk.tools.demo.data import fill_demo_day

WIB = ZoneInfo("Asia/Jakarta")


def issued_hours(url: str, day: dt.date) -> Counter[int]:
    """Tickets issued per hour, office time, read from the file (issued_at is UTC)."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
        rows = db.execute("SELECT office_day, issued_at FROM tickets").fetchall()
    assert {office_day for office_day, _ in rows} == {day.isoformat()}
    return Counter(
        dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC).astimezone(WIB).hour for _, at in rows
    )


def test_an_evening_demo_shows_the_whole_office_day_from_08_00(sqlite_url: str) -> None:
    now = dt.datetime(2026, 12, 4, 18, 13, tzinfo=WIB)
    with Office.open(sqlite_url) as office:
        summary = fill_demo_day(office, seed=5, now=now)
    hours = issued_hours(sqlite_url, now.date())
    assert min(hours) == 8 and max(hours) == 18, hours
    assert set(hours) == set(range(8, 19))  # every hour of the day has visitors
    assert hours[8] + hours[9] > 2 * (hours[12] + hours[15])  # the morning rush, the lull
    assert summary.issued == sum(hours.values())
    assert summary.waiting_at_end > 0  # the windows open on a live queue


def test_an_early_demo_stays_within_today_and_still_has_a_queue(sqlite_url: str) -> None:
    now = dt.datetime(2026, 12, 4, 0, 40, tzinfo=WIB)
    with Office.open(sqlite_url) as office:
        summary = fill_demo_day(office, seed=5, now=now)
    hours = issued_hours(sqlite_url, now.date())
    assert set(hours) == {0}, hours  # not a ticket dated yesterday
    assert summary.issued > 100 and summary.waiting_at_end > 0
