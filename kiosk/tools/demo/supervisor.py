"""``kiosk demo``'s supervisor: the windows of the whole product on one PC.

Once the CLI has filled the demo SQLite database (``kiosk.tools.demo.data``), it starts
each window as its own process, the way an office runs them, and stops them all together
on Ctrl+C or when the kiosk closes.

The windows are tied to the supervisor: if it dies, even by SIGKILL, they die too (Linux:
PR_SET_PDEATHSIG; Windows: a job object that kills its processes when its last handle,
the supervisor's, closes). A window that cannot start Qt is named with the reason (the
missing system library and the command that installs it), not only its exit status.
"""

from __future__ import annotations

import collections
import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO

from kiosk import qt_platform

#: The windows a demo starts, each its own process as in an office.
DEMO_ROLES: tuple[str, ...] = ("kiosk", "counter", "display", "admin")
#: Lines of each window's stderr kept to explain why it stopped.
TAIL_LINES = 200
#: What a window gets when the supervisor dies: its clean stop (stop_on_terminate).
DEATH_SIGNAL = signal.SIGTERM


@dataclass
class Child:
    role: str
    process: subprocess.Popen[bytes]
    #: The last lines the window wrote to stderr (also passed on to ours).
    tail: collections.deque[str] = field(
        default_factory=lambda: collections.deque(maxlen=TAIL_LINES)
    )
    reader: threading.Thread | None = None

    def said(self) -> str:
        """What the window wrote to stderr, once it has stopped (its last lines)."""
        if self.reader is not None:
            self.reader.join(timeout=2)  # a grandchild may hold the pipe: do not wait on it
        return "".join(self.tail)


@dataclass(frozen=True)
class SignIn:
    """Open the counter window signed in (the PIN goes through a pipe, never argv)."""

    counter: int
    username: str
    pin: str


def start_windows(
    url: str,
    config: str | None,
    roles: Sequence[str],
    extra: Sequence[str] = (),
    *,
    counter_sign_in: SignIn | None = None,
    per_role: Mapping[str, Sequence[str]] | None = None,
) -> list[Child]:
    """Start each of ``roles`` as ``kiosk run ROLE``, with ``extra`` and ``per_role[ROLE]``
    arguments."""
    children = []
    tie = _tie_to_supervisor()
    for role in roles:
        cmd = [sys.executable, "-m", "kiosk", "--db", url]
        if config:
            cmd += ["--config", config]
        cmd += ["run", role, *extra, *(per_role or {}).get(role, ())]
        if role in ("kiosk", "display"):
            cmd.append("--windowed")
        pin = None
        if role == "counter" and counter_sign_in is not None:
            cmd += ["--counter", str(counter_sign_in.counter)]
            cmd += ["--username", counter_sign_in.username, "--pin-stdin"]
            pin = counter_sign_in.pin
        process = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE if pin is not None else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            # Their own process group: Ctrl+C reaches the supervisor alone, which stops each
            # window cleanly (SIGTERM) instead of the terminal killing them mid-write.
            process_group=0 if sys.platform != "win32" else None,
            preexec_fn=tie.in_child,
        )
        tie.adopt(process)
        if pin is not None and process.stdin is not None:
            process.stdin.write(f"{pin}\n".encode())
            process.stdin.close()
        children.append(Child(role, process))
    # Readers only now: no thread may run while the supervisor forks (preexec_fn).
    for child in children:
        if child.process.stderr is not None:
            child.reader = threading.Thread(
                target=_pass_on,
                args=(child.process.stderr, child.tail),
                name=f"{child.role}-stderr",
                daemon=True,
            )
            child.reader.start()
    return children


def _pass_on(stream: IO[bytes], tail: collections.deque[str]) -> None:
    """A window's stderr, line by line, to ours (the terminal) and to its tail."""
    out = sys.stderr.buffer if hasattr(sys.stderr, "buffer") else None
    with stream:
        for line in stream:
            tail.append(line.decode("utf-8", "replace"))
            if out is not None:
                try:
                    out.write(line)
                    out.flush()
                except (OSError, ValueError):  # our stderr closed: keep the tail only
                    out = None


def stop_all(children: Sequence[Child], grace: float = 5.0) -> None:
    for child in children:
        if child.process.poll() is None:
            child.process.terminate()
    deadline = time.monotonic() + grace
    for child in children:
        try:
            child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait()


def why_it_stopped(child: Child, code: int) -> str:
    """One line on a window that stopped by itself: the reason when Qt could not start
    (asked of Qt again with its loader's messages on), else its exit status."""
    if code == 0:
        return f"the {child.role} window closed; closing the demo"
    if not qt_platform.plugin_failed(child.said()):
        return f"the {child.role} window stopped (exit {code}); closing the demo"
    check = qt_platform.check_platform()
    reason = check.explain() if not check.ok else "Qt could not start its platform plugin"
    line = f"the {child.role} window could not start: {reason}"
    if check.missing:
        line += f"; install them with: {qt_platform.apt_command()}"
    return line


def supervise(children: Sequence[Child], say: Callable[[str], None], poll: float = 0.2) -> int:
    """Wait until the kiosk window closes, a window dies, or Ctrl+C / SIGTERM; stop all.

    SIGINT gets a handler of our own rather than Python's KeyboardInterrupt: a supervisor
    started from a script as a background job (``kiosk demo &``, CI runners) inherits
    SIGINT ignored, and then Python installs no KeyboardInterrupt at all, so Ctrl+C or
    ``kill -INT`` did nothing and the demo ran on."""
    stopping = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopping:
            for child in children:
                code = child.process.poll()
                if code is None:
                    continue
                if code == -signal.SIGINT:  # Ctrl+C reached the window too: a stop
                    stopping = True
                    break
                say(why_it_stopped(child, code))
                stop_all(children)
                return 0 if code == 0 else 1
            else:
                time.sleep(poll)
        say("stopping the demo windows")
        stop_all(children)
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# -- the windows die with the supervisor ---------------------------------------------------------
PR_SET_PDEATHSIG = 1


class _Tie:
    """Nothing to tie (not Linux or Windows): the windows outlive a killed supervisor."""

    in_child: Callable[[], None] | None = None

    def adopt(self, process: subprocess.Popen[bytes]) -> None:
        pass


class _DeathSignal(_Tie):
    """Linux: the kernel sends each window DEATH_SIGNAL when the supervisor's thread that
    started it ends (the main thread here). Set between fork and exec, then the parent is
    checked once more: a supervisor killed before prctl ran would never signal."""

    def __init__(self) -> None:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before fork, not in it
        supervisor = os.getpid()

        def in_child() -> None:
            prctl(PR_SET_PDEATHSIG, int(DEATH_SIGNAL), 0, 0, 0)
            if os.getppid() != supervisor:
                os.kill(os.getpid(), DEATH_SIGNAL)

        self.in_child = in_child


def _tie_to_supervisor() -> _Tie:
    if sys.platform == "win32":
        return _JobObject.create() or _Tie()
    elif sys.platform == "linux":
        return _DeathSignal()
    else:  # macOS has no such kernel feature
        return _Tie()


if sys.platform == "win32":
    from ctypes import wintypes

    class _BasicLimits(ctypes.Structure):
        _fields_ = (
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        )

    class _ExtendedLimits(ctypes.Structure):
        _fields_ = (
            ("BasicLimitInformation", _BasicLimits),
            ("IoInfo", ctypes.c_uint64 * 6),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        )

    class _JobObject(_Tie):
        """Windows: the windows join a job that ends them all when its last handle closes;
        the supervisor holds the only one, and Windows closes it however the supervisor ends."""

        EXTENDED_LIMIT_INFORMATION = 9
        KILL_ON_JOB_CLOSE = 0x2000
        PROCESS_SET_QUOTA_AND_TERMINATE = 0x0100 | 0x0001

        def __init__(self, kernel32: ctypes.WinDLL, job: int) -> None:
            self._kernel32 = kernel32
            self._job = job

        @classmethod
        def create(cls) -> _JobObject | None:
            kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
            kernel32.CreateJobObjectW.restype = wintypes.HANDLE
            kernel32.OpenProcess.restype = wintypes.HANDLE
            job = kernel32.CreateJobObjectW(None, None)
            if not job:
                return None
            limits = _ExtendedLimits()
            limits.BasicLimitInformation.LimitFlags = cls.KILL_ON_JOB_CLOSE
            if not kernel32.SetInformationJobObject(
                wintypes.HANDLE(job),
                cls.EXTENDED_LIMIT_INFORMATION,
                ctypes.byref(limits),
                ctypes.sizeof(limits),
            ):
                kernel32.CloseHandle(wintypes.HANDLE(job))
                return None
            return cls(kernel32, int(job))

        def adopt(self, process: subprocess.Popen[bytes]) -> None:
            handle = self._kernel32.OpenProcess(
                self.PROCESS_SET_QUOTA_AND_TERMINATE, False, process.pid
            )
            if handle:
                self._kernel32.AssignProcessToJobObject(
                    wintypes.HANDLE(self._job), wintypes.HANDLE(handle)
                )
                self._kernel32.CloseHandle(wintypes.HANDLE(handle))
