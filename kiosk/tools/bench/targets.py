"""The bench's sizes (full and quick) and its goals: the targets a result is judged by."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Plan:
    samples: int  # timed inserts / issues per latency measurement
    warmup: int  # untimed ones before them (connections, statement caches)
    history: int  # tickets of history bulk-loaded before the second issue measurement
    call_tickets: int  # tickets pre-issued for each call-next run
    race_per_process: int  # tickets each process issues in the issue race


FULL = Plan(samples=1000, warmup=20, history=200_000, call_tickets=1500, race_per_process=50)
QUICK = Plan(samples=200, warmup=10, history=20_000, call_tickets=300, race_per_process=20)

#: At least this many counters, so that up to 16 processes each have their own.
MIN_COUNTERS = 16

TARGET_ISSUE_P99_MS = 5.0
TARGET_ISSUE_TO_FLOOR = 2.0
TARGET_HISTORY_SLOWDOWN = 1.5


TARGET_LABELS = (
    ("issue_p99_under_5ms", f"issue p99 < {TARGET_ISSUE_P99_MS:g} ms"),
    ("issue_p99_within_2x_floor", f"issue p99 within {TARGET_ISSUE_TO_FLOOR:g}x the floor p99"),
    ("history_slowdown_within_1_5x", f"issue p99 with history <= {TARGET_HISTORY_SLOWDOWN:g}x"),
    ("integrity", "no duplicate number, no ticket called twice"),
)


def verdicts(
    issue: dict[str, Any], with_history: dict[str, Any], integrity_ok: bool
) -> dict[str, bool]:
    """Each target of TARGET_LABELS: met or not, by the measurements."""
    return {
        "issue_p99_under_5ms": issue["p99_ms"] < TARGET_ISSUE_P99_MS,
        "issue_p99_within_2x_floor": issue["ratio_to_floor"] <= TARGET_ISSUE_TO_FLOOR,
        "history_slowdown_within_1_5x": with_history["slowdown"] <= TARGET_HISTORY_SLOWDOWN,
        "integrity": integrity_ok,
    }
