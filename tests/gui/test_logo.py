"""The office logo set elsewhere (another PC, the CLI) shows in the kiosk's top bar (on its
home screen too) and in the display board's top bar; the admin window shows, sets and removes
it. No logo: nothing shows (no empty box)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.domain.model import AuditQuery
from kiosk.office import Office
from kiosk.tools.demo.logo import demo_logo
from kiosk.ui.admin.settings.special_pages import LogoBox
from kiosk.ui.admin.window import AdminWindow
from kiosk.ui.common.i18n import tr
from kiosk.ui.lobby.host import KioskHost
from tests.staff import admin_session

from . import test_admin_fixtures as fx
from . import test_display as display
from . import test_kiosk_settings as kiosk_settings
from .support import WindowFactory
from .test_admin_fixtures import (
    ADMIN,
    SUPERVISOR,
    AdminFactory,
    click,
    open_section,
    shown,
    sign_in,
    switch_language,
)

# The shared fixtures, found by pytest under these names.
admin_settings = fx.admin_settings
admin_url = fx.admin_url
demo_template = fx.demo_template
make_admin = fx.make_admin
other = fx.other
host = kiosk_settings.host
make_board = display.make_board


# -- the kiosk -----------------------------------------------------------------------------------
def test_the_kiosk_shows_no_logo_box_until_one_is_set_elsewhere(
    qtbot: QtBot, host: KioskHost, other_office: Office
) -> None:
    window = host.window
    # The top bar shows on the home screen; the box is hidden while there is no logo.
    assert window.top_bar.isVisible()
    assert window.top_bar.logo.isHidden()
    # A new logo counts as new settings: the kiosk at rest is rebuilt and reads it.
    with qtbot.waitSignal(host.rebuilt, timeout=10_000):
        other_office.set_logo(demo_logo(), session=admin_session(other_office))
    new = host.window
    qtbot.waitUntil(lambda: new.top_bar.logo.has_logo, timeout=10_000)
    assert new.top_bar.logo.isVisible()
    qtbot.waitUntil(lambda: new.top_bar.logo.geometry().right() < new.top_bar.office.x())
    assert 0 < new.top_bar.logo.height() < new.top_bar.height()

    with qtbot.waitSignal(host.rebuilt, timeout=10_000):
        other_office.set_logo(None, session=admin_session(other_office))
    qtbot.waitUntil(lambda: host.window.controller.last_status is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not host.window.top_bar.logo.has_logo)
    assert host.window.top_bar.logo.isHidden()


def test_a_kiosk_started_with_a_logo_shows_it(
    qtbot: QtBot, make_window: WindowFactory, other_office: Office
) -> None:
    other_office.set_logo(demo_logo(), session=admin_session(other_office))
    window = make_window()
    qtbot.waitUntil(lambda: window.top_bar.logo.has_logo, timeout=10_000)
    assert window.top_bar.logo.isVisible()


# -- the display board -------------------------------------------------------------------------
def test_the_board_shows_a_logo_set_by_another_office(
    qtbot: QtBot, make_board: display.BoardFactory, sqlite_url: str, other_office: Office
) -> None:
    window, _ = make_board(sqlite_url)
    assert not window.logo.isVisible()
    other_office.set_logo(demo_logo(), session=admin_session(other_office))
    qtbot.waitUntil(lambda: window.logo.has_logo, timeout=10_000)
    assert window.logo.isVisible()
    assert 0 < window.logo.height() < window.top_bar.height()
    assert window.logo.geometry().right() < window.office_name.geometry().left()


# -- the admin window --------------------------------------------------------------------------
def logo_box(
    qtbot: QtBot, make_admin: AdminFactory, who: tuple[str, str], **choosers: object
) -> tuple[AdminWindow, LogoBox]:
    window = make_admin(**choosers)
    sign_in(qtbot, window, who)
    shown(qtbot, window, "settings")
    open_section(qtbot, window, "office")
    return window, window.settings_tab.logo


def test_an_admin_chooses_a_logo_and_removes_it(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, tmp_path: Path
) -> None:
    picture = tmp_path / "lambang.png"
    picture.write_bytes(demo_logo())
    asked: list[str] = []

    def choose(_parent: object, title: str, _start: object, name_filter: str) -> Path:
        asked.append(name_filter)
        return picture

    window, box = logo_box(qtbot, make_admin, ADMIN, choose_open=choose)
    assert box.none.isVisible() and not box.view.isVisible()
    assert not box.remove.isEnabled()

    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, box.choose)
    assert blocker.args == ["logo"]
    assert asked == [tr("admin.settings.logo_filter", "id")]
    assert box.message.text() == tr("admin.settings.logo_saved", "id")
    qtbot.waitUntil(lambda: box.view.has_logo, timeout=10_000)
    assert box.view.isVisible() and not box.none.isVisible()
    assert other.logo() is not None
    assert other.reports.audit(AuditQuery(action="logo_changed"), 0, 5)[0].actor == "admin"

    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000):
        click(qtbot, box.remove)
    assert box.message.text() == tr("admin.settings.logo_removed", "id")
    qtbot.waitUntil(lambda: not box.view.has_logo, timeout=10_000)
    assert other.logo() is None


def test_a_file_that_is_not_an_image_is_refused_in_the_window_language(
    qtbot: QtBot, make_admin: AdminFactory, other: Office, tmp_path: Path
) -> None:
    notes = tmp_path / "catatan.txt"
    notes.write_text("bukan gambar", encoding="utf-8")
    window, box = logo_box(qtbot, make_admin, ADMIN, choose_open=lambda _p, _t, _s, _f: notes)
    switch_language(qtbot, window, "en")
    with qtbot.waitSignal(window.settings_tab.saved, timeout=10_000) as blocker:
        click(qtbot, box.choose)
    assert isinstance(blocker.args[0], Exception)
    assert box.message.text() == tr("admin.settings.logo_not_image", "en")
    assert box.choose.isEnabled()
    assert other.logo() is None


def test_a_supervisor_sees_the_logo_but_cannot_change_it(
    qtbot: QtBot, make_admin: AdminFactory, other: Office
) -> None:
    other.set_logo(demo_logo(), session=admin_session(other))
    _, box = logo_box(qtbot, make_admin, SUPERVISOR)
    qtbot.waitUntil(lambda: box.view.has_logo, timeout=10_000)
    assert not box.choose.isEnabled() and not box.remove.isEnabled()
