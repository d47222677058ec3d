"""The ticket lifecycle as a table: which action is allowed from which state."""

from __future__ import annotations

from enum import StrEnum

from kiosk.domain.errors import IllegalTransition
from kiosk.domain.model import TicketStatus

S = TicketStatus


class Action(StrEnum):
    CALL = "call"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    CANCEL = "cancel"
    TRANSFER = "transfer"

    @property
    def past(self) -> str:
        return _PAST[self]


_PAST = {
    Action.CALL: "called",
    Action.RECALL: "recalled",
    Action.START: "started",
    Action.FINISH: "finished",
    Action.NO_SHOW: "marked no-show",
    Action.CANCEL: "cancelled",
    Action.TRANSFER: "transferred",
}

#: action -> (states it may start from, state it leads to)
TRANSITIONS: dict[Action, tuple[frozenset[TicketStatus], TicketStatus]] = {
    Action.CALL: (frozenset({S.WAITING, S.TRANSFERRED}), S.CALLED),
    Action.RECALL: (frozenset({S.CALLED}), S.CALLED),
    Action.START: (frozenset({S.CALLED}), S.SERVING),
    # Officers often skip "start": finishing straight from called is allowed.
    Action.FINISH: (frozenset({S.CALLED, S.SERVING}), S.DONE),
    Action.NO_SHOW: (frozenset({S.CALLED}), S.NO_SHOW),
    Action.CANCEL: (frozenset({S.WAITING, S.TRANSFERRED, S.CALLED}), S.CANCELLED),
    Action.TRANSFER: (frozenset({S.WAITING, S.TRANSFERRED, S.CALLED, S.SERVING}), S.TRANSFERRED),
}


def allowed_from(action: Action) -> frozenset[TicketStatus]:
    return TRANSITIONS[action][0]


def next_status(code: str, status: TicketStatus, action: Action) -> TicketStatus:
    """The state ``action`` leads to from ``status``, or IllegalTransition."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        raise IllegalTransition(code, status.value.replace("_", "-"), action.past)
    return target
