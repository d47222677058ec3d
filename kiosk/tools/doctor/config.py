"""Check 1: the configuration file (which one, readable, valid), and what the later
checks may use from it when it is not."""

from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from kiosk.config import paths
from kiosk.config.settings import (
    ConfigError,
    DatabaseSection,
    PrinterSection,
    config_path,
    load_settings,
)
from kiosk.tools.doctor.files import blocking_folder, describe_mode, primary_group
from kiosk.tools.doctor.findings import Context, Finding, plural


def check_config(ctx: Context) -> list[Finding]:
    file, required = config_path(ctx.config_arg)
    ctx.config_file = file
    named_by = "--config" if ctx.config_arg else "KIOSK_CONFIG"
    defaults = ctx.settings
    # Until the file proves usable, the later checks work from the built-in defaults.
    ctx.config_unusable = True
    ctx.file_printer_from = f"built-in defaults, as {file} cannot be used"
    try:
        st = file.stat()
    except FileNotFoundError:
        if not required:
            ctx.config_file = None
            ctx.config_unusable = False
            ctx.file_printer_from = "built-in defaults"
            return [
                Finding(
                    "config",
                    "warning",
                    f"no configuration file at {file}: using the built-in defaults "
                    f"(office: {defaults.office.name})",
                    f"write the annotated example there and edit it:\n"
                    f"mkdir -p {file.parent} && kiosk config example > {file}",
                )
            ]
        return [
            Finding(
                "config",
                "problem",
                f"{file} (named by {named_by}) does not exist",
                f"correct the path in {named_by}, or create the file: "
                f"kiosk config example > {file}",
            )
        ]
    except PermissionError:
        blocked = blocking_folder(file) or file.parent
        return [
            Finding(
                "config",
                "problem",
                f"{file}: {paths.user_name()} may not enter the folder {blocked}",
                f"let the account that runs the kiosk windows through: sudo chmod o+x {blocked} "
                f"(or put the file in a folder that account can read)",
            )
        ]
    except OSError as exc:
        return [Finding("config", "problem", f"{file}: {exc.strerror or exc}", None)]
    if stat.S_ISDIR(st.st_mode):
        return [
            Finding(
                "config",
                "problem",
                f"{file} is a folder, expected a TOML file",
                f"point {named_by} at the file itself, e.g. {file / 'kiosk.toml'}",
            )
        ]
    try:
        with file.open("rb"):
            pass
    except PermissionError:
        return [
            Finding(
                "config",
                "problem",
                f"{file} cannot be read by {paths.user_name()} ({describe_mode(st)})",
                "the account that runs the kiosk windows must be able to read it, e.g.:\n"
                f"sudo chgrp {primary_group()} {file} && sudo chmod 640 {file}\n"
                "(use a group that account is in; then check as that account: kiosk doctor)",
            )
        ]
    try:
        settings = load_settings(file)
    except ConfigError as exc:
        _salvage(ctx, file)
        return [Finding("config", "problem", str(exc), _config_fix(str(exc), file))]
    ctx.settings = settings
    ctx.settings_from = str(file)
    ctx.file_printer_from = f"[printer] in {file}"
    ctx.config_unusable = False
    return [
        Finding(
            "config",
            "ok",
            f"{file} (office: {settings.office.name}; {plural(len(settings.services), 'service')}, "
            f"{plural(len(settings.counters), 'counter')})",
        )
    ]


def _salvage(ctx: Context, file: Path) -> None:
    """From a file that does not validate, keep what the later checks can use."""
    try:
        data: dict[str, Any] = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return
    update: dict[str, Any] = {}
    db = data.get("database")
    if isinstance(db, dict) and isinstance(db.get("url"), str):
        update["database"] = DatabaseSection(url=db["url"])
    printer = data.get("printer")
    if isinstance(printer, dict):
        try:
            update["printer"] = PrinterSection.model_validate(printer)
            ctx.file_printer_from = f"[printer] in {file}"
        except ValueError:
            ctx.file_printer_from = f"built-in defaults: [printer] in {file} is not valid"
    if update:
        ctx.settings = ctx.settings.model_copy(update=update)
        ctx.settings_from = f"what could be read from {file}"


def _config_fix(message: str, file: Path) -> str:
    check = f"then check it: kiosk config check --config {file}"
    if "not valid TOML" in message:
        where = re.search(r"line (\d+)", message)
        at = f"line {where.group(1)} of {file}" if where else str(file)
        return (
            f"correct the TOML syntax at {at} (text in double quotes, [section] headers, "
            f"key = value); {check}"
        )
    if "not UTF-8" in message:
        return f"save {file} as UTF-8 text (in Notepad: Save As, Encoding UTF-8); {check}"
    rest = message.removeprefix(f"{file}: ")
    key = rest.split(": ", 1)[0] if ": " in rest else ""
    what = f"correct `{key}` in {file}" if key and " " not in key else f"correct {file}"
    return f"{what} as the message says (`kiosk config example` explains every key); {check}"
