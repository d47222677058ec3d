"""Who the doctor runs as and what a file or folder allows it, for every check's
messages and fixes; and check 4, the log folder."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from kiosk.config import paths
from kiosk.tools.doctor.findings import Context, Finding


def is_root() -> bool:
    return os.name != "nt" and os.geteuid() == 0


def _owner(uid: int) -> str:
    if os.name != "nt":
        import pwd

        with contextlib.suppress(KeyError):
            return pwd.getpwuid(uid).pw_name
    return str(uid)


def group_name(gid: int) -> str:
    if os.name != "nt":
        import grp

        with contextlib.suppress(KeyError):
            return grp.getgrgid(gid).gr_name
    return str(gid)


def primary_group() -> str:
    return group_name(os.getgid()) if os.name != "nt" else "Users"


def describe_mode(st: os.stat_result) -> str:
    if os.name == "nt":
        return ""
    mode = stat.S_IMODE(st.st_mode)
    return f"owner {_owner(st.st_uid)}, group {group_name(st.st_gid)}, mode {mode:04o}"


def blocking_folder(path: Path) -> Path | None:
    """The first folder above ``path`` this user may not enter (no x permission)."""
    for parent in reversed(path.parents):
        if parent.is_dir() and not os.access(parent, os.X_OK):
            return parent
    return None


def folder_state(folder: Path) -> tuple[bool, str]:
    """Whether files can be written in ``folder`` (created if missing), and how it stands."""
    if folder.exists():
        if not folder.is_dir():
            return False, f"{folder} is a file, not a folder"
        if not os.access(folder, os.W_OK | os.X_OK):
            return (
                False,
                f"{paths.user_name()} may not write in {folder} ({describe_mode(folder.stat())})",
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
            f"({describe_mode(ancestor.stat())})"
        )
    return True, f"{folder} does not exist yet; it will be created"


def make_writable_fix(folder: Path) -> str:
    if os.name == "nt":
        return f"give this Windows account write access to {folder} (Properties > Security)"
    user = paths.user_name()
    return f"sudo mkdir -p {folder} && sudo chown {user} {folder} && sudo chmod 750 {folder}"


# -- 4. the log folder ----------------------------------------------------------------------
def check_logs(ctx: Context) -> list[Finding]:
    folder = paths.log_dir()
    ok, state = folder_state(folder)
    if ok:
        return [Finding("logs", "ok", state)]
    return [
        Finding(
            "logs",
            "problem",
            f"{state}: the windows cannot keep log files",
            f"{make_writable_fix(folder)}\n(or set {paths.ENV_LOG_DIR} to a writable folder)",
        )
    ]
