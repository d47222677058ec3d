"""Plain values the queue's services and storage hand each other (services.ports): what an
issue reads in one query, and a history line to write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.domain.model import Service


@dataclass(frozen=True, slots=True)
class IssueFigures:
    """What issuing reads of a service in one query: the service, the people queued ahead
    and the estimate's inputs (today's recent service times, counters open for it)."""

    service: Service
    ahead: int
    recent_service_seconds: tuple[float, ...]
    open_counters: int


@dataclass(frozen=True, slots=True)
class NewEvent:
    """One line of a ticket's history, to be written."""

    ticket_id: int
    at: dt.datetime
    kind: str
    counter: int | None = None
    detail: Mapping[str, object] | None = None
