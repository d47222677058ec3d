"""Trust: sign-in lockout per staff account, and the kiosk a walk-up survey came from.

- staff: wrong PINs in a row, lockouts in the streak, locked until (domain.staff.SignInGuard)
- staff_sessions: a sign-in that privileged actions present (the token's hash only)
- survey_responses.station: the kiosk of a walk-up response, indexed with the time, so a
  kiosk's walk-ups are spaced out in the database rather than in a window's memory
- the kiosk's exit PIN leaves the settings a supervisor saved (where it stood in clear,
  and so in every backup): it is kept only as its scrypt hash, under its own key
- the audit log becomes hash-chained (audit_log.chain, the head in office_settings; the
  entries so far are chained in id order) and append-only: triggers refuse UPDATE and
  DELETE (and TRUNCATE on PostgreSQL) for every role, the owner's included

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from kiosk.domain.audit import GENESIS, AuditFields, link
from kiosk.domain.staff import hash_secret
from kiosk.storage.tables import UtcDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added columns only: SQLite adds them in place (no table copy under the foreign keys).
    op.add_column(
        "staff", sa.Column("failed_sign_ins", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("staff", sa.Column("lockouts", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("staff", sa.Column("locked_until", UtcDateTime(), nullable=True))
    op.add_column("survey_responses", sa.Column("station", sa.String(40), nullable=True))
    op.create_index("ix_survey_responses_station", "survey_responses", ["station", "submitted_at"])
    _exit_pin_out_of_the_settings()
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(80), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("ended_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name="fk_staff_sessions_staff_id_staff"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_staff_sessions"),
        sa.UniqueConstraint("token_hash", name="uq_staff_sessions_token_hash"),
    )
    op.add_column("audit_log", sa.Column("chain", sa.String(64), nullable=True))
    _chain_the_audit_log()
    _append_only(op.get_bind().dialect.name)


_audit = sa.table(
    "audit_log",
    sa.column("id", sa.Integer()),
    sa.column("at", UtcDateTime()),
    sa.column("action", sa.String()),
    sa.column("actor", sa.String()),
    sa.column("ticket_id", sa.Integer()),
    sa.column("counter", sa.Integer()),
    sa.column("reason", sa.Text()),
    sa.column("detail", sa.Text()),
    sa.column("chain", sa.String()),
)
AUDIT_HEAD_KEY = "audit.head"  # as storage.audit names it (frozen here)


def _chain_the_audit_log() -> None:
    bind = op.get_bind()
    previous, last_id = GENESIS, None
    rows = bind.execute(sa.select(_audit).order_by(_audit.c.id)).all()
    for row in rows:
        fields = AuditFields(
            row.at, row.action, row.actor, row.ticket_id, row.counter, row.reason, row.detail
        )
        previous, last_id = link(previous, fields), row.id
        bind.execute(_audit.update().where(_audit.c.id == row.id).values(chain=previous))
    bind.execute(
        _settings.insert().values(
            key=AUDIT_HEAD_KEY, value=json.dumps({"id": last_id, "chain": previous})
        )
    )


#: The shared server's roles (packaging/postgresql/setup.sql), where they exist: the PCs'
#: role may only append to the audit log and only record wrong PINs of staff accounts.
_PG_RIGHTS = """
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'kiosk_app') THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM kiosk_app;
        REVOKE INSERT, UPDATE, DELETE ON staff FROM kiosk_app;
        GRANT UPDATE (failed_sign_ins, lockouts, locked_until) ON staff TO kiosk_app;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'kiosk_admin') THEN
        GRANT INSERT, UPDATE ON staff TO kiosk_admin;
    END IF;
END
$$
"""


def _append_only(dialect: str) -> None:
    if dialect == "postgresql":
        op.execute(_PG_RIGHTS)
        op.execute(
            "CREATE FUNCTION kiosk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only: entries are never changed "
            "or removed'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION kiosk_audit_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION kiosk_audit_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries are never changed "
            "or removed'); END"
        )


_settings = sa.table("office_settings", sa.column("key", sa.String()), sa.column("value"))
OVERRIDES_KEY = "settings.overrides"  # as services.office_settings names them (frozen here)
EXIT_PIN_KEY = "kiosk.exit_pin"


def _exit_pin_out_of_the_settings() -> None:
    bind = op.get_bind()
    text = bind.execute(
        sa.select(_settings.c.value).where(_settings.c.key == OVERRIDES_KEY)
    ).scalar()
    if not text:
        return
    overrides = json.loads(text)
    kiosk = overrides.get("kiosk")
    if not isinstance(kiosk, dict) or "supervisor_pin" not in kiosk:
        return
    pin = str(kiosk.pop("supervisor_pin"))
    bind.execute(
        _settings.update()
        .where(_settings.c.key == OVERRIDES_KEY)
        .values(value=json.dumps(overrides, ensure_ascii=False))
    )
    has_pin = bind.execute(
        sa.select(_settings.c.key).where(_settings.c.key == EXIT_PIN_KEY)
    ).first()
    if not has_pin:  # the office keeps the PIN it chose, now as a hash only
        bind.execute(_settings.insert().values(key=EXIT_PIN_KEY, value=hash_secret(pin)))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION kiosk_audit_append_only()")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_delete")
    op.execute(_settings.delete().where(_settings.c.key == AUDIT_HEAD_KEY))
    op.drop_column("audit_log", "chain")
    op.drop_table("staff_sessions")
    op.drop_index("ix_survey_responses_station", table_name="survey_responses")
    op.drop_column("survey_responses", "station")
    op.drop_column("staff", "locked_until")
    op.drop_column("staff", "lockouts")
    op.drop_column("staff", "failed_sign_ins")
