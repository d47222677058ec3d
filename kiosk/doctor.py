"""``kiosk doctor``: what is wrong on this PC, and how to fix it.

Run by an office's IT officer on a kiosk PC. It checks, in order, the configuration file,
the database, the slip printer, the log folder and whether Qt can open windows, and gives
one or more findings for each: ok, a warning (works, but worth knowing) or a problem
(something will not work), each problem with a fix to type or do. A check that fails
never stops the later ones: a broken file still lets the database be checked with what
can be known from it.

Read-only: it creates no database, changes no schema or rows, and prints nothing on the
printer (it only asks the printer its state, as the kiosk does before each slip).
Composition code like cli.py and app.py; no Qt.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import socket
import stat
import sys
import tempfile
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kiosk import qt_platform
from kiosk.config import paths
from kiosk.config.settings import (
    ENV_DATABASE_URL,
    ConfigError,
    DatabaseSection,
    PrinterSection,
    Settings,
    config_path,
    database_url,
    load_settings,
    settings_from_dict,
    with_overrides,
)
from kiosk.storage.engine import redacted_url

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from kiosk.printing.status import PrinterState

Status = Literal["ok", "warning", "problem"]

#: The udev rule that names the printer /dev/kiosk-printer (packaging/linux).
UDEV_RULE = "packaging/linux/60-kiosk-printer.rules"
NETWORK_TIMEOUT = 3.0


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
class _Context:
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


# -- running and showing --------------------------------------------------------------------
def run_doctor(config: str | None = None, db: str | None = None) -> list[Finding]:
    """Every check in order; ``config``/``db`` are the --config/--db flags (None: not given)."""
    ctx = _Context(config, db)
    # Qt takes a second or two to start: its check runs while the others do.
    qt = qt_platform.start_check()
    checks: Sequence[tuple[str, Callable[[_Context], list[Finding]]]] = (
        ("config", _check_config),
        ("database", _check_database),
        ("printer", _check_printer),
        ("logs", _check_logs),
        ("qt", lambda ctx: _check_qt(qt)),
    )
    findings: list[Finding] = []
    try:
        for name, check in checks:
            try:
                findings += check(ctx)
            except Exception as exc:  # a bug here must not hide the other checks
                findings.append(
                    Finding(
                        name,
                        "problem",
                        f"the check itself failed: {type(exc).__name__}: {exc}",
                        "run kiosk doctor again; if it fails the same way, report this line "
                        "with the output of kiosk doctor",
                    )
                )
    finally:
        ctx.close()
        qt.abandon()
    return findings


def exit_code(findings: Sequence[Finding]) -> int:
    """0 when nothing is a problem (warnings alone are fine), else 1."""
    return 1 if any(f.status == "problem" for f in findings) else 0


LABELS: dict[Status, str] = {"ok": "[ OK ]", "warning": "[WARN]", "problem": "[FAIL]"}


def format_findings(findings: Sequence[Finding]) -> str:
    lines: list[str] = []
    for f in findings:
        lines.append(f"{LABELS[f.status]} {f.check}: {f.message}")
        if f.fix:
            first, *rest = f.fix.splitlines()
            lines.append(f"       fix: {first}")
            lines += [f"            {line}" for line in rest]
    problems = sum(f.status == "problem" for f in findings)
    warnings = sum(f.status == "warning" for f in findings)
    if problems or warnings:
        lines.append(f"{_count(problems, 'problem')}, {_count(warnings, 'warning')}")
    else:
        lines.append("all checks passed")
    if _is_root():
        lines.append(
            "note: run as root, which may open files and ports the kiosk's own account "
            "cannot; run kiosk doctor as that account to check its rights"
        )
    return "\n".join(lines)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# -- who we are, and what a file allows -------------------------------------------------------
def _is_root() -> bool:
    return os.name != "nt" and os.geteuid() == 0


def _owner(uid: int) -> str:
    if os.name != "nt":
        import pwd

        with contextlib.suppress(KeyError):
            return pwd.getpwuid(uid).pw_name
    return str(uid)


def _group(gid: int) -> str:
    if os.name != "nt":
        import grp

        with contextlib.suppress(KeyError):
            return grp.getgrgid(gid).gr_name
    return str(gid)


def _primary_group() -> str:
    return _group(os.getgid()) if os.name != "nt" else "Users"


def _describe_mode(st: os.stat_result) -> str:
    if os.name == "nt":
        return ""
    return (
        f"owner {_owner(st.st_uid)}, group {_group(st.st_gid)}, mode {stat.S_IMODE(st.st_mode):04o}"
    )


def _blocking_folder(path: Path) -> Path | None:
    """The first folder above ``path`` this user may not enter (no x permission)."""
    for parent in reversed(path.parents):
        if parent.is_dir() and not os.access(parent, os.X_OK):
            return parent
    return None


def _folder_state(folder: Path) -> tuple[bool, str]:
    """Whether files can be written in ``folder`` (created if missing), and how it stands."""
    if folder.exists():
        if not folder.is_dir():
            return False, f"{folder} is a file, not a folder"
        if not os.access(folder, os.W_OK | os.X_OK):
            return (
                False,
                f"{paths.user_name()} may not write in {folder} ({_describe_mode(folder.stat())})",
            )
        try:
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            return False, f"cannot write in {folder}: {exc.strerror or exc}"
        return True, f"{folder} is writable"
    ancestor = next((p for p in folder.parents if p.exists()), None)
    if ancestor is None or not ancestor.is_dir():
        return False, f"{folder} cannot be created (no folder above it)"
    if not os.access(ancestor, os.W_OK | os.X_OK):
        return False, (
            f"{folder} does not exist and {paths.user_name()} may not create it in {ancestor} "
            f"({_describe_mode(ancestor.stat())})"
        )
    return True, f"{folder} does not exist yet; it will be created"


def _make_writable_fix(folder: Path) -> str:
    if os.name == "nt":
        return f"give this Windows account write access to {folder} (Properties > Security)"
    user = paths.user_name()
    return f"sudo mkdir -p {folder} && sudo chown {user} {folder} && sudo chmod 750 {folder}"


# -- 1. the configuration file ----------------------------------------------------------------
def _check_config(ctx: _Context) -> list[Finding]:
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
        blocked = _blocking_folder(file) or file.parent
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
                f"{file} cannot be read by {paths.user_name()} ({_describe_mode(st)})",
                "the account that runs the kiosk windows must be able to read it, e.g.:\n"
                f"sudo chgrp {_primary_group()} {file} && sudo chmod 640 {file}\n"
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
            f"{file} (office: {settings.office.name}; {_count(len(settings.services), 'service')}, "
            f"{_count(len(settings.counters), 'counter')})",
        )
    ]


def _salvage(ctx: _Context, file: Path) -> None:
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


# -- 2. the database ----------------------------------------------------------------------
def _url_source(ctx: _Context) -> str:
    if ctx.db_arg:
        return "--db"
    if os.environ.get(ENV_DATABASE_URL):
        return ENV_DATABASE_URL
    if ctx.settings.database.url:
        return f"[database] url in {ctx.config_file}"
    if ctx.config_unusable:
        return (
            "the default location, as the configuration file (which may name another "
            "database) cannot be used"
        )
    return "the default location, as no database URL is configured"


def _where_to_set(ctx: _Context) -> str:
    source = _url_source(ctx)
    if source.startswith("the default location"):
        file = ctx.config_file or (paths.config_dir() / "kiosk.toml")
        return f"[database] url in {file}"
    return source


def _kiosk_cmd(ctx: _Context, *words: str, db: str | None = None) -> str:
    parts = ["kiosk"]
    if ctx.config_arg:
        parts += ["--config", ctx.config_arg]
    if db is not None:
        parts += ["--db", db]
    elif ctx.db_arg:
        parts += ["--db", redacted_url(ctx.db_arg).replace("***", "PASSWORD")]
    return " ".join([*parts, *words])


def _check_database(ctx: _Context) -> list[Finding]:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from kiosk.storage.engine import BadDatabaseUrl, make_engine, normalise_url, sqlite_path

    url = normalise_url(database_url(ctx.settings, ctx.db_arg))
    shown = redacted_url(url)
    source = _url_source(ctx)
    right_form = (
        f"set {_where_to_set(ctx)} to sqlite:///PATH (one PC, e.g. "
        f"sqlite:///{paths.data_dir() / 'kiosk.db'}) or "
        "postgresql://USER:PASSWORD@HOST:5432/NAME (a server shared by several PCs)"
    )
    try:
        backend = make_url(url).get_backend_name()
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        backend = ""
    path = sqlite_path(url) if backend == "sqlite" else None
    if path is None:  # anything but an SQLite file: make_engine judges the URL
        try:
            ctx.engine = make_engine(url)
        except BadDatabaseUrl as exc:
            said = str(exc).replace(url, shown)  # its message quotes the URL, password too
            return [Finding("database", "problem", f"{said} (from {source})", right_form)]
        except ValueError as exc:
            said = f"database URL {shown!r} is not valid ({exc})"
            return [Finding("database", "problem", f"{said} (from {source})", right_form)]
        return _check_postgres(ctx, ctx.engine, url, shown, source)
    return _check_sqlite(ctx, path, url, shown, source)


def _check_sqlite(ctx: _Context, path: Path, url: str, shown: str, source: str) -> list[Finding]:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError

    from kiosk.storage.uow import describe_db_error

    found: list[Finding] = []
    if not path.is_absolute():
        found.append(
            Finding(
                "database",
                "warning",
                f"{shown} is a relative path: each window opens it from the folder it "
                "was started in",
                f"use an absolute path in {_where_to_set(ctx)}, e.g. sqlite:///{path.resolve()}",
            )
        )
    folder = path.parent
    if ctx.config_unusable and source.startswith("the default location") and not path.exists():
        return [
            Finding(
                "database",
                "warning",
                f"not checked: the configuration file cannot be used and may name the office's "
                f"database (there is none at the default location {shown})",
                "make the configuration file usable first (see config above), then run "
                "kiosk doctor again",
            )
        ]
    if not folder.is_dir():
        ok, state = _folder_state(folder)
        create = _kiosk_cmd(ctx, "db upgrade")
        elsewhere = f"if the office's data is elsewhere, set {_where_to_set(ctx)} to it"
        if ok:
            message = f"{shown}: no database yet, nor its folder {folder} (from {source})"
            fix = f"create it: {create} (it makes the folder too); {elsewhere}"
        else:
            message = f"{shown}: no database yet, and {state} (from {source})"
            fix = f"{_make_writable_fix(folder)}\nthen create it: {create}; {elsewhere}"
        return [*found, Finding("database", "problem", message, fix)]
    if not os.access(folder, os.W_OK | os.X_OK):
        found.append(
            Finding(
                "database",
                "problem",
                f"{paths.user_name()} may not write in {folder} ({_describe_mode(folder.stat())}); "
                "SQLite keeps its -wal and -shm files beside the database",
                f"sudo chown {paths.user_name()} {folder}  (or a group the kiosk's account is in: "
                f"sudo chgrp GROUP {folder} && sudo chmod 2770 {folder})",
            )
        )
    if not path.exists():
        return [
            *found,
            Finding(
                "database",
                "problem",
                f"{shown}: no database file yet (from {source})",
                f"create it: {_kiosk_cmd(ctx, 'db upgrade')} (a window also creates it at its "
                f"first start); if the office's data is elsewhere, set {_where_to_set(ctx)} "
                "to it",
            ),
        ]
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if file.exists() and not os.access(file, os.R_OK | os.W_OK):
            found.append(
                Finding(
                    "database",
                    "problem",
                    f"{paths.user_name()} may not read and write {file} "
                    f"({_describe_mode(file.stat())})",
                    f"sudo chown {paths.user_name()} {file} && sudo chmod 660 {file}",
                )
            )
    if any(f.status == "problem" for f in found):
        return found
    found += _check_privacy(path)
    engine = ctx.engine = create_engine(url, connect_args={"timeout": 5})
    try:
        with engine.connect() as conn:
            found += _check_schema(ctx, conn, shown, "SQLite")
    except DBAPIError as exc:
        text = str(exc.orig)
        if "not a database" in text or "malformed" in text:
            found.append(
                Finding(
                    "database",
                    "problem",
                    f"{path} is not a usable SQLite database ({text})",
                    "restore the newest backup (the damaged file is kept): "
                    f"{_kiosk_cmd(ctx, 'db restore', str(paths.data_dir() / 'backups'))}"
                    "/kiosk-backup-....db --yes",
                )
            )
        else:
            found.append(
                Finding(
                    "database",
                    "problem",
                    describe_db_error(exc, shown),
                    "close other programs that hold the database open, then try again",
                )
            )
    return found


def _check_privacy(path: Path) -> list[Finding]:
    """The database holds PIN hashes, the token secret and every record: a file other
    accounts of the PC can read (made by an older version, or copied in) is a warning."""
    from kiosk.storage.files import readable_by_others

    files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    # An empty file holds nothing yet (a database still to be made: said above).
    shared = [f for f in files if f.exists() and f.stat().st_size and readable_by_others(f)]
    if not shared:
        return []
    return [
        Finding(
            "database",
            "warning",
            f"{shared[0]} ({_describe_mode(shared[0].stat())}) can be read by every account "
            "on this PC; it holds the staff's PIN hashes and the ticket secret",
            "chmod 600 " + " ".join(str(f) for f in shared),
        )
    ]


def _check_postgres(
    ctx: _Context, engine: Engine, url: str, shown: str, source: str
) -> list[Finding]:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError

    parsed = make_url(url)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar()
            kind = f"PostgreSQL {str(version).split()[0]}"
            return _check_schema(ctx, conn, shown, kind)
    except DBAPIError as exc:
        message, fix = _explain_postgres(
            exc,
            parsed.host or "localhost",
            parsed.port or 5432,
            parsed.username or "USER",
            parsed.database or "NAME",
        )
        return [Finding("database", "problem", f"{shown} (from {source}): {message}", fix)]


def _explain_postgres(
    exc: BaseException, host: str, port: int, user: str, name: str
) -> tuple[str, str]:
    from kiosk.storage.uow import describe_db_error

    raw = str(getattr(exc, "orig", exc)).strip()
    text = raw.lower()
    first = " ".join(raw.split())
    if "password authentication failed" in text or "no password supplied" in text:
        return (
            f"password authentication failed for user {user}",
            f"check the user and password in the URL; on the server an administrator can "
            f"set it again: sudo -u postgres psql -c \"ALTER ROLE {user} PASSWORD '...'\"",
        )
    if "no pg_hba.conf entry" in text:
        client = re.search(r'host "([^"]+)"', raw)
        ip = client.group(1) if client else "THIS-PC-IP"
        return (
            f"the server does not let this PC in (no pg_hba.conf entry for {ip})",
            f"on the server add a line to pg_hba.conf:\n"
            f"host  {name}  {user}  {ip}/32  scram-sha-256\n"
            "then reload it: sudo systemctl reload postgresql",
        )
    if "does not exist" in text and "database" in text:
        return (
            f"the database {name} does not exist on {host}",
            f"create it on the server (see packaging/postgresql): "
            f"sudo -u postgres createdb -O {user} {name}; then create the tables with "
            "kiosk db upgrade as that owner; or correct the name in the URL",
        )
    if "role" in text and "does not exist" in text:
        return (
            f"the user (role) {user} does not exist on {host}",
            "create it on the server (packaging/postgresql/setup.sql makes kiosk_owner and "
            "kiosk_app), or correct the user in the URL: "
            f"sudo -u postgres createuser --pwprompt {user}",
        )
    unreachable = {
        "connection refused": "connection refused",
        "timeout expired": "no answer within 5 s",
        "timed out": "no answer within 5 s",
        "no route to host": "no route to host",
        "network is unreachable": "network is unreachable",
        "could not connect": first,
        "is the server running": first,
    }
    if "resolve host" in text or "name or service not known" in text or "nodename" in text:
        return (
            f"the server name {host} is not known to this PC",
            "use the server's IP address in the URL, or fix the name (DNS or /etc/hosts)",
        )
    reason = next((said for word, said in unreachable.items() if word in text), None)
    if reason is not None:
        return (
            f"cannot reach a PostgreSQL server at {host}:{port}: {reason}",
            f"check that PostgreSQL is running on {host} (sudo systemctl status postgresql) "
            "and listening on the LAN (listen_addresses = '*' in postgresql.conf), that its "
            f"firewall lets port {port} through (e.g. sudo ufw allow {port}/tcp), and that "
            f"{host}:{port} in the URL is right (ping {host})",
        )
    return describe_db_error(exc, f"{host}:{port}"), "read the server's message above"


def _check_schema(ctx: _Context, conn: Connection, shown: str, kind: str) -> list[Finding]:
    from sqlalchemy import inspect, text

    from kiosk.storage.migrate import HEAD, current_revision

    rev = current_revision(conn)
    postgres = conn.dialect.name == "postgresql"
    owner = ""
    if postgres:
        owner = str(
            conn.execute(
                text(
                    "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_database "
                    "WHERE datname = current_database()"
                )
            ).scalar()
        )
    upgrade = _kiosk_cmd(ctx, "db upgrade")
    if postgres:
        db_url = conn.engine.url.set(username=owner, password="PASSWORD")
        upgrade = f"as the role that owns the database ({owner}):\n" + _kiosk_cmd(
            ctx, "db upgrade", db=db_url.render_as_string(hide_password=False)
        )
    if rev is None:
        tables = inspect(conn).get_table_names()
        if tables:
            return [
                Finding(
                    "database",
                    "problem",
                    f"{shown} has tables ({', '.join(sorted(tables)[:3])}...) but no kiosk "
                    "schema version: is it the kiosk's database?",
                    "check the database name in the URL; a kiosk database is created by "
                    f"kiosk db upgrade, run {upgrade}"
                    if postgres
                    else f"check the URL; {upgrade}",
                )
            ]
        return [
            Finding(
                "database",
                "problem",
                f"{shown} ({kind}) is empty: the kiosk's tables are missing",
                f"create them, {upgrade}" if postgres else f"create them: {upgrade}",
            )
        ]
    if rev != HEAD:
        newer = not rev.isdigit() or (HEAD.isdigit() and int(rev) > int(HEAD))
        if newer:
            return [
                Finding(
                    "database",
                    "problem",
                    f"{shown} has schema {rev}, newer than this program knows ({HEAD}): "
                    "a newer kiosk program upgraded it",
                    "update the kiosk program on this PC to the version the other PCs run",
                )
            ]
        return [
            Finding(
                "database",
                "problem",
                f"{shown} has schema {rev}; this program needs {HEAD}",
                f"upgrade it, {upgrade}" if postgres else f"upgrade it: {upgrade}",
            )
        ]
    found = [Finding("database", "ok", f"{shown} ({kind}, schema {rev}, current)")]
    if postgres:
        found += _check_rights(conn)
    found += _take_overlay(ctx, conn.engine, shown)
    return found


def _check_rights(conn: Connection) -> list[Finding]:
    from sqlalchemy import text

    user, may = conn.execute(
        text(
            "SELECT current_user, has_table_privilege(current_user, 'tickets', "
            "'SELECT, INSERT, UPDATE, DELETE')"
        )
    ).one()
    if may:
        return []
    return [
        Finding(
            "database",
            "problem",
            f"the role {user} may not change the kiosk's tables",
            "run packaging/postgresql/setup.sql again on the server (it grants the PCs' role "
            "its rights), or: GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
            f"public TO {user}; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {user};",
        )
    ]


def _take_overlay(ctx: _Context, engine: Engine, shown: str) -> list[Finding]:
    """The settings supervisors saved in the database, read as Office.reload_settings reads
    them (without its catalogue sync: the doctor writes nothing)."""
    from kiosk.services.office_settings import SettingsStore
    from kiosk.services.queue import utc_now
    from kiosk.storage.uow import UnitOfWorkFactory

    _, overrides = SettingsStore(UnitOfWorkFactory(engine, shown), utc_now).current()
    if not overrides:
        return []
    try:
        effective = with_overrides(ctx.settings, overrides)
    except ConfigError as exc:
        return [
            Finding(
                "database",
                "warning",
                f"the settings saved in the admin window do not fit this PC's file, so the "
                f"windows here ignore them: {exc}",
                "correct them in the admin window (Pengaturan), or make this PC's file match "
                "the other PCs'",
            )
        ]
    if "printer" in overrides:
        ctx.printer = effective.printer
        ctx.printer_from = "saved in the database from the admin window"
    return []


# -- 3. the printer -------------------------------------------------------------------------
def _check_printer(ctx: _Context) -> list[Finding]:
    section = ctx.printer or ctx.settings.printer
    source = ctx.printer_from or ctx.file_printer_from
    change = (
        "the admin window (Pengaturan > Printer)"
        if ctx.printer is not None
        else f"the [printer] section of {ctx.config_file or paths.config_dir() / 'kiosk.toml'} "
        "(or the admin window)"
    )
    if section.kind == "none":
        return [
            Finding(
                "printer",
                "warning",
                f'kind = "none" ({source}): no slips will print; numbers are shown on screen only',
                'to print slips set kind = "serial" with port, or "network" with host, '
                f"in {change}",
            )
        ]
    if section.kind == "preview":
        folder = Path(section.preview_dir) if section.preview_dir else paths.data_dir() / "slips"
        ok, state = _folder_state(folder)
        if ok:
            return [
                Finding(
                    "printer",
                    "ok",
                    f"preview ({source}): no real printer; slips are drawn to PNG files; {state}",
                )
            ]
        return [
            Finding(
                "printer",
                "problem",
                f"preview ({source}): {state}",
                f"{_make_writable_fix(folder)}\n(or set preview_dir to a writable folder in "
                f"{change})",
            )
        ]
    if section.kind == "network":
        return _check_network_printer(section, source, change)
    return _check_serial_printer(section, source, change)


def _check_network_printer(section: PrinterSection, source: str, change: str) -> list[Finding]:
    from kiosk.printing.transport import NetworkSettings, NetworkTransport

    host, port = section.host or "", section.tcp_port
    where = f"network printer {host}:{port} ({source})"
    fix = (
        "print the printer's self-test page (switch it on holding FEED) to read its IP address "
        f"and set host to it in {change}; check the network cable and that the printer is in "
        f"this PC's subnet (ping {host})"
    )
    try:
        with socket.create_connection((host, port), timeout=NETWORK_TIMEOUT):
            pass
    except socket.gaierror:
        return [Finding("printer", "problem", f"{where}: the name {host} is not known", fix)]
    except ConnectionRefusedError:
        return [
            Finding(
                "printer",
                "problem",
                f"{where}: refused the connection (wrong address or port, or the printer's "
                "network printing is off)",
                f"{fix}; its raw printing port is usually 9100",
            )
        ]
    except OSError as exc:
        reason = (
            "no answer within 3 s" if isinstance(exc, TimeoutError) else str(exc.strerror or exc)
        )
        return [Finding("printer", "problem", f"{where}: {reason}", fix)]
    transport = NetworkTransport(NetworkSettings(host=host, port=port, timeout=NETWORK_TIMEOUT))
    try:
        state = transport.status()
    finally:
        transport.close()
    return [_state_finding(state, transport.last_error, section, where, change)]


def _serial_ports() -> list[str]:
    """The serial ports this PC has, with what they are (for "which one is the printer")."""
    try:
        from serial.tools.list_ports import comports

        ports = comports()
    except Exception:
        return []
    out: list[str] = []
    for p in sorted(ports, key=lambda p: str(p.device)):
        bits = [str(p.description)] if p.description and p.description != "n/a" else []
        if p.vid is not None and p.pid is not None:
            bits.append(f"{p.vid:04x}:{p.pid:04x}")
        out.append(f"{p.device}" + (f" ({', '.join(bits)})" if bits else ""))
    by_id = Path("/dev/serial/by-id")
    if by_id.is_dir():
        out += [f"{link} -> {os.path.realpath(link)}" for link in sorted(by_id.iterdir())]
    return out


def _missing_port(port: str, where: str, change: str) -> Finding:
    ports = _serial_ports()
    listed = (
        "serial ports on this PC:\n" + "\n".join(f"  {p}" for p in ports)
        if ports
        else "this PC has no serial ports at all now"
    )
    lines = [
        "check that the printer is switched on and its USB/serial cable is plugged in",
        listed,
        f"set port in {change} to the printer's port, or plug the printer in",
    ]
    if os.name != "nt":
        install = (
            f"install it (sudo cp {UDEV_RULE} /etc/udev/rules.d/ && "
            "sudo udevadm control --reload && sudo udevadm trigger), then unplug and plug "
            "the printer"
        )
        if Path(port).name == "kiosk-printer":
            lines.append(
                f"{port} is the name the udev rule {UDEV_RULE} gives the printer: {install}"
            )
        else:
            lines.append(
                f"for a name that never changes, use the udev rule {UDEV_RULE}: {install}, "
                'and set port = "/dev/kiosk-printer"'
            )
    return Finding("printer", "problem", f"{where}: {port} does not exist", "\n".join(lines))


def _listed_in_group(user: str, gid: int) -> bool:
    import grp
    import pwd

    try:
        members = grp.getgrgid(gid).gr_mem
        primary = pwd.getpwnam(user).pw_gid
    except KeyError:
        return False
    return user in members or primary == gid


def _no_permission(port: str, st: os.stat_result, where: str) -> Finding:
    """Why this user may not open the port, by the rule the kernel applies: the owner's
    bits for the owner, else the group's for a member, else the others'."""
    user = paths.user_name()
    group = _group(st.st_gid)
    mode = stat.S_IMODE(st.st_mode)
    message = f"{where}: {user} may not open {port} ({_describe_mode(st)})"
    udev = (
        f"for good, install the udev rule {UDEV_RULE}, which sets the printer port's group "
        "and mode whenever the printer is plugged in"
    )
    member = st.st_gid == os.getgid() or st.st_gid in os.getgroups()
    if st.st_uid == os.getuid() or member or mode & 0o060 != 0o060:
        # The bits that apply (owner's, or the group's for a member) do not allow it.
        fix = (
            f"the port's mode {mode:04o} does not let {user} read and write it. For now:\n"
            f"sudo chgrp dialout {port} && sudo chmod 660 {port}\n"
            f"sudo usermod -aG dialout {user}   (then log out and in again)\n{udev}"
        )
    elif _listed_in_group(user, st.st_gid):
        fix = (
            f"{user} is in the group {group}, but this login started before that: "
            "log out and in again (or reboot), then run kiosk doctor again"
        )
    else:
        fix = (
            f"add {user} to the port's group {group}, then log out and in again:\n"
            f"sudo usermod -aG {group} {user}"
        )
    return Finding("printer", "problem", message, fix)


def _holders(port: str) -> list[tuple[int, str]]:
    """Other processes that have ``port`` open (Linux: /proc; those this user may see)."""
    proc = Path("/proc")
    if not (proc / "self" / "fd").is_dir():
        return []
    target = os.path.realpath(port)
    me = os.getpid()
    out: list[tuple[int, str]] = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            fds = list((entry / "fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                link = os.readlink(fd)
            except OSError:
                continue
            if link == target:
                try:
                    raw = (entry / "cmdline").read_bytes()
                    cmdline = " ".join(raw.decode(errors="replace").split("\0")).strip()
                except OSError:
                    cmdline = "?"
                out.append((int(entry.name), cmdline or "?"))
                break
    return out


def _is_kiosk_window(cmdline: str) -> bool:
    """``kiosk run kiosk ...`` or ``python -m kiosk run kiosk ...``."""
    words = cmdline.split()
    if "run" not in words:
        return False
    at = words.index("run")
    return words[at + 1 : at + 2] == ["kiosk"] and any(Path(w).name == "kiosk" for w in words[:at])


def _busy(port: str, holders: list[tuple[int, str]], where: str) -> Finding:
    who = "; ".join(f"PID {pid}: {cmd[:100]}" for pid, cmd in holders)
    if len(holders) == 1 and _is_kiosk_window(holders[0][1]):
        return Finding(
            "printer",
            "warning",
            f"{where}: the kiosk window has the port open ({who}), as it should while it "
            "runs; the doctor cannot ask the printer meanwhile",
            "to test the printer too, close the kiosk window (key chord and supervisor PIN) "
            "or stop its service, run kiosk doctor, then start it again",
        )
    return Finding(
        "printer",
        "problem",
        f"{where}: another program holds {port} ({who})",
        "close that program, or stop the other kiosk using this printer (one kiosk per "
        f"printer): kill {holders[0][0]}\nif it is ModemManager (it probes new serial devices): "
        "sudo systemctl disable --now ModemManager",
    )


def _check_serial_printer(section: PrinterSection, source: str, change: str) -> list[Finding]:
    import serial

    from kiosk.printing.transport import SerialSettings, SerialTransport

    port = section.port or ""
    where = f"serial printer {port} ({source})"
    st: os.stat_result | None = None
    if os.name != "nt":
        try:
            st = os.stat(port)
        except FileNotFoundError:
            return [_missing_port(port, where, change)]
        except OSError as exc:
            return [Finding("printer", "problem", f"{where}: {exc.strerror or exc}", None)]
        if not stat.S_ISCHR(st.st_mode):
            return [
                Finding(
                    "printer",
                    "problem",
                    f"{where}: {port} is not a serial port (not a character device)",
                    f"set port in {change} to the printer's port, e.g. /dev/kiosk-printer, "
                    "/dev/ttyUSB0 or a /dev/serial/by-id/ name",
                )
            ]
        if not os.access(port, os.R_OK | os.W_OK):
            return [_no_permission(port, st, where)]
        holders = _holders(port)
        if holders:
            return [_busy(port, holders, where)]
    # Open it as the kiosk would, but exclusively: a port another program locked says so.
    try:
        serial.Serial(
            port=port,
            baudrate=section.baudrate,
            parity=section.parity,
            xonxoff=section.flow == "xonxoff",
            rtscts=section.flow == "rtscts",
            timeout=0.3,
            write_timeout=2,
            exclusive=True,
        ).close()
    except (serial.SerialException, OSError, ValueError) as exc:
        return [_open_failure(port, st, exc, where, change)]
    transport = SerialTransport(
        SerialSettings(
            port=port, baudrate=section.baudrate, parity=section.parity, flow=section.flow
        )
    )
    try:
        state = transport.status()
    finally:
        transport.close()
    finding = _state_finding(state, transport.last_error, section, where, change)
    if (
        finding.status == "ok"
        and st is not None
        and _is_root()
        and stat.S_IMODE(st.st_mode) & 0o060
    ):
        finding = Finding(
            finding.check,
            finding.status,
            f"{finding.message} (the kiosk's own account must be in the group {_group(st.st_gid)})",
        )
    return [finding]


def _open_failure(
    port: str, st: os.stat_result | None, exc: BaseException, where: str, change: str
) -> Finding:
    code = getattr(exc, "errno", None)
    text = str(exc)
    if code == errno.EACCES or "Permission" in text or "Access is denied" in text:
        if st is not None:
            return _no_permission(port, st, where)
        return Finding(
            "printer",
            "problem",
            f"{where}: {port} cannot be opened ({text})",
            "the port is in use by another program (close it, or stop the other kiosk) or "
            "needs administrator rights; check in Device Manager that the port is the printer's",
        )
    if code in (errno.ENOENT, errno.ENXIO, errno.ENODEV) or "FileNotFound" in text:
        return _missing_port(port, where, change)
    if code in (errno.EBUSY, errno.EAGAIN, errno.EWOULDBLOCK) or "lock" in text.lower():
        return Finding(
            "printer",
            "problem",
            f"{where}: another program holds {port} ({text})",
            "close that program, or stop the other kiosk using this printer (one kiosk per "
            "printer)",
        )
    return Finding("printer", "problem", f"{where}: cannot open {port}: {text}", None)


def _state_finding(
    state: PrinterState,
    last_error: str | None,
    section: PrinterSection,
    where: str,
    change: str,
) -> Finding:
    from kiosk.printing.printer import ADVICE
    from kiosk.printing.status import PrinterState

    line = (
        f"{section.baudrate} baud, parity {section.parity}, flow {section.flow}"
        if section.kind == "serial"
        else f"TCP port {section.tcp_port}"
    )
    if state is PrinterState.ONLINE:
        return Finding("printer", "ok", f"{where} answers: ready ({line})")
    if state is PrinterState.PAPER_NEAR_END:
        return Finding(
            "printer", "warning", f"{where}: paper is running out", "load a new roll soon"
        )
    if state is PrinterState.PAPER_OUT:
        return Finding(
            "printer",
            "problem",
            f"{where}: out of paper",
            "open the cover, load a new thermal roll (paper end coming off the bottom, "
            "towards the cutter), close the cover until it clicks",
        )
    if state is PrinterState.COVER_OPEN:
        return Finding(
            "printer", "problem", f"{where}: the cover is open", "close the cover until it clicks"
        )
    if state is PrinterState.NO_ANSWER:
        if not section.status_query:
            return Finding(
                "printer",
                "warning",
                f"{where}: the port opens but the printer does not answer a status query "
                "(status_query = false: the kiosk prints without asking, so a failed slip "
                "goes unnoticed)",
                "if the printer can answer, use a two-way cable and set status_query = true",
            )
        return Finding(
            "printer",
            "warning",
            f"{where}: the port opens but the printer does not answer ({line})",
            "check that the printer is switched on; that its baud rate (on its self-test "
            f"page: hold FEED while switching on) matches baudrate = {section.baudrate}"
            f' and flow = "{section.flow}" in {change}; and the cable. A one-way cable or a '
            "printer that cannot answer needs status_query = false",
        )
    # OFFLINE: from a reply (an error on the printer) or from the port (lost meanwhile).
    return Finding(
        "printer",
        "problem",
        f"{where}: {last_error or 'the printer reports it is offline'}",
        f"printer {ADVICE[PrinterState.OFFLINE]}; if its error light is on, switch it off and on",
    )


# -- 4. the log folder ----------------------------------------------------------------------
def _check_logs(ctx: _Context) -> list[Finding]:
    folder = paths.log_dir()
    ok, state = _folder_state(folder)
    if ok:
        return [Finding("logs", "ok", state)]
    return [
        Finding(
            "logs",
            "problem",
            f"{state}: the windows cannot keep log files",
            f"{_make_writable_fix(folder)}\n(or set {paths.ENV_LOG_DIR} to a writable folder)",
        )
    ]


# -- 5. Qt's platform plugin: can the windows open at all? ---------------------------------
def _check_qt(running: qt_platform.RunningCheck) -> list[Finding]:
    """Starts Qt as the windows do (QT_QPA_PLATFORM if set, else Qt's default)."""
    check = running.finish()
    if check.ok:
        return [Finding("qt", "ok", check.explain())]
    if check.missing:
        fix = qt_platform.apt_command()
        if sys.platform.startswith("linux"):
            fix += f"\n(Fedora: {qt_platform.dnf_command()})"
        return [Finding("qt", "problem", f"{check.explain()}: no window can open", fix)]
    if check.no_display:
        return [
            Finding(
                "qt",
                "warning",
                f"{check.explain()}; its libraries load, the windows were not tried",
                "run kiosk doctor in the kiosk's desktop session (or with DISPLAY=:0)",
            )
        ]
    return [
        Finding(
            "qt",
            "problem",
            f"{check.explain()}: no window can open",
            "run QT_DEBUG_PLUGINS=1 kiosk screens and read the lines before the error",
        )
    ]
