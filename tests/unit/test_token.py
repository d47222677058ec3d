"""Signed ticket tokens for the slip's QR code."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.token import looks_like_token, sign, verify

SECRET = b"office-secret-0123456789abcdef"
DAY = dt.date(2026, 11, 24)


def test_round_trip() -> None:
    token = sign(SECRET, "A-012", DAY)
    assert token.startswith("K1.A-012.20261124.")
    assert len(token) <= 30, "short enough for a small QR code"
    found = verify(SECRET, token)
    assert found is not None and (found.code, found.office_day) == ("A-012", DAY)
    assert looks_like_token(token.lower())
    assert verify(SECRET, token.lower()) == found, "scanners may change case"


def test_forgeries_are_refused() -> None:
    token = sign(SECRET, "A-012", DAY)
    assert verify(b"another office", token) is None
    assert verify(SECRET, token.replace("A-012", "A-013")) is None
    assert verify(SECRET, token.replace("20261124", "20261125")) is None
    assert verify(SECRET, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    for junk in ("", "A-012", "K1.A-012", "K1.A-012.2026.XXXXXXXXXX", "K2" + token[2:]):
        assert verify(SECRET, junk) is None


@given(st.sampled_from("ABCDP"), st.integers(1, 9999), st.dates())
def test_any_ticket_round_trips(prefix: str, number: int, day: dt.date) -> None:
    code = f"{prefix}-{number:03d}"
    found = verify(SECRET, sign(SECRET, code, day))
    assert found is not None and (found.code, found.office_day) == (code, day)
