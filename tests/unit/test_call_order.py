"""Which head a counter calls: priority_first, interleave every N, and strict FIFO."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.call_order import Candidate, call_sequence, choose_next, regular_count_after
from kiosk.domain.model import PolicyMode, PriorityPolicy

T0 = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)

PRIORITY_FIRST = PriorityPolicy(PolicyMode.PRIORITY_FIRST)
FIFO = PriorityPolicy(PolicyMode.FIFO)
ALL_POLICIES = [PRIORITY_FIRST, PriorityPolicy(PolicyMode.INTERLEAVE, 2), FIFO]


def cand(ticket_id: int, minute: int, *, priority: bool = False) -> Candidate:
    return Candidate(ticket_id, T0 + dt.timedelta(minutes=minute), priority)


def interleave(every: int) -> PriorityPolicy:
    return PriorityPolicy(PolicyMode.INTERLEAVE, every)


# -- one choice --------------------------------------------------------------------------


@pytest.mark.parametrize("policy", ALL_POLICIES, ids=lambda p: p.mode.value)
def test_nobody_waiting_gives_none(policy: PriorityPolicy) -> None:
    assert choose_next(None, None, policy, 0) is None
    assert choose_next(None, None, policy, 99) is None


@pytest.mark.parametrize("policy", ALL_POLICIES, ids=lambda p: p.mode.value)
@pytest.mark.parametrize("count", [0, 1, 5])
def test_only_regular_waiting_calls_regular(policy: PriorityPolicy, count: int) -> None:
    regular = cand(1, 0)
    assert choose_next(regular, None, policy, count) == regular


@pytest.mark.parametrize("policy", ALL_POLICIES, ids=lambda p: p.mode.value)
@pytest.mark.parametrize("count", [0, 1, 5])
def test_only_priority_waiting_calls_priority(policy: PriorityPolicy, count: int) -> None:
    prio = cand(2, 30, priority=True)
    assert choose_next(None, prio, policy, count) == prio


@pytest.mark.parametrize("count", [0, 1, 2, 10])
def test_priority_first_prefers_priority_even_when_it_came_later(count: int) -> None:
    regular, prio = cand(1, 0), cand(9, 45, priority=True)
    assert choose_next(regular, prio, PRIORITY_FIRST, count) == prio


@pytest.mark.parametrize(
    ("every", "count", "expect_priority"),
    [(3, 0, False), (3, 1, False), (3, 2, False), (3, 3, True), (3, 7, True),
     (1, 0, False), (1, 1, True), (2, 1, False), (2, 2, True)],
)  # fmt: skip
def test_interleave_calls_priority_after_every_n_regular(
    every: int, count: int, expect_priority: bool
) -> None:
    regular, prio = cand(5, 10), cand(1, 0, priority=True)  # priority came first, even so
    chosen = choose_next(regular, prio, interleave(every), count)
    assert chosen == (prio if expect_priority else regular)


def test_fifo_takes_the_earlier_issue_time() -> None:
    assert choose_next(cand(7, 1), cand(3, 2, priority=True), FIFO, 0) == cand(7, 1)
    prio = cand(8, 1, priority=True)
    assert choose_next(cand(2, 3), prio, FIFO, 10) == prio


def test_fifo_breaks_a_tie_in_time_by_id() -> None:
    regular, prio = cand(4, 0), cand(3, 0, priority=True)
    assert choose_next(regular, prio, FIFO, 0) == prio
    regular, prio = cand(3, 0), cand(4, 0, priority=True)
    assert choose_next(regular, prio, FIFO, 0) == regular


def test_regular_count_after() -> None:
    assert regular_count_after(cand(1, 0), 0) == 1
    assert regular_count_after(cand(1, 0), 4) == 5
    assert regular_count_after(cand(1, 0, priority=True), 4) == 0
    assert regular_count_after(cand(1, 0, priority=True), 0) == 0


def test_policy_rejects_interleave_every_zero() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        PriorityPolicy(PolicyMode.INTERLEAVE, 0)


# -- whole sequences of calls at one counter -----------------------------------------------


def _simulate(
    arrivals: list[tuple[int, bool]], policy: PriorityPolicy, calls: list[int] | None = None
) -> list[tuple[Candidate, list[Candidate]]]:
    """Issue tickets and call them at one counter; returns (chosen, waiting before) per call.

    ``arrivals`` are (minute issued, is priority); ids follow list order. ``calls`` says after
    how many arrivals each call happens (default: all arrive first).
    """
    tickets = [cand(i + 1, minute, priority=p) for i, (minute, p) in enumerate(arrivals)]
    schedule = calls if calls is not None else [len(tickets)] * len(tickets)
    waiting: list[Candidate] = []
    arrived = 0
    count = 0
    log: list[tuple[Candidate, list[Candidate]]] = []
    for upto in schedule:
        while arrived < min(upto, len(tickets)):
            waiting.append(tickets[arrived])
            arrived += 1

        def head(priority: bool) -> Candidate | None:
            same = [c for c in waiting if c.is_priority is priority]
            return min(same, key=lambda c: (c.queued_at, c.ticket_id), default=None)

        chosen = choose_next(head(False), head(True), policy, count)
        if chosen is None:
            assert not waiting
            continue
        log.append((chosen, list(waiting)))
        waiting.remove(chosen)
        count = regular_count_after(chosen, count)
    return log


@pytest.mark.parametrize("every", [1, 2, 3, 4])
def test_interleave_pattern_with_both_queues_full(every: int) -> None:
    arrivals = [(0, True)] * 10 + [(0, False)] * 40
    log = _simulate(arrivals, interleave(every))
    kinds = "".join("P" if c.is_priority else "R" for c, _ in log)
    expected_block = "R" * every + "P"
    assert kinds.startswith(expected_block * 10)
    assert kinds == expected_block * 10 + "R" * (40 - 10 * every)


def test_interleave_calls_priority_when_no_regular_waits() -> None:
    log = _simulate([(0, True), (1, True), (2, True)], interleave(3))
    assert [c.ticket_id for c, _ in log] == [1, 2, 3]


def test_interleave_calls_regular_when_no_priority_waits() -> None:
    log = _simulate([(0, False), (1, False), (2, False), (3, False)], interleave(1))
    assert [c.ticket_id for c, _ in log] == [1, 2, 3, 4]


def test_priority_first_empties_the_priority_queue_first() -> None:
    log = _simulate([(0, False), (1, True), (2, False), (3, True)], PRIORITY_FIRST)
    assert [c.ticket_id for c, _ in log] == [2, 4, 1, 3]


def test_fifo_ignores_priority() -> None:
    log = _simulate([(0, False), (1, True), (1, False), (0, True)], FIFO)
    assert [c.ticket_id for c, _ in log] == [1, 4, 2, 3]


policies = st.one_of(
    st.just(PRIORITY_FIRST),
    st.just(FIFO),
    st.integers(1, 5).map(interleave),
)


@given(
    policy=policies,
    arrivals=st.lists(st.tuples(st.integers(0, 30), st.booleans()), max_size=40),
    data=st.data(),
)
def test_call_order_invariants(
    policy: PriorityPolicy, arrivals: list[tuple[int, bool]], data: st.DataObject
) -> None:
    n = len(arrivals)
    # Calls interleaved with arrivals: each call happens once some prefix has arrived.
    calls = sorted(data.draw(st.lists(st.integers(0, n), min_size=n, max_size=n)))
    calls += [n] * n  # then the counter keeps calling until the hall is empty
    log = _simulate(arrivals, policy, calls)

    def key(c: Candidate) -> tuple[dt.datetime, int]:
        return (c.queued_at, c.ticket_id)

    # Everyone is called exactly once.
    assert sorted(c.ticket_id for c, _ in log) == list(range(1, n + 1))

    since_priority = 0  # counted from the log, independently of regular_count_after
    for chosen, waiting in log:
        same_class = [c for c in waiting if c.is_priority is chosen.is_priority]
        other_class = [c for c in waiting if c.is_priority is not chosen.is_priority]
        # FIFO within each class, whatever the policy.
        assert key(chosen) == min(map(key, same_class))
        if policy.mode is PolicyMode.PRIORITY_FIRST:
            assert chosen.is_priority or not other_class, "regular called while priority waits"
        elif policy.mode is PolicyMode.FIFO:
            assert key(chosen) == min(map(key, waiting))
        elif other_class:  # interleave, with both queues non-empty
            if chosen.is_priority:
                assert since_priority >= policy.every
            else:
                assert since_priority < policy.every
        since_priority = 0 if chosen.is_priority else since_priority + 1


# -- the counter's waiting list: the order it will call ------------------------------------


@given(
    policy=policies,
    arrivals=st.lists(st.tuples(st.integers(0, 30), st.booleans()), max_size=30),
    count=st.integers(0, 6),
)
def test_call_sequence_is_the_order_call_next_takes(
    policy: PriorityPolicy, arrivals: list[tuple[int, bool]], count: int
) -> None:
    tickets = [cand(i + 1, minute, priority=p) for i, (minute, p) in enumerate(arrivals)]
    # The simulator above calls one head after another; the sequence must agree with it
    # (from the same starting count), whatever order the tickets are handed over in.
    expected = []
    waiting, since = list(tickets), count
    while waiting:

        def head(priority: bool) -> Candidate | None:
            same = [c for c in waiting if c.is_priority is priority]
            return min(same, key=lambda c: (c.queued_at, c.ticket_id), default=None)

        chosen = choose_next(head(False), head(True), policy, since)
        assert chosen is not None
        expected.append(chosen)
        waiting.remove(chosen)
        since = regular_count_after(chosen, since)
    assert call_sequence(reversed(tickets), policy, count) == expected


def test_call_sequence_under_interleave_starts_from_the_counters_count() -> None:
    tickets = [cand(1, 0), cand(2, 1), cand(3, 2, priority=True), cand(4, 3)]
    assert [c.ticket_id for c in call_sequence(tickets, interleave(2), 0)] == [1, 2, 3, 4]
    assert [c.ticket_id for c in call_sequence(tickets, interleave(2), 2)] == [3, 1, 2, 4]
    assert [c.ticket_id for c in call_sequence(tickets, PRIORITY_FIRST, 0)] == [3, 1, 2, 4]
    assert call_sequence([], FIFO, 0) == []
