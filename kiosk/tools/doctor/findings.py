"""What every check of ``kiosk doctor`` gives and shares: a finding (ok, a warning or a
problem, with its fix) and the context the checks learn from each other in turn."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kiosk.config.settings import PrinterSection, Settings, settings_from_dict

if TYPE_CHECKING:
    from sqlalchemy import Engine

Status = Literal["ok", "warning", "problem"]


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    status: Status
    message: str
    fix: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "check": self.check,
            "status": self.status,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass
class Context:
    """What the checks learn and hand on to the later ones."""

    config_arg: str | None
    db_arg: str | None
    config_file: Path | None = None
    #: The file's settings; the built-in defaults (with whatever could be read from a
    #: broken file laid over them) when the file is missing or unusable.
    settings: Settings = field(default_factory=lambda: settings_from_dict({}))
    settings_from: str = "built-in defaults"
    #: Where the printer section in ``settings`` comes from, for messages.
    file_printer_from: str = "built-in defaults"
    #: The configuration file exists but could not be read or validated.
    config_unusable: bool = False
    #: The printer as the kiosk sees it, and where that comes from.
    printer: PrinterSection | None = None
    printer_from: str = ""
    engine: Engine | None = None

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
