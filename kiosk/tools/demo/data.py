"""A realistic day of tickets for demos: arrivals, counters at work, a live queue at the end.

The day is simulated through the real services with a simulated clock, so the demo data
obeys every rule the product does (numbering, call order, recall limit, transfers).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from kiosk.domain.errors import KioskError
from kiosk.domain.model import Ticket, TicketStatus
from kiosk.domain.staff import Role, StaffSession
from kiosk.office import Office

STEP = dt.timedelta(seconds=30)
#: When the demo's office day starts, office time (Kanim service hours begin at 08.00).
OPENS = dt.time(8, 0)
#: The least a demo day lasts (played faster when less of today has passed).
SHORTEST_DAY = dt.timedelta(hours=2)
#: Share of arrivals per service position (first service busiest), then the rest alike.
WEIGHTS = (0.34, 0.22, 0.24, 0.10, 0.10)
#: Visitors per hour by the hour they arrive: a rush when the doors open, the midday break,
#: a smaller peak after it, fewer towards closing; about 400 a day, a large office (five
#: counters serve about 60 an hour, so the morning rush builds a queue).
ARRIVALS_BY_HOUR = {8: 74.0, 9: 70.0, 10: 60.0, 11: 50.0, 12: 24.0, 13: 46.0, 14: 40.0, 15: 28.0}
#: After 16.00 a trickle, so a demo run in the evening still opens on a live queue.
EVENING_ARRIVALS = 14.0
#: The last stretch before now gets at least LIVE_QUEUE_ARRIVALS an hour (more than the
#: counters serve), so the demo opens on a live queue at any hour.
LIVE_QUEUE_STRETCH = dt.timedelta(minutes=20)
LIVE_QUEUE_ARRIVALS = 100.0
PRIORITY_SHARE = 0.08
NO_SHOW_SHARE = 0.05
TRANSFER_SHARE = 0.03
#: Share of served applicants who answer the survey at the kiosk afterwards.
SURVEY_SHARE = 0.35
#: Answers lean satisfied, as offices' real results do: mostly 3 and 4, some 2.
ANSWER_WEIGHTS = ((1, 0.01), (2, 0.07), (3, 0.47), (4, 0.45))
SUGGESTIONS = (
    "Pelayanan cepat dan petugas ramah, terima kasih.",
    "Mohon tambah kursi di ruang tunggu.",
    "Antrean pagi terlalu panjang, loket bisa dibuka lebih awal.",
    "Informasi persyaratan di website perlu diperjelas.",
    "AC ruang tunggu kurang dingin.",
    "Petugas sangat membantu untuk lansia.",
    "Sediakan tempat parkir yang lebih luas.",
)


@dataclass
class DemoSummary:
    office_day: dt.date
    issued: int = 0
    served: int = 0
    no_shows: int = 0
    transferred: int = 0
    surveys: int = 0
    waiting_at_end: int = 0
    skipped: bool = False
    existing: int = 0
    per_service: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "office_day": self.office_day.isoformat(),
            "issued": self.issued,
            "served": self.served,
            "no_shows": self.no_shows,
            "transferred": self.transferred,
            "surveys": self.surveys,
            "waiting_at_end": self.waiting_at_end,
            "skipped": self.skipped,
            "existing": self.existing,
            "per_service": self.per_service,
        }

    def describe(self) -> str:
        if self.skipped:
            return (
                f"{self.office_day}: the database already has {self.existing} tickets for today; "
                "nothing added (use --force to add a day's worth anyway)"
            )
        per = ", ".join(f"{k} {v}" for k, v in self.per_service.items())
        return (
            f"{self.office_day}: issued {self.issued} tickets ({per}); served {self.served}, "
            f"no-show {self.no_shows}, transferred {self.transferred}; "
            f"{self.surveys} survey responses; {self.waiting_at_end} waiting now"
        )


class _SimClock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class _Desk:
    number: int
    busy_until: dt.datetime
    ticket: Ticket | None = None
    outcome: str = "done"


def _window(now: dt.datetime, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The office day from 08:00 until now; before 10:00 (or just after midnight) the two
    hours before now, never across local midnight, played as the day's first two hours."""
    local = now.astimezone(tz)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    opening = local.replace(hour=OPENS.hour, minute=OPENS.minute, second=0, microsecond=0)
    start = opening if local - opening >= SHORTEST_DAY else local - SHORTEST_DAY
    start = max(start, midnight + dt.timedelta(minutes=1))
    return start.astimezone(dt.UTC), now


def arrivals_per_hour(hour: float) -> float:
    """Visitors an hour at ``hour`` of the office day (8.5 = 08.30), from ARRIVALS_BY_HOUR."""
    base = ARRIVALS_BY_HOUR.get(int(hour), EVENING_ARRIVALS)
    return base if hour >= OPENS.hour else EVENING_ARRIVALS


def fill_demo_day(
    office: Office,
    *,
    force: bool = False,
    seed: int | None = None,
    now: dt.datetime | None = None,
) -> DemoSummary:
    """Simulate today from 08.00 until now (or ``now``) in ``office``'s database."""
    tz = office.settings.timezone
    real_now = now or dt.datetime.now(dt.UTC)
    day = real_now.astimezone(tz).date()
    summary = DemoSummary(office_day=day)
    existing = office.queue.tickets_on(day)
    if existing and not force:
        summary.skipped, summary.existing = True, existing
        return summary

    start, end = _window(real_now, tz)
    clock = _SimClock(start)
    sim = Office.open(office.url, settings=office.settings, clock=clock, upgrade=False)
    rng = random.Random(seed)
    try:
        services = [s for s in sim.queue.services() if s.active]
        minutes = {s.code: s.default_service_minutes for s in services}
        weights = [WEIGHTS[i] if i < len(WEIGHTS) else 0.08 for i in range(len(services))]
        total = sum(weights)
        priorities = [p.code for p in office.settings.priority]
        desks = [_Desk(c.number, start) for c in sim.queue.counters()]
        span = (end - start).total_seconds()
        # Just after midnight the day so far is minutes long: the shortest demo day's
        # visitors and services are then played faster, so the demo (and the tests built on
        # it) shows a day's worth whatever the hour it runs.
        pace = max(1.0, SHORTEST_DAY.total_seconds() / max(span, 1))
        opens = OPENS.hour + OPENS.minute / 60
        while clock.now < end:
            # The hour of the office day this step plays: the clock's own hour from 08.00,
            # or on a short day (before 10.00) the matching moment of 08.00-10.00.
            hour = opens + (clock.now - start).total_seconds() * pace / 3600
            rate = arrivals_per_hour(hour)
            if end - clock.now <= LIVE_QUEUE_STRETCH / pace:
                rate = max(rate * 1.5, LIVE_QUEUE_ARRIVALS)
            for _ in range(_poisson(rng, pace * rate * STEP.total_seconds() / 3600)):
                service = rng.choices(services, [w / total for w in weights])[0]
                prio = (
                    rng.choice(priorities) if priorities and rng.random() < PRIORITY_SHARE else None
                )
                try:
                    ticket = sim.issue_ticket(service.code, priority=prio)
                except KioskError:
                    continue  # closed or quota used up: the kiosk would have said so
                summary.issued += 1
                summary.per_service[ticket.service] = summary.per_service.get(ticket.service, 0) + 1
            for desk in desks:
                _work(sim, desk, clock.now, rng, minutes, summary, pace)
            clock.now += STEP
        summary.waiting_at_end = sum(q.waiting for q in sim.queue.status().services)
    finally:
        sim.close()
    return summary


def _work(
    sim: Office,
    desk: _Desk,
    now: dt.datetime,
    rng: random.Random,
    minutes: dict[str, float],
    summary: DemoSummary,
    pace: float = 1.0,
) -> None:
    if desk.busy_until > now:
        return
    if desk.ticket is not None:
        t = desk.ticket
        if desk.outcome == "no_show":
            for _ in range(sim.settings.queue.recall_limit + 1):
                t = sim.queue.recall(t.id)
            summary.no_shows += t.status is TicketStatus.NO_SHOW
        elif desk.outcome == "transfer":
            others = [s for s in sim.queue.services() if s.active and s.code != t.service]
            if others:
                sim.queue.transfer(t.id, rng.choice(others).code, actor="demo")
                summary.transferred += 1
        else:
            sim.finish(t.id)
            summary.served += 1
            if "skm" in sim.settings.survey.enabled and rng.random() < SURVEY_SHARE:
                _answer_survey(sim, t, rng)
                summary.surveys += 1
        desk.ticket = None
    called = sim.call_next(desk.number, actor="demo")
    if called is None:
        desk.busy_until = now + STEP
        return
    roll = rng.random()
    desk.ticket = called
    if roll < NO_SHOW_SHARE:
        desk.outcome, wait_s = "no_show", 150.0
    elif roll < NO_SHOW_SHARE + TRANSFER_SHARE and not called.origin_service:
        desk.outcome, wait_s = "transfer", 90.0
    else:
        desk.outcome = "done"
        mean = minutes.get(called.service, 5.0) * 60
        wait_s = max(45.0, rng.lognormvariate(math.log(mean), 0.35))
    if desk.outcome == "done":
        sim.queue.start(called.id)
    desk.busy_until = now + dt.timedelta(seconds=wait_s / pace)


def _answer_survey(sim: Office, ticket: Ticket, rng: random.Random) -> None:
    """A respondent at the kiosk right after being served: mostly satisfied, now and then
    an element skipped, a profile more often than not, a suggestion now and then."""
    values, weights = zip(*ANSWER_WEIGHTS, strict=True)
    mood = rng.choice((-1, 0, 0, 0, 1))  # some visitors are happier than others
    answers: dict[str, object] = {}
    for element in sim.survey.definition("skm").elements:
        if rng.random() < 0.03:
            continue  # skipped
        value = rng.choices(values, weights)[0] + (mood if rng.random() < 0.3 else 0)
        answers[element.code] = min(4, max(1, value))
    profile: dict[str, object] | None = None
    if rng.random() < 0.8:
        profile = {
            "gender": rng.choice("LP"),
            "age": max(17, min(80, int(rng.gauss(36, 12)))),
            "education": rng.choices(
                ("SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3"), (3, 6, 38, 12, 32, 8, 1)
            )[0],
            "occupation": rng.choices(
                ("PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya"), (10, 3, 3, 40, 24, 20)
            )[0],
        }
    suggestion = rng.choice(SUGGESTIONS) if rng.random() < 0.12 else None
    sim.submit_survey(answers, profile, ticket=ticket.id, source="kiosk", suggestion=suggestion)


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method: fine for the small rates of one 30-second step.
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


#: The demo's staff: (username, name, role, PIN). A demo database only, never an office's.
DEMO_STAFF = (
    ("petugas", "Petugas Demo", "officer", "123456"),
    ("kasubsi", "Kasubsi Demo", "supervisor", "246810"),
    ("admin", "Admin Demo", "admin", "135790"),
)
DEMO_OFFICER = DEMO_STAFF[0]


@contextmanager
def demo_admin(office: Office) -> Iterator[StaffSession]:
    """The demo admin signed in (the demo accounts made first if need be), for what a
    demo or a screenshot does as an admin: set the logo, add an account."""
    ensure_demo_staff(office)
    username, _, _, pin = next(s for s in DEMO_STAFF if s[2] == "admin")
    session = office.staff.sign_in(
        username, pin, allowed=frozenset(Role(r) for r in ["admin"]), where="demo"
    )
    try:
        yield session
    finally:
        office.staff.sign_out(session)


#: The demo kiosk's exit PIN (the demo database's only; an office sets its own).
DEMO_EXIT_PIN = "246810"


def ensure_demo_staff(office: Office) -> list[str]:
    """The demo accounts, added once as an office would: the admin first (the first admin
    needs no one to sign in), then the others by that admin; the usernames added now. The
    demo kiosk's exit PIN too, if the demo office has none."""
    known = {a.username for a in office.staff.accounts()}
    admin = next(s for s in DEMO_STAFF if s[2] == "admin")
    added = []
    if admin[0] not in known:
        office.staff.add(admin[0], admin[1], Role(admin[2]), admin[3], session=None)
        added.append(admin[0])
    missing = [s for s in DEMO_STAFF if s[0] not in known and s is not admin]
    if missing or not office.kiosk_exit.is_set():
        session = office.staff.sign_in(
            admin[0], admin[3], allowed=frozenset(Role(r) for r in ["admin"]), where="demo"
        )
        try:
            for username, name, role, pin in missing:
                office.staff.add(username, name, Role(role), pin, session=session)
                added.append(username)
            if not office.kiosk_exit.is_set():
                office.kiosk_exit.set_pin(DEMO_EXIT_PIN, session=session)
        finally:
            office.staff.sign_out(session)
    return added
