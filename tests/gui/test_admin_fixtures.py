"""What the admin window's tests share (no tests here; the other test_admin_* modules
import these fixtures).

``admin_url``    a copy of a database filled once per session the way ``kiosk demo-data``
                 does (``fill_demo_day``), with the demo accounts of ``kiosk demo``
                 (petugas 1234 officer, kasubsi 2468 supervisor, admin 1357 admin).
``admin_settings`` the built-in office (what the CLI uses without a config file).
``other``        a second Office on the same database (another PC or process).
``make_admin``   builds a shown admin window with quick timings, QSettings in tmp_path and
                 no native dialogs; closes it at the end of the test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.config.settings import Settings, settings_from_dict
from kiosk.demo import ensure_demo_staff, fill_demo_day
from kiosk.domain.staff import StaffAccount
from kiosk.office import Office
from kiosk.ui.admin.chrome import Tab
from kiosk.ui.admin.controller import Timings
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.window import AdminWindow

SLOW = 600_000  # "never" within a test
QUICK = Timings(retry_ms=100, settle_ms=50, refresh_ms=SLOW, backup_check_ms=SLOW)
OFFICER = ("petugas", "1234")
SUPERVISOR = ("kasubsi", "2468")
ADMIN = ("admin", "1357")

AdminFactory = Callable[..., AdminWindow]


def base_settings() -> Settings:
    return settings_from_dict({}, "test")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo day, filled once per session (it takes a few seconds)."""
    folder = tmp_path_factory.mktemp("admin-demo")
    path = folder / "demo.db"
    with Office.open(f"sqlite:///{path}", settings=base_settings()) as office:
        fill_demo_day(office, seed=11)
        ensure_demo_staff(office)
    return path


@pytest.fixture
def admin_settings() -> Settings:
    return base_settings()


@pytest.fixture
def admin_url(demo_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "kiosk.db"
    for suffix in ("", "-wal", "-shm"):
        source = demo_template.with_name(demo_template.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return f"sqlite:///{target}"


@pytest.fixture
def other(admin_url: str, admin_settings: Settings) -> Iterator[Office]:
    with Office.open(admin_url, settings=admin_settings) as office:
        yield office


@pytest.fixture
def make_admin(
    qtbot: QtBot, admin_url: str, admin_settings: Settings, tmp_path: Path
) -> Iterator[AdminFactory]:
    windows: list[AdminWindow] = []

    def make(
        *,
        open_office: Callable[[], AdminOffice] | None = None,
        settings: Settings | None = None,
        timings: Timings = QUICK,
        prefs: QSettings | None = None,
        **choosers: Any,
    ) -> AdminWindow:
        s = settings or admin_settings

        def default_open() -> AdminOffice:
            return Office.open(admin_url, settings=s)

        window = AdminWindow(
            s,
            open_office or default_open,
            timings=timings,
            prefs=prefs or QSettings(str(tmp_path / "admin.ini"), QSettings.Format.IniFormat),
            choose_save=choosers.get("choose_save", _no_dialog),
            choose_folder=choosers.get("choose_folder", _no_dialog),
            choose_open=choosers.get("choose_open", _no_dialog),
        )
        windows.append(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        if isValid(window):
            window.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _no_dialog(*_args: object) -> None:
    raise AssertionError("a test must not open a file dialog")


def sign_in(qtbot: QtBot, window: AdminWindow, who: tuple[str, str]) -> StaffAccount:
    """Sign in through the page as a person would; waits for the dashboard's figures."""
    page = window.sign_in_page
    page.username.setText(who[0])
    page.pin.setText(who[1])
    with qtbot.waitSignal(window.signed_in, timeout=10_000) as blocker:
        page.submit()
    qtbot.waitUntil(lambda: window.dashboard.data is not None, timeout=10_000)
    account = blocker.args[0]
    assert isinstance(account, StaffAccount)
    return account


def shown(qtbot: QtBot, window: AdminWindow, key: str) -> Tab:
    """Switch to a tab and wait until what it shows has been read."""
    tab = window.all_tabs()[["dashboard", "tickets", "survey", "exports", "settings", "audit",
                             "backup"].index(key)]  # fmt: skip
    if not tab.stale:
        window.show_tab(key)
        return tab
    with qtbot.waitSignal(tab.data_shown, timeout=10_000):
        if window.current_tab() is tab:
            tab.refresh()
        else:
            window.show_tab(key)
    return tab


def idle(qtbot: QtBot, window: AdminWindow) -> None:
    qtbot.waitUntil(lambda: not window.backend.busy, timeout=10_000)
