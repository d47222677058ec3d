"""The one list of what Qt's X11 plugin needs from the system, and reading Qt's reasons."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from kiosk import qt_platform

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_and_install_sh_name_the_packages_the_code_names() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    apt = re.search(r"^sudo apt-get install (.+)$", readme, re.MULTILINE)
    dnf = re.search(r"^sudo dnf install (.+)$", readme, re.MULTILINE)
    assert apt is not None and dnf is not None
    assert tuple(apt.group(1).split()) == qt_platform.DEBIAN_PACKAGES
    assert tuple(dnf.group(1).split()) == qt_platform.FEDORA_PACKAGES
    install = (ROOT / "packaging" / "linux" / "install.sh").read_text(encoding="utf-8")
    listed = re.search(r"^qt_libs=\(([^)]*)\)", install, re.MULTILINE)
    assert listed is not None
    assert tuple(listed.group(1).split()) == qt_platform.DEBIAN_PACKAGES


def test_the_list_prints_for_scripts() -> None:
    for args, names in (
        ([], qt_platform.DEBIAN_PACKAGES),
        (["--fedora"], qt_platform.FEDORA_PACKAGES),
    ):
        out = subprocess.run(
            [sys.executable, "-m", "kiosk.qt_platform", *args],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip
        assert out.split() == list(names)


def test_the_loaders_words_name_the_library_and_optional_plugins_do_not() -> None:
    # Qt 6.11's QT_DEBUG_PLUGINS=1 lines, as printed on Debian 12 without libxcb-icccm4.
    output = "\n".join([
        'qt.core.library: "/x/plugins/imageformats/libqtiff.so" cannot load: Cannot load '
        "library /x/plugins/imageformats/libqtiff.so: libtiff.so.6: cannot open shared object "
        "file: No such file or directory",
        'qt.core.library: "/x/plugins/platforms/libqxcb.so" cannot load: Cannot load library '
        "/x/plugins/platforms/libqxcb.so: libxcb-icccm.so.4: cannot open shared object file: "
        "No such file or directory",
        "qt.qpa.plugin: From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt "
        "xcb platform plugin.",
        'qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was '
        "found.",
    ])  # fmt: skip
    assert qt_platform.missing_libraries(output) == ("libxcb-icccm.so.4",)
    assert qt_platform.plugin_failed(output)
    assert not qt_platform.plugin_failed("qt.qpa.xcb: QXcbConnection: XCB error: 3")
