"""``kiosk db`` (schema, backup, restore) and ``kiosk config`` (check, example)."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli._common import (
    _KEEP,
    Commands,
    Parents,
    UsageError,
    _add_admin_options,
    _admin_pin,
    _office,
    _Parser,
    _print_json,
    _settings,
    _signed_in,
)
from kiosk.domain.errors import DatabaseUnavailable


def summaries() -> dict[str, str]:
    """Each command's line in ``kiosk --help`` (the listing needs no parser of ours)."""
    return {"db": "database maintenance", "config": "the configuration file"}


# -- db ... ---------------------------------------------------------------------------------
def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from kiosk.config.settings import database_url
    from kiosk.storage import migrate
    from kiosk.storage.engine import make_engine, normalise_url

    url = normalise_url(database_url(_settings(args), args.db))
    engine = make_engine(url)
    try:
        before = _revision(engine)
        migrate.upgrade(engine)
        after = _revision(engine)
    except Exception as exc:
        from sqlalchemy.exc import DBAPIError

        from kiosk.storage.uow import describe_db_error

        if isinstance(exc, DBAPIError):
            raise DatabaseUnavailable(describe_db_error(exc)) from exc
        raise
    finally:
        engine.dispose()
    if before == after:
        print(f"database schema is up to date (revision {after})")
    else:
        print(f"database schema upgraded from {before or 'empty'} to {after}")
    return 0


def _revision(engine: Any) -> str | None:
    from kiosk.storage.migrate import current_revision

    with engine.connect() as conn:
        rev: str | None = current_revision(conn)
        return rev


def _database_url(args: argparse.Namespace) -> str:
    from kiosk.config.settings import database_url
    from kiosk.storage.engine import normalise_url

    return normalise_url(database_url(_settings(args), args.db))


def cmd_db_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.storage.backup import backup_folder, backup_sqlite

    # [backup] of the config unless given: the daily timer/task, the admin window and a
    # person typing this all back up into one folder and keep as many.
    settings, url = _settings(args), _database_url(args)
    folder = backup_folder(url, Path(args.to) if args.to else settings.backup.path)
    keep = settings.backup.keep if args.keep is None else args.keep
    result = backup_sqlite(url, folder, keep=keep)
    if args.json:
        _print_json(result.to_dict())
    else:
        print(f"backed up to {result.path} ({result.size_bytes / 1e6:.1f} MB)")
        for old in result.removed:
            print(f"removed the older backup {old}")
    return 0


def cmd_db_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    if not args.yes:
        raise UsageError(
            "restoring replaces today's data with the backup's; add --yes to go ahead "
            "(the current database is backed up first)"
        )
    admin_pin = _admin_pin(args)
    with _office(args) as office, _signed_in(office, args, admin_pin) as session:
        safety = office.restore_backup(Path(args.backup), session=session)
    if safety is not None:
        print(f"the database as it was is kept in {safety}")
    print(f"restored from {args.backup}")
    return 0


def add_db(groups: Commands, parents: Parents) -> None:
    common, as_json = parents.common, parents.as_json
    db = groups.add_parser("db", help=summaries()["db"], parents=[common])
    dsub = db.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    dsub.required = True
    p = dsub.add_parser("upgrade", help="create or upgrade the schema", parents=[common])
    p.set_defaults(func=cmd_db_upgrade)
    p = dsub.add_parser(
        "backup",
        help="copy an SQLite database safely while it is in use",
        parents=[common, as_json],
    )
    p.add_argument(
        "--to",
        metavar="DIR",
        help='backup folder (default: [backup] folder, else "backups" beside the database file)',
    )
    p.add_argument(
        "--keep", type=_KEEP, help="copies to keep in the folder (default: [backup] keep)"
    )
    p.set_defaults(func=cmd_db_backup)
    p = dsub.add_parser(
        "restore", help="put a backup back (the current database is kept)", parents=[common]
    )
    p.add_argument("backup", help="a kiosk-backup-*.db file")
    p.add_argument("--yes", action="store_true", help="really replace the data")
    _add_admin_options(p)
    p.set_defaults(func=cmd_db_restore)


# -- config ... -----------------------------------------------------------------------------
def cmd_config_check(args: argparse.Namespace) -> int:
    from kiosk.config.settings import database_url
    from kiosk.storage.engine import redacted_url

    settings = _settings(args)
    url = database_url(settings, args.db)
    if args.json:
        _print_json(
            {
                "ok": True,
                "source": settings.source,
                "office": settings.office.name,
                "timezone": settings.office.timezone,
                "services": [s.code for s in settings.services],
                "counters": [c.number for c in settings.counters],
                "database": redacted_url(url),
            }
        )
        return 0
    print(f"configuration OK ({settings.source})")
    print(f"  office:    {settings.office.name} ({settings.office.timezone})")
    for s in settings.domain_services():
        quota = f", quota {s.daily_quota}/day" if s.daily_quota else ""
        hours = s.hours.describe() if s.hours else "any hour"
        state = "" if s.active else " [inactive]"
        print(f"  service {s.code}: {s.name_id} / {s.name_en}{quota}; {hours}{state}")
    for c in settings.domain_counters():
        print(f"  counter {c.number}: {c.name} serves {', '.join(c.services)}")
    policy = settings.queue.priority_policy.value
    if policy == "interleave":
        policy += f" (one priority call after every {settings.queue.priority_every} regular)"
    print(f"  priority:  {policy}; categories: {', '.join(p.code for p in settings.priority)}")
    print(f"  database:  {redacted_url(url)}")
    return 0


def cmd_config_example(args: argparse.Namespace) -> int:
    from kiosk.config.example import example_toml

    print(example_toml(), end="")
    return 0


def add_config(groups: Commands, parents: Parents) -> None:
    common, as_json = parents.common, parents.as_json
    config = groups.add_parser("config", help=summaries()["config"], parents=[common])
    csub = config.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    csub.required = True
    p = csub.add_parser("check", help="validate the configuration", parents=[common, as_json])
    p.set_defaults(func=cmd_config_check)
    p = csub.add_parser("example", help="print an annotated example file", parents=[common])
    p.set_defaults(func=cmd_config_example)
