"""``format_report``: a bench result as text for a person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def format_report(result: dict[str, Any]) -> str:
    """The result as text for a person: one line per measurement, then the verdicts."""
    lines: list[str] = []
    kind = "quick" if result.get("quick") else "full"
    lines.append(
        f"kiosk bench ({kind}) on {result.get('database', '?')}: {result.get('where', '')}"
    )
    env = result.get("environment", {})
    if env:
        lines.append(
            f"  Python {env.get('python')}, SQLAlchemy {env.get('sqlalchemy')}, "
            f"{env.get('cpus')} CPU(s), {env.get('platform')}"
        )
    lines.append("")
    lines.append("Latency (one transaction each)                    n     p50 ms   p99 ms   CPU ms")
    floor = result["floor"]
    issue = result["issue"]
    hist = result["issue_with_history"]
    lines.append(_latency_line("floor: bare INSERT + COMMIT", floor))
    lines.append(_latency_line("issue_ticket, empty database", issue))
    lines.append(
        _latency_line(f"issue_ticket, {hist['history_tickets']:,} tickets of history", hist)
    )
    lines.append(
        f"  issue p99 / floor p99: {issue['ratio_to_floor']:.2f}x;"
        f"  with history / without: p99 {hist['slowdown']:.2f}x, p50 {hist['slowdown_p50']:.2f}x"
    )
    lines.append(
        "  (CPU ms: this process's mean CPU time per operation; when wall times move and it "
        "does not, the disk or server did)"
    )
    if hist["history_tickets"]:
        lines.append(
            f"  history: {hist['history_tickets']:,} tickets and {hist['history_events']:,} "
            f"events over {hist['history_days']} office days, loaded in "
            f"{hist['insert_seconds']:.1f} s"
        )
    lines.append("")
    lines.append("Call next + finish, every process at its own counter")
    lines.append("  database      processes    calls   seconds   calls/s   calls per process")
    for where, runs in (
        ("empty", result.get("call_next_empty", [])),
        ("with history", result["call_next"]),
    ):
        for run in runs:
            spread = run.get("worker_calls", [])
            shares = f"{min(spread)}..{max(spread)}" if spread else "-"
            note = f"   ({run['lock_timeouts']} lock timeouts)" if run.get("lock_timeouts") else ""
            lines.append(
                f"  {where:<13} {run['processes']:>9} {run['calls']:>8} {run['seconds']:>9.2f} "
                f"{run['calls_per_s']:>9.1f}   {shares}{note}"
            )
    commands = result.get("commands", {})
    if commands:
        lines.append("")
        lines.append("Whole commands (a fresh process each run)           runs  median s   min s")
        for run in commands.values():
            lines.append(
                f"  {run['command'][:50]:<50} {run['runs']:>4} {run['median_s']:>9.3f}"
                f" {run['min_s']:>7.3f}"
            )
    for window, paint in result.get("first_paint", {}).items():
        if paint.get("seconds") is None:
            lines.append(f"  kiosk run {window}: {paint.get('note', 'not measured')}")
        else:
            lines.append(
                f"  {'kiosk run ' + window + ': first paint (offscreen)':<50} "
                f"{paint['runs']:>4} {paint['seconds']:>9.3f} {paint['min_s']:>7.3f}"
            )
    race = result.get("issue_race")
    if race:
        lines.append("")
        lines.append(
            f"Issue race: {race['processes']} processes x {race['per_process']} tickets = "
            f"{race['tickets']} in {race['seconds']:.2f} s ({race['tickets_per_s']:.1f}/s)"
        )
    lines.append("")
    integ = result["integrity"]
    if integ["ok"]:
        lines.append(
            "Integrity: ok (numbers 1..n per service and day with no duplicate or gap; "
            "every ticket called exactly once, by one worker)"
        )
    else:
        bad = ", ".join(f"{k}={v}" for k, v in integ.items() if k != "ok" and v)
        lines.append(f"Integrity: FAILED ({bad})")
    lines.append("")
    lines.append(
        "Targets                                                        measured       goal  met"
    )
    for t in result.get("target_lines", []):
        measured = "-" if t["measured"] is None else f"{t['measured']:g}"
        goal = f"{t['compare']} {t['goal']:g} {t['unit']}"
        mark = "yes" if t["met"] else "NO"
        lines.append(f"  {t['label'][:60]:<60} {measured:>10} {goal:>14}  {mark}")
        if t["note"]:
            lines.append(f"      ({t['note']})")
    if "total_seconds" in result:
        lines.append("")
        lines.append(f"Took {result['total_seconds']:.0f} s.")
    return "\n".join(lines)


def _latency_line(label: str, stats: Mapping[str, Any]) -> str:
    return (
        f"  {label:<46} {stats['n']:>5} {stats['p50_ms']:>9.2f} {stats['p99_ms']:>8.2f}"
        f" {stats.get('cpu_mean_ms', 0.0):>8.2f}"
    )
