"""A covering index for the respondents' profile over a period (the admin window's survey
tab groups a year of responses by gender, age, education, occupation and service), ordered
by those columns so SQLite groups while it walks the index instead of sorting.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = [
    "survey", "gender", "age", "education", "occupation", "service", "office_day", "counter",
]  # fmt: skip


def upgrade() -> None:
    op.create_index("ix_survey_responses_profile", "survey_responses", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_survey_responses_profile", table_name="survey_responses")
