"""The audit log, append-only and hash-chained (kiosk.domain.audit).

Every entry goes through ``append``: it locks the chain's head (a row of office_settings,
``FOR UPDATE`` on PostgreSQL; SQLite's writers hold the database's write lock already), so
two PCs writing at once still make one chain, not a fork. Triggers made by migration 0008
refuse UPDATE and DELETE on the table for everyone, the owner included.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from kiosk.domain.audit import GENESIS, AuditCheck, AuditFields, AuditRecord, link
from kiosk.storage.rows import json_text
from kiosk.storage.tables import AuditRow, OfficeSettingRow

#: office_settings key of the chain's head: {"id": last entry's id, "chain": its digest}.
HEAD_KEY = "audit.head"
_A = cast(Table, AuditRow.__table__)
_S = cast(Table, OfficeSettingRow.__table__)
#: Entries read per round trip while verifying (a year of a busy office: ~100,000).
_BATCH = 2_000


class SqlAuditLog:
    """Implements services.ports.AuditLog."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def append(self, record: AuditRecord) -> None:
        r = record
        fields = AuditFields(
            r.at, r.action, r.actor, r.ticket_id, r.counter, r.reason, json_text(r.detail)
        )
        head = self.session.execute(
            select(_S.c.value).where(_S.c.key == HEAD_KEY).with_for_update()
        ).scalar()
        previous = json.loads(head)["chain"] if head else GENESIS
        chain = link(previous, fields)
        new_id = self.session.execute(
            insert(_A).values(**asdict(fields), chain=chain).returning(_A.c.id)
        ).scalar_one()
        value = json.dumps({"id": new_id, "chain": chain})
        if head is None:
            self.session.execute(insert(_S).values(key=HEAD_KEY, value=value))
        else:
            self.session.execute(update(_S).where(_S.c.key == HEAD_KEY).values(value=value))

    def verify(self) -> AuditCheck:
        """Walk the chain from the first entry; the first link that does not hold."""
        head_text = self.session.execute(select(_S.c.value).where(_S.c.key == HEAD_KEY)).scalar()
        head = json.loads(head_text) if head_text else {"id": None, "chain": GENESIS}
        previous, last_id, count, after = GENESIS, None, 0, 0
        while True:
            rows = self.session.execute(
                select(_A).where(_A.c.id > after).order_by(_A.c.id).limit(_BATCH)
            ).all()
            if not rows:
                break
            for row in rows:
                fields = AuditFields(
                    row.at, row.action, row.actor, row.ticket_id, row.counter, row.reason,
                    row.detail,
                )  # fmt: skip
                expected = link(previous, fields)
                if row.chain != expected:
                    return AuditCheck(
                        count,
                        row.id,
                        f"entry {row.id} ({row.action}) does not follow from the one before "
                        "it: it, or one before it, was changed, removed or inserted later",
                    )
                previous, last_id, count = expected, row.id, count + 1
            after = rows[-1].id
        if head["chain"] != previous or head["id"] != last_id:
            return AuditCheck(
                count,
                None,
                f"the log ends at entry {last_id} but its head names entry {head['id']}: "
                "the newest entries were removed or the head was changed",
            )
        return AuditCheck(count)
