"""Check 2: the database: the URL's form, the SQLite file and its folder (rights,
privacy) or the PostgreSQL server (reachable, the password, the role's rights), the
schema version, and the settings saved from the admin window (which may move the printer).

Read-only: it creates no database and changes no schema or rows."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import paths
from kiosk.config.settings import ENV_DATABASE_URL, ConfigError, database_url, with_overrides
from kiosk.storage.backup import backup_folder
from kiosk.storage.engine import redacted_url
from kiosk.tools.doctor.files import describe_mode, folder_state, make_writable_fix
from kiosk.tools.doctor.findings import Context, Finding

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine


def _url_source(ctx: Context) -> str:
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


def _where_to_set(ctx: Context) -> str:
    source = _url_source(ctx)
    if source.startswith("the default location"):
        file = ctx.config_file or (paths.config_dir() / "kiosk.toml")
        return f"[database] url in {file}"
    return source


def _kiosk_cmd(ctx: Context, *words: str, db: str | None = None) -> str:
    parts = ["kiosk"]
    if ctx.config_arg:
        parts += ["--config", ctx.config_arg]
    if db is not None:
        parts += ["--db", db]
    elif ctx.db_arg:
        parts += ["--db", redacted_url(ctx.db_arg).replace("***", "PASSWORD")]
    return " ".join([*parts, *words])


def check_database(ctx: Context) -> list[Finding]:
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


def _check_sqlite(ctx: Context, path: Path, url: str, shown: str, source: str) -> list[Finding]:
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
        ok, state = folder_state(folder)
        create = _kiosk_cmd(ctx, "db upgrade")
        elsewhere = f"if the office's data is elsewhere, set {_where_to_set(ctx)} to it"
        if ok:
            message = f"{shown}: no database yet, nor its folder {folder} (from {source})"
            fix = f"create it: {create} (it makes the folder too); {elsewhere}"
        else:
            message = f"{shown}: no database yet, and {state} (from {source})"
            fix = f"{make_writable_fix(folder)}\nthen create it: {create}; {elsewhere}"
        return [*found, Finding("database", "problem", message, fix)]
    if not os.access(folder, os.W_OK | os.X_OK):
        found.append(
            Finding(
                "database",
                "problem",
                f"{paths.user_name()} may not write in {folder} ({describe_mode(folder.stat())}); "
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
                    f"({describe_mode(file.stat())})",
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
            backups = backup_folder(url, ctx.settings.backup.path)
            found.append(
                Finding(
                    "database",
                    "problem",
                    f"{path} is not a usable SQLite database ({text})",
                    "restore the newest backup (the damaged file is kept): "
                    f"{_kiosk_cmd(ctx, 'db restore', str(backups))}"
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
            f"{shared[0]} ({describe_mode(shared[0].stat())}) can be read by every account "
            "on this PC; it holds the staff's PIN hashes and the ticket secret",
            "chmod 600 " + " ".join(str(f) for f in shared),
        )
    ]


def _check_postgres(
    ctx: Context, engine: Engine, url: str, shown: str, source: str
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


def _check_schema(ctx: Context, conn: Connection, shown: str, kind: str) -> list[Finding]:
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


def _take_overlay(ctx: Context, engine: Engine, shown: str) -> list[Finding]:
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
