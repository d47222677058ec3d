"""Survey responses and their answers, stored by element code.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kiosk.storage.tables import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("survey", sa.String(16), nullable=False),
        sa.Column("submitted_at", UtcDateTime(), nullable=False),
        sa.Column("office_day", sa.Date(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("service", sa.String(8), nullable=True),
        sa.Column("counter", sa.Integer(), nullable=True),
        sa.Column("gender", sa.String(1), nullable=True),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("education", sa.String(16), nullable=True),
        sa.Column("occupation", sa.String(16), nullable=True),
        sa.Column("suggestion", sa.Text(), nullable=True),
        sa.Column("source", sa.String(8), nullable=False),
        sa.CheckConstraint(
            "source IN ('kiosk', 'paper', 'cli')", name="ck_survey_responses_source"
        ),
        sa.CheckConstraint(
            "gender IS NULL OR gender IN ('L', 'P')", name="ck_survey_responses_gender"
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name="fk_survey_responses_ticket_id_tickets",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_survey_responses"),
        sa.UniqueConstraint("survey", "ticket_id", name="uq_survey_responses_survey_ticket_id"),
    )
    op.create_index("ix_survey_responses_day", "survey_responses", ["survey", "office_day"])
    op.create_index(
        "ix_survey_responses_service", "survey_responses", ["survey", "service", "office_day"]
    )
    op.create_index(
        "ix_survey_responses_counter", "survey_responses", ["survey", "counter", "office_day"]
    )
    op.create_table(
        "survey_answers",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("element", sa.String(8), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("survey", sa.String(16), nullable=False),
        sa.Column("office_day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_responses.id"],
            name="fk_survey_answers_response_id_survey_responses",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", "element", name="pk_survey_answers"),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_survey_answers_totals",
        "survey_answers",
        ["survey", "element", "office_day", "value"],
    )


def downgrade() -> None:
    op.drop_index("ix_survey_answers_totals", table_name="survey_answers")
    op.drop_table("survey_answers")
    op.drop_index("ix_survey_responses_counter", table_name="survey_responses")
    op.drop_index("ix_survey_responses_service", table_name="survey_responses")
    op.drop_index("ix_survey_responses_day", table_name="survey_responses")
    op.drop_table("survey_responses")
