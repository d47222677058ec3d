"""The Alembic migrations build exactly the schema the code maps, however the office starts."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from kiosk import Office
from kiosk.config.settings import settings_from_dict
from kiosk.storage import migrate
from kiosk.storage.engine import make_engine
from kiosk.storage.tables import Base
from tests.processes import run_together

TABLES = {
    "alembic_version",
    "services",
    "counters",
    "counter_services",
    "daily_sequences",
    "tickets",
    "ticket_events",
    "audit_log",
}


def test_head_constant_matches_the_migration_scripts() -> None:
    # Office.open trusts HEAD to skip Alembic on an up-to-date database: a new migration
    # that forgets to bump it would never run.
    assert migrate.script_head() == migrate.HEAD


def test_upgraded_schema_matches_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert not migrate.is_current(engine)
        migrate.upgrade(engine)
        assert migrate.is_current(engine)
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.HEAD
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
        migrate.upgrade(engine)  # a second upgrade is a no-op
        assert migrate.is_current(engine)
    finally:
        engine.dispose()


def test_office_open_creates_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "office.db"  # an explicit URL's folder must exist (test_storage_safety)
    url = f"sqlite:///{path}"
    with Office.open(url, settings=settings_from_dict({})) as office:
        assert path.is_file()
        assert office.issue_ticket("A").code == "A-001"
        assert [s.code for s in office.queue.services()] == ["A", "B", "C", "D", "P"]
    engine = make_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) >= TABLES
        assert migrate.is_current(engine)
        with engine.connect() as conn:
            journal = conn.execute(text("PRAGMA journal_mode")).scalar()
        assert journal == "wal"
    finally:
        engine.dispose()


def test_office_open_creates_the_schema_on_either_database(db_url: str) -> None:
    with Office.open(db_url, settings=settings_from_dict({})) as office:
        assert office.queue.tickets_on(office.today()) == 0
        assert [c.number for c in office.queue.counters()] == [1, 2, 3, 4, 5]
    engine = make_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) >= TABLES
        assert migrate.is_current(engine)
    finally:
        engine.dispose()


# -- several windows starting at once on an empty database ---------------------------------
STARTERS = 8


def _open_and_issue(url: str, barrier: Any, results: Any) -> None:
    """Child process: wait for the others, open the office, issue one ticket."""
    try:
        barrier.wait(timeout=60)
        with Office.open(url, settings=settings_from_dict({})) as office:
            results.put(("ok", office.issue_ticket("A").number))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def test_processes_opening_an_empty_database_at_once_all_succeed(db_url: str) -> None:
    outcomes, exitcodes = run_together(_open_and_issue, (db_url,), STARTERS)
    errors = [detail for kind, detail in outcomes if kind == "error"]
    assert errors == [], "\n".join(map(str, errors))
    assert len(outcomes) == STARTERS, f"only {len(outcomes)} of {STARTERS} starters answered"
    assert exitcodes == [0] * STARTERS
    assert sorted(n for _, n in outcomes) == list(range(1, STARTERS + 1))

    with Office.open(db_url, settings=settings_from_dict({})) as office:
        assert [s.code for s in office.queue.services()] == ["A", "B", "C", "D", "P"]
        assert office.queue.tickets_on(office.today()) == STARTERS


def test_migration_0007_s_frozen_age_bands_are_the_bands_of_its_day() -> None:
    """0007 keeps its own copy of the bands (a migration is history); while the bands are
    unchanged the copy must agree with the one definition."""
    import importlib

    from kiosk.survey.definitions import AGE_BANDS

    m = importlib.import_module("kiosk.storage.migrations.versions.0007_survey_age_band")
    assert [(b.code, b.lowest, b.highest) for b in m.AGE_BANDS] == [
        (b.code, b.lowest, b.highest) for b in AGE_BANDS
    ]
