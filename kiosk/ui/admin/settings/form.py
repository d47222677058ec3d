"""The settings form as the configuration model describes it: for each field, what it holds
and what it accepts, read from the pydantic model (kiosk.config.settings), so that a
bound, a choice or a default is written once, there, and every editor follows it.

- the type (None allowed or not) gives the editor: a whole number, a decimal, a yes/no, a
  line of text, a list;
- ``Field(ge=, le=, gt=, lt=)`` gives a number's bounds, ``min_length``/``max_length`` (also
  in ``StringConstraints``) a text's or a list's lengths;
- ``Literal[...]`` or an Enum (also as a list's items) gives the choices; a field whose
  allowed values a validator checks names them with ``json_schema_extra={"choices": [...]}``;
- ``examples=[...]`` gives suggestions for a field that accepts others too (time zones);
- the model's default fills a field the document lacks and a table's new row.

No Qt here: the editors (editors.py, columns.py) take a FieldSpec and nothing else.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types as at
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import to_jsonable_python

from kiosk.config.settings import EDITABLE_SECTIONS, Settings

#: "services[2].daily_quota" or "office.timezone" in a refusal.
_KEY = re.compile(r"\b([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?(?:\[\d+\])?:")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a section as its model states it (values as the JSON document has them)."""

    section: str
    key: str
    #: What the value is once None is set aside: bool, int, float, str, list or dict.
    value_type: type
    #: None is allowed (an empty editor means None).
    optional: bool = False
    #: Bounds of a number, inclusive; None: unbounded on that side.
    low: float | None = None
    high: float | None = None
    #: The bounds exclude their own value (``gt``/``lt``).
    low_open: bool = False
    high_open: bool = False
    #: Lengths of a text or a list.
    min_length: int | None = None
    max_length: int | None = None
    #: The only values allowed (for a list: of its items), in the model's order.
    choices: tuple[Any, ...] = ()
    #: Values offered where others are accepted too.
    suggestions: tuple[Any, ...] = ()
    #: The model's default; None where the field is required.
    default: Any = None

    @property
    def path(self) -> str:
        """Where the field is in the configuration: "queue.recall_limit", "services.code"."""
        return f"{self.section}.{self.key}"


def section_model(section: str) -> type[BaseModel]:
    """The model of an editable section; of one row for a list section (services)."""
    if section not in EDITABLE_SECTIONS:
        raise KeyError(f"{section}: not a section the admin window edits")
    annotation = Settings.model_fields[section].annotation
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    assert isinstance(annotation, type) and issubclass(annotation, BaseModel)
    return annotation


def is_list_section(section: str) -> bool:
    return get_origin(Settings.model_fields[section].annotation) is list


def section_fields(
    section: str, keys: tuple[str, ...], model: type[BaseModel] | None = None
) -> tuple[FieldSpec, ...]:
    """The specs of ``keys`` (in that order) of ``section``'s model (or of ``model``)."""
    model = model or section_model(section)
    unknown = [k for k in keys if k not in model.model_fields]
    if unknown:
        raise KeyError(f"{section}: the model has no field {unknown[0]!r}")
    return tuple(field_spec(section, key, model.model_fields[key]) for key in keys)


def field_spec(section: str, key: str, info: FieldInfo) -> FieldSpec:
    annotation, optional = _without_none(info.annotation)
    annotation, inner = _unannotated(annotation)
    value_type, choices = _type_and_choices(annotation)
    bounds = _bounds([*info.metadata, *inner])
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    listed = extra.get("choices")
    if not choices and isinstance(listed, list | tuple):
        choices = tuple(listed)
    return FieldSpec(
        section=section,
        key=key,
        value_type=value_type,
        optional=optional,
        choices=choices,
        suggestions=tuple(to_jsonable_python(v) for v in info.examples or ()),
        default=None if info.is_required() else _plain(info.get_default(call_default_factory=True)),
        **bounds,
    )


def error_place(message: str, section: str) -> tuple[int | None, str | None]:
    """Where in ``section`` a refusal points: (row, key); None where it does not say."""
    best: tuple[int | None, str | None] = (None, None)
    for m in _KEY.finditer(message):
        if m.group(1) == section:
            row = int(m.group(2)) if m.group(2) is not None else None
            if m.group(3) is not None:  # the most precise mention wins
                return row, m.group(3)
            if best == (None, None):
                best = (row, None)
    return best


# -- reading the model ------------------------------------------------------------------------
def _without_none(annotation: Any) -> tuple[Any, bool]:
    """(X, True) for ``X | None``; a union of other types has no editor (it stays as given)."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = get_args(annotation)
        rest = [a for a in args if a is not type(None)]
        if len(args) == 2 and len(rest) == 1:
            return rest[0], True
    return annotation, False


def _unannotated(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """(X, its constraints) for ``Annotated[X, ...]`` (pydantic lifts them out of a plain
    field, but not out of ``Annotated[X, ...] | None``)."""
    if get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        return base, tuple(metadata)
    return annotation, ()


def _type_and_choices(annotation: Any) -> tuple[type, tuple[Any, ...]]:
    """(bool/int/float/str/list/dict, the allowed values or ())."""
    origin = get_origin(annotation)
    if origin is Literal:
        values = get_args(annotation)
        return type(values[0]), values
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = tuple(_plain(member) for member in annotation)
        return type(values[0]), values
    if origin is list:
        (item,) = get_args(annotation)
        return list, _type_and_choices(item)[1]
    if origin is dict:
        return dict, ()
    if isinstance(annotation, type) and annotation in (bool, int, float, str):
        return annotation, ()
    raise TypeError(f"no form field for values of type {annotation!r}")


def _bounds(metadata: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, at.Ge):
            out["low"] = item.ge
        elif isinstance(item, at.Gt):
            out["low"], out["low_open"] = item.gt, True
        elif isinstance(item, at.Le):
            out["high"] = item.le
        elif isinstance(item, at.Lt):
            out["high"], out["high_open"] = item.lt, True
        elif isinstance(item, at.MinLen):
            out["min_length"] = item.min_length
        elif isinstance(item, at.MaxLen):
            out["max_length"] = item.max_length
        elif isinstance(item, StringConstraints):
            if item.min_length is not None:
                out["min_length"] = item.min_length
            if item.max_length is not None:
                out["max_length"] = item.max_length
    return out


def _plain(value: Any) -> Any:
    """A value as the JSON document holds it (an Enum member as its value)."""
    return to_jsonable_python(value)
