"""Run blocking work (database, printer) off the GUI thread; get the answer back on it.

    worker = Worker("db")
    worker.submit(office.queue_status, on_done=show_status, on_error=show_problem)

A worker runs the callables submitted to it one at a time, in order, on its own thread, and
calls ``on_done(result)`` or ``on_error(exception)`` back on the thread that owns the worker
(the GUI thread), through a queued Qt signal. A window uses one worker per device that can
hang on its own (one for the database, one for the printer), so a printer stuck in the middle
of a slip never delays a database read, and neither ever freezes the screen.

Why a Python daemon thread rather than a QThread: a printer can block inside a write for as
long as it likes, and Qt aborts the process when a QThread object is destroyed while its
thread still runs. A daemon thread stuck in a dead printer cannot keep the application from
closing; Qt signals emitted from it are delivered to the GUI thread like any other.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(slots=True)
class _Job(Generic[T]):
    fn: Callable[[], T]
    on_done: Callable[[T], None] | None
    on_error: Callable[[Exception], None] | None


@dataclass(slots=True)
class _Result:
    job: _Job[Any]
    value: object = None
    error: Exception | None = None


_STOP = object()


class Worker(QObject):
    """One background thread running submitted callables in order."""

    #: Emitted on the worker thread, delivered (queued) on the owner's thread.
    _finished = Signal(object)
    #: A job started / all submitted jobs are done (for "busy" indicators and tests).
    busy_changed = Signal(bool)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._queue: queue.SimpleQueue[_Job[Any] | object] = queue.SimpleQueue()
        self._pending = 0
        self._stopped = False
        self._finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._run, name=f"kiosk-{name}", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> int:
        """Jobs submitted whose callbacks have not run yet."""
        return self._pending

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        if self._stopped:
            return
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._queue.put(_Job(fn, on_done, on_error))

    def stop(self, timeout: float = 2.0) -> bool:
        """Finish the jobs already queued (up to ``timeout`` s); False if it is still stuck.

        Callbacks of jobs that finish after stop() are not called.
        """
        if not self._stopped:
            self._stopped = True
            self._queue.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # -- worker thread --------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if not isinstance(job, _Job):
                return
            try:
                result = _Result(job, value=job.fn())
            except Exception as exc:
                result = _Result(job, error=exc)
            del job  # hand everything over: this thread keeps nothing between jobs
            try:
                self._finished.emit(result)
            except RuntimeError:  # the QObject is gone: the window closed meanwhile
                return
            del result

    # -- owner's thread -------------------------------------------------------------------
    def _deliver(self, result: _Result) -> None:
        self._pending -= 1
        try:
            if self._stopped:
                return
            if result.error is None:
                if result.job.on_done is not None:
                    result.job.on_done(result.value)
            elif result.job.on_error is not None:
                result.job.on_error(result.error)
            else:
                log.error(
                    "unhandled error in the %s worker",
                    self.name,
                    exc_info=(type(result.error), result.error, result.error.__traceback__),
                )
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)
