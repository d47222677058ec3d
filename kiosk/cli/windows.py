"""``kiosk run`` (a window), ``screens``, ``screenshots`` and ``demo`` (every window on a
demo office): the commands that start Qt, each importing it only when it runs."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from kiosk.cli._common import _COUNTER, _SEED, Commands, Parents, UsageError, _settings

if TYPE_CHECKING:
    from kiosk.office import Office

#: The windows ``kiosk run`` starts, with what each is for: the one list the help texts,
#: the choices and the defaults of ``run`` and ``screenshots`` are drawn from.
WINDOWS: dict[str, str] = {
    "kiosk": "the lobby touch screen",
    "counter": "an officer's desk",
    "display": "the TV",
    "admin": "supervisors",
}
#: ``run --quarter``: which quarter of the screen a window takes (column, row).
QUARTERS: dict[str, tuple[int, int]] = {
    "top-left": (0, 0),
    "top-right": (1, 0),
    "bottom-left": (0, 1),
    "bottom-right": (1, 1),
}
#: Where ``kiosk demo`` puts each window: all four side by side, none hidden behind another.
DEMO_QUARTERS: dict[str, str] = {
    "kiosk": "top-left",
    "display": "top-right",
    "counter": "bottom-left",
    "admin": "bottom-right",
}


def summaries() -> dict[str, str]:
    """Each command's line in ``kiosk --help`` (the listing needs no parser of ours)."""
    return {
        "demo": "fill a demo database and start the windows (Ctrl+C stops them)",
        "run": f"start a window ({', '.join(WINDOWS)})",
        "screens": "list this PC's screens, numbered as `kiosk run --screen` counts them",
        "screenshots": "render every window's screens to PNG (id and en) from a demo office",
    }


def cmd_run(args: argparse.Namespace) -> int:
    """A window, until it is closed (the kiosk: by the supervisor PIN)."""
    from kiosk.office import Office

    settings = _settings(args)
    url = args.db
    quarter = QUARTERS[args.quarter] if args.quarter else None
    windowed = args.windowed or quarter is not None
    from kiosk.tools.bench.startup import FIRST_PAINT_LINE, FIRST_PAINT_PROBE

    if os.environ.get(FIRST_PAINT_PROBE):  # kiosk bench times the first picture
        from kiosk.ui.common.first_paint import report_first_paint

        report_first_paint(FIRST_PAINT_LINE)

    def open_office() -> Office:  # on the window's worker thread; retried while unreachable
        return Office.open(url, settings=settings)

    if args.window == "counter":
        from kiosk.ui.counter.app import run_counter

        sign_in = None
        if args.username:
            if args.counter is None:
                raise UsageError("--username needs --counter: which counter to sign in at")
            if not args.pin_stdin:
                raise UsageError("give the PIN on standard input with --pin-stdin")
            sign_in = (args.username, sys.stdin.readline().rstrip("\r\n"))
        return run_counter(
            settings,
            open_office,
            windowed=True,
            counter=args.counter,
            sign_in=sign_in,
            quarter=quarter,
        )
    if args.counter is not None or args.username:
        raise UsageError("--counter and --username are for the counter window")
    if args.window == "display":
        from kiosk.ui.display.app import run_display

        return run_display(
            settings, open_office, windowed=windowed, screen=args.screen, quarter=quarter
        )
    if args.window == "admin":
        from kiosk.ui.admin.app import run_admin

        return run_admin(settings, open_office, quarter=quarter)
    from kiosk.bootstrap import make_printer
    from kiosk.ui.lobby.app import run_kiosk

    return run_kiosk(
        settings,
        open_office,
        make_printer,
        windowed=windowed,
        screen=args.screen,
        quarter=quarter,
    )


def cmd_screens(args: argparse.Namespace) -> int:
    from kiosk.ui.common.app import describe_screens

    for line in describe_screens():
        print(line)
    return 0


def cmd_screenshots(args: argparse.Namespace) -> int:
    """Every window's screens as PNG, from a throw-away demo office (offscreen)."""
    import tempfile
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.bootstrap import make_printer
    from kiosk.office import Office
    from kiosk.tools.demo import demo_admin, fill_demo_day
    from kiosk.tools.demo.logo import demo_logo
    from kiosk.ui.admin.screenshots import render_admin_screenshots
    from kiosk.ui.counter.screenshots import render_counter_screenshots
    from kiosk.ui.display.screenshots import render_display_screenshots
    from kiosk.ui.lobby.screenshots import (
        book_demo_appointment,
        demo_settings,
        render_screenshots,
        use_up_quota,
    )

    windows = args.window or list(WINDOWS)
    out = Path(args.out)
    files: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-screens-") as tmp:
        settings = demo_settings(Path(tmp) / "slips")
        with Office.open(f"sqlite:///{Path(tmp) / 'demo.db'}", settings=settings) as office:
            fill_demo_day(office, seed=args.seed)
            with demo_admin(office) as admin:  # a made-up emblem, so every window shows one
                office.set_logo(demo_logo(), session=admin)
            # The display first: it shows the demo day's calls as they stand.
            if "display" in windows:
                files += render_display_screenshots(settings, office, out)
            if "counter" in windows:
                with demo_admin(office) as admin:  # it adds the demo officer
                    files += render_counter_screenshots(settings, office, out, admin=admin)
            if "admin" in windows:
                with demo_admin(office) as admin:  # it adds the window's account
                    files += render_admin_screenshots(settings, office, out, admin=admin)
            if "kiosk" in windows:
                use_up_quota(office)
                with demo_admin(office) as admin:  # the home screen's check-in entry
                    book_demo_appointment(office, admin)
                files += render_screenshots(settings, office, make_printer(settings), out)
    for path in files:
        print(path)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.config import paths
    from kiosk.office import Office
    from kiosk.tools.demo import DEMO_OFFICER, DEMO_STAFF, ensure_demo_staff, fill_demo_day
    from kiosk.tools.demo.supervisor import DEMO_ROLES, SignIn, start_windows, supervise

    def say(msg: str) -> None:
        print(f"kiosk demo: {msg}", file=sys.stderr, flush=True)

    # Its own database unless told otherwise: the demo never mixes with an office's data.
    url = args.db or f"sqlite:///{paths.data_dir() / 'demo.db'}"
    with Office.open(url, settings=_settings(args)) as office:
        summary = fill_demo_day(office, seed=args.seed)
        ensure_demo_staff(office)
        printer = office.settings.printer
        counters = office.queue.counters()
    say(summary.describe())
    username, _, _, pin = DEMO_OFFICER
    sign_in = SignIn(counters[0].number, username, pin) if counters else None
    if sign_in is not None:
        say(
            f"the counter window signs in as {username} (PIN {pin}) at "
            f"{counters[0].name}; demo accounts: "
            + ", ".join(f"{name} {secret}" for name, _, _, secret in DEMO_STAFF)
        )
    if printer.kind == "preview":
        where = printer.preview_dir or paths.data_dir() / "slips"
        say(f"no printer configured: slips are drawn to {where}")
    say(f"database: {url}; starting: {', '.join(DEMO_ROLES)} (Ctrl+C stops everything)")
    placed = {role: ["--quarter", DEMO_QUARTERS[role]] for role in DEMO_ROLES}
    children = start_windows(url, args.config, DEMO_ROLES, counter_sign_in=sign_in, per_role=placed)
    return supervise(children, say)


def add_demo(groups: Commands, parents: Parents) -> None:
    common = parents.common
    p = groups.add_parser("demo", help=summaries()["demo"], parents=[common])
    p.add_argument("--seed", type=_SEED, default=None, help="random seed for the demo day")
    p.set_defaults(func=cmd_demo)


def add_run(groups: Commands, parents: Parents) -> None:
    common = parents.common
    p = groups.add_parser("run", help=summaries()["run"], parents=[common])
    p.add_argument(
        "window",
        choices=list(WINDOWS),
        help=", ".join(f"{name} ({purpose})" for name, purpose in WINDOWS.items()),
    )
    p.add_argument(
        "--windowed",
        action="store_true",
        help="kiosk and display: an ordinary 1366x768 window instead of the full screen",
    )
    p.add_argument(
        "--screen",
        metavar="N|NAME",
        default=os.environ.get("KIOSK_SCREEN") or None,
        help="kiosk and display: the screen to fill, by number or name (see: kiosk screens); "
        "default: KIOSK_SCREEN, else the main screen",
    )
    p.add_argument(
        "--quarter",
        choices=list(QUARTERS),
        help="an ordinary window on this quarter of the main screen (kiosk demo lays out "
        "its four windows so)",
    )
    p.add_argument("--counter", type=_COUNTER, metavar="N", help="counter: preselect counter N")
    p.add_argument("--username", metavar="NAME", help="counter: sign in as NAME at start")
    p.add_argument(
        "--pin-stdin", action="store_true", help="counter: read NAME's PIN from standard input"
    )
    p.set_defaults(func=cmd_run)


def add_screens(groups: Commands, parents: Parents) -> None:
    common = parents.common
    p = groups.add_parser("screens", help=summaries()["screens"], parents=[common])
    p.set_defaults(func=cmd_screens)


def add_screenshots(groups: Commands, parents: Parents) -> None:
    common = parents.common
    p = groups.add_parser("screenshots", help=summaries()["screenshots"], parents=[common])
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files")
    p.add_argument("--seed", type=_SEED, default=7, help="random seed for the demo day")
    p.add_argument(
        "--window",
        action="append",
        choices=list(WINDOWS),
        help="only this window (repeatable; default: all)",
    )
    p.set_defaults(func=cmd_screenshots)
