"""The SQL statements an action really sends, caught by SQLAlchemy's execute hook.

Shared by the statement-count and query-plan tests, so both judge what the queue runs
rather than copies of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event

#: Transaction control and the change notification: not the action's own work.
_BOOKKEEPING = re.compile(
    r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE\s+SAVEPOINT|SELECT\s+pg_notify)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: Any
    many: bool

    @property
    def bookkeeping(self) -> bool:
        return bool(_BOOKKEEPING.match(self.sql))


@contextmanager
def captured() -> Iterator[list[Statement]]:
    """Every statement any engine sends to its driver inside the block, in order."""
    seen: list[Statement] = []

    def hook(conn: Any, cursor: Any, sql: str, parameters: Any, context: Any, many: bool) -> None:
        seen.append(Statement(sql, parameters, many))

    event.listen(Engine, "before_cursor_execute", hook)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", hook)


def work(statements: Sequence[Statement]) -> list[Statement]:
    """The statements that do the action's work (no BEGIN, COMMIT, savepoints, NOTIFY)."""
    return [s for s in statements if not s.bookkeeping]


def listing(statements: Sequence[Statement]) -> str:
    """For a failure message: one statement a line, shortened."""
    return "\n".join(f"  {' '.join(s.sql.split())[:160]}" for s in statements)
