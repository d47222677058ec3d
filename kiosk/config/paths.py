"""Platform folders (XDG on Linux, AppData on Windows)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "kiosk"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP, appauthor=False))
