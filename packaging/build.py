"""Build the one-folder program: ``python packaging/build.py`` (Linux and Windows alike).

Runs PyInstaller on ``packaging/kiosk.spec`` with the work files in ``build/pyinstaller``
and the result in ``dist/kiosk`` (both under the repository). Installs nothing itself: it
needs the ``build`` extra (``pip install -e '.[build]'``) in the Python that runs it.
PyInstaller cannot cross-build, so the folder is for the OS this runs on.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "kiosk.spec"
WORK = ROOT / "build" / "pyinstaller"
DIST = ROOT / "dist"


def program_names() -> tuple[str, str]:
    suffix = ".exe" if sys.platform == "win32" else ""
    return f"kiosk{suffix}", f"kioskw{suffix}"


def pyinstaller_args() -> list[str]:
    return [
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--workpath",
        str(WORK),
        "--distpath",
        str(DIST),
        str(SPEC),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    if argv is not None and list(argv):
        print("usage: python packaging/build.py  (no options)", file=sys.stderr)
        return 2
    if importlib.util.find_spec("PyInstaller") is None:
        print(
            "PyInstaller is not installed in this Python. Install the build extra first:\n"
            "    pip install -e '.[build]'\n"
            "    (Windows: .venv\\Scripts\\pip install -e .[build])",
            file=sys.stderr,
        )
        return 1
    import PyInstaller.__main__

    start = time.monotonic()
    print(f"building {DIST / 'kiosk'} with PyInstaller (this takes a few minutes)...")
    try:
        PyInstaller.__main__.run(pyinstaller_args())
    except SystemExit as exc:  # PyInstaller exits on errors it has already reported
        if exc.code not in (None, 0):
            print(f"build failed (PyInstaller exit {exc.code})", file=sys.stderr)
            return 1
    folder = DIST / "kiosk"
    console, windowed = (folder / name for name in program_names())
    if not console.is_file():
        print(f"build failed: {console} was not produced", file=sys.stderr)
        return 1
    print(f"built in {time.monotonic() - start:.0f} s")
    print(f"the program:       {console}")
    print(f"without a console: {windowed}")
    print(f"copy the whole folder {folder} to the PC (e.g. C:\\Kiosk); try: {console} --version")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
