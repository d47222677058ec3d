"""``kiosk doctor`` (what is wrong on this PC), ``bench`` (how fast the queue is) and
``demo-data`` (a realistic day of tickets)."""

from __future__ import annotations

import argparse
import sys

from kiosk.cli._common import _HISTORY, _SEED, Commands, Parents, _office, _print_json, _whole
from kiosk.domain.limits import HISTORY_MAX, HISTORY_MIN

_RESPONSES = _whole("a number of survey responses", HISTORY_MIN, HISTORY_MAX)


def summaries() -> dict[str, str]:
    """Each command's line in ``kiosk --help`` (the listing needs no parser of ours)."""
    return {
        "demo-data": "fill today with a realistic day of tickets",
        "bench": "measure the goals: issue latency, call-next throughput, start-up, the "
        "year's report",
        "doctor": "find what is wrong on this PC (config, database, printer, logs) and how to "
        "fix it",
    }


def cmd_demo_data(args: argparse.Namespace) -> int:
    from kiosk.tools.demo import fill_demo_day

    with _office(args) as office:
        summary = fill_demo_day(office, force=args.force, seed=args.seed)
    if args.json:
        _print_json(summary.to_dict())
    else:
        print(summary.describe())
    return 0


def add_demo_data(groups: Commands, parents: Parents) -> None:
    common, as_json = parents.common, parents.as_json
    p = groups.add_parser("demo-data", help=summaries()["demo-data"], parents=[common, as_json])
    p.add_argument("--force", action="store_true", help="add a day even if today has tickets")
    p.add_argument("--seed", type=_SEED, default=None, help="random seed (repeatable demo)")
    p.set_defaults(func=cmd_demo_data)


def cmd_bench(args: argparse.Namespace) -> int:
    from kiosk.tools.bench import format_report, run_bench

    def progress(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    result = run_bench(
        args.db,
        quick=args.quick,
        history=args.history,
        responses=args.responses,
        progress=None if args.json else progress,
    )
    if args.json:
        _print_json(result)
    else:
        print(format_report(result))
    return 0


def add_bench(groups: Commands, parents: Parents) -> None:
    common, as_json = parents.common, parents.as_json
    p = groups.add_parser("bench", help=summaries()["bench"], parents=[common, as_json])
    p.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    p.add_argument(
        "--history", type=_HISTORY, default=None, help="tickets of history to add (default 200000)"
    )
    p.add_argument(
        "--responses",
        type=_RESPONSES,
        default=None,
        help="survey responses of history for the year's report (default 300000)",
    )
    p.set_defaults(func=cmd_bench)


# -- kiosk doctor -------------------------------------------------------------------------
DOCTOR_HELP = (
    "kiosk doctor: checks this PC's configuration file, database, slip printer (port, "
    "permissions, the printer's own state), log folder and whether Qt can open windows "
    "(the system libraries its X11 plugin needs) and whether the board can speak its "
    "languages (and with what), and prints each finding with a "
    "fix; exit status 1 when anything is a problem. Run it as the account that runs the "
    "windows, e.g. sudo -u kiosk kiosk doctor."
)


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.tools.doctor import exit_code, format_findings, run_doctor

    findings = run_doctor(args.config, args.db)
    if args.json:
        _print_json([f.to_dict() for f in findings])
    else:
        print(format_findings(findings))
    return exit_code(findings)


def add_doctor(groups: Commands, parents: Parents) -> None:
    common, as_json = parents.common, parents.as_json
    p = groups.add_parser(
        "doctor",
        help=summaries()["doctor"],
        description=DOCTOR_HELP,
        parents=[common, as_json],
    )
    p.set_defaults(func=cmd_doctor)
