"""Start several real processes at once and collect what each reports."""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable
from typing import Any


def run_together(
    target: Callable[..., None], args: tuple[Any, ...], count: int, timeout: float = 120
) -> tuple[list[tuple[str, Any]], list[int | None]]:
    """Run ``target(*args, barrier, results)`` in ``count`` spawned processes that start
    together; each puts one (kind, detail) on ``results``. Returns the outcomes and the
    exit codes; a process that hangs is killed, so a test never waits forever."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(count)
    results = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args, barrier, results)) for _ in range(count)]
    for p in procs:
        p.start()
    outcomes: list[tuple[str, Any]] = []
    try:
        for _ in procs:
            outcomes.append(results.get(timeout=timeout))
    except queue.Empty:
        pass
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
                p.join(timeout=5)
        results.close()
        results.join_thread()
    return outcomes, [p.exitcode for p in procs]
