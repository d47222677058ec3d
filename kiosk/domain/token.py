"""Signed ticket tokens: what the slip's QR code carries.

``K1.A-001.20261124.5FJ3QXW2KD``: version, ticket code, office day and a short HMAC-SHA256
(50 bits, base32) under a per-office secret. Counters and the survey trust a scanned slip
only if the MAC verifies, so a forged or altered number is refused. Short enough for a
small QR code (version 2, about 25x25 modules).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from kiosk.domain.numbering import parse_ticket_code, ticket_code

VERSION = "K1"
_MAC_CHARS = 10  # 10 base32 characters = 50 bits


@dataclass(frozen=True, slots=True)
class TicketToken:
    code: str
    office_day: dt.date


def _day(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _mac(secret: bytes, code: str, day: dt.date) -> str:
    msg = f"{VERSION}.{code}.{_day(day)}".encode()
    digest = hmac.new(secret, msg, hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:_MAC_CHARS]


def sign(secret: bytes, code: str, day: dt.date) -> str:
    return f"{VERSION}.{code}.{_day(day)}.{_mac(secret, code, day)}"


def verify(secret: bytes, text: str) -> TicketToken | None:
    """The ticket a token names, or None if it is not a token or does not verify."""
    parts = text.strip().upper().split(".")
    if len(parts) != 4 or parts[0] != VERSION:
        return None
    _, raw_code, raw_day, mac = parts
    parsed = parse_ticket_code(raw_code)
    if parsed is None:
        return None
    if len(raw_day) != 8 or not raw_day.isdigit():
        return None
    try:
        day = dt.date(int(raw_day[:4]), int(raw_day[4:6]), int(raw_day[6:]))
    except ValueError:
        return None
    code = ticket_code(*parsed)
    if not hmac.compare_digest(_mac(secret, code, day), mac):
        return None
    return TicketToken(code, day)


def looks_like_token(text: str) -> bool:
    return text.strip().upper().startswith(VERSION + ".")
