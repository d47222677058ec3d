"""The board's decisions without Qt: which calls are new, what is said, how long to wait."""

from __future__ import annotations

import datetime as dt

from kiosk.config.settings import DisplaySection
from kiosk.domain.model import CallEvent
from kiosk.ui.display.board import (
    CallTracker,
    announcement_for,
    fallback_hold_ms,
    speech_timeout_ms,
)

T0 = dt.datetime(2025, 5, 12, 2, 0, tzinfo=dt.UTC)


def call(event_id: int, code: str = "A-001", counter: int = 1, *, recall: int = 0) -> CallEvent:
    return CallEvent(
        event_id=event_id,
        ticket_id=event_id,
        code=code,
        service=code[0],
        counter=counter,
        counter_name=f"Loket {counter}",
        at=T0 + dt.timedelta(seconds=event_id),
        recall=recall,
    )


def test_history_at_start_is_seen_not_new() -> None:
    tracker = CallTracker()
    assert tracker.new_calls([call(2), call(1)]) == []
    assert tracker.primed
    assert tracker.new_calls([call(3), call(2), call(1)]) == [call(3)]
    assert tracker.new_calls([call(3), call(2), call(1)]) == []


def test_an_empty_first_read_still_primes() -> None:
    tracker = CallTracker()
    assert tracker.new_calls([]) == []
    assert tracker.new_calls([call(1)]) == [call(1)]


def test_new_calls_come_oldest_first() -> None:
    tracker = CallTracker()
    tracker.new_calls([])
    newest_first = [call(7, "A-003"), call(6, "A-002"), call(5, "A-001")]
    assert [c.code for c in tracker.new_calls(newest_first)] == ["A-001", "A-002", "A-003"]


def test_a_recall_is_a_new_event() -> None:
    tracker = CallTracker()
    tracker.new_calls([call(1)])
    again = call(2, "A-001", recall=1)
    assert tracker.new_calls([again, call(1)]) == [again]


def test_a_lower_id_committed_late_is_not_lost() -> None:
    # PostgreSQL: id 10 may commit after id 11; "the highest id so far" would drop it.
    tracker = CallTracker()
    tracker.new_calls([])
    assert tracker.new_calls([call(11)]) == [call(11)]
    assert tracker.new_calls([call(11), call(10)]) == [call(10)]


def test_the_seen_set_stays_bounded() -> None:
    tracker = CallTracker(limit=50)
    tracker.new_calls([])
    for i in range(1, 1000):
        tracker.new_calls([call(i)])
    assert len(tracker) == 50


def test_the_sentences_follow_the_configured_languages_and_templates() -> None:
    display = DisplaySection(
        languages=["id", "en"],
        template_en="Number {letter} {number}, {counter} please.",
    )
    a = announcement_for(call(1, "A-112", 3), display)
    assert [(s.lang, s.text) for s in a.sentences] == [
        ("id", "Nomor antrean A seratus dua belas, silakan menuju loket tiga."),
        ("en", "Number A one hundred twelve, counter three please."),
    ]


def test_a_code_that_cannot_be_read_is_said_as_written() -> None:
    a = announcement_for(call(1, "VIP", 2), DisplaySection())
    assert [s.text for s in a.sentences] == ["VIP, Loket 2."]


def test_the_speech_timeout_grows_with_the_text_and_a_slow_voice() -> None:
    short = speech_timeout_ms("A", 0.0, base_ms=5000, per_char_ms=200)
    long = speech_timeout_ms("A" * 60, 0.0, base_ms=5000, per_char_ms=200)
    slow = speech_timeout_ms("A" * 60, -1.0, base_ms=5000, per_char_ms=200)
    assert short == 5200
    assert long == 17000
    assert slow == 5000 + 2 * 12000


def test_the_hold_is_shared_by_the_languages_without_a_voice() -> None:
    assert fallback_hold_ms(6000, 1) == 6000
    assert fallback_hold_ms(6000, 2) == 3000
    assert fallback_hold_ms(6000, 3) == 3000  # never shorter than the time to read
    assert fallback_hold_ms(6000, 0) == 0
    assert fallback_hold_ms(400, 2, read_ms=100) == 200
