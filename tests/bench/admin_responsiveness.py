# ruff: noqa: B023  (every lambda here runs at once, inside the loop pass that made it)
"""How quickly the admin window answers with a year of history (run by hand, offscreen).

    python tests/bench/admin_responsiveness.py                 # 200,000 tickets, 300,000 responses
    python tests/bench/admin_responsiveness.py --tickets 20000 --responses 30000 --keep /tmp/a.db

Builds an SQLite office with today's demo day (``fill_demo_day``) on top of a year of
history: tickets and their events bulk-inserted the way ``kiosk bench`` does (300 office
days before today), and survey responses with their nine answers over the same days (some
linked to served tickets, the rest walk-ups; some with a suggestion). Then drives a real
admin window and prints, in milliseconds, the time from each action until the window shows
the answer (the tab's ``data_shown`` or the table's first page): opening (window to sign-in
page, sign-in to the dashboard), the first switch to every tab, switching back, and filter
changes over today and over the whole year. Every figure is the median of ``--repeat`` runs.
Reads run on the window's worker; the GUI thread's longest stall is printed too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDate, QElapsedTimer, QEventLoop, QSettings, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from kiosk.config.settings import Settings, settings_from_dict
from kiosk.office import Office
from kiosk.storage.engine import make_engine, writer
from kiosk.storage.tables import Base
from kiosk.tools.bench.history import (
    SurveyMaker,
    _bulk_insert,
    _HistoryMaker,
    _office_days_before,
    _tables,
)
from kiosk.tools.demo import DEMO_STAFF, ensure_demo_staff, fill_demo_day
from kiosk.ui.admin.controller import Timings
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.app import application

DAYS = 300


# -- a year of history ---------------------------------------------------------------------------
def build(
    url: str, settings: Settings, tickets: int, responses: int, say: Callable[[str], None]
) -> None:
    with Office.open(url, settings=settings) as office:
        say("today: a demo day (fill_demo_day) and the demo accounts")
        fill_demo_day(office, seed=5)
        ensure_demo_staff(office)
        today = office.today()
    engine = make_engine(url)
    rng = random.Random(2025)
    days = _office_days_before(today, DAYS)
    per_day = [0] * len(days)
    for i in rng.choices(range(len(days)), k=tickets):
        per_day[i] += 1
    answers_per_day = [0] * len(days)
    for i in rng.choices(range(len(days)), k=responses):
        answers_per_day[i] += 1
    t_table, e_table, s_table = _tables()
    r_table = Base.metadata.tables["survey_responses"]
    a_table = Base.metadata.tables["survey_answers"]
    maker = _HistoryMaker(settings, rng)
    survey = SurveyMaker(settings, rng)
    with engine.connect() as conn:
        next_id = (
            int(conn.execute(select(func.coalesce(func.max(t_table.c.id), 0))).scalar_one()) + 1
        )
        next_response = (
            int(conn.execute(select(func.coalesce(func.max(r_table.c.id), 0))).scalar_one()) + 1
        )
    started = time.perf_counter()
    for lo in range(0, len(days), 20):
        t_rows: list[dict[str, Any]] = []
        e_rows: list[dict[str, Any]] = []
        s_rows: list[dict[str, Any]] = []
        r_rows: list[dict[str, Any]] = []
        a_rows: list[dict[str, Any]] = []
        for day, count, n_resp in zip(
            days[lo : lo + 20], per_day[lo : lo + 20], answers_per_day[lo : lo + 20], strict=True
        ):
            first = len(t_rows)
            next_id = maker.day(day, count, next_id, t_rows, e_rows, s_rows)
            done = [t for t in t_rows[first:] if t["status"] == "done"]
            rng.shuffle(done)
            for k in range(n_resp):
                ticket = done[k] if k < len(done) // 2 else None
                survey.response(day, next_response, ticket, r_rows, a_rows)
                next_response += 1
        with writer(engine).begin() as conn:
            for rows, table in (
                (t_rows, t_table), (e_rows, e_table), (s_rows, s_table),
                (r_rows, r_table), (a_rows, a_table),
            ):  # fmt: skip
                _bulk_insert(conn, table, rows)
        say(f"history: {days[min(lo + 19, len(days) - 1)]} ({time.perf_counter() - started:.0f} s)")
    with writer(engine).begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()


# -- timing the window -----------------------------------------------------------------------------
class Stall:
    """The GUI thread's longest gap between two 5 ms timer ticks (a frozen window shows)."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.clock = QElapsedTimer()
        self.longest = 0
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest = 0
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.longest = max(self.longest, self.clock.restart())


def timed(
    app: QApplication, signal: SignalInstance, action: Callable[[], object], timeout: float = 60
) -> float:
    """Milliseconds from ``action()`` until ``signal`` fires (the event loop running)."""
    loop = QEventLoop()
    fired: list[float] = []

    def done(*_args: object) -> None:
        if not fired:
            fired.append(time.perf_counter())
            loop.quit()

    signal.connect(done)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    start = time.perf_counter()
    action()
    if not fired:
        loop.exec()
    signal.disconnect(done)
    if not fired:
        raise TimeoutError("no answer in time")
    return (fired[0] - start) * 1000


def timed_all(
    app: QApplication, signals: list[SignalInstance], action: Callable[[], object]
) -> list[float]:
    """Milliseconds from ``action()`` until each of ``signals`` first fires."""
    loop = QEventLoop()
    fired: dict[int, float] = {}
    slots = []
    for i, signal in enumerate(signals):

        def done(*_args: object, i: int = i) -> None:
            fired.setdefault(i, time.perf_counter())
            if len(fired) == len(signals):
                loop.quit()

        signal.connect(done)
        slots.append((signal, done))
    QTimer.singleShot(60_000, loop.quit)
    start = time.perf_counter()
    action()
    if len(fired) < len(signals):
        loop.exec()
    for signal, done in slots:
        signal.disconnect(done)
    if len(fired) < len(signals):
        raise TimeoutError("no answer in time")
    return [(fired[i] - start) * 1000 for i in range(len(signals))]


def settle(app: QApplication, window: AdminWindow) -> None:
    deadline = time.monotonic() + 30
    while window.backend.busy and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    app.processEvents()


def measure(
    url: str, settings: Settings, repeat: int, folder: Path
) -> list[tuple[str, list[float]]]:
    app = application()
    results: dict[str, list[float]] = {}
    stall = Stall()

    worst: dict[str, float] = {}

    def note(name: str, ms: float) -> None:
        results.setdefault(name, []).append(ms)
        # the GUI thread's longest stall since the last action, by the action it hit
        worst[name] = max(worst.get(name, 0.0), float(stall.longest))
        stall.longest = 0

    for _run in range(repeat):
        prefs = QSettings(str(folder / "admin.ini"), QSettings.Format.IniFormat)

        def open_office() -> AdminOffice:
            return Office.open(url, settings=settings)

        stall.start()
        t0 = time.perf_counter()
        window = AdminWindow(settings, open_office, timings=Timings(), prefs=prefs)
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        note("open: window shown (sign-in page)", (time.perf_counter() - t0) * 1000)
        settle(app, window)  # the office opened on the worker meanwhile
        page = window.sign_in_page
        _, supervisor, _ = DEMO_STAFF
        page.username.setText(supervisor[0])
        page.pin.setText(supervisor[3])
        note(
            "open: sign-in -> dashboard shown", timed(app, window.dashboard.data_shown, page.submit)
        )
        settle(app, window)
        note(
            "open: dashboard re-read",
            timed(app, window.dashboard.data_shown, window.dashboard.refresh),
        )
        for key in ("tickets", "survey", "exports", "settings", "audit", "backup"):
            tab = window.all_tabs()[
                ["dashboard", "tickets", "survey", "exports", "settings", "audit", "backup"].index(
                    key
                )
            ]
            note(
                f"switch: first time to {key}",
                timed(app, tab.data_shown, functools.partial(window.show_tab, key)),
            )
            settle(app, window)
        window.dashboard.stale = True
        note(
            "switch: back to dashboard",
            timed(app, window.dashboard.data_shown, lambda: window.show_tab("dashboard")),
        )
        settle(app, window)

        # tickets: filters over today, then over the year
        window.show_tab("tickets")
        settle(app, window)
        tickets = window.tickets
        first_page = tickets.model.first_page

        def choose(combo: Any, data: object) -> Callable[[], None]:
            return lambda: combo.setCurrentIndex(combo.findData(data))

        note(
            "filter tickets: service A (today)",
            timed(app, first_page, choose(tickets.service, "A")),
        )
        settle(app, window)
        year_ago = window.ctx.today() - dt.timedelta(days=365)
        note(
            "filter tickets: from a year ago",
            timed(
                app,
                first_page,
                lambda: tickets.date_from.setDate(
                    QDate(year_ago.year, year_ago.month, year_ago.day)
                ),
            ),
        )
        settle(app, window)
        note(
            "filter tickets: status done (year)",
            timed(app, first_page, choose(tickets.status, "done")),
        )
        settle(app, window)
        note(
            "filter tickets: all services (year)",
            timed(app, first_page, choose(tickets.service, "")),
        )
        settle(app, window)
        code_col = next(i for i, c in enumerate(tickets.model.columns) if c.sort == "code")
        note(
            "sort tickets: by number (year)",
            timed(app, first_page, lambda: tickets.model.sort(code_col)),
        )
        settle(app, window)
        note(
            "scroll tickets: next page (year)",
            timed(
                app,
                tickets.model.rowsInserted,
                lambda: tickets.model.fetchMore(tickets.view.rootIndex()),
            ),
        )
        settle(app, window)
        tickets.view.selectRow(0)
        note(
            "ticket history",
            timed(app, tickets.events.modelReset, lambda: tickets.view.selectRow(5)),
        )
        settle(app, window)

        # survey: this month (shown first), then the year, then slices
        window.show_tab("survey")
        settle(app, window)
        survey = window.survey
        for name, combo, value in (
            ("this year", survey.preset, "this_year"),
            ("service A (year)", survey.service, "A"),
            ("gender P (year)", survey.gender, "P"),
            ("last month", survey.preset, "last_month"),
        ):
            ikm, everything = timed_all(
                app, [survey.ikm_shown, survey.data_shown], choose(combo, value)
            )
            note(f"filter survey: {name}: IKM shown", ikm)
            note(f"filter survey: {name}: profile too", everything)
            settle(app, window)

        window.show_tab("audit")
        settle(app, window)
        note(
            "filter audit: sign-ins",
            timed(app, window.audit.model.first_page, choose(window.audit.action, "sign_in")),
        )
        settle(app, window)
        window.close()
        app.processEvents()
    name = max(worst, key=lambda k: worst[k])
    results[f"gui thread: longest stall ({name})"] = [worst[name]]
    others = {k: v for k, v in worst.items() if not k.startswith("open")}
    other = max(others, key=lambda k: others[k])
    results[f"gui thread: longest stall after opening ({other})"] = [others[other]]
    return list(results.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=200_000)
    parser.add_argument("--responses", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", help="build into (or reuse) this SQLite file")
    args = parser.parse_args()

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    settings = settings_from_dict({}, "admin bench")
    with tempfile.TemporaryDirectory(prefix="kiosk-admin-bench-") as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "year.db"
        url = f"sqlite:///{path}"
        if not path.exists():
            build(url, settings, args.tickets, args.responses, say)
        with Office.open(url, settings=settings) as office:
            today = office.today()
            from kiosk.domain.model import TicketQuery

            n = office.reports.count_tickets(TicketQuery(today - dt.timedelta(days=450), today))
        size = path.stat().st_size / 1024 / 1024
        print(f"database: {n:,} tickets, {size:,.0f} MB ({path})")
        rows = measure(url, settings, args.repeat, Path(tmp))
    width = max(len(name) for name, _ in rows)
    print(f"{'action':<{width}}  median ms   (runs)")
    for name, samples in rows:
        runs = ", ".join(f"{s:.0f}" for s in samples)
        print(f"{name:<{width}}  {statistics.median(samples):9.0f}   ({runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
