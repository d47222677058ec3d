"""Files that hold the office's data are private to the account that runs the program.

The database holds PIN hashes, the token secret and every record; backups are copies of
it, and logs name tickets and staff. A process's umask (022 on most desktops) would make
them world readable, so they are created with an explicit mode instead. SQLite creates a
database's -wal and -shm files with the database file's own permissions, so creating the
database file ourselves covers those too. An existing file keeps its mode: an installer
that grants a group read access (0640) is not undone.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: Owner read/write only.
PRIVATE_FILE_MODE = 0o600
#: Owner only, for the folders the program creates for such files.
PRIVATE_FOLDER_MODE = 0o700


def create_private(path: Path) -> bool:
    """Create ``path`` empty with mode 0600 unless it exists; True if it was created.

    Raises OSError (the caller words it) when the folder is missing or not writable."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False  # made meanwhile by another window of the office: theirs is as good
    os.close(fd)
    return True


def make_private_folder(folder: Path) -> None:
    """``mkdir -p`` with mode 0700 for the folders created (existing ones are left as they are)."""
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)


def readable_by_others(path: Path) -> bool:
    """True when accounts other than the owner and its group may read ``path`` (POSIX)."""
    if os.name == "nt":
        return False  # NTFS rights are ACLs, not mode bits: the profile folder is private
    return bool(path.stat().st_mode & stat.S_IROTH)
