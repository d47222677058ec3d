"""An index for "has this counter called anyone today?" (every call-next asks it): call
events by counter, kind and time.

Without it SQLite walked every "called" event ever recorded (ix_ticket_events_kind_at)
and looked up each one's ticket: with a year of history 80-100 ms inside the write lock
that every counter in the office waits on. With it the question reads today's calls of
one counter only.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_ticket_events_counter_kind_at", "ticket_events", ["counter", "kind", "at"])


def downgrade() -> None:
    op.drop_index("ix_ticket_events_counter_kind_at", table_name="ticket_events")
