"""Which waiting ticket a counter calls next."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable
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


def call_sequence(
    queued: Iterable[Candidate], policy: PriorityPolicy, regular_since_priority: int
) -> list[Candidate]:
    """The order a counter would call ``queued`` in if nothing else happened meanwhile
    (no new tickets, no other counter calling): ``choose_next`` applied again and again.

    The first is the ticket Call next takes now. Given each queue's first N tickets, the
    first N of the sequence are exact (a queue cut short can only matter after that).
    """
    ordered = sorted(queued, key=lambda c: (c.queued_at, c.ticket_id))
    regular = deque(c for c in ordered if not c.is_priority)
    priority = deque(c for c in ordered if c.is_priority)
    count = regular_since_priority
    sequence: list[Candidate] = []
    while regular or priority:
        chosen = choose_next(
            regular[0] if regular else None, priority[0] if priority else None, policy, count
        )
        assert chosen is not None  # a queue is not empty
        (priority if chosen.is_priority else regular).popleft()
        count = regular_count_after(chosen, count)
        sequence.append(chosen)
    return sequence
