"""Idle CPU of a window process, measured from /proc (run by hand; Linux only).

    python tests/bench/idle_cpu.py display --seconds 60
    python tests/bench/idle_cpu.py display --db postgresql+psycopg://... --seconds 60

Starts ``kiosk run ROLE`` offscreen on a demo database, lets it settle, then reads the
process's user+system CPU time over the window. Idle means no call is made meanwhile: what
the lobby TV costs while the office is quiet (the clock, the running text, the change feed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("role", choices=["kiosk", "counter", "display"])
    parser.add_argument("--db", help="database URL (default: a fresh demo SQLite file)")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--settle", type=float, default=10.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kiosk-idle-") as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'demo.db'}"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        kiosk = [sys.executable, "-m", "kiosk", "--db", url]
        subprocess.run([*kiosk, "demo-data", "--seed", "1"], check=True, env=env)
        window = [*kiosk, "run", args.role]
        if args.role != "counter":
            window.append("--windowed")
        proc = subprocess.Popen(window, env=env)
        try:
            time.sleep(args.settle)
            if proc.poll() is not None:
                print(f"the {args.role} window exited ({proc.returncode})", file=sys.stderr)
                return 1
            before, t0 = cpu_seconds(proc.pid), time.monotonic()
            time.sleep(args.seconds)
            used, elapsed = cpu_seconds(proc.pid) - before, time.monotonic() - t0
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(
        f"{args.role} idle on {url.split(':', 1)[0]}: {used:.2f} s CPU in {elapsed:.0f} s "
        f"= {100 * used / elapsed:.2f}% of one core"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
