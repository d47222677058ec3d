"""The survey keeps the age band the respondent chose ("30-39"), not an age.

Until now the kiosk stored the middle of the band tapped (30-39 -> 35) and a paper form's
exact age was stored as typed. Each stored age becomes the code of its band, so old rows
read as the new ones; the profile index is rebuilt on the new column. The bands are a
frozen copy of ``kiosk.survey.definitions.AGE_BANDS`` as they were at this revision (a
migration is history: a later change of the bands must not change what this one did; a
test checks the copy against the definition while they agree).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from typing import NamedTuple

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


class _Band(NamedTuple):
    code: str
    lowest: int
    highest: int


AGE_BANDS = (
    _Band("<20", 10, 19),
    _Band("20-29", 20, 29),
    _Band("30-39", 30, 39),
    _Band("40-49", 40, 49),
    _Band("50-59", 50, 59),
    _Band(">=60", 60, 120),
)
AGE_BAND_CODES = tuple(b.code for b in AGE_BANDS)

TABLE = "survey_responses"
INDEX = "ix_survey_responses_profile"
CHECK = "ck_survey_responses_age_band"
BEFORE = ["survey", "gender", "age", "education", "occupation", "service", "office_day", "counter"]
AFTER = ["age_band" if c == "age" else c for c in BEFORE]

_rows = sa.table(TABLE, sa.column("age", sa.Integer()), sa.column("age_band", sa.String(8)))


def upgrade() -> None:
    op.add_column(TABLE, sa.Column("age_band", sa.String(8), nullable=True))
    # An age below the youngest band's floor cannot have been stored (it was refused), but
    # if one was, it belongs to the youngest band rather than to none.
    band = sa.case(
        *((_rows.c.age <= b.highest, b.code) for b in AGE_BANDS[:-1]),
        else_=AGE_BANDS[-1].code,
    )
    op.execute(_rows.update().where(_rows.c.age.is_not(None)).values(age_band=band))
    op.drop_index(INDEX, table_name=TABLE)
    # SQLite 3.35+ drops a column in place (no table copy, so the answers' ON DELETE
    # CASCADE foreign key never sees the table go).
    op.drop_column(TABLE, "age")
    op.create_index(INDEX, TABLE, AFTER)
    if op.get_bind().dialect.name == "postgresql":
        # SQLite cannot add a CHECK to an existing table without copying it; the code
        # checks the band before it writes (survey.responses.clean_profile).
        codes = ", ".join(f"'{c}'" for c in AGE_BAND_CODES)
        op.create_check_constraint(CHECK, TABLE, f"age_band IS NULL OR age_band IN ({codes})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(CHECK, TABLE, type_="check")
    op.drop_index(INDEX, table_name=TABLE)
    op.add_column(TABLE, sa.Column("age", sa.Integer(), nullable=True))
    # Back to one age per band, the middle as the kiosk stored it (an exact age is lost).
    middle = sa.case(
        *((_rows.c.age_band == b.code, _middle(b.lowest, b.highest)) for b in AGE_BANDS),
        else_=None,
    )
    op.execute(_rows.update().where(_rows.c.age_band.is_not(None)).values(age=middle))
    op.drop_column(TABLE, "age_band")
    op.create_index(INDEX, TABLE, BEFORE)


def _middle(lowest: int, highest: int) -> int:
    # The open-ended bands' ages as the kiosk stored them before: <20 -> 18, >=60 -> 65.
    if lowest == AGE_BANDS[0].lowest:
        return highest - 1
    if highest == AGE_BANDS[-1].highest:
        return lowest + 5
    return (lowest + highest + 1) // 2
