"""What every configuration section is built from: the frozen model with no unknown keys,
the bounded name types, and ``sample`` for a field with no default (example.py shows it)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints

from kiosk.domain.limits import (
    COUNTER_NAME_MAX,
    HEAD_NAME_MAX,
    HEAD_TITLE_MAX,
    OFFICE_NAME_MAX,
    PRIORITY_NAME_MAX,
    SERVICE_NAME_MAX,
)


def _name(max_length: int) -> StringConstraints:
    """A name: stripped, not empty, at most ``max_length`` characters."""
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


OfficeName = Annotated[str, _name(OFFICE_NAME_MAX)]
ServiceName = Annotated[str, _name(SERVICE_NAME_MAX)]
PriorityName = Annotated[str, _name(PRIORITY_NAME_MAX)]
CounterName = Annotated[str, _name(COUNTER_NAME_MAX)]
HeadTitle = Annotated[str, _name(HEAD_TITLE_MAX)]
HeadName = Annotated[str, _name(HEAD_NAME_MAX)]
#: Typed with or without the usual spaces ("19750101 200003 1 001"); kept as the digits.
Nip = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=24)]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def sample(value: Any) -> dict[str, Any]:
    """``json_schema_extra`` of a field with no default: a value the example file shows
    (commented out) for it. Not a suggestion: the form offers ``examples`` only."""
    return {"sample": value}
