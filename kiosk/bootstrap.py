"""The composition shared by the CLI, the windows and the tests: what ``Office.open`` puts
together (the database engine, its schema brought up to date, the unit of work), the
configured printer, and the log files.

``Office.open`` is the entry point; it calls :func:`open_database` and lays the settings
saved in the database over the file's. The CLI and the windows call :func:`make_printer`
and :func:`setup_logging`.

Log files: one rotating file per role (kiosk, counter, display, admin, cli) in the
platform's log folder, so an IT officer can read what a PC did yesterday. Every line that
concerns a ticket carries its code: code that logs about a ticket passes
``extra=about(ticket_code)`` and the line reads ``... [A-001] kiosk.services.queue: called
to counter 2``. ``grep '\\[A-001\\]' *.log`` then follows one applicant through every PC's
log. Warnings also go to standard error, which systemd's journal keeps.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from kiosk.config import paths
from kiosk.config.settings import PrinterSection, Settings, database_url, default_database_url
from kiosk.domain.errors import DatabaseUnavailable, KioskError
from kiosk.domain.log import TICKET_FIELD, about
from kiosk.storage import migrate
from kiosk.storage.backup import backups_in
from kiosk.storage.engine import make_engine, normalise_url, redacted_url, sqlite_path
from kiosk.storage.files import create_private, make_private_folder
from kiosk.storage.uow import UnitOfWorkFactory, describe_db_error

if TYPE_CHECKING:
    from kiosk.printing.escpos import PrinterModel
    from kiosk.printing.printer import Printer

__all__ = [
    "Database",
    "about",
    "current_log_file",
    "log_file",
    "make_printer",
    "open_database",
    "printer_model",
    "protected_files",
    "setup_logging",
]


# -- the database ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Database:
    """An open office database: its URL (normalised), engine and unit of work."""

    url: str
    engine: Engine
    uow: UnitOfWorkFactory


def open_database(settings: Settings, url: str | None = None, *, upgrade: bool = True) -> Database:
    """The office database at ``url`` (None: KIOSK_DATABASE_URL, the config's [database]
    url, then an SQLite file in the platform data folder), its schema created or upgraded
    unless ``upgrade`` is False. DatabaseUnavailable (one line) when that cannot be done."""
    url = normalise_url(database_url(settings, url))
    if url == default_database_url():
        _create_data_folder(paths.data_dir())
    engine = make_engine(url)
    where = redacted_url(url)
    try:
        if upgrade and not migrate.is_current(engine):
            migrate.upgrade(engine)
    except DBAPIError as exc:
        engine.dispose()
        if _permission_denied(exc):
            # The shared-server setup: PCs log in as a role that may change rows but
            # not tables (packaging/postgresql). The schema is the owner's to upgrade.
            raise DatabaseUnavailable(
                f"the database at {where} has no tables for this version of the program "
                f"(revision {migrate.HEAD}), and its user may not create them. The IT "
                "officer upgrades it once, as the owner role: kiosk --db "
                "postgresql://kiosk_owner:PASSWORD@SERVER/kiosk db upgrade"
            ) from exc
        raise DatabaseUnavailable(describe_db_error(exc, where)) from exc
    return Database(url, engine, UnitOfWorkFactory(engine, where))


def _create_data_folder(folder: Path) -> None:
    try:
        make_private_folder(folder)
    except OSError as exc:
        raise KioskError(
            f"cannot create the data folder {folder}: {exc.strerror or exc}; set "
            "KIOSK_DATABASE_URL (or [database] url) to a database in a folder this account "
            "may write"
        ) from exc


def _permission_denied(exc: DBAPIError) -> bool:
    """PostgreSQL's "insufficient privilege" (SQLSTATE 42501)."""
    return getattr(exc.orig, "sqlstate", None) == "42501"


def protected_files(
    database_url: str, config_file: Path | None, backup_folders: Sequence[Path] = ()
) -> list[tuple[Path, str]]:
    """The office's own files no export may replace, each with what it is: the SQLite
    database and the files SQLite keeps beside it, the backups in ``backup_folders`` and
    the configuration file in use."""
    own: list[tuple[Path, str]] = []
    database = sqlite_path(database_url)
    if database is not None:
        own.append((database, "the office's database"))
        own += [(database.with_name(database.name + s), "the office's database file") for s in
                ("-wal", "-shm", "-journal")]  # fmt: skip
    for folder in backup_folders:
        own += [(backup, "a backup of the office's database") for backup in backups_in(folder)]
    if config_file is not None:
        own.append((config_file, "the configuration file in use"))
    return own


# -- the printer -------------------------------------------------------------------------
# The printing modules are imported when a printer is made, not with the office: python-escpos
# installs a root log handler on import (basicConfig), which would print every INFO line of
# a command that never prints to stderr.
def printer_model(section: PrinterSection) -> PrinterModel:
    from kiosk.printing.escpos import PrinterModel

    return PrinterModel(
        paper_mm=section.paper_mm,
        native_qr=section.native_qr,
        cutter=section.cutter,
        profile=section.profile,
        qr_module=section.qr_module,
    )


def make_printer(
    settings: Settings, *, port: str | None = None, baudrate: int | None = None
) -> Printer:
    """The configured printer; ``port``/``baudrate`` (CLI flags) override the file."""
    from kiosk.printing.printer import EscposPrinter, NoPrinter, PreviewPrinter
    from kiosk.printing.transport import (
        NetworkSettings,
        NetworkTransport,
        SerialSettings,
        SerialTransport,
    )

    section = settings.printer
    model = printer_model(section)
    kind = "serial" if port else section.kind
    if kind == "serial":
        return EscposPrinter(
            SerialTransport(
                SerialSettings(
                    port=port or section.port or "",
                    baudrate=baudrate or section.baudrate,
                    parity=section.parity,
                    flow=section.flow,
                )
            ),
            model,
            section.status_query,
        )
    if kind == "network":
        return EscposPrinter(
            NetworkTransport(NetworkSettings(host=section.host or "", port=section.tcp_port)),
            model,
            section.status_query,
        )
    if kind == "preview":
        folder = Path(section.preview_dir) if section.preview_dir else paths.data_dir() / "slips"
        return PreviewPrinter(folder, model)
    return NoPrinter()


# -- log files ---------------------------------------------------------------------------
#: A file grows to this size, then is rolled over; this many old files are kept.
MAX_BYTES = 2_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-7s %(process)d%(ticket_tag)s %(name)s: %(message)s"

#: Where logging was set up in this process (None: not yet / stderr only).
_current: Path | None = None


class TicketTag(logging.Filter):
    """Renders the ticket code (or nothing) into ``%(ticket_tag)s``."""

    def filter(self, record: logging.LogRecord) -> bool:
        code = getattr(record, TICKET_FIELD, None)
        record.ticket_tag = f" [{code}]" if code else ""
        return True


#: The zone log lines are stamped in: the office's once its settings are read (so the logs
#: agree with the screens and slips whatever zone the PC is set to), the PC's before.
_log_zone: dt.tzinfo | None = None


def use_log_zone(zone: dt.tzinfo) -> None:
    """Stamp this process's log lines in ``zone`` from now on (the office opens: its zone)."""
    global _log_zone
    _log_zone = zone


class LocalTimeFormatter(logging.Formatter):
    """One line per entry, stamped in ISO 8601 office time with the UTC offset: lines from
    PCs set to different zones (or a PC whose zone was wrong) still line up."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802
        # One entry, one line (a multi-line message would break grep and tail -f);
        # tracebacks, appended after this, keep their lines.
        if "\n" in record.message:
            record.message = " ".join(record.message.split())
        return super().formatMessage(record)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        zone = _log_zone
        stamp = (
            dt.datetime.fromtimestamp(record.created, zone)
            if zone is not None
            else dt.datetime.fromtimestamp(record.created).astimezone()
        )
        return stamp.isoformat(timespec="milliseconds")


class ForgivingRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Rolls over like its parent, but a rollover that fails (Windows will not rename a
    file another process has open: two CLI runs at once) keeps logging to the same file
    instead of printing a traceback on every line."""

    def __init__(self, filename: Path, maxBytes: int, backupCount: int, encoding: str) -> None:  # noqa: N803
        super().__init__(filename, maxBytes=maxBytes, backupCount=backupCount, encoding=encoding)
        self._step = maxBytes

    def _open(self) -> Any:
        # Logs name tickets and staff: private to this account, whatever the umask (the
        # rolled-over files keep the mode, being renamed).
        create_private(Path(self.baseFilename))
        return super()._open()

    def doRollover(self) -> None:  # noqa: N802
        try:
            super().doRollover()
        except OSError:
            if self.stream is None or self.stream.closed:
                self.stream = self._open()
            # Try again only after another full file's worth of lines.
            self.maxBytes += self._step


def log_file(role: str, folder: Path | None = None) -> Path:
    return (folder or paths.log_dir()) / f"{role}.log"


def setup_logging(
    role: str,
    *,
    folder: Path | None = None,
    level: int = logging.INFO,
    stderr_level: int = logging.WARNING,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
) -> Path | None:
    """Send this process's log lines to ``<log dir>/<role>.log`` (rotated) and warnings
    to stderr. Returns the file, or None when the folder cannot be written (then stderr
    only, said once on stderr: a log problem must never stop a kiosk)."""
    global _current
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    tag = TicketTag()
    formatter = LocalTimeFormatter(FORMAT)

    console = logging.StreamHandler(sys.stderr)
    console.setLevel(stderr_level)
    console.addFilter(tag)
    console.setFormatter(formatter)
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)
    root.setLevel(min(level, stderr_level))

    path = log_file(role, folder)
    try:
        make_private_folder(path.parent)
        handler = ForgivingRotatingFileHandler(
            path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        )
    except OSError as exc:
        print(
            f"kiosk: warning: cannot write the log file {path} ({exc.strerror or exc}); "
            f"logging to the console only. Fix: make {path.parent} writable for "
            f"{paths.user_name()} or set KIOSK_LOG_DIR to a folder that is.",
            file=sys.stderr,
        )
        _current = None
        return None
    handler.setLevel(level)
    handler.addFilter(tag)
    handler.setFormatter(formatter)
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    # Alembic announces each of its plugins at INFO on every start: noise in a log file.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    _current = path
    return path


def current_log_file() -> Path | None:
    return _current
