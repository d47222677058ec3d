"""Platform folders (XDG on Linux, AppData on Windows)."""

from __future__ import annotations

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
