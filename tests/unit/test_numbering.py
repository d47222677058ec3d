"""Ticket codes and the office day (Indonesia has three time zones)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.numbering import office_day, parse_ticket_code, ticket_code

WIB = ZoneInfo("Asia/Jakarta")  # UTC+7
WITA = ZoneInfo("Asia/Makassar")  # UTC+8
WIT = ZoneInfo("Asia/Jayapura")  # UTC+9


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


# -- ticket_code -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "number", "code"),
    [("A", 1, "A-001"), ("A", 7, "A-007"), ("B", 42, "B-042"), ("A", 999, "A-999"),
     ("A", 1000, "A-1000"), ("P", 12345, "P-12345"), ("ABC", 5, "ABC-005")],
)  # fmt: skip
def test_ticket_code(prefix: str, number: int, code: str) -> None:
    assert ticket_code(prefix, number) == code


# -- parse_ticket_code -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("A-001", ("A", 1)),
        ("a-7", ("A", 7)),
        ("A007", ("A", 7)),
        (" B-012 ", ("B", 12)),
        ("b12", ("B", 12)),
        ("A-1000", ("A", 1000)),
        ("ab-3", ("AB", 3)),
        ("A 12", ("A", 12)),  # typed with a space on a keypad
    ],
)
def test_parse_ticket_code(text: str, parsed: tuple[str, int]) -> None:
    assert parse_ticket_code(text) == parsed


@pytest.mark.parametrize(
    "text",
    ["", "   ", "A", "A-", "-7", "7", "007", "A7B", "7A", "A-1.5", "A-+5", "A-7-", "A-x",
     "A-²", "A-1²", "A/7"],
)  # fmt: skip
def test_parse_rejects_what_is_not_a_ticket_code(text: str) -> None:
    assert parse_ticket_code(text) is None


@given(st.text(max_size=12))
def test_parse_never_raises(text: str) -> None:
    parsed = parse_ticket_code(text)
    if parsed is not None:
        prefix, number = parsed
        assert prefix and prefix == prefix.upper()
        assert number >= 0


@given(
    prefix=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
    number=st.integers(1, 99_999),
    lower=st.booleans(),
    dash=st.booleans(),
    pad=st.sampled_from(["", " ", "  \t"]),
)
def test_code_round_trips_however_it_is_typed(
    prefix: str, number: int, lower: bool, dash: bool, pad: str
) -> None:
    code = ticket_code(prefix, number)
    assert parse_ticket_code(code) == (prefix, number)
    typed = code if dash else code.replace("-", "")
    typed = pad + (typed.lower() if lower else typed) + pad
    assert parse_ticket_code(typed) == (prefix, number)


# -- office_day --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "zone", "day"),
    [
        ("2026-11-23T16:59:59", WIB, "2026-11-23"),
        ("2026-11-23T17:00:00", WIB, "2026-11-24"),
        ("2026-11-23T17:30:00", WIB, "2026-11-24"),
        ("2026-11-23T15:59:59", WITA, "2026-11-23"),
        ("2026-11-23T16:00:00", WITA, "2026-11-24"),
        ("2026-11-23T17:30:00", WITA, "2026-11-24"),
        ("2026-11-23T14:59:59", WIT, "2026-11-23"),
        ("2026-11-23T15:00:00", WIT, "2026-11-24"),
        ("2026-11-23T17:30:00", WIT, "2026-11-24"),
        ("2026-11-23T00:00:00", WIB, "2026-11-23"),
        ("2026-12-31T17:00:00", WIB, "2027-01-01"),
    ],
)
def test_office_day_follows_the_office_time_zone(instant: str, zone: ZoneInfo, day: str) -> None:
    assert office_day(utc(instant), zone) == dt.date.fromisoformat(day)


def test_same_instant_is_a_different_day_in_the_west_and_the_east() -> None:
    instant = utc("2026-11-23T15:30:00")  # 22:30 WIB, 23:30 WITA, 00:30 WIT
    assert office_day(instant, WIB) == dt.date(2026, 11, 23)
    assert office_day(instant, WITA) == dt.date(2026, 11, 23)
    assert office_day(instant, WIT) == dt.date(2026, 11, 24)


def test_office_day_of_an_instant_given_in_another_offset() -> None:
    local_noon = dt.datetime(2026, 11, 24, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert office_day(local_noon, WIB) == dt.date(2026, 11, 23)  # 22:30 WIB


def test_office_day_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="aware"):
        office_day(dt.datetime(2026, 11, 23, 12, 0), WIB)
