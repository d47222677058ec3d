"""Platform folders (XDG on Linux, AppData on Windows)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

APP = "kiosk"
#: Overrides the log folder (a service account whose home is read-only, a shared drive).
ENV_LOG_DIR = "KIOSK_LOG_DIR"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def log_dir() -> Path:
    """KIOSK_LOG_DIR, else ~/.local/state/kiosk/log (Linux), %LOCALAPPDATA%\\kiosk\\Logs."""
    override = os.environ.get(ENV_LOG_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def user_name() -> str:
    """The account this process runs as (the one whose rights count), for messages."""
    if os.name != "nt":
        import pwd

        with contextlib.suppress(KeyError):
            return pwd.getpwuid(os.getuid()).pw_name
        return str(os.getuid())
    return os.environ.get("USERNAME") or "this user"


def resources_dir() -> Path | None:
    """``resources/`` next to the ``kiosk`` package (a source checkout, an editable
    install, or the PyInstaller folder: packaging/kiosk.spec puts it beside the bundled
    package); None when it is not there."""
    # kiosk/config/paths.py -> kiosk/. Not through "import kiosk": the package's lazy
    # facade would count as an import of the database layer.
    package = Path(__file__).resolve().parents[1]
    folder = package.parent / "resources"
    return folder if folder.is_dir() else None
