"""Start several real processes at once and collect what each reports."""

from __future__ import annotations

import multiprocessing
import os
import queue
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the moment of asking)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def catches_sigterm(pid: int) -> bool | None:
    """Whether the process has a SIGTERM handler installed (Linux: /proc/PID/status);
    None where /proc cannot tell (another OS, the process gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    return None


def wait_for_sigterm_handler(proc: subprocess.Popen[str], timeout: float = 60) -> None:
    """Until a window has taken SIGTERM over (just before its event loop runs), where
    Linux's /proc tells; elsewhere at once. Fails if the process ends or never does."""
    deadline = time.monotonic() + timeout
    while catches_sigterm(proc.pid) is False:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the window never installed its SIGTERM handler"
        time.sleep(0.05)


#: Root reads and writes anything whatever the permission bits; without these capabilities
#: (``setpriv``) a root process meets the bits as any account does.
DROP_DAC = [
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
]
RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def without_file_rights(cmd: list[str]) -> list[str]:
    """``cmd`` as a process that file permission bits apply to, even when we are root."""
    if not RUNNING_AS_ROOT:
        return cmd
    import pytest

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without util-linux setpriv: permission bits cannot bite")
    return [setpriv, *DROP_DAC, "--", *cmd]
