"""Run a command on this machine as if a system library were not installed.

A stock Debian desktop lacks some of the X11 libraries Qt's xcb plugin loads
(libxcb-icccm4, libxcb-keysyms1...). To see what the doctor and the demo say then, the
command runs in a private mount namespace where the library's folder is a tmpfs of
symlinks to every file but that library: the real plugin, the real loader, the real
error ("libxcb-icccm.so.4: cannot open shared object file"), and nothing changes outside.

Needs Linux and the right to make a mount namespace (root, as in CI); ``command`` returns
None where that is not possible, and the caller skips.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: One of the libraries libqxcb.so links to that a stock Debian 12 desktop lacks.
HIDDEN = "libxcb-icccm.so.4"


def library_folder(soname: str = HIDDEN) -> Path | None:
    """The folder the loader finds ``soname`` in (its real path), from ``ldconfig -p``."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in listing.stdout.splitlines():
        if line.strip().startswith(soname + " ") and "=>" in line:
            return Path(line.split("=>", 1)[1].strip()).resolve().parent
    return None


def command(cmd: list[str], workdir: Path, soname: str = HIDDEN) -> list[str] | None:
    """``cmd`` wrapped so that it runs without ``soname``; None if this machine cannot.

    When ``soname`` is not installed at all the command runs as it is: it is missing for
    real."""
    if not sys.platform.startswith("linux"):
        return None
    folder = library_folder(soname)
    if folder is None:
        return cmd
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0:
        return None
    probe = subprocess.run([unshare, "-m", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        return None
    original = workdir / "original-libs"
    original.mkdir(parents=True, exist_ok=True)
    return [unshare, "-m", "--propagation", "private", sys.executable, __file__,
            str(folder), str(original), soname, *cmd]  # fmt: skip


def _hide_and_run(folder: str, original: str, soname: str, cmd: list[str]) -> None:
    """Inside the namespace: the folder becomes symlinks to all of it but ``soname``.
    Python is already loaded, so it needs nothing from the folder once it is covered."""
    mount = shutil.which("mount") or "/bin/mount"
    subprocess.run([mount, "--bind", folder, original], check=True)
    subprocess.run([mount, "-t", "tmpfs", "tmpfs", folder], check=True)
    for entry in os.scandir(original):
        if entry.name == soname or entry.name.startswith(soname + "."):
            continue
        os.symlink(os.path.join(original, entry.name), os.path.join(folder, entry.name))
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    _hide_and_run(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
