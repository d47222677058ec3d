"""Printer state from DLE EOT real-time status replies.

Every valid reply byte matches the pattern 0xx1xx10 (mask 0x93 == 0x12). No reply, or a
reply that does not match, means "state unknown" (NO_ANSWER), never "fine".
"""

from __future__ import annotations

from enum import StrEnum

DLE_EOT = b"\x10\x04"
QUERY_PRINTER, QUERY_OFFLINE_CAUSE, QUERY_PAPER = 1, 2, 4


class PrinterState(StrEnum):
    ONLINE = "online"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    NO_ANSWER = "no_answer"

    @property
    def can_print(self) -> bool:
        return self in (PrinterState.ONLINE, PrinterState.PAPER_NEAR_END)

    @property
    def is_alert(self) -> bool:
        """Worth telling the counters and the supervisor about."""
        return self is not PrinterState.ONLINE


def valid_reply(byte: int) -> bool:
    return byte & 0x93 == 0x12


def reports_offline(printer: int) -> bool:
    """The reply to n=1 says offline (bit 3): only then is the cause (n=2) worth asking."""
    return bool(printer & 0x08)


def combine(printer: int | None, cause: int | None, paper: int | None) -> PrinterState:
    """One state from the three replies (None where the printer gave no valid answer)."""
    if printer is None or not valid_reply(printer):
        return PrinterState.NO_ANSWER
    if cause is not None and valid_reply(cause):
        if cause & 0x04:
            return PrinterState.COVER_OPEN
        if cause & 0x20:
            return PrinterState.PAPER_OUT
    if paper is not None and valid_reply(paper):
        if paper & 0x60:
            return PrinterState.PAPER_OUT
        if reports_offline(printer):
            return PrinterState.OFFLINE
        if paper & 0x0C:
            return PrinterState.PAPER_NEAR_END
    if reports_offline(printer):
        return PrinterState.OFFLINE
    return PrinterState.ONLINE


#: Reply bytes a printer in each state sends to (n=1, n=2, n=4); for fakes and tests.
REPLIES: dict[PrinterState, tuple[int, int, int]] = {
    PrinterState.ONLINE: (0x12, 0x12, 0x12),
    PrinterState.PAPER_NEAR_END: (0x12, 0x12, 0x1E),
    PrinterState.PAPER_OUT: (0x1A, 0x32, 0x72),
    PrinterState.COVER_OPEN: (0x1A, 0x16, 0x12),
    PrinterState.OFFLINE: (0x1A, 0x12, 0x12),
}
