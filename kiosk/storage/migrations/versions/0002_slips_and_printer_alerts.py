"""Slips: whether each ticket's slip printed, printer alerts, the office's signing secret.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.storage.tables import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("slip_state", sa.String(16), nullable=True))
        batch.add_column(sa.Column("slip_error", sa.Text(), nullable=True))
    op.create_table(
        "office_settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_office_settings"),
    )
    op.create_table(
        "printer_alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("source", sa.String(60), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("resolved_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_printer_alerts"),
    )
    op.create_index("ix_printer_alerts_open", "printer_alerts", ["resolved_at", "source"])


def downgrade() -> None:
    op.drop_index("ix_printer_alerts_open", table_name="printer_alerts")
    op.drop_table("printer_alerts")
    op.drop_table("office_settings")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("slip_error")
        batch.drop_column("slip_state")
