"""Estimated waiting time shown at the kiosk and printed on the slip."""

from __future__ import annotations

import math
from collections.abc import Sequence


def average_service_seconds(recent: Sequence[float], default_minutes: float) -> float:
    """Mean of today's recent service durations, or the configured default before any."""
    usable = [s for s in recent if s > 0]
    if not usable:
        return default_minutes * 60.0
    return sum(usable) / len(usable)


def estimate_wait_seconds(people_ahead: int, avg_service_seconds: float, open_counters: int) -> int:
    """People ahead share the open counters; rounded up to whole minutes.

    With no counter open (early morning, everyone on a break) one counter is assumed, so
    the estimate stays finite and honest about the work ahead.
    """
    if people_ahead <= 0:
        return 0
    seconds = people_ahead * avg_service_seconds / max(1, open_counters)
    return int(math.ceil(seconds / 60.0) * 60)
