"""What the admin window's tests share (no tests here; the other test_admin_* modules
import these fixtures).

``admin_url``    a copy of a database filled once per session the way ``kiosk demo-data``
                 does (``fill_demo_day``), with the demo accounts of ``kiosk demo``
                 (kiosk.tools.demo.DEMO_STAFF: petugas officer, kasubsi supervisor, admin admin).
``admin_settings`` the built-in office (what the CLI uses without a config file).
``other``        a second Office on the same database (another PC or process).
``make_admin``   builds a shown admin window with quick timings, QSettings in tmp_path and
                 no native dialogs; closes it at the end of the test.

And what a person does, so tests press widgets instead of calling slots: ``click`` (a
visible, enabled widget), ``type_into``, ``type_number``, ``type_date``, ``type_time``,
``pick`` (a combo item by the keyboard), ``click_row``, ``edit_cell``, ``click_tab`` and
``shown`` (the tab bar), ``open_section`` (the settings menu), ``switch_language``,
``sign_in``; ``SaveAs`` answers the save dialog.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTimeEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from kiosk.config.settings import Settings, settings_from_dict
from kiosk.domain.staff import StaffAccount
from kiosk.office import Office
from kiosk.tools.demo import DEMO_STAFF, ensure_demo_staff, fill_demo_day
from kiosk.ui.admin.chrome import Tab
from kiosk.ui.admin.controller import Timings
from kiosk.ui.admin.ports import AdminOffice
from kiosk.ui.admin.settings.pages import SECTIONS, SectionPage
from kiosk.ui.admin.staff import StaffPage
from kiosk.ui.admin.window import TAB_KEYS, AdminWindow

SLOW = 600_000  # "never" within a test
QUICK = Timings(retry_ms=100, settle_ms=50, refresh_ms=SLOW)
OFFICER, SUPERVISOR, ADMIN = ((username, pin) for username, _, _, pin in DEMO_STAFF)

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
            confirm_replace=choosers.get("confirm_replace", _no_dialog),
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


class SaveAs:
    """The save dialog, answered by the test: each call returns ``answer`` (None: the person
    pressed Cancel) and records what the dialog was asked (title, suggested path, filter)."""

    def __init__(self, answer: Path | None = None) -> None:
        self.answer = answer
        self.asked: list[tuple[str, Path, str]] = []

    def __call__(
        self, _parent: object, title: str, suggested: Path, name_filter: str
    ) -> Path | None:
        self.asked.append((title, suggested, name_filter))
        return self.answer


# -- what a person does -----------------------------------------------------------------------
def click(qtbot: QtBot, widget: QWidget) -> None:
    """A press with the mouse on a widget a person can see and use."""
    assert widget.isVisible(), f"{widget.objectName() or widget} is not on screen"
    assert widget.isEnabled(), f"{widget.objectName() or widget} is greyed out"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, field: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Click into the field, select what is there, and type over it."""
    assert field.isVisible() and field.isEnabled()
    target = field.viewport() if isinstance(field, QPlainTextEdit) else field
    QTest.mouseClick(target, Qt.MouseButton.LeftButton)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        QTest.keyClicks(field, text)
    else:
        QTest.keyClick(field, Qt.Key.Key_Delete)


def pick(qtbot: QtBot, combo: QComboBox, data: object) -> None:
    """Choose an item with the keyboard, as a person tabbing through a form does: the
    box takes the focus, then the arrow keys walk to the item (a popup list cannot be
    clicked on the offscreen platform)."""
    target = combo.findData(data)
    assert target >= 0, data
    assert combo.isVisible() and combo.isEnabled()
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            break
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        QTest.keyClick(combo, key)
    assert combo.currentIndex() == target


def type_date(qtbot: QtBot, edit: QDateEdit, day: dt.date) -> None:
    """Double-click the day part of a date field and type the date (dd/MM/yyyy)."""
    assert edit.isVisible() and edit.isEnabled()
    QTest.mouseDClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(8, edit.height() // 2))
    QTest.keyClicks(edit, f"{day:%d%m%Y}")
    assert edit.date() == QDate(day.year, day.month, day.day), edit.text()


def type_number(qtbot: QtBot, spin: QAbstractSpinBox, text: str) -> None:
    """Click into a number field, select it and type the number."""
    assert spin.isVisible() and spin.isEnabled()
    QTest.mouseClick(spin, Qt.MouseButton.LeftButton)
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(spin, text)


def type_time(qtbot: QtBot, edit: QTimeEdit, hhmm: str) -> None:
    """Double-click the hour part of a time field (HH:mm) and type the time."""
    assert edit.isVisible() and edit.isEnabled()
    QTest.mouseDClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(8, edit.height() // 2))
    QTest.keyClicks(edit, hhmm.replace(":", ""))
    assert edit.time().toString("HH:mm") == hhmm


def click_row(qtbot: QtBot, view: QAbstractItemView, row: int, column: int = 0) -> None:
    """Click a row of a table or list (scrolled into view first, as a person scrolls)."""
    model = view.model()
    assert model is not None
    index = model.index(row, column)
    view.scrollTo(index)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert view.currentIndex().row() == row


def edit_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Click a cell, press F2, type over what is there and press Enter."""
    editing = QAbstractItemView.State.EditingState
    click_row(qtbot, table, row, column)
    QTest.keyClick(table, Qt.Key.Key_F2)
    # A click on the cell already chosen opens its editor itself, once the double-click
    # interval has passed (F2 meanwhile does nothing).
    qtbot.waitUntil(lambda: table.state() is editing)
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    # Qt commits an edit on Enter in a queued call
    qtbot.waitUntil(lambda: table.state() is not editing)
    item = table.item(row, column)
    assert item is not None and item.text() == text


def sign_in(qtbot: QtBot, window: AdminWindow, who: tuple[str, str]) -> StaffAccount:
    """Sign in through the page as a person would (type the name and PIN, press "Masuk");
    waits for the dashboard's figures."""
    page = window.sign_in_page
    type_into(qtbot, page.username, who[0])
    type_into(qtbot, page.pin, who[1])
    with qtbot.waitSignal(window.signed_in, timeout=10_000) as blocker:
        click(qtbot, page.submit_button)
    qtbot.waitUntil(lambda: window.dashboard.data is not None, timeout=10_000)
    account = blocker.args[0]
    assert isinstance(account, StaffAccount)
    return account


def click_tab(qtbot: QtBot, window: AdminWindow, key: str) -> Tab:
    """Click the tab's title in the tab bar."""
    bar = window.tabs.tabBar()
    index = TAB_KEYS.index(key)
    assert bar.isVisible()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentIndex() == index
    return window.current_tab()


def shown(qtbot: QtBot, window: AdminWindow, key: str) -> Tab:
    """Click a tab and wait until what it shows has been read."""
    tab = window.all_tabs()[TAB_KEYS.index(key)]
    if window.current_tab() is tab:
        if tab.stale:  # a change is settling: the window re-reads the visible tab itself
            with qtbot.waitSignal(tab.data_shown, timeout=10_000):
                pass
        return tab
    if not tab.stale:
        return click_tab(qtbot, window, key)
    with qtbot.waitSignal(tab.data_shown, timeout=10_000):
        click_tab(qtbot, window, key)
    return tab


def open_section(qtbot: QtBot, window: AdminWindow, section: str) -> SectionPage | StaffPage:
    """Click a section in the settings tab's menu (the tab must be shown)."""
    tab = window.settings_tab
    row = [*SECTIONS, "staff"].index(section)
    item = tab.menu.item(row)
    assert item is not None and tab.menu.isVisible()
    tab.menu.scrollToItem(item)
    QTest.mouseClick(
        tab.menu.viewport(), Qt.MouseButton.LeftButton, pos=tab.menu.visualItemRect(item).center()
    )
    assert tab.menu.currentRow() == row
    page = tab.staff if section == "staff" else tab.pages[section]
    qtbot.waitUntil(page.isVisible)
    return page


def switch_language(qtbot: QtBot, window: AdminWindow, lang: str) -> None:
    """Press the language button in the window's head (or the sign-in page's)."""
    button = window.language if window.is_signed_in else window.sign_in_page.language
    if window.lang != lang:
        click(qtbot, button)
    assert window.lang == lang


def idle(qtbot: QtBot, window: AdminWindow) -> None:
    qtbot.waitUntil(lambda: not window.backend.busy, timeout=10_000)
