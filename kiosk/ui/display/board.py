"""What the board decides without Qt: which calls are new, what is said for a call, and
how long an announcement may take. Plain Python so it is tested without a window."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.config.settings import DisplaySection
from kiosk.domain.model import CallEvent
from kiosk.voice.sentences import Sentence as Sentence  # the board's, re-exported
from kiosk.voice.sentences import call_sentences

log = logging.getLogger(__name__)

#: How many call ids the board remembers. It reads at most a dozen of the newest calls at a
#: time, so a few hundred is plenty to never announce one twice, and memory stays flat.
SEEN_LIMIT = 512


class CallTracker:
    """Tells which calls the board has not announced yet.

    The first read only marks what is there as seen: history from before the board started
    is shown, never announced. A recall is a new event (a new id), so it is new again.
    A set of ids rather than "the highest id so far": on PostgreSQL two calls may commit in
    the opposite order of their ids, and the later-committed, lower id must not be lost.
    """

    def __init__(self, limit: int = SEEN_LIMIT) -> None:
        self._limit = limit
        self._order: deque[int] = deque()
        self._seen: set[int] = set()
        self.primed = False

    def __len__(self) -> int:
        return len(self._seen)

    def _remember(self, event_id: int) -> None:
        self._seen.add(event_id)
        self._order.append(event_id)
        while len(self._order) > self._limit:
            self._seen.discard(self._order.popleft())

    def new_calls(self, recent: Iterable[CallEvent]) -> list[CallEvent]:
        """The calls in ``recent`` (any order) not seen before, oldest first; all of them
        are seen afterwards. The first call ever returns nothing."""
        fresh = sorted(
            (c for c in recent if c.event_id not in self._seen),
            key=lambda c: (c.at, c.event_id),
        )
        for call in fresh:
            self._remember(call.event_id)
        if not self.primed:
            self.primed = True
            return []
        return fresh


@dataclass(frozen=True, slots=True)
class Announcement:
    """One call to announce: the event and what is said, in the configured order."""

    call: CallEvent
    sentences: tuple[Sentence, ...]


def announcement_for(call: CallEvent, display: DisplaySection) -> Announcement:
    return Announcement(call, call_sentences(call.code, call.counter_name, display))


def speech_timeout_ms(text: str, rate: float, *, base_ms: int, per_char_ms: int) -> int:
    """How long speaking ``text`` may take before the board stops waiting for the engine.

    Generous on purpose (about three times a normal voice, more when slowed down): it only
    matters when an engine never reports that it finished, and cutting a sentence short is
    the thing the board must not do.
    """
    slow = 1.0 + max(0.0, -rate)  # rate -1 .. 1; a slowed voice takes up to twice as long
    return round(base_ms + per_char_ms * len(text) * slow)


def fallback_hold_ms(hold_ms: int, unvoiced: int, read_ms: int = 3000) -> int:
    """How long each sentence stays on screen when no voice can say it: ``hold_ms`` shared
    by the languages without a voice, at least ``read_ms`` each (time to read it)."""
    if unvoiced <= 0:
        return 0
    return max(read_ms, hold_ms // unvoiced)
