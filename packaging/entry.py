"""The frozen program's entry point (PyInstaller runs this file as ``__main__``).

The same as ``python -m kiosk``, plus what only a frozen build needs: multiprocessing's
spawned children (``kiosk bench``) re-enter here, and ``kiosk demo`` starts its windows
as ``<this program> -m kiosk ...``, which a frozen program has to read as ``kiosk ...``.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    multiprocessing.freeze_support()
    if getattr(sys, "frozen", False) and sys.argv[1:3] == ["-m", "kiosk"]:
        del sys.argv[1:3]
    from kiosk.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
