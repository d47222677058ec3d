"""A year of an office's history, bulk-loaded: finished tickets with their events and
daily sequences over the office days before today, numbered as the queue numbers them;
and a year of survey responses with their nine answers (``load_survey_history``).
Also used by tests/bench/admin_responsiveness.py."""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, text

from kiosk.config.settings import Settings
from kiosk.domain.model import TicketStatus
from kiosk.domain.numbering import ticket_code
from kiosk.storage.engine import writer
from kiosk.storage.tables import Base
from kiosk.survey.definitions import AGE_BAND_CODES, EDUCATION, GENDERS, OCCUPATIONS, SKM_CODES

#: The history spans this many office days (Monday to Friday) before today.
HISTORY_DAYS = 300
#: Chunks of this many days go into the database in one transaction each.
HISTORY_DAYS_PER_TRANSACTION = 30
#: How the year's tickets split between the default services.
_SERVICE_MIX = {"A": 0.34, "B": 0.26, "C": 0.22, "D": 0.13, "P": 0.05}


#: Share of survey responses with a suggestion, and how answers 1-4 are spread.
SUGGESTION_SHARE = 0.08
ANSWERS = ((1, 0.01), (2, 0.07), (3, 0.47), (4, 0.45))


def _tables() -> tuple[Table, Table, Table]:
    t = Base.metadata.tables
    return t["tickets"], t["ticket_events"], t["daily_sequences"]


def load_history(
    engine: Engine, settings: Settings, today: dt.date, total: int, say: Callable[[str], None]
) -> dict[str, Any]:
    """``total`` finished tickets, with their events and daily sequences, over the
    HISTORY_DAYS office days before ``today``: a year-old office's database."""
    days = _office_days_before(today, HISTORY_DAYS) if total else []
    if not total:
        return {
            "history_tickets": 0,
            "history_events": 0,
            "history_days": 0,
            "insert_seconds": 0.0,
        }
    say(f"history: loading {total:,} tickets over {len(days)} office days")
    started = time.perf_counter()
    rng = random.Random(20_240_101)
    weights = [1.25 if d.weekday() == 0 else 0.8 if d.weekday() == 4 else 1.0 for d in days]
    per_day = [0] * len(days)
    for i in rng.choices(range(len(days)), weights=weights, k=total):
        per_day[i] += 1
    maker = _HistoryMaker(settings, rng)
    tickets, events, sequences = _tables()
    with engine.connect() as conn:
        next_id = int(conn.execute(select(func.coalesce(func.max(tickets.c.id), 0))).scalar_one())
    next_id += 1
    n_events = 0
    step = HISTORY_DAYS_PER_TRANSACTION
    for lo in range(0, len(days), step):
        t_rows: list[dict[str, Any]] = []
        e_rows: list[dict[str, Any]] = []
        s_rows: list[dict[str, Any]] = []
        for day, count in zip(days[lo : lo + step], per_day[lo : lo + step], strict=True):
            next_id = maker.day(day, count, next_id, t_rows, e_rows, s_rows)
        with writer(engine).begin() as conn:
            for rows, table in ((t_rows, tickets), (e_rows, events), (s_rows, sequences)):
                _bulk_insert(conn, table, rows)
        n_events += len(e_rows)
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            sync_serial(conn, "tickets")
            # A year-old database has statistics: autovacuum would have analysed it.
            conn.exec_driver_sql("ANALYZE tickets, ticket_events, daily_sequences")
    seconds = time.perf_counter() - started
    say(f"history: {total:,} tickets and {n_events:,} events in {seconds:.1f} s")
    return {
        "history_tickets": total,
        "history_events": n_events,
        "history_days": len(days),
        "insert_seconds": round(seconds, 2),
    }


def _office_days_before(today: dt.date, count: int) -> list[dt.date]:
    """The ``count`` weekdays before ``today`` (strictly), oldest first."""
    days: list[dt.date] = []
    day = today
    while len(days) < count:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days[::-1]


def _bulk_insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Core executemany, through the table's types (so UtcDateTime still applies).

    SQLite: with RETURNING, SQLAlchemy sends ~1000 rows per INSERT ("insertmanyvalues"),
    much faster than sqlite3's row-by-row executemany. PostgreSQL: psycopg's pipelined
    executemany is the faster of the two (measured: about twice).
    """
    batch = 20_000
    for k in range(0, len(rows), batch):
        chunk = rows[k : k + batch]
        if conn.dialect.name == "sqlite":
            conn.execute(insert(table).returning(*table.primary_key.columns), chunk).all()
        else:
            conn.execute(insert(table), chunk)


def sync_serial(conn: Connection, table: str) -> None:
    """After inserting explicit ids on PostgreSQL, move the id sequence past them."""
    seq = pg_sequence(conn, table)
    conn.execute(text(f"SELECT setval(:s, (SELECT max(id) FROM {table}))"), {"s": seq})


def pg_sequence(conn: Connection, table: str) -> str:
    """The name of the sequence behind ``table.id`` (PostgreSQL)."""
    name = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
    if not name:
        raise RuntimeError(f"no id sequence found for table {table}")
    return str(name)


class _HistoryMaker:
    """Rows of one past office day: tickets, their events, the day's sequences."""

    def __init__(self, settings: Settings, rng: random.Random) -> None:
        self.rng = rng
        self.tz = settings.timezone
        services = settings.domain_services()
        self.codes = [s.code for s in services]
        self.weights = [_SERVICE_MIX.get(c, 0.1) for c in self.codes]
        self.minutes = {s.code: s.default_service_minutes for s in services}
        self.priorities = [p.code for p in settings.priority_categories()]
        self.counters = [c.number for c in settings.domain_counters()][:8]

    def day(
        self,
        day: dt.date,
        count: int,
        next_id: int,
        tickets: list[dict[str, Any]],
        events: list[dict[str, Any]],
        sequences: list[dict[str, Any]],
    ) -> int:
        rng = self.rng
        opens = dt.datetime.combine(day, dt.time(8, 0), tzinfo=self.tz).astimezone(dt.UTC)
        offsets = sorted(rng.uniform(0, 7 * 3600) for _ in range(count))
        chosen = rng.choices(self.codes, weights=self.weights, k=count)
        last: dict[str, int] = {}
        for offset, code in zip(offsets, chosen, strict=True):
            number = last.get(code, 0) + 1
            last[code] = number
            tid = next_id
            next_id += 1
            issued = opens + dt.timedelta(seconds=offset)
            priority = rng.choice(self.priorities) if rng.random() < 0.05 else None
            ahead = rng.randint(0, 30)
            roll = rng.random()
            desk = rng.choice(self.counters)
            call_at = issued + dt.timedelta(seconds=rng.uniform(60, 3600))
            called: dt.datetime | None = call_at
            counter: int | None = desk
            started: dt.datetime | None = None
            recalls = 0
            ev: list[tuple[dt.datetime, str, int | None, str | None]] = [
                (issued, "issued", None, json.dumps({"priority": priority}) if priority else None),
            ]
            if roll < 0.90:  # served
                status = TicketStatus.DONE
                begin = call_at + dt.timedelta(seconds=rng.uniform(10, 90))
                finished = begin + dt.timedelta(minutes=self.minutes[code] * rng.uniform(0.5, 1.6))
                ev.append((call_at, "called", desk, None))
                if rng.random() < 0.3:  # most officers finish straight from "called"
                    started = begin
                    ev.append((begin, "serving", desk, None))
                ev.append((finished, "done", desk, None))
            elif roll < 0.98:  # called, recalled, never came
                status = TicketStatus.NO_SHOW
                recalls = 3
                finished = call_at + dt.timedelta(minutes=4)
                ev += [
                    (call_at, "called", desk, None),
                    (finished, "no_show", desk, json.dumps({"after_recalls": 3})),
                ]
            else:  # left before being called
                status = TicketStatus.CANCELLED
                finished = issued + dt.timedelta(minutes=20)
                called = counter = None
                ev.append((finished, "cancelled", None, None))
            tickets.append(
                {
                    "id": tid,
                    "prefix": code,
                    "number": number,
                    "office_day": day,
                    "code": ticket_code(code, number),
                    "service": code,
                    "origin_service": None,
                    "status": status.value,
                    "priority": priority,
                    "issued_at": issued,
                    "called_at": called,
                    "started_at": started,
                    "finished_at": finished,
                    "counter": counter,
                    "recalls": recalls,
                    "people_ahead": ahead,
                    "estimated_wait_seconds": ahead * 240,
                }
            )
            events.extend(
                {"ticket_id": tid, "at": at, "kind": kind, "counter": desk, "detail": detail}
                for at, kind, desk, detail in ev
            )
        sequences.extend(
            {"prefix": code, "office_day": day, "last_number": n} for code, n in last.items()
        )
        return next_id


def load_survey_history(
    engine: Engine, settings: Settings, today: dt.date, total: int, say: Callable[[str], None]
) -> dict[str, Any]:
    """``total`` SKM responses (walk-ups, nine answers each) over the HISTORY_DAYS office
    days before ``today``: the survey tables of a year-old office, for the year's report."""
    if not total:
        return {"survey_responses": 0, "survey_answers": 0, "insert_seconds": 0.0}
    days = _office_days_before(today, HISTORY_DAYS)
    say(f"survey history: loading {total:,} responses over {len(days)} office days")
    started = time.perf_counter()
    rng = random.Random(20_240_102)
    per_day = [0] * len(days)
    for i in rng.choices(range(len(days)), k=total):
        per_day[i] += 1
    maker = SurveyMaker(settings, rng)
    responses = Base.metadata.tables["survey_responses"]
    answers = Base.metadata.tables["survey_answers"]
    with engine.connect() as conn:
        next_id = int(conn.execute(select(func.coalesce(func.max(responses.c.id), 0))).scalar_one())
    next_id += 1
    n_answers = 0
    step = HISTORY_DAYS_PER_TRANSACTION
    for lo in range(0, len(days), step):
        r_rows: list[dict[str, Any]] = []
        a_rows: list[dict[str, Any]] = []
        for day, count in zip(days[lo : lo + step], per_day[lo : lo + step], strict=True):
            for _ in range(count):
                maker.response(day, next_id, None, r_rows, a_rows)
                next_id += 1
        with writer(engine).begin() as conn:
            _bulk_insert(conn, responses, r_rows)
            _bulk_insert(conn, answers, a_rows)
        n_answers += len(a_rows)
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            sync_serial(conn, "survey_responses")
            conn.exec_driver_sql("ANALYZE survey_responses, survey_answers")
    seconds = time.perf_counter() - started
    say(f"survey history: {total:,} responses, {n_answers:,} answers in {seconds:.1f} s")
    return {
        "survey_responses": total,
        "survey_answers": n_answers,
        "insert_seconds": round(seconds, 2),
    }


class SurveyMaker:
    """Rows of one survey response: the response (an anonymous profile, sometimes a
    suggestion) and its nine SKM answers, mostly 3 and 4 as offices report."""

    def __init__(self, settings: Settings, rng: random.Random) -> None:
        self.rng = rng
        self.tz = settings.timezone
        self.codes = [s.code for s in settings.domain_services()]
        self.values, self.weights = zip(*ANSWERS, strict=True)

    def response(
        self,
        day: dt.date,
        response_id: int,
        ticket: dict[str, Any] | None,
        responses: list[dict[str, Any]],
        answers: list[dict[str, Any]],
    ) -> None:
        """A response to ``ticket`` (a ticket row of _HistoryMaker) or a walk-up's."""
        rng = self.rng
        at = (ticket["finished_at"] if ticket else None) or dt.datetime.combine(
            day, dt.time(8), tzinfo=self.tz
        ).astimezone(dt.UTC) + dt.timedelta(seconds=rng.uniform(0, 7 * 3600))
        responses.append(
            {
                "id": response_id,
                "survey": "skm",
                "submitted_at": at + dt.timedelta(minutes=2),
                "office_day": day,
                "ticket_id": ticket["id"] if ticket else None,
                "service": ticket["service"] if ticket else rng.choice(self.codes),
                "counter": ticket["counter"] if ticket else None,
                "gender": rng.choice((*GENDERS, None)),
                "age_band": rng.choice((None, *AGE_BAND_CODES)),
                "education": rng.choice((None, *EDUCATION)),
                "occupation": rng.choice((None, *OCCUPATIONS)),
                "suggestion": f"Saran nomor {response_id}"
                if rng.random() < SUGGESTION_SHARE
                else None,
                "source": "kiosk",
            }
        )
        values = rng.choices(self.values, weights=self.weights, k=len(SKM_CODES))
        answers.extend(
            {
                "response_id": response_id,
                "element": code,
                "value": value,
                "survey": "skm",
                "office_day": day,
            }
            for code, value in zip(SKM_CODES, values, strict=True)
        )
