"""The one convention every log line about a ticket follows (see kiosk/logs.py)."""

from __future__ import annotations

#: The ``extra`` key that names the ticket a log line concerns.
TICKET_FIELD = "ticket"


def about(ticket_code: str) -> dict[str, str]:
    """``log.info(..., extra=about(t.code))``: the line will carry the ticket's code."""
    return {TICKET_FIELD: ticket_code}
