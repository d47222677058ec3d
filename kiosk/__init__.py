"""Front-desk queueing and satisfaction-survey kiosk.

``from kiosk import Office`` is the one entry point every front end shares. It is loaded
lazily so that ``import kiosk.domain`` stays free of SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Office", "__version__"]

if TYPE_CHECKING:
    from kiosk.office import Office


def __getattr__(name: str) -> Any:
    if name == "Office":
        from kiosk.office import Office

        return Office
    raise AttributeError(f"module 'kiosk' has no attribute {name!r}")
