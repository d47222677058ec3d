"""Bring the services and counters tables in line with the configuration.

Opening an Office reads first and writes only when something differs, so a dozen windows
starting together do not queue for the write lock. Rows are never deleted (old tickets
name them): a service or counter dropped from the file is marked inactive.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, delete, select, text
from sqlalchemy.orm import Session

from kiosk.domain.model import Counter, Service
from kiosk.storage.engine import writer
from kiosk.storage.rows import hours_to_json
from kiosk.storage.tables import CounterRow, CounterServiceRow, ServiceRow

#: PostgreSQL advisory lock serialising catalog syncs ("kiosk" + 1; migrate uses "kiosk").
_PG_LOCK = 0x6B696F736B + 1

_Snapshot = tuple[dict[str, tuple[Any, ...]], dict[int, tuple[Any, ...]]]


def _wanted(services: Sequence[Service], counters: Sequence[Counter]) -> _Snapshot:
    svc = {
        s.code: (
            s.name_id,
            s.name_en,
            hours_to_json(s.hours),
            s.daily_quota,
            s.active,
            s.default_service_minutes,
            i,
        )
        for i, s in enumerate(services)
    }
    desks = {c.number: (c.name, True, tuple(sorted(c.services))) for c in counters}
    return svc, desks


def _present(session: Session) -> _Snapshot:
    svc = {
        r.code: (
            r.name_id,
            r.name_en,
            r.hours,
            r.daily_quota,
            r.active,
            r.default_service_minutes,
            r.position,
        )
        for r in session.scalars(select(ServiceRow))
    }
    links: dict[int, list[str]] = {}
    for counter, service in session.execute(
        select(CounterServiceRow.counter, CounterServiceRow.service)
    ):
        links.setdefault(counter, []).append(service)
    desks = {
        r.number: (r.name, r.active, tuple(sorted(links.get(r.number, ()))))
        for r in session.scalars(select(CounterRow))
    }
    return svc, desks


def _differs(wanted: _Snapshot, present: _Snapshot) -> bool:
    svc_w, desk_w = wanted
    svc_p, desk_p = present
    if any(svc_p.get(k) != v for k, v in svc_w.items()):
        return True
    if any(v[4] for k, v in svc_p.items() if k not in svc_w):  # still active, but dropped
        return True
    if any(desk_p.get(k) != v for k, v in desk_w.items()):
        return True
    return any(v[1] for k, v in desk_p.items() if k not in desk_w)


def sync_catalog(engine: Engine, services: Sequence[Service], counters: Sequence[Counter]) -> bool:
    """Write the configured services and counters; True if anything changed."""
    wanted = _wanted(services, counters)
    with Session(engine) as session:
        if not _differs(wanted, _present(session)):
            return False
    with Session(writer(engine)) as session, session.begin():
        if engine.dialect.name == "postgresql":
            # SQLite's BEGIN IMMEDIATE serialises writers; PostgreSQL needs a lock, or two
            # starters both insert the same new service and one fails on its primary key.
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        if not _differs(wanted, _present(session)):
            return False  # another process synced while we waited
        for old_service in session.scalars(select(ServiceRow)):
            old_service.active = False
        for old_counter in session.scalars(select(CounterRow)):
            old_counter.active = False
        for i, s in enumerate(services):
            row = session.get(ServiceRow, s.code) or ServiceRow(code=s.code)
            row.name_id, row.name_en = s.name_id, s.name_en
            row.hours = hours_to_json(s.hours)
            row.daily_quota, row.active = s.daily_quota, s.active
            row.default_service_minutes, row.position = s.default_service_minutes, i
            session.add(row)
        session.flush()
        for c in counters:
            desk = session.get(CounterRow, c.number) or CounterRow(
                number=c.number, paused=False, regular_since_priority=0
            )
            desk.name, desk.active = c.name, True
            session.add(desk)
        session.flush()
        session.execute(delete(CounterServiceRow))
        session.add_all(
            CounterServiceRow(counter=c.number, service=code)
            for c in counters
            for code in c.services
        )
    return True
