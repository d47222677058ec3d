"""``kiosk demo``: one command that shows the whole product on one PC.

Fills a demo SQLite database (once), then starts each window as its own process, the way
an office runs them, and stops them all together on Ctrl+C or when the kiosk closes.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: The windows a demo starts, each its own process as in an office.
DEMO_ROLES: tuple[str, ...] = ("kiosk", "counter", "display", "admin")


@dataclass
class Child:
    role: str
    process: subprocess.Popen[bytes]


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
) -> list[Child]:
    children = []
    for role in roles:
        cmd = [sys.executable, "-m", "kiosk", "--db", url]
        if config:
            cmd += ["--config", config]
        cmd += ["run", role, *extra]
        if role in ("kiosk", "display"):
            cmd.append("--windowed")
        pin = None
        if role == "counter" and counter_sign_in is not None:
            cmd += ["--counter", str(counter_sign_in.counter)]
            cmd += ["--username", counter_sign_in.username, "--pin-stdin"]
            pin = counter_sign_in.pin
        process = subprocess.Popen(cmd, stdin=subprocess.PIPE if pin is not None else None)
        if pin is not None and process.stdin is not None:
            process.stdin.write(f"{pin}\n".encode())
            process.stdin.close()
        children.append(Child(role, process))
    return children


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


def supervise(children: Sequence[Child], say: Callable[[str], None], poll: float = 0.2) -> int:
    """Wait until the kiosk window closes, a window dies, or Ctrl+C / SIGTERM; stop all."""
    stopping = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    old_term = signal.signal(signal.SIGTERM, on_signal)
    try:
        while not stopping:
            for child in children:
                code = child.process.poll()
                if code is not None:
                    if code != 0:
                        say(f"the {child.role} window stopped (exit {code}); closing the demo")
                    else:
                        say(f"the {child.role} window closed; closing the demo")
                    stop_all(children)
                    return 0 if code == 0 else 1
            time.sleep(poll)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, old_term)
    say("stopping the demo windows")
    stop_all(children)
    return 0
