"""Which waiting ticket a counter calls next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.model import PolicyMode, PriorityPolicy


@dataclass(frozen=True, slots=True)
class Candidate:
    """The head of one queue a counter may call from."""

    ticket_id: int
    queued_at: dt.datetime  # original issue time: a transfer keeps its place
    is_priority: bool


def choose_next(
    regular: Candidate | None,
    priority: Candidate | None,
    policy: PriorityPolicy,
    regular_since_priority: int,
) -> Candidate | None:
    """Pick between the earliest regular and the earliest priority ticket.

    Both heads are taken over every service the counter serves, in order of
    original issue time (ties broken by id, which follows commit order).
    """
    if regular is None or priority is None:
        return priority or regular
    if policy.mode is PolicyMode.PRIORITY_FIRST:
        return priority
    if policy.mode is PolicyMode.INTERLEAVE:
        return priority if regular_since_priority >= policy.every else regular
    # FIFO
    return min((regular, priority), key=lambda c: (c.queued_at, c.ticket_id))


def regular_count_after(chosen: Candidate, regular_since_priority: int) -> int:
    """The counter's new count of regular calls since its last priority call."""
    return 0 if chosen.is_priority else regular_since_priority + 1
