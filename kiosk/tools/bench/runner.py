"""``run_bench``: every measurement in turn on a scratch database, as plain data."""

from __future__ import annotations

import datetime as dt
import os
import platform
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy import Engine, distinct, func, insert, select, update

from kiosk.config.defaults import DEFAULT_CONFIG
from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.errors import KioskError
from kiosk.domain.model import QUEUED_STATES, TicketStatus
from kiosk.domain.numbering import ticket_code
from kiosk.office import Office
from kiosk.storage.engine import make_engine, writer
from kiosk.tools.bench.history import HISTORY_DAYS, _tables, load_history, load_survey_history
from kiosk.tools.bench.races import preissue, race
from kiosk.tools.bench.scratch import FLOOR, Progress, Target, scratch_database
from kiosk.tools.bench.startup import WINDOWS, Commands
from kiosk.tools.bench.targets import FULL, MIN_COUNTERS, QUICK, Plan, target_lines, verdicts

Result = dict[str, Any]

_QUEUED = sorted(s.value for s in QUEUED_STATES)


def run_bench(
    url: str | None,
    *,
    quick: bool = False,
    history: int | None = None,
    responses: int | None = None,
    processes: tuple[int, ...] = (1, 4, 16),
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Run every measurement on a scratch database; return plain, JSON-serialisable data.

    ``url`` None: a new SQLite file in a temporary folder. ``history``: tickets of history
    (default 200_000, quick 20_000). ``responses``: survey responses of history for the
    year's report (default 300_000, quick 10_000). ``processes``: the process counts of the
    call-next race.
    ``progress`` receives short status lines. Raises KioskError if a given database already
    holds tickets, DatabaseUnavailable if it cannot be reached.
    """
    plan = QUICK if quick else FULL
    if history is not None:
        if history < 0:
            raise KioskError(f"--history must be 0 or more, not {history}")
        plan = replace(plan, history=history)
    if responses is not None:
        if responses < 0:
            raise KioskError(f"--responses must be 0 or more, not {responses}")
        plan = replace(plan, responses=responses)
    counts = tuple(processes)
    if not counts or any(not isinstance(p, int) or p < 1 for p in counts):
        raise ValueError(f"processes must be positive process counts, not {processes!r}")
    say: Progress = progress or _quiet
    began = time.perf_counter()
    with scratch_database(url, say) as target:
        result = _Bench(target, plan, counts, say).run()
    result["quick"] = quick
    result["total_seconds"] = round(time.perf_counter() - began, 1)
    say(f"bench: done in {result['total_seconds']:.0f} s")
    return result


def _quiet(_msg: str) -> None:
    pass


# -- the measurements ------------------------------------------------------------------------
def _bench_config(counters: int) -> dict[str, Any]:
    """The built-in office (open at any hour, no quotas) with every counter serving all."""
    codes = [s["code"] for s in DEFAULT_CONFIG["services"]]
    return {
        "office": {"name": "kiosk bench"},
        "counters": [
            {"number": n, "name": f"Loket {n}", "services": codes} for n in range(1, counters + 1)
        ],
    }


class _Bench:
    def __init__(
        self, target: Target, plan: Plan, processes: tuple[int, ...], say: Progress
    ) -> None:
        self.target = target
        self.plan = plan
        self.processes = processes
        self.say = say
        self.race_processes = max(processes)
        self.config = _bench_config(max(MIN_COUNTERS, self.race_processes))
        self.settings: Settings = settings_from_dict(self.config, "kiosk bench")
        self.codes = [s.code for s in self.settings.services]
        self.first_paint: dict[str, Any] = {}
        self.problems: dict[str, int] = {
            "duplicate_numbers": 0,
            "number_gaps": 0,
            "sequence_mismatches": 0,
            "tickets_called_twice": 0,
            "tickets_returned_twice": 0,
            "tickets_never_called": 0,
            "tickets_not_returned": 0,
            "tickets_left_waiting": 0,
            "duplicate_issued": 0,
        }

    def run(self) -> Result:
        url = self.target.url
        office = Office.open(url, settings=self.settings)
        engine = make_engine(url)
        try:
            floor = self._floor(engine)
            issue = self._issue(office, "issue: empty database")
            issue["ratio_to_floor"] = _ratio(issue["p99_ms"], floor["p99_ms"])
            self._clear_queue(engine, office.today())
            empty_calls = [self._call_next(engine, office, n, "empty") for n in self.processes]

            loaded = load_history(
                engine, self.settings, office.today(), self.plan.history, self.say
            )
            with_history = self._issue(office, "issue: with history")
            with_history.update(loaded)
            with_history["slowdown"] = _ratio(with_history["p99_ms"], issue["p99_ms"])
            with_history["slowdown_p50"] = _ratio(with_history["p50_ms"], issue["p50_ms"])
            self._clear_queue(engine, office.today())

            race = self._issue_race(engine)
            self._clear_queue(engine, office.today())
            calls = [self._call_next(engine, office, n, "history") for n in self.processes]
            commands = self._commands(engine, office.today())
            self._final_checks(engine)
        finally:
            office.close()
            engine.dispose()

        integrity: dict[str, Any] = dict(self.problems)
        integrity["ok"] = not any(self.problems.values())
        result: Result = {
            "database": self.target.database,
            "where": self.target.where,
            "environment": {
                "python": platform.python_version(),
                "sqlalchemy": sqlalchemy.__version__,
                "platform": platform.platform(terse=True),
                "cpus": os.cpu_count(),
            },
            "floor": floor,
            "issue": issue,
            "issue_with_history": with_history,
            "call_next_empty": empty_calls,
            "call_next": calls,
            "issue_race": race,
            "commands": commands,
            "first_paint": self.first_paint,
            "integrity": integrity,
        }
        lines = target_lines(result)
        result["target_lines"] = [line.to_dict() for line in lines]
        result["targets"] = verdicts(lines)
        return result

    # 1. the floor --------------------------------------------------------------------------
    def _floor(self, engine: Engine) -> dict[str, Any]:
        n, warm = self.plan.samples, self.plan.warmup
        self.say(f"floor: {n} single-row INSERT + COMMIT")
        FLOOR.create(engine, checkfirst=True)
        stmt = insert(FLOOR)
        today = dt.date.today()
        w = writer(engine)  # the same BEGIN IMMEDIATE as every write of the queue
        samples: list[int] = []
        cpu = 0
        for i in range(warm + n):
            row = {
                "prefix": "A",
                "number": i + 1,
                "office_day": today,
                "code": ticket_code("A", i + 1),
                "service": "A",
                "status": "waiting",
                "issued_at": dt.datetime.now(dt.UTC),
                "recalls": 0,
                "people_ahead": i,
                "estimated_wait_seconds": 60 * i,
            }
            started, cpu_started = time.perf_counter_ns(), time.process_time_ns()
            with w.begin() as conn:
                conn.execute(stmt, row)
            if i >= warm:
                samples.append(time.perf_counter_ns() - started)
                cpu += time.process_time_ns() - cpu_started
        return _stats(samples, cpu)

    # 2. and 3. issuing ---------------------------------------------------------------------
    def _issue(self, office: Office, label: str) -> dict[str, Any]:
        n, warm = self.plan.samples, self.plan.warmup
        self.say(f"{label}: {n} issue_ticket")
        samples: list[int] = []
        cpu = 0
        for i in range(warm + n):
            code = self.codes[i % len(self.codes)]
            started, cpu_started = time.perf_counter_ns(), time.process_time_ns()
            office.issue_ticket(code)
            if i >= warm:
                samples.append(time.perf_counter_ns() - started)
                cpu += time.process_time_ns() - cpu_started
        return _stats(samples, cpu)

    def _clear_queue(self, engine: Engine, day: dt.date) -> None:
        """Close today's queue (cancel whoever waits) so the next phase starts empty."""
        tickets, _, _ = _tables()
        with writer(engine).begin() as conn:
            conn.execute(
                update(tickets)
                .where(tickets.c.office_day == day, tickets.c.status.in_(_QUEUED))
                .values(status=TicketStatus.CANCELLED.value, finished_at=dt.datetime.now(dt.UTC))
            )

    # 4. call next --------------------------------------------------------------------------
    def _call_next(
        self, engine: Engine, office: Office, processes: int, where: str
    ) -> dict[str, Any]:
        m = self.plan.call_tickets
        day = office.today()
        ids = preissue(engine, day, m, self.codes)
        self.say(f"call-next ({where}): {processes} process(es) calling {m} tickets")
        outs = race("call", self.target.url, self.config, processes, 0)
        returned = [i for out in outs for i in out["ids"]]
        seconds = max(o["end"] for o in outs) - min(o["start"] for o in outs)
        calls = len(returned)

        self.problems["tickets_returned_twice"] += len(returned) - len(set(returned))
        tickets, events, _ = _tables()
        with engine.connect() as conn:
            called: dict[int, int] = dict(
                conn.execute(
                    select(events.c.ticket_id, func.count())
                    .where(events.c.kind == "called", events.c.ticket_id >= min(ids))
                    .group_by(events.c.ticket_id)
                ).all()
            )
            waiting = conn.execute(
                select(func.count()).where(
                    tickets.c.office_day == day, tickets.c.status.in_(_QUEUED)
                )
            ).scalar_one()
        self.problems["tickets_called_twice"] += sum(1 for c in called.values() if c > 1)
        self.problems["tickets_never_called"] += len(set(ids) - set(called))
        self.problems["tickets_not_returned"] += len(set(ids) - set(returned))
        self.problems["tickets_left_waiting"] += int(waiting)
        rate = calls / seconds if seconds > 0 else 0.0
        self.say(
            f"call-next ({where}): {processes} process(es): {calls} calls in {seconds:.2f} s,"
            f" {rate:.0f}/s"
        )
        return {
            "processes": processes,
            "tickets": m,
            "calls": calls,
            "seconds": round(seconds, 3),
            "calls_per_s": round(rate, 1),
            "lock_timeouts": sum(o["lock_timeouts"] for o in outs),
            "worker_calls": [len(o["ids"]) for o in sorted(outs, key=lambda o: o["worker"])],
        }

    # 5. the issue race ---------------------------------------------------------------------
    def _issue_race(self, engine: Engine) -> dict[str, Any]:
        p, per = self.race_processes, self.plan.race_per_process
        self.say(f"issue race: {p} processes x {per} tickets")
        outs = race("issue", self.target.url, self.config, p, per)
        issued = [tuple(t) for out in outs for t in out["tickets"]]
        seconds = max(o["end"] for o in outs) - min(o["start"] for o in outs)
        # Two workers handed the same (prefix, day, number), or the same ticket id.
        self.problems["duplicate_issued"] += len(issued) - len({t[1:] for t in issued})
        self.problems["duplicate_issued"] += len(issued) - len({t[0] for t in issued})
        self._check_numbers(engine)
        return {
            "processes": p,
            "per_process": per,
            "tickets": len(issued),
            "seconds": round(seconds, 3),
            "tickets_per_s": round(len(issued) / seconds, 1) if seconds > 0 else 0.0,
        }

    # 6. whole commands: start-up and the year's report -----------------------------------
    def _commands(self, engine: Engine, today: dt.date) -> dict[str, Any]:
        """``kiosk --help`` and ``kiosk ticket issue`` (a ticket each run, numbered as any
        other, so the checks below cover them), then ``report ikm --json`` over the year
        after loading the survey's year."""
        runs = self.plan.command_runs
        with tempfile.TemporaryDirectory(prefix="kiosk-bench-cli-") as folder:
            cli = Commands(self.target.url, Path(folder), self.config, runs)
            self.say(f"start-up: kiosk --help and kiosk ticket issue, {runs} runs each")
            out: dict[str, Any] = {"help": cli.help(), "ticket_issue": cli.ticket_issue()}
            self.say(f"first paint: {', '.join(WINDOWS)}, {runs} runs each")
            self.first_paint = {w: cli.first_paint(w) for w in WINDOWS}
            self._clear_queue(engine, today)
            loaded = load_survey_history(
                engine, self.settings, today, self.plan.responses, self.say
            )
            first = today - dt.timedelta(days=HISTORY_DAYS * 7 // 5 + 7)
            self.say(f"report: kiosk report ikm --json {first}..{today}, {runs} runs")
            report = cli.report_ikm(first, today)
        report["responses"] = loaded["survey_responses"]
        report["insert_seconds"] = loaded["insert_seconds"]
        out["report_ikm"] = report
        for name, run in out.items():
            self.say(f"{name}: median {run['median_s']:.3f} s")
        return out

    # checks --------------------------------------------------------------------------------
    def _check_numbers(self, engine: Engine) -> None:
        """Per (prefix, day): numbers base+1..n, no duplicate, no gap, sequence at n."""
        tickets, _, sequences = _tables()
        with engine.connect() as conn:
            groups = conn.execute(
                select(
                    tickets.c.prefix,
                    tickets.c.office_day,
                    func.count(),
                    func.count(distinct(tickets.c.number)),
                    func.min(tickets.c.number),
                    func.max(tickets.c.number),
                ).group_by(tickets.c.prefix, tickets.c.office_day)
            ).all()
            last = {
                (p, d): n
                for p, d, n in conn.execute(
                    select(sequences.c.prefix, sequences.c.office_day, sequences.c.last_number)
                )
            }
        dups = gaps = mismatches = 0
        for prefix, day, count, unique, low, high in groups:
            base = self.target.number_base.get((prefix, day), 0)
            # A number at or below the base was given before the bench: a duplicate.
            dups += count - unique + (1 if low <= base else 0)
            gaps += (high - low + 1 - unique) + max(0, low - base - 1)
            mismatches += int(last.get((prefix, day)) != high)
        self.problems["duplicate_numbers"] = dups
        self.problems["number_gaps"] = gaps
        self.problems["sequence_mismatches"] = mismatches

    def _final_checks(self, engine: Engine) -> None:
        self.say("checking: numbers and calls across the whole database")
        self._check_numbers(engine)
        _, events, _ = _tables()
        twice = (
            select(events.c.ticket_id)
            .where(events.c.kind == "called")
            .group_by(events.c.ticket_id)
            .having(func.count() > 1)
            .subquery()
        )
        with engine.connect() as conn:
            called_twice = conn.execute(select(func.count()).select_from(twice)).scalar_one()
        # Every 'called' event in the database, history included: the per-run counts are a
        # subset, so keep the larger.
        self.problems["tickets_called_twice"] = max(
            self.problems["tickets_called_twice"], int(called_twice)
        )


def _ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b > 0 else 0.0


def _stats(samples_ns: Sequence[int], cpu_ns: int) -> dict[str, Any]:
    """Wall-clock percentiles, and the mean CPU time of this process per operation.

    The CPU time leaves out waiting for the disk or the server: when the wall time moves
    and the CPU time does not, the machine's I/O changed, not the code's work.
    """
    ms = sorted(s / 1e6 for s in samples_ns)
    return {
        "n": len(ms),
        "p50_ms": round(_percentile(ms, 0.50), 3),
        "p99_ms": round(_percentile(ms, 0.99), 3),
        "mean_ms": round(sum(ms) / len(ms), 3) if ms else 0.0,
        "max_ms": round(ms[-1], 3) if ms else 0.0,
        "cpu_mean_ms": round(cpu_ns / 1e6 / len(ms), 3) if ms else 0.0,
    }


def _percentile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    if not ordered:
        return 0.0
    pos = (len(ordered) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)
