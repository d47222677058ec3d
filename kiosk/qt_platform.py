"""What Qt's windows need from the system, and why they would not start. No Qt here.

The PySide6 wheel carries Qt itself, but Qt's X11 platform plugin (libqxcb.so) loads the
X11 client libraries from the system, and a desktop install does not always have them all
(libxcb-cursor0 since Qt 6.5, libxcb-icccm4, libxcb-keysyms1...). Without one, Qt prints
"Could not load the Qt platform plugin" and aborts; what is missing is only said with
QT_DEBUG_PLUGINS=1. The package list here is the one fact that the README, ``kiosk doctor``,
``kiosk demo``, packaging/linux/install.sh and CI use (``python -m kiosk.qt_platform``).

The check runs ``kiosk screens`` (a QApplication on the platform the windows will use) in a
subprocess, so a missing library never aborts the caller and this module needs no Qt.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: Debian 12 / Ubuntu 22.04+ packages of what libqxcb.so and libQt6XcbQpa.so.6 link to
#: from the system (ldd on the wheel's plugin, minus the C runtime, GLib and D-Bus that
#: every install has). apt installs only the missing ones.
DEBIAN_PACKAGES: tuple[str, ...] = (
    "libxcb1",
    "libx11-6",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libegl1",
    "libgl1",
    "libfontconfig1",
)
#: Fedora's names for the libraries a workstation install lacks (the xcb-util family).
FEDORA_PACKAGES: tuple[str, ...] = (
    "xcb-util-cursor",
    "xcb-util-wm",
    "xcb-util-keysyms",
    "xcb-util-image",
    "xcb-util-renderutil",
    "libxkbcommon-x11",
)

#: Qt's own words when no platform plugin could start (any platform, any OS).
PLUGIN_FAILED = "Could not load the Qt platform plugin"
PLUGIN_NOT_FOUND = "Could not find the Qt platform plugin"
#: The dynamic loader's words for a library that is not there (QT_DEBUG_PLUGINS=1 shows it).
_CANNOT_OPEN = re.compile(r"(\S+?): cannot open shared object file")
_PLUGIN_PATH = re.compile(r"\"([^\"]*[/\\]platforms[/\\][^\"]+)\" cannot load")
_SCREEN_SIZE = re.compile(r"(\d+x\d+) at ")  # a line of kiosk screens
_NO_DISPLAY = "could not connect to display"
#: How long Qt may take to start on a busy PC before the check calls it hung.
TIMEOUT = 60.0


def apt_command() -> str:
    return "sudo apt-get install " + " ".join(DEBIAN_PACKAGES)


def dnf_command() -> str:
    return "sudo dnf install " + " ".join(FEDORA_PACKAGES)


@dataclass(frozen=True, slots=True)
class PlatformCheck:
    """How starting Qt went, in the environment the windows would have."""

    #: The platform asked for: QT_QPA_PLATFORM, or "" for Qt's default.
    platform: str
    ok: bool
    #: Shared libraries the platform plugin could not find, as the loader names them.
    missing: tuple[str, ...] = ()
    #: Qt found no display to connect to (DISPLAY / WAYLAND_DISPLAY not set or dead).
    no_display: bool = False
    timed_out: bool = False
    #: The screens ``kiosk screens`` listed (ok), or Qt's last words (not ok).
    detail: str = ""

    @property
    def platform_name(self) -> str:
        return f"the {self.platform or 'default'} platform"

    def explain(self) -> str:
        """One sentence for a person: what happened."""
        if self.ok:
            return f"Qt starts on {self.platform_name} ({self.detail})"
        if self.missing:
            return (
                f"Qt's {self.platform or 'xcb'} platform plugin cannot load: "
                f"{', '.join(self.missing)} missing"
            )
        if self.timed_out:
            return f"Qt did not start within {TIMEOUT:.0f} s on {self.platform_name}"
        if self.no_display:
            where = os.environ.get("DISPLAY")
            said = f"DISPLAY={where}" if where else "DISPLAY is not set"
            return f"Qt found no display to open windows on ({said})"
        return f"Qt could not start on {self.platform_name}: {self.detail}"


def missing_libraries(output: str) -> tuple[str, ...]:
    """The libraries the platform plugin lacks, from Qt's QT_DEBUG_PLUGINS=1 output.

    The loader names only the first missing library; ``ldd`` on the plugin it could not
    load (Linux) names them all, so a fix installs everything at once."""
    found: list[str] = []
    for line in output.splitlines():
        if "cannot open shared object file" not in line or "platforms" not in line:
            continue  # an optional plugin (an image format, a theme) is not why Qt stopped
        lib = _CANNOT_OPEN.search(line)
        if lib is not None:
            found.append(lib.group(1))
        plugin = _PLUGIN_PATH.search(line)
        if plugin is not None:
            found += _ldd_not_found(plugin.group(1))
    return tuple(dict.fromkeys(found))


def _ldd_not_found(plugin: str) -> list[str]:
    ldd = shutil.which("ldd")
    if ldd is None or not os.path.exists(plugin):
        return []
    try:
        out = subprocess.run(
            [ldd, plugin], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line.split()[0] for line in out.splitlines() if "=> not found" in line]


def plugin_failed(output: str) -> bool:
    """Whether ``output`` (a window's stderr) says Qt could not start its platform."""
    return PLUGIN_FAILED in output or PLUGIN_NOT_FOUND in output


def check_platform(env: Mapping[str, str] | None = None, timeout: float = TIMEOUT) -> PlatformCheck:
    """Start Qt as a window would (``kiosk screens``) and say how it went."""
    return start_check(env).finish(timeout)


@dataclass(frozen=True, slots=True)
class RunningCheck:
    """The check's process, started: the doctor runs its other checks meanwhile (Qt takes
    a second or two to start)."""

    platform: str
    process: subprocess.Popen[str]

    def finish(self, timeout: float = TIMEOUT) -> PlatformCheck:
        process, platform = self.process, self.platform
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return PlatformCheck(platform, ok=False, timed_out=True)
        if process.returncode == 0:
            screens = _SCREEN_SIZE.findall(out)
            sizes = ", ".join(screens)
            plural = "" if len(screens) == 1 else "s"
            return PlatformCheck(platform, ok=True, detail=f"{len(screens)} screen{plural} {sizes}")
        missing = missing_libraries(err)
        return PlatformCheck(
            platform,
            ok=False,
            missing=missing,
            no_display=not missing and _NO_DISPLAY in err,
            detail=_last_words(err, process.returncode),
        )

    def abandon(self) -> None:
        """Stop the check if nobody read it (its caller failed first)."""
        if self.process.returncode is None:
            self.process.kill()
            self.process.communicate()


def start_check(env: Mapping[str, str] | None = None) -> RunningCheck:
    environ = dict(os.environ if env is None else env)
    environ["QT_DEBUG_PLUGINS"] = "1"  # the loader's reason, not just "could not load"
    # A frozen program reads "-m kiosk" as its own command line (packaging/entry.py).
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "screens"],
        env=environ,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    return RunningCheck(environ.get("QT_QPA_PLATFORM", ""), process)


def _last_words(err: str, code: int) -> str:
    """Qt's lines that say why, without the plugin loader's chatter."""
    said = [
        line.strip()
        for line in err.splitlines()
        if line.strip() and not line.startswith(("qt.core.", " ", "{", "}", "\t", '"'))
    ]
    reasons = [line for line in said if "ould not" in line]  # Qt's "Could not load..."
    return (reasons or said or [f"exit status {code}"])[-1]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kiosk.qt_platform [--fedora]``: the package list on one line, for CI
    and scripts (``apt-get install $(python -m kiosk.qt_platform)``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args not in ([], ["--fedora"]):
        print("usage: python -m kiosk.qt_platform [--fedora]", file=sys.stderr)
        return 2
    print(" ".join(FEDORA_PACKAGES if args else DEBIAN_PACKAGES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
