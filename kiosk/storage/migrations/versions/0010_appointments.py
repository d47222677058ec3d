"""Appointments (M-Paspor bookings) and the days whose list was imported.

- appointments: a booking code as printed, its office day and slot (office-local HH:MM),
  the service, an optional line; no names or NIK. ``ticket_id`` (unique) is the ticket
  its check-in got, so a ticket is an appointment's when a row holds it and the tickets
  table is unchanged.
- appointment_days: the days a list was imported for (without one, ``[appointments]
  verify`` decides whether a code's format is enough).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.storage.tables import UtcDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("office_day", sa.Date(), nullable=False),
        sa.Column("slot", sa.String(5), nullable=False),
        sa.Column("slot_end", sa.String(5), nullable=True),
        sa.Column("service", sa.String(8), nullable=False),
        sa.Column("category", sa.String(32), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("cancelled_at", UtcDateTime(), nullable=True),
        sa.Column("imported_at", UtcDateTime(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("checked_in_at", UtcDateTime(), nullable=True),
        sa.Column("arrival", sa.String(16), nullable=True),
        sa.CheckConstraint(
            "arrival IS NULL OR arrival IN ('in_window', 'late_walk_in', 'unverified')",
            name="ck_appointments_arrival",
        ),
        sa.ForeignKeyConstraint(
            ["service"], ["services.code"], name="fk_appointments_service_services"
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_appointments_ticket_id_tickets"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_appointments"),
        sa.UniqueConstraint("office_day", "code", name="uq_appointments_office_day_code"),
        sa.UniqueConstraint("ticket_id", name="uq_appointments_ticket_id"),
    )
    op.create_index("ix_appointments_code", "appointments", ["code"])
    op.create_table(
        "appointment_days",
        sa.Column("office_day", sa.Date(), nullable=False),
        sa.Column("imported_at", UtcDateTime(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("office_day", name="pk_appointment_days"),
    )


def downgrade() -> None:
    op.drop_table("appointment_days")
    op.drop_index("ix_appointments_code", table_name="appointments")
    op.drop_table("appointments")
