"""Queue core: services, counters, daily sequences, tickets, their events, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.storage.tables import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "services",
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("name_id", sa.String(120), nullable=False),
        sa.Column("name_en", sa.String(120), nullable=False),
        sa.Column("hours", sa.Text(), nullable=True),
        sa.Column("daily_quota", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("default_service_minutes", sa.Float(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_services"),
    )
    op.create_table(
        "counters",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("regular_since_priority", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("number", name="pk_counters"),
    )
    op.create_table(
        "counter_services",
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(8), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter"],
            ["counters.number"],
            name="fk_counter_services_counter_counters",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service"],
            ["services.code"],
            name="fk_counter_services_service_services",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("counter", "service", name="pk_counter_services"),
    )
    op.create_table(
        "daily_sequences",
        sa.Column("prefix", sa.String(8), nullable=False),
        sa.Column("office_day", sa.Date(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", "office_day", name="pk_daily_sequences"),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("prefix", sa.String(8), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("office_day", sa.Date(), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("service", sa.String(8), nullable=False),
        sa.Column("origin_service", sa.String(8), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("priority", sa.String(32), nullable=True),
        sa.Column("issued_at", UtcDateTime(), nullable=False),
        sa.Column("called_at", UtcDateTime(), nullable=True),
        sa.Column("started_at", UtcDateTime(), nullable=True),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.Column("counter", sa.Integer(), nullable=True),
        sa.Column("recalls", sa.Integer(), nullable=False),
        sa.Column("people_ahead", sa.Integer(), nullable=True),
        sa.Column("estimated_wait_seconds", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', "
            "'transferred')",
            name="ck_tickets_status",
        ),
        sa.ForeignKeyConstraint(["service"], ["services.code"], name="fk_tickets_service_services"),
        sa.PrimaryKeyConstraint("id", name="pk_tickets"),
        sa.UniqueConstraint(
            "prefix", "office_day", "number", name="uq_tickets_prefix_office_day_number"
        ),
    )
    op.create_index("ix_tickets_queue", "tickets", ["office_day", "status", "service", "issued_at"])
    op.create_index("ix_tickets_counter", "tickets", ["office_day", "counter", "status"])
    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name="fk_ticket_events_ticket_id_tickets",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_events"),
    )
    op.create_index("ix_ticket_events_ticket", "ticket_events", ["ticket_id", "id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(80), nullable=True),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("counter", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name="fk_audit_log_ticket_id_tickets",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("ticket_events")
    op.drop_table("tickets")
    op.drop_table("daily_sequences")
    op.drop_table("counter_services")
    op.drop_table("counters")
    op.drop_table("services")
