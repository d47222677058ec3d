"""Ticket numbers and the office day."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def ticket_code(prefix: str, number: int) -> str:
    """``A-001``: three digits at least, more on a day past 999 tickets."""
    return f"{prefix}-{number:03d}"


def parse_ticket_code(text: str) -> tuple[str, int] | None:
    """``"a-7"`` or ``"A007"`` -> ``("A", 7)``; None when it is not a ticket code."""
    raw = text.strip().upper().replace(" ", "")
    prefix = "".join(ch for ch in raw if ch.isalpha())
    digits = raw[len(prefix) :].lstrip("-")
    if not prefix or not raw.startswith(prefix) or not digits.isdecimal():
        return None
    return prefix, int(digits)


def office_day(instant: dt.datetime, tz: ZoneInfo) -> dt.date:
    """The office's local date at an instant: numbering restarts when it changes."""
    if instant.tzinfo is None:
        raise ValueError("office_day needs an aware datetime")
    return instant.astimezone(tz).date()
