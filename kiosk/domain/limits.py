"""Bounds on what a person or a script hands the office: the one place each is stated.

The command line's option types, the services and the windows all check against these, so
an out-of-range number or an endless text is refused with its limit named, at the
boundary, instead of reaching the database (SQLite cannot bind integers past 64 bits;
PostgreSQL's INTEGER ends at 2**31-1 and would answer "integer out of range")."""

from __future__ import annotations

import datetime as dt
import unicodedata

from kiosk.domain.errors import OutOfRange, TextRefused, TooLong

#: Counter (loket) numbers, as the configuration allows them.
COUNTER_MIN, COUNTER_MAX = 1, 999
#: The longest names the windows and the slip are laid out for (a tile, a board row and a
#: slip line wrap them; the layout and slip tests take these bounds).
OFFICE_NAME_MAX = 120
SERVICE_NAME_MAX = 60
PRIORITY_NAME_MAX = 40
COUNTER_NAME_MAX = 30
#: The head of office under the survey recap's signature: title and name as printed
#: (one line each on A4), and the NIP, a civil servant's 18-digit number.
HEAD_TITLE_MAX = 120
HEAD_NAME_MAX = 120
NIP_DIGITS = 18
#: Ticket ids: the database's INTEGER (PostgreSQL: 4 bytes, signed).
TICKET_ID_MIN, TICKET_ID_MAX = 1, 2**31 - 1
#: Rows one listing returns (--limit): a day of a busy office fits several times over.
ROWS_MIN, ROWS_MAX = 1, 10_000
#: Why a ticket is called out of order: a sentence for the audit log, not a letter.
REASON_MAX_CHARS = 500
#: Who did something (--officer, the history's actor): the audit log's actor column.
ACTOR_MAX_CHARS = 80
#: A staff member's full name as the windows show it: the staff table's name column.
STAFF_NAME_MAX_CHARS = 120
#: A respondent's suggestion (saran): a few sentences on the kiosk keyboard.
SUGGESTION_MAX_CHARS = 1000
#: Serial speeds a slip printer's port may be set to (the configuration and --baud).
BAUD_MIN, BAUD_MAX = 1200, 921_600
#: Backups one folder keeps (--keep): a year of daily copies and then some.
BACKUPS_KEEP_MIN, BACKUPS_KEEP_MAX = 1, 1000
#: A demo's random seed (--seed): what the random module keeps exactly, reported back as is.
SEED_MIN, SEED_MAX = 0, 2**63 - 1
#: Tickets of history a benchmark adds (--history): a busy office's years, still minutes.
HISTORY_MIN, HISTORY_MAX = 0, 2_000_000
#: The earliest day a (paper) survey answer may carry: before the office ran any survey,
#: and far from the calendar's ends where a time zone cannot be applied.
EARLIEST_ANSWER_DAY = dt.date(2000, 1, 1)


def check_number(what: str, value: int, low: int, high: int) -> int:
    """``value`` if ``low <= value <= high``; else refused naming ``what`` and the range."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise OutOfRange(what, value, low, high)
    return value


def has_control(text: str) -> str | None:
    """The first control character (Unicode category Cc) in ``text``, or None."""
    return next((c for c in text if unicodedata.category(c) == "Cc"), None)


def one_line(what: str, text: str, max_chars: int) -> str:
    """``text`` stripped, refused when it holds a control character (an escape sequence
    would reach terminals, logs and exports) or is longer than ``max_chars``."""
    control = has_control(text)
    if control is not None:
        raise TextRefused(what, control)
    cleaned = text.strip()
    if len(cleaned) > max_chars:
        raise TooLong(what, len(cleaned), max_chars)
    return cleaned
