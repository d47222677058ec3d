"""The officer's actions as plain data: their keys, and when each one is legal.

No Qt here, so the rules are unit-tested without a window. The buttons follow the ticket
lifecycle (kiosk/domain/lifecycle.py) for the ticket at this counter; while a request is in
flight, or the database cannot be reached, nothing is pressable (a double press of Call next
must never call two tickets).

Shortcuts (F-keys: one key, no chord, the same on every counter PC):
    F1 Call next      F2 Recall       F3 Start        F4 Finish
    F5 No-show        F6 Transfer     F7 Call a specific ticket
    F8 Pause / Resume (a break; Call next also resumes)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.domain.lifecycle import Action, allowed_from
from kiosk.domain.model import Ticket


class DeskAction(StrEnum):
    CALL_NEXT = "call_next"
    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    TRANSFER = "transfer"
    CALL_SPECIFIC = "call_specific"
    PAUSE = "pause"  # pause or resume, whichever the counter is not
    REPRINT = "reprint"


#: The order of the buttons on the action bar, and their keys.
SHORTCUTS: dict[DeskAction, str] = {
    DeskAction.CALL_NEXT: "F1",
    DeskAction.RECALL: "F2",
    DeskAction.START: "F3",
    DeskAction.FINISH: "F4",
    DeskAction.NO_SHOW: "F5",
    DeskAction.TRANSFER: "F6",
    DeskAction.CALL_SPECIFIC: "F7",
    DeskAction.PAUSE: "F8",
}

#: Actions on the current ticket, and the lifecycle action each one is.
_TICKET_ACTIONS: dict[DeskAction, Action] = {
    DeskAction.RECALL: Action.RECALL,
    DeskAction.START: Action.START,
    DeskAction.FINISH: Action.FINISH,
    DeskAction.NO_SHOW: Action.NO_SHOW,
    DeskAction.TRANSFER: Action.TRANSFER,
}


@dataclass(frozen=True, slots=True)
class DeskState:
    """What decides which buttons are live."""

    current: Ticket | None
    busy: bool = False  # a request is in flight
    available: bool = True  # the database answered the last time it was asked
    other_services: int = 1  # services a ticket could be transferred to


def enabled_actions(state: DeskState) -> frozenset[DeskAction]:
    if state.busy or not state.available:
        return frozenset()
    live = {DeskAction.CALL_NEXT, DeskAction.CALL_SPECIFIC, DeskAction.PAUSE, DeskAction.REPRINT}
    ticket = state.current
    if ticket is not None:
        for action, lifecycle_action in _TICKET_ACTIONS.items():
            if ticket.status in allowed_from(lifecycle_action):
                live.add(action)
        if state.other_services < 1:
            live.discard(DeskAction.TRANSFER)
    return frozenset(live)
