"""Load, validate and describe the configuration.

A bad file gives one message naming the file, the key and what was expected; never a
traceback. Precedence: command-line flags > KIOSK_* environment > file > defaults.

The sections themselves are in model.py; they are named here too, so that
``from kiosk.config.settings import Settings, PrinterSection`` stays the one import.
"""

from __future__ import annotations

import copy
import os
import tomllib
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from kiosk.config import paths
from kiosk.config.defaults import DEFAULT_CONFIG
from kiosk.config.model import (
    AppointmentsSection,
    BackupSection,
    CounterSection,
    DatabaseSection,
    DisplaySection,
    KioskSection,
    OfficeSection,
    PrinterSection,
    PrioritySection,
    QueueSection,
    ServiceSection,
    Settings,
    SurveySection,
)
from kiosk.domain.errors import KioskError

__all__ = [
    "EDITABLE_SECTIONS",
    "ENV_CONFIG",
    "ENV_DATABASE_URL",
    "AppointmentsSection",
    "BackupSection",
    "ConfigError",
    "CounterSection",
    "DatabaseSection",
    "DisplaySection",
    "KioskSection",
    "OfficeSection",
    "PrinterSection",
    "PrioritySection",
    "QueueSection",
    "ServiceSection",
    "Settings",
    "SurveySection",
    "config_path",
    "database_url",
    "default_database_url",
    "editable_document",
    "load_settings",
    "settings_from_dict",
    "with_overrides",
]

ENV_CONFIG = "KIOSK_CONFIG"
ENV_DATABASE_URL = "KIOSK_DATABASE_URL"


class ConfigError(KioskError):
    pass


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; lists (services, counters, priority) replace the default."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _known_keys(loc: tuple[int | str, ...]) -> list[str]:
    """The keys allowed in the table that holds ``loc`` (for an unknown-key message)."""
    model: Any = Settings
    for part in loc[:-1]:
        if isinstance(part, str):
            model = model.model_fields[part].annotation
            while not (isinstance(model, type) and issubclass(model, BaseModel)):
                model = next(a for a in get_args(model) if a is not type(None))
    return [k for k in model.model_fields if k != "source"]


_TYPE_TAGS = {"str", "int", "float", "bool", "list[str]", "dict[str,union[str,list[str]]]"}


def _describe(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    # pydantic puts union members ("str", "list[str]") and validator tags in the path;
    # the user wrote neither.
    loc = _loc(
        tuple(
            p
            for p in err["loc"]
            if not (isinstance(p, str) and (p in _TYPE_TAGS or p.startswith("function-")))
        )
    )
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = f"unknown key (expected one of: {', '.join(_known_keys(err['loc']))})"
    value = err.get("input")
    shown = f" (got {value!r})" if loc and not isinstance(value, dict | list) else ""
    more = f" (and {len(exc.errors()) - 1} more problem(s))" if len(exc.errors()) > 1 else ""
    return f"{loc + ': ' if loc else ''}{msg}{shown}{more}"


def config_path(explicit: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """The file to read and whether it was asked for (a missing asked-for file is an error)."""
    if explicit:
        return Path(explicit), True
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env), True
    return paths.config_dir() / "kiosk.toml", False


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    file, required = config_path(path)
    data: dict[str, Any] = {}
    source = "built-in defaults"
    try:
        present = file.exists()
    except PermissionError:
        # The folder cannot be looked into: whether an office's file is there is unknown,
        # so the built-in defaults (another office) would be a guess.
        raise ConfigError(
            f"{file.parent}: not allowed to look into the configuration folder (check its "
            "permissions, or give --config PATH)"
        ) from None
    if present or required:
        try:
            with file.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"{file}: no such configuration file") from None
        except IsADirectoryError:
            raise ConfigError(f"{file}: is a folder, expected a TOML file") from None
        except PermissionError:
            raise ConfigError(f"{file}: not allowed to read it (check its permissions)") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{file}: not valid TOML: {exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{file}: not UTF-8 text; save it as UTF-8") from None
        source = str(file)
    return settings_from_dict(data, source)


def settings_from_dict(data: dict[str, Any], source: str = "built-in defaults") -> Settings:
    if "source" in data:  # a field of ours, not of the file
        raise ConfigError(
            f"{source}: source: unknown key (expected one of: "
            f"{', '.join(k for k in Settings.model_fields if k != 'source')})"
        )
    merged = _merge(DEFAULT_CONFIG, data)
    if "services" in data and "counters" not in data:
        # Default counters name the default services; a file with its own services and no
        # counters gets one counter serving all of them.
        merged["counters"] = [
            {
                "number": 1,
                "name": "Loket 1",
                "services": [s.get("code") for s in data["services"] if isinstance(s, dict)],
            }
        ]
    try:
        return Settings.model_validate({**merged, "source": source})
    except ValidationError as exc:
        raise ConfigError(f"{source}: {_describe(exc)}") from None


def database_url(settings: Settings, explicit: str | None = None) -> str:
    """--db, then KIOSK_DATABASE_URL, then [database] url, then SQLite in the data dir."""
    if explicit:
        return explicit
    env = os.environ.get(ENV_DATABASE_URL)
    if env:
        return env
    if settings.database.url:
        return settings.database.url
    return default_database_url()


def default_database_url() -> str:
    """SQLite in this account's data folder: the one database URL whose folder the program
    creates itself (an explicit URL naming a missing folder is a typo, and refused)."""
    return f"sqlite:///{paths.data_dir() / 'kiosk.db'}"


#: The sections supervisors may change from the admin window (stored in the database and
#: laid over the file, so every PC sees them without a restart). The database URL is not
#: among them: it is how a PC finds the database in the first place.
EDITABLE_SECTIONS = (
    "office", "queue", "priority", "services", "counters", "printer", "kiosk", "survey",
    "display", "appointments",
)  # fmt: skip


def editable_document(settings: Settings) -> dict[str, Any]:
    """The editable sections as plain JSON-ready data (what the admin window edits)."""
    return settings.model_dump(mode="json", include=set(EDITABLE_SECTIONS))


def with_overrides(
    base: Settings, overrides: dict[str, Any], source: str = "settings saved in the database"
) -> Settings:
    """``base`` with whole sections replaced by ``overrides``; validated as one file would be."""
    unknown = sorted(set(overrides) - set(EDITABLE_SECTIONS))
    if unknown:
        raise ConfigError(
            f"{source}: {unknown[0]}: cannot be changed here "
            f"(editable: {', '.join(EDITABLE_SECTIONS)})"
        )
    if not overrides:
        return base
    data = base.model_dump(mode="json", exclude={"source"})
    data.update(copy.deepcopy(overrides))
    try:
        return Settings.model_validate({**data, "source": f"{base.source} + {source}"})
    except ValidationError as exc:
        raise ConfigError(f"{source}: {_describe(exc)}") from None
