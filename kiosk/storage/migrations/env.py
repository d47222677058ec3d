"""Alembic environment: always driven from kiosk.storage.migrate with a live connection."""

from __future__ import annotations

from alembic import context

from kiosk.storage.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    transactional_ddl=True,
)
context.run_migrations()
