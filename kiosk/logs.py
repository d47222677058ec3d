"""Log files: one rotating file per role (kiosk, counter, display, admin, cli) in the
platform's log folder, so an IT officer can read what a PC did yesterday.

Every line that concerns a ticket carries its code: code that logs about a ticket passes
``extra=about(ticket_code)`` and the line reads ``... [A-001] kiosk.services.queue: called
to counter 2``. ``grep '\\[A-001\\]' *.log`` then follows one applicant through every PC's
log. Warnings also go to standard error, which systemd's journal keeps.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import sys
from pathlib import Path
from typing import Any

from kiosk.config import paths
from kiosk.domain.log import TICKET_FIELD, about
from kiosk.storage.files import create_private, make_private_folder

__all__ = ["about", "current_log_file", "log_file", "setup_logging"]
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


class LocalTimeFormatter(logging.Formatter):
    """One line per entry, stamped in ISO 8601 local time with the UTC offset: lines from
    PCs set to different zones (or a PC whose zone was wrong) still line up."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802
        # One entry, one line (a multi-line message would break grep and tail -f);
        # tracebacks, appended after this, keep their lines.
        if "\n" in record.message:
            record.message = " ".join(record.message.split())
        return super().formatMessage(record)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        stamp = dt.datetime.fromtimestamp(record.created).astimezone()
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
