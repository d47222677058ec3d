"""Typed settings from one TOML file plus KIOSK_* environment variables."""

from kiosk.config.settings import ConfigError, Settings, load_settings

__all__ = ["ConfigError", "Settings", "load_settings"]
