"""The annotated example file (``kiosk config example``), written from the model: every
section and field of Settings, with the default the loader gives, and the field's
description, bounds and choices as comments. Nothing is typed twice, so a section or a
field added to the model is in the example with no change here.

Lines "#key = value" follow postgresql.conf: the default, shown commented out, so a file
made from the example states only what the office changed (a default changed by a later
version still reaches it). A field with no default shows its ``sample`` instead.
"""

from __future__ import annotations

import json
import re
import textwrap
from enum import Enum
from functools import cache
from typing import Any, Literal, get_args, get_origin

import annotated_types as at
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from kiosk.config.settings import Settings, settings_from_dict

WIDTH = 92
#: Where a line's trailing comment starts.
COMMENT_COLUMN = 36

HEADER = """\
# kiosk configuration: every section and key, each with its default.
# A line "#key = value" shows the default (where there is none, an example); remove the
# "#" to change it. Precedence: command-line flags, then KIOSK_* variables, then this
# file, then the defaults. Sections the admin window changes are kept in the database,
# over this file. After an edit: kiosk config check
"""
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@cache
def example_toml() -> str:
    defaults = settings_from_dict({})  # the defaults as the loader gives them
    data = defaults.model_dump(mode="json")
    blocks = [HEADER]
    for name, info in Settings.model_fields.items():
        if info.exclude:  # not a key of the file (where the settings came from)
            continue
        model, is_list = _section_model(info)
        blocks.append(_section(name, model, data[name], is_list))
    return "\n".join(blocks)


def _section(name: str, model: type[BaseModel], value: Any, is_list: bool) -> str:
    intro = _doc(model)
    if not is_list:
        lines = [*_prose(intro), f"[{name}]"]
        for key, info in model.model_fields.items():
            lines += ["", *_field(key, info, value.get(key))]
        return "\n".join(lines) + "\n"
    intro += " A list: rows written here replace all of the default rows below."
    lines = _prose(intro)
    for i, row in enumerate(value):
        lines += ["", f"#[[{name}]]"] if i else [f"#[[{name}]]"]
        for key, info in model.model_fields.items():
            if i == 0:  # the first row explains each field; the others only differ
                lines += _field(key, info, row.get(key), described=True)
            elif row.get(key) is not None and row.get(key) != _default(info):
                lines.append(f"#{key} = {toml_value(row[key])}")
    return "\n".join(lines) + "\n"


def _field(key: str, info: FieldInfo, value: Any, described: bool = True) -> list[str]:
    facts = _facts(info)
    if value is None:
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if "sample" not in extra:
            return [*_prose(info.description or ""), f"# {key}: not set by default"]
        value = extra["sample"]
        facts = ["an example: not set by default", *facts]
    line = f"#{key} = {toml_value(value)}"
    if facts:
        line = f"{line.ljust(COMMENT_COLUMN - 1)} # {'; '.join(facts)}"
    return [*(_prose(info.description or "") if described else []), line]


def _facts(info: FieldInfo) -> list[str]:
    """What the field accepts, as a short note: its choices, bounds, lengths, examples."""
    annotation, _ = _without_none(info.annotation)
    out: list[str] = []
    choices, of_list = _choices(annotation)
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    listed = extra.get("choices")
    if not choices and isinstance(listed, list):
        choices, of_list = tuple(listed), True
    if choices:
        words = [json.dumps(c) if isinstance(c, str) else str(c) for c in choices]
        out.append(("any of: " + ", ".join(words)) if of_list else ("one of: " + " | ".join(words)))
    low: Any = None
    high: Any = None
    low_open = False
    short: int | None = None
    long: int | None = None
    for item in info.metadata:
        if isinstance(item, at.Ge):
            low = item.ge
        elif isinstance(item, at.Gt):
            low, low_open = item.gt, True
        elif isinstance(item, at.Le):
            high = item.le
        elif isinstance(item, at.MinLen):
            short = item.min_length
        elif isinstance(item, at.MaxLen):
            long = item.max_length
        elif isinstance(item, StringConstraints):
            short = item.min_length if item.min_length is not None else short
            long = item.max_length if item.max_length is not None else long
    if low is not None and high is not None and not low_open:
        out.append(f"{low}..{high}")
    elif low is not None:
        out.append(f"more than {low}" if low_open else f"at least {low}")
        if high is not None:
            out[-1] += f", at most {high}"
    elif high is not None:
        out.append(f"at most {high}")
    what = "item(s)" if get_origin(annotation) is list else "character(s)"
    if short and long:
        out.append(f"{short} to {long} {what}")
    elif short == 1:
        out.append("not empty")
    elif short:
        out.append(f"at least {short} {what}")
    elif long:
        out.append(f"at most {long} {what}")
    if info.examples:
        out.append("usual: " + ", ".join(str(v) for v in info.examples))
    return out


def toml_value(value: Any) -> str:
    """A JSON-ready value written as TOML (a JSON string is a valid TOML basic string)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{_toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + ", ".join(items) + " }"
    raise TypeError(f"no TOML for {value!r}")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _prose(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent="# ", subsequent_indent="# ")


def _doc(model: type[BaseModel]) -> str:
    """The model's docstring as one paragraph."""
    return " ".join((model.__doc__ or "").replace("``", "").split())


def _default(info: FieldInfo) -> Any:
    if info.is_required():
        return None
    value = info.get_default(call_default_factory=True)
    return value.value if isinstance(value, Enum) else value


def _section_model(info: FieldInfo) -> tuple[type[BaseModel], bool]:
    annotation = info.annotation
    is_list = get_origin(annotation) is list
    if is_list:
        (annotation,) = get_args(annotation)
    assert isinstance(annotation, type) and issubclass(annotation, BaseModel)
    return annotation, is_list


def _without_none(annotation: Any) -> tuple[Any, bool]:
    args = get_args(annotation)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else annotation), True
    return annotation, False


def _choices(annotation: Any) -> tuple[tuple[Any, ...], bool]:
    """The allowed values and whether they are a list's items."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        return _choices(item)[0], True
    if get_origin(annotation) is Literal:
        return get_args(annotation), False
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return tuple(member.value for member in annotation), False
    return (), False
