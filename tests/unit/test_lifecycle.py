"""The ticket lifecycle table, checked pair by pair against the product's rules."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.errors import IllegalTransition, KioskError
from kiosk.domain.lifecycle import Action, allowed_from, next_status
from kiosk.domain.model import FINAL_STATES, QUEUED_STATES, TicketStatus

S = TicketStatus

#: The rules as the product describes them (written out here, not derived from the code):
#: (action, from) -> to. Every pair not listed is illegal.
EXPECTED: dict[tuple[Action, TicketStatus], TicketStatus] = {
    (Action.CALL, S.WAITING): S.CALLED,
    (Action.CALL, S.TRANSFERRED): S.CALLED,
    (Action.RECALL, S.CALLED): S.CALLED,
    (Action.START, S.CALLED): S.SERVING,
    (Action.FINISH, S.CALLED): S.DONE,  # officers often skip "start"
    (Action.FINISH, S.SERVING): S.DONE,
    (Action.NO_SHOW, S.CALLED): S.NO_SHOW,
    (Action.CANCEL, S.WAITING): S.CANCELLED,
    (Action.CANCEL, S.TRANSFERRED): S.CANCELLED,
    (Action.CANCEL, S.CALLED): S.CANCELLED,
    (Action.TRANSFER, S.WAITING): S.TRANSFERRED,
    (Action.TRANSFER, S.TRANSFERRED): S.TRANSFERRED,
    (Action.TRANSFER, S.CALLED): S.TRANSFERRED,
    (Action.TRANSFER, S.SERVING): S.TRANSFERRED,
}

#: How a state is named in a message shown to an officer.
SHOWN = {s: s.value.replace("_", "-") for s in S}

ALL_PAIRS = list(itertools.product(Action, S))
LEGAL = [p for p in ALL_PAIRS if p in EXPECTED]
ILLEGAL = [p for p in ALL_PAIRS if p not in EXPECTED]


def _reachable(start: TicketStatus) -> set[TicketStatus]:
    seen = {start}
    frontier = [start]
    while frontier:
        here = frontier.pop()
        for (_, source), target in EXPECTED.items():
            if source == here and target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def test_the_table_covers_every_action_and_state() -> None:
    assert len(ALL_PAIRS) == len(Action) * len(S) == 49
    assert len(LEGAL) == 14
    assert set(Action) == {
        Action.CALL,
        Action.RECALL,
        Action.START,
        Action.FINISH,
        Action.NO_SHOW,
        Action.CANCEL,
        Action.TRANSFER,
    }


@pytest.mark.parametrize(("action", "status"), LEGAL, ids=[f"{a}-from-{s}" for a, s in LEGAL])
def test_allowed_transition_gives_its_target(action: Action, status: TicketStatus) -> None:
    assert next_status("A-001", status, action) is EXPECTED[(action, status)]
    assert status in allowed_from(action)


@pytest.mark.parametrize(("action", "status"), ILLEGAL, ids=[f"{a}-from-{s}" for a, s in ILLEGAL])
def test_illegal_transition_raises_naming_ticket_and_state(
    action: Action, status: TicketStatus
) -> None:
    with pytest.raises(IllegalTransition) as info:
        next_status("B-042", status, action)
    err = info.value
    assert isinstance(err, KioskError)  # the user's to fix: exit status 2, no traceback
    message = str(err)
    assert "B-042" in message
    assert f" {SHOWN[status]}" in message
    assert action.past in message
    assert err.code == "B-042"
    assert err.status == SHOWN[status]
    assert err.action == action.past
    assert status not in allowed_from(action)


@pytest.mark.parametrize("status", sorted(FINAL_STATES))
def test_final_states_accept_no_action(status: TicketStatus) -> None:
    for action in Action:
        with pytest.raises(IllegalTransition):
            next_status("C-003", status, action)


def test_message_reads_naturally() -> None:
    with pytest.raises(IllegalTransition, match=r"^ticket A-007 is no-show; it cannot be called$"):
        next_status("A-007", S.NO_SHOW, Action.CALL)
    with pytest.raises(IllegalTransition, match=r"^ticket P-010 is done; it cannot be recalled$"):
        next_status("P-010", S.DONE, Action.RECALL)


def test_only_queued_states_can_be_called() -> None:
    assert allowed_from(Action.CALL) == QUEUED_STATES


def test_past_tense_for_every_action() -> None:
    pasts = {a.past for a in Action}
    assert len(pasts) == len(Action)
    assert Action.NO_SHOW.past == "marked no-show"
    assert Action.CANCEL.past == "cancelled"


def test_every_state_is_reachable_and_every_live_state_can_end() -> None:
    assert _reachable(S.WAITING) == set(S)
    for status in set(S) - FINAL_STATES:
        assert _reachable(status) & FINAL_STATES, f"{status} can never end"


@given(st.lists(st.sampled_from(list(Action)), max_size=40))
def test_any_action_sequence_stays_within_the_lifecycle(actions: list[Action]) -> None:
    reachable = _reachable(S.WAITING)
    status = S.WAITING
    for action in actions:
        expected = EXPECTED.get((action, status))
        if status in FINAL_STATES:
            assert expected is None
        if expected is None:
            with pytest.raises(IllegalTransition):
                next_status("A-001", status, action)
        else:
            status = next_status("A-001", status, action)
            assert status is expected
        assert status in reachable
