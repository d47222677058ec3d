"""The audit log's hash chain: each entry carries a digest of itself and of the entry
before, so an entry changed, removed or slipped in afterwards breaks every link from there
on, and ``kiosk audit verify`` names the first one. A chain shows tampering; it does not
stop it (anyone who can rewrite the table can rewrite the chain too): the database's
rights and triggers make the log append-only, the chain makes a breach visible, and a
copy of the head kept elsewhere (a backup, a printout) pins it down.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

#: The link before the first entry.
GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """What a service records of an action: when, what, who, and which ticket or counter,
    why, and any detail. The one shape every audited action is appended in."""

    at: dt.datetime
    action: str
    actor: str | None
    ticket_id: int | None = None
    counter: int | None = None
    reason: str | None = None
    detail: Mapping[str, object] | None = None


@dataclass(frozen=True, slots=True)
class AuditFields:
    """An entry as stored: what its digest covers."""

    at: dt.datetime
    action: str
    actor: str | None
    ticket_id: int | None
    counter: int | None
    reason: str | None
    detail: str | None  # the JSON text exactly as stored


def link(previous: str, entry: AuditFields) -> str:
    """The entry's digest: SHA-256 over the previous digest and the entry's fields."""
    at = entry.at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
    body = json.dumps(
        [previous, at, entry.action, entry.actor, entry.ticket_id, entry.counter,
         entry.reason, entry.detail],
        ensure_ascii=False, separators=(",", ":"),
    )  # fmt: skip
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """The outcome of walking the chain."""

    entries: int
    #: None when every link holds; else the id of the first entry that does not.
    broken_at: int | None = None
    #: What is wrong there, in words.
    problem: str = ""

    @property
    def holds(self) -> bool:
        return self.broken_at is None and not self.problem

    def to_dict(self) -> dict[str, object]:
        return {
            "entries": self.entries,
            "holds": self.holds,
            "broken_at": self.broken_at,
            "problem": self.problem or None,
        }
