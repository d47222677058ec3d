"""The bench's sizes (full and quick) and its goals: every goal of issue 16 is one target
line, measured against its goal, met or not (a goal missed says so: nothing is rounded in
its favour)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Plan:
    samples: int  # timed inserts / issues per latency measurement
    warmup: int  # untimed ones before them (connections, statement caches)
    history: int  # tickets of history bulk-loaded before the second issue measurement
    call_tickets: int  # tickets pre-issued for each call-next run
    race_per_process: int  # tickets each process issues in the issue race
    responses: int  # survey responses of history, for the year's report
    command_runs: int  # timed runs of each whole command (start-up, the report)


FULL = Plan(
    samples=1000,
    warmup=20,
    history=200_000,
    call_tickets=1500,
    race_per_process=50,
    responses=300_000,
    command_runs=10,
)
QUICK = Plan(
    samples=200,
    warmup=10,
    history=20_000,
    call_tickets=300,
    race_per_process=20,
    responses=10_000,
    command_runs=3,
)

#: At least this many counters, so that up to 16 processes each have their own.
MIN_COUNTERS = 16

TARGET_ISSUE_P99_MS = 5.0
TARGET_ISSUE_TO_FLOOR = 2.0
TARGET_HISTORY_SLOWDOWN = 1.5
#: Calls per second (call next + finish) every process count must reach on SQLite ...
TARGET_CALLS_PER_S_SQLITE = 200.0
#: ... and what 16 processes must reach on PostgreSQL.
TARGET_CALLS_PER_S_POSTGRES = 300.0
TARGET_CALLS_POSTGRES_PROCESSES = 16
#: A call with a year of history may take this many times the empty database's call.
TARGET_CALL_HISTORY_SLOWDOWN = 1.5
TARGET_HELP_S = 0.1
TARGET_TICKET_ISSUE_S = 0.3
TARGET_REPORT_IKM_S = 0.6
#: The size the report goal is stated for (a year of a busy office).
REPORT_GOAL_RESPONSES = 300_000
TARGET_FIRST_PAINT_S = 1.0

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
}


@dataclass(frozen=True, slots=True)
class TargetLine:
    """One goal: what was measured, the goal and whether it was met."""

    key: str
    label: str
    database: str
    measured: float | None  # None: not measured in this run (then never met)
    unit: str
    compare: str  # "<", "<=", ">=", "==": measured <compare> goal
    goal: float
    met: bool
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _line(
    key: str,
    label: str,
    database: str,
    measured: float | None,
    unit: str,
    compare: str,
    goal: float,
    note: str = "",
) -> TargetLine:
    met = measured is not None and _COMPARE[compare](measured, goal)
    if measured is None and not note:
        note = "not measured"
    return TargetLine(key, label, database, measured, unit, compare, goal, met, note)


def target_lines(result: Mapping[str, Any]) -> list[TargetLine]:
    """Every goal, judged by the measurements of ``result`` (run_bench's data)."""
    db = str(result["database"])
    sqlite = db == "sqlite"
    issue, hist = result["issue"], result["issue_with_history"]
    lines = [
        _line(
            "issue_p99_under_5ms",
            f"issue p99 < {TARGET_ISSUE_P99_MS:g} ms",
            db,
            issue["p99_ms"],
            "ms",
            "<",
            TARGET_ISSUE_P99_MS,
            "" if sqlite else "meant for local SQLite",
        ),
        _line(
            "issue_p99_within_2x_floor",
            f"issue p99 <= {TARGET_ISSUE_TO_FLOOR:g}x the INSERT+COMMIT floor's",
            db,
            issue["ratio_to_floor"],
            "x",
            "<=",
            TARGET_ISSUE_TO_FLOOR,
        ),
        _line(
            "history_slowdown_within_1_5x",
            f"issue p99 with history <= {TARGET_HISTORY_SLOWDOWN:g}x empty",
            db,
            hist["slowdown"],
            "x",
            "<=",
            TARGET_HISTORY_SLOWDOWN,
            f"{hist['history_tickets']:,} tickets of history",
        ),
    ]
    lines += _call_next_lines(db, result)
    lines += _command_lines(db, result)
    for window, paint in sorted(result.get("first_paint", {}).items()):
        lines.append(
            _line(
                f"first_paint_{window}_s",
                f"{window} window: first paint <= {TARGET_FIRST_PAINT_S:g} s",
                db,
                paint.get("seconds"),
                "s",
                "<=",
                TARGET_FIRST_PAINT_S,
                paint.get("note", ""),
            )
        )
    problems = sum(int(v) for k, v in result["integrity"].items() if k != "ok")
    lines.append(
        _line(
            "integrity",
            "no duplicate number, no ticket called twice",
            db,
            problems,
            "problems",
            "==",
            0,
        )
    )
    return lines


def _call_next_lines(db: str, result: Mapping[str, Any]) -> list[TargetLine]:
    empty = {r["processes"]: r for r in result.get("call_next_empty", [])}
    with_history = {r["processes"]: r for r in result.get("call_next", [])}
    tickets = result["issue_with_history"]["history_tickets"]
    lines: list[TargetLine] = []
    for n in sorted(set(empty) | set(with_history)):
        if db == "sqlite":
            goal = TARGET_CALLS_PER_S_SQLITE
        elif n == TARGET_CALLS_POSTGRES_PROCESSES:
            goal = TARGET_CALLS_PER_S_POSTGRES
        else:
            goal = 0.0  # no throughput goal at this process count on PostgreSQL
        for where, runs, note in (
            ("empty", empty, ""),
            ("history", with_history, f"{tickets:,} tickets of history"),
        ):
            if goal and n in runs:
                lines.append(
                    _line(
                        f"call_next_{n}p_{where}_per_s",
                        f"call-next, {n} process(es), {where}: >= {goal:g}/s",
                        db,
                        runs[n]["calls_per_s"],
                        "calls/s",
                        ">=",
                        goal,
                        _timeouts(runs[n], note),
                    )
                )
        if n in empty and n in with_history:
            # The time of one call is processes / rate: the ratio of the rates, inverted.
            rate_empty, rate_hist = empty[n]["calls_per_s"], with_history[n]["calls_per_s"]
            ratio = round(rate_empty / rate_hist, 3) if rate_hist > 0 else None
            lines.append(
                _line(
                    f"call_next_{n}p_history_slowdown",
                    f"call-next, {n} process(es), a call with history <= "
                    f"{TARGET_CALL_HISTORY_SLOWDOWN:g}x empty",
                    db,
                    ratio,
                    "x",
                    "<=",
                    TARGET_CALL_HISTORY_SLOWDOWN,
                    f"{tickets:,} tickets of history",
                )
            )
    return lines


def _timeouts(run: Mapping[str, Any], note: str) -> str:
    n = int(run.get("lock_timeouts", 0))
    if not n:
        return note
    return f"{note}; {n} lock timeouts" if note else f"{n} lock timeouts"


def _command_lines(db: str, result: Mapping[str, Any]) -> list[TargetLine]:
    commands = result.get("commands", {})
    lines: list[TargetLine] = []
    for key, name, goal, what in (
        ("startup_help_s", "help", TARGET_HELP_S, "kiosk --help"),
        ("startup_ticket_issue_s", "ticket_issue", TARGET_TICKET_ISSUE_S, "kiosk ticket issue"),
    ):
        run = commands.get(name)
        lines.append(
            _line(
                key,
                f"{what}, whole process <= {goal:g} s",
                db,
                run["median_s"] if run else None,
                "s",
                "<=",
                goal,
                f"median of {run['runs']} runs" if run else "",
            )
        )
    report = commands.get("report_ikm")
    note = ""
    if report:
        note = f"{report['responses']:,} responses, median of {report['runs']} runs"
        if report["responses"] < REPORT_GOAL_RESPONSES:
            note += f" (the goal is stated for {REPORT_GOAL_RESPONSES:,})"
    lines.append(
        _line(
            "report_ikm_json_s",
            f"report ikm --json, a year, whole process < {TARGET_REPORT_IKM_S:g} s",
            db,
            report["median_s"] if report else None,
            "s",
            "<",
            TARGET_REPORT_IKM_S,
            note,
        )
    )
    return lines


def verdicts(lines: list[TargetLine]) -> dict[str, bool]:
    """Each target line's key: met or not."""
    return {line.key: line.met for line in lines}
