"""The queue's use cases: issue, call, recall, start, finish, no-show, transfer, status.

One service, ``QueueService``, put together from its parts: core.py (settings, the clock,
the shared look-ups and checks), issuing.py, calling.py (a counter's actions on tickets)
and reading.py (status, the counter's desk, the board, pausing a counter).
"""

from __future__ import annotations

from kiosk.services.queue.calling import Calling
from kiosk.services.queue.core import QueueCore, QueueSettings, TicketRef, day_start, utc_now
from kiosk.services.queue.issuing import Issuing
from kiosk.services.queue.reading import Reading

__all__ = ["QueueService", "QueueSettings", "TicketRef", "day_start", "utc_now"]


class QueueService(Issuing, Calling, Reading, QueueCore):
    """Issue, call and read the queue; one unit of work per user action."""
